from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class AccountsConfig(AppConfig):
    name = "meldpunt.accounts"
    label = "accounts"
    default = True


class StaffAdminConfig(admin_apps.AdminConfig):
    """django.contrib.admin with our site as the default `admin.site` (administrators with 2FA only)."""

    default = False
    default_site = "meldpunt.accounts.admin_site.StaffAdminSite"
