from datetime import date

import pytest

from meldpunt.cases.continuity import school_days_missed

# Herfstvakantie 2026: noord 10-18 October, zuid 17-25 October (data/schoolvakanties.csv).
NOORD_AUTUMN = [(date(2026, 10, 10), date(2026, 10, 18))]
ZUID_AUTUMN = [(date(2026, 10, 17), date(2026, 10, 25))]


@pytest.mark.parametrize(
    ("absent_since", "today", "holidays", "expected"),
    [
        # Two plain weeks, Monday to Monday: 10 school days.
        (date(2026, 9, 7), date(2026, 9, 21), [], 10),
        # The first day is counted, today is not.
        (date(2026, 9, 7), date(2026, 9, 8), [], 1),
        (date(2026, 9, 7), date(2026, 9, 7), [], 0),
        # Across noord's autumn holiday: the holiday week does not count for a school in noord...
        (date(2026, 10, 5), date(2026, 10, 26), NOORD_AUTUMN, 10),
        # ...but the same dates count in full for a school in zuid, whose holiday is a week later.
        (date(2026, 10, 5), date(2026, 10, 17), ZUID_AUTUMN, 10),
        (date(2026, 10, 5), date(2026, 10, 26), ZUID_AUTUMN, 10),
        # Public holidays are no school days: Koningsdag (Tuesday 27 April 2027) and Ascension (6 May 2027).
        (date(2027, 4, 26), date(2027, 4, 29), [], 2),
        (date(2027, 5, 3), date(2027, 5, 10), [], 4),
    ],
)
def test_school_days_missed(absent_since, today, holidays, expected):
    """School days missed skip weekends, public holidays and the school holidays of the school's own region."""
    assert school_days_missed(absent_since=absent_since, today=today, holidays=holidays) == expected
