"""The guide's forms: one question per page, the e-mail address for sending the advice, and the
administrators' editor of the decision table (a JSON text with a preview of one path)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from meldpunt.guide.rules import CONTENT_MAX_CHARS, Question, Table


@dataclass(frozen=True)
class ChoiceRow:
    id: str
    value: str
    label: str
    help: str
    checked: bool
    exclusive: bool

    @property
    def hint_id(self) -> str:
        return f"{self.id}_hint"


@dataclass(frozen=True)
class SummaryError:
    message: str
    anchor: str  # the id of the input the error summary links to


def _rows(name: str, question: Question, language: str, chosen: Sequence[str]) -> list[ChoiceRow]:
    return [
        ChoiceRow(
            id=f"id_{name}_{index}",
            value=option.code,
            label=option.label.get(language),
            help=option.help.get(language) if option.help else "",
            checked=option.code in chosen,
            exclusive=option.exclusive,
        )
        for index, option in enumerate(question.options)
    ]


def _choice_field(question: Question, language: str, *, required: bool) -> forms.Field:
    message = question.error.get(language)
    choices = [(option.code, option.label.get(language)) for option in question.options]
    errors = {"required": message, "invalid_choice": message, "invalid_list": message}
    if question.multiple:
        return forms.MultipleChoiceField(choices=choices, required=required, error_messages=errors)
    return forms.ChoiceField(choices=choices, required=required, error_messages=errors)


def _exclusive_error(question: Question, codes: Sequence[str], language: str) -> str | None:
    exclusive = [option for option in question.options if option.exclusive and option.code in codes]
    if exclusive and len(codes) > 1:
        return _("Kies ‘%(label)s’ alleen, of kies de andere antwoorden.") % {"label": exclusive[0].label.get(language)}
    return None


def _codes(value: Any) -> list[str]:
    if isinstance(value, list | tuple):
        return [str(item) for item in value]
    return [str(value)] if value not in (None, "") else []


class QuestionForm(forms.Form):
    """One question of the guide: radios, or checkboxes when more answers may be chosen."""

    def __init__(self, data: Any = None, *, question: Question, language: str, chosen: Sequence[str] = ()) -> None:
        self.question = question
        self.language = language
        initial = list(chosen) if question.multiple else (chosen[0] if chosen else None)
        super().__init__(data, initial={"answer": initial})
        self.fields["answer"] = _choice_field(question, language, required=True)

    def clean_answer(self) -> list[str]:
        codes = _codes(self.cleaned_data["answer"])
        problem = _exclusive_error(self.question, codes, self.language)
        if problem:
            raise forms.ValidationError(problem)
        return codes

    def codes(self) -> list[str]:
        codes: list[str] = self.cleaned_data["answer"]
        return codes

    def choice_rows(self) -> list[ChoiceRow]:
        return _rows("answer", self.question, self.language, _codes(self["answer"].value()))

    def summary_errors(self) -> list[SummaryError]:
        return [SummaryError(str(message), "id_answer_0") for message in self.errors.get("answer", [])]


class AdviceEmailForm(forms.Form):
    email = forms.CharField(
        max_length=254,
        error_messages={
            "required": gettext_lazy("Vul uw e-mailadres in."),
            "max_length": gettext_lazy("Geef een geldig e-mailadres, zoals naam@voorbeeld.nl."),
        },
    )

    def summary_errors(self) -> list[SummaryError]:
        return [SummaryError(str(message), "id_email") for message in self.errors.get("email", [])]


# Python's JSON messages, in plain words for the administrators' editor.
_JSON_HINTS = {
    "Expecting ',' delimiter": gettext_lazy("hier ontbreekt een komma"),
    "Expecting ':' delimiter": gettext_lazy("hier ontbreekt een dubbele punt"),
    "Expecting property name enclosed in double quotes": gettext_lazy(
        "hier hoort een naam tussen dubbele aanhalingstekens, of er staat een komma te veel"
    ),
    "Expecting value": gettext_lazy("hier ontbreekt een waarde, of er staat een komma te veel"),
    "Unterminated string starting at": gettext_lazy("een tekst is niet afgesloten met een dubbel aanhalingsteken"),
    "Invalid control character at": gettext_lazy("een tekst bevat een regeleinde of tab; schrijf \\n of laat het weg"),
    "Extra data": gettext_lazy("na het einde van de tabel staat nog tekst"),
    "Invalid \\escape": gettext_lazy("een tekst bevat een ongeldige \\"),
}


def json_problem(error: json.JSONDecodeError) -> str:
    hint = next((str(text) for start, text in _JSON_HINTS.items() if error.msg.startswith(start)), None)
    return _("De tekst is geen geldige JSON. Regel %(line)d, teken %(column)d: %(hint)s.") % {
        "line": error.lineno,
        "column": error.colno,
        "hint": hint or _("de opbouw klopt hier niet"),
    }


class TableEditForm(forms.Form):
    """The table as JSON text, and what changed (needed to save, not to preview)."""

    content = forms.CharField(
        widget=forms.Textarea,
        strip=False,
        max_length=CONTENT_MAX_CHARS,
        error_messages={
            "required": gettext_lazy("De tabel is leeg. Plak de tabel als JSON."),
            "max_length": gettext_lazy("De tabel is te groot om op te slaan."),
        },
    )
    note = forms.CharField(
        required=False,
        max_length=300,
        error_messages={"max_length": gettext_lazy("Gebruik voor de toelichting ten hoogste %(limit_value)d tekens.")},
    )

    def clean_content(self) -> Any:
        try:
            return json.loads(self.cleaned_data["content"])
        except json.JSONDecodeError as error:
            raise forms.ValidationError(json_problem(error)) from error

    def summary_errors(self) -> list[SummaryError]:
        return [
            SummaryError(str(message), f"id_{name}")
            for name in ("content", "note")
            for message in self.errors.get(name, [])
        ]


def path_field_name(question: Question) -> str:
    return f"pad_{question.id}"


class PathForm(forms.Form):
    """A path to try in the preview: one answer (or several) per question, all optional."""

    def __init__(self, data: Any = None, *, table: Table, language: str) -> None:
        super().__init__(data)
        self.table = table
        self.language = language
        for question in table.questions:
            self.fields[path_field_name(question)] = _choice_field(question, language, required=False)

    def answers(self) -> dict[str, list[str]]:
        return {
            question.id: codes
            for question in self.table.questions
            if (codes := _codes(self.cleaned_data.get(path_field_name(question))))
        }

    def questions(self) -> list[tuple[Question, str, str, list[ChoiceRow]]]:
        """(question, its text, the field name, the choice rows) for the template."""
        rows = []
        for question in self.table.questions:
            name = path_field_name(question)
            chosen = _codes(self[name].value()) if self.is_bound else []
            rows.append(
                (question, question.text.get(self.language), name, _rows(name, question, self.language, chosen))
            )
        return rows
