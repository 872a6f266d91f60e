"""The work queue and the digests show what education continuity and the action plan need: school days
missed, four weeks out of school, agreements over time, and cases opened after retaliation."""

import datetime as dt

import pytest
import time_machine
from django.core import mail

from meldpunt.accounts.constants import Role
from meldpunt.cases.models import Case
from meldpunt.cases.queue import PagePosition, QueueFilters, Sort, queue_request_parse
from meldpunt.cases.selectors import case_queue, reminder_digests
from meldpunt.cases.services import case_derived_refresh
from meldpunt.cases.tasks import deadline_reminders_send
from meldpunt.cases.tests.queue_factories import case_make
from meldpunt.interventions.constants import AgreementOwner
from meldpunt.interventions.models import Agreement
from meldpunt.interventions.services import agreements_overdue_refresh

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 3, 10, 9, 0, tzinfo=dt.UTC)  # a Tuesday
QUEUE = "/behandeling/"


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def _overdue_agreements(case: Case, count: int) -> Case:
    """Open agreements of the action plan past their due date, counted on the case as the interventions app does."""
    for number in range(count):
        Agreement.objects.create(
            case=case,
            description=f"Afspraak {number + 1}",
            owner=AgreementOwner.SCHOOL_BOARD,
            due_on=NOW.date() - dt.timedelta(days=3),
            created_at=NOW,
            created_by=case.assigned_handler,
            updated_at=NOW,
            updated_by=case.assigned_handler,
        )
    agreements_overdue_refresh(case=case, today=NOW.date())
    case.refresh_from_db()
    return case_derived_refresh(case=case)


def _rows(viewer, **filters):
    return case_queue(viewer=viewer, filters=QueueFilters(**filters), sort=Sort.PRIORITY, page=PagePosition()).rows


def test_a_case_with_overdue_agreements_shows_in_the_handlers_queue_and_filter(staff_user):
    """An agreement past due raises the case, is counted on its row and is what the filter selects."""
    handler = staff_user(Role.HANDLER)
    quiet = case_make(status="intervention", handler=handler)
    late = _overdue_agreements(case_make(status="intervention", handler=handler), 2)
    rows = _rows(handler)
    assert [row.case.pk for row in rows] == [late.pk, quiet.pk]
    assert rows[0].agreements_overdue == 2 and rows[1].agreements_overdue == 0
    assert any(f.code == "agreements_overdue" for f in rows[0].triage.factors)
    assert [row.case.pk for row in _rows(handler, agreements_overdue=True)] == [late.pk]


def test_the_filter_travels_in_the_address():
    """`afspraken_te_laat=1` selects the filter, like the other checkboxes."""
    assert queue_request_parse({"afspraken_te_laat": "1"}).filters.agreements_overdue
    assert not queue_request_parse({"afspraken_te_laat": "nee"}).filters.agreements_overdue


def test_the_queue_page_shows_the_badges(staff_client):
    """School days missed, four weeks out of school and agreements over time are badges on the row."""
    client = staff_client(Role.HANDLER)
    long_out = case_make(
        handler=client.user, attendance="not_attending", absent_since=dt.date(2026, 2, 2), status="investigation"
    )
    _overdue_agreements(case_make(status="intervention", handler=client.user), 1)
    html = client.get(QUEUE).content.decode()
    assert long_out.school_days_missed == 26
    for text in ("26 schooldagen gemist", "4 weken of langer niet naar school", "1 afspraak over tijd"):
        assert text in html, text
    filtered = client.get(QUEUE, {"afspraken_te_laat": "1"}).content.decode()
    assert long_out.reference not in filtered and 'name="afspraken_te_laat" value="1" checked' in filtered


def test_three_weeks_out_of_school_is_no_alert_yet(staff_user):
    """The alert starts at 28 days out of school, not before."""
    coordinator = staff_user(Role.COORDINATOR)
    case_make(attendance="not_attending", absent_since=dt.date(2026, 2, 11))
    case_make(attendance="not_attending", absent_since=dt.date(2026, 2, 10))
    assert sorted(row.out_of_school_alert for row in _rows(coordinator)) == [False, True]


def test_a_page_with_linked_and_retaliation_cases_still_costs_two_queries(staff_user, django_assert_num_queries):
    """The linked case's reference comes with the row: no query per row."""
    coordinator = staff_user(Role.COORDINATOR)
    source = case_make(status="closed")
    for _ in range(5):
        Case.objects.filter(pk=case_make().pk).update(linked_case=source, retaliation_reported=True)
    with django_assert_num_queries(2):
        rows = _rows(coordinator)
        assert all(row.linked_reference == source.reference for row in rows)


def test_the_digests_count_agreements_over_time_and_children_long_out_of_school(staff_user):
    """The handler hears of agreements over time, the coordinators of children out of school for 4 weeks."""
    handler = staff_user(Role.HANDLER)
    coordinator = staff_user(Role.COORDINATOR)
    _overdue_agreements(case_make(status="intervention", handler=handler), 1)
    case_make(status="intervention", handler=handler, attendance="not_attending", absent_since=dt.date(2026, 1, 5))
    handlers, coordinators = reminder_digests(today=NOW.date())
    assert [(d.handler.pk, d.agreements_overdue) for d in handlers] == [(handler.pk, 1)]
    assert coordinators.out_of_school_long == 1
    deadline_reminders_send.call()
    by_recipient = {message.to[0]: message.body for message in mail.outbox}
    assert "Bij 1 van uw zaken is een afspraak over tijd." in by_recipient[handler.email]
    assert "1 kind gaat al 4 weken of langer niet naar school." in by_recipient[coordinator.email]
    assert "thuiszitter=1" in by_recipient[coordinator.email]
