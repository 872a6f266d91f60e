import datetime as dt
from io import StringIO

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command

from meldpunt.accounts.constants import Role
from meldpunt.cases.models import Case
from meldpunt.cases.tasks import deadline_reminders_send
from meldpunt.cases.tests.queue_factories import DESCRIPTION, EMAIL, PHONE, case_make, school_make

pytestmark = pytest.mark.django_db
MONDAY = dt.datetime(2026, 3, 9, 6, 0, tzinfo=dt.UTC)


def test_a_deadline_coming_close_raises_the_priority(staff_user):
    """Time alone brings the intake decision within a working day; the daily run raises the priority for it."""
    with time_machine.travel(MONDAY, tick=False):
        case = case_make()  # intake decision due Monday 16 March
    before = Case.objects.get(pk=case.pk).priority
    with time_machine.travel(MONDAY + dt.timedelta(days=6), tick=False):  # Sunday: one working day left
        deadline_reminders_send.call()
    close = Case.objects.get(pk=case.pk).priority
    with time_machine.travel(MONDAY + dt.timedelta(days=8), tick=False):  # Tuesday: late
        deadline_reminders_send.call()
    late = Case.objects.get(pk=case.pk).priority
    assert before < close < late


def test_handlers_and_coordinators_get_a_digest_of_counts_without_case_content(staff_user):
    """Each handler with something due soon or late gets counts and a link; coordinators get the queue's counts."""
    handler = staff_user(Role.HANDLER)
    idle = staff_user(Role.HANDLER)
    coordinator = staff_user(Role.COORDINATOR)
    staff_user(Role.ANALYST)
    school = school_make("48AA00", name="Obs De Regenboog")
    with time_machine.travel(MONDAY - dt.timedelta(days=14), tick=False):
        case_make(handler=handler, school=school)  # late by Monday
        case_make(school=school)  # unassigned and late
    with time_machine.travel(MONDAY - dt.timedelta(days=3), tick=False):
        case_make(handler=handler)  # intake decision on Thursday 12 March: not within two working days
    with time_machine.travel(MONDAY, tick=False):
        soon = case_make(handler=handler, attendance="not_attending", absent_since=dt.date(2026, 3, 2))
        case_make(handler=idle, received_at=MONDAY)  # due next Monday: nothing to say yet
        summary = deadline_reminders_send.call()
    assert summary == {
        "agreements_reminded": 0,
        "information_requests_reminded": 0,
        "refreshed": 5,
        "follow_ups_asked": 0,
        "handler_emails": 1,
        "coordinator_emails": 1,
    }
    by_recipient = {message.to[0]: message for message in mail.outbox}
    assert set(by_recipient) == {handler.email, coordinator.email}
    handler_mail = by_recipient[handler.email].body
    assert "Bij 1 van uw zaken is een termijn verlopen." in handler_mail
    assert "Bij 1 van uw zaken verloopt een termijn binnen 2 werkdagen." in handler_mail
    assert "/behandeling/?binnen=3&sorteer=termijn" in handler_mail
    coordinator_mail = by_recipient[coordinator.email].body
    assert "1 open zaak heeft nog geen behandelaar." in coordinator_mail
    assert "Bij 2 open zaken is een termijn verlopen." in coordinator_mail
    for message in mail.outbox:
        text = message.subject + message.body
        for content in (DESCRIPTION, EMAIL, PHONE, "Regenboog", soon.reference, "MSV-", handler.username):
            assert content not in text


def test_nothing_to_report_sends_nothing(staff_user):
    """No open case due soon or late: no email at all."""
    staff_user(Role.COORDINATOR)
    handler = staff_user(Role.HANDLER)
    with time_machine.travel(MONDAY, tick=False):
        case_make(handler=handler)
        deadline_reminders_send.call()
    assert mail.outbox == []


def test_the_command_runs_the_reminders_for_cron(staff_user):
    """`manage.py reminders_send` runs the task in-process and reports what it did."""
    with time_machine.travel(MONDAY, tick=False):
        case_make()
        out = StringIO()
        call_command("reminders_send", stdout=out)
    assert "refreshed 1 open cases" in out.getvalue()
