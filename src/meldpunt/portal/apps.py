from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "meldpunt.portal"
    label = "portal"
