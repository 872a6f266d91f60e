"""The handler's interventions page (/behandeling/interventies/<reference>/): mediation, the action plan,
escalation; and the supervision signals page for coordinators and analysts.

Only the case's assigned handler opens a case's page. Each POST calls one service; a refusal comes back
as an error summary on the page, a success redirects to it (post/redirect/get).
"""

from collections.abc import Callable

from django import forms
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from meldpunt.accounts.decorators import staff_of, staff_required
from meldpunt.accounts.permissions import Action
from meldpunt.cases.models import Case
from meldpunt.cases.views.shared import case_for_staff, case_page_url
from meldpunt.core.forms_flow import form_service_flow, service_read, service_run_with_message
from meldpunt.interventions.forms import (
    AgreementForm,
    AgreementStatusForm,
    EscalationForm,
    MediationPlanForm,
    MediationRecordForm,
)
from meldpunt.interventions.models import Agreement, MediationMeeting
from meldpunt.interventions.selectors import (
    agreement_get,
    interventions_page_get,
    meeting_get,
    owner_label,
    supervision_signals,
)
from meldpunt.interventions.services import (
    agreement_add,
    agreement_edit,
    agreement_status_set,
    escalation_make,
    mediation_cancel,
    mediation_plan,
    mediation_record,
)


def _case(request: HttpRequest, reference: str) -> Case:
    return case_for_staff(request, reference, action=Action.CASE_TRANSITION)


def _page_url(case: Case, anchor: str = "") -> str:
    return case_page_url("interventions:case", case, anchor)


def _record_form(meeting: MediationMeeting, data: QueryDict | None = None) -> MediationRecordForm:
    local = timezone.localtime(meeting.planned_at)
    return MediationRecordForm(
        data,
        prefix=f"record-{meeting.pk}",
        initial={"held_on": local.date(), "held_time": local.time().replace(second=0, microsecond=0)},
    )


def _status_form(agreement: Agreement, data: QueryDict | None = None) -> AgreementStatusForm:
    return AgreementStatusForm(data, prefix=f"status-{agreement.pk}", initial={"status": agreement.status})


def _page(request: HttpRequest, case: Case, *, bound: forms.Form | None = None) -> HttpResponse:
    page = service_read(lambda: interventions_page_get(case=case, user=staff_of(request)), missing_is_404=False)

    def own(form: forms.Form) -> forms.Form:
        return bound if bound is not None and bound.prefix == form.prefix else form

    meetings = [(m, own(_record_form(m))) for m in page.meetings]
    agreements = [(row, owner_label(row.agreement), own(_status_form(row.agreement))) for row in page.agreements]
    context = {
        "case": case,
        "page": page,
        "meetings": meetings,
        "agreements": agreements,
        "plan_form": own(MediationPlanForm()),
        "agreement_form": own(AgreementForm()),
        "escalation_form": own(EscalationForm()),
        "error_form": bound if bound is not None and bound.errors else None,
    }
    return render(request, "interventions/case.html", context)


def _act(
    request: HttpRequest,
    case: Case,
    form: forms.Form,
    action: Callable[[], object],
    done: str,
    anchor: str,
    page: Callable[[forms.Form], HttpResponse] | None = None,
) -> HttpResponse:
    return form_service_flow(
        request,
        form,
        action,
        done=done,
        success_url=_page_url(case, anchor),
        on_invalid=page if page is not None else lambda bound: _page(request, case, bound=bound),
    )


def _meeting(request: HttpRequest, case: Case, meeting_id: int) -> MediationMeeting:
    return service_read(lambda: meeting_get(case=case, user=staff_of(request), meeting_id=meeting_id))


def _agreement(request: HttpRequest, case: Case, agreement_id: int) -> Agreement:
    return service_read(lambda: agreement_get(case=case, user=staff_of(request), agreement_id=agreement_id))


@never_cache
@require_GET
@staff_required
def case_interventions(request: HttpRequest, reference: str) -> HttpResponse:
    return _page(request, _case(request, reference))


@never_cache
@require_POST
@staff_required
def mediation_plan_view(request: HttpRequest, reference: str) -> HttpResponse:
    case = _case(request, reference)
    form = MediationPlanForm(request.POST)
    return _act(
        request,
        case,
        form,
        lambda: mediation_plan(
            case=case,
            user=staff_of(request),
            planned_at=form.planned_at(),
            participants=form.cleaned_data["participants"],
            shared=form.cleaned_data["shared"],
        ),
        _("Het gesprek is gepland."),
        "bemiddeling",
    )


@never_cache
@require_POST
@staff_required
def mediation_record_view(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    case = _case(request, reference)
    meeting = _meeting(request, case, pk)
    form = _record_form(meeting, request.POST)
    return _act(
        request,
        case,
        form,
        lambda: mediation_record(
            meeting=meeting, user=staff_of(request), held_at=form.held_at(), outcome=form.cleaned_data["outcome"]
        ),
        _("Het gesprek en de uitkomst zijn vastgelegd."),
        "bemiddeling",
    )


@never_cache
@require_POST
@staff_required
def mediation_cancel_view(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    case = _case(request, reference)
    meeting = _meeting(request, case, pk)
    service_run_with_message(
        request,
        lambda: mediation_cancel(meeting=meeting, user=staff_of(request)),
        done=_("Het gesprek gaat niet door."),
    )
    return redirect(_page_url(case, "bemiddeling"))


@never_cache
@require_POST
@staff_required
def agreement_add_view(request: HttpRequest, reference: str) -> HttpResponse:
    case = _case(request, reference)
    form = AgreementForm(request.POST)
    return _act(
        request,
        case,
        form,
        lambda: agreement_add(case=case, user=staff_of(request), fields=form.agreement_fields()),
        _("De afspraak staat in het actieplan."),
        "afspraken",
    )


@never_cache
@require_http_methods(["GET", "POST"])
@staff_required
def agreement_edit_view(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    case = _case(request, reference)
    agreement = _agreement(request, case, pk)

    def page(form: forms.Form) -> HttpResponse:
        return render(
            request,
            "interventions/agreement_edit.html",
            {"case": case, "agreement": agreement, "form": form, "error_form": form if form.errors else None},
        )

    if request.method == "GET":
        return page(
            AgreementForm(
                initial={
                    "description": agreement.description,
                    "owner": agreement.owner,
                    "owner_other": agreement.owner_other,
                    "due_on": agreement.due_on,
                    "shared_with_school": agreement.shared_with_school,
                    "shared_with_reporter": agreement.shared_with_reporter,
                }
            )
        )
    form = AgreementForm(request.POST)
    return _act(
        request,
        case,
        form,
        lambda: agreement_edit(agreement=agreement, user=staff_of(request), fields=form.agreement_fields()),
        _("De afspraak is veranderd."),
        "afspraken",
        page=page,
    )


@never_cache
@require_POST
@staff_required
def agreement_status_view(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    case = _case(request, reference)
    agreement = _agreement(request, case, pk)
    form = _status_form(agreement, request.POST)
    return _act(
        request,
        case,
        form,
        lambda: agreement_status_set(agreement=agreement, user=staff_of(request), status=form.cleaned_data["status"]),
        _("De stand van de afspraak is bijgewerkt."),
        "afspraken",
    )


@never_cache
@require_POST
@staff_required
def escalate(request: HttpRequest, reference: str) -> HttpResponse:
    case = _case(request, reference)
    form = EscalationForm(request.POST)
    return _act(
        request,
        case,
        form,
        lambda: escalation_make(
            case=case,
            user=staff_of(request),
            reason=form.cleaned_data["reason"],
            summary=form.cleaned_data["summary"],
            shared_with_reporter=form.cleaned_data["shared_with_reporter"],
        ),
        _("De zaak is naar het toezicht gestuurd. Het toezicht ziet een signaal zonder gegevens van de melder."),
        "escalatie",
    )


@never_cache
@require_GET
@staff_required(action=Action.STATS_VIEW)
def signals(request: HttpRequest) -> HttpResponse:
    rows = service_read(lambda: supervision_signals(user=staff_of(request)), missing_is_404=False)
    return render(request, "interventions/signals.html", {"signals": rows})
