"""The daily follow-up: reminders two working days before the due date, overdue agreements flagged on the case."""

import datetime as dt
import io

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command

from meldpunt.cases.deadlines import AMSTERDAM
from meldpunt.cases.models import Case
from meldpunt.interventions.models import Agreement
from meldpunt.interventions.services import agreement_add, agreement_status_set, agreements_follow_up

from .conftest import fields

pytestmark = pytest.mark.django_db
MONDAY = dt.datetime(2026, 11, 2, 10, 0, tzinfo=AMSTERDAM)


@pytest.fixture
def plan(case, handler):
    """An action plan of two agreements: the school's, due Wednesday 4 November, and the meldpunt's, due 20 November."""
    with time_machine.travel(MONDAY - dt.timedelta(days=7), tick=False):
        school = agreement_add(case=case, user=handler, fields=fields(due_on=dt.date(2026, 11, 4)))
        meldpunt = agreement_add(case=case, user=handler, fields=fields(owner="meldpunt", due_on=dt.date(2026, 11, 20)))
    return school, meldpunt


def test_reminders_go_two_working_days_before_the_due_date(
    case, handler, contact, plan, django_capture_on_commit_callbacks
):
    """On Monday the agreement due Wednesday is reminded of: the handler and the school's contacts, content-free."""
    with django_capture_on_commit_callbacks(execute=True):
        report = agreements_follow_up(today=dt.date(2026, 10, 30))  # the Friday before: three working days ahead
    assert report.reminded == 0 and mail.outbox == []
    with django_capture_on_commit_callbacks(execute=True):
        report = agreements_follow_up(today=dt.date(2026, 11, 2))
    assert (report.reminded, report.handlers, report.boards) == (1, 1, 1)
    assert sorted(m.to[0] for m in mail.outbox) == sorted([handler.email, contact.email])
    for message in mail.outbox:
        assert case.reference not in message.body and "pesten" not in message.body
    assert Agreement.objects.get(pk=plan[0].pk).reminder_sent_on == dt.date(2026, 11, 2)


def test_each_agreement_is_reminded_of_once(case, handler, plan, django_capture_on_commit_callbacks):
    """A second run on the next day sends nothing for the same agreement."""
    agreements_follow_up(today=dt.date(2026, 11, 2))
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert agreements_follow_up(today=dt.date(2026, 11, 3)).reminded == 0
    assert mail.outbox == []


def test_the_school_hears_only_of_its_own_shared_agreements(case, handler, contact, django_capture_on_commit_callbacks):
    """An agreement of the meldpunt, or one not shared with the school, reminds only the handler."""
    with time_machine.travel(MONDAY - dt.timedelta(days=7), tick=False):
        agreement_add(case=case, user=handler, fields=fields(owner="meldpunt", due_on=dt.date(2026, 11, 4)))
        agreement_add(case=case, user=handler, fields=fields(shared_with_school=False, due_on=dt.date(2026, 11, 4)))
    with django_capture_on_commit_callbacks(execute=True):
        report = agreements_follow_up(today=dt.date(2026, 11, 2))
    assert (report.reminded, report.boards) == (2, 0)
    assert [m.to[0] for m in mail.outbox] == [handler.email]
    assert "2 afspraken" in mail.outbox[0].body


def test_an_overdue_agreement_shows_in_the_handlers_queue(case, handler, plan):
    """The day after its due date an open agreement is counted on the case for the queue, and raises its priority."""
    agreements_follow_up(today=dt.date(2026, 11, 4))
    case.refresh_from_db()
    assert case.agreements_overdue == 0
    before = case.priority
    report = agreements_follow_up(today=dt.date(2026, 11, 5))
    assert (report.overdue, report.cases_flagged) == (1, 1)
    case.refresh_from_db()
    assert case.agreements_overdue == 1 and case.priority > before
    assert list(Case.objects.filter(assigned_handler=handler, agreements_overdue__gt=0)) == [case]


def test_the_flag_clears_when_the_agreement_is_done(case, handler, plan):
    """Marking the overdue agreement done clears the count at once, and the next run keeps it at zero."""
    with time_machine.travel(dt.datetime(2026, 11, 5, 9, 0, tzinfo=AMSTERDAM), tick=False):
        agreements_follow_up(today=dt.date(2026, 11, 5))
        agreement_status_set(agreement=plan[0], user=handler, status="done")
    case.refresh_from_db()
    assert case.agreements_overdue == 0
    agreements_follow_up(today=dt.date(2026, 11, 6))
    case.refresh_from_db()
    assert case.agreements_overdue == 0


def test_the_management_command_runs_the_follow_up(case, handler, plan):
    """`manage.py agreements_follow_up` flags today's overdue agreements and prints the counts."""
    out = io.StringIO()
    with time_machine.travel(dt.datetime(2026, 11, 5, 7, 0, tzinfo=AMSTERDAM), tick=False):
        call_command("agreements_follow_up", stdout=out)
    assert "overdue=1 cases_flagged=1" in out.getvalue()
    case.refresh_from_db()
    assert case.agreements_overdue == 1
