"""Permission-matrix rows of the investigation workspace (see accounts/tests/matrix.py).

Only the handler assigned to the case works in its investigation: a coordinator sees a case's triage
summary but not its investigation, and school contacts, partners, analysts and administrators none.
"""

from datetime import timedelta
from typing import Any

from django.utils import timezone

from meldpunt.accounts.models import User
from meldpunt.accounts.tests.matrix import Row, World, reference_kwargs
from meldpunt.cases.deadlines import local_date
from meldpunt.investigations.constants import ConsentSubject, PartyRole
from meldpunt.investigations.models import InformationRequest, Party
from meldpunt.investigations.selectors.shared import SchoolVisitor
from meldpunt.investigations.services.parties import consent_record, parties_ensure
from meldpunt.investigations.services.requests import (
    information_request_document_add,
    information_request_more_time_ask,
)
from meldpunt.investigations.tests.permission_rows_evidence import BACK_OFFICE as EVIDENCE_ROWS
from meldpunt.investigations.tests.permission_rows_evidence import checked_png
from meldpunt.investigations.tests.request_helpers import request_draft, request_sent

HANDLER_ONLY = frozenset({"handler"})


def _handler(world: World) -> User:
    user: User = world.users["handler"]
    return user


def _draft_kwargs(world: World, user: Any) -> dict[str, Any]:
    return {"reference": world.case.reference, "pk": request_draft(world.case, _handler(world)).pk}


def _sent(world: World) -> InformationRequest:
    return request_sent(world.case, _handler(world), contact_email="bestuur@school.nl").request


def _sent_kwargs(world: World, user: Any) -> dict[str, Any]:
    return {"reference": world.case.reference, "pk": _sent(world).pk}


def _more_time_kwargs(world: World, user: Any) -> dict[str, Any]:
    request = _sent(world)
    information_request_more_time_ask(
        request_id=request.pk,
        visitor=SchoolVisitor(user=world.users["school_contact"]),
        until=request.due_on + timedelta(days=7) if request.due_on else local_date(timezone.now()),
        reason="De mentor is ziek.",
    )
    return {"reference": world.case.reference, "pk": request.pk}


def _overdue_kwargs(world: World, user: Any) -> dict[str, Any]:
    request = _sent(world)
    # Time would have to pass: the due date is moved into the past directly, the way the clock would.
    InformationRequest.objects.filter(pk=request.pk).update(due_on=local_date(timezone.now()) - timedelta(days=1))
    return {"reference": world.case.reference, "pk": request.pk}


def _document_kwargs(world: World, user: Any) -> dict[str, Any]:
    request = _sent(world)
    evidence = information_request_document_add(
        request_id=request.pk,
        visitor=SchoolVisitor(user=world.users["school_contact"]),
        title="Verslag",
        attachment=checked_png(),
    )
    return {"reference": world.case.reference, "pk": request.pk, "evidence_id": evidence.pk}


def _party_kwargs(world: World, user: Any) -> dict[str, Any]:
    parties_ensure(case=world.case, user=_handler(world))
    return {"reference": world.case.reference, "pk": Party.objects.get(case=world.case, role=PartyRole.REPORTER).pk}


def _consent_kwargs(world: World, user: Any) -> dict[str, Any]:
    consent = consent_record(
        case=world.case, user=_handler(world), subject=ConsentSubject.REFERRAL, how_given="Telefonisch"
    )
    return {"reference": world.case.reference, "pk": consent.pk}


BACK_OFFICE: dict[str, Row] = {
    **EVIDENCE_ROWS,
    "investigations:case": Row("get", HANDLER_ONLY, kwargs=reference_kwargs),
    "investigations:request_new": Row("get", HANDLER_ONLY, kwargs=reference_kwargs),
    "investigations:request": Row("get", HANDLER_ONLY, kwargs=_draft_kwargs),
    "investigations:request_edit": Row("get", HANDLER_ONLY, kwargs=_draft_kwargs),
    "investigations:request_preview": Row("get", HANDLER_ONLY, kwargs=_draft_kwargs),
    "investigations:request_send": Row("post", HANDLER_ONLY, kwargs=_draft_kwargs),
    "investigations:request_sent": Row("get", HANDLER_ONLY, kwargs=_sent_kwargs),
    "investigations:request_more_time_decide": Row(
        "post", HANDLER_ONLY, kwargs=_more_time_kwargs, data=lambda w: {"decision": "refused"}
    ),
    "investigations:request_withdraw": Row("post", HANDLER_ONLY, kwargs=_sent_kwargs),
    "investigations:request_non_response": Row(
        "post", HANDLER_ONLY, kwargs=_overdue_kwargs, data=lambda w: {"finding": "Geen antwoord ontvangen."}
    ),
    "investigations:request_share": Row("post", HANDLER_ONLY, kwargs=_sent_kwargs, data=lambda w: {"shared": "1"}),
    "investigations:request_link_reissue": Row("post", HANDLER_ONLY, kwargs=_sent_kwargs),
    "investigations:request_document": Row("get", HANDLER_ONLY, kwargs=_document_kwargs),
    "investigations:party_new": Row("get", HANDLER_ONLY, kwargs=reference_kwargs),
    "investigations:party_edit": Row("get", HANDLER_ONLY, kwargs=_party_kwargs),
    "investigations:consent_new": Row("get", HANDLER_ONLY, kwargs=reference_kwargs),
    "investigations:consent_withdraw": Row("post", HANDLER_ONLY, kwargs=_consent_kwargs),
}
