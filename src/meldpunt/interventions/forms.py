"""Forms of the interventions pages. They check presence and shape; the services check the rules."""

from datetime import date, datetime, time
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from meldpunt.core.form_fields import radio_choice_field
from meldpunt.interventions.constants import AgreementOwner, AgreementStatus
from meldpunt.interventions.services import OWNER_OTHER_MAX_CHARS, TEXT_MAX_CHARS, AgreementFields

TOO_LONG = _("Schrijf hier hoogstens %(limit_value)d tekens.")
DATE_INVALID = _("Vul een geldige datum in, bijvoorbeeld 15-03-2027.")
TIME_INVALID = _("Vul een geldige tijd in, bijvoorbeeld 14:30.")


def _text(label: Any, *, missing: Any, required: bool = True, max_chars: int = TEXT_MAX_CHARS) -> forms.CharField:
    return forms.CharField(
        label=label,
        widget=forms.Textarea,
        required=required,
        max_length=max_chars,
        error_messages={"required": missing, "max_length": TOO_LONG},
    )


def _date(label: Any, *, missing: Any) -> forms.DateField:
    return forms.DateField(
        label=label,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"required": missing, "invalid": DATE_INVALID},
    )


def _time(label: Any, *, missing: Any) -> forms.TimeField:
    return forms.TimeField(
        label=label,
        widget=forms.TimeInput(attrs={"type": "time"}),
        error_messages={"required": missing, "invalid": TIME_INVALID},
    )


def aware(day: date, moment: time) -> datetime:
    """A date and a time as typed, in the site's time zone (Europe/Amsterdam)."""
    return timezone.make_aware(datetime.combine(day, moment))


class MediationPlanForm(forms.Form):
    prefix = "plan"
    planned_on = _date(_("Datum van het gesprek"), missing=_("Vul de datum van het gesprek in."))
    planned_time = _time(_("Tijd"), missing=_("Vul de tijd van het gesprek in."))
    participants = _text(_("Wie zijn erbij?"), missing=_("Schrijf wie er bij het gesprek zijn."))
    shared = forms.BooleanField(
        label=_("De melder en de school zien dit gesprek (datum, stand en uitkomst; niet wie erbij zijn)"),
        required=False,
        initial=True,
    )

    def planned_at(self) -> datetime:
        return aware(self.cleaned_data["planned_on"], self.cleaned_data["planned_time"])


class MediationRecordForm(forms.Form):
    held_on = _date(_("Datum waarop het gesprek was"), missing=_("Vul in wanneer het gesprek was."))
    held_time = _time(_("Tijd"), missing=_("Vul de tijd van het gesprek in."))
    outcome = _text(_("Uitkomst"), missing=_("Schrijf wat de uitkomst van het gesprek is."))

    def held_at(self) -> datetime:
        return aware(self.cleaned_data["held_on"], self.cleaned_data["held_time"])


class AgreementForm(forms.Form):
    prefix = "agreement"
    description = _text(_("Wat is afgesproken?"), missing=_("Schrijf wat er is afgesproken."))
    owner = radio_choice_field(
        _("Wie moet het doen?"), AgreementOwner.choices, message=_("Kies wie de afspraak moet nakomen.")
    )
    owner_other = forms.CharField(
        label=_("Wie anders? (alleen bij ‘Iemand anders’)"),
        required=False,
        max_length=OWNER_OTHER_MAX_CHARS,
        error_messages={"max_length": TOO_LONG},
    )
    due_on = _date(_("Uiterlijk op"), missing=_("Vul in wanneer de afspraak uiterlijk klaar moet zijn."))
    shared_with_school = forms.BooleanField(
        label=_("Het schoolbestuur ziet deze afspraak"), required=False, initial=True
    )
    shared_with_reporter = forms.BooleanField(label=_("De melder ziet deze afspraak"), required=False, initial=True)

    def agreement_fields(self) -> AgreementFields:
        data = self.cleaned_data
        return AgreementFields(
            description=data["description"],
            owner=data["owner"],
            owner_other=data["owner_other"],
            due_on=data["due_on"],
            shared_with_school=data["shared_with_school"],
            shared_with_reporter=data["shared_with_reporter"],
        )


class AgreementStatusForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Stand"),
        choices=AgreementStatus.choices,
        error_messages={
            "required": _("Kies hoe het met de afspraak staat."),
            "invalid_choice": _("Kies hoe het met de afspraak staat."),
        },
    )


class EscalationForm(forms.Form):
    prefix = "escalate"
    reason = _text(
        _("Waarom gaat deze zaak naar het toezicht?"), missing=_("Schrijf waarom u de zaak naar het toezicht stuurt.")
    )
    summary = _text(
        _("Samenvatting voor het toezicht"),
        missing=_("Schrijf een korte samenvatting voor het toezicht."),
        max_chars=2_000,
    )
    shared_with_reporter = forms.BooleanField(
        label=_("De melder ziet dat de zaak naar het toezicht is gegaan"), required=False, initial=True
    )


class AnswerForm(forms.Form):
    happened = forms.TypedChoiceField(
        label=_("Is dit gebeurd?"),
        choices=[("yes", _("Ja")), ("no", _("Nee"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies ja of nee."), "invalid_choice": _("Kies ja of nee.")},
    )
