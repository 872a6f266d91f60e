from django.apps import AppConfig


class InvestigationsConfig(AppConfig):
    name = "meldpunt.investigations"
    label = "investigations"
