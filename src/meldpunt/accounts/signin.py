"""The two-step staff sign-in, bound to the request because sessions, axes and django-otp are.

Step 1 checks the password (through axes, which counts failures per username and per address) and
only remembers, in the session, who passed it. Step 2 checks a TOTP code or a recovery code; only
then is the staff member signed in (`django.contrib.auth.login` plus `django_otp.login`). So a
password alone signs nobody in for anything. Wrong codes count as failed sign-ins for axes too,
on top of django-otp's own growing delay per device.
"""

import enum
import math
from dataclasses import dataclass

from axes.handlers.proxy import AxesProxyHandler
from django.contrib.auth import authenticate, logout
from django.contrib.auth import login as auth_login
from django.contrib.auth.signals import user_login_failed
from django.http import HttpRequest
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django_otp import login as otp_login
from django_otp import verify_token
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from meldpunt.accounts.audit import log_event
from meldpunt.accounts.models import User
from meldpunt.accounts.selectors import staff_get_active, staff_id_for_username
from meldpunt.accounts.services import staff_totp_device_confirm

PENDING_KEY = "accounts_pending_sign_in"
# Time allowed between the password and the second factor (enrolment included).
PENDING_SECONDS = 10 * 60
_MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"


class Outcome(enum.Enum):
    SIGNED_IN = "signed_in"
    WRONG = "wrong"
    THROTTLED = "throttled"
    LOCKED_OUT = "locked_out"


@dataclass(frozen=True)
class PasswordResult:
    user: User | None
    locked_out: bool = False


@dataclass(frozen=True)
class CodeResult:
    outcome: Outcome
    next_url: str | None = None
    wait_seconds: int = 0


def safe_next_url(request: HttpRequest, url: str | None) -> str | None:
    """Only a path on this site may be a destination after sign-in (no open redirect)."""
    if url and url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()}, require_https=False):
        return url
    return None


def password_check(request: HttpRequest, *, username: str, password: str, next_url: str | None) -> PasswordResult:
    """Step 1. On success the session remembers who passed, nothing more; the user is not signed in."""
    user = authenticate(request, username=username, password=password)
    if getattr(request, "axes_locked_out", False):
        log_event("accounts.sign_in_locked_out", user_id=staff_id_for_username(username=username), warning=True)
        return PasswordResult(user=None, locked_out=True)
    if not isinstance(user, User):
        log_event("accounts.sign_in_password_failed", user_id=staff_id_for_username(username=username), warning=True)
        return PasswordResult(user=None)
    # A new session key: whatever an attacker planted in the old one is not carried into step 2.
    request.session.cycle_key()
    request.session[PENDING_KEY] = {
        "user_id": user.pk,
        "started": timezone.now().timestamp(),
        "next": safe_next_url(request, next_url),
    }
    log_event("accounts.sign_in_password_ok", user_id=user.pk)
    return PasswordResult(user=user)


def pending_user(request: HttpRequest) -> User | None:
    """Who passed step 1 in this session, within the last ten minutes, and is still active."""
    pending = request.session.get(PENDING_KEY)
    if not pending:
        return None
    if timezone.now().timestamp() - pending["started"] > PENDING_SECONDS:
        del request.session[PENDING_KEY]
        return None
    return staff_get_active(user_id=pending["user_id"])


def pending_clear(request: HttpRequest) -> None:
    request.session.pop(PENDING_KEY, None)


def _credentials(user: User) -> dict[str, str]:
    return {"username": user.get_username()}


def second_factor_check(
    request: HttpRequest, *, user: User, device: Device | None, token: str, enrolment: bool = False
) -> CodeResult:
    """Step 2: a code from `device` (the TOTP app, or the recovery codes). Signs in when it is right.

    With `enrolment`, `device` is the new, unconfirmed TOTP device and a right code confirms it.
    """
    if not AxesProxyHandler.is_allowed(request, _credentials(user)):
        pending_clear(request)
        log_event("accounts.sign_in_locked_out", user_id=user.pk, warning=True)
        return CodeResult(Outcome.LOCKED_OUT)
    if device is not None:
        allowed, info = device.verify_is_allowed()
        if not allowed:
            locked_until = (info or {}).get("locked_until")
            wait = (locked_until - timezone.now()).total_seconds() if locked_until else 1
            return CodeResult(Outcome.THROTTLED, wait_seconds=max(1, math.ceil(wait)))
    if device is not None and _verify(user=user, device=device, token=token, enrolment=enrolment):
        next_url = request.session.get(PENDING_KEY, {}).get("next")
        _sign_in(request, user=user, device=device)
        return CodeResult(Outcome.SIGNED_IN, next_url=next_url)
    user_login_failed.send(sender=__name__, credentials=_credentials(user), request=request)
    if getattr(request, "axes_locked_out", False):
        pending_clear(request)
        log_event("accounts.sign_in_locked_out", user_id=user.pk, warning=True)
        return CodeResult(Outcome.LOCKED_OUT)
    log_event("accounts.sign_in_code_failed", user_id=user.pk, warning=True)
    return CodeResult(Outcome.WRONG)


def _verify(*, user: User, device: Device, token: str, enrolment: bool) -> bool:
    if enrolment:
        return isinstance(device, TOTPDevice) and staff_totp_device_confirm(device=device, token=token)
    # django_otp.verify_token locks the device row, so two requests cannot spend one code twice.
    return verify_token(user, device.persistent_id, token) is not None


def _sign_in(request: HttpRequest, *, user: User, device: Device) -> None:
    auth_login(request, user, backend=_MODEL_BACKEND)
    otp_login(request, device)
    pending_clear(request)
    log_event("accounts.signed_in", user_id=user.pk)
    if isinstance(device, StaticDevice):
        log_event("accounts.recovery_code_used", user_id=user.pk)


def sign_out(request: HttpRequest) -> None:
    user_id = request.user.pk if request.user.is_authenticated else None
    logout(request)
    log_event("accounts.signed_out", user_id=user_id)
