import datetime as dt

import pytest
import time_machine
from django.db import IntegrityError

from meldpunt.cases.models import AttendanceRecord, Case
from meldpunt.cases.services import attendance_record, case_withdraw
from meldpunt.cases.tests.case_helpers import case_assigned, case_in_investigation, case_submitted
from meldpunt.cases.workflow import WorkflowError
from meldpunt.core.errors import PermissionDenied
from meldpunt.privacy.models import AuditEntry

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 3, 10, 9, 0, tzinfo=dt.UTC)  # a Tuesday


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def handler(staff_user):
    return staff_user("handler")


def test_the_first_record_keeps_the_intake_values_and_the_case_follows_the_newest(handler):
    """The history starts with what the reporter told the intake; the case's attendance follows the new row."""
    case = case_in_investigation(handler, attendance="partly", absent_since="2026-02-02")
    record = attendance_record(
        case=case,
        actor=handler,
        status="not_attending",
        since=dt.date(2026, 3, 2),
        alternative="home_tuition",
        alternative_note="Twee ochtenden per week les thuis van de ambulant begeleider.",
    )
    history = list(AttendanceRecord.objects.filter(case=case))
    assert [(r.status, r.since, r.recorded_by_id) for r in history] == [
        ("partly", dt.date(2026, 2, 2), None),
        ("not_attending", dt.date(2026, 3, 2), handler.pk),
    ]
    assert record.alternative_note.startswith("Twee ochtenden")
    case.refresh_from_db()
    assert (case.attendance, case.absent_since) == ("not_attending", dt.date(2026, 3, 2))
    assert case.school_days_missed == 6  # Monday 2 March up to (not including) Tuesday 10 March
    assert AuditEntry.objects.filter(action="case.attendance_recorded", object_pk=str(case.pk)).count() == 1


def test_back_at_school_clears_the_absence_and_the_count(handler):
    """Attending again: no absence start (the check constraint holds) and no school days counted any more."""
    case = case_in_investigation(handler, attendance="not_attending", absent_since="2026-02-02")
    case.refresh_from_db()
    assert case.school_days_missed and case.priority >= 25
    attendance_record(case=case, actor=handler, status="attending", since=dt.date(2026, 3, 9))
    case.refresh_from_db()
    assert (case.attendance, case.absent_since, case.school_days_missed) == ("attending", None, None)
    assert case.priority < 25
    assert case.attendance_records.count() == 2


def test_a_second_record_does_not_repeat_the_intake_row(handler):
    """The intake row is added once, before the first record."""
    case = case_in_investigation(handler)
    attendance_record(case=case, actor=handler, status="partly", since=dt.date(2026, 3, 2))
    attendance_record(case=case, actor=handler, status="attending", since=dt.date(2026, 3, 9))
    assert [r.status for r in case.attendance_records.all()] == ["attending", "partly", "attending"]
    assert case.attendance_records.first().since is None  # the intake gave no date for "attending"


@pytest.mark.parametrize(
    ("status", "since", "alternative", "note", "field"),
    [
        ("sometimes", dt.date(2026, 3, 2), "none", "", "status"),
        ("partly", None, "none", "", "since"),
        ("partly", dt.date(2026, 3, 11), "none", "", "since"),
        ("partly", dt.date(2010, 3, 11), "none", "", "since"),
        ("partly", dt.date(2026, 3, 2), "boarding_school", "", "alternative"),
        ("partly", dt.date(2026, 3, 2), "other", "x" * 2001, "alternative_note"),
        ("partly", dt.date(2026, 3, 2), "other", "nul\x00teken", "alternative_note"),
    ],
)
def test_impossible_values_are_refused_on_their_field(handler, status, since, alternative, note, field):
    """A wrong status, a missing, future or far-off date, an unknown alternative or a bad note names its field."""
    case = case_in_investigation(handler)
    with pytest.raises(WorkflowError) as refused:
        attendance_record(
            case=case, actor=handler, status=status, since=since, alternative=alternative, alternative_note=note
        )
    assert refused.value.field == field
    assert not AttendanceRecord.objects.filter(case=case).exists()


def test_only_the_assigned_handler_records_attendance(handler, staff_user):
    """A coordinator or another handler who is not assigned may not change the attendance."""
    case = case_in_investigation(handler)
    for other in (staff_user("coordinator"), staff_user("handler")):
        with pytest.raises(PermissionDenied):
            attendance_record(case=case, actor=other, status="partly", since=dt.date(2026, 3, 2))


def test_a_closed_case_takes_no_attendance(handler):
    """After closing nothing is recorded; reopen the case first."""
    case = case_withdraw(case=case_assigned(case_submitted(), handler), actor=handler, reason="Stoppen.")
    with pytest.raises(WorkflowError, match="afgesloten"):
        attendance_record(case=case, actor=handler, status="partly", since=dt.date(2026, 3, 2))


def test_only_the_intake_row_may_lack_a_date(handler):
    """The database refuses an undated row recorded by a handler."""
    case = case_in_investigation(handler)
    with pytest.raises(IntegrityError):
        AttendanceRecord.objects.create(
            case=Case.objects.get(pk=case.pk), status="partly", since=None, recorded_at=NOW, recorded_by=handler
        )
