import datetime as dt

import pytest

from meldpunt.cases.services import case_resume, case_suspend
from meldpunt.cases.tests.case_helpers import case_in_investigation
from meldpunt.cases.workflow import WorkflowError
from meldpunt.core.errors import PermissionDenied

pytestmark = pytest.mark.django_db
AMS = dt.timezone(dt.timedelta(hours=1))


def test_resume_ends_the_open_suspension(staff_user):
    """Resuming sets the end and who ended it; the next suspension may start from then on."""
    handler = staff_user("handler")
    case = case_in_investigation(handler)
    case_suspend(case=case, actor=handler, reason="Wachten.")
    suspension = case_resume(case=case, actor=handler)
    assert suspension.ended_at is not None and suspension.ended_by == handler
    case_suspend(case=case, actor=handler, reason="Weer wachten.")


def test_resume_without_an_open_suspension_is_refused(staff_user):
    """There is nothing to resume when the clock runs."""
    handler = staff_user("handler")
    with pytest.raises(WorkflowError, match="niet opgeschort"):
        case_resume(case=case_in_investigation(handler), actor=handler)


def test_resume_cannot_end_before_the_start(staff_user):
    """A back-dated end before the start is refused."""
    handler = staff_user("handler")
    case = case_in_investigation(handler)
    case_suspend(case=case, actor=handler, reason="Wachten.", now=dt.datetime(2026, 12, 10, 10, tzinfo=AMS))
    with pytest.raises(WorkflowError):
        case_resume(case=case, actor=handler, now=dt.datetime(2026, 12, 9, 10, tzinfo=AMS))


def test_only_the_assigned_handler_resumes(staff_user):
    """Another handler may not let the clock run again."""
    handler = staff_user("handler")
    case = case_in_investigation(handler)
    case_suspend(case=case, actor=handler, reason="Wachten.")
    with pytest.raises(PermissionDenied):
        case_resume(case=case, actor=staff_user("handler"))
