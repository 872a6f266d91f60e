"""Comments on draft findings: each side on its own draft, before the due date, never after the final."""

import datetime as dt

import pytest
import time_machine
from django.core import mail

from meldpunt.cases.deadlines import AMSTERDAM
from meldpunt.core.errors import PermissionDenied
from meldpunt.findings.constants import Side
from meldpunt.findings.models import FindingsComment
from meldpunt.findings.rules import FindingsRefused
from meldpunt.findings.services import draft_findings_save, findings_comment_add
from meldpunt.portal.services import support_access_invite
from meldpunt.portal.visitors import Visitor, VisitorKind
from meldpunt.privacy.actors import Actor, ActorKind
from meldpunt.privacy.models import AuditEntry

from .conftest import TEXTS
from .helpers import finalised, sent

pytestmark = pytest.mark.django_db
MONDAY = dt.datetime(2026, 11, 2, 10, 0, tzinfo=AMSTERDAM)


def test_both_sides_comment_on_the_sent_draft(case, handler, reporter, school_actor, contact):
    """The reporter's and the school's comments are stored against the draft, each with its side and author."""
    draft = sent(case, handler)
    findings_comment_add(case=case, side=Side.REPORTER, body="  Het was vaker. ", actor=reporter)
    findings_comment_add(case=case, side=Side.SCHOOL, body="Wij wisten het niet.", actor=school_actor, user=contact)
    comments = list(FindingsComment.objects.order_by("pk"))
    assert [(c.draft_id, c.side, c.body, c.author_id) for c in comments] == [
        (draft.pk, "reporter", "Het was vaker.", None),
        (draft.pk, "school", "Wij wisten het niet.", contact.pk),
    ]
    entries = AuditEntry.objects.filter(action="findings.comment_added").order_by("sequence")
    assert [(e.actor_kind, e.details["side"]) for e in entries] == [("reporter", "reporter"), ("school", "school")]


def test_the_handler_hears_of_a_comment_without_its_content(
    case, handler, reporter, django_capture_on_commit_callbacks
):
    """The handler gets an email that there is a comment, without the case reference or the text."""
    sent(case, handler)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        findings_comment_add(case=case, side=Side.REPORTER, body="Het was vaker.", actor=reporter)
    (message,) = mail.outbox
    assert message.to == [handler.email]
    assert case.reference not in message.body and "vaker" not in message.body


def test_refused_after_the_due_date(case, handler, reporter, school_actor):
    """On the due date a side may still comment; the next day both are refused, with the date in the message."""
    draft_findings_save(case=case, user=handler, texts=TEXTS)
    with time_machine.travel(MONDAY, tick=False):
        sent_draft = sent(case, handler)
    assert sent_draft.comments_due_on == dt.date(2026, 11, 16)
    with time_machine.travel(dt.datetime(2026, 11, 16, 23, 0, tzinfo=AMSTERDAM), tick=False):
        findings_comment_add(case=case, side=Side.REPORTER, body="Net op tijd.", actor=reporter)
    with time_machine.travel(dt.datetime(2026, 11, 17, 8, 0, tzinfo=AMSTERDAM), tick=False):
        with pytest.raises(FindingsRefused, match="tot en met 16 november 2026"):
            findings_comment_add(case=case, side=Side.REPORTER, body="Te laat.", actor=reporter)
        with pytest.raises(FindingsRefused, match="termijn is voorbij"):
            findings_comment_add(case=case, side=Side.SCHOOL, body="Te laat.", actor=school_actor)
    assert FindingsComment.objects.count() == 1


def test_refused_when_nothing_was_sent(case, handler, reporter, school_actor):
    """A saved but unsent draft cannot be commented on by either side."""
    draft_findings_save(case=case, user=handler, texts=TEXTS)
    for side, actor in ((Side.REPORTER, reporter), (Side.SCHOOL, school_actor)):
        with pytest.raises(FindingsRefused, match="nog geen conceptbevindingen"):
            findings_comment_add(case=case, side=side, body="Hallo", actor=actor)


def test_refused_once_final(case, handler, reporter, school_actor):
    """After the final findings no comment is taken, even before the due date."""
    finalised(case, handler, reporter, school_actor)
    with pytest.raises(FindingsRefused, match="al definitief"):
        findings_comment_add(case=case, side=Side.REPORTER, body="Nog iets.", actor=reporter)


def test_an_empty_comment_is_refused(case, handler, reporter):
    """A comment needs text."""
    sent(case, handler)
    with pytest.raises(FindingsRefused) as refused:
        findings_comment_add(case=case, side=Side.REPORTER, body="   ", actor=reporter)
    assert (refused.value.field, refused.value.message) == ("body", "Schrijf uw reactie.")


def test_a_support_person_reads_but_does_not_comment(case, handler):
    """A support person is read-only: commenting is refused."""
    sent(case, handler)
    access, _code = support_access_invite(visitor=Visitor(case=case, kind=VisitorKind.REPORTER))
    with pytest.raises(PermissionDenied):
        findings_comment_add(case=case, side=Side.REPORTER, body="Hallo", actor=Actor.support_person(access.public_id))


def test_a_contact_of_another_board_may_not_comment(case, handler, staff_user):
    """A school contact speaks only for the case's own board."""
    sent(case, handler)
    other = staff_user("school_contact")
    with pytest.raises(PermissionDenied):
        findings_comment_add(case=case, side=Side.SCHOOL, body="Hallo", actor=Actor(kind=ActorKind.SCHOOL, user=other))


@pytest.mark.parametrize("side", [Side.REPORTER, Side.SCHOOL])
def test_nobody_speaks_for_a_side_that_is_not_theirs(case, handler, reporter, school_actor, side):
    """The reporter cannot comment as the school, nor the school as the reporter; staff are neither."""
    sent(case, handler)
    wrong = school_actor if side == Side.REPORTER else reporter
    for actor in (wrong, Actor.staff(handler), Actor.reporter("MSV-2000-000001")):
        with pytest.raises(PermissionDenied):
            findings_comment_add(case=case, side=side, body="Hallo", actor=actor)
