import datetime as dt

import pytest
import time_machine

from meldpunt.cases.selectors import case_deadlines
from meldpunt.cases.services import (
    case_close,
    case_reopen,
    case_start_follow_up,
    case_start_intake,
    case_start_intervention,
    case_start_investigation,
)
from meldpunt.cases.tests.case_helpers import case_assigned, case_submitted
from meldpunt.cases.workflow import WorkflowError

pytestmark = pytest.mark.django_db
AMS = dt.timezone(dt.timedelta(hours=1))  # winter time in Amsterdam


def _findings(case, now):
    return next(d for d in case_deadlines(case=case, now=now) if d.code == "findings")


def test_investigation_starts_the_findings_term(staff_user):
    """From intake: the intake decision is met and findings are due six weeks later (a working day)."""
    handler = staff_user("handler")
    with time_machine.travel(dt.datetime(2026, 3, 2, 10, 0, tzinfo=AMS), tick=False):
        case = case_start_intake(case=case_assigned(case_submitted(), handler), actor=handler)
        case = case_start_investigation(case=case, actor=handler)
        case.refresh_from_db()
        assert case.status == "investigation"
        assert case.intake_decided_at == case.investigation_started_at
        findings = _findings(case, dt.datetime(2026, 3, 2, 12, 0, tzinfo=AMS))
    assert (findings.due, findings.state) == (dt.date(2026, 4, 13), "running")


def test_a_reopened_case_starts_a_new_findings_term(staff_user):
    """After reopening, a new investigation runs its own findings term from the day it starts."""
    handler = staff_user("handler")
    with time_machine.travel(dt.datetime(2026, 3, 2, 10, 0, tzinfo=AMS), tick=False):
        case = case_start_intake(case=case_assigned(case_submitted(), handler), actor=handler)
        case = case_start_investigation(case=case, actor=handler)
        case = case_start_intervention(case=case, actor=handler, reason="Bevindingen besproken.")
        case = case_start_follow_up(case=case, actor=handler)
        case = case_close(case=case, actor=handler, reason="Opgelost.", outcome="resolved", back_in_education=True)
    with time_machine.travel(dt.datetime(2026, 6, 1, 10, 0, tzinfo=dt.UTC), tick=False):
        case = case_reopen(case=case, actor=handler, reason="Het pesten is terug.")
        case = case_start_investigation(case=case, actor=handler)
        case.refresh_from_db()
        findings = _findings(case, dt.datetime(2026, 6, 1, 12, 0, tzinfo=dt.UTC))
    assert case.findings_at is None and (findings.due, findings.state) == (dt.date(2026, 7, 13), "running")


def test_a_received_case_cannot_go_straight_into_investigation(staff_user):
    """The intake comes first."""
    handler = staff_user("handler")
    with pytest.raises(WorkflowError):
        case_start_investigation(case=case_assigned(case_submitted(), handler), actor=handler)
