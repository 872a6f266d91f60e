"""Forms of the evidence register, the interviews and the chronology.

They check presence and shape and turn a date and a time into an aware moment; the services check the
rules (not in the future, a party of this case, ...) and their refusals are shown on the named field.
"""

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, cast

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from meldpunt.core.form_fields import radio_choice_field
from meldpunt.intake.attachments import MAX_FILE_BYTES, AttachmentRefused, CheckedAttachment, attachment_check
from meldpunt.investigations.constants import EvidenceSource
from meldpunt.investigations.services.chronology import DESCRIPTION_MAX_CHARS
from meldpunt.investigations.services.evidence import TITLE_MAX_CHARS
from meldpunt.investigations.services.interviews import LOCATION_MAX_CHARS, PRESENT_MAX_CHARS, SUMMARY_MAX_CHARS

if TYPE_CHECKING:  # a type of the stubs only, not installed in production
    from django_stubs_ext import StrOrPromise

DATE_FORMATS = ["%d-%m-%Y", "%d/%m/%Y", "%d %m %Y", "%Y-%m-%d"]
TIME_FORMATS = ["%H:%M", "%H.%M", "%H"]
AGREED_CHOICES = [("yes", _("Ja, akkoord")), ("no", _("Nee, niet akkoord")), ("pending", _("Nog niet bekend"))]
AGREED_VALUES: dict[str, bool | None] = {"yes": True, "no": False, "pending": None}


def agreed_choice(value: bool | None) -> str:
    return next(key for key, agreed in AGREED_VALUES.items() if agreed is value)


def _date_field(label: "StrOrPromise", required_message: "StrOrPromise") -> forms.DateField:
    return forms.DateField(
        label=label,
        input_formats=DATE_FORMATS,
        error_messages={
            "required": required_message,
            "invalid": _("Vul een bestaande datum in als dag-maand-jaar, bijvoorbeeld 15-03-2026."),
        },
    )


def _agreed_field() -> forms.ChoiceField:
    return radio_choice_field(
        _("Is de geïnterviewde akkoord met dit verslag?"),
        AGREED_CHOICES,
        message=_("Geef aan of de geïnterviewde akkoord is met het verslag."),
    )


def _offer_parties(
    form: forms.Form, name: str, empty_label: "StrOrPromise", parties: Sequence[tuple[int, str]]
) -> None:
    """Offer the case's parties in the choice field `name`, after `empty_label`."""
    field = form.fields[name]
    assert isinstance(field, forms.ChoiceField)
    field.choices = [("", empty_label), *parties]


class _AgreedValue:
    """The interviewee's agreement of a form with an `agreed` field: True, False or None (not known yet)."""

    @property
    def agreed_value(self) -> bool | None:
        return AGREED_VALUES[cast(forms.Form, self).cleaned_data["agreed"]]


class EvidenceForm(forms.Form):
    """A document for the register. The file is checked by its bytes (JPG, PNG or PDF, at most 10 MB)."""

    title = forms.CharField(
        label=_("Omschrijving van het stuk"),
        max_length=TITLE_MAX_CHARS,
        error_messages={
            "required": _("Geef het stuk een omschrijving, bijvoorbeeld ‘Brief van de school van 3 maart’."),
            "max_length": _("Gebruik hoogstens %(limit_value)d tekens voor de omschrijving."),
        },
    )
    file = forms.FileField(
        label=_("Bestand"),
        error_messages={
            "required": _("Kies het bestand van het stuk."),
            "empty": _("Het gekozen bestand is leeg."),
            "invalid": _("Er kwam geen bestand binnen. Kies het bestand opnieuw."),
            "missing": _("Er kwam geen bestand binnen. Kies het bestand opnieuw."),
        },
    )
    source = radio_choice_field(
        _("Van wie komt het stuk?"), EvidenceSource.choices, message=_("Kies van wie het stuk komt.")
    )
    source_party = forms.TypedChoiceField(
        label=_("Welke betrokkene gaf het stuk? (optioneel)"),
        coerce=int,
        required=False,
        empty_value=None,
        error_messages={"invalid_choice": _("Kies een betrokkene van deze zaak.")},
    )
    received_on = _date_field(_("Ontvangen op"), _("Vul de datum in waarop het stuk binnenkwam."))
    shared_with_school = forms.BooleanField(label=_("De school mag dit stuk zien"), required=False)
    shared_with_reporter = forms.BooleanField(label=_("De melder mag dit stuk zien"), required=False)

    def __init__(self, parties: Sequence[tuple[int, str]], *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        _offer_parties(self, "source_party", _("Geen of onbekend"), parties)
        self.checked: CheckedAttachment | None = None

    def clean_file(self) -> object:
        upload = self.cleaned_data["file"]
        if upload.size is not None and upload.size > MAX_FILE_BYTES:
            raise forms.ValidationError(_("Het bestand %(name)s is groter dan 10 MB."), params={"name": upload.name})
        try:
            # Never read more than one byte past the limit: attachment_check then refuses it by its size.
            self.checked = attachment_check(filename=upload.name or "", data=bytes(upload.read(MAX_FILE_BYTES + 1)))
        except AttachmentRefused as refused:
            raise forms.ValidationError(refused.message) from refused
        return upload


class InterviewForm(_AgreedValue, forms.Form):
    interviewee = forms.TypedChoiceField(
        label=_("Met wie was het gesprek?"),
        coerce=int,
        error_messages={
            "required": _("Kies met wie het gesprek was."),
            "invalid_choice": _("Kies een betrokkene van deze zaak."),
        },
    )
    held_on = _date_field(_("Datum van het gesprek"), _("Vul de datum van het gesprek in."))
    held_time = forms.TimeField(
        label=_("Tijd waarop het gesprek begon"),
        input_formats=TIME_FORMATS,
        error_messages={
            "required": _("Vul de tijd in waarop het gesprek begon, bijvoorbeeld 14:30."),
            "invalid": _("Vul een tijd in als uren:minuten, bijvoorbeeld 14:30."),
        },
    )
    location = forms.CharField(
        label=_("Waar (optioneel)"),
        required=False,
        max_length=LOCATION_MAX_CHARS,
        error_messages={"max_length": _("Gebruik hoogstens %(limit_value)d tekens voor de plaats.")},
    )
    present = forms.CharField(
        label=_("Wie waren er verder bij? (optioneel)"),
        required=False,
        widget=forms.Textarea,
        max_length=PRESENT_MAX_CHARS,
        error_messages={"max_length": _("Gebruik hoogstens %(limit_value)d tekens voor wie erbij waren.")},
    )
    summary = forms.CharField(
        label=_("Samenvatting van het gesprek"),
        widget=forms.Textarea,
        max_length=SUMMARY_MAX_CHARS,
        error_messages={
            "required": _("Schrijf een samenvatting van het gesprek."),
            "max_length": _("Gebruik hoogstens %(limit_value)d tekens voor de samenvatting."),
        },
    )
    agreed = _agreed_field()

    def __init__(self, parties: Sequence[tuple[int, str]], *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        _offer_parties(self, "interviewee", _("Kies een betrokkene"), parties)

    @property
    def held_at(self) -> dt.datetime:
        """The moment the interview began, in the meldpunt's time zone."""
        moment = dt.datetime.combine(self.cleaned_data["held_on"], self.cleaned_data["held_time"])
        return timezone.make_aware(moment, timezone.get_default_timezone())


class AgreementForm(_AgreedValue, forms.Form):
    agreed = _agreed_field()


class ChronologyEntryForm(forms.Form):
    occurred_on = _date_field(_("Datum"), _("Vul de datum in waarop het gebeurde."))
    description = forms.CharField(
        label=_("Wat er gebeurde"),
        widget=forms.Textarea,
        max_length=DESCRIPTION_MAX_CHARS,
        error_messages={
            "required": _("Beschrijf wat er gebeurde."),
            "max_length": _("Gebruik hoogstens %(limit_value)d tekens."),
        },
    )
