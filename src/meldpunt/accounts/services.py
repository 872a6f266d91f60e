"""Writes for staff accounts: creating staff, their second factor, recovery codes, unlocking."""

from axes.utils import reset as axes_reset
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from meldpunt.accounts.audit import log_event
from meldpunt.accounts.constants import RECOVERY_DEVICE_NAME, TOTP_DEVICE_NAME, Role
from meldpunt.accounts.models import User
from meldpunt.accounts.rules import check_role_and_board, check_role_and_partner
from meldpunt.accounts.second_factor import RECOVERY_CODE_COUNT, InvalidSecret, base32_to_hex
from meldpunt.core.errors import MeldpuntError
from meldpunt.network.models import Organisation
from meldpunt.schools.models import Board


def _raise_as_domain_error(exc: ValidationError) -> None:
    """Turn Django's validation error into the domain's error, naming the first field that failed."""
    if hasattr(exc, "error_dict"):
        field, errors = next(iter(exc.error_dict.items()))
        raise MeldpuntError(str(errors[0].messages[0]), field=None if field == "__all__" else field) from exc
    raise MeldpuntError(str(exc.messages[0])) from exc


@transaction.atomic
def staff_save(*, user: User) -> User:
    """Validate and store a staff member; the admin flags follow from the role, never the other way round.

    Administrators are Django staff and superusers so the admin's model permissions let them manage
    configuration, content and users; every other role has no admin access at all. What they may
    see of cases is decided by `permissions`, which looks at the role only.
    """
    check_role_and_board(role=user.role, has_board=user.board_id is not None)
    check_role_and_partner(role=user.role, has_partner=user.partner_id is not None)
    is_administrator = user.role == Role.ADMINISTRATOR
    user.is_staff = is_administrator
    user.is_superuser = is_administrator
    try:
        user.full_clean()
    except ValidationError as exc:
        _raise_as_domain_error(exc)
    created = user.pk is None
    user.save()
    log_event("accounts.staff_created" if created else "accounts.staff_changed", user_id=user.pk)
    return user


@transaction.atomic
def staff_create(
    *,
    username: str,
    role: str,
    email: str,
    password: str,
    board: Board | None = None,
    partner: Organisation | None = None,
    first_name: str = "",
    last_name: str = "",
    password_rules: bool = True,
) -> User:
    """A new staff member with a password. The second factor is set up at the first sign-in.

    `password_rules=False` is for demo staff only: CONTRACT.md fixes their password
    (`meldpunt-demo`), which the similarity rule may refuse; it is refused where demo data is off.
    """
    user = User(
        username=username,
        role=role,
        email=email,
        board=board,
        partner=partner,
        first_name=first_name,
        last_name=last_name,
    )
    if not password_rules and not settings.DEMO_DATA:
        raise MeldpuntError(_("Wachtwoordregels gelden altijd, behalve voor demogegevens."), field="password")
    try:
        if password_rules:
            validate_password(password, user=user)
    except ValidationError as exc:
        raise MeldpuntError(str(exc.messages[0]), field="password") from exc
    user.set_password(password)
    return staff_save(user=user)


@transaction.atomic
def staff_totp_device_create(*, user: User, secret_base32: str | None = None, confirmed: bool = True) -> TOTPDevice:
    """Give the staff member a TOTP device, replacing any earlier one: one authenticator per person.

    `secret_base32` fixes the secret (the demo staff share `MELDPUNTDEMOTOTP`); otherwise a random
    160-bit key is made. django-otp keeps the key as hex, so base32 is converted here.
    """
    device = TOTPDevice(user=user, name=TOTP_DEVICE_NAME, confirmed=confirmed)
    if secret_base32 is not None:
        try:
            device.key = base32_to_hex(secret_base32)
        except InvalidSecret as exc:
            raise MeldpuntError(_("Dit is geen geldige geheime sleutel."), field="secret_base32") from exc
    TOTPDevice.objects.filter(user=user).delete()
    device.full_clean()
    device.save()
    if confirmed:
        log_event("accounts.totp_enrolled", user_id=user.pk)
    return device


@transaction.atomic
def staff_totp_enrolment_start(*, user: User) -> TOTPDevice:
    """The unconfirmed device shown during enrolment; the same one on every visit, so a scanned code stays valid."""
    if TOTPDevice.objects.filter(user=user, confirmed=True).exists():
        raise MeldpuntError(_("Er is al een authenticator-app ingesteld."))
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = staff_totp_device_create(user=user, confirmed=False)
    return device


@transaction.atomic
def staff_totp_device_confirm(*, device: TOTPDevice, token: str) -> bool:
    """Confirm enrolment with a code from the app. A wrong code counts towards the device's throttle."""
    locked = TOTPDevice.objects.select_for_update().get(pk=device.pk)
    if locked.confirmed or not locked.verify_token(token):
        return False
    locked.confirmed = True
    locked.save(update_fields=["confirmed"])
    device.refresh_from_db()
    log_event("accounts.totp_enrolled", user_id=device.user_id)
    return True


@transaction.atomic
def staff_recovery_codes_generate(*, user: User) -> list[str]:
    """Ten fresh one-time recovery codes; earlier codes stop working. Shown once, so returned once."""
    device, _new = StaticDevice.objects.get_or_create(
        user=user, name=RECOVERY_DEVICE_NAME, defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _index in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    device.throttle_reset()
    log_event("accounts.recovery_codes_generated", user_id=user.pk)
    return codes


@transaction.atomic
def staff_unlock(*, user: User, actor: User) -> None:
    """An administrator lifts a lockout: the failed sign-ins and the code throttles are forgotten."""
    axes_reset(username=user.username)
    for device in [*TOTPDevice.objects.filter(user=user), *StaticDevice.objects.filter(user=user)]:
        device.throttle_reset()
    log_event("accounts.unlocked", user_id=user.pk, actor_id=actor.pk)


@transaction.atomic
def staff_second_factor_reset(*, user: User, actor: User) -> None:
    """An administrator removes a lost authenticator and the recovery codes; the next sign-in enrols anew."""
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    axes_reset(username=user.username)
    log_event("accounts.second_factor_reset", user_id=user.pk, actor_id=actor.pk)
