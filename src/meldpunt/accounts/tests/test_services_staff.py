import logging

import pytest
from axes.models import AccessAttempt
from django.test import override_settings
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from meldpunt.accounts.constants import Role
from meldpunt.accounts.second_factor import RECOVERY_CODE_COUNT, hex_to_base32
from meldpunt.accounts.selectors import staff_recovery_codes_remaining, staff_totp_device
from meldpunt.accounts.services import (
    staff_create,
    staff_recovery_codes_generate,
    staff_save,
    staff_second_factor_reset,
    staff_totp_device_confirm,
    staff_totp_device_create,
    staff_totp_enrolment_start,
    staff_unlock,
)
from meldpunt.accounts.tests.helpers import DEMO_TOTP_SECRET, STAFF_PASSWORD, make_staff_user, totp_now, totp_wrong
from meldpunt.core.errors import MeldpuntError
from meldpunt.schools.models import Board
from meldpunt.settings import base

pytestmark = pytest.mark.django_db


@pytest.fixture
def board():
    return Board.objects.create(number="99001", name="Stichting Test")


def test_password_is_stored_as_argon2id_with_the_production_hashers():
    """With the production hasher list a staff password is an Argon2id hash."""
    with override_settings(PASSWORD_HASHERS=base.PASSWORD_HASHERS):
        user = staff_create(username="argon", role=Role.HANDLER, email="a@meldpunt.test", password=STAFF_PASSWORD)
    assert user.password.startswith("argon2$argon2id$")
    assert user.check_password(STAFF_PASSWORD)


def test_staff_create_stores_role_and_checks_the_password():
    """A new staff member has the role and a usable password, and no admin flags unless administrator."""
    user = staff_create(username="hb", role=Role.HANDLER, email="hb@meldpunt.test", password=STAFF_PASSWORD)
    user.refresh_from_db()
    assert (user.role, user.is_staff, user.is_superuser) == (Role.HANDLER, False, False)
    assert user.check_password(STAFF_PASSWORD)


def test_administrator_gets_the_admin_flags_from_the_role():
    """Administrators are Django staff and superusers; the flags follow the role when it changes."""
    user = staff_create(username="beh", role=Role.ADMINISTRATOR, email="b@meldpunt.test", password=STAFF_PASSWORD)
    assert user.is_staff and user.is_superuser
    user.role = Role.ANALYST
    staff_save(user=user)
    user.refresh_from_db()
    assert not user.is_staff and not user.is_superuser


def test_weak_password_is_refused():
    """Passwords follow the validators: at least 12 characters, not common, not all digits."""
    with pytest.raises(MeldpuntError) as info:
        staff_create(username="weak", role=Role.HANDLER, email="w@meldpunt.test", password="kort")
    assert info.value.field == "password"


def test_demo_staff_may_have_the_fixed_demo_password():
    """The contract's demo password is accepted without the password rules, only where demo data is on."""
    fields = {"username": "coordinator", "role": Role.COORDINATOR, "email": "coordinator@meldpunt.example"}
    with pytest.raises(MeldpuntError):
        staff_create(**fields, password="meldpunt-demo")
    with override_settings(DEMO_DATA=False), pytest.raises(MeldpuntError):
        staff_create(**fields, password="meldpunt-demo", password_rules=False)
    user = staff_create(**fields, password="meldpunt-demo", password_rules=False)
    assert user.check_password("meldpunt-demo")


def test_unknown_role_is_refused():
    """Every staff member has one of the known roles."""
    with pytest.raises(MeldpuntError) as info:
        staff_create(username="x", role="superhero", email="x@meldpunt.test", password=STAFF_PASSWORD)
    assert info.value.field == "role"


def test_school_contact_needs_a_board_and_others_have_none(board):
    """A school contact belongs to one board; other roles belong to none."""
    with pytest.raises(MeldpuntError) as info:
        staff_create(username="sc", role=Role.SCHOOL_CONTACT, email="s@meldpunt.test", password=STAFF_PASSWORD)
    assert info.value.field == "board"
    with pytest.raises(MeldpuntError):
        staff_create(username="h", role=Role.HANDLER, email="h@meldpunt.test", password=STAFF_PASSWORD, board=board)
    contact = staff_create(
        username="sc", role=Role.SCHOOL_CONTACT, email="s@meldpunt.test", password=STAFF_PASSWORD, board=board
    )
    assert contact.board == board


def test_duplicate_username_is_refused():
    """A username names one staff member."""
    staff_create(username="dup", role=Role.HANDLER, email="d@meldpunt.test", password=STAFF_PASSWORD)
    with pytest.raises(MeldpuntError) as info:
        staff_create(username="dup", role=Role.ANALYST, email="e@meldpunt.test", password=STAFF_PASSWORD)
    assert info.value.field == "username"


def test_demo_secret_device_accepts_the_code_an_app_shows():
    """The fixed demo secret, given in base32, yields a device that accepts the app's current code."""
    user = staff_create(username="demo", role=Role.COORDINATOR, email="d@meldpunt.test", password=STAFF_PASSWORD)
    device = staff_totp_device_create(user=user, secret_base32=DEMO_TOTP_SECRET)
    assert device.confirmed
    assert device.key == "611637d1b31918e9ba6f"
    assert device.verify_token(totp_now(DEMO_TOTP_SECRET))


def test_totp_device_create_replaces_the_earlier_device():
    """One authenticator per person: a new device replaces the old one (so the demo loader can rerun)."""
    user = make_staff_user(Role.HANDLER)
    staff_totp_device_create(user=user, secret_base32=DEMO_TOTP_SECRET)
    staff_totp_device_create(user=user, secret_base32=DEMO_TOTP_SECRET)
    assert TOTPDevice.objects.filter(user=user).count() == 1


def test_bad_secret_is_refused():
    """A secret that is not base32 is refused with a domain error."""
    user = make_staff_user(Role.HANDLER)
    with pytest.raises(MeldpuntError):
        staff_totp_device_create(user=user, secret_base32="not base32!")


def test_random_secret_is_160_bits():
    """Without a given secret the device gets a random 160-bit key."""
    user = staff_create(username="rnd", role=Role.HANDLER, email="r@meldpunt.test", password=STAFF_PASSWORD)
    device = staff_totp_device_create(user=user, confirmed=False)
    assert len(bytes.fromhex(device.key)) == 20
    assert not device.confirmed


def test_enrolment_reuses_the_unconfirmed_device_and_confirms_with_a_code():
    """Reloading the enrolment page keeps the same secret; a right code confirms the device."""
    user = staff_create(username="new", role=Role.ANALYST, email="n@meldpunt.test", password=STAFF_PASSWORD)
    device = staff_totp_enrolment_start(user=user)
    assert staff_totp_enrolment_start(user=user).pk == device.pk
    secret = hex_to_base32(device.key)
    assert not staff_totp_device_confirm(device=device, token=totp_wrong(secret))
    device.throttle_reset()
    assert staff_totp_device_confirm(device=device, token=totp_now(secret))
    assert staff_totp_device(user=user, confirmed=True) == device


def test_enrolment_is_refused_when_a_device_is_confirmed():
    """A confirmed authenticator cannot be replaced through enrolment."""
    user = make_staff_user(Role.HANDLER)
    with pytest.raises(MeldpuntError):
        staff_totp_enrolment_start(user=user)


def test_recovery_codes_are_ten_new_codes_each_time():
    """Ten distinct codes; generating again makes the old ones stop working."""
    user = staff_create(username="rc", role=Role.HANDLER, email="r@meldpunt.test", password=STAFF_PASSWORD)
    first = staff_recovery_codes_generate(user=user)
    assert len(first) == len(set(first)) == RECOVERY_CODE_COUNT
    second = staff_recovery_codes_generate(user=user)
    assert not set(first) & set(second)
    assert staff_recovery_codes_remaining(user=user) == RECOVERY_CODE_COUNT
    device = StaticDevice.objects.get(user=user)
    assert not device.verify_token(first[0])
    device.throttle_reset()
    assert device.verify_token(second[0])
    assert staff_recovery_codes_remaining(user=user) == RECOVERY_CODE_COUNT - 1


def test_unlock_forgets_failures_and_code_throttles():
    """An administrator's unlock removes the failed attempts and the device's growing delay."""
    admin = make_staff_user(Role.ADMINISTRATOR)
    user = make_staff_user(Role.HANDLER)
    AccessAttempt.objects.create(
        username=user.username, ip_address="192.0.2.1", user_agent="t", failures_since_start=10
    )
    device = staff_totp_device(user=user, confirmed=True)
    device.throttle_increment()
    staff_unlock(user=user, actor=admin)
    device.refresh_from_db()
    assert not AccessAttempt.objects.filter(username=user.username).exists()
    assert device.throttling_failure_count == 0


def test_second_factor_reset_removes_devices():
    """After a reset the staff member has no TOTP device and no recovery codes, so enrols again."""
    admin = make_staff_user(Role.ADMINISTRATOR)
    user = make_staff_user(Role.HANDLER)
    staff_second_factor_reset(user=user, actor=admin)
    assert not TOTPDevice.objects.filter(user=user).exists()
    assert staff_recovery_codes_remaining(user=user) == 0


def test_account_events_log_ids_only(caplog):
    """Account events are logged with the user id, never the username or email."""
    with caplog.at_level(logging.INFO, logger="meldpunt.accounts.audit"):
        admin = make_staff_user(Role.ADMINISTRATOR, username="geheimenaam", email="geheim@meldpunt.test")
        staff_unlock(user=admin, actor=admin)
    events = [(r.event, r.user_id) for r in caplog.records if r.name == "meldpunt.accounts.audit"]
    assert ("accounts.staff_created", admin.pk) in events
    assert ("accounts.unlocked", admin.pk) in events
    assert "geheim" not in caplog.text
