"""Small DUO files written the way DUO writes them, for tests that need not read the full lists."""

import csv
import io
from pathlib import Path
from typing import Any

from meldpunt.schools.constants import DuoList
from meldpunt.schools.duo import FILE_NAMES, HEADERS

# The real row of 32JK00 in DUO's primary-school file, column by column.
_VERWONDERING = {
    "PROVINCIE": "Drenthe",
    "BEVOEGD GEZAG NUMMER": "20091",
    "INSTELLINGSCODE": "32JK",
    "VESTIGINGSCODE": "32JK00",
    "VESTIGINGSNAAM": "BBS de Verwondering",
    "STRAATNAAM": "Melkweg",
    "HUISNUMMER-TOEVOEGING": "13",
    "POSTCODE": "9306 TC",
    "PLAATSNAAM": "ALTEVEER GEM NOORDENVELD",
    "GEMEENTENUMMER": "1699",
    "GEMEENTENAAM": "NOORDENVELD",
    "DENOMINATIE": "Algemeen bijzonder",
    "VAKANTIEREGIO": "Noord",
}


def school(
    code: str = "32JK00",
    name: str = "BBS de Verwondering",
    *,
    place: str = "ALTEVEER GEM NOORDENVELD",
    board: str = "20091",
    **columns: str,
) -> dict[str, str]:
    """A row like 32JK00's for location `code`; `columns` sets further DUO columns by their exact name."""
    return {
        **_VERWONDERING,
        "VESTIGINGSCODE": code,
        "INSTELLINGSCODE": code[:4],
        "VESTIGINGSNAAM": name,
        "PLAATSNAAM": place,
        "BEVOEGD GEZAG NUMMER": board,
        **columns,
    }


def duo_bytes(
    duo_list: DuoList,
    rows: list[dict[str, str]],
    *,
    encoding: str = "cp1252",
    newline: str = "\r\n",
    bom: bool = False,
    header: tuple[str, ...] | None = None,
) -> bytes:
    """The bytes of a DUO file: `;`, quotes only where needed, a single space for an empty value."""
    columns = header or HEADERS[duo_list]
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator=newline, quoting=csv.QUOTE_MINIMAL)
    writer.writerow(columns)
    for data in rows:
        writer.writerow([data.get(column) or " " for column in columns])
    return ("\ufeff" if bom else "").encode(encoding) + out.getvalue().encode(encoding)


def write_duo(directory: Path, duo_list: DuoList, rows: list[dict[str, str]], **options: Any) -> Path:
    """Writes a DUO file under DUO's own name for `duo_list` in `directory`."""
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / FILE_NAMES[duo_list]
    path.write_bytes(duo_bytes(duo_list, rows, **options))
    return path
