"""System checks: the encryption keys parse, and they are the keys that encrypted the stored data."""

from collections.abc import Sequence
from typing import Any

from django.apps import AppConfig
from django.core import checks
from django.core.exceptions import ImproperlyConfigured

from meldpunt.privacy.crypto import SETTING_NAME, key_ring
from meldpunt.privacy.selectors import key_check_failures


@checks.register(checks.Tags.security)
def encryption_keys_check(app_configs: Sequence[AppConfig] | None, **kwargs: Any) -> list[checks.CheckMessage]:
    """Runs with every management command, so a malformed key stops the start-up."""
    try:
        key_ring()
    except ImproperlyConfigured as exc:
        return [checks.Error(str(exc), id="privacy.E001")]
    return []


@checks.register(checks.Tags.database)
def key_checks_check(
    app_configs: Sequence[AppConfig] | None, databases: Sequence[str] | None = None, **kwargs: Any
) -> list[checks.CheckMessage]:
    """Runs in `migrate` and `check --database default`: refuses keys that cannot read the stored key checks."""
    messages: list[checks.CheckMessage] = []
    try:
        key_ring()
    except ImproperlyConfigured:
        return messages  # privacy.E001 says why
    for alias in databases or ():
        for failure in key_check_failures(using=alias):
            if failure.unknown_key:
                messages.append(
                    checks.Error(
                        f"Stored values are encrypted with key '{failure.key_id}', which is not in {SETTING_NAME}: "
                        "they cannot be read.",
                        hint="Put the key back. To retire a key, run `manage.py encryption_rotate` first.",
                        id="privacy.E002",
                    )
                )
            else:
                messages.append(
                    checks.Error(
                        f"The key with id '{failure.key_id}' in {SETTING_NAME} is not the key that encrypted the "
                        "stored data under that id: those values cannot be read, and new ones would be mixed in.",
                        hint=f"Restore the original key '{failure.key_id}'; a new key needs a new id.",
                        id="privacy.E003",
                    )
                )
    return messages
