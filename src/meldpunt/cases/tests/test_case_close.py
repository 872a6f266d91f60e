import datetime as dt

import pytest
import time_machine

from meldpunt.cases.selectors import case_deadlines
from meldpunt.cases.services import case_close, case_start_follow_up, case_start_intervention, case_suspend
from meldpunt.cases.tests.case_helpers import case_in_investigation
from meldpunt.cases.workflow import WorkflowError

pytestmark = pytest.mark.django_db


def _in_follow_up(handler):
    case = case_start_intervention(case=case_in_investigation(handler), actor=handler, reason="Afspraken gemaakt.")
    return case_start_follow_up(case=case, actor=handler)


def test_closing_records_the_outcome_and_starts_the_follow_up_checks(staff_user):
    """follow_up → closed stores the outcome and school attendance; checks follow 4 weeks and 3 months later."""
    handler = staff_user("handler")
    with time_machine.travel(dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC), tick=False):
        case = case_close(
            case=_in_follow_up(handler),
            actor=handler,
            reason="Het gaat goed.",
            outcome="resolved",
            back_in_education=True,
        )
        case.refresh_from_db()
        due = {d.code: d.due for d in case_deadlines(case=case)}
    assert (case.status, case.outcome, case.back_in_education) == ("closed", "resolved", True)
    assert due["follow_up_4_weeks"] == dt.date(2026, 3, 30) and due["follow_up_3_months"] == dt.date(2026, 6, 1)
    assert case.priority == 0


@pytest.mark.parametrize(
    ("outcome", "back", "field"),
    [("", True, "outcome"), ("great", True, "outcome"), ("resolved", None, "back_in_education")],
)
def test_closing_needs_a_valid_outcome_and_school_attendance(staff_user, outcome, back, field):
    """Without a known outcome, or without saying whether the child is back at school, closing is refused."""
    handler = staff_user("handler")
    case = _in_follow_up(handler)
    with pytest.raises(WorkflowError) as refused:
        case_close(case=case, actor=handler, reason="Klaar.", outcome=outcome, back_in_education=back)
    assert refused.value.field == field


def test_closing_ends_an_open_suspension(staff_user):
    """A case that ends stops its clock: the open suspension gets an end."""
    handler = staff_user("handler")
    case = _in_follow_up(handler)
    suspension = case_suspend(case=case, actor=handler, reason="Wachten op de school.")
    case_close(case=case, actor=handler, reason="Klaar.", outcome="partly_resolved", back_in_education=False)
    suspension.refresh_from_db()
    assert suspension.ended_at is not None and suspension.ended_by == handler
