"""Reading the school-holiday table (`data/schoolvakanties.csv`). Pure: text in, rows or a clear error out.

Columns: schoolyear,holiday,region,start,end,source. `end` is the last day off (inclusive); region is
noord, midden, zuid or heel-nederland (the latter applies to every region).
"""

import csv
import datetime as dt
import io
from dataclasses import dataclass

REGIONS = ("noord", "midden", "zuid", "heel-nederland")
COLUMNS = ("schoolyear", "holiday", "region", "start", "end", "source")


class HolidayFileError(ValueError):
    """The table cannot be read; the message names the line and what is wrong."""


@dataclass(frozen=True)
class HolidayRow:
    school_year: str
    name: str
    region: str
    start: dt.date
    end: dt.date
    source: str


def parse_holidays(text: str) -> list[HolidayRow]:
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    missing = [column for column in COLUMNS[:5] if column not in (reader.fieldnames or [])]
    if missing:
        raise HolidayFileError(f"Missing columns: {', '.join(missing)}.")
    rows: list[HolidayRow] = []
    seen: set[tuple[str, str, str]] = set()
    for line, record in enumerate(reader, start=2):
        region = (record["region"] or "").strip().lower()
        if region not in REGIONS:
            raise HolidayFileError(f"Line {line}: region must be one of {', '.join(REGIONS)}.")
        try:
            start = dt.date.fromisoformat((record["start"] or "").strip())
            end = dt.date.fromisoformat((record["end"] or "").strip())
        except ValueError as exc:
            raise HolidayFileError(f"Line {line}: dates must be YYYY-MM-DD.") from exc
        if end < start:
            raise HolidayFileError(f"Line {line}: the holiday ends before it starts.")
        key = ((record["schoolyear"] or "").strip(), (record["holiday"] or "").strip(), region)
        if not key[0] or not key[1]:
            raise HolidayFileError(f"Line {line}: school year and holiday are required.")
        if key in seen:
            raise HolidayFileError(f"Line {line}: {key[1]} {key[2]} {key[0]} appears twice.")
        seen.add(key)
        rows.append(HolidayRow(key[0], key[1], region, start, end, (record.get("source") or "").strip()[:300]))
    return rows
