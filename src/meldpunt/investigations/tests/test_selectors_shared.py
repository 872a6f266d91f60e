"""What the school and the reporter read (selectors.shared): scoped, redacted, identical in preview, audited."""

import datetime as dt

import pytest
import time_machine

from meldpunt.cases.tests.case_helpers import case_in_investigation
from meldpunt.core.errors import NotFound, PermissionDenied
from meldpunt.investigations.constants import ConsentSubject, PartyAccess, PartyRole
from meldpunt.investigations.models import Party
from meldpunt.investigations.selectors.shared import (
    SchoolVisitor,
    reporter_shared_view,
    school_document_get,
    school_request_preview,
    school_request_view,
    school_requests_list,
)
from meldpunt.investigations.services.parties import PartyDetails, consent_record, party_add, party_update
from meldpunt.investigations.services.requests import information_request_send
from meldpunt.investigations.tests.permission_rows_evidence import evidence_add
from meldpunt.investigations.tests.request_helpers import (
    inactive,
    reporter_named,
    request_draft,
    request_sent,
    school_contact,
)
from meldpunt.privacy.actors import Actor, ActorKind
from meldpunt.privacy.models import AuditEntry

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 3, 10, 10, 0, tzinfo=dt.UTC)
SUMMARY = "Fatima Zwaan (06 12345678) vertelt dat meester Bakker haar zoon uitscheldt."


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def handler(staff_user):
    return staff_user("handler")


@pytest.fixture
def case(handler, school):
    case = case_in_investigation(handler, school=school.code)
    reporter_named(case, handler, "Fatima Zwaan")
    party_add(
        case=case,
        user=handler,
        role=PartyRole.ACCUSED_STAFF,
        details=PartyDetails(name="Meester Bakker", identity_shared_with_school=True),
    )
    return case


@pytest.fixture
def contact(case):
    return school_contact(case)


def test_the_school_reads_the_summary_without_the_names_it_may_not_know(case, handler, contact):
    """The reporter's name and phone are replaced; the accused staff member, known to the school, is not."""
    sent = request_sent(case, handler, summary=SUMMARY).request
    view = school_request_view(request_id=sent.pk, visitor=SchoolVisitor(user=contact))
    assert view.summary == "[naam melder] ([telefoonnummer melder]) vertelt dat meester Bakker haar zoon uitscheldt."
    assert view.reporter_identity is None
    assert "Zwaan" not in repr(view) and "ouder@example.nl" not in repr(view)


def test_with_the_reporters_consent_the_school_knows_who_reported(case, handler, contact):
    """Once the reporter agreed (recorded), the name stays and the identity is shown."""
    reporter = Party.objects.get(case=case, role=PartyRole.REPORTER)
    party_update(
        party=reporter,
        user=handler,
        details=PartyDetails(
            name="Fatima Zwaan", email="ouder@example.nl", access=PartyAccess.SHARED, identity_shared_with_school=True
        ),
        consent=consent_record(case=case, user=handler, subject=ConsentSubject.IDENTITY_WITH_SCHOOL, how_given="ja"),
    )
    sent = request_sent(case, handler, summary=SUMMARY).request
    view = school_request_view(request_id=sent.pk, visitor=SchoolVisitor(user=contact))
    assert view.summary.startswith("Fatima Zwaan")
    assert view.reporter_identity.name == "Fatima Zwaan"
    assert view.reporter_identity.email == "ouder@example.nl"


def test_the_preview_is_the_view_the_school_will_get(case, handler, contact):
    """The handler's preview of a draft equals the school's view once sent, apart from the send facts."""
    draft = request_draft(case, handler, summary=SUMMARY)
    preview = school_request_preview(request=draft, user=handler)
    assert preview.preview and preview.sent_at is None
    information_request_send(request=draft, user=handler)
    view = school_request_view(request_id=draft.pk, visitor=SchoolVisitor(user=contact))
    assert (preview.summary, preview.questions, preview.reporter_identity, preview.due_on) == (
        view.summary,
        view.questions,
        view.reporter_identity,
        view.due_on,
    )


def test_only_the_cases_handler_previews(case, handler, staff_user):
    """A preview is a read of the case's content: only its handler."""
    draft = request_draft(case, handler)
    with pytest.raises(PermissionDenied):
        school_request_preview(request=draft, user=staff_user("handler"))


def test_the_school_never_sees_drafts_or_other_boards_requests(case, handler, contact, staff_user):
    """The list holds the board's sent requests only; a draft or another board's request is NotFound."""
    draft = request_draft(case, handler)
    sent = request_sent(case, handler).request
    rows = school_requests_list(visitor=SchoolVisitor(user=contact))
    assert [row.pk for row in rows] == [sent.pk]
    with pytest.raises(NotFound):
        school_request_view(request_id=draft.pk, visitor=SchoolVisitor(user=contact))
    other = staff_user("school_contact")
    assert school_requests_list(visitor=SchoolVisitor(user=other)) == []
    with pytest.raises(NotFound):
        school_request_view(request_id=sent.pk, visitor=SchoolVisitor(user=other))
    with pytest.raises(NotFound):
        school_request_view(request_id=sent.pk, visitor=SchoolVisitor(user=inactive(contact)))


def test_every_school_read_is_audited_as_the_school(case, handler, contact):
    """Opening a request and the list each add an audit entry with actor kind school and the school contact."""
    sent = request_sent(case, handler).request
    before = AuditEntry.objects.count()
    school_requests_list(visitor=SchoolVisitor(user=contact))
    school_request_view(request_id=sent.pk, visitor=SchoolVisitor(user=contact))
    entries = list(AuditEntry.objects.order_by("sequence")[before:])
    assert [(e.actor_kind, e.actor_id, e.action) for e in entries] == [
        (ActorKind.SCHOOL, contact.pk, "informationrequest.list_read"),
        (ActorKind.SCHOOL, contact.pk, "case.read"),
    ]
    assert entries[1].details == {"view": "school_request", "information_request": sent.pk}


def test_the_school_opens_only_documents_it_sent_or_that_were_shared_with_it(case, handler, contact):
    """A document not shared with the school is NotFound for it, even by its id."""
    sent = request_sent(case, handler).request
    shared = evidence_add(case, handler, title="Gedeeld", shared_with_school=True)
    private = evidence_add(case, handler, title="Intern")
    visitor = SchoolVisitor(user=contact)
    assert school_document_get(request_id=sent.pk, evidence_id=shared.pk, visitor=visitor).pk == shared.pk
    with pytest.raises(NotFound):
        school_document_get(request_id=sent.pk, evidence_id=private.pk, visitor=visitor)


def test_the_reporter_sees_what_the_school_read_and_when_it_opened_it(case, handler, contact):
    """The section shows the summary as the school reads it and each opening from the audit log; it is a read too."""
    sent = request_sent(case, handler, summary=SUMMARY).request
    actor = Actor.reporter(case.reference)
    assert reporter_shared_view(case=case, actor=actor).requests[0].openings == []
    with time_machine.travel(NOW + dt.timedelta(hours=2), tick=False):
        school_request_view(request_id=sent.pk, visitor=SchoolVisitor(user=contact))
    view = reporter_shared_view(case=case, actor=actor)
    (request,) = view.requests
    assert request.summary_as_school_sees_it.startswith("[naam melder]")
    assert request.first_opened_at == NOW + dt.timedelta(hours=2)
    assert request.questions == []  # not shared with the reporter
    assert view.identity_shared is False
    assert AuditEntry.objects.filter(actor_kind=ActorKind.REPORTER, details__view="shared_with_school").count() == 2


def test_a_draft_is_not_in_the_reporters_section(case, handler):
    """Nothing was told to the school yet: the section is empty."""
    request_draft(case, handler)
    assert reporter_shared_view(case=case, actor=Actor.reporter(case.reference)).empty
