"""The intake fields of CONTRACT.md, checked in one place for the wizard and the API. No database here.

`report_validate` takes a JSON-shaped mapping and returns either a clean `ReportInput` or errors keyed
by the JSON field name (a nested field with a dot: `contact.email`). Messages are in the active language.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator
from django.utils.translation import gettext as _

from meldpunt.cases.constants import Attendance, Category, Language, ReporterRole, StepTaken
from meldpunt.schools.constants import Sector

DESCRIPTION_MAX = 20_000
FIELDS = (
    "reporter_role",
    "categories",
    "description",
    "attendance",
    "absent_since",
    "acute_danger",
    "school",
    "sector",
    "started_on",
    "steps_taken",
    "accused_is_staff",
    "contact",
    "share_identity_with_school",
    "consent_referral",
    "language",
)
_PHONE = re.compile(r"\+?[0-9][0-9 \-()]{7,20}")


@dataclass(frozen=True)
class SchoolFacts:
    code: str
    sector: str


@dataclass(frozen=True)
class ReportInput:
    reporter_role: str
    categories: list[str]
    description: str
    attendance: str
    acute_danger: bool
    absent_since: dt.date | None = None
    school: str | None = None
    sector: str = Sector.UNKNOWN
    started_on: dt.date | None = None
    steps_taken: list[str] = field(default_factory=list)
    accused_is_staff: bool | None = None
    contact_email: str | None = None
    contact_phone: str | None = None
    share_identity_with_school: bool = False
    consent_referral: bool = False
    language: str = Language.NL


Errors = dict[str, list[str]]


class _Checker:
    def __init__(self, data: Mapping[str, Any], today: dt.date) -> None:
        self.data = data
        self.today = today
        self.errors: Errors = {}

    def fail(self, name: str, message: str) -> None:
        self.errors.setdefault(name, []).append(message)

    def choice(self, name: str, choices: type[Any], *, required: bool, default: str | None = None) -> str | None:
        value = self.data.get(name)
        if value is None:
            if required:
                self.fail(name, _("Dit antwoord is verplicht."))
            return default
        if not isinstance(value, str) or value not in choices.values:
            self.fail(name, _("Kies een van: %(values)s.") % {"values": ", ".join(choices.values)})
            return default
        return value

    def choices(self, name: str, choices: type[Any], *, required: bool) -> list[str]:
        value = self.data.get(name)
        if value is None:
            if required:
                self.fail(name, _("Kies ten minste één antwoord."))
            return []
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            self.fail(name, _("Geef een lijst met antwoorden."))
            return []
        unknown = [item for item in value if item not in choices.values]
        if unknown:
            self.fail(name, _("Onbekend antwoord: %(values)s.") % {"values": ", ".join(unknown[:5])})
            return []
        if required and not value:
            self.fail(name, _("Kies ten minste één antwoord."))
        return list(dict.fromkeys(value))

    def boolean(self, name: str, *, required: bool, nullable: bool = False, default: bool | None = False) -> Any:
        if name not in self.data or (self.data[name] is None and not nullable):
            if required:
                self.fail(name, _("Dit antwoord is verplicht."))
            return default
        value = self.data[name]
        if value is None or isinstance(value, bool):
            return value
        self.fail(name, _("Geef ja (true) of nee (false)."))
        return default

    def date(self, name: str) -> dt.date | None:
        value = self.data.get(name)
        if value is None:
            return None
        if not isinstance(value, str):
            self.fail(name, _("Geef een datum als JJJJ-MM-DD."))
            return None
        try:
            parsed = dt.date.fromisoformat(value)
        except ValueError:
            self.fail(name, _("Geef een bestaande datum als JJJJ-MM-DD."))
            return None
        if parsed > self.today:
            self.fail(name, _("Deze datum ligt in de toekomst."))
            return None
        if parsed.year < 1900:
            self.fail(name, _("Deze datum ligt te ver in het verleden."))
            return None
        return parsed

    def text(self, name: str) -> str:
        value = self.data.get(name)
        if value is None:
            self.fail(name, _("Vertel wat er is gebeurd."))
            return ""
        if not isinstance(value, str):
            self.fail(name, _("Geef tekst."))
            return ""
        if "\x00" in value:
            self.fail(name, _("De tekst bevat een teken dat niet is toegestaan."))
            return ""
        trimmed = value.strip()
        if not trimmed:
            self.fail(name, _("Vertel wat er is gebeurd."))
        elif len(trimmed) > DESCRIPTION_MAX:
            self.fail(
                name, _("Gebruik ten hoogste %(max)s tekens.") % {"max": f"{DESCRIPTION_MAX:,}".replace(",", ".")}
            )
        return trimmed

    def contact(self) -> tuple[str | None, str | None]:
        value = self.data.get("contact")
        if value is None:
            return None, None
        if not isinstance(value, Mapping):
            self.fail("contact", _("Geef contactgegevens als object met email en phone."))
            return None, None
        unknown = sorted(set(value) - {"email", "phone"})
        for key in unknown:
            self.fail(f"contact.{key}", _("Dit veld bestaat niet."))
        email = value.get("email")
        phone = value.get("phone")
        clean_email = clean_phone = None
        if email is not None and email != "":
            if not isinstance(email, str) or "\x00" in email or len(email) > 254:
                self.fail("contact.email", _("Geef een geldig e-mailadres, zoals naam@voorbeeld.nl."))
            else:
                try:
                    EmailValidator()(email.strip())
                    clean_email = email.strip()
                except ValidationError:
                    self.fail("contact.email", _("Geef een geldig e-mailadres, zoals naam@voorbeeld.nl."))
        if phone is not None and phone != "":
            digits = re.sub(r"\D", "", phone) if isinstance(phone, str) else ""
            if not isinstance(phone, str) or not _PHONE.fullmatch(phone.strip()) or not 9 <= len(digits) <= 15:
                self.fail("contact.phone", _("Geef een geldig telefoonnummer, zoals 06 12345678."))
            else:
                clean_phone = phone.strip()
        return clean_email, clean_phone


def report_validate(
    data: Any, *, today: dt.date, school_lookup: Callable[[str], SchoolFacts | None]
) -> tuple[ReportInput | None, Errors]:
    """Check a report against CONTRACT.md; exactly one of the two results is empty."""
    if not isinstance(data, Mapping):
        return None, {"__all__": [_("Stuur een JSON-object met de velden van de melding.")]}
    check = _Checker(data, today)
    for name in sorted(set(data) - set(FIELDS)):
        check.fail(str(name), _("Dit veld bestaat niet."))

    reporter_role = check.choice("reporter_role", ReporterRole, required=True)
    categories = check.choices("categories", Category, required=True)
    description = check.text("description")
    attendance = check.choice("attendance", Attendance, required=True)
    absent_since = check.date("absent_since")
    if attendance == Attendance.NOT_ATTENDING and absent_since is None and "absent_since" not in check.errors:
        check.fail("absent_since", _("Geef aan sinds wanneer het kind niet naar school gaat."))
    if attendance == Attendance.ATTENDING and absent_since is not None:
        check.fail("absent_since", _("Laat dit leeg als het kind naar school gaat."))
    acute_danger = check.boolean("acute_danger", required=True, default=None)

    school_code = data.get("school")
    school: SchoolFacts | None = None
    if school_code is not None:
        if not isinstance(school_code, str) or not school_code.strip() or len(school_code) > 12:
            check.fail("school", _("Geef een vestigingscode van DUO, zoals 32JK00."))
        else:
            school = school_lookup(school_code.strip().upper())
            if school is None:
                check.fail("school", _("Deze school staat niet in het register van DUO."))
    sector = check.choice("sector", Sector, required=False)
    if school is not None and sector is not None and sector != school.sector:
        check.fail("sector", _("Deze sector past niet bij de gekozen school."))
    started_on = check.date("started_on")
    steps_taken = check.choices("steps_taken", StepTaken, required=False)
    if StepTaken.NONE in steps_taken and len(steps_taken) > 1:
        check.fail("steps_taken", _("Kies ‘nog niets’ niet samen met andere stappen."))
    accused_is_staff = check.boolean("accused_is_staff", required=False, nullable=True, default=None)
    contact_email, contact_phone = check.contact()
    share_identity = check.boolean("share_identity_with_school", required=False)
    consent_referral = check.boolean("consent_referral", required=False)
    language = check.choice("language", Language, required=False, default=Language.NL)

    if check.errors:
        return None, check.errors
    assert reporter_role is not None and attendance is not None and acute_danger is not None
    return (
        ReportInput(
            reporter_role=reporter_role,
            categories=categories,
            description=description,
            attendance=attendance,
            acute_danger=acute_danger,
            absent_since=absent_since,
            school=school.code if school else None,
            sector=school.sector if school else (sector or Sector.UNKNOWN),
            started_on=started_on,
            steps_taken=[step for step in steps_taken if step != StepTaken.NONE],
            accused_is_staff=accused_is_staff,
            contact_email=contact_email,
            contact_phone=contact_phone,
            share_identity_with_school=bool(share_identity),
            consent_referral=bool(consent_referral),
            language=language or Language.NL,
        ),
        {},
    )
