"""Education continuity: how many school days a child missed. Pure: the caller passes the region's holidays.

A school day is a working day (no weekend, no public holiday) outside the school holidays of the school's
region. Days are counted from the first day absent up to, not including, today (today is not over yet).
Four weeks out of school raise an alert on the case, in the queue and in the coordinator's digest.
"""

from collections.abc import Iterable
from datetime import date, timedelta

from meldpunt.cases.constants import Attendance
from meldpunt.cases.deadlines import is_working_day


def school_days_missed(*, absent_since: date, today: date, holidays: Iterable[tuple[date, date]]) -> int:
    closed = [(first, last) for first, last in holidays if last >= absent_since and first < today]
    count = 0
    day = absent_since
    while day < today:
        if is_working_day(day) and not any(first <= day <= last for first, last in closed):
            count += 1
        day += timedelta(days=1)
    return count


OUT_OF_SCHOOL_ALERT_DAYS = 28


def out_of_school_alert(*, attendance: str, absent_since: date | None, today: date) -> bool:
    """A child who has not gone to school for four weeks or more (calendar days: the alert is about time)."""
    return (
        attendance == Attendance.NOT_ATTENDING
        and absent_since is not None
        and absent_since <= today - timedelta(days=OUT_OF_SCHOOL_ALERT_DAYS)
    )
