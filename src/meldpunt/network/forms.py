"""The administrators' form for one organisation. It checks shape; the service checks the rules."""

import re
from typing import Any

from django import forms
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from meldpunt.network.constants import SECTOR_CODES, Audience, Offer
from meldpunt.network.models import Organisation
from meldpunt.network.network_file import HOURS_MAX, NAME_MAX, PHONE_MAX
from meldpunt.network.services import OrganisationValues
from meldpunt.schools.constants import Sector

DESCRIPTION_MAX = 2000
THEMES_MAX = 500
StrOrPromise = str | Promise
_PHONE = re.compile(r"^[0-9+() \-]+$")


def _required(message: StrOrPromise) -> dict[str, Any]:
    return {"required": message}


class OrganisationForm(forms.Form):
    name = forms.CharField(
        label=_("Naam"), max_length=NAME_MAX, error_messages=_required(_("Vul de naam van de organisatie in."))
    )
    description_nl = forms.CharField(
        label=_("Beschrijving in het Nederlands"),
        widget=forms.Textarea,
        max_length=DESCRIPTION_MAX,
        error_messages=_required(_("Schrijf in één of twee zinnen wat de organisatie doet.")),
    )
    description_en = forms.CharField(
        label=_("Beschrijving in het Engels (niet verplicht)"),
        widget=forms.Textarea,
        max_length=DESCRIPTION_MAX,
        required=False,
    )
    offers = forms.MultipleChoiceField(
        label=_("Wat biedt de organisatie?"),
        choices=Offer.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages=_required(_("Kies minstens één ding dat de organisatie biedt.")),
    )
    audience = forms.MultipleChoiceField(
        label=_("Voor wie?"),
        choices=Audience.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages=_required(_("Kies minstens één groep.")),
    )
    sectors = forms.MultipleChoiceField(
        label=_("Voor welk onderwijs?"),
        choices=[(code, Sector(code).label) for code in SECTOR_CODES],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    themes = forms.CharField(
        label=_("Onderwerpen (niet verplicht)"),
        help_text=_("Scheid de onderwerpen met een komma, bijvoorbeeld: pesten, discriminatie."),
        max_length=THEMES_MAX,
        required=False,
    )
    website = forms.URLField(
        label=_("Website (niet verplicht)"),
        required=False,
        assume_scheme="https",
        error_messages={"invalid": _("Vul een webadres in, bijvoorbeeld https://www.voorbeeld.nl.")},
    )
    phone = forms.CharField(
        label=_("Telefoon (niet verplicht)"),
        help_text=_("Meer nummers? Scheid ze met een komma."),
        max_length=PHONE_MAX,
        required=False,
    )
    email = forms.EmailField(
        label=_("E-mailadres (niet verplicht)"),
        required=False,
        error_messages={"invalid": _("Vul een e-mailadres in, bijvoorbeeld info@voorbeeld.nl.")},
    )
    chat = forms.URLField(
        label=_("Adres van de chat (niet verplicht)"),
        required=False,
        assume_scheme="https",
        error_messages={"invalid": _("Vul een webadres in, bijvoorbeeld https://www.voorbeeld.nl/chat.")},
    )
    hours = forms.CharField(label=_("Bereikbaar (niet verplicht)"), max_length=HOURS_MAX, required=False)
    hours_en = forms.CharField(
        label=_("Bereikbaar, in het Engels (niet verplicht)"), max_length=HOURS_MAX, required=False
    )
    verified = forms.BooleanField(label=_("Contactgegevens zijn gecontroleerd"), required=False)
    network_member = forms.BooleanField(label=_("Lid van het expertisenetwerk"), required=False)
    accepts_referrals = forms.BooleanField(label=_("Ontvangt doorverwijzingen via het meldpunt"), required=False)
    active = forms.BooleanField(label=_("Tonen in de lijst met organisaties"), required=False)

    @classmethod
    def initial_for(cls, organisation: Organisation) -> dict[str, Any]:
        return {
            **{name: getattr(organisation, name) for name in cls.base_fields if name not in ("themes", "phone")},
            "themes": ", ".join(organisation.themes),
            "phone": ", ".join(part for part in organisation.phone.split("|") if part),
        }

    def clean_phone(self) -> str:
        numbers = [part.strip() for part in self.cleaned_data["phone"].split(",") if part.strip()]
        if any(not _PHONE.match(number) for number in numbers):
            raise forms.ValidationError(_("Een telefoonnummer bevat alleen cijfers, spaties, +, - en haakjes."))
        return "|".join(numbers)

    def clean_themes(self) -> list[str]:
        themes: list[str] = []
        for theme in self.cleaned_data["themes"].split(","):
            theme = " ".join(theme.split()).lower()
            if theme and theme not in themes:
                themes.append(theme)
        return themes

    def values(self) -> OrganisationValues:
        data = self.cleaned_data
        return OrganisationValues(
            name=" ".join(data["name"].split()),
            description_nl=data["description_nl"].strip(),
            description_en=data["description_en"].strip(),
            offers=[code for code in Offer.values if code in data["offers"]],
            audience=[code for code in Audience.values if code in data["audience"]],
            themes=data["themes"],
            sectors=[code for code in SECTOR_CODES if code in data["sectors"]],
            website=data["website"],
            phone=data["phone"],
            email=data["email"],
            chat=data["chat"],
            hours=data["hours"].strip(),
            hours_en=data["hours_en"].strip(),
            verified=data["verified"],
            network_member=data["network_member"],
            accepts_referrals=data["accepts_referrals"],
            active=data["active"],
        )
