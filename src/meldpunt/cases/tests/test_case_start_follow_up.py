import pytest

from meldpunt.cases.services import case_start_follow_up, case_start_intervention
from meldpunt.cases.tests.case_helpers import case_in_investigation
from meldpunt.cases.workflow import WorkflowError

pytestmark = pytest.mark.django_db


def test_follow_up_comes_after_the_intervention(staff_user):
    """intervention → follow_up adds a status row by the handler."""
    handler = staff_user("handler")
    case = case_start_intervention(case=case_in_investigation(handler), actor=handler, reason="Afspraken gemaakt.")
    case = case_start_follow_up(case=case, actor=handler)
    assert case.status == "follow_up"
    assert (case.status_changes.last().from_status, case.status_changes.last().by) == ("intervention", handler)


def test_follow_up_cannot_skip_the_intervention(staff_user):
    """A case in investigation cannot go to follow-up directly."""
    handler = staff_user("handler")
    with pytest.raises(WorkflowError):
        case_start_follow_up(case=case_in_investigation(handler), actor=handler)
