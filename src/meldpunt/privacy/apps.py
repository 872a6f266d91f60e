from typing import Any

from django.apps import AppConfig
from django.db import DEFAULT_DB_ALIAS
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _key_check_after_migrate(*, using: str, **kwargs: Any) -> None:
    """Every deployment migrates, so this is where a new current key gets its key check row."""
    from meldpunt.privacy.selectors import key_check_table_exists
    from meldpunt.privacy.services import key_check_ensure

    if using == DEFAULT_DB_ALIAS and key_check_table_exists():
        key_check_ensure()


class PrivacyConfig(AppConfig):
    name = "meldpunt.privacy"
    label = "privacy"
    verbose_name = _("Privacy en audit")

    def ready(self) -> None:
        from meldpunt.privacy import checks  # noqa: F401  (registers the system checks)

        post_migrate.connect(_key_check_after_migrate, sender=self, dispatch_uid="meldpunt.privacy.key_check")
