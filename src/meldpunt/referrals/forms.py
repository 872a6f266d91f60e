"""Forms of referrals. They check presence and shape; the services check the rules (consent, kind, status)."""

from collections.abc import Sequence
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from meldpunt.core.form_fields import radio_choice_field
from meldpunt.network.models import Organisation
from meldpunt.referrals.constants import ReferralKind
from meldpunt.referrals.selectors import (
    RECIPIENT_NAME_MAX_CHARS,
    SUMMARY_MAX_CHARS,
    TEXT_MAX_CHARS,
    ConsentOption,
    ReferralInput,
)

YES_NO = [("yes", _("Ja")), ("no", _("Nee"))]


def _text(label: Any, *, required: Any = None, limit: int = TEXT_MAX_CHARS, textarea: bool = True) -> forms.CharField:
    """A text field; `required` is the message for an empty answer, or None when it may stay empty."""
    messages = {"max_length": _("Schrijf hoogstens %(limit_value)d tekens.")}
    if required is not None:
        messages["required"] = required
    return forms.CharField(
        label=label,
        required=required is not None,
        max_length=limit,
        widget=forms.Textarea if textarea else forms.TextInput,
        error_messages=messages,
    )


class ReferralForm(forms.Form):
    """The new referral: to whom, what is shared, and the consent or legal ground behind it."""

    kind = radio_choice_field(
        _("Naar wie verwijst u door?"), ReferralKind.choices, message=_("Kies naar wie u doorverwijst.")
    )
    organisation = forms.TypedChoiceField(
        label=_("Organisatie uit het netwerk"),
        coerce=int,
        required=False,
        empty_value=None,
        error_messages={"invalid_choice": _("Kies een organisatie uit de lijst.")},
    )
    recipient_name = _text(
        _("Naam van de organisatie (bij een klachtencommissie of andere organisatie)"),
        limit=RECIPIENT_NAME_MAX_CHARS,
        textarea=False,
    )
    recipient_contact = _text(_("Contact bij de organisatie (optioneel)"))
    summary = _text(
        _("Wat deelt u met de organisatie?"),
        required=_("Schrijf wat u met de organisatie deelt."),
        limit=SUMMARY_MAX_CHARS,
    )
    share_contact = forms.BooleanField(
        label=_("Stuur de contactgegevens van de melder mee (alleen als de melder daarmee instemde)"), required=False
    )
    consent_choice = forms.ChoiceField(
        label=_("Toestemming van de melder"),
        widget=forms.RadioSelect,
        required=False,
        error_messages={"invalid_choice": _("Kies de toestemming van de melder.")},
    )
    consent_how_given = _text(_("Hoe en wanneer gaf de melder toestemming?"))
    legal_ground = _text(_("Wettelijke grondslag (bij politie of Veilig Thuis)"))
    close_case = forms.BooleanField(label=_("Sluit de zaak af als doorverwezen"), required=False)

    def __init__(
        self,
        *args: Any,
        organisations: Sequence[Organisation],
        consent_options: Sequence[ConsentOption],
        may_close_case: bool,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        organisation_field = self.fields["organisation"]
        assert isinstance(organisation_field, forms.TypedChoiceField)
        organisation_field.choices = [("", _("Kies een organisatie")), *((o.pk, o.name) for o in organisations)]
        consent_field = self.fields["consent_choice"]
        assert isinstance(consent_field, forms.ChoiceField)
        consent_field.choices = [(option.value, option.label) for option in consent_options]
        if not may_close_case:
            del self.fields["close_case"]

    def referral_input(self) -> ReferralInput:
        data = self.cleaned_data
        return ReferralInput(
            kind=data["kind"],
            organisation_id=data["organisation"],
            recipient_name=data["recipient_name"],
            recipient_contact=data["recipient_contact"],
            summary=data["summary"],
            share_contact=data["share_contact"],
            consent_choice=data["consent_choice"],
            consent_how_given=data["consent_how_given"],
            legal_ground=data["legal_ground"],
            close_case=data.get("close_case", False),
        )


class DeclineForm(forms.Form):
    prefix = "decline"
    reason = _text(
        _("Waarom wijst u de doorverwijzing af? De behandelaar en de melder lezen uw reden."),
        required=_("Schrijf waarom u de doorverwijzing afwijst."),
    )


class ReportForm(forms.Form):
    """The partner's report back: a few fields that show on the case and in the reporter's portal."""

    prefix = "report"
    contact_made = forms.TypedChoiceField(
        label=_("Is er contact gelegd met de melder?"),
        choices=YES_NO,
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Geef aan of er contact is gelegd met de melder."),
            "invalid_choice": _("Geef aan of er contact is gelegd met de melder."),
        },
    )
    contact_made_on = forms.DateField(
        label=_("Wanneer was het eerste contact? (optioneel als er geen contact was)"),
        required=False,
        input_formats=["%d-%m-%Y", "%d/%m/%Y", "%Y-%m-%d"],
        error_messages={"invalid": _("Vul een datum in zoals 14-03-2026.")},
    )
    support_offered = _text(_("Welke steun biedt u? (optioneel)"))
    buddy_assigned = forms.TypedChoiceField(
        label=_("Heeft de melder een buddy van uw organisatie gekregen?"),
        choices=YES_NO,
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Geef aan of er een buddy is."),
            "invalid_choice": _("Geef aan of er een buddy is."),
        },
    )
    buddy_name = _text(_("Naam van de buddy (als er een buddy is)"), limit=200, textarea=False)
    buddy_email = forms.EmailField(
        label=_("E-mailadres van de buddy (optioneel)"),
        required=False,
        error_messages={"invalid": _("Vul een geldig e-mailadres in, zoals naam@voorbeeld.nl.")},
    )
