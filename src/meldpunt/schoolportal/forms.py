"""Forms of the school portal: parse what the school contact typed; the services decide what is allowed."""

from collections.abc import Sequence
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from meldpunt.investigations.forms import date_field
from meldpunt.investigations.selectors.shared import SchoolQuestion


class AnswersForm(forms.Form):
    """One answer field per question of the request, named after the question's id."""

    def __init__(self, *args: Any, questions: Sequence[SchoolQuestion], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.questions = list(questions)
        for question in self.questions:
            self.fields[f"answer_{question.pk}"] = forms.CharField(
                label=_("Uw antwoord op vraag %(number)d") % {"number": question.position},
                required=False,
                widget=forms.Textarea,
                max_length=10_000,
                initial=question.answer,
            )

    def rows(self) -> list[tuple[SchoolQuestion, forms.BoundField]]:
        return [(question, self[f"answer_{question.pk}"]) for question in self.questions]

    def answers(self) -> dict[int, str]:
        return {question.pk: self.cleaned_data.get(f"answer_{question.pk}", "") for question in self.questions}


class DocumentForm(forms.Form):
    title = forms.CharField(
        label=_("Wat is het voor document?"),
        max_length=300,
        error_messages={"required": _("Beschrijf het document, bijvoorbeeld ‘Verslag gesprek met de ouders’.")},
    )
    file = forms.FileField(
        label=_("Bestand (PDF, JPG of PNG, hoogstens 10 MB)"),
        error_messages={"required": _("Kies een bestand."), "empty": _("Het bestand is leeg.")},
    )


class MoreTimeForm(forms.Form):
    until = date_field(_("Tot wanneer heeft u nodig?"))
    reason = forms.CharField(
        label=_("Waarom heeft u meer tijd nodig?"),
        widget=forms.Textarea,
        max_length=2000,
        error_messages={"required": _("Schrijf waarom u meer tijd nodig heeft.")},
    )


class LinkCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code"),
        max_length=40,
        error_messages={"required": _("Vul de code in die u van de behandelaar kreeg.")},
    )


class FindingsCommentForm(forms.Form):
    body = forms.CharField(
        label=_("Uw reactie op de conceptbevindingen"),
        widget=forms.Textarea,
        max_length=20_000,
        error_messages={"required": _("Schrijf uw reactie.")},
    )
