import pytest

from meldpunt.cases.selectors import case_deadlines
from meldpunt.cases.services import case_start_intake, case_withdraw
from meldpunt.cases.tests.case_helpers import case_assigned, case_in_investigation, case_submitted
from meldpunt.cases.workflow import WorkflowError

pytestmark = pytest.mark.django_db


def test_a_reporter_may_withdraw_at_any_open_stage(staff_user):
    """Withdrawing closes a received, intake or investigation case with the outcome "withdrawn"."""
    handler = staff_user("handler")
    received = case_assigned(case_submitted(), handler)
    in_intake = case_start_intake(case=case_assigned(case_submitted(), handler), actor=handler)
    for case in (received, in_intake, case_in_investigation(handler)):
        case = case_withdraw(case=case, actor=handler, reason="De melder wil stoppen.")
        assert (case.status, case.outcome) == ("closed", "withdrawn") and case.closed_at is not None


def test_withdrawing_needs_a_reason_and_an_open_case(staff_user):
    """No reason: refused. An already closed case cannot be withdrawn again."""
    handler = staff_user("handler")
    case = case_assigned(case_submitted(), handler)
    with pytest.raises(WorkflowError):
        case_withdraw(case=case, actor=handler)
    case = case_withdraw(case=case, actor=handler, reason="De melder wil stoppen.")
    with pytest.raises(WorkflowError, match="kan niet bij een zaak met status"):
        case_withdraw(case=case, actor=handler, reason="Nog een keer.")


def test_withdrawing_ends_the_running_terms(staff_user):
    """A case withdrawn during the investigation no longer shows its findings term as running."""
    handler = staff_user("handler")
    case = case_withdraw(case=case_in_investigation(handler), actor=handler, reason="De melder wil stoppen.")
    states = {d.code: d.state for d in case_deadlines(case=case)}
    assert states["findings"] in ("met", "late")
    assert all(state != "running" for code, state in states.items() if not code.startswith("follow_up"))
