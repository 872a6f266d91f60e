"""Test helpers for staff accounts, shared by every app's tests (see src/meldpunt/conftest.py)."""

import itertools
import time
from typing import Any

import pyotp
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY

from meldpunt.accounts.constants import Role
from meldpunt.accounts.models import User
from meldpunt.accounts.selectors import staff_totp_device
from meldpunt.accounts.services import staff_create, staff_recovery_codes_generate, staff_totp_device_create
from meldpunt.network.models import Organisation
from meldpunt.schools.models import Board

STAFF_PASSWORD = "correct-horse-battery-staple-42"
STAFF_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
DEMO_TOTP_SECRET = "MELDPUNTDEMOTOTP"

_numbers = itertools.count(1)


class _TOTP(pyotp.TOTP):
    # pyotp refuses secrets under 112 bits; the demo secret of CONTRACT.md has 80, which apps accept.
    min_secret_length_bits = 80


def totp_now(secret_base32: str = STAFF_TOTP_SECRET) -> str:
    """The code an authenticator app shows now for this secret (also for the short demo secret)."""
    return _TOTP(secret_base32).now()


def totp_wrong(secret_base32: str = STAFF_TOTP_SECRET) -> str:
    """A six-digit code that the device refuses now: not the code of this, the previous or the next step."""
    totp = _TOTP(secret_base32)
    now = time.time()
    valid = {totp.at(now + offset) for offset in (-30, 0, 30)}
    return next(code for code in (f"{n:06d}" for n in range(10)) if code not in valid)


class StaffClient(Client):
    """A test client signed in as `user`, second factor verified."""

    user: User


def make_staff_user(role: str = Role.COORDINATOR, **overrides: Any) -> User:
    """A staff member made through the services, with TOTP device (`STAFF_TOTP_SECRET`) and recovery codes."""
    role = Role(role).value
    number = next(_numbers)
    if role == Role.SCHOOL_CONTACT and "board" not in overrides:
        overrides["board"] = Board.objects.create(number=f"9{number:05d}", name=f"Testbestuur {number}")
    if role == Role.PARTNER and "partner" not in overrides:
        overrides["partner"] = Organisation.objects.create(
            slug=f"testorganisatie-{number}", name=f"Testorganisatie {number}", description_nl="Test."
        )
    fields: dict[str, Any] = {
        "username": f"{role}-{number}",
        "role": role,
        "email": f"{role}-{number}@meldpunt.test",
        "password": STAFF_PASSWORD,
        **overrides,
    }
    user = staff_create(**fields)
    staff_totp_device_create(user=user, secret_base32=STAFF_TOTP_SECRET, confirmed=True)
    staff_recovery_codes_generate(user=user)
    return user


def sign_in_client(client: Client, user: User) -> Client:
    """What a completed sign-in leaves in the session: the user and the verified TOTP device."""
    client.force_login(user)
    device = staff_totp_device(user=user, confirmed=True)
    assert device is not None, "make the user with make_staff_user, which sets up the TOTP device"
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


def make_staff_client(role: str = Role.COORDINATOR, **overrides: Any) -> StaffClient:
    client = StaffClient()
    client.user = make_staff_user(role, **overrides)
    sign_in_client(client, client.user)
    return client
