"""The deadline clock: pure date arithmetic for case terms. No database, no Django.

Rules (DESIGN.md, DOMAIN.md §4):
- Time is Europe/Amsterdam. An event's local date is day 0; a term starts counting the day after (Awb 1:7).
- Working days skip Saturdays, Sundays and Dutch public holidays from the `holidays` package (Liberation
  Day only in lustrum years, Koningsdag on the 26th when the 27th is a Sunday).
- A term in weeks or calendar days that ends on a non-working day moves to the next working day
  (Algemene termijnenwet).
- A suspension pauses the clock from its start date up to (not including) its end date. Every running
  deadline moves by exactly the number of suspended working days; overlapping suspensions count once.
  While a suspension is open the deadline is unknown ("paused").
- An extension adds a bounded amount once, with a reason.
- A deadline is due at the end of its day; after that it is late.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


class Unit(enum.StrEnum):
    WORKING_DAYS = "working_days"
    CALENDAR_DAYS = "calendar_days"
    WEEKS = "weeks"


class DeadlineError(ValueError):
    """A request the clock cannot honour, such as a second extension."""


@dataclass(frozen=True)
class Duration:
    amount: int
    unit: Unit

    def __post_init__(self) -> None:
        if self.amount < 0:
            raise DeadlineError("A term cannot be negative.")


@lru_cache(maxsize=64)
def _public_holidays(year: int) -> frozenset[date]:
    return frozenset(holidays.country_holidays("NL", years=year, categories=("public",)).keys())


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in _public_holidays(day.year)


def next_working_day_on_or_after(day: date) -> date:
    while not is_working_day(day):
        day += timedelta(days=1)
    return day


def add_working_days(start: date, count: int) -> date:
    """The date `count` working days after `start` (start itself does not count); count 0 gives start."""
    day = start
    remaining = count
    while remaining > 0:
        day += timedelta(days=1)
        if is_working_day(day):
            remaining -= 1
    return day


def working_days_in(start: date, end: date) -> int:
    """Working days d with start <= d < end.

    Counted per whole week, not per day: the triage rule counts the days a case has waited for every
    row of the work queue, and a case may have waited for years.
    """
    if end <= start:
        return 0
    weeks, rest = divmod((end - start).days, 7)
    tail = start + timedelta(days=weeks * 7)
    weekdays = weeks * 5 + sum(1 for offset in range(rest) if (tail + timedelta(days=offset)).weekday() < 5)
    holidays_on_weekdays = sum(
        1
        for year in range(start.year, end.year + 1)
        for day in _public_holidays(year)
        if start <= day < end and day.weekday() < 5
    )
    return weekdays - holidays_on_weekdays


def add_duration(start: date, duration: Duration) -> date:
    """The due date of a term starting at the event date `start`."""
    if duration.unit is Unit.WORKING_DAYS:
        return add_working_days(start, duration.amount)
    days = duration.amount * 7 if duration.unit is Unit.WEEKS else duration.amount
    return next_working_day_on_or_after(start + timedelta(days=days))


def local_date(moment: datetime) -> date:
    if moment.tzinfo is None:
        raise DeadlineError("The clock only accepts aware datetimes.")
    return moment.astimezone(AMSTERDAM).date()


def end_of_day(day: date) -> datetime:
    """The last moment a deadline on `day` is met: the start of the next day in Amsterdam."""
    return datetime.combine(day + timedelta(days=1), time.min, tzinfo=AMSTERDAM)


@dataclass(frozen=True)
class Suspension:
    """The clock stands still from `start` up to `end` (open while `end` is None)."""

    start: datetime
    end: datetime | None = None
    reason: str = ""

    def __post_init__(self) -> None:
        if self.end is not None and self.end < self.start:
            raise DeadlineError("A suspension cannot end before it starts.")


@dataclass(frozen=True)
class Extension:
    duration: Duration
    reason: str


def _merged_date_intervals(suspensions: Iterable[Suspension]) -> list[tuple[date, date | None]]:
    """Suspensions as local [start, end) date intervals, sorted and merged; end None means open."""
    intervals = sorted(
        ((local_date(s.start), local_date(s.end) if s.end else None) for s in suspensions),
        key=lambda interval: interval[0],
    )
    merged: list[tuple[date, date | None]] = []
    for start, end in intervals:
        if merged:
            last_start, last_end = merged[-1]
            if last_end is None or start <= last_end:
                new_end = None if last_end is None or end is None else max(last_end, end)
                merged[-1] = (last_start, new_end)
                continue
        merged.append((start, end))
    return merged


@dataclass(frozen=True)
class ShiftedDue:
    due: date | None  # None while an open suspension pauses the clock
    suspended_working_days: int
    paused_since: date | None


def shift_for_suspensions(*, started: date, due: date, suspensions: Sequence[Suspension]) -> ShiftedDue:
    """Move `due` by the working days suspended while the term ran (from `started` up to the moving due date)."""
    shifted = due
    suspended = 0
    for start, end in _merged_date_intervals(suspensions):
        effective_start = max(start, started + timedelta(days=1))
        if effective_start > shifted:
            # The term had already ended (met or late) when this suspension began.
            break
        if end is None:
            suspended += working_days_in(effective_start, shifted + timedelta(days=1))
            return ShiftedDue(due=None, suspended_working_days=suspended, paused_since=start)
        days = working_days_in(effective_start, end)
        suspended += days
        shifted = add_working_days(shifted, days)
    return ShiftedDue(due=shifted, suspended_working_days=suspended, paused_since=None)


class DueState(enum.StrEnum):
    MET = "met"
    RUNNING = "running"
    LATE = "late"
    PAUSED = "paused"


@dataclass(frozen=True)
class TermSpec:
    """One legal term or service norm of a case type (configured by administrators, passed in here)."""

    code: str
    duration: Duration
    max_extension: Duration | None = None
    suspendable: bool = True


@dataclass(frozen=True)
class RunningTerm:
    """A term that started at `started_at`; `met_at` is when it was met (None while open)."""

    spec: TermSpec
    started_at: datetime
    met_at: datetime | None = None
    extensions: Sequence[Extension] = field(default_factory=tuple)


@dataclass(frozen=True)
class Deadline:
    code: str
    started_on: date
    due: date | None
    state: DueState
    suspended_working_days: int
    extended_by: Duration | None
    paused_since: date | None
    working_days_left: int | None  # 0 on the due day; negative when late; None when paused or met

    @property
    def is_late(self) -> bool:
        return self.state is DueState.LATE


def validate_extension(term: RunningTerm, requested: Duration) -> None:
    """An extension is allowed once, within the term's maximum, in the term's own unit."""
    maximum = term.spec.max_extension
    if maximum is None:
        raise DeadlineError("This term cannot be extended.")
    if term.extensions:
        raise DeadlineError("This term has already been extended once.")
    if requested.unit is not maximum.unit:
        raise DeadlineError("An extension must be given in the term's own unit.")
    if requested.amount < 1 or requested.amount > maximum.amount:
        raise DeadlineError("The extension is longer than the maximum allowed.")
    if term.met_at is not None:
        raise DeadlineError("A term that was already met cannot be extended.")


def deadline_of(term: RunningTerm, *, suspensions: Sequence[Suspension], now: datetime) -> Deadline:
    """What is due for this term, when, and whether it is late, as of `now`."""
    started = local_date(term.started_at)
    base_due = add_duration(started, term.spec.duration)
    extended_by = None
    for extension in term.extensions[:1]:
        extended_by = extension.duration
        if extension.duration.unit is Unit.WORKING_DAYS:
            base_due = add_working_days(base_due, extension.duration.amount)
        else:
            days = extension.duration.amount * (7 if extension.duration.unit is Unit.WEEKS else 1)
            base_due = next_working_day_on_or_after(base_due + timedelta(days=days))
    applicable = suspensions if term.spec.suspendable else ()
    if term.met_at is not None:
        # Only suspensions that began before the term was met could have moved it (compared as moments:
        # one begun later on the day the term was met would otherwise "end" before it started).
        met_at = term.met_at
        applicable = [s for s in applicable if s.start <= met_at]
        applicable = [Suspension(s.start, s.end or met_at, s.reason) for s in applicable]
    shifted = shift_for_suspensions(started=started, due=base_due, suspensions=applicable)
    today = local_date(now)

    if term.met_at is not None:
        met_on = local_date(term.met_at)
        state = DueState.MET if shifted.due is None or met_on <= shifted.due else DueState.LATE
        return Deadline(
            term.spec.code, started, shifted.due, state, shifted.suspended_working_days, extended_by, None, None
        )
    if shifted.due is None:
        return Deadline(
            term.spec.code,
            started,
            None,
            DueState.PAUSED,
            shifted.suspended_working_days,
            extended_by,
            shifted.paused_since,
            None,
        )
    if today <= shifted.due:
        left = working_days_in(today + timedelta(days=1), shifted.due + timedelta(days=1))
        state = DueState.RUNNING
    else:
        left = -working_days_in(shifted.due + timedelta(days=1), today + timedelta(days=1))
        state = DueState.LATE
    return Deadline(
        term.spec.code, started, shifted.due, state, shifted.suspended_working_days, extended_by, None, left
    )
