"""What each side sees of the findings (through the confidentiality table), and the PDF download."""

import datetime as dt
import io

import pytest
import time_machine
from pypdf import PdfReader

from meldpunt.cases.deadlines import AMSTERDAM
from meldpunt.core.errors import NotFound, PermissionDenied
from meldpunt.findings.constants import Side
from meldpunt.findings.models import FinalFindings
from meldpunt.findings.selectors import (
    findings_for_side,
    findings_page_get,
    findings_pdf,
    findings_pdf_for_staff,
    findings_stage_for_side,
)
from meldpunt.findings.services import draft_findings_save, findings_comment_add
from meldpunt.portal.services import support_access_invite
from meldpunt.portal.visitors import Visitor, VisitorKind
from meldpunt.privacy.actors import Actor, ActorKind
from meldpunt.privacy.models import AuditEntry

from .conftest import TEXTS
from .helpers import both_commented, finalised, sent

pytestmark = pytest.mark.django_db
MONDAY = dt.datetime(2026, 11, 2, 10, 0, tzinfo=AMSTERDAM)


def test_nothing_before_sending(case, handler, reporter, school_actor):
    """An unsent draft is nobody's business but the handler's: both sides get None."""
    draft_findings_save(case=case, user=handler, texts=TEXTS)
    assert findings_for_side(case=case, side=Side.REPORTER, actor=reporter) is None
    assert findings_for_side(case=case, side=Side.SCHOOL, actor=school_actor) is None
    assert findings_stage_for_side(case=case, side=Side.SCHOOL, actor=school_actor) is None


def test_each_side_sees_the_same_draft_and_only_its_own_comments(case, handler, reporter, school_actor):
    """Both sides read the same text and due date; each sees its own comments, not the other side's."""
    both_commented(case, handler, reporter, school_actor)
    mine = findings_for_side(case=case, side=Side.REPORTER, actor=reporter)
    theirs = findings_for_side(case=case, side=Side.SCHOOL, actor=school_actor)
    assert mine.draft.assessment == theirs.draft.assessment == TEXTS.assessment
    assert mine.draft.comments_due_on == theirs.draft.comments_due_on
    assert mine.draft.sent_at == theirs.draft.sent_at
    assert [c.body for c in mine.draft.own_comments] == ["Het was vaker."]
    assert [c.body for c in theirs.draft.own_comments] == ["Wij wisten het niet."]
    assert mine.final is None and mine.stage == "comment"


def test_reads_are_audited_on_the_case(case, handler, reporter, school_actor):
    """Every read that returns findings is in the audit log, with who read it and which side."""
    sent(case, handler)
    findings_for_side(case=case, side=Side.SCHOOL, actor=school_actor)
    entry = AuditEntry.objects.filter(action="case.read", actor_kind="school").get()
    assert entry.object_pk == str(case.pk) and entry.details == {"findings_round": 1, "side": "school"}


def test_may_comment_ends_after_the_due_date_and_with_the_final(case, handler, reporter, school_actor):
    """may_comment is true before the due date, false the day after and false once final."""
    with time_machine.travel(MONDAY, tick=False):
        sent(case, handler)
        assert findings_for_side(case=case, side=Side.REPORTER, actor=reporter).draft.may_comment
    late = dt.datetime(2026, 11, 17, 9, 0, tzinfo=AMSTERDAM)
    view = findings_for_side(case=case, side=Side.REPORTER, actor=reporter, now=late)
    assert not view.draft.may_comment and view.stage == "waiting"
    stage = findings_stage_for_side(case=case, side=Side.REPORTER, actor=reporter, now=late)
    assert stage.comments_open is False and stage.issued_at is None


def test_after_the_final_both_sides_see_it_with_the_changes(case, handler, reporter, school_actor):
    """The final findings, what changed and why, and that a PDF exists are shown to both sides."""
    final = finalised(case, handler, reporter, school_actor)
    for side, actor in ((Side.REPORTER, reporter), (Side.SCHOOL, school_actor)):
        view = findings_for_side(case=case, side=side, actor=actor)
        assert view.stage == "final" and view.final.changes == final.changes and view.final.has_pdf
        assert not view.draft.may_comment
    assert findings_stage_for_side(case=case, side=Side.REPORTER, actor=reporter).issued_at == final.issued_at


def test_a_support_person_sees_but_may_not_comment(case, handler):
    """A support person the reporter invited reads the draft; may_comment is false for them."""
    sent(case, handler)
    access, _code = support_access_invite(visitor=Visitor(case=case, kind=VisitorKind.REPORTER))
    view = findings_for_side(case=case, side=Side.REPORTER, actor=Actor.support_person(access.public_id))
    assert view.draft is not None and not view.draft.may_comment


def test_a_revoked_or_unknown_support_person_sees_nothing(case, handler):
    """A support id that is not (or no longer) the case's is refused."""
    sent(case, handler)
    with pytest.raises(PermissionDenied):
        findings_for_side(case=case, side=Side.REPORTER, actor=Actor.support_person("STP-AAAA-BBBB"))


def test_outsiders_are_refused(case, handler, staff_user, reporter):
    """A contact of another board, a staff actor, or the reporter asking as the school are refused."""
    sent(case, handler)
    other = Actor(kind=ActorKind.SCHOOL, user=staff_user("school_contact"))
    for side, actor in ((Side.SCHOOL, other), (Side.SCHOOL, reporter), (Side.REPORTER, Actor.staff(handler))):
        with pytest.raises(PermissionDenied):
            findings_for_side(case=case, side=side, actor=actor)


def test_pdf_is_not_found_before_the_final(case, handler, reporter):
    """Without final findings there is no PDF."""
    sent(case, handler)
    with pytest.raises(NotFound):
        findings_pdf(case=case, side=Side.REPORTER, actor=reporter)


def test_pdf_for_both_sides_is_the_same_file_and_audited(case, handler, reporter, school_actor):
    """Both sides download the identical PDF; each download is in the audit log."""
    finalised(case, handler, reporter, school_actor)
    name_r, data_r = findings_pdf(case=case, side=Side.REPORTER, actor=reporter)
    name_s, data_s = findings_pdf(case=case, side=Side.SCHOOL, actor=school_actor)
    assert name_r == name_s == f"bevindingen-{case.reference}.pdf" and data_r == data_s
    assert PdfReader(io.BytesIO(data_r)).pages
    assert AuditEntry.objects.filter(details__findings_pdf=1).count() == 2


def test_a_damaged_pdf_is_refused(case, handler, reporter, school_actor):
    """When the stored PDF no longer matches its SHA-256 it is not handed out."""
    final = finalised(case, handler, reporter, school_actor)
    FinalFindings.objects.filter(pk=final.pk).update(pdf_sha256="0" * 64)
    with pytest.raises(Exception, match="beschadigd"):
        findings_pdf(case=case, side=Side.REPORTER, actor=reporter)


def test_handler_page_puts_both_sides_comments_side_by_side(case, handler, reporter, school_actor):
    """The handler's page has the reporter's and the school's comments apart, and may finalise."""
    both_commented(case, handler, reporter, school_actor)
    findings_comment_add(case=case, side=Side.REPORTER, body="En nog iets.", actor=reporter)
    page = findings_page_get(case=case, user=handler)
    assert [c.body for c in page.reporter_comments] == ["Het was vaker.", "En nog iets."]
    assert [c.body for c in page.school_comments] == ["Wij wisten het niet."]
    assert page.may_finalise and not page.editable and not page.may_send and page.school_contacts == 1


def test_handler_page_and_pdf_only_for_the_assigned_handler(case, handler, reporter, school_actor, staff_user):
    """Another handler is refused the page and the PDF; the handler gets each round's PDF."""
    finalised(case, handler, reporter, school_actor)
    other = staff_user("handler")
    with pytest.raises(PermissionDenied):
        findings_page_get(case=case, user=other)
    with pytest.raises(PermissionDenied):
        findings_pdf_for_staff(case=case, user=other, round_number=1)
    assert findings_pdf_for_staff(case=case, user=handler, round_number=1)[1].startswith(b"%PDF")
    with pytest.raises(NotFound):
        findings_pdf_for_staff(case=case, user=handler, round_number=2)
