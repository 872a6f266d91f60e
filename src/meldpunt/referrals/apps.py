from django.apps import AppConfig


class ReferralsConfig(AppConfig):
    name = "meldpunt.referrals"
    label = "referrals"
