"""The evidence register, the interview records and the chronology of a case (back office, handler only).

Routes under /behandeling/onderzoek/<reference>/: bewijs/, gesprekken/, chronologie/. Each POST calls one
service; a refusal comes back on the form's field, a success redirects (post/redirect/get). Opening a
document checks its SHA-256: a changed file is not served without the handler's explicit choice.
"""

from collections.abc import Callable
from typing import Any, TypeVar

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path, reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from meldpunt.accounts.decorators import staff_of, staff_required
from meldpunt.accounts.models import User
from meldpunt.cases.deadlines import local_date
from meldpunt.cases.models import Case
from meldpunt.core import errors
from meldpunt.core.forms_flow import form_service_run, service_read, service_run_with_message
from meldpunt.intake.attachments import ALLOWED
from meldpunt.investigations.constants import EvidenceSource
from meldpunt.investigations.forms_evidence import (
    AgreementForm,
    ChronologyEntryForm,
    EvidenceForm,
    InterviewForm,
    agreed_choice,
)
from meldpunt.investigations.selectors.chronology import chronology_entry_get, chronology_get
from meldpunt.investigations.selectors.evidence import (
    case_party_get,
    evidence_register_get,
    interview_get,
    interviews_get,
    investigation_case_get,
    party_options,
)
from meldpunt.investigations.services.chronology import (
    chronology_entry_add,
    chronology_entry_edit,
    chronology_entry_remove,
    chronology_entry_restore,
    chronology_rebuild,
)
from meldpunt.investigations.services.evidence import (
    evidence_open_for_staff,
    evidence_register,
    evidence_register_from_attachment,
)
from meldpunt.investigations.services.interviews import interview_agreement_set, interview_record
from meldpunt.privacy.actors import Actor

DATE_INPUT = "%d-%m-%Y"
# A service names the rule's field; some forms ask for it in other words (a date and a time for a moment).
FIELD_OF_RULE = {"held_at": "held_on"}
F = TypeVar("F", bound=forms.Form)
ACCEPT = ",".join([".jpg", ".jpeg", ".png", ".pdf", *ALLOWED])


def _case(request: HttpRequest, reference: str) -> Case:
    return service_read(lambda: investigation_case_get(reference=reference, user=staff_of(request)))


def _url(name: str, case: Case, **kwargs: Any) -> str:
    return reverse(f"investigations:{name}", kwargs={"reference": case.reference, **kwargs})


def _attempt(form: forms.Form, action: Callable[[], object]) -> bool:
    """Run one service for a valid form. False when the form or the service refused; a missing right is a 403."""
    return form_service_run(form, action, missing_is_404=True, field_of_rule=FIELD_OF_RULE)


def _today_input() -> str:
    return local_date(timezone.now()).strftime(DATE_INPUT)


# The evidence register.


@never_cache
@require_GET
@staff_required
def evidence_list(request: HttpRequest, reference: str) -> HttpResponse:
    case = _case(request, reference)
    register = evidence_register_get(case=case, user=staff_of(request))
    return render(request, "investigations/evidence/register.html", {"case": case, "register": register})


def _add_page(
    request: HttpRequest,
    reference: str,
    *,
    view: str,
    form_class: Callable[..., F],
    initial: dict[str, object],
    save: Callable[[Case, User, F], object],
    done: str,
    back: str,
    template: str,
    extra: dict[str, object] | None = None,
) -> HttpResponse:
    """A form that offers the case's parties (a read audited as `view`): one service on POST, then back to `back`."""
    case = _case(request, reference)
    user = staff_of(request)
    parties = party_options(case=case, user=user, view=view)
    if request.method == "POST":
        form = form_class(parties, request.POST, request.FILES)
        if _attempt(form, lambda: save(case, user, form)):
            messages.success(request, done)
            return redirect(_url(back, case))
    else:
        form = form_class(parties, initial=initial)
    return render(request, template, {"case": case, "form": form, "parties": parties, **(extra or {})})


def _evidence_register(case: Case, user: User, form: EvidenceForm) -> None:
    assert form.checked is not None
    data = form.cleaned_data
    evidence_register(
        case=case,
        title=data["title"],
        attachment=form.checked,
        source=EvidenceSource(data["source"]),
        received_on=data["received_on"],
        actor=Actor.staff(user),
        user=user,
        source_party=case_party_get(case=case, party_id=data["source_party"]),
        shared_with_school=data["shared_with_school"],
        shared_with_reporter=data["shared_with_reporter"],
    )


@never_cache
@require_http_methods(["GET", "POST"])
@staff_required
def evidence_add(request: HttpRequest, reference: str) -> HttpResponse:
    return _add_page(
        request,
        reference,
        view="evidence_add",
        form_class=EvidenceForm,
        initial={"received_on": _today_input()},
        save=_evidence_register,
        done=_("Het stuk staat in het bewijsregister, met de SHA-256 van het bestand."),
        back="evidence",
        template="investigations/evidence/add.html",
        extra={"accept": ACCEPT},
    )


@never_cache
@require_POST
@staff_required
def evidence_from_attachment(request: HttpRequest, reference: str, attachment_id: int) -> HttpResponse:
    case = _case(request, reference)
    service_run_with_message(
        request,
        lambda: evidence_register_from_attachment(case=case, attachment_id=attachment_id, user=staff_of(request)),
        done=_("Het bestand van de melder staat nu in het bewijsregister."),
        missing_is_404=True,
    )
    return redirect(_url("evidence", case))


@never_cache
@require_GET
@staff_required
def evidence_open(request: HttpRequest, reference: str, evidence_id: int) -> HttpResponse:
    """The document, when its hash matches; otherwise a warning page, and the file only on explicit request."""
    case = _case(request, reference)
    opened = service_read(lambda: evidence_open_for_staff(case=case, evidence_id=evidence_id, user=staff_of(request)))
    if opened.intact or (request.GET.get("toch") == "1" and opened.readable):
        response = HttpResponse(opened.data, content_type=opened.content_type)
        response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=opened.filename)
        return response
    return render(
        request,
        "investigations/evidence/changed.html",
        {"case": case, "opened": opened, "evidence_id": evidence_id},
    )


# Interviews.


@never_cache
@require_GET
@staff_required
def interview_list(request: HttpRequest, reference: str) -> HttpResponse:
    case = _case(request, reference)
    page = interviews_get(case=case, user=staff_of(request))
    return render(request, "investigations/evidence/interviews.html", {"case": case, "page": page})


def _interview_record(case: Case, user: User, form: InterviewForm) -> None:
    data = form.cleaned_data
    interview_record(
        case=case,
        user=user,
        interviewee_id=data["interviewee"],
        held_at=form.held_at,
        location=data["location"],
        present=data["present"],
        summary=data["summary"],
        agreed_by_interviewee=form.agreed_value,
    )


@never_cache
@require_http_methods(["GET", "POST"])
@staff_required
def interview_add(request: HttpRequest, reference: str) -> HttpResponse:
    return _add_page(
        request,
        reference,
        view="interview_add",
        form_class=InterviewForm,
        initial={"held_on": _today_input(), "agreed": "pending"},
        save=_interview_record,
        done=_("Het gesprek is vastgelegd en staat in de chronologie."),
        back="interviews",
        template="investigations/evidence/interview_add.html",
    )


def _interview_page(
    request: HttpRequest, case: Case, interview_id: int, *, form: AgreementForm | None = None
) -> HttpResponse:
    try:
        detail = interview_get(case=case, interview_id=interview_id, user=staff_of(request))
    except errors.NotFound as missing:
        raise Http404 from missing
    if form is None:
        form = AgreementForm(initial={"agreed": agreed_choice(detail.interview.agreed_by_interviewee)})
    return render(request, "investigations/evidence/interview.html", {"case": case, "detail": detail, "form": form})


@never_cache
@require_GET
@staff_required
def interview_detail(request: HttpRequest, reference: str, interview_id: int) -> HttpResponse:
    return _interview_page(request, _case(request, reference), interview_id)


@never_cache
@require_POST
@staff_required
def interview_agreement(request: HttpRequest, reference: str, interview_id: int) -> HttpResponse:
    case = _case(request, reference)
    form = AgreementForm(request.POST)
    if _attempt(
        form,
        lambda: interview_agreement_set(
            case=case, interview_id=interview_id, user=staff_of(request), agreed=form.agreed_value
        ),
    ):
        messages.success(request, _("Het akkoord van de geïnterviewde is bijgewerkt."))
        return redirect(_url("interview", case, interview_id=interview_id))
    return _interview_page(request, case, interview_id, form=form)


# The chronology.


def _chronology_page(request: HttpRequest, case: Case, *, form: ChronologyEntryForm | None = None) -> HttpResponse:
    page = chronology_get(case=case, user=staff_of(request))
    form = form or ChronologyEntryForm(initial={"occurred_on": _today_input()})
    return render(request, "investigations/evidence/chronology.html", {"case": case, "page": page, "form": form})


@never_cache
@require_GET
@staff_required
def chronology(request: HttpRequest, reference: str) -> HttpResponse:
    """The chronology, brought up to date with the case's dated items first (the rebuild is idempotent)."""
    case = _case(request, reference)
    chronology_rebuild(case=case, user=staff_of(request))
    return _chronology_page(request, case)


@never_cache
@require_POST
@staff_required
def chronology_add(request: HttpRequest, reference: str) -> HttpResponse:
    case = _case(request, reference)
    form = ChronologyEntryForm(request.POST)
    if _attempt(
        form,
        lambda: chronology_entry_add(
            case=case,
            user=staff_of(request),
            occurred_on=form.cleaned_data["occurred_on"],
            description=form.cleaned_data["description"],
        ),
    ):
        messages.success(request, _("De gebeurtenis staat in de chronologie."))
        return redirect(_url("chronology", case))
    return _chronology_page(request, case, form=form)


@never_cache
@require_http_methods(["GET", "POST"])
@staff_required
def chronology_edit(request: HttpRequest, reference: str, entry_id: int) -> HttpResponse:
    case = _case(request, reference)
    user = staff_of(request)
    try:
        entry = chronology_entry_get(case=case, entry_id=entry_id, user=user)
    except errors.NotFound as missing:
        raise Http404 from missing
    if request.method == "POST":
        form = ChronologyEntryForm(request.POST)
        if _attempt(
            form,
            lambda: chronology_entry_edit(
                case=case,
                entry_id=entry_id,
                user=user,
                occurred_on=form.cleaned_data["occurred_on"],
                description=form.cleaned_data["description"],
            ),
        ):
            messages.success(request, _("De gebeurtenis is gewijzigd. Bij het bijwerken blijft uw versie staan."))
            return redirect(_url("chronology", case))
    else:
        form = ChronologyEntryForm(
            initial={"occurred_on": entry.occurred_on.strftime(DATE_INPUT), "description": entry.description}
        )
    return render(request, "investigations/evidence/chronology_edit.html", {"case": case, "entry": entry, "form": form})


def _chronology_toggle(request: HttpRequest, reference: str, entry_id: int, *, hide: bool) -> HttpResponse:
    case = _case(request, reference)
    service = chronology_entry_remove if hide else chronology_entry_restore
    service_run_with_message(
        request,
        lambda: service(case=case, entry_id=entry_id, user=staff_of(request)),
        done=_("De gebeurtenis is verborgen. U kunt haar onderaan de pagina terugzetten.")
        if hide
        else _("De gebeurtenis staat weer in de chronologie."),
        missing_is_404=True,
    )
    return redirect(_url("chronology", case))


@never_cache
@require_POST
@staff_required
def chronology_remove(request: HttpRequest, reference: str, entry_id: int) -> HttpResponse:
    return _chronology_toggle(request, reference, entry_id, hide=True)


@never_cache
@require_POST
@staff_required
def chronology_restore(request: HttpRequest, reference: str, entry_id: int) -> HttpResponse:
    return _chronology_toggle(request, reference, entry_id, hide=False)


urlpatterns: list[URLPattern] = [
    path("<str:reference>/bewijs/", evidence_list, name="evidence"),
    path("<str:reference>/bewijs/toevoegen", evidence_add, name="evidence_add"),
    path(
        "<str:reference>/bewijs/van-melder/<int:attachment_id>",
        evidence_from_attachment,
        name="evidence_from_attachment",
    ),
    path("<str:reference>/bewijs/<int:evidence_id>", evidence_open, name="evidence_open"),
    path("<str:reference>/gesprekken/", interview_list, name="interviews"),
    path("<str:reference>/gesprekken/toevoegen", interview_add, name="interview_add"),
    path("<str:reference>/gesprekken/<int:interview_id>", interview_detail, name="interview"),
    path("<str:reference>/gesprekken/<int:interview_id>/akkoord", interview_agreement, name="interview_agreement"),
    path("<str:reference>/chronologie/", chronology, name="chronology"),
    path("<str:reference>/chronologie/toevoegen", chronology_add, name="chronology_add"),
    path("<str:reference>/chronologie/<int:entry_id>/wijzigen", chronology_edit, name="chronology_edit"),
    path("<str:reference>/chronologie/<int:entry_id>/verbergen", chronology_remove, name="chronology_remove"),
    path("<str:reference>/chronologie/<int:entry_id>/terugzetten", chronology_restore, name="chronology_restore"),
]
