from django.apps import AppConfig


class InterventionsConfig(AppConfig):
    name = "meldpunt.interventions"
    label = "interventions"
