import datetime as dt
import hashlib

import pytest
import time_machine

from meldpunt.cases.tests.case_helpers import case_in_investigation
from meldpunt.core.errors import NotFound, PermissionDenied
from meldpunt.intake.attachments import CheckedAttachment
from meldpunt.investigations.models import Evidence
from meldpunt.investigations.services.evidence import (
    evidence_associated_data,
    evidence_open,
    evidence_open_for_staff,
)
from meldpunt.investigations.tests.permission_rows_evidence import evidence_add
from meldpunt.privacy.actors import Actor
from meldpunt.privacy.crypto import encrypt_bytes
from meldpunt.privacy.models import AuditEntry

pytestmark = pytest.mark.django_db
PDF = CheckedAttachment("verslag.pdf", "application/pdf", b"%PDF-1.4 verslag van het gesprek")
OTHER = b"%PDF-1.4 een ander verslag"
NOW = dt.datetime(2026, 3, 10, 10, 0, tzinfo=dt.UTC)


@pytest.fixture
def handler_client(staff_client):
    return staff_client("handler")


@pytest.fixture
def handler(handler_client):
    return handler_client.user


@pytest.fixture
def case(handler):
    return case_in_investigation(handler)


@pytest.fixture
def evidence(case, handler):
    return evidence_add(case, handler, attachment=PDF, title="Verslag")


def _tamper(evidence, data=OTHER, *, reference=None):
    """Replace the stored bytes by other bytes, encrypted as the register would (someone with the key)."""
    reference = reference or evidence.case.reference
    Evidence.objects.filter(pk=evidence.pk).update(
        data=encrypt_bytes(data, associated_data=evidence_associated_data(reference=reference))
    )


def _url(case, evidence_id, tail=""):
    return f"/behandeling/onderzoek/{case.reference}/bewijs/{evidence_id}{tail}"


def test_an_unchanged_document_opens_intact_and_the_read_is_audited(case, handler, evidence):
    """The bytes come back as registered, the hashes match, and the audit log has the read."""
    opened = evidence_open_for_staff(case=case, evidence_id=evidence.pk, user=handler)
    assert opened.intact and opened.data == PDF.data
    assert opened.expected_sha256 == opened.actual_sha256 == hashlib.sha256(PDF.data).hexdigest()
    assert (opened.filename, opened.content_type) == ("verslag.pdf", "application/pdf")
    read = AuditEntry.objects.get(action="evidence.read")
    assert read.object_pk == str(evidence.pk) and read.actor == handler and read.details == {"intact": True}
    evidence.refresh_from_db()
    assert evidence.integrity_failed_at is None


def test_every_opening_is_a_separate_audited_read(case, handler, evidence):
    """Three openings, three entries."""
    for _ in range(3):
        evidence_open_for_staff(case=case, evidence_id=evidence.pk, user=handler)
    assert AuditEntry.objects.filter(action="evidence.read", object_pk=str(evidence.pk)).count() == 3


def test_a_changed_document_is_flagged_once_and_the_failure_is_audited(case, handler, evidence):
    """Other bytes in the row: not intact, integrity_failed_at set at the first opening, one failure entry."""
    _tamper(evidence)
    with time_machine.travel(NOW, tick=False):
        opened = evidence_open_for_staff(case=case, evidence_id=evidence.pk, user=handler)
    assert not opened.intact and opened.readable
    assert opened.data == OTHER and opened.actual_sha256 == hashlib.sha256(OTHER).hexdigest()
    assert opened.expected_sha256 == evidence.sha256
    evidence.refresh_from_db()
    assert evidence.integrity_failed_at == NOW
    failure = AuditEntry.objects.get(action="evidence.integrity_failed")
    assert failure.object_pk == str(evidence.pk)
    assert failure.details == {
        "expected_sha256": evidence.sha256,
        "actual_sha256": hashlib.sha256(OTHER).hexdigest(),
        "readable": True,
    }
    with time_machine.travel(NOW + dt.timedelta(days=1), tick=False):
        evidence_open_for_staff(case=case, evidence_id=evidence.pk, user=handler)
    evidence.refresh_from_db()
    assert evidence.integrity_failed_at == NOW
    assert AuditEntry.objects.filter(action="evidence.integrity_failed").count() == 1
    assert list(AuditEntry.objects.filter(action="evidence.read").values_list("details", flat=True)) == [
        {"intact": False},
        {"intact": False},
    ]


def test_bytes_that_no_longer_decrypt_are_flagged_not_a_server_error(case, handler, evidence):
    """A file copied from another case's register does not decrypt here: flagged, unreadable, empty."""
    _tamper(evidence, reference="MSV-2026-999999")
    opened = evidence_open_for_staff(case=case, evidence_id=evidence.pk, user=handler)
    assert not opened.intact and not opened.readable and opened.data == b""
    assert AuditEntry.objects.get(action="evidence.integrity_failed").details["readable"] is False


def test_evidence_open_serves_other_actors_too(case, handler, evidence):
    """The school portal opens a shared document as a school actor; that read is audited as the school's."""
    opened = evidence_open(evidence=evidence, actor=Actor.system("schoolportal"))
    assert opened.intact
    assert AuditEntry.objects.get(action="evidence.read").actor_kind == "system"


def test_only_the_handler_of_the_case_opens_its_documents(case, evidence, staff_user):
    """Another handler and an unassigned coordinator are refused, and nothing is read."""
    for intruder in (staff_user("handler"), staff_user("coordinator")):
        with pytest.raises(PermissionDenied):
            evidence_open_for_staff(case=case, evidence_id=evidence.pk, user=intruder)
    assert not AuditEntry.objects.filter(action="evidence.read").exists()


def test_a_document_of_another_case_is_not_found(case, handler):
    """The id must belong to the case in the address."""
    other = case_in_investigation(handler)
    foreign = evidence_add(other, handler)
    with pytest.raises(NotFound):
        evidence_open_for_staff(case=case, evidence_id=foreign.pk, user=handler)


def test_the_download_of_an_intact_document_is_an_attachment(handler_client, case, evidence):
    """The file comes with its type and name, as a download."""
    response = handler_client.get(_url(case, evidence.pk))
    assert response.status_code == 200 and response.content == PDF.data
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="verslag.pdf"'


def test_a_changed_document_gets_a_warning_page_with_both_hashes(handler_client, case, evidence):
    """Not the file but a warning, with the expected and the actual SHA-256 and an explicit download anyway."""
    _tamper(evidence)
    response = handler_client.get(_url(case, evidence.pk))
    page = response.content.decode()
    assert response.status_code == 200 and response["Content-Type"].startswith("text/html")
    assert "Dit bestand is veranderd sinds het werd geregistreerd" in page
    assert evidence.sha256 in page and hashlib.sha256(OTHER).hexdigest() in page
    assert f'href="{_url(case, evidence.pk)}?toch=1"' in page


def test_download_anyway_serves_the_changed_file_and_audits_it(handler_client, case, evidence):
    """With ?toch=1 the handler gets the changed bytes; that opening is audited too."""
    _tamper(evidence)
    response = handler_client.get(_url(case, evidence.pk, "?toch=1"))
    assert response.status_code == 200 and response.content == OTHER
    assert AuditEntry.objects.filter(action="evidence.read", object_pk=str(evidence.pk)).count() == 1


def test_an_unreadable_document_offers_no_download(handler_client, case, evidence):
    """Bytes that do not decrypt cannot be downloaded, not even with ?toch=1."""
    _tamper(evidence, reference="MSV-2026-999999")
    response = handler_client.get(_url(case, evidence.pk, "?toch=1"))
    page = response.content.decode()
    assert response["Content-Type"].startswith("text/html")
    assert "kan niet meer worden gelezen" in page and "?toch=1" not in page


def test_the_register_shows_the_flag_after_a_failed_check(handler_client, case, evidence):
    """Once a changed file is seen, the register marks it and warns at the top."""
    register = f"/behandeling/onderzoek/{case.reference}/bewijs/"
    assert "Veranderd" not in handler_client.get(register).content.decode()
    _tamper(evidence)
    handler_client.get(_url(case, evidence.pk))
    page = handler_client.get(register).content.decode()
    assert "Veranderd" in page and "1 stuk was veranderd toen het werd geopend" in page


def test_strangers_cannot_download(staff_client, case, evidence):
    """Another handler and a school contact of another board get 403; nothing is read."""
    for role in ("handler", "school_contact", "coordinator"):
        assert staff_client(role).get(_url(case, evidence.pk)).status_code == 403
    assert not AuditEntry.objects.filter(action="evidence.read").exists()


def test_an_unknown_document_is_404(handler_client, case):
    """A made-up id is not found."""
    assert handler_client.get(_url(case, 999_999)).status_code == 404
