import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError

from meldpunt.privacy.checks import encryption_keys_check, key_checks_check
from meldpunt.privacy.models import KEY_CHECK_CANARY, KeyCheck
from meldpunt.privacy.services import key_check_ensure
from meldpunt.privacy.tests.conftest import KEY_A, KEY_B, key_setting


def test_malformed_keys_are_a_check_error(settings):
    """Every management command stops on a malformed key setting, naming the problem."""
    settings.ENCRYPTION_KEYS = "test1:kort"
    [error] = encryption_keys_check(None)
    assert error.id == "privacy.E001"
    assert "MELDPUNT_ENCRYPTION_KEYS" in error.msg


def test_good_keys_pass():
    """The test settings' key passes."""
    assert encryption_keys_check(None) == []


@pytest.mark.django_db
def test_migrate_writes_a_key_check_for_the_current_key():
    """After migrate the current key has a key check holding the known value."""
    check = KeyCheck.objects.get(key_id="test1")
    assert check.canary == KEY_CHECK_CANARY


@pytest.mark.django_db
def test_key_check_ensure_is_idempotent(settings):
    """Ensuring twice keeps one row per current key."""
    settings.ENCRYPTION_KEYS = KEY_A
    assert key_check_ensure() == key_check_ensure()
    assert KeyCheck.objects.filter(key_id="keyA").count() == 1


@pytest.mark.django_db
def test_configured_keys_that_read_the_key_checks_pass():
    """With the key that wrote the data, the database check passes."""
    assert key_checks_check(None, databases=["default"]) == []


@pytest.mark.django_db
def test_other_key_bytes_under_a_known_id_are_refused(settings):
    """A key id that now holds other key bytes (a mis-pasted key) is an error before anything is written."""
    settings.ENCRYPTION_KEYS = key_setting("test1", b"not the key the data was written with")
    [error] = key_checks_check(None, databases=["default"])
    assert error.id == "privacy.E003"
    assert "'test1'" in error.msg
    with pytest.raises(SystemCheckError, match=r"privacy\.E003"):
        call_command("check", "--database", "default")


@pytest.mark.django_db
def test_removed_key_that_values_still_use_is_refused(settings):
    """Removing a key while stored values still use it is an error that names the key."""
    settings.ENCRYPTION_KEYS = f"{KEY_B},{KEY_A}"
    [error] = key_checks_check(None, databases=["default"])
    assert error.id == "privacy.E002"
    assert "'test1'" in error.msg


def test_database_check_needs_a_database():
    """Without --database the key checks are not read (static checks must not touch the database)."""
    assert key_checks_check(None, databases=None) == []
