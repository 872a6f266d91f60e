"""Parties and the reporter's consents on the investigation workspace (back office)."""

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from meldpunt.accounts.decorators import staff_of, staff_required
from meldpunt.cases.models import Case
from meldpunt.cases.views.shared import case_for_staff
from meldpunt.core.forms_flow import service_read
from meldpunt.investigations.constants import ConsentSubject
from meldpunt.investigations.forms import ConsentForm, PartyForm
from meldpunt.investigations.models import Party
from meldpunt.investigations.selectors.requests import consent_for_handler, consents_active, party_for_handler
from meldpunt.investigations.services.chronology import case_content_check
from meldpunt.investigations.services.parties import (
    PartyDetails,
    consent_record,
    consent_withdraw,
    is_reporter_side,
    party_add,
    party_update,
)
from meldpunt.investigations.views.requests import act, workspace_url


def _details(form: PartyForm) -> PartyDetails:
    data = form.cleaned_data
    return PartyDetails(
        name=data["name"],
        organisation=data["organisation"],
        email=data["email"],
        phone=data["phone"],
        access=data["access"],
        identity_shared_with_school=data["identity_shared_with_school"],
    )


def _party_page(request: HttpRequest, the_case: Case, form: PartyForm, party: Party | None) -> HttpResponse:
    return render(
        request,
        "investigations/party_form.html",
        {
            "case": the_case,
            "form": form,
            "party": party,
            "reporter_side": party is not None and is_reporter_side(party.role),
            "error_form": form if form.errors else None,
        },
    )


@never_cache
@require_http_methods(["GET", "POST"])
@staff_required
def party_new(request: HttpRequest, reference: str) -> HttpResponse:
    the_case = case_for_staff(request, reference)
    user = staff_of(request)
    service_read(lambda: case_content_check(case=the_case, user=user))
    consents = consents_active(case=the_case, subject=ConsentSubject.IDENTITY_WITH_SCHOOL)
    if request.method == "GET":
        return _party_page(request, the_case, PartyForm(identity_consents=consents), None)
    form = PartyForm(request.POST, identity_consents=consents)
    if act(
        form,
        lambda: party_add(
            case=the_case,
            user=user,
            role=form.cleaned_data["role"],
            details=_details(form),
            consent=form.chosen_consent(),
        ),
    ):
        messages.success(request, _("De betrokkene is toegevoegd."))
        return redirect(workspace_url(the_case, "betrokkenen"))
    return _party_page(request, the_case, form, None)


@never_cache
@require_http_methods(["GET", "POST"])
@staff_required
def party_edit(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    the_case = case_for_staff(request, reference)
    user = staff_of(request)
    party = service_read(lambda: party_for_handler(case=the_case, party_id=pk, user=user))
    consents = consents_active(case=the_case, subject=ConsentSubject.IDENTITY_WITH_SCHOOL)
    if request.method == "GET":
        initial = {
            "name": party.name,
            "organisation": party.organisation,
            "email": party.email or "",
            "phone": party.phone or "",
            "access": party.access,
            "identity_shared_with_school": party.identity_shared_with_school,
        }
        return _party_page(
            request, the_case, PartyForm(initial=initial, identity_consents=consents, with_role=False), party
        )
    form = PartyForm(request.POST, identity_consents=consents, with_role=False)
    if act(form, lambda: party_update(party=party, user=user, details=_details(form), consent=form.chosen_consent())):
        messages.success(request, _("De gegevens van de betrokkene zijn opgeslagen."))
        return redirect(workspace_url(the_case, "betrokkenen"))
    return _party_page(request, the_case, form, party)


@never_cache
@require_http_methods(["GET", "POST"])
@staff_required
def consent_new(request: HttpRequest, reference: str) -> HttpResponse:
    the_case = case_for_staff(request, reference)
    user = staff_of(request)
    service_read(lambda: case_content_check(case=the_case, user=user))
    form = ConsentForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and act(
        form,
        lambda: consent_record(
            case=the_case,
            user=user,
            subject=form.cleaned_data["subject"],
            how_given=form.cleaned_data["how_given"],
            given_on=form.cleaned_data["given_on"],
        ),
    ):
        messages.success(request, _("De toestemming is vastgelegd."))
        return redirect(workspace_url(the_case, "toestemming"))
    return render(
        request,
        "investigations/consent_form.html",
        {"case": the_case, "form": form, "error_form": form if form.errors else None},
    )


@never_cache
@require_POST
@staff_required
def consent_withdraw_view(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    the_case = case_for_staff(request, reference)
    user = staff_of(request)
    consent = service_read(lambda: consent_for_handler(case=the_case, consent_id=pk, user=user))
    form = forms.Form(request.POST)
    if act(form, lambda: consent_withdraw(consent=consent, user=user)):
        messages.success(request, _("De toestemming is ingetrokken. Wat ervan afhing, deelt u niet meer."))
    else:
        for error in form.non_field_errors():
            messages.error(request, str(error))
    return redirect(workspace_url(the_case, "toestemming"))


urlpatterns: list[URLPattern] = [
    path("<str:reference>/betrokkenen/nieuw", party_new, name="party_new"),
    path("<str:reference>/betrokkenen/<int:pk>", party_edit, name="party_edit"),
    path("<str:reference>/toestemming/nieuw", consent_new, name="consent_new"),
    path("<str:reference>/toestemming/<int:pk>/intrekken", consent_withdraw_view, name="consent_withdraw"),
]
