"""The handler's findings pages (/behandeling/bevindingen/<reference>/): write, preview, send, read comments, finalise.

Only the case's assigned handler opens them. Each POST calls one service; a refusal comes back as an
error summary on the page, a success redirects to the page (post/redirect/get).
"""

from collections.abc import Callable

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from meldpunt.accounts.decorators import staff_of, staff_required
from meldpunt.accounts.permissions import Action
from meldpunt.cases.models import Case
from meldpunt.cases.views.shared import case_for_staff, case_page_url
from meldpunt.core import errors
from meldpunt.core.forms_flow import form_service_flow, service_read
from meldpunt.findings.forms import DraftForm, FinaliseForm, SendForm
from meldpunt.findings.rules import COMMENT_WORKING_DAYS
from meldpunt.findings.selectors import FindingsPage, findings_page_get, findings_pdf_for_staff
from meldpunt.findings.services import draft_findings_save, draft_findings_send, findings_finalise


def _case(request: HttpRequest, reference: str) -> Case:
    """The case behind the URL, for its assigned handler only (a coordinator sees the triage summary elsewhere)."""
    return case_for_staff(request, reference, action=Action.CASE_TRANSITION)


def _page_url(case: Case, anchor: str = "") -> str:
    return case_page_url("findings:case", case, anchor)


def _initial_texts(page: FindingsPage) -> dict[str, str]:
    draft = page.draft
    if draft is None:
        return {}
    return {
        "facts_established": draft.facts_established,
        "facts_disputed": draft.facts_disputed,
        "assessment": draft.assessment,
        "recommendations": draft.recommendations,
    }


def _findings_page(request: HttpRequest, case: Case) -> FindingsPage:
    return service_read(lambda: findings_page_get(case=case, user=staff_of(request)), missing_is_404=False)


def _page(request: HttpRequest, case: Case, *, bound: forms.Form | None = None) -> HttpResponse:
    page = _findings_page(request, case)
    initial = _initial_texts(page)
    draft_form = bound if isinstance(bound, DraftForm) else DraftForm(initial={} if page.new_round else initial)
    finalise_form = bound if isinstance(bound, FinaliseForm) else FinaliseForm(initial=initial)
    context = {
        "case": case,
        "page": page,
        "draft_form": draft_form,
        "send_form": bound if isinstance(bound, SendForm) else SendForm(),
        "finalise_form": finalise_form,
        "error_form": bound if bound is not None and bound.errors else None,
        "comment_working_days": COMMENT_WORKING_DAYS,
    }
    return render(request, "findings/case.html", context)


def _act(
    request: HttpRequest, case: Case, form: forms.Form, action: Callable[[], object], done: str, anchor: str
) -> HttpResponse:
    return form_service_flow(
        request,
        form,
        action,
        done=done,
        success_url=_page_url(case, anchor),
        on_invalid=lambda bound: _page(request, case, bound=bound),
    )


@never_cache
@require_GET
@staff_required
def case_findings(request: HttpRequest, reference: str) -> HttpResponse:
    return _page(request, _case(request, reference))


@never_cache
@require_POST
@staff_required
def draft_save(request: HttpRequest, reference: str) -> HttpResponse:
    case = _case(request, reference)
    form = DraftForm(request.POST)
    return _act(
        request,
        case,
        form,
        lambda: draft_findings_save(case=case, user=staff_of(request), texts=form.texts()),
        _("De conceptbevindingen zijn bewaard. U kunt ze nog veranderen tot u ze verstuurt."),
        "concept",
    )


@never_cache
@require_GET
@staff_required
def preview(request: HttpRequest, reference: str) -> HttpResponse:
    case = _case(request, reference)
    page = _findings_page(request, case)
    if page.draft is None:
        raise Http404
    return render(request, "findings/preview.html", {"case": case, "draft": page.draft})


@never_cache
@require_POST
@staff_required
def send(request: HttpRequest, reference: str) -> HttpResponse:
    case = _case(request, reference)
    form = SendForm(request.POST)
    return _act(
        request,
        case,
        form,
        lambda: draft_findings_send(case=case, user=staff_of(request)),
        _("De conceptbevindingen zijn tegelijk naar de melder en het schoolbestuur gestuurd."),
        "reacties",
    )


@never_cache
@require_POST
@staff_required
def finalise(request: HttpRequest, reference: str) -> HttpResponse:
    case = _case(request, reference)
    form = FinaliseForm(request.POST)
    return _act(
        request,
        case,
        form,
        lambda: findings_finalise(
            case=case,
            user=staff_of(request),
            texts=form.texts(),
            changes=form.cleaned_data["changes"],
        ),
        _("De bevindingen zijn definitief. De melder en het schoolbestuur kunnen ze nu lezen en downloaden."),
        "definitief",
    )


@never_cache
@require_GET
@staff_required
def pdf(request: HttpRequest, reference: str, round_number: int) -> HttpResponse:
    case = _case(request, reference)
    try:
        filename, data = findings_pdf_for_staff(case=case, user=staff_of(request), round_number=round_number)
    except errors.NotFound as missing:
        raise Http404 from missing
    except errors.PermissionDenied as refused:
        raise PermissionDenied from refused
    except errors.MeldpuntError as refusal:
        messages.error(request, refusal.message)
        return redirect(_page_url(case, "definitief"))
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=filename)
    return response
