"""Forms of the investigation workspace: parse what the handler typed; the services decide what is allowed."""

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from django import forms
from django.utils.translation import gettext_lazy as _

from meldpunt.investigations.constants import ConsentSubject, PartyAccess, PartyRole
from meldpunt.investigations.models import Consent
from meldpunt.investigations.services.parties import AUTOMATIC_ROLES

if TYPE_CHECKING:
    from django_stubs_ext import StrPromise

QUESTION_FIELDS = 5
DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"]


def date_field(label: "str | StrPromise", *, required: bool = True, help_text: str = "") -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        help_text=help_text,
        input_formats=DATE_INPUT_FORMATS,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "required": _("Vul een datum in."),
            "invalid": _("Vul een geldige datum in, zoals 17-03-2026."),
        },
    )


def _consent_choices(consents: Sequence[Consent], *, empty: str) -> list[tuple[str, str]]:
    return [("", empty)] + [
        (str(consent.pk), f"{consent.given_at:%d-%m-%Y}: {consent.how_given[:80]}") for consent in consents
    ]


class PartyForm(forms.Form):
    role = forms.ChoiceField(
        label=_("Rol"),
        choices=[("", _("Kies een rol"))]
        + [(role.value, role.label) for role in PartyRole if role not in AUTOMATIC_ROLES],
        error_messages={"required": _("Kies de rol van deze betrokkene.")},
    )
    name = forms.CharField(label=_("Naam (niet verplicht)"), required=False, max_length=200)
    organisation = forms.CharField(label=_("Organisatie (niet verplicht)"), required=False, max_length=200)
    email = forms.CharField(label=_("E-mailadres (niet verplicht)"), required=False, max_length=254)
    phone = forms.CharField(label=_("Telefoonnummer (niet verplicht)"), required=False, max_length=30)
    access = forms.ChoiceField(
        label=_("Wat mag deze betrokkene zien?"),
        choices=PartyAccess.choices,
        widget=forms.RadioSelect,
        initial=PartyAccess.NOTHING,
        error_messages={"required": _("Kies wat deze betrokkene mag zien.")},
    )
    identity_shared_with_school = forms.BooleanField(label=_("De school mag weten wie dit is"), required=False)
    consent = forms.ChoiceField(
        label=_("Toestemming van de melder (nodig als de school dit nu pas mag weten)"), required=False
    )

    def __init__(self, *args: Any, identity_consents: Sequence[Consent] = (), with_role: bool = True, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.consents = {str(consent.pk): consent for consent in identity_consents}
        consent = self.fields["consent"]
        assert isinstance(consent, forms.ChoiceField)
        consent.choices = _consent_choices(identity_consents, empty=str(_("Geen toestemming gekozen")))
        if not with_role:
            del self.fields["role"]

    def chosen_consent(self) -> Consent | None:
        return self.consents.get(self.cleaned_data.get("consent") or "")


class ConsentForm(forms.Form):
    subject = forms.ChoiceField(
        label=_("Waarvoor gaf de melder toestemming?"),
        choices=ConsentSubject.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies waarvoor de melder toestemming gaf.")},
    )
    how_given = forms.CharField(
        label=_("Hoe gaf de melder toestemming?"),
        widget=forms.Textarea,
        max_length=2000,
        error_messages={"required": _("Schrijf op hoe de melder toestemming gaf.")},
    )
    given_on = date_field(_("Op welke dag? (niet verplicht, anders vandaag)"), required=False)


class RequestForm(forms.Form):
    summary = forms.CharField(
        label=_("Samenvatting voor de school"),
        widget=forms.Textarea,
        max_length=10_000,
        error_messages={"required": _("Schrijf de samenvatting die de school mag lezen.")},
    )
    due_on = date_field(_("Antwoord uiterlijk op"))
    contact_email = forms.CharField(
        label=_("E-mailadres van de contactpersoon bij het schoolbestuur (niet verplicht)"),
        required=False,
        max_length=254,
    )
    consent = forms.ChoiceField(label=_("Toestemming van de melder om deze samenvatting te delen"), required=False)
    consent_how = forms.CharField(
        label=_("Of leg de toestemming nu vast: hoe gaf de melder die?"),
        required=False,
        widget=forms.Textarea,
        max_length=2000,
    )
    consent_given_on = date_field(_("Op welke dag gaf de melder die toestemming? (niet verplicht)"), required=False)

    def __init__(self, *args: Any, summary_consents: Sequence[Consent] = (), **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.consents = {str(consent.pk): consent for consent in summary_consents}
        consent = self.fields["consent"]
        assert isinstance(consent, forms.ChoiceField)
        consent.choices = _consent_choices(
            summary_consents, empty=str(_("Nog geen: ik leg de toestemming hieronder vast"))
        )
        for number in range(1, QUESTION_FIELDS + 1):
            self.fields[f"question_{number}"] = forms.CharField(
                label=_("Vraag %(number)d") % {"number": number} + ("" if number == 1 else str(_(" (niet verplicht)"))),
                required=False,
                widget=forms.Textarea(attrs={"rows": 3}),
                max_length=2000,
            )

    def question_fields(self) -> list[forms.BoundField]:
        return [self[f"question_{number}"] for number in range(1, QUESTION_FIELDS + 1)]

    def questions(self) -> list[str]:
        return [self.cleaned_data.get(f"question_{number}", "") for number in range(1, QUESTION_FIELDS + 1)]

    def chosen_consent(self) -> Consent | None:
        return self.consents.get(self.cleaned_data.get("consent") or "")


class SendForm(forms.Form):
    single_use_link = forms.BooleanField(
        label=_("Stuur ook een eenmalige link naar het e-mailadres van de contactpersoon"), required=False
    )


class MoreTimeDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Uw besluit"),
        choices=[("granted", _("Meer tijd geven")), ("refused", _("Geen meer tijd geven"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies of u meer tijd geeft.")},
    )
    new_due_on = date_field(_("Nieuwe datum (niet verplicht, anders de gevraagde datum)"), required=False)


class NonResponseForm(forms.Form):
    finding = forms.CharField(
        label=_("Wat stelt u vast?"),
        widget=forms.Textarea,
        max_length=10_000,
        error_messages={"required": _("Beschrijf wat u vaststelt.")},
    )


class ShareWithReporterForm(forms.Form):
    shared = forms.ChoiceField(choices=[("1", _("Delen")), ("0", _("Niet meer delen"))])
