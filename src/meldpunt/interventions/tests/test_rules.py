"""The pure rules of the action plan's follow-up, as tables."""

from datetime import date

import pytest

from meldpunt.interventions.rules import is_overdue, reminder_due, reminder_window_end

MONDAY = date(2026, 11, 2)


def test_the_reminder_window_is_two_working_days():
    """From a Thursday the window runs to Monday; from a Monday to Wednesday."""
    assert reminder_window_end(date(2026, 11, 5)) == date(2026, 11, 9)
    assert reminder_window_end(MONDAY) == date(2026, 11, 4)


@pytest.mark.parametrize(
    ("due_on", "status", "reminded", "expected"),
    [
        (date(2026, 11, 4), "open", False, True),  # two working days ahead
        (date(2026, 11, 2), "open", False, True),  # due today
        (date(2026, 11, 5), "open", False, False),  # three working days ahead: not yet
        (date(2026, 10, 30), "open", False, False),  # already past: overdue, not reminded
        (date(2026, 11, 4), "open", True, False),  # reminded once is enough
        (date(2026, 11, 4), "done", False, False),
        (date(2026, 11, 4), "cancelled", False, False),
    ],
)
def test_reminder_due(due_on, status, reminded, expected):
    """An open agreement is reminded of once, within two working days before its due date."""
    assert reminder_due(today=MONDAY, due_on=due_on, status=status, reminded=reminded) is expected


@pytest.mark.parametrize(
    ("due_on", "status", "expected"),
    [
        (date(2026, 11, 1), "open", True),
        (date(2026, 11, 2), "open", False),  # the due date itself is not late
        (date(2026, 11, 1), "done", False),
        (date(2026, 11, 1), "not_done", False),
        (date(2026, 11, 1), "cancelled", False),
    ],
)
def test_is_overdue(due_on, status, expected):
    """Only an open agreement is overdue, from the day after its due date."""
    assert is_overdue(today=MONDAY, due_on=due_on, status=status) is expected
