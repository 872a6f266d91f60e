import datetime as dt
import hashlib

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.loader import render_to_string

from meldpunt.accounts.tests.matrix import png
from meldpunt.cases.tests.case_helpers import case_in_investigation
from meldpunt.intake.attachments import CheckedAttachment
from meldpunt.investigations.models import Evidence
from meldpunt.investigations.selectors.evidence import evidence_workspace_section
from meldpunt.investigations.tests.permission_rows_evidence import evidence_add, party_add
from meldpunt.privacy.models import AuditEntry

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 3, 10, 10, 0, tzinfo=dt.UTC)
PDF = CheckedAttachment("verslag.pdf", "application/pdf", b"%PDF-1.4 verslag van het gesprek")


@pytest.fixture
def handler_client(staff_client):
    return staff_client("handler")


@pytest.fixture
def case(handler_client, school):
    with time_machine.travel(NOW - dt.timedelta(days=7), tick=False):
        return case_in_investigation(handler_client.user, school=school.code, attachments=[PDF])


def _url(case, tail=""):
    return f"/behandeling/onderzoek/{case.reference}/bewijs/{tail}"


def _post(client, case, **overrides):
    data = {
        "title": "Brief van de school",
        "file": SimpleUploadedFile("brief.png", png(), content_type="image/png"),
        "source": "school",
        "source_party": "",
        "received_on": "09-03-2026",
    }
    data.update(overrides)
    with time_machine.travel(NOW, tick=False):
        return client.post(_url(case, "toevoegen"), data)


def test_the_handler_registers_a_document_through_the_form(handler_client, case):
    """A valid form stores the document, with its party and sharing choices, and goes back to the register."""
    party = party_add(case, name="Juf Bakker")
    response = _post(handler_client, case, source_party=str(party.pk), shared_with_school="on")
    assert response.status_code == 302 and response["Location"] == _url(case)
    evidence = Evidence.objects.get(case=case)
    assert evidence.title == "Brief van de school" and evidence.source == "school"
    assert evidence.source_party == party and evidence.shared_with_school and not evidence.shared_with_reporter
    assert evidence.received_on == dt.date(2026, 3, 9)
    assert evidence.sha256 == hashlib.sha256(png()).hexdigest()


def test_the_register_lists_the_short_and_the_full_hash(handler_client, case):
    """The first 12 characters of the SHA-256 are shown, the whole hash in a details element."""
    evidence = evidence_add(case, handler_client.user, title="Verslag van de school", attachment=PDF)
    page = handler_client.get(_url(case)).content.decode()
    assert "Verslag van de school" in page and "verslag.pdf" in page
    assert f"<summary><code>{evidence.sha256[:12]}</code>" in page
    assert f"<code>{evidence.sha256}</code>" in page
    assert "Geen verandering gezien" in page


def test_reading_the_register_is_audited(handler_client, case):
    """Opening the register page records a read of the case's register."""
    handler_client.get(_url(case))
    entry = AuditEntry.objects.filter(action="case.read").last()
    assert entry.details == {"view": "evidence_register"} and entry.actor == handler_client.user


def test_a_file_that_is_not_an_allowed_type_is_refused_with_a_message(handler_client, case):
    """A Word document or a renamed program is refused by its bytes, naming the file; nothing is stored."""
    response = _post(
        handler_client,
        case,
        file=SimpleUploadedFile("verslag.pdf", b"MZ\x90\x00 een programma", content_type="application/pdf"),
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Het bestand verslag.pdf is geen JPG, PNG of PDF." in page
    assert "<title>Fout:" in page
    assert not Evidence.objects.exists()


def test_a_missing_file_and_title_get_their_own_messages(handler_client, case):
    """Each empty field says what to fill in."""
    response = _post(handler_client, case, title="", file="")
    page = response.content.decode()
    assert "Kies het bestand van het stuk." in page
    assert "Geef het stuk een omschrijving" in page


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("", "Vul de datum in waarop het stuk binnenkwam."),
        ("31-02-2026", "Vul een bestaande datum in als dag-maand-jaar, bijvoorbeeld 15-03-2026."),
        ("gisteren", "Vul een bestaande datum in als dag-maand-jaar, bijvoorbeeld 15-03-2026."),
        ("11-03-2026", "De datum van ontvangst kan niet in de toekomst liggen."),
        ("01-01-2026", "Het stuk kan niet eerder zijn ontvangen dan de melding (03-03-2026)."),
    ],
)
def test_a_bad_date_of_receipt_gets_a_specific_message(handler_client, case, value, message):
    """Empty, impossible, unreadable, future and too early dates each say what is wrong."""
    response = _post(handler_client, case, received_on=value)
    assert response.status_code == 200 and message in response.content.decode()
    assert not Evidence.objects.exists()


def test_no_source_is_refused(handler_client, case):
    """The form asks where the document came from."""
    response = _post(handler_client, case, source="")
    assert "Kies van wie het stuk komt." in response.content.decode()


def test_a_reporter_file_is_put_in_the_register_from_the_register_page(handler_client, case):
    """The reporter's file is offered, copied on request, and then shown as registered."""
    attachment = case.attachments.get()
    page = handler_client.get(_url(case)).content.decode()
    assert f"bewijs/van-melder/{attachment.pk}" in page
    response = handler_client.post(_url(case, f"van-melder/{attachment.pk}"))
    assert response.status_code == 302
    assert Evidence.objects.get(case=case).source == "reporter"
    page = handler_client.get(_url(case)).content.decode()
    assert f"bewijs/van-melder/{attachment.pk}" not in page and "staat in het register." in page


def test_a_second_copy_of_a_reporter_file_gives_a_message(handler_client, case):
    """The refusal is shown on the register page, not as an error page."""
    attachment = case.attachments.get()
    handler_client.post(_url(case, f"van-melder/{attachment.pk}"))
    response = handler_client.post(_url(case, f"van-melder/{attachment.pk}"), follow=True)
    assert "staat al in het bewijsregister" in response.content.decode()
    assert Evidence.objects.count() == 1


def test_the_register_pages_refuse_everyone_but_the_handler(staff_client, case):
    """Other handlers, coordinators and school contacts (also of the case's own board) get 403."""
    school_board = case.school.board
    for client in (
        staff_client("handler"),
        staff_client("coordinator"),
        staff_client("school_contact"),
        staff_client("school_contact", board=school_board),
    ):
        assert client.get(_url(case)).status_code == 403
        assert client.get(_url(case, "toevoegen")).status_code == 403
        assert _post(client, case).status_code == 403
    assert not Evidence.objects.exists()


def test_an_unknown_case_is_404(handler_client):
    """A made-up reference is not found."""
    assert handler_client.get("/behandeling/onderzoek/MSV-2026-999999/bewijs/").status_code == 404


def test_the_workspace_section_lists_documents_interviews_and_the_chronology_link(handler_client, case):
    """The include renders from the selector alone: documents with their flag, interviews, links to add."""
    evidence = evidence_add(case, handler_client.user, title="Verslag van de school")
    Evidence.objects.filter(pk=evidence.pk).update(integrity_failed_at=NOW)
    section = evidence_workspace_section(case=case, user=handler_client.user)
    html = render_to_string(
        "investigations/evidence/workspace_section.html", {"case": case, "evidence_section": section}
    )
    assert "Verslag van de school" in html and "Veranderd" in html
    assert f"/behandeling/onderzoek/{case.reference}/chronologie/" in html
    assert f"/behandeling/onderzoek/{case.reference}/bewijs/toevoegen" in html
    assert f"/behandeling/onderzoek/{case.reference}/gesprekken/toevoegen" in html
    assert AuditEntry.objects.filter(action="case.read", details={"view": "evidence_section"}).exists()
