"""Reads for staff accounts and their second factor."""

from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from meldpunt.accounts.constants import RECOVERY_DEVICE_NAME
from meldpunt.accounts.models import User


def staff_get_active(*, user_id: int) -> User | None:
    """The staff member who passed the password step, if the account is still active."""
    return User.objects.filter(pk=user_id, is_active=True).first()


def staff_id_for_username(*, username: str) -> int | None:
    """Only for the audit log of a failed sign-in: the visitor's answer never depends on it."""
    return User.objects.filter(username=username).values_list("pk", flat=True).first()


def staff_totp_device(*, user: User, confirmed: bool) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=confirmed).order_by("pk").first()


def staff_recovery_codes_remaining(*, user: User) -> int:
    return StaticToken.objects.filter(device__user=user, device__name=RECOVERY_DEVICE_NAME).count()
