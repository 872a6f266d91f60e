"""The reporter API of CONTRACT.md: a short-lived bearer token for a reference and access code, the
reporter's own view of the case, and messages to the handler.

JSON in, JSON out; token authentication, so no cookies and no CSRF. Errors are `{"errors": {field:
[messages]}}` like the intake API, with `__all__` for the body as a whole. A wrong pair is answered
`401` with exactly the same status, headers and body whether or not the reference exists. Messages are
Dutch unless the request asks for English with `?lang=en` (the site never guesses the language).
"""

from collections.abc import Callable
from datetime import date, datetime
from functools import wraps
from typing import Any

from django.http import HttpRequest, HttpResponse

from meldpunt.api.jsonio import BodyRefused, errors_response, json_body, json_endpoint, json_response
from meldpunt.cases.models import Case
from meldpunt.core.throttle import client_address
from meldpunt.portal import texts
from meldpunt.portal.conversation import MessageRefused
from meldpunt.portal.selectors import ReporterCaseView, reporter_case_view
from meldpunt.portal.services import (
    SignInRefused,
    SignInThrottled,
    reporter_message_send,
    reporter_sign_in,
    reporter_token_case,
    reporter_token_issue,
)
from meldpunt.portal.visitors import Visitor, VisitorKind


def _json_object(request: HttpRequest) -> dict[str, Any]:
    """The body as a JSON object; raises BodyRefused for anything else."""
    data = json_body(request)
    if not isinstance(data, dict):
        raise BodyRefused(texts.api_object_expected())
    return data


def _refused(refusal: BodyRefused) -> HttpResponse:
    return errors_response({"__all__": [refusal.message]}, status=refusal.status)


def _iso(moment: datetime | date | None) -> str | None:
    return moment.isoformat() if moment is not None else None


def _unauthorised() -> HttpResponse:
    return errors_response(
        {"__all__": [texts.api_token_refused()]},
        status=401,
        headers={"WWW-Authenticate": 'Bearer realm="meldpunt", error="invalid_token"'},
    )


def _bearer_case(request: HttpRequest) -> Case | None:
    scheme, _space, token = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer":
        return None
    return reporter_token_case(token=token.strip())


ReporterView = Callable[[HttpRequest, Case], HttpResponse]


def _token_required(view: ReporterView) -> Callable[[HttpRequest], HttpResponse]:
    @wraps(view)
    def wrapper(request: HttpRequest) -> HttpResponse:
        case = _bearer_case(request)
        if case is None:
            return _unauthorised()
        return view(request, case)

    return wrapper


@json_endpoint("POST")
def session_create(request: HttpRequest) -> HttpResponse:
    """`{"reference", "access_code"}` → `200 {"token", "expires_at"}`; `401` for a wrong pair; `429` when throttled."""
    try:
        data = _json_object(request)
    except BodyRefused as refusal:
        return _refused(refusal)
    errors = {
        field: [texts.api_text_required()]
        for field in ("reference", "access_code")
        if not isinstance(data.get(field), str) or not data[field].strip()
    }
    if errors:
        return errors_response(errors)
    try:
        case = reporter_sign_in(
            reference=data["reference"], access_code=data["access_code"], client=client_address(request)
        )
    except SignInThrottled as refusal:
        return errors_response(
            {"__all__": [refusal.message]}, status=429, headers={"Retry-After": str(refusal.retry_after_seconds)}
        )
    except SignInRefused as refusal:
        # Built only from the refusal's fixed message: nothing here can differ between a made-up
        # reference and a real one with a wrong code.
        return errors_response(
            {"__all__": [refusal.message]}, status=401, headers={"WWW-Authenticate": 'Bearer realm="meldpunt"'}
        )
    token, expires_at = reporter_token_issue(case=case)
    return json_response({"token": token, "expires_at": _iso(expires_at)})


def _case_json(view: ReporterCaseView) -> dict[str, Any]:
    return {
        "reference": view.reference,
        "status": view.status,
        "status_label": view.status_label,
        "status_explanation": view.status_explanation,
        "received_at": _iso(view.received_at),
        "description": view.description,
        "deadlines": [
            {
                "code": d.code,
                "label": d.label,
                "explanation": d.explanation,
                "due": _iso(d.due),
                "state": d.state,
                "working_days_left": d.working_days_left,
            }
            for d in view.deadlines
        ],
        "next_deadline": view.next_deadline.code if view.next_deadline else None,
        "messages": [{"from": m.sender, "body": m.body, "sent_at": _iso(m.sent_at)} for m in view.messages],
        "files": [
            {"filename": f.filename, "content_type": f.content_type, "size": f.size, "uploaded_at": _iso(f.uploaded_at)}
            for f in view.files
        ],
        "shared_with_school": [{"code": s.code, "label": s.label} for s in view.shared_with_school],
        "timeline": [{"at": _iso(t.at), "kind": t.kind, "text": t.text} for t in view.timeline],
        "seen_by": [
            {"at": _iso(s.at), "actor": s.actor_kind, "role": s.role or None, "who": s.who, "action": s.action}
            for s in view.seen_by
        ],
    }


@json_endpoint("GET")
@_token_required
def case_detail(request: HttpRequest, case: Case) -> HttpResponse:
    """The reporter's own view of the case, as the portal shows it."""
    visitor = Visitor(case=case, kind=VisitorKind.REPORTER)
    return json_response(_case_json(reporter_case_view(case=case, actor=visitor.actor)))


@json_endpoint("POST")
@_token_required
def messages_create(request: HttpRequest, case: Case) -> HttpResponse:
    """`{"body": "..."}` → `201` with the stored message; `400` naming `body` for an empty or too long text."""
    try:
        data = _json_object(request)
    except BodyRefused as refusal:
        return _refused(refusal)
    try:
        message = reporter_message_send(visitor=Visitor(case=case, kind=VisitorKind.REPORTER), body=data.get("body"))
    except MessageRefused as refusal:
        return errors_response({"body": [refusal.message]})
    return json_response({"from": "reporter", "body": message.body, "sent_at": _iso(message.sent_at)}, status=201)
