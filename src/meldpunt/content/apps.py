from django.apps import AppConfig


class ContentConfig(AppConfig):
    name = "meldpunt.content"
    label = "content"
