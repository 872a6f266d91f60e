"""The work queue's request: filters, sort order and page position, read from and written to a query string.

Pure: no database. The selector `case_queue` turns a request into rows.

The queue pages by keyset ("seek"): a link to the next page carries the sort key of the last row
shown (`na=`), a link to the previous page that of the first (`voor=`). Every page then costs the
same few index seeks however deep it is, where LIMIT/OFFSET would read and throw away every row
before the page. The page number in the link is only shown, never used to find rows.

Unknown or malformed parameters are dropped, not refused: a filter form sent by GET should never
end on an error page, and a hand-edited link simply falls back to the default.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from urllib.parse import parse_qsl, urlencode

from meldpunt.cases.constants import Category, Status
from meldpunt.cases.deadlines import working_days_in
from meldpunt.schools.constants import Sector

# DUO's province names, as `Case.region` copies them from the school.
REGIONS = (
    "Drenthe",
    "Flevoland",
    "Friesland",
    "Gelderland",
    "Groningen",
    "Limburg",
    "Noord-Brabant",
    "Noord-Holland",
    "Overijssel",
    "Utrecht",
    "Zeeland",
    "Zuid-Holland",
)
DUE_WITHIN_MAX_DAYS = 365
PAGE_NUMBER_MAX = 100_000


class Sort(enum.StrEnum):
    PRIORITY = "prioriteit"  # effective priority, highest first; then oldest first
    DEADLINE = "termijn"  # next due date, soonest first; cases without a running deadline last


class Assigned(enum.StrEnum):
    ANY = ""
    YES = "ja"
    NO = "nee"
    ME = "mij"


@dataclass(frozen=True)
class QueueFilters:
    status: str = ""  # empty: every open status
    category: str = ""
    sector: str = ""
    region: str = ""
    due_within_days: int | None = None  # the next deadline is at most this many days away (late ones included)
    overdue: bool = False
    out_of_school: bool = False
    agreements_overdue: bool = False  # an agreement of the action plan is past its due date
    assigned: Assigned = Assigned.ANY  # coordinators only; a handler's queue is always their own cases


@dataclass(frozen=True)
class Cursor:
    """The sort key of one row: the effective priority (priority sort) or the due date (deadline sort; None
    for a case without a running deadline), and the id that breaks ties."""

    key: int | date | None
    id: int


@dataclass(frozen=True)
class PagePosition:
    """Where a page starts: after `after`, or before `before` (going back), or at the top."""

    after: Cursor | None = None
    before: Cursor | None = None
    number: int = 1


@dataclass(frozen=True)
class QueueRequest:
    filters: QueueFilters
    sort: Sort
    page: PagePosition


_PRIORITY_CURSOR = re.compile(r"(?P<key>-?\d{1,9})\.(?P<id>\d{1,18})")
_DEADLINE_CURSOR = re.compile(r"(?P<key>\d{4}-\d{2}-\d{2}|x)\.(?P<id>\d{1,18})")
_TRUE = frozenset({"1", "on", "ja"})


def _choice(value: str | None, allowed: frozenset[str] | tuple[str, ...]) -> str:
    return value if value is not None and value in allowed else ""


def _small_int(value: str | None, *, minimum: int, maximum: int) -> int | None:
    if value is None or not value.strip().isdigit():
        return None
    number = int(value.strip())
    return number if minimum <= number <= maximum else None


def cursor_parse(value: str | None, sort: Sort) -> Cursor | None:
    if not value:
        return None
    match = (_PRIORITY_CURSOR if sort is Sort.PRIORITY else _DEADLINE_CURSOR).fullmatch(value)
    if match is None:
        return None
    key_text, row_id = match["key"], int(match["id"])
    if sort is Sort.PRIORITY:
        return Cursor(int(key_text), row_id)
    if key_text == "x":
        return Cursor(None, row_id)
    try:
        return Cursor(date.fromisoformat(key_text), row_id)
    except ValueError:
        return None


def cursor_format(cursor: Cursor) -> str:
    key = cursor.key
    if key is None:
        return f"x.{cursor.id}"
    return f"{key.isoformat() if isinstance(key, date) else key}.{cursor.id}"


def queue_request_parse(params: Mapping[str, str]) -> QueueRequest:
    """The request a query string asks for; anything unknown falls back to the default."""
    sort = Sort(_choice(params.get("sorteer"), frozenset(Sort)) or Sort.PRIORITY)
    filters = QueueFilters(
        status=_choice(params.get("status"), frozenset(Status.values)),
        category=_choice(params.get("onderwerp"), frozenset(Category.values)),
        sector=_choice(params.get("sector"), frozenset(Sector.values)),
        region=_choice(params.get("regio"), REGIONS),
        due_within_days=_small_int(params.get("binnen"), minimum=0, maximum=DUE_WITHIN_MAX_DAYS),
        overdue=params.get("te_laat") in _TRUE,
        out_of_school=params.get("thuiszitter") in _TRUE,
        agreements_overdue=params.get("afspraken_te_laat") in _TRUE,
        assigned=Assigned(_choice(params.get("toegewezen"), frozenset(Assigned._value2member_map_))),
    )
    after = cursor_parse(params.get("na"), sort)
    before = None if after else cursor_parse(params.get("voor"), sort)
    number = _small_int(params.get("pagina"), minimum=1, maximum=PAGE_NUMBER_MAX) or 1
    if after is None and before is None:
        number = 1
    return QueueRequest(filters=filters, sort=sort, page=PagePosition(after=after, before=before, number=number))


def _filter_params(filters: QueueFilters, sort: Sort) -> list[tuple[str, str]]:
    pairs = [
        ("status", filters.status),
        ("onderwerp", filters.category),
        ("sector", filters.sector),
        ("regio", filters.region),
        ("binnen", "" if filters.due_within_days is None else str(filters.due_within_days)),
        ("te_laat", "1" if filters.overdue else ""),
        ("thuiszitter", "1" if filters.out_of_school else ""),
        ("afspraken_te_laat", "1" if filters.agreements_overdue else ""),
        ("toegewezen", filters.assigned.value),
        ("sorteer", "" if sort is Sort.PRIORITY else sort.value),
    ]
    return [(name, value) for name, value in pairs if value]


def filters_query(filters: QueueFilters, sort: Sort) -> str:
    """The canonical query string of a filter and sort order (no page): what a saved filter stores."""
    return urlencode(_filter_params(filters, sort))


def page_query(
    filters: QueueFilters, sort: Sort, *, after: Cursor | None = None, before: Cursor | None = None, number: int = 1
) -> str:
    """The query string of one page of the same filter and sort order."""
    pairs = _filter_params(filters, sort)
    if after is not None:
        pairs.append(("na", cursor_format(after)))
    if before is not None:
        pairs.append(("voor", cursor_format(before)))
    if (after or before) and number > 1:
        pairs.append(("pagina", str(number)))
    return urlencode(pairs)


def saved_query_clean(query: str) -> str:
    """A query string reduced to its canonical filter and sort parameters (never a page position)."""
    request = queue_request_parse(dict(parse_qsl(query.lstrip("?"), keep_blank_values=False)))
    return filters_query(request.filters, request.sort)


def working_days_left(due: date, today: date) -> int:
    """As the deadline clock counts them: 0 on the due day, the working days still to go before it, and
    minus the working days past it once late."""
    if today <= due:
        return working_days_in(today + timedelta(days=1), due + timedelta(days=1))
    return -working_days_in(due + timedelta(days=1), today + timedelta(days=1))
