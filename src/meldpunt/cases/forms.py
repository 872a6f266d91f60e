"""Forms of the case page. They check presence and shape; the services and the transition table check the rest."""

from collections.abc import Sequence

from django import forms
from django.utils.translation import gettext_lazy as _

from meldpunt.cases.constants import Attendance, AttendanceAlternative, TermCode
from meldpunt.cases.selectors import ExtendableTerm
from meldpunt.cases.workflow import OUTCOME_LABELS, Transition
from meldpunt.core.form_fields import radio_choice_field

REASON_MAX_CHARS = 5_000
YES_NO = [("yes", _("Ja")), ("no", _("Nee"))]


def _reason_field(*, required: bool) -> forms.CharField:
    return forms.CharField(
        label=_("Reden") if required else _("Toelichting (optioneel)"),
        widget=forms.Textarea,
        required=required,
        max_length=REASON_MAX_CHARS,
        error_messages={
            "required": _("Geef een reden."),
            "max_length": _("Schrijf de reden in hoogstens %(limit_value)d tekens."),
        },
    )


class TransitionForm(forms.Form):
    """One step of the workflow: the fields its guard asks for (reason, referral target, outcome)."""

    def __init__(self, transition: Transition, *args: object, **kwargs: object) -> None:
        kwargs.setdefault("prefix", transition.name)
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.transition = transition
        self.fields["reason"] = _reason_field(required=transition.requires_reason)
        if "referral_target" in transition.required_fields:
            self.fields["referral_target"] = forms.CharField(
                label=_("Naar welke organisatie?"),
                max_length=200,
                error_messages={
                    "required": _("Vul in naar welke organisatie u doorverwijst."),
                    "max_length": _("Schrijf de organisatie in hoogstens %(limit_value)d tekens."),
                },
            )
        if "outcome" in transition.required_fields:
            self.fields["outcome"] = forms.ChoiceField(
                label=_("Uitkomst"),
                choices=[(str(outcome), label) for outcome, label in OUTCOME_LABELS.items()],
                widget=forms.RadioSelect,
                error_messages={"required": _("Kies een uitkomst."), "invalid_choice": _("Kies een uitkomst.")},
            )
        if "back_in_education" in transition.required_fields:
            self.fields["back_in_education"] = forms.TypedChoiceField(
                label=_("Gaat het kind weer naar school?"),
                choices=YES_NO,
                coerce=lambda value: value == "yes",
                widget=forms.RadioSelect,
                error_messages={
                    "required": _("Geef aan of het kind weer naar school gaat."),
                    "invalid_choice": _("Geef aan of het kind weer naar school gaat."),
                },
            )


class SuspendForm(forms.Form):
    prefix = "suspend"
    reason = _reason_field(required=True)


class ExtendForm(forms.Form):
    prefix = "extend"
    term_code = forms.ChoiceField(
        label=_("Welke termijn?"),
        error_messages={"required": _("Kies een termijn."), "invalid_choice": _("Kies een termijn.")},
    )
    amount = forms.IntegerField(
        label=_("Met hoeveel?"),
        min_value=1,
        error_messages={
            "required": _("Vul in met hoeveel u verlengt."),
            "invalid": _("Vul een heel getal in."),
            "min_value": _("Verleng met minstens 1."),
        },
    )
    reason = _reason_field(required=True)

    def __init__(self, terms: Sequence[ExtendableTerm] | None, *args: object, **kwargs: object) -> None:
        """`terms` are the ones offered on the page; None accepts any term (the service decides which may)."""
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        if terms is None:
            self._choices(TermCode.choices)
        else:
            self.offer(terms)

    def offer(self, terms: Sequence[ExtendableTerm]) -> None:
        self._choices([(term.code, term.label) for term in terms])

    def _choices(self, choices: Sequence[tuple[str, object]]) -> None:
        field = self.fields["term_code"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = list(choices)


class NoteForm(forms.Form):
    prefix = "note"
    body = forms.CharField(
        label=_("Notitie"), widget=forms.Textarea, strip=False, error_messages={"required": _("Schrijf een notitie.")}
    )


class MessageForm(forms.Form):
    """Presence only: the length and character rules live in `portal.conversation`, shared with the reporter."""

    prefix = "message"
    body = forms.CharField(
        label=_("Bericht aan de melder"),
        widget=forms.Textarea,
        strip=False,
        error_messages={"required": _("Schrijf een bericht.")},
    )


class AttendanceForm(forms.Form):
    """Where the child stands now. The service checks the date and the choices against the case."""

    prefix = "attendance"
    status = radio_choice_field(
        _("Gaat het kind naar school?"), Attendance.choices, message=_("Kies of het kind naar school gaat.")
    )
    since = forms.DateField(
        label=_("Sinds wanneer?"),
        input_formats=["%d-%m-%Y", "%d/%m/%Y", "%d.%m.%Y", "%Y-%m-%d"],
        error_messages={
            "required": _("Vul in sinds wanneer."),
            "invalid": _("Vul een datum in als dag-maand-jaar, bijvoorbeeld 14-10-2026."),
        },
    )
    alternative = forms.ChoiceField(
        label=_("Wat is afgesproken zolang het kind niet (helemaal) naar school gaat?"),
        choices=AttendanceAlternative.choices,
        initial=AttendanceAlternative.NONE,
        error_messages={
            "required": _("Kies wat er is afgesproken."),
            "invalid_choice": _("Kies wat er is afgesproken."),
        },
    )
    alternative_note = forms.CharField(
        label=_("Toelichting (optioneel)"),
        widget=forms.Textarea,
        required=False,
        max_length=2_000,
        error_messages={"max_length": _("Schrijf de toelichting in hoogstens %(limit_value)d tekens.")},
    )
