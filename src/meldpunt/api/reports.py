"""`POST /api/v1/reports`: the public intake of CONTRACT.md, through the same validation and service as the wizard."""

import logging
import math
from datetime import datetime
from typing import Any

from django.conf import settings
from django.db import DatabaseError
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from meldpunt.api.jsonio import BodyRefused, errors_response, json_body, json_endpoint, json_response, request_language
from meldpunt.cases.constants import Language, Status
from meldpunt.cases.deadlines import RunningTerm, TermSpec, deadline_of, local_date
from meldpunt.cases.models import Case
from meldpunt.cases.terms import ACKNOWLEDGEMENT, INTAKE_DECISION
from meldpunt.core.throttle import client_address, throttle_hit, throttle_retry_after
from meldpunt.intake.limits import intake_limit
from meldpunt.intake.selectors import intake_school_facts
from meldpunt.intake.services import report_submit
from meldpunt.intake.validation import report_validate

logger = logging.getLogger(__name__)

# What the reporter can count on after sending (CONTRACT.md, 201): the terms that start at receipt.
NEXT_STEPS = (ACKNOWLEDGEMENT, INTAKE_DECISION)
# How long a client should wait when the database could not take the report.
RETRY_AFTER_STORE_FAILURE = 30


def _due(spec: TermSpec, received_at: datetime) -> str:
    deadline = deadline_of(RunningTerm(spec, started_at=received_at), suspensions=(), now=received_at)
    assert deadline.due is not None  # only a suspension pauses the clock, and a new case has none
    return deadline.due.isoformat()


def _accepted(case: Case, access_code: str) -> dict[str, Any]:
    portal = settings.SITE_URL.rstrip("/") + reverse("portal:sign_in")
    if case.language != Language.NL:
        portal += f"?lang={case.language}"
    return {
        "reference": case.reference,
        "access_code": access_code,
        "status": case.status,
        "status_label": str(Status(case.status).label),
        "received_at": timezone.localtime(case.received_at).isoformat(timespec="seconds"),
        "next_steps": [{"code": spec.code, "due": _due(spec, case.received_at)} for spec in NEXT_STEPS],
        "portal_url": portal,
    }


def _create(request: HttpRequest, data: Any) -> HttpResponse:
    report, errors = report_validate(data, today=local_date(timezone.now()), school_lookup=intake_school_facts)
    if report is None:
        return errors_response(errors)
    # Only accepted reports count against the client (CONTRACT.md), so the limit is checked after
    # validation: a 400 tells a client what to fix even when it is at its limit.
    client = client_address(request)
    retry_after = throttle_retry_after(limit=intake_limit(), key=client)
    if retry_after is not None:
        minutes = math.ceil(retry_after / 60)
        message = ngettext(
            "U heeft veel meldingen kort na elkaar gestuurd. Probeer het over %(minutes)s minuut opnieuw.",
            "U heeft veel meldingen kort na elkaar gestuurd. Probeer het over %(minutes)s minuten opnieuw.",
            minutes,
        ) % {"minutes": minutes}
        return errors_response(
            {"__all__": [message]},
            status=429,
            headers={"Retry-After": str(retry_after)},
        )
    try:
        submitted = report_submit(report=report)
    except DatabaseError as exc:
        # report_submit is one transaction: it rolled back, so "nothing stored" is the truth to tell.
        logger.error("intake.report_not_stored", extra={"error": type(exc).__name__})
        message = _("Uw melding kon nu niet worden bewaard. Er is niets opgeslagen. Probeer het later opnieuw.")
        return errors_response(
            {"__all__": [message]},
            status=503,
            headers={"Retry-After": str(RETRY_AFTER_STORE_FAILURE)},
        )
    try:
        throttle_hit(limit=intake_limit(), key=client)
    except DatabaseError as exc:
        # The report is already durable and any answer but 201 would say it was not;
        # one report left uncounted is the smaller harm.
        logger.warning("intake.throttle_not_counted", extra={"error": type(exc).__name__})
    return json_response(_accepted(submitted.case, submitted.access_code), status=201)


@json_endpoint("POST")
def reports_create(request: HttpRequest) -> HttpResponse:
    # Until the body is read only ?lang= can choose the language; after that the body's `language` can.
    language = request_language(request)
    with translation.override(language):
        try:
            data = json_body(request)
        except BodyRefused as refused:
            response: HttpResponse = errors_response({"__all__": [refused.message]}, status=refused.status)
        else:
            language = request_language(request, data)
            with translation.override(language):
                response = _create(request, data)
    response["Content-Language"] = language
    return response
