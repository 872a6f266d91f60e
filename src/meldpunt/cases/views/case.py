"""The case page and the actions on it (back office, /behandeling/zaken/<reference>).

Each POST calls one service; a refusal from the service comes back as an error summary on the same
page, and a success redirects to the page again (post/redirect/get). The case reference in the URL is
not personal data; nothing else about the case travels in an address or a page title.
"""

from collections.abc import Callable
from typing import Any

from django import forms
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from meldpunt.accounts.decorators import staff_of, staff_required
from meldpunt.cases.forms import AttendanceForm, ExtendForm, MessageForm, NoteForm, SuspendForm, TransitionForm
from meldpunt.cases.models import Case
from meldpunt.cases.selectors import case_attachment_open, case_page_get
from meldpunt.cases.services import (
    attendance_record,
    case_close,
    case_decline,
    case_extend,
    case_message_from_handler_send,
    case_note_add,
    case_refer,
    case_reopen,
    case_resume,
    case_start_follow_up,
    case_start_intake,
    case_start_intervention,
    case_start_investigation,
    case_suspend,
    case_withdraw,
)
from meldpunt.cases.views.shared import case_for_staff, case_page_url
from meldpunt.cases.workflow import TRANSITIONS
from meldpunt.core.forms_flow import form_service_flow, service_read, service_run_with_message

STEP_SERVICES: dict[str, Callable[..., Case]] = {
    "start_intake": case_start_intake,
    "refer": case_refer,
    "decline": case_decline,
    "start_investigation": case_start_investigation,
    "start_intervention": case_start_intervention,
    "start_follow_up": case_start_follow_up,
    "close": case_close,
    "withdraw": case_withdraw,
    "reopen": case_reopen,
}


def _case_url(case: Case, anchor: str = "") -> str:
    return case_page_url("cases:case", case, anchor)


def _page(request: HttpRequest, case: Case, *, bound: forms.Form | None = None) -> HttpResponse:
    """The case page; `bound` is a submitted form to show again, with its errors, in its own place."""
    page = case_page_get(case=case, user=staff_of(request))
    transition_forms = [
        bound if isinstance(bound, TransitionForm) and bound.transition.name == t.name else TransitionForm(t)
        for t in page.transitions
    ]

    def form_or_new(kind: type[forms.Form], make: Callable[[], forms.Form]) -> forms.Form:
        return bound if isinstance(bound, kind) else make()

    if isinstance(bound, ExtendForm):
        bound.offer(page.extendable_terms)
    context = {
        "page": page,
        "case": case,
        "transition_forms": transition_forms,
        "suspend_form": form_or_new(SuspendForm, SuspendForm),
        "extend_form": form_or_new(ExtendForm, lambda: ExtendForm(page.extendable_terms)),
        "note_form": form_or_new(NoteForm, NoteForm),
        "message_form": form_or_new(MessageForm, MessageForm),
        "attendance_form": form_or_new(AttendanceForm, AttendanceForm),
        "error_form": bound if bound is not None and bound.errors else None,
    }
    return render(request, "cases/case/page.html", context)


def _act(
    request: HttpRequest, case: Case, form: forms.Form, action: Callable[[], object], done: str, anchor: str
) -> HttpResponse:
    """Run one service for a valid form; a domain refusal is shown on the page, a missing right is a 403."""
    return form_service_flow(
        request,
        form,
        action,
        done=done,
        success_url=_case_url(case, anchor),
        on_invalid=lambda bound: _page(request, case, bound=bound),
    )


@never_cache
@require_GET
@staff_required
def case_detail(request: HttpRequest, reference: str) -> HttpResponse:
    return _page(request, case_for_staff(request, reference))


@never_cache
@require_POST
@staff_required
def case_transition(request: HttpRequest, reference: str, name: str) -> HttpResponse:
    transition = TRANSITIONS.get(name)
    if transition is None:
        raise Http404
    case = case_for_staff(request, reference)
    form = TransitionForm(transition, request.POST)

    def step() -> None:
        values: dict[str, Any] = dict(form.cleaned_data)
        STEP_SERVICES[name](case=case, actor=staff_of(request), **values)

    return _act(
        request, case, form, step, _("De stap ‘%(step)s’ is gezet.") % {"step": transition.label}, "samenvatting"
    )


@never_cache
@require_POST
@staff_required
def case_suspend_view(request: HttpRequest, reference: str) -> HttpResponse:
    case = case_for_staff(request, reference)
    form = SuspendForm(request.POST)
    return _act(
        request,
        case,
        form,
        lambda: case_suspend(case=case, actor=staff_of(request), reason=form.cleaned_data["reason"]),
        _("De zaak is opgeschort. De termijnen staan stil tot u de zaak hervat."),
        "termijnen",
    )


@never_cache
@require_POST
@staff_required
def case_resume_view(request: HttpRequest, reference: str) -> HttpResponse:
    case = case_for_staff(request, reference)
    service_run_with_message(
        request,
        lambda: case_resume(case=case, actor=staff_of(request)),
        done=_("De zaak loopt weer. De termijnen zijn verschoven met de opgeschorte werkdagen."),
    )
    return redirect(_case_url(case, "termijnen"))


@never_cache
@require_POST
@staff_required
def case_extend_view(request: HttpRequest, reference: str) -> HttpResponse:
    case = case_for_staff(request, reference)
    form = ExtendForm(None, request.POST)
    return _act(
        request,
        case,
        form,
        lambda: case_extend(
            case=case,
            actor=staff_of(request),
            term_code=form.cleaned_data["term_code"],
            amount=form.cleaned_data["amount"],
            reason=form.cleaned_data["reason"],
        ),
        _("De termijn is verlengd. De melder heeft een bericht gekregen met de nieuwe datum."),
        "termijnen",
    )


@never_cache
@require_POST
@staff_required
def case_note_add_view(request: HttpRequest, reference: str) -> HttpResponse:
    case = case_for_staff(request, reference)
    form = NoteForm(request.POST)
    return _act(
        request,
        case,
        form,
        lambda: case_note_add(case=case, author=staff_of(request), body=form.cleaned_data["body"]),
        _("De notitie is opgeslagen."),
        "notities",
    )


@never_cache
@require_POST
@staff_required
def case_message_send_view(request: HttpRequest, reference: str) -> HttpResponse:
    case = case_for_staff(request, reference)
    form = MessageForm(request.POST)
    return _act(
        request,
        case,
        form,
        lambda: case_message_from_handler_send(case=case, author=staff_of(request), body=form.cleaned_data["body"]),
        _("Het bericht is verstuurd. De melder krijgt een e-mail dat er nieuws is."),
        "berichten",
    )


@never_cache
@require_POST
@staff_required
def case_attendance_view(request: HttpRequest, reference: str) -> HttpResponse:
    case = case_for_staff(request, reference)
    form = AttendanceForm(request.POST)
    return _act(
        request,
        case,
        form,
        lambda: attendance_record(
            case=case,
            actor=staff_of(request),
            status=form.cleaned_data["status"],
            since=form.cleaned_data["since"],
            alternative=form.cleaned_data["alternative"],
            alternative_note=form.cleaned_data["alternative_note"],
        ),
        _("De schoolgang is bijgewerkt. De gemiste schooldagen en de prioriteit zijn opnieuw berekend."),
        "schoolgang",
    )


@never_cache
@require_GET
@staff_required
def case_attachment(request: HttpRequest, reference: str, attachment_id: int) -> HttpResponse:
    case = case_for_staff(request, reference)
    attachment, data = service_read(
        lambda: case_attachment_open(case=case, attachment_id=attachment_id, user=staff_of(request))
    )
    response = HttpResponse(data, content_type=attachment.content_type)
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=attachment.filename)
    return response


urlpatterns: list[URLPattern] = [
    path("zaken/<str:reference>", case_detail, name="case"),
    path("zaken/<str:reference>/stap/<str:name>", case_transition, name="case_transition"),
    path("zaken/<str:reference>/opschorten", case_suspend_view, name="case_suspend"),
    path("zaken/<str:reference>/hervatten", case_resume_view, name="case_resume"),
    path("zaken/<str:reference>/verlengen", case_extend_view, name="case_extend"),
    path("zaken/<str:reference>/notities", case_note_add_view, name="case_note_add"),
    path("zaken/<str:reference>/berichten", case_message_send_view, name="case_message_send"),
    path("zaken/<str:reference>/schoolgang", case_attendance_view, name="case_attendance"),
    path("zaken/<str:reference>/bestanden/<int:attachment_id>", case_attachment, name="case_attachment"),
]
