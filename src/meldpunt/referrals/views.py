"""The handler's referral pages (/behandeling/doorverwijzingen/<reference>/): overview, form, preview, send.

The form, the preview and "Send" follow the check-your-answers pattern: the form's answers wait
(encrypted) in the session, the preview shows exactly what the organisation will see, and only
"Send" stores anything. Each POST calls one service; a refusal comes back as a message.
"""

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from meldpunt.accounts.decorators import staff_of, staff_required
from meldpunt.cases.models import Case
from meldpunt.cases.views.shared import case_for_staff
from meldpunt.core import errors
from meldpunt.core.forms_flow import form_service_run, service_read, service_run_with_message
from meldpunt.referrals.drafts import draft_clear, draft_load, draft_save
from meldpunt.referrals.forms import ReferralForm
from meldpunt.referrals.selectors import (
    ReferralFormPage,
    referral_draft_build,
    referral_form_get,
    referral_of_case_get,
    referral_preview,
    referrals_of_case,
)
from meldpunt.referrals.services import referral_buddy_link, referral_close, referral_send


def _overview_url(case: Case) -> str:
    return reverse("referrals:case", kwargs={"reference": case.reference})


def _form_page(request: HttpRequest, case: Case) -> ReferralFormPage:
    return service_read(lambda: referral_form_get(case=case, user=staff_of(request)), missing_is_404=False)


def _form(page: ReferralFormPage, *args: object, **kwargs: object) -> ReferralForm:
    return ReferralForm(
        *args,
        organisations=page.organisations,
        consent_options=page.consent_options,
        may_close_case=page.may_close_case,
        **kwargs,
    )


@never_cache
@require_GET
@staff_required
def case_referrals(request: HttpRequest, reference: str) -> HttpResponse:
    case = case_for_staff(request, reference)
    rows = service_read(lambda: referrals_of_case(case=case, user=staff_of(request)), missing_is_404=False)
    return render(request, "referrals/case.html", {"case": case, "rows": rows})


@never_cache
@require_http_methods(["GET", "POST"])
@staff_required
def referral_new(request: HttpRequest, reference: str) -> HttpResponse:
    case = case_for_staff(request, reference)
    page = _form_page(request, case)
    user = staff_of(request)
    if request.method == "POST":
        form = _form(page, request.POST)
        if form.is_valid():
            data = form.referral_input()
            if form_service_run(form, lambda: referral_draft_build(case=case, user=user, data=data)):
                draft_save(request.session, reference=case.reference, user_id=user.pk, data=data)
                return redirect("referrals:preview", reference=case.reference)
    else:
        draft = draft_load(request.session, reference=case.reference, user_id=user.pk)
        initial = draft.as_dict() if draft else page.initial
        if draft:
            initial["organisation"] = draft.organisation_id
        form = _form(page, initial=initial)
    return render(request, "referrals/new.html", {"case": case, "form": form, "page": page})


@never_cache
@require_GET
@staff_required
def referral_preview_view(request: HttpRequest, reference: str) -> HttpResponse:
    case = case_for_staff(request, reference)
    user = staff_of(request)
    data = draft_load(request.session, reference=case.reference, user_id=user.pk)
    if data is None:
        _form_page(request, case)  # the same refusal as the form for anyone who may not refer
        return redirect("referrals:new", reference=case.reference)
    try:
        draft = referral_preview(case=case, user=user, data=data)
    except errors.PermissionDenied as refused:
        raise PermissionDenied from refused
    except errors.MeldpuntError as refusal:
        messages.error(request, refusal.message)
        return redirect("referrals:new", reference=case.reference)
    return render(request, "referrals/preview.html", {"case": case, "draft": draft, "shared": draft.shared})


@never_cache
@require_POST
@staff_required
def referral_send_view(request: HttpRequest, reference: str) -> HttpResponse:
    case = case_for_staff(request, reference)
    user = staff_of(request)
    data = draft_load(request.session, reference=case.reference, user_id=user.pk)
    if data is None:
        _form_page(request, case)
        messages.error(request, _("Er was geen doorverwijzing om te versturen. Vul het formulier opnieuw in."))
        return redirect("referrals:new", reference=case.reference)
    try:
        referral = referral_send(case=case, user=user, data=data)
    except errors.PermissionDenied as refused:
        raise PermissionDenied from refused
    except errors.MeldpuntError as refusal:
        messages.error(request, refusal.message)
        return redirect("referrals:new", reference=case.reference)
    draft_clear(request.session)
    if referral.organisation_id is not None:
        done = _("De doorverwijzing is verstuurd. De organisatie krijgt een e-mail dat er een doorverwijzing is.")
    else:
        done = _(
            "De doorverwijzing is vastgelegd: wat u deelde, wanneer en met wie. Stuur het zelf naar de organisatie."
        )
    messages.success(request, done)
    return redirect(_overview_url(case))


def _referral_action(request: HttpRequest, reference: str, referral_id: int, action: str) -> HttpResponse:
    case = case_for_staff(request, reference)
    user = staff_of(request)
    service: Callable[..., object]
    if action == "close":
        service, done = referral_close, _("De doorverwijzing is afgerond.")
    else:
        service, done = (
            referral_buddy_link,
            _(
                "De buddy is gekoppeld als steunpersoon. De melder ziet de inloggegevens in het portaal en geeft ze "
                "door; de buddy krijgt een e-mail met uitleg."
            ),
        )
    service_run_with_message(
        request,
        lambda: service(referral=referral_of_case_get(case=case, referral_id=referral_id), user=user),
        done=done,
        missing_is_404=True,
    )
    return redirect(_overview_url(case) + f"#doorverwijzing-{referral_id}")


@never_cache
@require_POST
@staff_required
def referral_close_view(request: HttpRequest, reference: str, referral_id: int) -> HttpResponse:
    return _referral_action(request, reference, referral_id, "close")


@never_cache
@require_POST
@staff_required
def referral_buddy_link_view(request: HttpRequest, reference: str, referral_id: int) -> HttpResponse:
    return _referral_action(request, reference, referral_id, "buddy_link")
