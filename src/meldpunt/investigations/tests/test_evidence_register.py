import datetime as dt
import hashlib

import pytest
import time_machine

from meldpunt.cases.models import Case
from meldpunt.cases.tests.case_helpers import case_in_investigation
from meldpunt.core.errors import MeldpuntError, NotFound, PermissionDenied
from meldpunt.intake.attachments import CheckedAttachment
from meldpunt.investigations.constants import EvidenceSource, PartyRole
from meldpunt.investigations.models import ChronologyEntry, Evidence
from meldpunt.investigations.services.evidence import (
    evidence_associated_data,
    evidence_register,
    evidence_register_from_attachment,
)
from meldpunt.investigations.tests.permission_rows_evidence import checked_png, evidence_add, party_add
from meldpunt.privacy.actors import Actor
from meldpunt.privacy.crypto import decrypt_bytes
from meldpunt.privacy.models import AuditEntry

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 3, 10, 10, 0, tzinfo=dt.UTC)
PDF = CheckedAttachment("verslag.pdf", "application/pdf", b"%PDF-1.4 verslag van het gesprek")


@pytest.fixture
def handler(staff_user):
    return staff_user("handler")


@pytest.fixture
def case(handler, school):
    with time_machine.travel(NOW - dt.timedelta(days=7), tick=False):
        return case_in_investigation(handler, school=school.code)


def _refusal(case, handler, **overrides):
    with pytest.raises(MeldpuntError) as refused:
        evidence_add(case, handler, **overrides)
    return refused.value


def test_a_registered_document_is_stored_encrypted_with_the_hash_of_its_contents(case, handler):
    """The bytes are encrypted at rest and bound to the case; size, type, hash and who registered it are kept."""
    with time_machine.travel(NOW, tick=False):
        evidence = evidence_add(case, handler, attachment=PDF, title="Verslag van de school")
    evidence.refresh_from_db()
    assert evidence.sha256 == hashlib.sha256(PDF.data).hexdigest()
    assert PDF.data not in bytes(evidence.data)
    assert decrypt_bytes(bytes(evidence.data), associated_data=evidence_associated_data(reference=case.reference)) == (
        PDF.data
    )
    assert (evidence.filename, evidence.content_type, evidence.size) == (
        "verslag.pdf",
        "application/pdf",
        len(PDF.data),
    )
    assert evidence.title == "Verslag van de school"
    assert (evidence.registered_by, evidence.registered_at) == (handler, NOW)
    assert evidence.integrity_failed_at is None


def test_registering_is_audited_without_the_title(case, handler):
    """The audit entry names the document, the case and the source, never its title or contents."""
    evidence = evidence_add(case, handler, title="Geheime titel")
    entry = AuditEntry.objects.get(action="evidence.registered")
    assert entry.object_pk == str(evidence.pk) and entry.actor == handler
    assert entry.details["case"] == case.pk and entry.details["source"] == "school"
    assert "Geheime titel" not in str(entry.details)


def test_registering_adds_the_document_to_the_chronology_on_the_day_it_was_received(case, handler):
    """One entry per document, dated on the day of receipt, saying what came in."""
    with time_machine.travel(NOW, tick=False):
        evidence = evidence_add(case, handler, title="Brief van de school", received_on=dt.date(2026, 3, 9))
    entry = ChronologyEntry.objects.get(case=case, source_kind="evidence", source_id=evidence.pk)
    assert entry.occurred_on == dt.date(2026, 3, 9)
    assert entry.description == "Stuk ontvangen: Brief van de school"


def test_a_date_of_receipt_in_the_future_is_refused(case, handler):
    """A document cannot have been received tomorrow."""
    with time_machine.travel(NOW, tick=False):
        refusal = _refusal(case, handler, received_on=dt.date(2026, 3, 11))
    assert refusal.field == "received_on" and "toekomst" in refusal.message


def test_a_date_of_receipt_before_the_report_is_refused(case, handler):
    """A document for this case cannot have come in before the report did."""
    with time_machine.travel(NOW, tick=False):
        refusal = _refusal(case, handler, received_on=dt.date(2026, 2, 1))
    assert refusal.field == "received_on" and "03-03-2026" in refusal.message


def test_an_empty_or_too_long_title_is_refused(case, handler):
    """The title says what the document is, in at most 300 characters."""
    assert _refusal(case, handler, title="   ").field == "title"
    assert "300" in _refusal(case, handler, title="x" * 301).message


def test_a_party_of_another_case_is_refused_as_the_source(case, handler):
    """The source party must be involved in this case."""
    other = case_in_investigation(handler)
    refusal = _refusal(case, handler, source_party=party_add(other))
    assert refusal.field == "source_party"


def test_sharing_with_the_school_needs_a_school(handler):
    """A case whose reporter named no school cannot share a document with one."""
    case = case_in_investigation(handler)
    refusal = _refusal(case, handler, shared_with_school=True)
    assert refusal.field == "shared_with_school"


def test_the_sharing_choices_are_stored(case, handler):
    """Shared with the school and with the reporter are two separate choices."""
    evidence = evidence_add(case, handler, shared_with_school=True, shared_with_reporter=False)
    assert (evidence.shared_with_school, evidence.shared_with_reporter) == (True, False)


def test_only_the_handler_of_the_case_registers_documents(case, staff_user):
    """Another handler and an unassigned coordinator are refused; nothing is stored."""
    for intruder in (staff_user("handler"), staff_user("coordinator")):
        with pytest.raises(PermissionDenied):
            evidence_add(case, intruder)
    assert not Evidence.objects.exists()


def test_a_closed_case_takes_no_new_documents(case, handler):
    """After closing, the register stays as it is."""
    Case.objects.filter(pk=case.pk).update(status="closed")
    case.refresh_from_db()
    assert "afgesloten" in _refusal(case, handler).message


def test_a_school_actor_registers_a_document_with_the_request(case, staff_user, school):
    """The school portal registers what a school contact sends; the permission check is the portal's."""
    contact = staff_user("school_contact", board=school.board)
    evidence = evidence_register(
        case=case,
        title="Antwoord van de school",
        attachment=checked_png(),
        source=EvidenceSource.SCHOOL,
        received_on=case.received_at.date(),
        actor=Actor(kind="school", user=contact),
        user=contact,
    )
    assert evidence.registered_by == contact
    assert AuditEntry.objects.get(action="evidence.registered").actor_kind == "school"


def test_a_file_of_the_reporter_is_copied_into_the_register(handler):
    """Same bytes and hash, source reporter, received on the day it came in, linked to the reporter party."""
    case = case_in_investigation(handler, attachments=[PDF])
    reporter = party_add(case, role=PartyRole.REPORTER, name="")
    attachment = case.attachments.get()
    evidence = evidence_register_from_attachment(case=case, attachment_id=attachment.pk, user=handler)
    assert evidence.sha256 == attachment.sha256 == hashlib.sha256(PDF.data).hexdigest()
    assert evidence.source == EvidenceSource.REPORTER and evidence.source_party == reporter
    assert evidence.received_on == attachment.uploaded_at.date()
    assert evidence.title == "verslag.pdf"


def test_a_file_of_the_reporter_is_registered_only_once(handler):
    """A second attempt says it is already there."""
    case = case_in_investigation(handler, attachments=[PDF])
    attachment_id = case.attachments.get().pk
    evidence_register_from_attachment(case=case, attachment_id=attachment_id, user=handler)
    with pytest.raises(MeldpuntError, match="staat al in het bewijsregister"):
        evidence_register_from_attachment(case=case, attachment_id=attachment_id, user=handler)


def test_a_file_of_another_case_cannot_be_copied(handler):
    """The attachment must belong to the case."""
    case = case_in_investigation(handler)
    other = case_in_investigation(handler, attachments=[PDF])
    with pytest.raises(NotFound):
        evidence_register_from_attachment(case=case, attachment_id=other.attachments.get().pk, user=handler)
