from django.apps import AppConfig


class NetworkConfig(AppConfig):
    name = "meldpunt.network"
    label = "network"
