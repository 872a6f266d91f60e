"""The school portal (/school/): the board's contact reads what the meldpunt shared, answers and adds documents.

A school contact signs in like all staff (password and second factor) and sees the sent requests of
the board's cases. A board without an account uses a single-use link plus a code and then sees only
that one request. Anyone else who is signed in as staff gets 403; a request of another board is 404.
Every page that shows case material is an audited read (selectors in investigations.selectors.shared,
findings.selectors and, for the agreements and mediation meetings, schoolportal.selectors).
"""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path, reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from meldpunt.cases.models import Case
from meldpunt.core import errors
from meldpunt.core.throttle import client_address
from meldpunt.findings.constants import Side
from meldpunt.findings.selectors import findings_for_side, findings_pdf
from meldpunt.findings.services import findings_comment_add
from meldpunt.intake.attachments import MAX_FILE_BYTES, AttachmentRefused, attachment_check
from meldpunt.investigations.selectors.shared import (
    SchoolVisitor,
    school_document_get,
    school_request_view,
    school_requests_list,
)
from meldpunt.investigations.services.evidence import evidence_open
from meldpunt.investigations.services.requests import (
    information_request_answers_save,
    information_request_document_add,
    information_request_more_time_ask,
)
from meldpunt.schoolportal.forms import AnswersForm, DocumentForm, FindingsCommentForm, LinkCodeForm, MoreTimeForm
from meldpunt.schoolportal.selectors import (
    school_agreements_cases,
    school_findings_case,
    school_findings_cases,
    school_interventions,
    school_interventions_case,
)
from meldpunt.schoolportal.services import LinkRefused, LinkThrottled, school_link_redeem
from meldpunt.schoolportal.sessions import (
    link_session_end,
    link_session_start,
    link_token,
    link_token_keep,
    school_visitor,
)

SchoolView = Callable[..., HttpResponse]


def school_required(view: SchoolView) -> Callable[..., HttpResponse]:
    """Pass the school visitor to the view; send anyone not signed in to the staff sign-in page."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        visitor = school_visitor(request)
        if visitor is None:
            return redirect_to_login(request.get_full_path(), settings.LOGIN_URL)
        return view(request, visitor, *args, **kwargs)

    return wrapper


def _read(fetch: Callable[[], Any]) -> Any:
    try:
        return fetch()
    except errors.NotFound as missing:
        raise Http404 from missing
    except errors.PermissionDenied as refused:
        raise PermissionDenied from refused


def _act(form: forms.Form, action: Callable[[], object]) -> bool:
    """Run one service for a valid form; a refusal becomes an error on the field it names. True when done."""
    if not form.is_valid():
        return False
    try:
        action()
    except errors.NotFound as missing:
        raise Http404 from missing
    except errors.PermissionDenied as refused:
        raise PermissionDenied from refused
    except errors.MeldpuntError as refusal:
        form.add_error(refusal.field if refusal.field in form.fields else None, refusal.message)
        return False
    return True


def _request_url(pk: int) -> str:
    return reverse("schoolportal:request", kwargs={"pk": pk})


@never_cache
@require_GET
@school_required
def home(request: HttpRequest, visitor: SchoolVisitor) -> HttpResponse:
    if visitor.link is not None:
        return redirect(_request_url(visitor.link.request_id))
    rows = school_requests_list(visitor=visitor)
    return render(
        request,
        "schoolportal/home.html",
        {
            "rows": rows,
            "findings_cases": school_findings_cases(visitor=visitor),
            "agreements_cases": school_agreements_cases(visitor=visitor),
            "visitor": visitor,
        },
    )


def _request_page(
    request: HttpRequest, visitor: SchoolVisitor, pk: int, answer_form: AnswersForm | None = None
) -> HttpResponse:
    view = _read(lambda: school_request_view(request_id=pk, visitor=visitor))
    if answer_form is None and view.may_respond:
        answer_form = AnswersForm(questions=view.questions)
    return render(
        request,
        "schoolportal/request.html",
        {
            "view": view,
            "visitor": visitor,
            "answer_form": answer_form if view.may_respond else None,
            "answer_url": reverse("schoolportal:request_answers", kwargs={"pk": pk}),
            "error_form": answer_form if answer_form is not None and answer_form.errors else None,
        },
    )


@never_cache
@require_GET
@school_required
def request_detail(request: HttpRequest, visitor: SchoolVisitor, pk: int) -> HttpResponse:
    return _request_page(request, visitor, pk)


@never_cache
@require_POST
@school_required
def request_answers(request: HttpRequest, visitor: SchoolVisitor, pk: int) -> HttpResponse:
    view = _read(lambda: school_request_view(request_id=pk, visitor=visitor))
    form = AnswersForm(request.POST, questions=view.questions)
    submit = request.POST.get("submit") == "send"
    if _act(
        form,
        lambda: information_request_answers_save(request_id=pk, visitor=visitor, answers=form.answers(), submit=submit),
    ):
        if submit:
            messages.success(request, _("Uw antwoorden zijn verstuurd. Het meldpunt krijgt bericht. Dank u wel."))
        else:
            messages.success(request, _("Uw antwoorden zijn opgeslagen. Het meldpunt leest ze pas als u ze verstuurt."))
        return redirect(_request_url(pk))
    return _request_page(request, visitor, pk, form)


def _form_page(request: HttpRequest, visitor: SchoolVisitor, pk: int, template: str, form: forms.Form) -> HttpResponse:
    view = _read(lambda: school_request_view(request_id=pk, visitor=visitor))
    if not view.may_respond:
        messages.error(request, _("Dit verzoek is gesloten. U kunt er niets meer aan veranderen."))
        return redirect(_request_url(pk))
    return render(
        request, template, {"view": view, "form": form, "error_form": form if form.errors else None, "visitor": visitor}
    )


@never_cache
@require_http_methods(["GET", "POST"])
@school_required
def request_document_add(request: HttpRequest, visitor: SchoolVisitor, pk: int) -> HttpResponse:
    if request.method == "GET":
        return _form_page(request, visitor, pk, "schoolportal/document_add.html", DocumentForm())
    form = DocumentForm(request.POST, request.FILES)

    def add() -> None:
        upload = form.cleaned_data["file"]
        if upload.size > MAX_FILE_BYTES:
            raise errors.MeldpuntError(_("Het bestand is groter dan 10 MB."), field="file")
        try:
            checked = attachment_check(filename=upload.name, data=upload.read())
        except AttachmentRefused as refused:
            raise errors.MeldpuntError(refused.message, field="file") from refused
        information_request_document_add(
            request_id=pk, visitor=visitor, title=form.cleaned_data["title"], attachment=checked
        )

    if _act(form, add):
        messages.success(request, _("Het document is toegevoegd. Het meldpunt kan het nu lezen."))
        return redirect(_request_url(pk) + "#documenten")
    return _form_page(request, visitor, pk, "schoolportal/document_add.html", form)


@never_cache
@require_http_methods(["GET", "POST"])
@school_required
def request_more_time(request: HttpRequest, visitor: SchoolVisitor, pk: int) -> HttpResponse:
    if request.method == "GET":
        return _form_page(request, visitor, pk, "schoolportal/more_time.html", MoreTimeForm())
    form = MoreTimeForm(request.POST)
    if _act(
        form,
        lambda: information_request_more_time_ask(
            request_id=pk, visitor=visitor, until=form.cleaned_data["until"], reason=form.cleaned_data["reason"]
        ),
    ):
        messages.success(
            request, _("Uw vraag om meer tijd is verstuurd. U krijgt een e-mail als de behandelaar besliste.")
        )
        return redirect(_request_url(pk))
    return _form_page(request, visitor, pk, "schoolportal/more_time.html", form)


@never_cache
@require_GET
@school_required
def document(request: HttpRequest, visitor: SchoolVisitor, pk: int, evidence_id: int) -> HttpResponse:
    """A document the school may open: checked against its registered hash; every opening is audited."""
    evidence = _read(lambda: school_document_get(request_id=pk, evidence_id=evidence_id, visitor=visitor))
    opened = evidence_open(evidence=evidence, actor=visitor.actor)
    if not opened.intact:
        messages.error(request, _("Dit document kan nu niet worden geopend. Neem contact op met het meldpunt."))
        return redirect(_request_url(pk) + "#documenten")
    response = HttpResponse(opened.data, content_type=opened.content_type)
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=opened.filename)
    return response


def _findings_case(visitor: SchoolVisitor, reference: str) -> Case:
    if visitor.user is None:
        raise PermissionDenied
    return _read(lambda: school_findings_case(reference=reference, visitor=visitor))


def _findings_page(
    request: HttpRequest, visitor: SchoolVisitor, the_case: Case, form: FindingsCommentForm | None = None
) -> HttpResponse:
    findings = _read(lambda: findings_for_side(case=the_case, side=Side.SCHOOL, actor=visitor.actor))
    form = form or FindingsCommentForm()
    return render(
        request,
        "schoolportal/findings.html",
        {
            "case": the_case,
            "findings": findings,
            "form": form,
            "error_form": form if form.errors else None,
            "visitor": visitor,
        },
    )


@never_cache
@require_GET
@school_required
def findings(request: HttpRequest, visitor: SchoolVisitor, reference: str) -> HttpResponse:
    return _findings_page(request, visitor, _findings_case(visitor, reference))


@never_cache
@require_POST
@school_required
def findings_comment(request: HttpRequest, visitor: SchoolVisitor, reference: str) -> HttpResponse:
    the_case = _findings_case(visitor, reference)
    form = FindingsCommentForm(request.POST)
    if _act(
        form,
        lambda: findings_comment_add(
            case=the_case, side=Side.SCHOOL, body=form.cleaned_data["body"], actor=visitor.actor, user=visitor.user
        ),
    ):
        messages.success(
            request, _("Uw reactie is verstuurd. Het meldpunt weegt die mee in de definitieve bevindingen.")
        )
        return redirect("schoolportal:findings", reference=the_case.reference)
    return _findings_page(request, visitor, the_case, form)


@never_cache
@require_GET
@school_required
def findings_pdf_download(request: HttpRequest, visitor: SchoolVisitor, reference: str) -> HttpResponse:
    the_case = _findings_case(visitor, reference)
    try:
        filename, data = findings_pdf(case=the_case, side=Side.SCHOOL, actor=visitor.actor)
    except errors.NotFound as missing:
        raise Http404 from missing
    except errors.PermissionDenied as refused:
        raise PermissionDenied from refused
    except errors.MeldpuntError as refusal:
        messages.error(request, refusal.message)
        return redirect("schoolportal:findings", reference=the_case.reference)
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=filename)
    return response


@never_cache
@require_GET
@school_required
def agreements(request: HttpRequest, visitor: SchoolVisitor, reference: str) -> HttpResponse:
    """The agreements and mediation meetings shared with the school; read only. A link opens only its own case."""
    the_case = _read(lambda: school_interventions_case(reference=reference, visitor=visitor))
    view = _read(lambda: school_interventions(case=the_case, visitor=visitor))
    return render(request, "schoolportal/agreements.html", {"case": the_case, "view": view, "visitor": visitor})


# Signing in with a single-use link and a code.


@never_cache
@require_GET
def link(request: HttpRequest, token: str) -> HttpResponse:
    """The emailed link: the token is kept in the session and the address bar loses it at once.

    Nothing is used up here, so a mail scanner that opens the link does no harm.
    """
    link_token_keep(request, token)
    return redirect("schoolportal:link_code")


@never_cache
@sensitive_post_parameters("code")
@require_http_methods(["GET", "POST"])
def link_code(request: HttpRequest) -> HttpResponse:
    form = LinkCodeForm(request.POST if request.method == "POST" else None)
    token = link_token(request)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            used = school_link_redeem(token=token, code=form.cleaned_data["code"], client=client_address(request))
        except LinkThrottled as refusal:
            form.add_error("code", refusal.message)
            status = 429
        except LinkRefused as refusal:
            form.add_error("code", refusal.message)
        else:
            link_session_start(request, used)
            return redirect(_request_url(used.request_id))
    response = render(
        request,
        "schoolportal/link_code.html",
        {"form": form, "error_form": form if form.errors else None, "has_token": bool(token)},
        status=status,
    )
    return response


@never_cache
@require_POST
def sign_out(request: HttpRequest) -> HttpResponse:
    """End a single-use link's session (school contacts with an account sign out on the staff pages)."""
    link_session_end(request)
    return redirect("schoolportal:signed_out")


@require_GET
def signed_out(request: HttpRequest) -> HttpResponse:
    return render(request, "schoolportal/signed_out.html")


urlpatterns: list[URLPattern] = [
    path("", home, name="home"),
    path("verzoeken/<int:pk>", request_detail, name="request"),
    path("verzoeken/<int:pk>/antwoorden", request_answers, name="request_answers"),
    path("verzoeken/<int:pk>/document", request_document_add, name="request_document_add"),
    path("verzoeken/<int:pk>/meer-tijd", request_more_time, name="request_more_time"),
    path("verzoeken/<int:pk>/documenten/<int:evidence_id>", document, name="document"),
    path("zaken/<str:reference>/bevindingen", findings, name="findings"),
    path("zaken/<str:reference>/bevindingen/reactie", findings_comment, name="findings_comment"),
    path("zaken/<str:reference>/bevindingen/pdf", findings_pdf_download, name="findings_pdf"),
    path("zaken/<str:reference>/afspraken", agreements, name="agreements"),
    path("toegang/<str:token>", link, name="link"),
    path("toegang", link_code, name="link_code"),
    path("uitloggen", sign_out, name="sign_out"),
    path("uitgelogd", signed_out, name="signed_out"),
]
