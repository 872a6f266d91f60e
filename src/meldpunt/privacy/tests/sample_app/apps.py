from django.apps import AppConfig


class SampleAppConfig(AppConfig):
    """Installed by the test settings only: a table with every encrypted field type to test them on."""

    name = "meldpunt.privacy.tests.sample_app"
    label = "privacy_sample"
    default_auto_field = "django.db.models.BigAutoField"
