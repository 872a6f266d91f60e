import datetime as dt

import pytest
import time_machine

from meldpunt.cases.services import case_reopen, case_withdraw
from meldpunt.cases.tests.case_helpers import case_assigned, case_submitted
from meldpunt.cases.workflow import WorkflowError

pytestmark = pytest.mark.django_db
CLOSED_AT = dt.datetime(2026, 3, 2, 10, 0, tzinfo=dt.UTC)


@pytest.fixture
def closed_case(staff_user):
    handler = staff_user("handler")
    with time_machine.travel(CLOSED_AT, tick=False):
        return case_withdraw(case=case_assigned(case_submitted(), handler), actor=handler, reason="Stoppen.")


def test_any_coordinator_reopens_within_twelve_months(closed_case, staff_user):
    """A coordinator, assigned or not, reopens a closed case within a year; the closing facts are cleared."""
    coordinator = staff_user("coordinator")
    with time_machine.travel(CLOSED_AT + dt.timedelta(days=300), tick=False):
        case = case_reopen(case=closed_case, actor=coordinator, reason="Het gaat weer mis.")
    case.refresh_from_db()
    assert (case.status, case.closed_at, case.outcome) == ("reopened", None, "")
    assert case.status_changes.last().by == coordinator
    assert case.priority > 0  # open again, so it is triaged again


def test_reopening_after_twelve_months_is_refused(closed_case, staff_user):
    """After a year a new report is needed; the error says so."""
    with (
        time_machine.travel(CLOSED_AT + dt.timedelta(days=366), tick=False),
        pytest.raises(WorkflowError, match="12 maanden"),
    ):
        case_reopen(case=closed_case, actor=staff_user("coordinator"), reason="Te laat.")


def test_a_handler_who_is_not_assigned_may_not_reopen(closed_case, staff_user):
    """Reopening is for the assigned handler or a coordinator, not for any handler."""
    with pytest.raises(WorkflowError, match="Alleen de behandelaar"):
        case_reopen(case=closed_case, actor=staff_user("handler"), reason="Opnieuw.")
