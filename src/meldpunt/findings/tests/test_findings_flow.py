"""The whole of hearing both sides, as the issue's done-when list states it."""

import io

import pytest
from django.core import mail
from pypdf import PdfReader

from meldpunt.findings.constants import Side
from meldpunt.findings.selectors import findings_for_side, findings_pdf
from meldpunt.findings.services import (
    draft_findings_save,
    draft_findings_send,
    findings_comment_add,
    findings_finalise,
)

from .conftest import TEXTS

pytestmark = pytest.mark.django_db


def test_draft_to_both_sides_both_comment_final_pdf_is_text_extractable(
    case, handler, reporter, school_actor, contact, django_capture_on_commit_callbacks
):
    """Draft findings go to both sides, both comment, and the final findings PDF has extractable text."""
    draft_findings_save(case=case, user=handler, texts=TEXTS)
    with django_capture_on_commit_callbacks(execute=True):
        draft = draft_findings_send(case=case, user=handler)
    assert {m.to[0] for m in mail.outbox} >= {"ouder@example.nl", contact.email}
    findings_comment_add(case=case, side=Side.REPORTER, body="Het was vier keer, niet drie.", actor=reporter)
    findings_comment_add(case=case, side=Side.SCHOOL, body="De mentor wist het niet.", actor=school_actor, user=contact)
    final = findings_finalise(
        case=case, user=handler, texts=TEXTS, changes="Het aantal keer is aangepast na de reactie van de melder."
    )
    assert final.draft == draft
    filename, data = findings_pdf(case=case, side=Side.SCHOOL, actor=school_actor)
    assert filename == f"bevindingen-{case.reference}.pdf"
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    assert "Vastgestelde feiten" in text and "uitgescholden in de pauze" in text
    view = findings_for_side(case=case, side=Side.REPORTER, actor=reporter)
    assert view is not None and view.final is not None and view.final.has_pdf
