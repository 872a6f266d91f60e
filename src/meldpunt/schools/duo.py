"""Reading DUO's open-data address files exactly as DUO publishes them. Pure functions, no database.

DUO's files are `;`-separated, in Windows-1252 or UTF-8 (sometimes with a BOM), with CRLF or LF
line endings, quoted fields where a value holds a quote (`"VMBO ""De Jutter"" Vlieland"`), and a
single space for an empty value. A file is recognised by its header, not by its name, because
copies of these files circulate under other names.
"""

import csv
import io
import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

from meldpunt.core.errors import MeldpuntError
from meldpunt.schools.constants import DuoList, HolidayRegion, Sector

# The file names on DUO's open-data site (settings.DUO_BASE_URL), in import order.
FILE_NAMES: dict[DuoList, str] = {
    DuoList.PRIMARY: "02.-alle-schoolvestigingen-basisonderwijs.csv",
    DuoList.SECONDARY: "02.-alle-vestigingen-vo.csv",
    DuoList.SPECIAL: "09.-alle-vestigingen-sbo-so-en-vso.csv",
}

_ADDRESS_COLUMNS = (
    "PROVINCIE",
    "BEVOEGD GEZAG NUMMER",
    "INSTELLINGSCODE",
    "VESTIGINGSCODE",
    "VESTIGINGSNAAM",
    "STRAATNAAM",
    "HUISNUMMER-TOEVOEGING",
    "POSTCODE",
    "PLAATSNAAM",
    "GEMEENTENUMMER",
    "GEMEENTENAAM",
    "DENOMINATIE",
    "TELEFOONNUMMER",
    "INTERNETADRES",
)
_REGION_COLUMNS = (
    "STRAATNAAM CORRESPONDENTIEADRES",
    "HUISNUMMER-TOEVOEGING CORRESPONDENTIEADRES",
    "POSTCODE CORRESPONDENTIEADRES",
    "PLAATSNAAM CORRESPONDENTIEADRES",
    "NODAAL GEBIED CODE",
    "NODAAL GEBIED NAAM",
    "RPA-GEBIED CODE",
    "RPA-GEBIED NAAM",
    "WGR-GEBIED CODE",
    "WGR-GEBIED NAAM",
    "COROPGEBIED CODE",
    "COROPGEBIED NAAM",
    "ONDERWIJSGEBIED CODE",
    "ONDERWIJSGEBIED NAAM",
    "RMC-REGIO CODE",
    "RMC-REGIO NAAM",
    "VAKANTIEREGIO",
)
# Each list's header, column for column as DUO publishes it (31, 32 and 34 columns).
HEADERS: dict[DuoList, tuple[str, ...]] = {
    DuoList.PRIMARY: _ADDRESS_COLUMNS + _REGION_COLUMNS,
    DuoList.SECONDARY: (*_ADDRESS_COLUMNS, "ONDERWIJSSTRUCTUUR", *_REGION_COLUMNS),
    DuoList.SPECIAL: ("SOORT PRIMAIR ONDERWIJS", *_ADDRESS_COLUMNS, "CLUSTER", "ONDERWIJS", *_REGION_COLUMNS),
}

# BRIN (institution) code: four characters; a location code adds two.
_INSTITUTION_CODE = re.compile(r"^[0-9A-Z]{4}$")
_LOCATION_CODE = re.compile(r"^[0-9A-Z]{6}$")
_BOM = "\ufeff"


class DuoFileError(MeldpuntError):
    """A file is not one of DUO's address lists, or a row in it cannot be read."""


@dataclass(frozen=True)
class DuoSchool:
    """One school location from a DUO file, with the values the registry keeps."""

    code: str
    institution_code: str
    board_number: str
    name: str
    street: str
    house_number: str
    postcode: str
    place: str
    municipality_code: str
    municipality: str
    province: str
    sector: str
    denomination: str
    holiday_region: str
    website: str
    phone: str
    kind: str
    education: str
    cluster: str
    duo_list: str


@dataclass(frozen=True)
class DuoFile:
    source: str
    duo_list: DuoList
    encoding: str
    schools: list[DuoSchool]


def decode(data: bytes) -> tuple[str, str]:
    """The text and the encoding it was in: strict UTF-8 first, else Windows-1252; a BOM is dropped."""
    try:
        text, encoding = data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        try:
            text, encoding = data.decode("cp1252"), "cp1252"
        except UnicodeDecodeError as exc:
            raise DuoFileError(_("Het bestand is geen UTF-8 en geen Windows-1252.")) from exc
    return text.removeprefix(_BOM), encoding


def recognise(header: list[str], *, source: str) -> DuoList:
    """Which DUO list a header belongs to. The longest list whose columns are all there wins.

    Extra columns are allowed, so a column DUO adds later does not stop the import.
    """
    present = {column.strip().upper() for column in header}
    complete = [duo_list for duo_list, columns in HEADERS.items() if present.issuperset(columns)]
    if complete:
        return max(complete, key=lambda duo_list: len(HEADERS[duo_list]))
    closest = min(HEADERS.values(), key=lambda columns: len(set(columns) - present))
    missing = [column for column in closest if column not in present]
    raise DuoFileError(
        _("%(source)s is geen adressenbestand van DUO: deze kolommen ontbreken: %(missing)s.")
        % {"source": source, "missing": ", ".join(missing)}
    )


def parse(data: bytes, *, source: str) -> DuoFile:
    """Every school location in one DUO file. Refuses the whole file on the first unreadable row."""
    text, encoding = decode(data)
    # newline="" lets the csv module handle CRLF, LF and line breaks inside quoted fields alike.
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=";", quotechar='"', strict=True)
    try:
        header = next(reader)
    except StopIteration:
        raise DuoFileError(_("%(source)s is leeg.") % {"source": source}) from None
    except csv.Error as exc:
        raise DuoFileError(_("%(source)s is geen CSV-bestand van DUO.") % {"source": source}) from exc
    duo_list = recognise(header, source=source)
    index = {column.strip().upper(): position for position, column in enumerate(header)}
    schools: list[DuoSchool] = []
    seen: set[str] = set()
    try:
        for row in reader:
            if not any(value.strip() for value in row):
                continue
            line = reader.line_num
            if len(row) != len(header):
                raise DuoFileError(
                    _("%(source)s, regel %(line)s: %(found)s kolommen in plaats van %(expected)s.")
                    % {"source": source, "line": line, "found": len(row), "expected": len(header)}
                )
            # DUO writes an empty value as a single space.
            values = {column: row[position].strip() for column, position in index.items()}
            school = _school(values, duo_list=duo_list)
            _check(school, source=source, line=line, seen=seen)
            seen.add(school.code)
            schools.append(school)
    except csv.Error as exc:
        raise DuoFileError(
            _("%(source)s, regel %(line)s: de regel is geen geldige CSV.") % {"source": source, "line": reader.line_num}
        ) from exc
    return DuoFile(source=source, duo_list=duo_list, encoding=encoding, schools=schools)


def sector_for(duo_list: DuoList, kind: str) -> Sector:
    """The education sector a location counts under.

    SBAO (speciaal basisonderwijs) comes in DUO's special-education file, but by law it is primary
    education (Wet op het primair onderwijs) and the inspectorate counts it under po; a report about
    an SBAO school belongs with the primary schools. (V)SO falls under the WEC: the `so` sector.
    The DUO kind stays in `School.kind`, so statistics can still single SBAO out.
    """
    if duo_list == DuoList.PRIMARY:
        return Sector.PO
    if duo_list == DuoList.SECONDARY:
        return Sector.VO
    return Sector.PO if kind.upper() == "SBAO" else Sector.SO


def _school(values: dict[str, str], *, duo_list: DuoList) -> DuoSchool:
    kind = values.get("SOORT PRIMAIR ONDERWIJS", "")
    region = values["VAKANTIEREGIO"].lower()
    return DuoSchool(
        code=values["VESTIGINGSCODE"].upper(),
        institution_code=values["INSTELLINGSCODE"].upper(),
        board_number=values["BEVOEGD GEZAG NUMMER"],
        name=values["VESTIGINGSNAAM"],
        street=values["STRAATNAAM"],
        house_number=values["HUISNUMMER-TOEVOEGING"],
        postcode=values["POSTCODE"],
        place=values["PLAATSNAAM"],
        municipality_code=values["GEMEENTENUMMER"],
        municipality=values["GEMEENTENAAM"],
        province=values["PROVINCIE"],
        sector=sector_for(duo_list, kind),
        denomination=values["DENOMINATIE"],
        holiday_region=region if region in HolidayRegion.values else "",
        website=values["INTERNETADRES"],
        phone=values["TELEFOONNUMMER"],
        kind=kind,
        education=values.get("ONDERWIJSSTRUCTUUR") or values.get("ONDERWIJS", ""),
        cluster=values.get("CLUSTER", ""),
        duo_list=duo_list,
    )


def _check(school: DuoSchool, *, source: str, line: int, seen: set[str]) -> None:
    where = {"source": source, "line": line, "code": school.code}
    if not _INSTITUTION_CODE.match(school.institution_code) or not _LOCATION_CODE.match(school.code):
        raise DuoFileError(_("%(source)s, regel %(line)s: ongeldige vestigingscode %(code)r.") % where)
    if not school.code.startswith(school.institution_code):
        raise DuoFileError(
            _("%(source)s, regel %(line)s: vestigingscode %(code)s hoort niet bij de instellingscode.") % where
        )
    if school.code in seen:
        raise DuoFileError(_("%(source)s, regel %(line)s: vestigingscode %(code)s staat er twee keer in.") % where)
    if not school.board_number or not school.name or not school.place:
        raise DuoFileError(
            _("%(source)s, regel %(line)s: bevoegd gezag, naam of plaats ontbreekt bij %(code)s.") % where
        )
