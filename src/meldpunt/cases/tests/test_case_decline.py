import pytest

from meldpunt.cases.selectors import case_deadlines
from meldpunt.cases.services import case_decline, case_start_intake
from meldpunt.cases.tests.case_helpers import case_assigned, case_submitted
from meldpunt.cases.workflow import WorkflowError

pytestmark = pytest.mark.django_db


def test_decline_records_the_reason_and_ends_the_case(staff_user):
    """intake → not_taken keeps the reason in the status row, meets the intake decision and closes the case."""
    handler = staff_user("handler")
    case = case_start_intake(case=case_assigned(case_submitted(), handler), actor=handler)
    case = case_decline(case=case, actor=handler, reason="Hoort bij de klachtencommissie.")
    case.refresh_from_db()
    assert case.status == "not_taken" and case.closed_at is not None and case.intake_decided_at is not None
    assert case.status_changes.last().reason == "Hoort bij de klachtencommissie."
    assert next(d for d in case_deadlines(case=case) if d.code == "intake_decision").state == "met"


def test_decline_without_a_reason_is_refused(staff_user):
    """Declining always needs a reason the reporter can be told."""
    handler = staff_user("handler")
    case = case_start_intake(case=case_assigned(case_submitted(), handler), actor=handler)
    with pytest.raises(WorkflowError) as refused:
        case_decline(case=case, actor=handler, reason=" ")
    assert refused.value.field == "reason"
    case.refresh_from_db()
    assert case.status == "intake"
