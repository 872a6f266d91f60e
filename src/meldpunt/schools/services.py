"""Writes to the school registry: importing DUO's address files, and fetching fresh copies from DUO.

DUO is the source of truth for schools, so the registry is only ever changed by an import. A school
that left DUO's files is closed (`active=False`), never deleted: cases keep referring to it.
"""

import logging
import os
import tempfile
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from meldpunt.core.errors import MeldpuntError
from meldpunt.schools import matching
from meldpunt.schools.duo import FILE_NAMES, DuoFile, DuoFileError, DuoSchool, parse
from meldpunt.schools.holidays import HolidayFileError, parse_holidays
from meldpunt.schools.models import Board, School, SchoolHoliday

logger = logging.getLogger(__name__)

_BATCH_SIZE = 500
# DUO's largest list is under 2 MB; anything far larger is not the file we asked for.
_MAX_DOWNLOAD_BYTES = 50 * 1024 * 1024


class DuoFetchError(MeldpuntError):
    """DUO's site could not be reached, or did not answer with its address files."""


@dataclass
class ImportReport:
    """What an import changed. Codes, not names: a report may end up in a log."""

    files: list[tuple[str, str, int]] = field(default_factory=list)  # (file name, DUO list, rows)
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: int = 0
    closed: list[str] = field(default_factory=list)  # no longer in DUO's files, now inactive
    boards_added: int = 0

    @property
    def rows(self) -> int:
        return sum(rows for _name, _list, rows in self.files)


def duo_data_dir() -> Path:
    """Where the shipped copy of DUO's files lives (see data/duo/README.md)."""
    return Path(settings.DATA_DIR) / "duo"


def duo_files_in(directory: Path) -> list[Path]:
    """The CSV files in `directory`; each is recognised by its header when it is read."""
    files = sorted(directory.glob("*.csv"))
    if not files:
        raise DuoFileError(_("Geen CSV-bestanden gevonden in %(directory)s.") % {"directory": directory})
    return files


def schools_import(*, files: Sequence[Path]) -> ImportReport:
    """Bring the registry in line with DUO's files; running it twice changes nothing the second time.

    Every file is read and checked before anything is written, so a bad file changes nothing.
    """
    parsed: list[DuoFile] = []
    for path in files:
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise DuoFileError(_("Kan %(path)s niet lezen.") % {"path": path}) from exc
        parsed.append(parse(data, source=path.name))
    report = _schools_store(parsed=parsed)
    logger.info(
        "schools import",
        extra={
            "rows": report.rows,
            "added": len(report.added),
            "updated": len(report.updated),
            "unchanged": report.unchanged,
            "closed": len(report.closed),
            "boards_added": report.boards_added,
        },
    )
    return report


def schools_load_if_empty(*, directory: Path | None = None) -> ImportReport | None:
    """Import the shipped DUO files when the registry is empty (demo, first start); else do nothing."""
    if School.objects.exists():
        return None
    return schools_import(files=duo_files_in(directory or duo_data_dir()))


def schools_refresh(*, base_url: str, directory: Path, timeout: float = 60.0) -> ImportReport:
    """Download DUO's current files into `directory`, then import them."""
    return schools_import(files=duo_files_fetch(base_url=base_url, directory=directory, timeout=timeout))


def duo_files_fetch(*, base_url: str, directory: Path, timeout: float = 60.0) -> list[Path]:
    """Download DUO's three address files byte for byte into `directory`.

    All three are downloaded and recognised first; only then do they replace the copies on disk, so
    a broken connection or an error page from the site never leaves a half-updated set behind.
    """
    if urllib.parse.urlsplit(base_url).scheme not in {"http", "https"}:
        raise DuoFetchError(_("DUO_BASE_URL moet met http:// of https:// beginnen."))
    downloads: dict[str, bytes] = {}
    for duo_list, name in FILE_NAMES.items():
        url = urllib.parse.urljoin(base_url if base_url.endswith("/") else base_url + "/", name)
        data = _download(url, timeout=timeout)
        if parse(data, source=name).duo_list != duo_list:
            raise DuoFetchError(_("%(url)s bevat een andere DUO-lijst dan verwacht.") % {"url": url})
        downloads[name] = data
    directory.mkdir(parents=True, exist_ok=True)
    paths: list[Path] = []
    for name, data in downloads.items():
        # Written beside the target and renamed, so a reader never sees half a file.
        with tempfile.NamedTemporaryFile(dir=directory, prefix=".", suffix=".part", delete=False) as part:
            part.write(data)
        os.replace(part.name, directory / name)
        paths.append(directory / name)
    return paths


def _download(url: str, *, timeout: float) -> bytes:
    request = urllib.request.Request(url, headers={"User-Agent": "meldpunt-schools-import"})  # noqa: S310
    try:
        # The scheme was checked by the caller: only http and https reach this point.
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            data: bytes = response.read(_MAX_DOWNLOAD_BYTES + 1)
    except urllib.error.HTTPError as exc:
        raise DuoFetchError(
            _("DUO antwoordde met status %(status)s op %(url)s.") % {"status": exc.code, "url": url}
        ) from exc
    except (urllib.error.URLError, OSError) as exc:
        reason = getattr(exc, "reason", None) or exc
        raise DuoFetchError(
            _("Kan %(url)s niet ophalen (%(reason)s). Controleer de internetverbinding en DUO_BASE_URL.")
            % {"url": url, "reason": reason}
        ) from exc
    if len(data) > _MAX_DOWNLOAD_BYTES:
        raise DuoFetchError(_("%(url)s is groter dan verwacht; het is geen adressenbestand van DUO.") % {"url": url})
    return data


@transaction.atomic
def _schools_store(*, parsed: list[DuoFile]) -> ImportReport:
    report = ImportReport(
        files=[(duo_file.source, duo_file.duo_list.value, len(duo_file.schools)) for duo_file in parsed]
    )
    incoming: dict[str, DuoSchool] = {}
    for duo_file in parsed:
        for row in duo_file.schools:
            if row.code in incoming:
                raise DuoFileError(_("Vestigingscode %(code)s staat in meer dan één bestand.") % {"code": row.code})
            incoming[row.code] = row
    board_ids = _boards_ensure(numbers={row.board_number for row in incoming.values()}, report=report)

    # One read of the whole registry (a few thousand rows) instead of one query per row.
    existing = {school.code: school for school in School.objects.order_by()}
    to_create: list[School] = []
    to_update: list[School] = []
    # Only the columns that changed somewhere are written; a typical re-import writes nothing.
    changed_fields: set[str] = set()
    for code, row in incoming.items():
        values = _school_values(row, board_id=board_ids[row.board_number])
        school = existing.get(code)
        if school is None:
            to_create.append(School(code=code, **values))
            report.added.append(code)
            continue
        changed = {name: value for name, value in values.items() if getattr(school, name) != value}
        if not changed:
            report.unchanged += 1
            continue
        for name, value in changed.items():
            setattr(school, name, value)
        changed_fields.update(changed)
        to_update.append(school)
        report.updated.append(code)

    # Only the lists that were read can tell that a school left them; a school made by hand has none.
    lists_read = {duo_file.duo_list for duo_file in parsed}
    for code, school in existing.items():
        if school.active and school.duo_list in lists_read and code not in incoming:
            school.active = False
            changed_fields.add("active")
            to_update.append(school)
            report.closed.append(code)

    School.objects.bulk_create(to_create, batch_size=_BATCH_SIZE)
    if to_update:
        now = timezone.now()
        for school in to_update:
            school.updated_at = now  # bulk_update does not apply auto_now
        School.objects.bulk_update(to_update, [*sorted(changed_fields), "updated_at"], batch_size=_BATCH_SIZE)
    return report


def _boards_ensure(*, numbers: set[str], report: ImportReport) -> dict[str, int]:
    """Board ids by number, creating the boards DUO names that we do not know yet.

    DUO's address files carry only the board number; a name entered earlier is kept.
    """
    known = dict(Board.objects.values_list("number", "id"))
    missing = sorted(numbers - known.keys())
    if missing:
        Board.objects.bulk_create([Board(number=number) for number in missing], batch_size=_BATCH_SIZE)
        known = dict(Board.objects.values_list("number", "id"))
        report.boards_added = len(missing)
    return known


def _school_values(row: DuoSchool, *, board_id: int) -> dict[str, object]:
    return {
        "institution_code": row.institution_code,
        "board_id": board_id,
        "name": row.name,
        "street": row.street,
        "house_number": row.house_number,
        "postcode": row.postcode,
        "place": row.place,
        "municipality_code": row.municipality_code,
        "municipality": row.municipality,
        "province": row.province,
        "sector": row.sector,
        "denomination": row.denomination,
        "holiday_region": row.holiday_region,
        "website": row.website,
        "phone": row.phone,
        "kind": row.kind,
        "education": row.education,
        "cluster": row.cluster,
        "duo_list": row.duo_list,
        "active": True,
        "search_text": matching.search_text(
            name=row.name,
            place=row.place,
            municipality=row.municipality,
            code=row.code,
            institution_code=row.institution_code,
        ),
    }


@dataclass
class HolidayImportReport:
    added: int = 0
    updated: int = 0
    unchanged: int = 0


def school_holidays_path() -> Path:
    return Path(settings.BASE_DIR) / "data" / "schoolvakanties.csv"


@transaction.atomic
def school_holidays_import(*, path: Path | None = None) -> HolidayImportReport:
    """Load the holiday table; re-importing updates changed rows and never duplicates (an updatable table)."""
    try:
        rows = parse_holidays((path or school_holidays_path()).read_text(encoding="utf-8"))
    except HolidayFileError as exc:
        raise MeldpuntError(str(exc)) from exc
    report = HolidayImportReport()
    existing = {(h.school_year, h.name, h.region): h for h in SchoolHoliday.objects.all()}
    for row in rows:
        values = {"start": row.start, "end": row.end, "source": row.source}
        current = existing.get((row.school_year, row.name, row.region))
        if current is None:
            SchoolHoliday.objects.create(school_year=row.school_year, name=row.name, region=row.region, **values)
            report.added += 1
        elif any(getattr(current, key) != value for key, value in values.items()):
            for key, value in values.items():
                setattr(current, key, value)
            current.save()
            report.updated += 1
        else:
            report.unchanged += 1
    return report


def school_holidays_load_if_empty() -> HolidayImportReport | None:
    return None if SchoolHoliday.objects.exists() else school_holidays_import()
