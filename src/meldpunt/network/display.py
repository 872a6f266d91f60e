"""How an organisation is shown to a visitor: texts in the visitor's language, labels, dialable numbers.

English texts fall back to the Dutch ones where no translation was written; the fallback carries
`lang="nl"` so screen readers pronounce it as Dutch.
"""

import re
from dataclasses import dataclass

from meldpunt.network.constants import THEME_LABELS, Audience, Offer
from meldpunt.network.models import Organisation
from meldpunt.schools.constants import Sector

_NOT_DIALLED = re.compile(r"[^0-9]")


@dataclass(frozen=True)
class PhoneNumber:
    display: str
    href: str


@dataclass(frozen=True)
class OrganisationView:
    organisation: Organisation
    description: str
    description_lang: str  # "nl" when the English page shows the Dutch text, else ""
    hours: str
    hours_lang: str
    offers: list[str]
    audience: list[str]
    sectors: list[str]
    themes: list[str]
    phones: list[PhoneNumber]


def phone_numbers(value: str) -> list[PhoneNumber]:
    """The numbers of a phone field ("113|0800-0113", separated by | or a comma) as tel: links.

    "+31 (0)30 670 60 01" dials as +31306706001: the "(0)" is dropped after a country code.
    """
    numbers: list[PhoneNumber] = []
    for part in re.split(r"[|,]", value):
        display = part.strip()
        dialled = display.replace("(0)", "") if display.startswith("+") else display
        digits = _NOT_DIALLED.sub("", dialled)
        if digits:
            numbers.append(PhoneNumber(display=display, href=f"tel:{'+' if display.startswith('+') else ''}{digits}"))
    return numbers


def theme_label(theme: str) -> str:
    label = THEME_LABELS.get(theme)
    return str(label) if label is not None else theme


def _label(choices: type[Offer] | type[Audience] | type[Sector], code: str) -> str:
    try:
        return str(choices(code).label)
    except ValueError:
        return code


def _in_language(dutch: str, english: str, *, language: str) -> tuple[str, str]:
    if language == "en":
        return (english, "") if english else (dutch, "nl" if dutch else "")
    return dutch, ""


def organisation_view(organisation: Organisation, *, language: str) -> OrganisationView:
    description, description_lang = _in_language(
        organisation.description_nl, organisation.description_en, language=language
    )
    hours, hours_lang = _in_language(organisation.hours, organisation.hours_en, language=language)
    return OrganisationView(
        organisation=organisation,
        description=description,
        description_lang=description_lang,
        hours=hours,
        hours_lang=hours_lang,
        offers=[_label(Offer, code) for code in organisation.offers],
        audience=[_label(Audience, code) for code in organisation.audience],
        sectors=[_label(Sector, code) for code in organisation.sectors],
        themes=[theme_label(theme) for theme in organisation.themes],
        phones=phone_numbers(organisation.phone),
    )
