"""Final findings: need what changed and why, wait for the term, make a tagged PDF without the reporter's name."""

import datetime as dt
import hashlib
import io

import pytest
import time_machine
from django.core import mail
from django.utils import timezone
from pypdf import PdfReader

from meldpunt.cases.deadlines import AMSTERDAM
from meldpunt.cases.models import Case
from meldpunt.core.errors import PermissionDenied
from meldpunt.findings.constants import Side
from meldpunt.findings.models import FinalFindings
from meldpunt.findings.pdf import pdf_associated_data
from meldpunt.findings.rules import FindingsRefused
from meldpunt.findings.services import (
    draft_findings_save,
    draft_findings_send,
    findings_comment_add,
    findings_finalise,
)
from meldpunt.investigations.constants import PartyAccess, PartyRole
from meldpunt.investigations.models import Party
from meldpunt.privacy.crypto import decrypt_bytes
from meldpunt.privacy.models import AuditEntry

from .conftest import TEXTS, texts
from .helpers import CHANGES, both_commented, sent

pytestmark = pytest.mark.django_db
MONDAY = dt.datetime(2026, 11, 2, 10, 0, tzinfo=AMSTERDAM)


def _pdf(final: FinalFindings, case: Case) -> bytes:
    stored = FinalFindings.objects.get(pk=final.pk)
    return decrypt_bytes(
        bytes(stored.pdf), associated_data=pdf_associated_data(reference=case.reference, round_number=1)
    )


def test_finalise_needs_what_changed_and_why(case, handler, reporter, school_actor):
    """Without the "what changed and why" text the findings do not become final."""
    both_commented(case, handler, reporter, school_actor)
    with pytest.raises(FindingsRefused) as refused:
        findings_finalise(case=case, user=handler, texts=TEXTS, changes="   ")
    assert refused.value.field == "changes" and "waarom" in refused.value.message
    assert not FinalFindings.objects.exists()


def test_final_waits_for_the_term_unless_both_commented(case, handler, reporter):
    """Before the due date, with only one side heard, finalising is refused; after it, it is allowed."""
    with time_machine.travel(MONDAY, tick=False):
        sent(case, handler)
        findings_comment_add(case=case, side=Side.REPORTER, body="Het was vaker.", actor=reporter)
        with pytest.raises(FindingsRefused, match="tot en met 16 november 2026"):
            findings_finalise(case=case, user=handler, texts=TEXTS, changes=CHANGES)
    with time_machine.travel(dt.datetime(2026, 11, 17, 9, 0, tzinfo=AMSTERDAM), tick=False):
        final = findings_finalise(case=case, user=handler, texts=TEXTS, changes=CHANGES)
    assert final.issued_at == dt.datetime(2026, 11, 17, 9, 0, tzinfo=AMSTERDAM)


def test_final_is_a_new_record_next_to_the_draft(
    case, handler, reporter, school_actor, contact, django_capture_on_commit_callbacks
):
    """The final keeps its own text and the changes; the draft stays as sent; both sides hear of it; audited."""
    draft = both_commented(case, handler, reporter, school_actor)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        final = findings_finalise(
            case=case, user=handler, texts=texts(assessment="Aangepast na de reacties."), changes=CHANGES
        )
    assert final.draft_id == draft.pk and final.changes == CHANGES and final.assessment == "Aangepast na de reacties."
    draft.refresh_from_db()
    assert draft.assessment == TEXTS.assessment
    assert sorted(m.to[0] for m in mail.outbox) == sorted(["ouder@example.nl", contact.email])
    assert AuditEntry.objects.filter(action="findings.final_issued", object_pk=str(case.pk)).exists()


def test_final_meets_the_findings_term_of_the_case(case, handler, reporter, school_actor):
    """Issuing the final findings records the case's findings moment (once)."""
    both_commented(case, handler, reporter, school_actor)
    final = findings_finalise(case=case, user=handler, texts=TEXTS, changes=CHANGES)
    case.refresh_from_db()
    assert case.findings_at == final.issued_at


def test_the_pdf_is_stored_encrypted_with_its_hash(case, handler, reporter, school_actor):
    """The stored bytes are not the PDF; decrypted they are, and their SHA-256 is kept."""
    both_commented(case, handler, reporter, school_actor)
    final = findings_finalise(case=case, user=handler, texts=TEXTS, changes=CHANGES)
    stored = bytes(FinalFindings.objects.get(pk=final.pk).pdf)
    assert not stored.startswith(b"%PDF")
    data = _pdf(final, case)
    assert data.startswith(b"%PDF") and hashlib.sha256(data).hexdigest() == final.pdf_sha256
    assert final.pdf_size == len(data)


def test_the_pdf_is_tagged_titled_in_dutch_with_embedded_fonts_and_extractable_text(
    case, handler, reporter, school_actor
):
    """PDF/UA: marked and structured, a title and language, the shipped fonts embedded, all text extractable."""
    both_commented(case, handler, reporter, school_actor)
    final = findings_finalise(case=case, user=handler, texts=TEXTS, changes=CHANGES)
    reader = PdfReader(io.BytesIO(_pdf(final, case)))
    catalog = reader.trailer["/Root"]
    assert catalog["/MarkInfo"]["/Marked"].value is True
    assert "/StructTreeRoot" in catalog
    assert catalog["/Lang"] == "nl"
    assert reader.metadata.title == f"Bevindingen en aanbevelingen, zaak {case.reference}"
    fonts = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            for descendant in font.get_object()["/DescendantFonts"]:
                descriptor = descendant.get_object()["/FontDescriptor"]
                assert "/FontFile2" in descriptor  # the glyphs are in the file, not left to the reader
                fonts.add(str(descendant.get_object()["/BaseFont"]).split("+")[-1])
    assert fonts == {"DejaVu-Sans", "DejaVu-Sans-Bold"}
    text = " ".join(page.extract_text() for page in reader.pages)
    for expected in (
        "Bevindingen en aanbevelingen",
        "Vastgestelde feiten",
        "Betwiste feiten",
        "Beoordeling",
        "Aanbevelingen",
        "Hoor en wederhoor",
        "Wat is veranderd ten opzichte van het concept, en waarom",
        "uitgescholden in de pauze",
        "De melder heeft gereageerd.",
        "Het schoolbestuur heeft gereageerd.",
        "BBS de Verwondering",
        case.reference,
    ):
        assert expected in " ".join(text.split()), expected


def test_the_pdf_calls_the_reporter_de_melder_and_refuses_a_hidden_name(case, handler, reporter, school_actor):
    """The PDF also goes to the school: it says "de melder", and a text naming the reporter is refused."""
    Party.objects.create(
        case=case, role=PartyRole.REPORTER, name="Sanne de Boer", access=PartyAccess.SHARED, added_at=timezone.now()
    )
    both_commented(case, handler, reporter, school_actor)
    with pytest.raises(FindingsRefused, match="naam van de melder"):
        findings_finalise(case=case, user=handler, texts=TEXTS, changes="Sanne had gelijk.")
    final = findings_finalise(case=case, user=handler, texts=TEXTS, changes=CHANGES)
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(_pdf(final, case))).pages)
    assert "de melder" in text and "Sanne" not in text and "Boer" not in text
    assert "ouder@example.nl" not in text


def test_refused_before_sending_and_twice(case, handler, reporter, school_actor):
    """An unsent draft cannot become final, and a final cannot be made twice."""
    draft_findings_save(case=case, user=handler, texts=TEXTS)
    with pytest.raises(FindingsRefused, match="Stuur eerst"):
        findings_finalise(case=case, user=handler, texts=TEXTS, changes=CHANGES)
    draft_findings_send(case=case, user=handler)
    findings_comment_add(case=case, side=Side.REPORTER, body="Ja.", actor=reporter)
    findings_comment_add(case=case, side=Side.SCHOOL, body="Nee.", actor=school_actor)
    findings_finalise(case=case, user=handler, texts=TEXTS, changes=CHANGES)
    with pytest.raises(FindingsRefused, match="al definitief"):
        findings_finalise(case=case, user=handler, texts=TEXTS, changes=CHANGES)


def test_only_the_assigned_handler_finalises(case, handler, reporter, school_actor, staff_user):
    """Another handler may not make the findings final."""
    both_commented(case, handler, reporter, school_actor)
    with pytest.raises(PermissionDenied):
        findings_finalise(case=case, user=staff_user("handler"), texts=TEXTS, changes=CHANGES)
