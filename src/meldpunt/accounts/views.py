"""Staff sign-in, enrolment of the second factor, sign-out and the staff home page."""

import math
from datetime import timedelta
from typing import Any

from axes.helpers import get_cool_off
from django.conf import settings
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_otp.plugins.otp_static.models import StaticDevice

from meldpunt.accounts import signin
from meldpunt.accounts.constants import RECOVERY_DEVICE_NAME, Role
from meldpunt.accounts.decorators import staff_required
from meldpunt.accounts.forms import RecoveryCodeForm, SignInForm, TotpCodeForm
from meldpunt.accounts.models import User
from meldpunt.accounts.permissions import is_signed_in_staff
from meldpunt.accounts.second_factor import group, hex_to_base32, provisioning_uri, qr_svg, recovery_code_display
from meldpunt.accounts.selectors import staff_recovery_codes_remaining, staff_totp_device
from meldpunt.accounts.services import staff_recovery_codes_generate, staff_totp_enrolment_start

RECOVERY_CODES_KEY = "accounts_recovery_codes_to_show"


def _render_form(request: HttpRequest, template: str, form: Form, **context: Any) -> HttpResponse:
    return render(request, template, {"form": form, **context})


def _wrong_code_message(result: signin.CodeResult) -> str:
    if result.outcome is signin.Outcome.THROTTLED:
        return ngettext(
            "U heeft te snel na elkaar een verkeerde code ingevuld. Wacht %(seconds)d seconde en probeer het opnieuw.",
            "U heeft te snel na elkaar een verkeerde code ingevuld. Wacht %(seconds)d seconden en probeer het opnieuw.",
            result.wait_seconds,
        ) % {"seconds": result.wait_seconds}
    return _("Deze code klopt niet. Vul de code in die uw app nu laat zien.")


def _after_sign_in(result: signin.CodeResult) -> HttpResponse:
    return redirect(result.next_url or settings.LOGIN_REDIRECT_URL)


@never_cache
@sensitive_post_parameters("password")
@require_http_methods(["GET", "POST"])
def sign_in(request: HttpRequest) -> HttpResponse:
    """Step 1: username and password."""
    if is_signed_in_staff(request.user):
        return redirect(settings.LOGIN_REDIRECT_URL)
    form = SignInForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        result = signin.password_check(
            request,
            username=form.cleaned_data["username"],
            password=form.cleaned_data["password"],
            next_url=request.GET.get("next"),
        )
        if result.locked_out:
            return lockout(request)
        if result.user is not None:
            if staff_totp_device(user=result.user, confirmed=True) is None:
                return redirect("accounts:enrol")
            return redirect("accounts:login_code")
        # The same words whether the username exists or not: the page must not confirm an account.
        form.add_error(None, _("De gebruikersnaam of het wachtwoord klopt niet. Controleer ze en probeer het opnieuw."))
    return _render_form(request, "accounts/sign_in.html", form)


@never_cache
@sensitive_post_parameters("code")
@require_http_methods(["GET", "POST"])
def sign_in_code(request: HttpRequest) -> HttpResponse:
    """Step 2: the six digits from the authenticator app."""
    user = signin.pending_user(request)
    if user is None:
        return redirect("accounts:login")
    device = staff_totp_device(user=user, confirmed=True)
    if device is None:
        return redirect("accounts:enrol")
    form = TotpCodeForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        result = signin.second_factor_check(request, user=user, device=device, token=form.cleaned_data["code"])
        if result.outcome is signin.Outcome.SIGNED_IN:
            return _after_sign_in(result)
        if result.outcome is signin.Outcome.LOCKED_OUT:
            return lockout(request)
        form.add_error("code", _wrong_code_message(result))
    return _render_form(request, "accounts/sign_in_code.html", form)


@never_cache
@sensitive_post_parameters("code")
@require_http_methods(["GET", "POST"])
def sign_in_recovery(request: HttpRequest) -> HttpResponse:
    """Step 2 without the phone: one of the ten recovery codes, each valid once."""
    user = signin.pending_user(request)
    if user is None:
        return redirect("accounts:login")
    form = RecoveryCodeForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        device = StaticDevice.objects.filter(user=user, name=RECOVERY_DEVICE_NAME, confirmed=True).first()
        result = signin.second_factor_check(request, user=user, device=device, token=form.cleaned_data["code"])
        if result.outcome is signin.Outcome.SIGNED_IN:
            return _after_sign_in(result)
        if result.outcome is signin.Outcome.LOCKED_OUT:
            return lockout(request)
        if result.outcome is signin.Outcome.THROTTLED:
            form.add_error("code", _wrong_code_message(result))
        else:
            form.add_error("code", _("Deze herstelcode klopt niet, of u heeft hem al eens gebruikt."))
    return _render_form(request, "accounts/sign_in_recovery.html", form)


@never_cache
@sensitive_post_parameters("code")
@require_http_methods(["GET", "POST"])
def enrol(request: HttpRequest) -> HttpResponse:
    """First sign-in: connect an authenticator app, confirm it with a code, then get recovery codes."""
    user = signin.pending_user(request)
    if user is None:
        return redirect("accounts:login")
    if staff_totp_device(user=user, confirmed=True) is not None:
        # Only someone without a second factor may set one up; a password alone never replaces it.
        return redirect("accounts:login_code")
    device = staff_totp_enrolment_start(user=user)
    form = TotpCodeForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        result = signin.second_factor_check(
            request, user=user, device=device, token=form.cleaned_data["code"], enrolment=True
        )
        if result.outcome is signin.Outcome.SIGNED_IN:
            request.session[RECOVERY_CODES_KEY] = staff_recovery_codes_generate(user=user)
            return redirect("accounts:recovery_codes")
        if result.outcome is signin.Outcome.LOCKED_OUT:
            return lockout(request)
        form.add_error("code", _wrong_code_message(result))
    secret = hex_to_base32(device.key)
    uri = provisioning_uri(secret_base32=secret, account=user.get_username())
    return _render_form(
        request,
        "accounts/enrol.html",
        form,
        qr_svg=qr_svg(uri, title=_("QR-code om de app in te stellen")),
        secret_grouped=group(secret),
    )


@never_cache
@staff_required
@require_GET
def recovery_codes(request: HttpRequest) -> HttpResponse:
    """The new recovery codes, shown this once: they are taken out of the session as they are shown."""
    codes = request.session.pop(RECOVERY_CODES_KEY, None)
    if not codes:
        return redirect("accounts:home")
    return render(request, "accounts/recovery_codes.html", {"codes": [recovery_code_display(c) for c in codes]})


@never_cache
@staff_required
@require_POST
def recovery_codes_renew(request: HttpRequest) -> HttpResponse:
    request.session[RECOVERY_CODES_KEY] = staff_recovery_codes_generate(user=_staff(request))
    return redirect("accounts:recovery_codes")


def _staff(request: HttpRequest) -> User:
    assert isinstance(request.user, User)  # staff_required let only a signed-in staff member through
    return request.user


@never_cache
@staff_required
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    user = _staff(request)
    return render(
        request,
        "accounts/home.html",
        {
            "role_label": Role(user.role).label,
            "tasks": _role_tasks(user.role),
            "places": _role_places(user.role),
            "recovery_codes_remaining": staff_recovery_codes_remaining(user=user),
        },
    )


def _role_tasks(role: str) -> list[str]:
    """What each role is for, in words; links are added as the pages for them are built."""
    tasks = {
        Role.COORDINATOR: [
            _("U ziet van alle zaken de samenvatting voor de triage."),
            _("U verdeelt zaken over behandelaars en houdt de capaciteit in de gaten."),
            _("De volledige inhoud van een zaak ziet u alleen als de zaak aan u is toegewezen."),
        ],
        Role.HANDLER: [_("U behandelt de zaken die aan u zijn toegewezen.")],
        Role.SCHOOL_CONTACT: [_("U ziet per zaak van uw schoolbestuur alleen wat met de school is gedeeld.")],
        Role.PARTNER: [_("U ziet de doorverwijzingen naar uw organisatie, als de melder daarmee instemde.")],
        Role.ANALYST: [_("U ziet statistieken over alle zaken samen, nooit een losse zaak.")],
        Role.ADMINISTRATOR: [_("U beheert de instellingen, de teksten en de accounts. Zaken ziet u niet.")],
    }
    return tasks.get(Role(role), [])


def _role_places(role: str) -> list[tuple[str, str]]:
    """Where each role works: (label, url). The first is the main place, shown as the primary button."""
    places = {
        Role.COORDINATOR: [
            (_("Naar de werkvoorraad"), "cases:queue"),
            (_("Signalen voor het toezicht"), "interventions:signals"),
            (_("Mijn banden met schoolbesturen"), "cases:board_links"),
        ],
        Role.HANDLER: [
            (_("Naar de werkvoorraad"), "cases:queue"),
            (_("Mijn banden met schoolbesturen"), "cases:board_links"),
        ],
        Role.SCHOOL_CONTACT: [(_("Naar de vragen aan uw school"), "schoolportal:home")],
        Role.PARTNER: [(_("Naar de doorverwijzingen"), "partner:referrals")],
        Role.ANALYST: [(_("Signalen voor het toezicht"), "interventions:signals")],
        Role.ADMINISTRATOR: [
            (_("Informatiepagina's"), "content_admin:list"),
            (_("Wegwijzer: vragen en adviezen"), "guide_admin:overview"),
            (_("Organisaties in het netwerk"), "network_admin:list"),
            (_("Naar het beheer"), "admin:index"),
        ],
    }
    return [(label, reverse(name)) for label, name in places.get(Role(role), [])]


@never_cache
@require_POST
def sign_out(request: HttpRequest) -> HttpResponse:
    signin.sign_out(request)
    return redirect("accounts:signed_out")


@require_GET
def signed_out(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/signed_out.html")


def lockout(
    request: HttpRequest, original_response: HttpResponse | None = None, credentials: dict[str, Any] | None = None
) -> HttpResponse:
    """The page for a locked account or address (settings.AXES_LOCKOUT_CALLABLE), with 429.

    It says the same for a real and a made-up username, and when to try again. Every failed attempt
    during the lockout starts the cool-off again (axes' default), so the time is counted from now.
    """
    cool_off = get_cool_off(request) or timedelta(minutes=30)
    attempt_time = getattr(request, "axes_attempt_time", None) or timezone.now()
    retry_at = attempt_time + cool_off
    minutes = max(1, math.ceil(cool_off.total_seconds() / 60))
    response = render(
        request,
        "accounts/locked.html",
        {"retry_at": retry_at, "minutes": minutes, "sign_in_url": reverse("accounts:login")},
        status=429,
    )
    response["Retry-After"] = str(max(1, math.ceil((retry_at - timezone.now()).total_seconds())))
    return response
