from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "meldpunt.accounts"
    label = "accounts"
