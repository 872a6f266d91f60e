from django.apps import AppConfig


class SchoolsConfig(AppConfig):
    name = "meldpunt.schools"
    label = "schools"
