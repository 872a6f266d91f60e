import pytest

from meldpunt.cases.selectors import case_deadlines
from meldpunt.cases.services import case_start_intervention
from meldpunt.cases.tests.case_helpers import case_in_investigation
from meldpunt.cases.workflow import WorkflowError

pytestmark = pytest.mark.django_db


def test_intervention_meets_the_findings_term(staff_user):
    """investigation → intervention: the findings are in, so the findings term is met."""
    handler = staff_user("handler")
    case = case_start_intervention(case=case_in_investigation(handler), actor=handler, reason="Bevindingen klaar.")
    case.refresh_from_db()
    assert case.status == "intervention" and case.findings_at is not None
    assert next(d for d in case_deadlines(case=case) if d.code == "findings").state == "met"


def test_intervention_needs_a_reason(staff_user):
    """The step to solving is explained: without a reason it is refused and the case stays where it is."""
    handler = staff_user("handler")
    case = case_in_investigation(handler)
    with pytest.raises(WorkflowError) as refused:
        case_start_intervention(case=case, actor=handler)
    assert refused.value.field == "reason"
    case.refresh_from_db()
    assert case.status == "investigation" and case.findings_at is None
