"""The guide's table and advice as templates show them: texts in the visitor's language, links, form values."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext as _

from meldpunt.guide.rules import Advice, Answers, Group, Question, Rule, Table, questions_asked
from meldpunt.network.display import OrganisationView, organisation_view
from meldpunt.network.models import Organisation


@dataclass(frozen=True)
class StepView:
    code: str
    title: str
    text: str

    @property
    def anchor(self) -> str:
        return f"stap-{self.code}"


@dataclass(frozen=True)
class AnswerRow:
    question: str
    labels: list[str]
    change_url: str


@dataclass(frozen=True)
class CarriedField:
    name: str  # the intake field, as CONTRACT.md names it
    value: str


@dataclass(frozen=True)
class OrganisationCard:
    view: OrganisationView
    directory_url: str


@dataclass(frozen=True)
class AdviceView:
    """Everything the advice page, its print view and the preview in the administrators' pages show."""

    rule_id: str
    text: str
    steps: list[StepView]
    organisations: list[OrganisationCard]
    show_emergency: bool
    show_meldpunt: bool
    carried: list[CarriedField]
    carried_questions: list[str]


def question_url(question: Question) -> str:
    return reverse("guide:question", kwargs={"slug": question.slug})


def steps_view(table: Table, language: str) -> list[StepView]:
    return [
        StepView(code=step.code, title=step.title.get(language), text=step.text.get(language))
        for step in table.next_steps.values()
    ]


def answer_rows(table: Table, answers: Answers, language: str) -> list[AnswerRow]:
    rows = []
    for question in questions_asked(table, answers):
        labels = [
            option.label.get(language) for code in answers.get(question.id, ()) if (option := question.option(code))
        ]
        rows.append(AnswerRow(question=question.text.get(language), labels=labels, change_url=question_url(question)))
    return rows


def organisation_cards(organisations: Sequence[Organisation], language: str) -> list[OrganisationCard]:
    return [
        OrganisationCard(
            view=organisation_view(organisation, language=language),
            directory_url=reverse("network:detail", kwargs={"slug": organisation.slug}),
        )
        for organisation in organisations
    ]


def advice_view(table: Table, advice: Advice, organisations: Sequence[Organisation], language: str) -> AdviceView:
    carried = [CarriedField(name, value) for name, values in advice.carried.items() for value in values]
    carried_questions = [
        question.text.get(language)
        for question in table.questions
        if question.carries_to and question.carries_to in advice.carried
    ]
    return AdviceView(
        rule_id=advice.rule.id,
        text=advice.rule.advice.get(language),
        steps=[
            StepView(code=step.code, title=step.title.get(language), text=step.text.get(language))
            for step in advice.next_steps
        ],
        organisations=organisation_cards(organisations, language),
        show_emergency=advice.show_emergency,
        show_meldpunt=advice.show_meldpunt,
        carried=carried,
        carried_questions=carried_questions,
    )


def conditions_in_words(table: Table, groups: Sequence[Group], language: str) -> list[str]:
    """Each group of a `when` or `ask_if` in words: "Wie bent u? Ik ben ouder of verzorger, en …"."""
    lines = []
    for group in groups:
        if not group.requires:
            lines.append(_("Altijd"))
            continue
        parts = []
        for question_id, codes in group.requires:
            question = table.question(question_id)
            if question is None:
                continue
            labels = [option.label.get(language) for option in question.options if option.code in codes]
            or_word = " " + _("of") + " "
            parts.append(f"{question.text.get(language)} {or_word.join(labels)}")
        lines.append((" " + _("en") + " ").join(parts))
    return lines


@dataclass(frozen=True)
class RuleRow:
    rule: Rule
    title: str
    conditions: list[str]
    advice: str
    steps: list[str]
    offers: list[str]
    themes: list[str]
    paths: int


def rule_rows(table: Table, usage: dict[str, int], language: str) -> list[RuleRow]:
    return [
        RuleRow(
            rule=rule,
            title=rule.title.get(language),
            conditions=conditions_in_words(table, rule.when, language),
            advice=rule.advice.get(language),
            steps=[table.next_steps[code].title.get(language) for code in rule.next_steps if code in table.next_steps],
            offers=sorted(rule.organisations.offers),
            themes=sorted(rule.organisations.themes),
            paths=usage.get(rule.id, 0),
        )
        for rule in table.rules
    ]


@dataclass(frozen=True)
class OptionRow:
    code: str
    label: str
    notes: list[str]


@dataclass(frozen=True)
class QuestionRow:
    question: Question
    text: str
    help: str
    kind: str
    asked_when: list[str]
    carries_to: str
    options: list[OptionRow]


def question_rows(table: Table, language: str) -> list[QuestionRow]:
    rows = []
    for question in table.questions:
        options = []
        for option in question.options:
            notes = []
            if option.danger:
                notes.append(_("gevaar: toont de noodnummers"))
            if option.stuck:
                notes.append(_("vastgelopen: wijst naar het meldpunt"))
            if option.exclusive:
                notes.append(_("alleen te kiezen"))
            if option.audience:
                notes.append(_("voor wie: %(values)s") % {"values": ", ".join(option.audience)})
            if option.themes:
                notes.append(_("thema’s: %(values)s") % {"values": ", ".join(option.themes)})
            if option.sectors:
                notes.append(_("sectoren: %(values)s") % {"values": ", ".join(option.sectors)})
            if option.carries_as:
                notes.append(_("meldformulier: %(value)s") % {"value": option.carries_as})
            options.append(OptionRow(code=option.code, label=option.label.get(language), notes=notes))
        rows.append(
            QuestionRow(
                question=question,
                text=question.text.get(language),
                help=question.help.get(language) if question.help else "",
                kind=_("meer antwoorden mogelijk") if question.multiple else _("één antwoord"),
                asked_when=conditions_in_words(table, question.ask_if, language),
                carries_to=question.carries_to or "",
                options=options,
            )
        )
    return rows
