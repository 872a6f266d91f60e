import datetime as dt

import pytest
import time_machine

from meldpunt.accounts.constants import Role
from meldpunt.cases.constants import Status
from meldpunt.cases.models import Case
from meldpunt.cases.queue import Assigned, PagePosition, QueueFilters, Sort
from meldpunt.cases.selectors import QueueScope, case_queue, case_queue_scope
from meldpunt.cases.services import case_priority_override, case_triage_facts
from meldpunt.cases.tests.queue_factories import case_make, school_make
from meldpunt.cases.triage import triage
from meldpunt.core.errors import PermissionDenied

NOW = dt.datetime(2026, 3, 10, 9, 0, tzinfo=dt.UTC)  # a Tuesday
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def _refs(page):
    return [row.case.reference for row in page.rows]


def _queue(viewer, filters=None, sort=Sort.PRIORITY, page=None, page_size=25):
    return case_queue(
        viewer=viewer, filters=filters or QueueFilters(), sort=sort, page=page or PagePosition(), page_size=page_size
    )


def _days_ago(days):
    return NOW - dt.timedelta(days=days)


@pytest.fixture
def people(staff_user):
    return {
        "coordinator": staff_user(Role.COORDINATOR),
        "handler": staff_user(Role.HANDLER),
        "other": staff_user(Role.HANDLER),
    }


def test_coordinators_see_every_open_case_and_handlers_only_their_own(people):
    """The triage queue lists all open cases; a handler's queue only the cases assigned to them."""
    unassigned = case_make()
    mine = case_make(handler=people["handler"])
    theirs = case_make(handler=people["other"])
    case_make(status=Status.CLOSED, handler=people["handler"])
    assert set(_refs(_queue(people["coordinator"]))) == {unassigned.reference, mine.reference, theirs.reference}
    assert _refs(_queue(people["handler"])) == [mine.reference]
    assert _queue(people["handler"]).scope is QueueScope.OWN


@pytest.mark.parametrize("role", [Role.ANALYST, Role.ADMINISTRATOR, Role.SCHOOL_CONTACT, Role.PARTNER])
def test_roles_without_cases_have_no_queue(staff_user, role):
    """Analysts, administrators, school contacts and partners list no cases at all."""
    with pytest.raises(PermissionDenied):
        case_queue_scope(viewer=staff_user(role))


def test_an_inactive_coordinator_has_no_queue(staff_user):
    """A deactivated account lists nothing, whatever its role."""
    coordinator = staff_user(Role.COORDINATOR)
    coordinator.is_active = False
    with pytest.raises(PermissionDenied):
        case_queue_scope(viewer=coordinator)


def test_priority_order_puts_the_child_out_of_school_first_then_the_oldest(people):
    """Sorted by priority: highest first, and among equals the oldest case first."""
    older = case_make(received_at=_days_ago(1))
    newer = case_make(received_at=_days_ago(1))
    thuiszitter = case_make(attendance="not_attending", absent_since=dt.date(2026, 2, 2))
    assert _refs(_queue(people["coordinator"])) == [thuiszitter.reference, older.reference, newer.reference]


def test_an_override_moves_a_case_in_the_priority_order(people):
    """The coordinator's override is the priority the queue sorts on; the triage score stays shown."""
    thuiszitter = case_make(attendance="not_attending", absent_since=dt.date(2026, 2, 2))
    ordinary = case_make()
    case_priority_override(case=ordinary, coordinator=people["coordinator"], priority=150, reason="Broertje ook.")
    page = _queue(people["coordinator"])
    assert _refs(page) == [ordinary.reference, thuiszitter.reference]
    assert page.rows[0].overridden and page.rows[0].effective_priority == 150
    assert page.rows[0].triage.score < 150


def test_deadline_order_puts_the_soonest_first_and_cases_without_a_running_deadline_last(people):
    """Sorted by deadline: late first, then the soonest; a case with nothing due comes last."""
    nothing_due = case_make(status=Status.INTERVENTION, handler=people["handler"], received_at=_days_ago(40))
    intake_due = case_make(received_at=_days_ago(1))
    late = case_make(received_at=_days_ago(14))
    assert nothing_due.next_due_on is None and late.next_due_on < NOW.date()
    page = _queue(people["coordinator"], sort=Sort.DEADLINE)
    assert _refs(page) == [late.reference, intake_due.reference, nothing_due.reference]
    assert page.rows[0].late and not page.rows[1].late


def test_each_row_says_why_it_is_urgent_with_the_same_score_as_the_triage_rule(people):
    """A row's factors come from the triage rule and add up to the case's stored priority."""
    school = school_make("41AA00")
    case_make(school=school, received_at=_days_ago(30))
    case = case_make(school=school, attendance="not_attending", absent_since=dt.date(2026, 2, 2), acute_danger=True)
    row = next(row for row in _queue(people["coordinator"]).rows if row.case.pk == case.pk)
    codes = {factor.code for factor in row.triage.factors}
    assert {"acute_danger", "out_of_school", "earlier_reports"} <= codes
    stored = Case.objects.get(pk=case.pk)
    assert row.triage.score == stored.priority == triage(case_triage_facts(case=stored, now=NOW)).score
    assert row.next_due_label and row.case.next_due_on == stored.next_due_on


def test_filters_narrow_the_queue(people):
    """Status, category, sector, region, due within N days, late, out of school and assignment each filter."""
    drenthe = school_make("42AA00", province="Drenthe")
    utrecht = school_make("43AA00", province="Utrecht", board_number="40002")
    a = case_make(school=drenthe, received_at=_days_ago(14))  # intake decision late
    b = case_make(school=utrecht, categories=["discrimination"], sector="vo")
    c = case_make(
        status=Status.INTAKE, handler=people["handler"], attendance="not_attending", absent_since=dt.date(2026, 3, 2)
    )
    d = case_make(status=Status.INVESTIGATION, handler=people["coordinator"], received_at=_days_ago(3))
    coordinator = people["coordinator"]

    def refs(**filters):
        return set(_refs(_queue(coordinator, QueueFilters(**filters))))

    assert refs(status=Status.INTAKE) == {c.reference}
    assert refs(category="discrimination") == {b.reference}
    assert refs(sector="vo") == {b.reference}
    assert refs(region="Utrecht") == {b.reference}
    assert refs(overdue=True) == {a.reference}
    assert refs(due_within_days=7) == {a.reference, b.reference, c.reference}
    assert refs(out_of_school=True) == {c.reference}
    assert refs(assigned=Assigned.NO) == {a.reference, b.reference}
    assert refs(assigned=Assigned.YES) == {c.reference, d.reference}
    assert refs(assigned=Assigned.ME) == {d.reference}
    assert refs(region="Utrecht", overdue=True) == set()


def test_a_handler_cannot_widen_their_queue_with_the_assignment_filter(people):
    """The assignment filter is for coordinators; a handler's queue stays their own cases."""
    case_make()
    mine = case_make(handler=people["handler"])
    assert _refs(_queue(people["handler"], QueueFilters(assigned=Assigned.NO))) == [mine.reference]


@pytest.mark.parametrize("sort", list(Sort))
def test_paging_forward_and_back_shows_every_case_exactly_once_in_order(people, sort):
    """Keyset pages: next links walk the whole queue in order without gaps or repeats; previous links walk back."""
    for index in range(23):
        case_make(
            received_at=_days_ago(index % 5),
            attendance="not_attending" if index % 4 == 0 else "attending",
            absent_since=dt.date(2026, 2, 2) if index % 4 == 0 else None,
            status=Status.INTERVENTION if index % 7 == 0 else Status.RECEIVED,
        )
    coordinator = people["coordinator"]
    everything = _refs(_queue(coordinator, sort=sort, page_size=100))
    assert len(everything) == 23
    pages, page = [], _queue(coordinator, sort=sort, page_size=5)
    while True:
        pages.append(page)
        if page.next_cursor is None:
            break
        page = _queue(
            coordinator, sort=sort, page_size=5, page=PagePosition(after=page.next_cursor, number=page.number + 1)
        )
    assert [ref for p in pages for ref in _refs(p)] == everything
    assert [p.number for p in pages] == [1, 2, 3, 4, 5]
    backwards = [pages[-1]]
    while backwards[-1].previous_cursor is not None:
        current = backwards[-1]
        backwards.append(
            _queue(
                coordinator,
                sort=sort,
                page_size=5,
                page=PagePosition(before=current.previous_cursor, number=current.number - 1),
            )
        )
    assert [_refs(p) for p in reversed(backwards)] == [_refs(p) for p in pages]
    assert [p.number for p in reversed(backwards)] == [1, 2, 3, 4, 5]


@pytest.mark.parametrize("sort", list(Sort))
@pytest.mark.parametrize("rows", [3, 25])
def test_a_page_costs_two_queries_however_many_rows_it_shows(people, django_assert_num_queries, sort, rows):
    """One query finds the page's rows through the indexes, one loads them: the count never grows with the page."""
    school = school_make("44AA00")
    for index in range(rows):
        case_make(school=school if index % 2 else None, handler=people["handler"] if index % 3 else None)
    with django_assert_num_queries(2):
        page = _queue(people["coordinator"], sort=sort)
        assert len(page.rows) == rows
        assert all(row.triage is not None and row.next_due_label for row in page.rows)


def test_the_queue_never_loads_the_description_or_contact_data(people):
    """The triage summary leaves the case's text and the reporter's contact data in the database."""
    case_make(handler=people["handler"])
    for viewer in (people["coordinator"], people["handler"]):
        row = _queue(viewer).rows[0]
        assert {"description", "contact_email", "contact_phone"} <= row.case.get_deferred_fields()
