"""Education continuity: how many school days a child missed. Pure: the caller passes the region's holidays.

A school day is a working day (no weekend, no public holiday) outside the school holidays of the school's
region. Days are counted from the first day absent up to, not including, today (today is not over yet).
"""

from collections.abc import Iterable
from datetime import date, timedelta

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
