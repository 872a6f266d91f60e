"""Sending draft findings: to both sides in one call, same moment, same due date, content-free emails."""

import datetime as dt

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from meldpunt.cases.constants import Status
from meldpunt.cases.deadlines import AMSTERDAM
from meldpunt.cases.models import Case
from meldpunt.cases.services import case_start_intervention
from meldpunt.cases.tests.case_helpers import case_assigned, case_submitted
from meldpunt.core.errors import PermissionDenied
from meldpunt.findings.models import DraftFindings
from meldpunt.findings.rules import FindingsRefused
from meldpunt.findings.services import draft_findings_save, draft_findings_send
from meldpunt.investigations.constants import PartyRole
from meldpunt.investigations.models import Party
from meldpunt.privacy.models import AuditEntry

from .conftest import TEXTS, texts

pytestmark = pytest.mark.django_db
MONDAY = dt.datetime(2026, 11, 2, 10, 0, tzinfo=AMSTERDAM)


def test_one_call_sends_to_both_sides_with_one_due_date(case, handler, contact, django_capture_on_commit_callbacks):
    """The draft is locked with one sent moment and a due date ten working days later for both sides."""
    draft_findings_save(case=case, user=handler, texts=TEXTS)
    with time_machine.travel(MONDAY, tick=False), django_capture_on_commit_callbacks(execute=True):
        draft = draft_findings_send(case=case, user=handler)
    assert draft.sent_at == MONDAY and draft.comments_due_on == dt.date(2026, 11, 16)
    entry = AuditEntry.objects.get(action="findings.draft_sent")
    assert entry.details["sides"] == ["reporter", "school"] and entry.details["comments_due_on"] == "2026-11-16"
    recipients = sorted(m.to[0] for m in mail.outbox)
    assert recipients == sorted(["ouder@example.nl", contact.email])


def test_emails_hold_no_case_content(case, handler, contact, django_capture_on_commit_callbacks):
    """Neither email holds the reference, the school or any findings text; the school's links to /school/."""
    draft_findings_save(case=case, user=handler, texts=TEXTS)
    with django_capture_on_commit_callbacks(execute=True):
        draft_findings_send(case=case, user=handler)
    for message in mail.outbox:
        content = message.subject + message.body
        for secret in (case.reference, "Verwondering", "uitgescholden", "pesten"):
            assert secret not in content
    school_mail = next(m for m in mail.outbox if m.to == [contact.email])
    assert "http://testserver/school/" in school_mail.body or "/school/" in school_mail.body


def test_inactive_or_other_boards_contacts_get_no_email(
    case, handler, contact, staff_user, django_capture_on_commit_callbacks
):
    """Only active contacts of the case's own board are emailed."""
    staff_user("school_contact")  # another board
    gone = staff_user("school_contact", board=contact.board)
    gone.is_active = False
    gone.save()
    draft_findings_save(case=case, user=handler, texts=TEXTS)
    with django_capture_on_commit_callbacks(execute=True):
        draft_findings_send(case=case, user=handler)
    assert sorted(m.to[0] for m in mail.outbox) == sorted(["ouder@example.nl", contact.email])


def test_refused_without_a_school(handler):
    """Without a school there is no second side to hear: sending is refused with the reason."""
    case = case_assigned(case_submitted(), handler)
    Case.objects.filter(pk=case.pk).update(status=Status.INVESTIGATION)
    case.refresh_from_db()
    draft_findings_save(case=case, user=handler, texts=TEXTS)
    with pytest.raises(FindingsRefused, match="geen school"):
        draft_findings_send(case=case, user=handler)
    assert DraftFindings.objects.get().sent_at is None


def test_refused_before_the_investigation(handler, school):
    """A case still in intake sends no findings."""
    case = case_assigned(case_submitted(school=school.code), handler)
    Case.objects.filter(pk=case.pk).update(status=Status.INTAKE)
    case.refresh_from_db()
    draft_findings_save(case=case, user=handler, texts=TEXTS)
    with pytest.raises(FindingsRefused, match="Start eerst het onderzoek"):
        draft_findings_send(case=case, user=handler)


def test_allowed_in_the_intervention_stage(case, handler):
    """Findings may still be sent once the case moved on to interventions."""
    case = case_start_intervention(case=case, actor=handler, reason="afspraken maken")
    draft_findings_save(case=case, user=handler, texts=TEXTS)
    assert draft_findings_send(case=case, user=handler).sent_at is not None


def test_refused_twice_and_without_a_draft(case, handler):
    """Nothing to send without a draft; a sent draft is not sent again."""
    with pytest.raises(FindingsRefused, match="Schrijf en bewaar eerst"):
        draft_findings_send(case=case, user=handler)
    draft_findings_save(case=case, user=handler, texts=TEXTS)
    draft_findings_send(case=case, user=handler)
    with pytest.raises(FindingsRefused, match="al naar beide kanten"):
        draft_findings_send(case=case, user=handler)


def test_only_the_assigned_handler_sends(case, handler, staff_user):
    """Another handler may not send the findings of a case that is not theirs."""
    draft_findings_save(case=case, user=handler, texts=TEXTS)
    with pytest.raises(PermissionDenied):
        draft_findings_send(case=case, user=staff_user("handler"))


def _reporter_party(case, *, shared: bool) -> None:
    Party.objects.create(
        case=case,
        role=PartyRole.REPORTER,
        name="Sanne de Boer",
        identity_shared_with_school=shared,
        added_at=timezone.now(),
    )


def test_refused_when_the_text_names_a_reporter_the_school_may_not_know(case, handler):
    """The school gets the same text, so a hidden reporter's name in it stops the sending."""
    _reporter_party(case, shared=False)
    draft_findings_save(case=case, user=handler, texts=texts(facts_established="Sanne is gepest."))
    with pytest.raises(FindingsRefused, match="schrijf ‘de melder’"):
        draft_findings_send(case=case, user=handler)


def test_the_name_may_appear_when_the_reporter_agreed(case, handler):
    """When the reporter agreed that the school may know who they are, the name may be in the text."""
    _reporter_party(case, shared=True)
    draft_findings_save(case=case, user=handler, texts=texts(facts_established="Sanne is gepest."))
    assert draft_findings_send(case=case, user=handler).sent_at is not None
