from django.apps import AppConfig


class FindingsConfig(AppConfig):
    name = "meldpunt.findings"
    label = "findings"
