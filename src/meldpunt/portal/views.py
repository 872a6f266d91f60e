"""The reporter portal (/mijn-melding/): sign in without an account, follow the case, write to the handler.

No personal data in URLs or page titles: the case is found through the session, never through the
address. The one secret that travels in a URL is the sign-in link's token, which the landing view
exchanges for a session at once before redirecting to a clean address.
"""

from collections.abc import Callable
from datetime import timedelta
from functools import wraps
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters, sensitive_variables
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from meldpunt.cases.selectors import case_follow_ups_for_reporter
from meldpunt.core.errors import MeldpuntError, NotFound
from meldpunt.core.throttle import client_address
from meldpunt.intake.attachments import MAX_FILES
from meldpunt.portal.conversation import MESSAGE_MAX_CHARS, MessageRefused
from meldpunt.portal.forms import FilesForm, FollowUpForm, MessageForm, SignInForm, SignInLinkForm
from meldpunt.portal.sections import reporter_sections
from meldpunt.portal.selectors import reporter_case_view, support_accesses_for_case
from meldpunt.portal.services import (
    SignInRefused,
    SignInThrottled,
    reporter_attachments_add,
    reporter_follow_up_answer,
    reporter_message_send,
    sign_in_link_redeem,
    sign_in_link_request,
    support_access_invite,
    support_access_revoke,
    visitor_sign_in,
)
from meldpunt.portal.sessions import SessionState, session_visitor, visitor_session_end, visitor_session_start
from meldpunt.portal.visitors import Visitor, VisitorKind

NEW_SUPPORT_KEY = "portal_support_to_show"
FOLLOW_UP_RESULT_KEY = "portal_follow_up_result"
VisitorView = Callable[..., HttpResponse]


def visitor_required(view: VisitorView) -> Callable[..., HttpResponse]:
    """Pass the signed-in visitor to the view; send anyone else to the sign-in page."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        visitor, state = session_visitor(request)
        if visitor is None:
            if state is SessionState.IDLE:
                messages.info(request, _("U was een tijd niet actief. Log opnieuw in om verder te gaan."))
            return redirect("portal:sign_in")
        return view(request, visitor, *args, **kwargs)

    return wrapper


def _reporter_only(visitor: Visitor) -> None:
    if visitor.read_only:
        raise PermissionDenied


def _throttled(request: HttpRequest, refusal: SignInThrottled, *, for_link: bool = False) -> HttpResponse:
    seconds = refusal.retry_after_seconds
    response = render(
        request,
        "portal/throttled.html",
        {
            "retry_at": timezone.localtime() + timedelta(seconds=seconds),
            "minutes": max(1, -(-seconds // 60)),
            "for_link": for_link,
        },
        status=429,
    )
    response["Retry-After"] = str(seconds)
    return response


@never_cache
@sensitive_post_parameters("access_code")
@require_http_methods(["GET", "POST"])
def sign_in(request: HttpRequest) -> HttpResponse:
    if session_visitor(request)[0] is not None:
        return redirect("portal:case")
    form = SignInForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        try:
            visitor = visitor_sign_in(
                reference=form.cleaned_data["reference"],
                access_code=form.cleaned_data["access_code"],
                client=client_address(request),
            )
        except SignInThrottled as refusal:
            return _throttled(request, refusal)
        except SignInRefused as refusal:
            form.add_error(None, refusal.message)
        else:
            visitor_session_start(request, visitor)
            return redirect("portal:case")
    return render(request, "portal/sign_in.html", {"form": form})


@never_cache
@require_http_methods(["GET", "POST"])
def link_request(request: HttpRequest) -> HttpResponse:
    form = SignInLinkForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        try:
            sign_in_link_request(reference=form.cleaned_data["reference"], client=client_address(request))
        except SignInThrottled as refusal:
            return _throttled(request, refusal, for_link=True)
        # The same next page whether or not the reference exists or has an email address.
        return redirect("portal:link_sent")
    return render(request, "portal/link_request.html", {"form": form})


@never_cache
@require_GET
def link_sent(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/link_sent.html")


@never_cache
@require_GET
@sensitive_variables("token")
def link_landing(request: HttpRequest, token: str) -> HttpResponse:
    """Exchange the emailed token for a session at once, then leave this address for a clean one."""
    try:
        case = sign_in_link_redeem(token=token)
    except SignInRefused:
        response = redirect("portal:link_invalid")
    else:
        visitor_session_start(request, Visitor(case=case, kind=VisitorKind.REPORTER))
        response = redirect("portal:case")
    # The address with the token must not travel on as a Referer.
    response["Referrer-Policy"] = "no-referrer"
    return response


@never_cache
@require_GET
def link_invalid(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/link_invalid.html")


def _case_page(request: HttpRequest, visitor: Visitor, form: MessageForm | None) -> HttpResponse:
    view = reporter_case_view(case=visitor.case, actor=visitor.actor)
    sections = reporter_sections(case=visitor.case, visitor=visitor)
    return render(
        request,
        "portal/case.html",
        {"view": view, "sections": sections, "visitor": visitor, "form": form, "message_max": MESSAGE_MAX_CHARS},
    )


@never_cache
@require_http_methods(["GET", "POST"])
@visitor_required
def case_detail(request: HttpRequest, visitor: Visitor) -> HttpResponse:
    if request.method == "GET":
        return _case_page(request, visitor, None if visitor.read_only else MessageForm())
    _reporter_only(visitor)
    form = MessageForm(request.POST)
    if form.is_valid():
        try:
            reporter_message_send(visitor=visitor, body=form.cleaned_data["body"])
        except MessageRefused as refusal:
            form.add_error("body", refusal.message)
        else:
            messages.success(request, _("Uw bericht is verstuurd. Uw behandelaar leest het zo snel mogelijk."))
            return redirect(reverse("portal:case") + "#berichten")
    return _case_page(request, visitor, form)


@never_cache
@require_http_methods(["GET", "POST"])
@visitor_required
def files_add(request: HttpRequest, visitor: Visitor) -> HttpResponse:
    _reporter_only(visitor)
    form = FilesForm()
    if request.method == "POST":
        form = FilesForm(request.POST, uploads=request.FILES.getlist("attachments"))
        if form.is_valid():
            try:
                stored = reporter_attachments_add(visitor=visitor, attachments=form.checked)
            except MeldpuntError as refusal:
                form.add_error("attachments", refusal.message)
            else:
                messages.success(
                    request,
                    ngettext(
                        "We hebben %(count)d bestand toegevoegd aan uw melding.",
                        "We hebben %(count)d bestanden toegevoegd aan uw melding.",
                        len(stored),
                    )
                    % {"count": len(stored)},
                )
                return redirect(reverse("portal:case") + "#bestanden")
    return render(request, "portal/files.html", {"form": form, "max_files": MAX_FILES})


@never_cache
@require_http_methods(["GET", "POST"])
@visitor_required
def support(request: HttpRequest, visitor: Visitor) -> HttpResponse:
    """Invite a support person; a new id and code are shown once, on the page after the invitation."""
    _reporter_only(visitor)
    error = ""
    if request.method == "POST":
        try:
            access, code = support_access_invite(visitor=visitor)
        except MeldpuntError as refusal:
            error = refusal.message
        else:
            request.session[NEW_SUPPORT_KEY] = {"support_id": access.public_id, "code": code}
            return redirect("portal:support")
    new = request.session.pop(NEW_SUPPORT_KEY, None)
    return render(
        request,
        "portal/support.html",
        {"accesses": support_accesses_for_case(case=visitor.case), "new": new, "error": error},
    )


@never_cache
@require_POST
@visitor_required
def support_revoke(request: HttpRequest, visitor: Visitor) -> HttpResponse:
    _reporter_only(visitor)
    try:
        support_access_revoke(visitor=visitor, support_id=request.POST.get("support_id", ""))
    except MeldpuntError as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(request, _("De steunpersoon kan uw melding niet meer bekijken."))
    return redirect("portal:support")


@never_cache
@require_http_methods(["GET", "POST"])
@visitor_required
def follow_up(request: HttpRequest, visitor: Visitor) -> HttpResponse:
    """The follow-up questions after closing: still safe, agreements kept, consequences. The reporter only."""
    _reporter_only(visitor)
    question = case_follow_ups_for_reporter(case=visitor.case).open_question
    if question is None:
        return render(request, "portal/follow_up.html", {"form": None})
    form = FollowUpForm(request.POST if request.method == "POST" else None, initial={"follow_up": question.pk})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            answered = reporter_follow_up_answer(
                visitor=visitor,
                follow_up_id=data["follow_up"] or question.pk,
                still_safe=data["still_safe"],
                agreements_kept=data["agreements_kept"],
                consequences=data["consequences"],
                consequences_for=data["consequences_for"],
                detail=data["detail"],
            )
        except NotFound:
            # Answered meanwhile (another tab): show what is open now.
            return redirect("portal:follow_up")
        except MeldpuntError as refusal:
            form.add_error(refusal.field if refusal.field in form.fields else None, refusal.message)
        else:
            request.session[FOLLOW_UP_RESULT_KEY] = {
                "new_reference": answered.new_case.reference if answered.new_case else "",
                "reopened": answered.reopened,
            }
            return redirect("portal:follow_up_done")
    return render(request, "portal/follow_up.html", {"form": form})


@never_cache
@require_GET
@visitor_required
def follow_up_done(request: HttpRequest, visitor: Visitor) -> HttpResponse:
    _reporter_only(visitor)
    result = request.session.pop(FOLLOW_UP_RESULT_KEY, None)
    if result is None:
        return redirect("portal:case")
    return render(request, "portal/follow_up_done.html", {"result": result})


@never_cache
@require_POST
def sign_out(request: HttpRequest) -> HttpResponse:
    visitor_session_end(request)
    return redirect("portal:signed_out")


@never_cache
@require_GET
def signed_out(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/signed_out.html")
