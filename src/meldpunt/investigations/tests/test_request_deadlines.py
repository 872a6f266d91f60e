"""Deadlines of a request (issue 5, part 2): a reminder before, an overdue flag after, non-response as a finding."""

import datetime as dt
from io import StringIO

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command

from meldpunt.cases.tests.case_helpers import case_in_investigation
from meldpunt.core.errors import MeldpuntError
from meldpunt.investigations.constants import RequestStatus
from meldpunt.investigations.selectors.requests import workspace_get
from meldpunt.investigations.selectors.shared import SchoolVisitor, request_overdue
from meldpunt.investigations.services.requests import (
    information_request_more_time_ask,
    information_request_more_time_decide,
    information_request_non_response_record,
)
from meldpunt.investigations.tasks import information_requests_remind, reminder_due
from meldpunt.investigations.tests.request_helpers import request_sent, school_contact
from meldpunt.privacy.models import AuditEntry

pytestmark = pytest.mark.django_db
SENT_AT = dt.datetime(2026, 3, 10, 10, 0, tzinfo=dt.UTC)  # a Tuesday
DUE = dt.date(2026, 3, 24)  # ten working days later, a Tuesday


@pytest.fixture
def handler(staff_user):
    return staff_user("handler")


@pytest.fixture
def sent(handler, school):
    with time_machine.travel(SENT_AT, tick=False):
        case = case_in_investigation(handler, school=school.code)
        school_contact(case)
        return request_sent(case, handler).request


@pytest.mark.parametrize(
    ("today", "due"),
    [
        (dt.date(2026, 3, 19), False),  # Thursday: three working days before
        (dt.date(2026, 3, 20), True),  # Friday: two working days (Friday, Monday) before
        (dt.date(2026, 3, 21), True),  # the weekend after a missed run still counts
        (dt.date(2026, 3, 24), True),  # the due date itself
        (dt.date(2026, 3, 25), False),  # too late: overdue instead
    ],
)
def test_the_reminder_falls_two_working_days_before_the_due_date(today, due):
    """Two working days or fewer before the due date, never after it."""
    assert reminder_due(due_on=DUE, today=today) is due


@pytest.mark.parametrize(
    ("status", "today", "overdue"),
    [
        (RequestStatus.SENT, DUE, False),
        (RequestStatus.SENT, DUE + dt.timedelta(days=1), True),
        (RequestStatus.ANSWERED, DUE + dt.timedelta(days=1), False),
        (RequestStatus.DRAFT, DUE + dt.timedelta(days=1), False),
    ],
)
def test_a_request_is_overdue_after_its_due_date_while_unanswered(status, today, overdue):
    """Overdue only for a sent request, the day after its due date."""
    assert request_overdue(status=status, due_on=DUE, today=today) is overdue


def test_the_school_is_reminded_once_and_again_before_a_new_date(sent, handler):
    """One content-free reminder per due date; granting more time brings another before the new date."""
    mail.outbox.clear()
    with time_machine.travel(dt.datetime(2026, 3, 19, 6, 0, tzinfo=dt.UTC), tick=False):
        assert information_requests_remind(today=dt.date(2026, 3, 19)) == 0
    with time_machine.travel(dt.datetime(2026, 3, 20, 6, 0, tzinfo=dt.UTC), tick=False):
        assert information_requests_remind(today=dt.date(2026, 3, 20)) == 1
        assert information_requests_remind(today=dt.date(2026, 3, 20)) == 0
    (message,) = mail.outbox
    assert sent.case.reference not in message.body and "Herinnering" in message.subject
    assert AuditEntry.objects.filter(action="informationrequest.reminder_sent", object_pk=str(sent.pk)).count() == 1
    contact = sent.case.school.board.contacts.get()
    with time_machine.travel(dt.datetime(2026, 3, 20, 9, 0, tzinfo=dt.UTC), tick=False):
        information_request_more_time_ask(
            request_id=sent.pk, visitor=SchoolVisitor(user=contact), until=dt.date(2026, 3, 31), reason="Ziek"
        )
        information_request_more_time_decide(request=sent, user=handler, grant=True)
    with time_machine.travel(dt.datetime(2026, 3, 27, 6, 0, tzinfo=dt.UTC), tick=False):
        assert information_requests_remind(today=dt.date(2026, 3, 27)) == 1


def test_the_reminder_command_runs_the_task(sent):
    """`manage.py information_requests_remind` reminds what is due today and says how many."""
    out = StringIO()
    with time_machine.travel(dt.datetime(2026, 3, 23, 6, 0, tzinfo=dt.UTC), tick=False):
        call_command("information_requests_remind", stdout=out)
    assert "1 information requests" in out.getvalue()


def test_silence_after_the_due_date_is_flagged_and_may_become_a_finding(sent, handler):
    """The workspace flags the overdue request; the handler records the non-response, which closes it."""
    with time_machine.travel(dt.datetime(2026, 3, 24, 15, 0, tzinfo=dt.UTC), tick=False):
        assert workspace_get(case=sent.case, user=handler).overdue_requests == 0
        with pytest.raises(MeldpuntError):
            information_request_non_response_record(request=sent, user=handler, finding="Geen antwoord")
    with time_machine.travel(dt.datetime(2026, 3, 25, 9, 0, tzinfo=dt.UTC), tick=False):
        workspace = workspace_get(case=sent.case, user=handler)
        assert workspace.overdue_requests == 1
        with pytest.raises(MeldpuntError) as refused:
            information_request_non_response_record(request=sent, user=handler, finding=" ")
        assert refused.value.field == "finding"
        information_request_non_response_record(
            request=sent, user=handler, finding="Het bestuur antwoordde niet, ook niet na een herinnering."
        )
    sent.refresh_from_db()
    assert sent.status == RequestStatus.NOT_ANSWERED
    assert sent.non_response_finding.startswith("Het bestuur antwoordde niet")
    assert AuditEntry.objects.filter(action="informationrequest.non_response_recorded").exists()
