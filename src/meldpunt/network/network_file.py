"""Reading data/network.csv and its English companion data/network_en.csv. Pure: no database.

The format is described in data/network.md: UTF-8, `;`-separated, one header row, several values in
one field separated by `|`. Every row is checked before anything is stored, and a problem is named
with its line number, so a bad file changes nothing and says where to look.
"""

import csv
import io
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.utils.translation import gettext as _

from meldpunt.core.errors import MeldpuntError
from meldpunt.network.constants import AUDIENCE_FROM_DUTCH, OFFER_FROM_DUTCH, SECTOR_CODES

HEADER = [
    "name",
    "description_nl",
    "offers",
    "audience",
    "themes",
    "sectors",
    "website",
    "phone",
    "email",
    "chat",
    "hours",
    "source",
    "verified",
]
HEADER_EN = ["name", "description_en", "hours_en"]
# The model's column sizes.
NAME_MAX = 200
PHONE_MAX = 100
HOURS_MAX = 300

_url = URLValidator(schemes=["http", "https"])


class NetworkFileError(MeldpuntError):
    """The network file cannot be read or has a row that does not fit data/network.md."""


@dataclass(frozen=True)
class NetworkRow:
    name: str
    description_nl: str
    offers: list[str]
    audience: list[str]
    themes: list[str]
    sectors: list[str]
    website: str
    phone: str
    email: str
    chat: str
    hours: str
    sources: list[str]
    verified: bool


@dataclass(frozen=True)
class EnglishRow:
    description_en: str
    hours_en: str


def _values(field: str) -> list[str]:
    """The `|`-separated values of one field, trimmed, without empty ones and without repeats."""
    values: list[str] = []
    for value in field.split("|"):
        value = value.strip()
        if value and value not in values:
            values.append(value)
    return values


def _rows(text: str, header: list[str], *, source: str) -> list[tuple[int, dict[str, str]]]:
    """(line number, row) for each data row; refuses a different header or a row of the wrong width."""
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";", quoting=csv.QUOTE_NONE)
    lines = list(reader)
    if not lines or [name.strip() for name in lines[0]] != header:
        raise NetworkFileError(
            _("%(source)s heeft niet de kolommen %(header)s.") % {"source": source, "header": ";".join(header)}
        )
    rows: list[tuple[int, dict[str, str]]] = []
    for number, line in enumerate(lines[1:], start=2):
        if not any(value.strip() for value in line):
            continue
        if len(line) != len(header):
            raise NetworkFileError(
                _("%(source)s, regel %(line)d: %(found)d kolommen, verwacht %(expected)d.")
                % {"source": source, "line": number, "found": len(line), "expected": len(header)}
            )
        rows.append((number, {key: value.strip() for key, value in zip(header, line, strict=True)}))
    return rows


def _codes(values: list[str], table: dict[str, str], *, what: str, where: str) -> list[str]:
    unknown = [value for value in values if value.lower() not in table]
    if unknown:
        raise NetworkFileError(
            _("%(where)s: onbekende waarde voor %(what)s: %(values)s.")
            % {"where": where, "what": what, "values": ", ".join(unknown)}
        )
    return [str(table[value.lower()]) for value in values]


def _check_url(value: str, *, what: str, where: str) -> str:
    if value:
        try:
            _url(value)
        except ValidationError as exc:
            raise NetworkFileError(
                _("%(where)s: %(what)s is geen geldig webadres.") % {"where": where, "what": what}
            ) from exc
    return value


def _check_length(value: str, limit: int, *, what: str, where: str) -> str:
    if len(value) > limit:
        raise NetworkFileError(
            _("%(where)s: %(what)s is langer dan %(limit)d tekens.") % {"where": where, "what": what, "limit": limit}
        )
    return value


def parse_network(text: str, *, source: str = "network.csv") -> list[NetworkRow]:
    """The organisations of the file, in file order. Raises NetworkFileError naming the first bad line."""
    result: list[NetworkRow] = []
    seen: set[str] = set()
    for number, row in _rows(text, HEADER, source=source):
        where = _("%(source)s, regel %(line)d") % {"source": source, "line": number}
        name = _check_length(row["name"], NAME_MAX, what=_("de naam"), where=where)
        if not name or not row["description_nl"]:
            raise NetworkFileError(_("%(where)s: naam en beschrijving zijn verplicht.") % {"where": where})
        if name in seen:
            raise NetworkFileError(_("%(where)s: %(name)s staat er twee keer in.") % {"where": where, "name": name})
        seen.add(name)
        sectors = [value.lower() for value in _values(row["sectors"])]
        wrong_sectors = [value for value in sectors if value not in SECTOR_CODES]
        if wrong_sectors:
            raise NetworkFileError(
                _("%(where)s: onbekende sector: %(values)s.") % {"where": where, "values": ", ".join(wrong_sectors)}
            )
        if row["email"]:
            try:
                validate_email(row["email"])
            except ValidationError as exc:
                raise NetworkFileError(_("%(where)s: het e-mailadres klopt niet.") % {"where": where}) from exc
        verified = row["verified"].lower()
        if verified not in ("yes", "no"):
            raise NetworkFileError(_("%(where)s: verified is yes of no.") % {"where": where})
        result.append(
            NetworkRow(
                name=name,
                description_nl=row["description_nl"],
                offers=_codes(_values(row["offers"]), dict(OFFER_FROM_DUTCH), what="offers", where=where),
                audience=_codes(_values(row["audience"]), dict(AUDIENCE_FROM_DUTCH), what="audience", where=where),
                themes=[value.lower() for value in _values(row["themes"])],
                sectors=sectors,
                website=_check_url(row["website"], what="website", where=where),
                phone=_check_length("|".join(_values(row["phone"])), PHONE_MAX, what=_("telefoon"), where=where),
                email=row["email"],
                chat=_check_url(row["chat"], what="chat", where=where),
                hours=_check_length(row["hours"], HOURS_MAX, what=_("bereikbaarheid"), where=where),
                sources=_values(row["source"]),
                verified=verified == "yes",
            )
        )
    return result


def parse_network_en(text: str, *, known: set[str], source: str = "network_en.csv") -> dict[str, EnglishRow]:
    """The English texts by organisation name; a name that is not in the main file is an error (a typo)."""
    result: dict[str, EnglishRow] = {}
    for number, row in _rows(text, HEADER_EN, source=source):
        where = _("%(source)s, regel %(line)d") % {"source": source, "line": number}
        if row["name"] not in known:
            raise NetworkFileError(
                _("%(where)s: %(name)s staat niet in het Nederlandse bestand.") % {"where": where, "name": row["name"]}
            )
        result[row["name"]] = EnglishRow(
            description_en=row["description_en"],
            hours_en=_check_length(row["hours_en"], HOURS_MAX, what=_("bereikbaarheid"), where=where),
        )
    return result
