import datetime as dt

import pytest
import time_machine
from django.core import mail

from meldpunt.cases.models import Suspension
from meldpunt.cases.selectors import case_deadlines
from meldpunt.cases.services import case_resume, case_start_intervention, case_suspend, case_withdraw
from meldpunt.cases.tests.case_helpers import case_in_investigation
from meldpunt.cases.workflow import WorkflowError
from meldpunt.core.errors import PermissionDenied
from meldpunt.privacy.models import AuditEntry

pytestmark = pytest.mark.django_db
AMS = dt.timezone(dt.timedelta(hours=1))  # winter time in Amsterdam
# Investigation starts on Monday 2 March 2026: findings are due on Monday 13 April (six weeks).
STARTED = dt.datetime(2026, 3, 2, 10, 0, tzinfo=AMS)
FINDINGS_DUE = dt.date(2026, 4, 13)


def _at(day: int, month: int = 3) -> dt.datetime:
    return dt.datetime(2026, month, day, 10, 0, tzinfo=AMS)


def _findings(case, now):
    case.refresh_from_db()
    return next(d for d in case_deadlines(case=case, now=now) if d.code == "findings")


@pytest.fixture
def handler(staff_user):
    return staff_user("handler")


@pytest.fixture
def case(handler):
    with time_machine.travel(STARTED, tick=False):
        case = case_in_investigation(handler)
    assert _findings(case, STARTED).due == FINDINGS_DUE
    return case


def test_five_working_days_across_a_weekend_move_findings_by_exactly_five(case, handler):
    """Suspended Thursday 5 to Thursday 12 March (5 working days over a weekend): findings move 13 → 20 April."""
    with time_machine.travel(_at(5), tick=False):
        case_suspend(case=case, actor=handler, reason="Wachten op stukken van de school.")
    paused = _findings(case, _at(9))
    assert (paused.state, paused.due, paused.paused_since) == ("paused", None, dt.date(2026, 3, 5))
    with time_machine.travel(_at(12), tick=False):
        case_resume(case=case, actor=handler)
    findings = _findings(case, _at(12))
    assert (findings.due, findings.state, findings.suspended_working_days) == (dt.date(2026, 4, 20), "running", 5)
    case.refresh_from_db()
    assert case.next_due_on == dt.date(2026, 4, 20) and case.next_due_code == "findings"


def test_one_suspension_is_open_at_a_time(case, handler):
    """A second suspension while one is open is refused with a clear message: they can never overlap."""
    with time_machine.travel(_at(5), tick=False):
        case_suspend(case=case, actor=handler, reason="Eerste reden.")
    with time_machine.travel(_at(6), tick=False), pytest.raises(WorkflowError, match="al opgeschort"):
        case_suspend(case=case, actor=handler, reason="Tweede reden.")
    assert Suspension.objects.filter(case=case).count() == 1


def test_back_to_back_suspensions_add_up(case, handler):
    """Thu 5–Mon 9 (2 working days) then Mon 9–Wed 11 (2 more): findings move by 4, to Friday 17 April."""
    for start, end in ((5, 9), (9, 11)):
        with time_machine.travel(_at(start), tick=False):
            case_suspend(case=case, actor=handler, reason="Wachten.")
        with time_machine.travel(_at(end), tick=False):
            case_resume(case=case, actor=handler)
    findings = _findings(case, _at(11))
    assert (findings.due, findings.suspended_working_days) == (dt.date(2026, 4, 17), 4)


def test_a_suspension_cannot_start_before_the_previous_one_ended(case, handler):
    """A back-dated start inside an earlier suspension is refused: intervals never overlap."""
    case_suspend(case=case, actor=handler, reason="Wachten.", now=_at(5))
    case_resume(case=case, actor=handler, now=_at(10))
    with pytest.raises(WorkflowError, match="voordat de vorige"):
        case_suspend(case=case, actor=handler, reason="Terug in de tijd.", now=_at(9))


def test_suspending_is_audited_and_the_reporter_hears_there_is_news(case, handler, django_capture_on_commit_callbacks):
    """Suspend and resume each write an audit entry and send a news email without the reason."""
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        case_suspend(case=case, actor=handler, reason="Wachten op de school.", now=_at(5))
    with django_capture_on_commit_callbacks(execute=True):
        case_resume(case=case, actor=handler, now=_at(12))
    assert list(
        AuditEntry.objects.filter(action__in=["case.suspended", "case.resumed"]).values_list("action", flat=True)
    )
    assert AuditEntry.objects.get(action="case.resumed").details == {"working_days": 5}
    assert len(mail.outbox) == 2 and all("Wachten" not in m.body for m in mail.outbox)


def test_a_reason_is_required(case, handler):
    """Suspending without a reason is refused on the reason field."""
    with pytest.raises(WorkflowError) as refused:
        case_suspend(case=case, actor=handler, reason="  ")
    assert refused.value.field == "reason"


def test_only_the_assigned_handler_suspends(case, staff_user):
    """Another handler or an unassigned coordinator may not stop the clock."""
    for other in (staff_user("handler"), staff_user("coordinator")):
        with pytest.raises(PermissionDenied):
            case_suspend(case=case, actor=other, reason="Wachten.")


def test_a_closed_case_cannot_be_suspended(case, handler):
    """Only open cases have a running clock to stop."""
    case = case_withdraw(case=case, actor=handler, reason="De melder stopt.")
    with pytest.raises(WorkflowError, match="afgesloten"):
        case_suspend(case=case, actor=handler, reason="Wachten.")


def test_a_suspension_after_a_met_term_on_the_same_day_leaves_it_met(case, handler):
    """Findings met in the morning, suspended that afternoon: the clock still reads, and the term stays met."""
    case_start_intervention(case=case, actor=handler, reason="Bevindingen klaar.", now=_at(5))
    case_suspend(case=case, actor=handler, reason="Wachten.", now=_at(5) + dt.timedelta(hours=4))
    findings = _findings(case, _at(6))
    assert (findings.state, findings.due, findings.suspended_working_days) == ("met", FINDINGS_DUE, 0)
