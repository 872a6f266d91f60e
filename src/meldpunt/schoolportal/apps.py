from django.apps import AppConfig


class SchoolportalConfig(AppConfig):
    name = "meldpunt.schoolportal"
    label = "schoolportal"
