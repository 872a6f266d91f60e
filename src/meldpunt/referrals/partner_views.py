"""The partner portal (/partner/): a network organisation's partners see the referrals made to it,
accept or decline them, and report back. A referral to another organisation does not exist for them (404).

Partners sign in like staff, with a password and a second factor (/medewerkers/inloggen).
"""

from collections.abc import Callable

from django import forms
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from meldpunt.accounts.decorators import staff_of, staff_required
from meldpunt.core import errors
from meldpunt.core.forms_flow import form_service_flow, service_read, service_run_with_message
from meldpunt.referrals.forms import DeclineForm, ReportForm
from meldpunt.referrals.models import Referral
from meldpunt.referrals.selectors import partner_inbox, partner_referral_get, partner_referral_open
from meldpunt.referrals.services import referral_accept, referral_decline, referral_report


def _referral(request: HttpRequest, referral_id: int) -> Referral:
    try:
        return partner_referral_get(user=staff_of(request), referral_id=referral_id)
    except errors.NotFound as missing:
        raise Http404 from missing


def _report_initial(referral: Referral) -> dict[str, object]:
    if referral.reported_at is None:
        return {}
    return {
        "contact_made": "yes" if referral.contact_made else "no",
        "contact_made_on": referral.contact_made_on.strftime("%d-%m-%Y") if referral.contact_made_on else "",
        "support_offered": referral.support_offered,
        "buddy_assigned": "yes" if referral.buddy_assigned else "no",
        "buddy_name": referral.buddy_name or "",
        "buddy_email": referral.buddy_email or "",
    }


def _detail(request: HttpRequest, referral_id: int, *, bound: forms.Form | None = None) -> HttpResponse:
    try:
        page = partner_referral_open(user=staff_of(request), referral_id=referral_id)
    except errors.NotFound as missing:
        raise Http404 from missing
    context = {
        "page": page,
        "shared": page.shared,
        "decline_form": bound if isinstance(bound, DeclineForm) else DeclineForm(),
        "report_form": bound if isinstance(bound, ReportForm) else ReportForm(initial=_report_initial(page.referral)),
        "error_form": bound if bound is not None and bound.errors else None,
    }
    return render(request, "referrals/partner/detail.html", context)


@never_cache
@require_GET
@staff_required
def inbox(request: HttpRequest) -> HttpResponse:
    rows = service_read(lambda: partner_inbox(user=staff_of(request)), missing_is_404=False)
    return render(request, "referrals/partner/inbox.html", {"rows": rows})


@never_cache
@require_GET
@staff_required
def detail(request: HttpRequest, referral_id: int) -> HttpResponse:
    return _detail(request, referral_id)


@never_cache
@require_POST
@staff_required
def accept(request: HttpRequest, referral_id: int) -> HttpResponse:
    referral = _referral(request, referral_id)
    service_run_with_message(
        request,
        lambda: referral_accept(referral=referral, user=staff_of(request)),
        done=_("U heeft de doorverwijzing aangenomen. Meld hieronder terug zodra er contact is."),
    )
    return redirect("partner:referral", referral_id=referral.pk)


def _submit(
    request: HttpRequest, referral: Referral, form: forms.Form, action: Callable[[], object], done: str
) -> HttpResponse:
    return form_service_flow(
        request,
        form,
        action,
        done=done,
        success_url=reverse("partner:referral", kwargs={"referral_id": referral.pk}),
        on_invalid=lambda bound: _detail(request, referral.pk, bound=bound),
    )


@never_cache
@require_POST
@staff_required
def decline(request: HttpRequest, referral_id: int) -> HttpResponse:
    referral = _referral(request, referral_id)
    form = DeclineForm(request.POST)
    return _submit(
        request,
        referral,
        form,
        lambda: referral_decline(referral=referral, user=staff_of(request), reason=form.cleaned_data["reason"]),
        _("U heeft de doorverwijzing afgewezen. Het meldpunt leest uw reden."),
    )


@never_cache
@require_POST
@staff_required
def report(request: HttpRequest, referral_id: int) -> HttpResponse:
    referral = _referral(request, referral_id)
    form = ReportForm(request.POST)

    def send() -> None:
        data = form.cleaned_data
        referral_report(
            referral=referral,
            user=staff_of(request),
            contact_made=data["contact_made"],
            contact_made_on=data["contact_made_on"],
            support_offered=data["support_offered"],
            buddy_assigned=data["buddy_assigned"],
            buddy_name=data["buddy_name"],
            buddy_email=data["buddy_email"],
        )

    return _submit(
        request, referral, form, send, _("Uw terugmelding is opgeslagen. Het meldpunt en de melder zien hem nu.")
    )
