"""The investigation workspace of a case and its information requests (back office, /behandeling/onderzoek/).

Each POST calls one service; a refusal comes back as an error summary on the same page, a success
redirects (post/redirect/get). The code of a single-use link is shown once, on the page right after
sending: it travels there through the session and is removed from it when shown.
"""

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path, reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from meldpunt.accounts.decorators import staff_of, staff_required
from meldpunt.accounts.models import User
from meldpunt.cases.deadlines import local_date
from meldpunt.cases.models import Case
from meldpunt.cases.views.shared import case_for_staff, case_page_url
from meldpunt.core.forms_flow import form_service_run, service_read
from meldpunt.investigations.constants import ConsentSubject, RequestStatus
from meldpunt.investigations.forms import (
    MoreTimeDecisionForm,
    NonResponseForm,
    RequestForm,
    SendForm,
    ShareWithReporterForm,
)
from meldpunt.investigations.models import InformationRequest
from meldpunt.investigations.selectors.evidence import evidence_workspace_section
from meldpunt.investigations.selectors.requests import (
    consents_active,
    request_detail_get,
    request_for_handler,
    workspace_get,
)
from meldpunt.investigations.selectors.shared import school_request_preview
from meldpunt.investigations.services.chronology import case_content_check
from meldpunt.investigations.services.evidence import evidence_open_for_staff
from meldpunt.investigations.services.parties import parties_ensure
from meldpunt.investigations.services.requests import (
    RequestDraft,
    default_due_on,
    information_request_draft_save,
    information_request_more_time_decide,
    information_request_non_response_record,
    information_request_send,
    information_request_share_with_reporter,
    information_request_withdraw,
    school_access_link_reissue,
)

if TYPE_CHECKING:  # a type of the stubs only, not installed in production
    from django_stubs_ext import StrOrPromise

CODE_SESSION_KEY = "investigations_link_code"


def act(form: forms.Form, action: Callable[[], object]) -> bool:
    """Run one service for a valid form; a refusal becomes an error on the field it names. True when done.

    Here a thing that is not there (a party, a consent) is a 404, not an error on the form.
    """
    return form_service_run(form, action, missing_is_404=True)


def workspace_url(case: Case, anchor: str = "") -> str:
    return case_page_url("investigations:case", case, anchor)


def _request_of(request: HttpRequest, the_case: Case, pk: int) -> InformationRequest:
    """The information request `pk` of this case, for its handler: 404 when there is none, 403 when not theirs."""
    return service_read(lambda: request_for_handler(case=the_case, request_id=pk, user=staff_of(request)))


def _request_url(case: Case, info: InformationRequest, name: str = "request") -> str:
    return reverse(f"investigations:{name}", kwargs={"reference": case.reference, "pk": info.pk})


@never_cache
@require_GET
@staff_required
def case(request: HttpRequest, reference: str) -> HttpResponse:
    """The workspace; the reporter and the school board become parties the first time it opens."""
    the_case = case_for_staff(request, reference)
    user = staff_of(request)
    service_read(lambda: parties_ensure(case=the_case, user=user))
    workspace = service_read(lambda: workspace_get(case=the_case, user=user))
    evidence_section = service_read(lambda: evidence_workspace_section(case=the_case, user=user))
    return render(
        request,
        "investigations/workspace.html",
        {"case": the_case, "workspace": workspace, "evidence_section": evidence_section},
    )


def _request_form_page(
    request: HttpRequest, the_case: Case, form: RequestForm, info: InformationRequest | None
) -> HttpResponse:
    return render(
        request,
        "investigations/request_form.html",
        {"case": the_case, "form": form, "info": info, "error_form": form if form.errors else None},
    )


def _save_draft(request: HttpRequest, the_case: Case, info: InformationRequest | None) -> HttpResponse:
    user = staff_of(request)
    service_read(lambda: case_content_check(case=the_case, user=user))
    if info is not None and info.status != RequestStatus.DRAFT:
        messages.error(
            request, _("Alleen een concept kunt u nog aanpassen. Dit verzoek is al verstuurd of ingetrokken.")
        )
        return redirect(_request_url(the_case, info))
    consents = consents_active(case=the_case, subject=ConsentSubject.SUMMARY_WITH_SCHOOL)
    if request.method == "GET":
        if info is None:
            initial: dict[str, Any] = {"due_on": default_due_on(today=local_date(timezone.now()))}
            if consents:
                initial["consent"] = str(consents[0].pk)
        else:
            initial = {
                "summary": info.shared_summary,
                "due_on": info.due_on,
                "contact_email": info.contact_email or "",
                "consent": str(info.summary_consent_id or ""),
            }
            initial.update({f"question_{q.position}": q.text for q in info.questions.all()})
        return _request_form_page(request, the_case, RequestForm(initial=initial, summary_consents=consents), info)
    form = RequestForm(request.POST, summary_consents=consents)
    saved: list[InformationRequest] = []

    def save() -> None:
        data = form.cleaned_data
        saved.append(
            information_request_draft_save(
                case=the_case,
                user=user,
                draft=RequestDraft(
                    summary=data["summary"],
                    questions=form.questions(),
                    due_on=data["due_on"],
                    contact_email=data["contact_email"],
                ),
                consent=form.chosen_consent(),
                new_consent_how=data["consent_how"],
                new_consent_given_on=data["consent_given_on"],
                request=info,
            )
        )

    if act(form, save):
        messages.success(
            request, _("Het concept is opgeslagen. Bekijk hieronder precies wat de school te zien krijgt.")
        )
        return redirect(_request_url(the_case, saved[0], "request_preview"))
    return _request_form_page(request, the_case, form, info)


@never_cache
@require_http_methods(["GET", "POST"])
@staff_required
def request_new(request: HttpRequest, reference: str) -> HttpResponse:
    return _save_draft(request, case_for_staff(request, reference), None)


@never_cache
@require_http_methods(["GET", "POST"])
@staff_required
def request_edit(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    the_case = case_for_staff(request, reference)
    info = _request_of(request, the_case, pk)
    return _save_draft(request, the_case, info)


def _preview_page(request: HttpRequest, the_case: Case, info: InformationRequest, form: SendForm) -> HttpResponse:
    view = service_read(lambda: school_request_preview(request=info, user=staff_of(request)))
    return render(
        request,
        "investigations/request_preview.html",
        {"case": the_case, "info": info, "view": view, "form": form, "error_form": form if form.errors else None},
    )


@never_cache
@require_GET
@staff_required
def request_preview(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    the_case = case_for_staff(request, reference)
    info = _request_of(request, the_case, pk)
    return _preview_page(request, the_case, info, SendForm())


@never_cache
@require_POST
@staff_required
def request_send(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    the_case = case_for_staff(request, reference)
    info = _request_of(request, the_case, pk)
    form = SendForm(request.POST)
    sent = []

    def send() -> None:
        sent.append(
            information_request_send(
                request=info, user=staff_of(request), single_use_link=form.cleaned_data["single_use_link"]
            )
        )

    if act(form, send):
        if sent[0].access_code:
            request.session[CODE_SESSION_KEY] = {"request": info.pk, "code": sent[0].access_code}
        return redirect(_request_url(the_case, info, "request_sent"))
    return _preview_page(request, the_case, info, form)


@never_cache
@require_GET
@staff_required
def request_sent(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    """The confirmation, with the code of a single-use link the one time it is shown."""
    the_case = case_for_staff(request, reference)
    info = _request_of(request, the_case, pk)
    stored = request.session.get(CODE_SESSION_KEY)
    code = None
    if isinstance(stored, dict) and stored.get("request") == info.pk:
        code = stored.get("code")
        del request.session[CODE_SESSION_KEY]
    return render(request, "investigations/request_sent.html", {"case": the_case, "info": info, "code": code})


def _detail_page(request: HttpRequest, the_case: Case, pk: int, bound: forms.Form | None = None) -> HttpResponse:
    detail = service_read(lambda: request_detail_get(case=the_case, request_id=pk, user=staff_of(request)))

    def form_or_new(kind: type[forms.Form]) -> forms.Form:
        return bound if isinstance(bound, kind) else kind()

    return render(
        request,
        "investigations/request_detail.html",
        {
            "case": the_case,
            "detail": detail,
            "info": detail.request,
            "decide_form": form_or_new(MoreTimeDecisionForm),
            "non_response_form": form_or_new(NonResponseForm),
            "error_form": bound if bound is not None and bound.errors else None,
        },
    )


@never_cache
@require_GET
@staff_required
def request_detail(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    return _detail_page(request, case_for_staff(request, reference), pk)


def _request_action(
    form_class: type[forms.Form],
    service: Callable[[InformationRequest, User, dict[str, Any]], object],
    done: "StrOrPromise",
) -> Callable[[HttpRequest, str, int], HttpResponse]:
    """A POST view on the request's page: one form, one service, then back to the page with `done`."""

    @never_cache
    @require_POST
    @staff_required
    def view(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
        the_case = case_for_staff(request, reference)
        info = _request_of(request, the_case, pk)
        user = staff_of(request)
        form = form_class(request.POST)
        if act(form, lambda: service(info, user, form.cleaned_data)):
            messages.success(request, done)
            return redirect(_request_url(the_case, info))
        return _detail_page(request, the_case, pk, form)

    return view


request_more_time_decide = _request_action(
    MoreTimeDecisionForm,
    lambda info, user, data: information_request_more_time_decide(
        request=info, user=user, grant=data["decision"] == "granted", new_due_on=data["new_due_on"]
    ),
    gettext_lazy("Uw besluit is vastgelegd. Het schoolbestuur krijgt een e-mail dat er nieuws is."),
)
request_withdraw = _request_action(
    forms.Form,
    lambda info, user, data: information_request_withdraw(request=info, user=user),
    gettext_lazy("Het verzoek is ingetrokken. De school ziet de inhoud niet meer."),
)
request_non_response = _request_action(
    NonResponseForm,
    lambda info, user, data: information_request_non_response_record(request=info, user=user, finding=data["finding"]),
    gettext_lazy("Het uitblijven van een antwoord is vastgelegd als bevinding."),
)
request_share = _request_action(
    ShareWithReporterForm,
    lambda info, user, data: information_request_share_with_reporter(
        request=info, user=user, shared=data["shared"] == "1"
    ),
    gettext_lazy("Vastgelegd wat de melder van dit verzoek ziet."),
)


@never_cache
@require_POST
@staff_required
def request_link_reissue(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    the_case = case_for_staff(request, reference)
    info = _request_of(request, the_case, pk)
    form = forms.Form(request.POST)
    codes: list[str] = []
    if act(form, lambda: codes.append(school_access_link_reissue(request=info, user=staff_of(request)))):
        request.session[CODE_SESSION_KEY] = {"request": info.pk, "code": codes[0]}
        return redirect(_request_url(the_case, info, "request_sent"))
    return _detail_page(request, the_case, pk, form)


@never_cache
@require_GET
@staff_required
def request_document(request: HttpRequest, reference: str, pk: int, evidence_id: int) -> HttpResponse:
    """A document the school sent with this request, checked against its registered hash."""
    the_case = case_for_staff(request, reference)
    detail = service_read(lambda: request_detail_get(case=the_case, request_id=pk, user=staff_of(request)))
    if evidence_id not in {document.pk for document in detail.documents}:
        raise Http404
    opened = service_read(
        lambda: evidence_open_for_staff(case=the_case, evidence_id=evidence_id, user=staff_of(request))
    )
    if not opened.intact:
        messages.error(
            request,
            _("Dit document is veranderd sinds het binnenkwam, of kan niet worden gelezen. Het is niet geopend."),
        )
        return redirect(_request_url(the_case, detail.request))
    response = HttpResponse(opened.data, content_type=opened.content_type)
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=opened.filename)
    return response


urlpatterns: list[URLPattern] = [
    path("<str:reference>/", case, name="case"),
    path("<str:reference>/vragen/nieuw", request_new, name="request_new"),
    path("<str:reference>/vragen/<int:pk>", request_detail, name="request"),
    path("<str:reference>/vragen/<int:pk>/bewerken", request_edit, name="request_edit"),
    path("<str:reference>/vragen/<int:pk>/voorbeeld", request_preview, name="request_preview"),
    path("<str:reference>/vragen/<int:pk>/versturen", request_send, name="request_send"),
    path("<str:reference>/vragen/<int:pk>/verstuurd", request_sent, name="request_sent"),
    path("<str:reference>/vragen/<int:pk>/meer-tijd", request_more_time_decide, name="request_more_time_decide"),
    path("<str:reference>/vragen/<int:pk>/intrekken", request_withdraw, name="request_withdraw"),
    path("<str:reference>/vragen/<int:pk>/geen-antwoord", request_non_response, name="request_non_response"),
    path("<str:reference>/vragen/<int:pk>/delen-met-melder", request_share, name="request_share"),
    path("<str:reference>/vragen/<int:pk>/nieuwe-link", request_link_reissue, name="request_link_reissue"),
    path("<str:reference>/vragen/<int:pk>/documenten/<int:evidence_id>", request_document, name="request_document"),
]
