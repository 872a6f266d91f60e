from django.apps import AppConfig


class GuideConfig(AppConfig):
    name = "meldpunt.guide"
    label = "guide"
