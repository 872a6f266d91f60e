"""Forms of the findings pages. They check presence and length; the services check the rules of hearing both sides."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from meldpunt.findings.rules import COMMENT_MAX_CHARS, TEXT_MAX_CHARS
from meldpunt.findings.services import FindingsTexts

TOO_LONG = _("Schrijf hier hoogstens %(limit_value)d tekens.")


def _text(label: Any, *, required: bool, missing: Any = "", max_chars: int = TEXT_MAX_CHARS) -> forms.CharField:
    return forms.CharField(
        label=label,
        widget=forms.Textarea,
        required=required,
        max_length=max_chars,
        strip=True,
        error_messages={"required": missing, "max_length": TOO_LONG},
    )


class FindingsTextsForm(forms.Form):
    """The four parts of findings, in the order both sides read them."""

    facts_established = _text(
        _("Vastgestelde feiten"), required=True, missing=_("Schrijf welke feiten zijn vastgesteld.")
    )
    facts_disputed = _text(_("Betwiste feiten (optioneel)"), required=False)
    assessment = _text(_("Beoordeling"), required=True, missing=_("Schrijf uw beoordeling."))
    recommendations = _text(_("Aanbevelingen (optioneel)"), required=False)

    def texts(self) -> FindingsTexts:
        data = self.cleaned_data
        return FindingsTexts(
            facts_established=data["facts_established"],
            facts_disputed=data["facts_disputed"],
            assessment=data["assessment"],
            recommendations=data["recommendations"],
        )


class DraftForm(FindingsTextsForm):
    prefix = "draft"


class SendForm(forms.Form):
    """Sending has no fields: the button is the decision. A form keeps the error summary in one place."""

    prefix = "send"


class FinaliseForm(FindingsTextsForm):
    prefix = "final"
    changes = _text(
        _("Wat is veranderd ten opzichte van het concept, en waarom?"),
        required=True,
        missing=_(
            "Schrijf wat er is veranderd ten opzichte van het concept, en waarom. "
            "Is er niets veranderd? Schrijf dan waarom niet."
        ),
    )


class CommentForm(forms.Form):
    body = _text(
        _("Uw reactie op de conceptbevindingen"),
        required=True,
        missing=_("Schrijf uw reactie."),
        max_chars=COMMENT_MAX_CHARS,
    )
