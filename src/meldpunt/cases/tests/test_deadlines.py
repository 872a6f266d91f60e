from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from meldpunt.cases.deadlines import (
    AMSTERDAM,
    DeadlineError,
    DueState,
    Duration,
    Extension,
    RunningTerm,
    Suspension,
    TermSpec,
    Unit,
    add_working_days,
    deadline_of,
    end_of_day,
    is_working_day,
    local_date,
    validate_extension,
    working_days_in,
)

ACKNOWLEDGEMENT = TermSpec("acknowledgement", Duration(1, Unit.WORKING_DAYS), suspendable=False)
INTAKE_DECISION = TermSpec("intake_decision", Duration(5, Unit.WORKING_DAYS))
FINDINGS = TermSpec("findings", Duration(6, Unit.WEEKS), max_extension=Duration(4, Unit.WEEKS))


def ams(*args: int) -> datetime:
    return datetime(*args, tzinfo=AMSTERDAM)


def due(spec: TermSpec, started_at: datetime, *, suspensions=(), extensions=(), now=None, met_at=None):
    term = RunningTerm(spec, started_at, met_at=met_at, extensions=tuple(extensions))
    return deadline_of(term, suspensions=list(suspensions), now=now or started_at)


@pytest.mark.parametrize(
    ("day", "working"),
    [
        (date(2026, 11, 27), True),  # Friday
        (date(2026, 11, 28), False),  # Saturday
        (date(2026, 11, 29), False),  # Sunday
        (date(2026, 12, 25), False),  # Christmas
        (date(2026, 12, 26), False),  # Boxing Day (a Saturday anyway)
        (date(2027, 12, 27), True),  # Monday after Christmas weekend: no substitute holiday in NL
        (date(2027, 1, 1), False),  # New Year's Day
        (date(2026, 4, 6), False),  # Easter Monday
        (date(2026, 5, 14), False),  # Ascension Day
        (date(2026, 5, 25), False),  # Whit Monday
        (date(2026, 4, 27), False),  # Koningsdag on a Monday
        (date(2025, 4, 26), False),  # Koningsdag moved to Saturday the 26th because the 27th is a Sunday
        (date(2025, 4, 28), True),  # and the Monday after is an ordinary working day
        (date(2025, 5, 5), False),  # Liberation Day in a lustrum year
        (date(2026, 5, 5), True),  # Liberation Day is no public holiday in other years
        (date(2030, 5, 6), True),
    ],
)
def test_working_days_follow_dutch_public_holidays(day, working):
    """Weekends and Dutch public holidays are not working days; Liberation Day only every five years."""
    assert is_working_day(day) is working


@pytest.mark.parametrize(
    ("spec", "received", "expected"),
    [
        # A report on Friday evening is acknowledged by Monday.
        (ACKNOWLEDGEMENT, ams(2026, 11, 27, 21, 30), date(2026, 11, 30)),
        (INTAKE_DECISION, ams(2026, 11, 27, 21, 30), date(2026, 12, 4)),
        # On Christmas Eve: Christmas, Boxing Day and the weekend do not count.
        (ACKNOWLEDGEMENT, ams(2026, 12, 24, 16, 0), date(2026, 12, 28)),
        # Across Christmas and New Year: 23 Dec + 5 working days skips 25 Dec; 6 skips 1 Jan and the weekend.
        (INTAKE_DECISION, ams(2026, 12, 23, 10, 0), date(2026, 12, 31)),
        (TermSpec("x", Duration(6, Unit.WORKING_DAYS)), ams(2026, 12, 23, 10, 0), date(2027, 1, 4)),
        # Koningsdag on a Saturday (2025): Friday report, Monday acknowledgement.
        (ACKNOWLEDGEMENT, ams(2025, 4, 25, 12, 0), date(2025, 4, 28)),
        # Koningsdag on a Monday (2026): skipped.
        (ACKNOWLEDGEMENT, ams(2026, 4, 24, 12, 0), date(2026, 4, 28)),
        # Koningsdag in a year where the 27th is a Sunday (2031): Saturday the 26th, nothing skipped on Monday.
        (ACKNOWLEDGEMENT, ams(2031, 4, 25, 12, 0), date(2031, 4, 28)),
        # Findings in six weeks; a due date on a holiday moves to the next working day (Algemene termijnenwet).
        (FINDINGS, ams(2026, 11, 2, 9, 0), date(2026, 12, 14)),
        (FINDINGS, ams(2026, 11, 13, 9, 0), date(2026, 12, 28)),  # 25 Dec + weekend -> Monday 28th
        (FINDINGS, ams(2026, 3, 23, 9, 0), date(2026, 5, 4)),  # 5 May 2026 is no holiday, 4 May no issue
    ],
)
def test_due_dates(spec, received, expected):
    """A term counts from the day after the event, in working days or weeks, skipping non-working days."""
    assert due(spec, received).due == expected


@pytest.mark.parametrize(
    ("moment_utc", "expected_local"),
    [
        # Night of the spring DST switch (29 March 2026): 00:30 local on Sunday is still Saturday in UTC.
        (datetime(2026, 3, 28, 23, 30, tzinfo=UTC), date(2026, 3, 29)),
        # Autumn switch (25 October 2026): 00:30 CEST on Sunday is 22:30 UTC on Saturday.
        (datetime(2026, 10, 24, 22, 30, tzinfo=UTC), date(2026, 10, 25)),
    ],
)
def test_dates_are_amsterdam_dates_around_dst(moment_utc, expected_local):
    """The event date is the Amsterdam date, also in the night the clocks change."""
    assert local_date(moment_utc) == expected_local


def test_report_in_the_dst_night_is_acknowledged_on_monday():
    """A report at 00:30 local time in the night of the DST switch is acknowledged by Monday."""
    assert due(ACKNOWLEDGEMENT, datetime(2026, 3, 28, 23, 30, tzinfo=UTC)).due == date(2026, 3, 30)
    assert due(ACKNOWLEDGEMENT, datetime(2026, 10, 24, 22, 30, tzinfo=UTC)).due == date(2026, 10, 26)


def test_end_of_day_respects_dst():
    """A deadline ends at local midnight, which is 22:00 UTC in summer and 23:00 UTC in winter."""
    assert end_of_day(date(2026, 3, 29)).astimezone(UTC) == datetime(2026, 3, 29, 22, 0, tzinfo=UTC)
    assert end_of_day(date(2026, 10, 25)).astimezone(UTC) == datetime(2026, 10, 25, 23, 0, tzinfo=UTC)


def test_naive_datetimes_are_refused():
    """The clock refuses naive datetimes instead of guessing a time zone."""
    with pytest.raises(DeadlineError):
        local_date(datetime(2026, 1, 5, 12, 0))


def test_suspension_of_five_working_days_across_a_weekend():
    """A suspension from Thursday to the next Thursday pauses 5 working days and moves the deadline by 5."""
    started = ams(2026, 11, 2, 9, 0)
    suspension = Suspension(ams(2026, 11, 12, 10, 0), ams(2026, 11, 19, 9, 0), "waiting for documents")
    result = due(FINDINGS, started, suspensions=[suspension], now=ams(2026, 11, 20, 9, 0))
    assert result.suspended_working_days == 5
    assert result.due == add_working_days(date(2026, 12, 14), 5) == date(2026, 12, 21)


def test_overlapping_suspensions_count_once():
    """Two overlapping suspensions pause the union of their days, not the sum."""
    started = ams(2026, 11, 2, 9, 0)
    first = Suspension(ams(2026, 11, 12, 9, 0), ams(2026, 11, 19, 9, 0))
    second = Suspension(ams(2026, 11, 16, 9, 0), ams(2026, 11, 24, 9, 0))
    result = due(FINDINGS, started, suspensions=[second, first])
    assert result.suspended_working_days == 8
    assert result.due == date(2026, 12, 24)


def test_open_suspension_pauses_the_clock():
    """While a suspension is open the deadline is paused and shows since when."""
    started = ams(2026, 11, 2, 9, 0)
    result = due(FINDINGS, started, suspensions=[Suspension(ams(2026, 11, 12, 9, 0))], now=ams(2026, 12, 30, 9, 0))
    assert result.state is DueState.PAUSED
    assert result.due is None
    assert result.paused_since == date(2026, 11, 12)
    assert not result.is_late


def test_same_day_suspension_moves_nothing():
    """A suspension opened and closed on the same day pauses no working day."""
    started = ams(2026, 11, 2, 9, 0)
    result = due(FINDINGS, started, suspensions=[Suspension(ams(2026, 11, 12, 9, 0), ams(2026, 11, 12, 15, 0))])
    assert result.suspended_working_days == 0
    assert result.due == date(2026, 12, 14)


def test_suspension_after_the_deadline_changes_nothing():
    """A suspension that starts after the term ended does not revive or move it."""
    started = ams(2026, 11, 2, 9, 0)
    late = Suspension(ams(2026, 12, 16, 9, 0), ams(2026, 12, 18, 9, 0))
    result = due(FINDINGS, started, suspensions=[late], now=ams(2026, 12, 17, 9, 0))
    assert result.due == date(2026, 12, 14)
    assert result.state is DueState.LATE


def test_terms_that_cannot_be_suspended_ignore_suspensions():
    """The acknowledgement term is not suspendable."""
    started = ams(2026, 11, 27, 21, 0)
    result = due(ACKNOWLEDGEMENT, started, suspensions=[Suspension(ams(2026, 11, 27, 22, 0), ams(2026, 12, 4, 9, 0))])
    assert result.due == date(2026, 11, 30)


def test_extension_once_by_at_most_four_weeks():
    """Findings may be extended once by at most four weeks; the new date is a working day."""
    started = ams(2026, 11, 2, 9, 0)
    term = RunningTerm(FINDINGS, started)
    validate_extension(term, Duration(4, Unit.WEEKS))
    extended = RunningTerm(FINDINGS, started, extensions=(Extension(Duration(4, Unit.WEEKS), "complex case"),))
    result = deadline_of(extended, suspensions=[], now=started)
    assert result.due == date(2027, 1, 11)
    assert result.extended_by == Duration(4, Unit.WEEKS)


@pytest.mark.parametrize(
    ("term", "requested", "message"),
    [
        (
            RunningTerm(FINDINGS, ams(2026, 11, 2, 9, 0), extensions=(Extension(Duration(2, Unit.WEEKS), "x"),)),
            Duration(1, Unit.WEEKS),
            "already been extended once",
        ),
        (RunningTerm(FINDINGS, ams(2026, 11, 2, 9, 0)), Duration(5, Unit.WEEKS), "longer than the maximum"),
        (RunningTerm(FINDINGS, ams(2026, 11, 2, 9, 0)), Duration(0, Unit.WEEKS), "longer than the maximum"),
        (RunningTerm(FINDINGS, ams(2026, 11, 2, 9, 0)), Duration(10, Unit.WORKING_DAYS), "own unit"),
        (RunningTerm(INTAKE_DECISION, ams(2026, 11, 2, 9, 0)), Duration(1, Unit.WORKING_DAYS), "cannot be extended"),
        (
            RunningTerm(FINDINGS, ams(2026, 11, 2, 9, 0), met_at=ams(2026, 11, 20, 9, 0)),
            Duration(1, Unit.WEEKS),
            "already met",
        ),
    ],
)
def test_extension_refusals(term, requested, message):
    """A second extension, one beyond the maximum, in another unit, or on a met term is refused."""
    with pytest.raises(DeadlineError, match=message):
        validate_extension(term, requested)


@pytest.mark.parametrize(
    ("now", "state", "left"),
    [
        (ams(2026, 11, 27, 22, 0), DueState.RUNNING, 5),
        (ams(2026, 12, 4, 23, 59), DueState.RUNNING, 0),
        (ams(2026, 12, 5, 0, 1), DueState.LATE, 0),
        (ams(2026, 12, 8, 9, 0), DueState.LATE, -2),
    ],
)
def test_running_and_late(now, state, left):
    """A deadline is running until the end of its day, then late; working days left count down."""
    result = due(INTAKE_DECISION, ams(2026, 11, 27, 21, 30), now=now)
    assert result.due == date(2026, 12, 4)
    assert result.state is state
    assert result.working_days_left == left


def test_met_on_time_and_met_late():
    """A term met on or before its due date is met; after it, it stays marked late."""
    received = ams(2026, 11, 27, 21, 30)
    assert due(INTAKE_DECISION, received, met_at=ams(2026, 12, 4, 16, 0)).state is DueState.MET
    assert due(INTAKE_DECISION, received, met_at=ams(2026, 12, 7, 9, 0)).state is DueState.LATE


def test_suspension_still_open_when_term_met_only_counts_until_met():
    """A suspension open when the term was met counts only the days up to that moment."""
    started = ams(2026, 11, 2, 9, 0)
    result = due(
        FINDINGS,
        started,
        suspensions=[Suspension(ams(2026, 11, 12, 9, 0))],
        met_at=ams(2026, 11, 19, 9, 0),
    )
    assert result.state is DueState.MET
    assert result.suspended_working_days == 5


dates = st.dates(min_value=date(2025, 1, 1), max_value=date(2031, 12, 31))


@given(
    start=dates,
    term_days=st.integers(min_value=1, max_value=60),
    offset=st.integers(min_value=0, max_value=80),
    length=st.integers(min_value=0, max_value=40),
)
def test_suspending_moves_a_deadline_by_exactly_the_suspended_working_days(start, term_days, offset, length):
    """Suspending and resuming never moves a deadline earlier, and moves it by exactly the suspended working days."""
    spec = TermSpec("p", Duration(term_days, Unit.WORKING_DAYS))
    started_at = datetime(start.year, start.month, start.day, 12, 0, tzinfo=AMSTERDAM)
    base = due(spec, started_at).due
    assert base is not None
    suspended_from = start + timedelta(days=1 + offset)
    resumed_on = suspended_from + timedelta(days=length)
    suspension = Suspension(
        datetime.combine(suspended_from, datetime.min.time(), tzinfo=AMSTERDAM).replace(hour=9),
        datetime.combine(resumed_on, datetime.min.time(), tzinfo=AMSTERDAM).replace(hour=9),
    )
    result = due(spec, started_at, suspensions=[suspension])
    assert result.due is not None
    assert result.due >= base
    if suspended_from > base:
        assert result.due == base
        assert result.suspended_working_days == 0
    else:
        expected_days = working_days_in(suspended_from, resumed_on)
        assert result.suspended_working_days == expected_days
        assert working_days_in(base + timedelta(days=1), result.due + timedelta(days=1)) == expected_days
