from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Demo data for `make run`: exists only where settings.DEMO_DATA allows it (never in production)."""

    name = "meldpunt.demo"
    label = "demo"
