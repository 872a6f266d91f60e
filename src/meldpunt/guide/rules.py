"""The guide's decision table: its shape, its checks, and the advice it gives for a set of answers. No database.

The table is data that administrators edit (a JSON document, versioned in `DecisionTableVersion`):

- `questions`, in the order they are asked. A question has options with codes; `ask_if` makes it
  depend on earlier answers. Options may say which organisations fit (`audience`, `themes`,
  `sectors`), that choosing them means danger now (`danger`) or a stuck situation (`stuck`), and
  which intake answer they carry over to the report form (`carries_to` on the question).
- `next_steps`: the texts of the fixed list of next steps (`NEXT_STEP_CODES`).
- `rules`, in order: the first rule whose `when` matches the answers gives the advice. `when` is a
  list of groups; a group matches when every question it names was answered with one of its codes;
  a rule matches when any group does. The last rule catches everything (`"when": [{}]`).

`table_validate` checks a document completely, walking every path through the questions: each path
must end in advice with at least one next step, a path through a `danger` option must show the
emergency numbers, one through a `stuck` option the meldpunt, and every rule must be used.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from meldpunt.cases.constants import Attendance, Category, ReporterRole, StepTaken
from meldpunt.network.constants import SECTOR_CODES, Audience, Offer
from meldpunt.schools.matching import fold

LANGUAGES = ("nl", "en")
# The next steps a rule may advise; the table holds their texts. The list is fixed because the
# guide's start page, the search and the e-mail name them, and each one is a step someone can take.
NEXT_STEP_CODES = ("mentor", "confidential_person", "board_complaint", "complaints_committee", "confidential_inspector")
YES, NO = "yes", "no"
# The intake answers a question may carry over: the intake field, whether it holds several values,
# and the values it accepts (CONTRACT.md's intake fields; acute_danger is posted as yes or no).
CARRY_FIELDS: Mapping[str, tuple[bool, frozenset[str]]] = {
    "reporter_role": (False, frozenset(ReporterRole.values)),
    "categories": (True, frozenset(Category.values)),
    "acute_danger": (False, frozenset({YES, NO})),
    "attendance": (False, frozenset(Attendance.values)),
    "steps_taken": (True, frozenset(StepTaken.values)),
}
# A path takes one option of each question (a multiple-choice question is walked one option at a
# time); past this many paths a table cannot be checked quickly, so it is refused.
MAX_PATHS = 100_000
ORGANISATIONS_SHOWN = 6
ORGANISATIONS_MAX = 20
CONTENT_MAX_CHARS = 300_000

_ID = re.compile(r"[a-z][a-z0-9_]{0,39}")
_SLUG = re.compile(r"[a-z][a-z0-9-]{0,39}")

Answers = Mapping[str, tuple[str, ...]]


@dataclass(frozen=True)
class Text:
    nl: str
    en: str

    def get(self, language: str | None) -> str:
        return self.en if language == "en" else self.nl


@dataclass(frozen=True)
class Option:
    code: str
    label: Text
    help: Text | None = None
    exclusive: bool = False  # in a multiple-choice question: cannot go with the other options
    danger: bool = False  # choosing it means someone is in danger now
    stuck: bool = False  # choosing it means the situation is stuck
    audience: tuple[str, ...] = ()
    themes: tuple[str, ...] = ()
    sectors: tuple[str, ...] = ()
    carries_as: str | None = None  # the intake value it carries over (when the question carries to the intake)


@dataclass(frozen=True)
class Group:
    """Every question named must have been answered with one of its codes."""

    requires: tuple[tuple[str, frozenset[str]], ...]

    def matches(self, answers: Answers) -> bool:
        return all(set(answers.get(question, ())) & codes for question, codes in self.requires)


@dataclass(frozen=True)
class Question:
    id: str
    slug: str
    text: Text
    error: Text
    options: tuple[Option, ...]
    multiple: bool = False
    help: Text | None = None
    ask_if: tuple[Group, ...] = ()  # empty: always asked
    carries_to: str | None = None

    def option(self, code: str) -> Option | None:
        return next((option for option in self.options if option.code == code), None)

    def asked(self, answers: Answers) -> bool:
        return not self.ask_if or any(group.matches(answers) for group in self.ask_if)


@dataclass(frozen=True)
class NextStep:
    code: str
    title: Text
    text: Text


@dataclass(frozen=True)
class OrganisationFilter:
    """Which organisations a rule points to; the answers add their own audience, themes and sectors."""

    offers: frozenset[str] = frozenset()
    audience: frozenset[str] = frozenset()
    themes: frozenset[str] = frozenset()
    sectors: frozenset[str] = frozenset()
    limit: int = ORGANISATIONS_SHOWN


@dataclass(frozen=True)
class Rule:
    id: str
    title: Text
    when: tuple[Group, ...]
    advice: Text
    next_steps: tuple[str, ...]
    organisations: OrganisationFilter
    show_emergency: bool = False
    show_meldpunt: bool = False

    def matches(self, answers: Answers) -> bool:
        return any(group.matches(answers) for group in self.when)

    @property
    def catch_all(self) -> bool:
        return any(not group.requires for group in self.when)


@dataclass(frozen=True)
class Table:
    questions: tuple[Question, ...]
    next_steps: Mapping[str, NextStep]
    rules: tuple[Rule, ...]

    def question(self, question_id: str) -> Question | None:
        return next((question for question in self.questions if question.id == question_id), None)

    def question_by_slug(self, slug: str) -> Question | None:
        return next((question for question in self.questions if question.slug == slug), None)


@dataclass(frozen=True)
class Problem:
    where: str  # "Vraag ‘role’", "Regel ‘stuck’", or "" for the table as a whole
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}" if self.where else self.message


class TableInvalid(Exception):
    def __init__(self, problems: Sequence[Problem]) -> None:
        super().__init__("; ".join(str(problem) for problem in problems))
        self.problems = list(problems)


@dataclass(frozen=True)
class OrganisationQuery:
    """The organisations that fit one piece of advice: an organisation fits when it shares a value with
    every non-empty set (offers, audience, themes, sectors)."""

    offers: frozenset[str]
    audience: frozenset[str]
    themes: frozenset[str]
    sectors: frozenset[str]
    limit: int


@dataclass(frozen=True)
class Advice:
    rule: Rule
    next_steps: tuple[NextStep, ...]
    organisations: OrganisationQuery
    show_emergency: bool
    show_meldpunt: bool
    carried: Mapping[str, tuple[str, ...]]  # intake field → values, for the report form


# Reading a document ---------------------------------------------------------------------------------


class _Reader:
    """Turns the JSON document into a Table, collecting every problem instead of stopping at the first."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def fail(self, where: str, message: str) -> None:
        self.problems.append(Problem(where, message))

    def keys(self, value: Mapping[str, Any], allowed: set[str], where: str) -> None:
        for key in sorted(set(value) - allowed):
            self.fail(
                where,
                _("het veld ‘%(key)s’ bestaat niet. Bedoelt u een van: %(allowed)s?")
                % {"key": key, "allowed": ", ".join(sorted(allowed))},
            )

    def mapping(self, value: Any, where: str, what: str) -> Mapping[str, Any] | None:
        if not isinstance(value, Mapping):
            self.fail(where, _("%(what)s moet een object zijn, tussen { en }.") % {"what": what})
            return None
        return value

    def items(self, value: Any, where: str, what: str) -> list[Any]:
        if not isinstance(value, list):
            self.fail(where, _("%(what)s moet een lijst zijn, tussen [ en ].") % {"what": what})
            return []
        return value

    def text(self, value: Any, where: str, what: str, *, required: bool = True) -> Text | None:
        if value is None and not required:
            return None
        if not isinstance(value, Mapping):
            self.fail(
                where, _('geef %(what)s in het Nederlands en het Engels: {"nl": "…", "en": "…"}.') % {"what": what}
            )
            return None
        self.keys(value, set(LANGUAGES), where)
        texts = {}
        for language in LANGUAGES:
            text = value.get(language)
            if not isinstance(text, str) or not text.strip():
                self.fail(
                    where, _("de tekst ‘%(language)s’ van %(what)s ontbreekt.") % {"language": language, "what": what}
                )
                return None
            texts[language] = text.strip()
        return Text(nl=texts["nl"], en=texts["en"])

    def flag(self, value: Any, where: str, name: str) -> bool:
        if value is None:
            return False
        if not isinstance(value, bool):
            self.fail(where, _("‘%(name)s’ is true of false (zonder aanhalingstekens).") % {"name": name})
            return False
        return value

    def codes(self, value: Any, where: str, name: str, allowed: Sequence[str] | None = None) -> tuple[str, ...]:
        if value is None:
            return ()
        if not isinstance(value, list) or not all(isinstance(item, str) and item.strip() for item in value):
            self.fail(where, _('‘%(name)s’ is een lijst met teksten, zoals ["a", "b"].') % {"name": name})
            return ()
        items = tuple(dict.fromkeys(item.strip() for item in value))
        if allowed is not None:
            unknown = [item for item in items if item not in allowed]
            if unknown:
                self.fail(
                    where,
                    _("‘%(name)s’ kent %(unknown)s niet. Gebruik: %(allowed)s.")
                    % {"name": name, "unknown": ", ".join(unknown), "allowed": ", ".join(allowed)},
                )
        return items

    def identifier(self, value: Any, where: str, name: str, pattern: re.Pattern[str]) -> str:
        if not isinstance(value, str) or not pattern.fullmatch(value):
            example = "wie-bent-u" if pattern is _SLUG else "role"
            self.fail(
                where,
                _(
                    "‘%(name)s’ ontbreekt of is ongeldig: gebruik kleine letters, cijfers en %(sep)s, "
                    "zoals ‘%(example)s’."
                )
                % {"name": name, "sep": "-" if pattern is _SLUG else "_", "example": example},
            )
            return ""
        return value

    def groups(self, value: Any, where: str, name: str, questions: Mapping[str, Question]) -> tuple[Group, ...]:
        if not isinstance(value, list) or not value:
            self.fail(
                where,
                _('‘%(name)s’ is een lijst met ten minste één voorwaarde, zoals [{"danger": ["yes"]}].')
                % {"name": name},
            )
            return ()
        groups = []
        for group in value:
            if not isinstance(group, Mapping):
                self.fail(
                    where,
                    _('elke voorwaarde in ‘%(name)s’ is een object, zoals {"danger": ["yes"]}.') % {"name": name},
                )
                continue
            requires = []
            broken = False
            for question_id, codes in group.items():
                question = questions.get(question_id)
                if question is None:
                    self.fail(
                        where,
                        _("‘%(name)s’ noemt vraag ‘%(question)s’, maar die bestaat niet (of komt pas later).")
                        % {"name": name, "question": question_id},
                    )
                    broken = True
                    continue
                known = [option.code for option in question.options]
                chosen = self.codes(codes, where, f"{name} → {question_id}", known)
                if not chosen:
                    self.fail(
                        where,
                        _("kies in ‘%(name)s’ ten minste één antwoord van vraag ‘%(question)s’.")
                        % {"name": name, "question": question_id},
                    )
                    broken = True
                    continue
                requires.append((question_id, frozenset(chosen)))
            if broken:
                continue  # a half-understood condition must not turn into one that always matches
            # In the order of the questions, whatever order the JSON object had (PostgreSQL's jsonb sorts keys).
            order = list(questions)
            groups.append(Group(tuple(sorted(requires, key=lambda item: order.index(item[0])))))
        return tuple(groups)

    def option(self, value: Any, where: str, carries_to: str | None) -> Option | None:
        data = self.mapping(value, where, _("Een antwoord"))
        if data is None:
            return None
        code = self.identifier(data.get("code"), where, "code", _ID)
        where = f"{where} ‘{code}’" if code else where
        allowed = {
            "code",
            "label",
            "help",
            "exclusive",
            "danger",
            "stuck",
            "audience",
            "themes",
            "sectors",
            "carries_as",
        }
        self.keys(data, allowed, where)
        label = self.text(data.get("label"), where, _("het antwoord (label)"))
        carries_as = data.get("carries_as", code if carries_to else None)
        if carries_to and carries_to in CARRY_FIELDS and carries_as not in CARRY_FIELDS[carries_to][1]:
            self.fail(
                where,
                _(
                    "‘%(value)s’ is geen waarde van ‘%(field)s’ in het meldformulier. "
                    "Zet ‘carries_as’ op een van: %(allowed)s."
                )
                % {"value": carries_as, "field": carries_to, "allowed": ", ".join(sorted(CARRY_FIELDS[carries_to][1]))},
            )
        if not carries_to and "carries_as" in data:
            self.fail(where, _("‘carries_as’ werkt alleen als de vraag ‘carries_to’ heeft."))
        if not code or label is None:
            return None
        return Option(
            code=code,
            label=label,
            help=self.text(data.get("help"), where, _("de uitleg (help)"), required=False),
            exclusive=self.flag(data.get("exclusive"), where, "exclusive"),
            danger=self.flag(data.get("danger"), where, "danger"),
            stuck=self.flag(data.get("stuck"), where, "stuck"),
            audience=self.codes(data.get("audience"), where, "audience", Audience.values),
            themes=self.codes(data.get("themes"), where, "themes"),
            sectors=self.codes(data.get("sectors"), where, "sectors", SECTOR_CODES),
            carries_as=carries_as if carries_to else None,
        )

    def question(self, value: Any, index: int, earlier: Mapping[str, Question]) -> Question | None:
        where = _("Vraag %(number)d") % {"number": index + 1}
        data = self.mapping(value, where, _("Een vraag"))
        if data is None:
            return None
        question_id = self.identifier(data.get("id"), where, "id", _ID)
        where = _("Vraag ‘%(id)s’") % {"id": question_id} if question_id else where
        self.keys(data, {"id", "slug", "text", "help", "error", "multiple", "ask_if", "carries_to", "options"}, where)
        slug = self.identifier(data.get("slug"), where, "slug", _SLUG)
        text = self.text(data.get("text"), where, _("de vraag (text)"))
        error = self.text(data.get("error"), where, _("de foutmelding als niets is gekozen (error)"))
        multiple = self.flag(data.get("multiple"), where, "multiple")
        carries_to = data.get("carries_to")
        if carries_to is not None:
            if carries_to not in CARRY_FIELDS:
                self.fail(where, _("‘carries_to’ kan zijn: %(fields)s.") % {"fields": ", ".join(CARRY_FIELDS)})
                carries_to = None
            elif CARRY_FIELDS[carries_to][0] != multiple:
                self.fail(
                    where,
                    _("‘%(field)s’ heeft in het meldformulier %(kind)s antwoord; zet ‘multiple’ op %(value)s.")
                    % {
                        "field": carries_to,
                        "kind": _("meer dan één") if CARRY_FIELDS[carries_to][0] else _("één"),
                        "value": "true" if CARRY_FIELDS[carries_to][0] else "false",
                    },
                )
        options = []
        option_values = self.items(data.get("options"), where, "options")
        for option_value in option_values:
            option = self.option(option_value, where, carries_to)
            if option is not None:
                options.append(option)
        if len(option_values) < 2:
            self.fail(where, _("een vraag heeft ten minste twee antwoorden (options)."))
        for code, count in Counter(option.code for option in options).items():
            if count > 1:
                self.fail(where, _("het antwoord ‘%(code)s’ staat er meer dan één keer in.") % {"code": code})
        if not multiple and any(option.exclusive for option in options):
            self.fail(where, _("‘exclusive’ werkt alleen bij een vraag met meer antwoorden (multiple)."))
        ask_if: tuple[Group, ...] = ()
        if data.get("ask_if") is not None:
            ask_if = self.groups(data["ask_if"], where, "ask_if", earlier)
        if not question_id or not slug or text is None or error is None:
            return None
        return Question(
            id=question_id,
            slug=slug,
            text=text,
            error=error,
            options=tuple(options),
            multiple=multiple,
            help=self.text(data.get("help"), where, _("de uitleg (help)"), required=False),
            ask_if=ask_if,
            carries_to=carries_to,
        )

    def next_step(self, code: str, value: Any) -> NextStep | None:
        where = _("Stap ‘%(code)s’") % {"code": code}
        if code not in NEXT_STEP_CODES:
            self.fail(
                where, _("deze stap bestaat niet. De stappen zijn: %(codes)s.") % {"codes": ", ".join(NEXT_STEP_CODES)}
            )
            return None
        data = self.mapping(value, where, _("Een stap"))
        if data is None:
            return None
        self.keys(data, {"title", "text"}, where)
        title = self.text(data.get("title"), where, _("de titel (title)"))
        text = self.text(data.get("text"), where, _("de uitleg (text)"))
        if title is None or text is None:
            return None
        return NextStep(code=code, title=title, text=text)

    def organisation_filter(self, value: Any, where: str) -> OrganisationFilter:
        if value is None:
            return OrganisationFilter()
        data = self.mapping(value, where, "organisations")
        if data is None:
            return OrganisationFilter()
        self.keys(data, {"offers", "audience", "themes", "sectors", "limit"}, where)
        limit = data.get("limit", ORGANISATIONS_SHOWN)
        if not isinstance(limit, int) or isinstance(limit, bool) or not 0 <= limit <= ORGANISATIONS_MAX:
            self.fail(where, _("‘limit’ is een getal van 0 tot en met %(max)d.") % {"max": ORGANISATIONS_MAX})
            limit = ORGANISATIONS_SHOWN
        return OrganisationFilter(
            offers=frozenset(self.codes(data.get("offers"), where, "offers", Offer.values)),
            audience=frozenset(self.codes(data.get("audience"), where, "audience", Audience.values)),
            themes=frozenset(self.codes(data.get("themes"), where, "themes")),
            sectors=frozenset(self.codes(data.get("sectors"), where, "sectors", SECTOR_CODES)),
            limit=limit,
        )

    def rule(
        self, value: Any, index: int, questions: Mapping[str, Question], steps: Mapping[str, NextStep]
    ) -> Rule | None:
        where = _("Regel %(number)d") % {"number": index + 1}
        data = self.mapping(value, where, _("Een regel"))
        if data is None:
            return None
        rule_id = self.identifier(data.get("id"), where, "id", _ID)
        where = _("Regel ‘%(id)s’") % {"id": rule_id} if rule_id else where
        allowed = {"id", "title", "when", "advice", "next_steps", "organisations", "show_emergency", "show_meldpunt"}
        self.keys(data, allowed, where)
        title = self.text(data.get("title"), where, _("de titel (title)"))
        advice = self.text(data.get("advice"), where, _("het advies (advice)"))
        when = self.groups(data.get("when"), where, "when", questions)
        next_steps = self.codes(data.get("next_steps"), where, "next_steps", NEXT_STEP_CODES)
        if not next_steps:
            self.fail(where, _("geef ten minste één volgende stap (next_steps)."))
        for code in next_steps:
            if code in NEXT_STEP_CODES and code not in steps:
                self.fail(
                    where,
                    _("de stap ‘%(code)s’ heeft nog geen tekst onder ‘next_steps’ van de tabel.") % {"code": code},
                )
        rule = Rule(
            id=rule_id,
            title=title or Text("", ""),
            when=when,
            advice=advice or Text("", ""),
            next_steps=next_steps,
            organisations=self.organisation_filter(data.get("organisations"), where),
            show_emergency=self.flag(data.get("show_emergency"), where, "show_emergency"),
            show_meldpunt=self.flag(data.get("show_meldpunt"), where, "show_meldpunt"),
        )
        return rule if rule_id and title and advice and when else None


def table_parse(content: Any) -> Table:
    """The table a document describes, or TableInvalid naming every problem of its shape."""
    reader = _Reader()
    data = reader.mapping(content, "", _("De tabel"))
    if data is None:
        raise TableInvalid(reader.problems)
    reader.keys(data, {"questions", "next_steps", "rules"}, "")
    questions: dict[str, Question] = {}
    slugs: set[str] = set()
    carried: set[str] = set()
    question_values = reader.items(data.get("questions"), _("Vragen"), "questions")
    for index, value in enumerate(question_values):
        question = reader.question(value, index, questions)
        if question is None:
            continue
        if question.id in questions or question.slug in slugs:
            reader.fail(
                _("Vraag ‘%(id)s’") % {"id": question.id}, _("de id of de slug komt al bij een andere vraag voor.")
            )
            continue
        if question.carries_to and question.carries_to in carried:
            reader.fail(
                _("Vraag ‘%(id)s’") % {"id": question.id},
                _("een andere vraag neemt ‘%(field)s’ al over.") % {"field": question.carries_to},
            )
        questions[question.id] = question
        slugs.add(question.slug)
        carried.add(question.carries_to or "")
    if not question_values:
        reader.fail(_("Vragen"), _("de tabel heeft ten minste één vraag."))
    steps: dict[str, NextStep] = {}
    step_values = reader.mapping(data.get("next_steps"), _("Stappen"), "next_steps") or {}
    for code, value in step_values.items():
        step = reader.next_step(code, value)
        if step is not None:
            steps[code] = step
    rules: list[Rule] = []
    rule_values = reader.items(data.get("rules"), _("Regels"), "rules")
    for index, value in enumerate(rule_values):
        rule = reader.rule(value, index, questions, steps)
        if rule is None:
            continue
        if any(other.id == rule.id for other in rules):
            reader.fail(_("Regel ‘%(id)s’") % {"id": rule.id}, _("deze id komt al bij een andere regel voor."))
        rules.append(rule)
    if not rule_values:
        reader.fail(_("Regels"), _("de tabel heeft ten minste één regel."))
    elif rules and len(rules) == len(rule_values):
        if not rules[-1].catch_all:
            reader.fail(
                _("Regels"),
                _('de laatste regel moet altijd passen, zodat iedereen een advies krijgt. Geef hem "when": [{}].'),
            )
        for rule in rules[:-1]:
            if rule.catch_all:
                reader.fail(
                    _("Regel ‘%(id)s’") % {"id": rule.id},
                    _(
                        "deze regel past altijd, dus de regels erna worden nooit gebruikt. "
                        "Alleen de laatste regel mag altijd passen."
                    ),
                )
    if reader.problems:
        raise TableInvalid(reader.problems)
    ordered_steps = {code: steps[code] for code in NEXT_STEP_CODES if code in steps}
    return Table(questions=tuple(questions.values()), next_steps=ordered_steps, rules=tuple(rules))


# Answers, questions and advice ----------------------------------------------------------------------


def answers_clean(table: Table, raw: Mapping[str, Any]) -> dict[str, tuple[str, ...]]:
    """The answers that fit the table: known questions and options, for questions that are asked, in order.

    An answer to a question that a changed earlier answer no longer asks is dropped.
    """
    kept: dict[str, tuple[str, ...]] = {}
    for question in table.questions:
        if not question.asked(kept):
            continue
        value = raw.get(question.id)
        if not isinstance(value, list | tuple) or not value:
            continue
        codes = tuple(dict.fromkeys(code for code in value if isinstance(code, str) and question.option(code)))
        if not codes or len(codes) != len(value) or (not question.multiple and len(codes) != 1):
            continue
        if len(codes) > 1 and any(option.exclusive for code in codes if (option := question.option(code))):
            continue
        kept[question.id] = codes
    return kept


def questions_asked(table: Table, answers: Answers) -> list[Question]:
    return [question for question in table.questions if question.asked(answers)]


def first_unanswered(table: Table, answers: Answers) -> Question | None:
    return next((question for question in questions_asked(table, answers) if question.id not in answers), None)


def may_ask(table: Table, question: Question, answers: Answers) -> bool:
    """A question may be shown once every question asked before it is answered."""
    asked = questions_asked(table, answers)
    if question not in asked:
        return False
    return all(earlier.id in answers for earlier in asked[: asked.index(question)])


def question_after(table: Table, question: Question, answers: Answers) -> Question | None:
    asked = questions_asked(table, answers)
    index = asked.index(question) if question in asked else -1
    return asked[index + 1] if index + 1 < len(asked) else None


def question_before(table: Table, question: Question, answers: Answers) -> Question | None:
    asked = questions_asked(table, answers)
    index = asked.index(question) if question in asked else 0
    return asked[index - 1] if index > 0 else None


def rule_for(table: Table, answers: Answers) -> Rule:
    """The first rule that matches; the last rule always does (table_parse makes sure)."""
    return next(rule for rule in table.rules if rule.matches(answers))


def _chosen(table: Table, answers: Answers) -> list[Option]:
    chosen = []
    for question in questions_asked(table, answers):
        for code in answers.get(question.id, ()):
            option = question.option(code)
            if option is not None:
                chosen.append(option)
    return chosen


def carried_answers(table: Table, answers: Answers) -> dict[str, tuple[str, ...]]:
    """The intake answers these answers carry over: intake field → values (one value for a single field)."""
    carried: dict[str, tuple[str, ...]] = {}
    for question in questions_asked(table, answers):
        if question.carries_to and question.id in answers:
            values = tuple(
                option.carries_as
                for code in answers[question.id]
                if (option := question.option(code)) is not None and option.carries_as
            )
            if values:
                carried[question.carries_to] = values
    return carried


def advise(table: Table, answers: Answers) -> Advice:
    """The advice for complete answers (every asked question answered); raises ValueError otherwise."""
    missing = first_unanswered(table, answers)
    if missing is not None:
        raise ValueError(f"question {missing.id!r} is not answered")
    rule = rule_for(table, answers)
    chosen = _chosen(table, answers)
    wanted = rule.organisations
    return Advice(
        rule=rule,
        next_steps=tuple(table.next_steps[code] for code in rule.next_steps),
        organisations=OrganisationQuery(
            offers=wanted.offers,
            audience=wanted.audience | {code for option in chosen for code in option.audience},
            themes=wanted.themes | {theme for option in chosen for theme in option.themes},
            sectors=wanted.sectors | {code for option in chosen for code in option.sectors},
            limit=wanted.limit,
        ),
        show_emergency=rule.show_emergency,
        show_meldpunt=rule.show_meldpunt,
        carried=carried_answers(table, answers),
    )


def _folded(values: Sequence[str] | frozenset[str]) -> set[str]:
    return {" ".join(fold(value)) for value in values}


def organisation_fit(
    query: OrganisationQuery,
    *,
    offers: Sequence[str],
    audience: Sequence[str],
    themes: Sequence[str],
    sectors: Sequence[str],
) -> int | None:
    """None when the organisation does not fit; else a rank: two points per wanted theme it shares, and one
    more when it is only for the visitor's own group (a parents' organisation for a parent)."""
    for wanted, has in ((query.offers, offers), (query.audience, audience), (query.sectors, sectors)):
        if wanted and not wanted & set(has):
            return None
    shared = len(_folded(query.themes) & _folded(themes))
    if query.themes and not shared:
        return None
    specific = bool(query.audience) and bool(audience) and set(audience) <= query.audience
    return 2 * shared + int(specific)


# Walking every path ---------------------------------------------------------------------------------


def path_bound(table: Table) -> int:
    """An upper bound on the number of paths (every question asked), cheap to compute before walking them."""
    bound = 1
    for question in table.questions:
        bound *= len(question.options)
    return bound


def all_paths(table: Table) -> Iterator[dict[str, tuple[str, ...]]]:
    """Every way through the questions, one option per asked question (each option of a multiple-choice
    question on its own: an exclusive option can only be chosen alone anyway)."""

    def walk(index: int, answers: dict[str, tuple[str, ...]]) -> Iterator[dict[str, tuple[str, ...]]]:
        if index == len(table.questions):
            yield dict(answers)
            return
        question = table.questions[index]
        if not question.asked(answers):
            yield from walk(index + 1, answers)
            return
        for option in question.options:
            answers[question.id] = (option.code,)
            yield from walk(index + 1, answers)
        del answers[question.id]

    yield from walk(0, {})


def path_in_words(table: Table, answers: Answers, language: str = "nl") -> str:
    parts = []
    for question in questions_asked(table, answers):
        labels = [
            option.label.get(language) for code in answers.get(question.id, ()) if (option := question.option(code))
        ]
        parts.append(f"{question.text.get(language)} {' / '.join(labels)}")
    return "; ".join(parts)


def rule_usage(table: Table) -> dict[str, int]:
    """How many paths end in each rule (rule id → count), in the rules' order."""
    usage = {rule.id: 0 for rule in table.rules}
    for path in all_paths(table):
        usage[rule_for(table, path).id] += 1
    return usage


def _path_problems(table: Table) -> list[Problem]:
    problems: list[Problem] = []
    bound = path_bound(table)
    if bound > MAX_PATHS:
        return [
            Problem(
                "",
                _("De vragen geven samen meer dan %(max)s mogelijke routes (%(count)s). Maak de tabel kleiner.")
                % {"max": f"{MAX_PATHS:,}".replace(",", "."), "count": f"{bound:,}".replace(",", ".")},
            )
        ]
    used: set[str] = set()
    reported: set[tuple[str, str]] = set()

    def report(rule: Rule, kind: str, message: str) -> None:
        reported.add((rule.id, kind))
        problems.append(Problem(_("Regel ‘%(id)s’") % {"id": rule.id}, message))

    for path in all_paths(table):
        rule = rule_for(table, path)
        used.add(rule.id)
        chosen = _chosen(table, path)
        if not rule.show_emergency and (rule.id, "emergency") not in reported and any(o.danger for o in chosen):
            report(
                rule,
                "emergency",
                _(
                    "deze regel geldt ook als iemand in gevaar is, maar toont dan geen noodnummers. Zet "
                    "‘show_emergency’ op true, of zet een regel met noodnummers ervoor. Bijvoorbeeld: %(path)s."
                )
                % {"path": path_in_words(table, path)},
            )
        if not rule.show_meldpunt and (rule.id, "meldpunt") not in reported and any(o.stuck for o in chosen):
            report(
                rule,
                "meldpunt",
                _(
                    "deze regel geldt ook als het vastzit, maar wijst dan niet naar het meldpunt. Zet "
                    "‘show_meldpunt’ op true, of zet een regel met het meldpunt ervoor. Bijvoorbeeld: %(path)s."
                )
                % {"path": path_in_words(table, path)},
            )
    for rule in table.rules:
        if rule.id not in used:
            problems.append(
                Problem(
                    _("Regel ‘%(id)s’") % {"id": rule.id},
                    _("deze regel wordt nooit gebruikt: de regels ervoor passen al bij elke route die hier past."),
                )
            )
    return problems


def table_validate(content: Any) -> tuple[Table | None, list[Problem]]:
    """The table and every problem with it; the table is None when its shape is wrong.

    A table whose shape is right can still have problems on its paths (no emergency numbers after
    danger, a rule never used); it can then be previewed, but not saved.
    """
    try:
        table = table_parse(content)
    except TableInvalid as invalid:
        return None, invalid.problems
    return table, _path_problems(table)


def table_load(content: Any) -> Table:
    """A stored (already validated) table: the shape is checked again, the paths are not (that is slow)."""
    return table_parse(content)
