import datetime as dt

import pytest
import time_machine

from meldpunt.accounts.constants import Role
from meldpunt.cases.constants import BoardLinkKind, Status
from meldpunt.cases.coordination import AssignmentRefused
from meldpunt.cases.models import BoardLink, Case, Note
from meldpunt.cases.selectors import case_assign_options
from meldpunt.cases.services import case_assign
from meldpunt.cases.tests.case_helpers import case_submitted
from meldpunt.cases.tests.queue_factories import DESCRIPTION, case_make, school_make
from meldpunt.core.errors import PermissionDenied
from meldpunt.privacy.models import AuditEntry

NOW = dt.datetime(2026, 3, 10, 9, 0, tzinfo=dt.UTC)  # Tuesday; the week ends on Sunday 15 March
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def coordinator(staff_user):
    return staff_user(Role.COORDINATOR)


@pytest.fixture
def handler(staff_user):
    return staff_user(Role.HANDLER, first_name="Sanne", last_name="de Boer")


def test_a_coordinator_assigns_a_submitted_case(coordinator, handler, school):
    """Assigning sets the handler and the moment, and is written to the audit log."""
    case = case_submitted(school="32JK00")
    assigned = case_assign(case=case, coordinator=coordinator, handler=handler)
    stored = Case.objects.get(pk=case.pk)
    assert assigned.assigned_handler == handler == stored.assigned_handler
    assert stored.assigned_at == NOW
    entry = AuditEntry.objects.filter(action="case.assigned").get()
    assert entry.details == {"handler": handler.pk, "previous_handler": None}


def test_an_assignment_to_a_handler_with_a_tie_to_the_board_is_refused_saying_why(coordinator, handler, school):
    """A declared tie to the school's board blocks the assignment; the message names the tie, not the case."""
    BoardLink.objects.create(handler=handler, board=school.board, kind=BoardLinkKind.WORKED_THERE)
    case = case_submitted(school="32JK00")
    with pytest.raises(AssignmentRefused) as refusal:
        case_assign(case=case, coordinator=coordinator, handler=handler)
    assert refusal.value.message == "Sanne de Boer kan deze zaak niet krijgen: heeft gewerkt bij dit schoolbestuur."
    for content in (DESCRIPTION, "buitengesloten", school.name, case.reference):
        assert content not in refusal.value.message
    assert Case.objects.get(pk=case.pk).assigned_handler is None


def test_a_tie_to_another_board_does_not_block(coordinator, handler, school):
    """Only a tie to this case's board counts."""
    elsewhere = school_make("47AA00", board_number="49999")
    BoardLink.objects.create(handler=handler, board=elsewhere.board, kind=BoardLinkKind.CHILD_THERE)
    case = case_make(school=school)
    assert case_assign(case=case, coordinator=coordinator, handler=handler).assigned_handler == handler


def test_reassigning_needs_a_reason_kept_as_an_internal_note(coordinator, handler, staff_user):
    """A case that has a handler moves only with a reason; the reason becomes a note, not audit text."""
    case = case_make(handler=handler)
    successor = staff_user(Role.HANDLER)
    with pytest.raises(AssignmentRefused):
        case_assign(case=case, coordinator=coordinator, handler=successor, reason="  ")
    case_assign(case=case, coordinator=coordinator, handler=successor, reason="Sanne is met verlof.")
    assert Case.objects.get(pk=case.pk).assigned_handler == successor
    assert "Sanne is met verlof." in Note.objects.get(case=case).body
    entry = AuditEntry.objects.filter(action="case.reassigned").get()
    assert entry.details == {"handler": successor.pk, "previous_handler": handler.pk}
    assert "verlof" not in entry.reason


def test_a_coordinator_may_take_a_case_themselves(coordinator):
    """Coordinators may hold cases too."""
    case = case_make()
    assert case_assign(case=case, coordinator=coordinator, handler=coordinator).assigned_handler == coordinator


@pytest.mark.parametrize("role", [Role.HANDLER, Role.ANALYST, Role.ADMINISTRATOR])
def test_only_coordinators_assign(staff_user, handler, role):
    """Anyone else is refused by the permission layer."""
    case = case_make()
    with pytest.raises(PermissionDenied):
        case_assign(case=case, coordinator=staff_user(role), handler=handler)


@pytest.mark.parametrize("role", [Role.ANALYST, Role.ADMINISTRATOR, Role.SCHOOL_CONTACT, Role.PARTNER])
def test_a_case_goes_only_to_someone_who_may_hold_cases(coordinator, staff_user, role):
    """Analysts, administrators, school contacts and partners never get a case."""
    case = case_make()
    with pytest.raises(AssignmentRefused):
        case_assign(case=case, coordinator=coordinator, handler=staff_user(role))


def test_an_inactive_handler_or_a_closed_case_is_refused(coordinator, handler):
    """No case goes to a deactivated account, and a closed case gets no handler."""
    handler.is_active = False
    handler.save()
    with pytest.raises(AssignmentRefused):
        case_assign(case=case_make(), coordinator=coordinator, handler=handler)
    handler.is_active = True
    handler.save()
    with pytest.raises(AssignmentRefused):
        case_assign(case=case_make(status=Status.CLOSED), coordinator=coordinator, handler=handler)


def test_the_options_show_workload_and_mark_conflicted_handlers(coordinator, handler, staff_user, school):
    """Each option shows open cases and those due this week; a tied handler is not assignable, with why."""
    tied = staff_user(Role.HANDLER)
    BoardLink.objects.create(handler=tied, board=school.board, kind=BoardLinkKind.FAMILY_THERE)
    case_make(handler=handler, received_at=NOW - dt.timedelta(days=14))  # late: due this week too
    case_make(handler=handler, received_at=NOW)  # intake decision Tuesday 17 March: next week
    case_make(handler=handler, status=Status.CLOSED)
    staff_user(Role.ANALYST)
    case = case_make(school=school)
    options = {option.handler.pk: option for option in case_assign_options(case=case)}
    assert set(options) == {coordinator.pk, handler.pk, tied.pk}
    assert (options[handler.pk].open_cases, options[handler.pk].due_this_week) == (2, 1)
    assert options[handler.pk].assignable
    assert not options[tied.pk].assignable
    assert options[tied.pk].conflicts == ("heeft familie die bij dit bestuur werkt of op een van de scholen zit",)


def test_the_options_cost_two_queries_for_any_number_of_handlers(
    coordinator, staff_user, school, django_assert_num_queries
):
    """Workload and conflicts come from two queries, not one per handler."""
    for _ in range(6):
        case_make(handler=staff_user(Role.HANDLER))
    case = case_make(school=school)
    with django_assert_num_queries(2):
        assert len(case_assign_options(case=case)) == 7


def test_the_assign_page_lists_handlers_and_assigns(staff_client, handler, school):
    """The page marks a tied handler with the reason, and a POST assigns and returns to the queue."""
    client = staff_client(Role.COORDINATOR)
    tied = staff_client(Role.HANDLER, first_name="Piet", last_name="Jansen").user
    BoardLink.objects.create(handler=tied, board=school.board, kind=BoardLinkKind.BOARD_MEMBER)
    case = case_make(school=school)
    url = f"/behandeling/zaken/{case.reference}/toewijzen"
    html = client.get(url).content.decode()
    assert "Sanne de Boer: 0 open zaken" in html
    assert (
        "<strong>Piet Jansen</strong>: kan deze zaak niet krijgen (is lid van het bestuur of de raad van toezicht)"
        in html
    )
    assert f'value="{tied.pk}"' not in html
    response = client.post(url, {"handler": handler.pk})
    assert response.status_code == 302 and response["Location"] == "/behandeling/"
    assert Case.objects.get(pk=case.pk).assigned_handler == handler


def test_posting_a_conflicted_handler_shows_the_refusal(staff_client, handler, school):
    """Even a hand-made POST for a tied handler is refused by the service, with the reason on the page."""
    client = staff_client(Role.COORDINATOR)
    BoardLink.objects.create(handler=handler, board=school.board, kind=BoardLinkKind.WORKED_THERE)
    case = case_make(school=school)
    response = client.post(f"/behandeling/zaken/{case.reference}/toewijzen", {"handler": handler.pk})
    assert response.status_code == 400
    html = response.content.decode()
    assert "<title>Fout:" in html
    assert "Sanne de Boer kan deze zaak niet krijgen: heeft gewerkt bij dit schoolbestuur." in html
    assert Case.objects.get(pk=case.pk).assigned_handler is None
