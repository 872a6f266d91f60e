"""The decision table as data (guide/rules.py): its checks in plain words, and the advice it gives. No database."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

import pytest

from meldpunt.guide.rules import (
    OrganisationQuery,
    advise,
    all_paths,
    answers_clean,
    carried_answers,
    first_unanswered,
    may_ask,
    organisation_fit,
    question_after,
    question_before,
    rule_usage,
    table_parse,
    table_validate,
)
from meldpunt.guide.selectors import shipped_table_content

PARENT_STUCK = {
    "role": ("parent",),
    "topics": ("bullying_psychological",),
    "danger": ("no",),
    "tried": ("talked_to_teacher",),
    "outcome": ("not_resolved",),
    "duration": ("months",),
    "attendance": ("not_attending",),
}


def shipped() -> dict[str, Any]:
    return copy.deepcopy(shipped_table_content())


def question(content: dict[str, Any], question_id: str) -> dict[str, Any]:
    return next(q for q in content["questions"] if q["id"] == question_id)


def rule(content: dict[str, Any], rule_id: str) -> dict[str, Any]:
    return next(r for r in content["rules"] if r["id"] == rule_id)


def test_the_shipped_table_is_valid():
    """The table shipped in guide/decision_table.json passes every check, paths included."""
    table, problems = table_validate(shipped())
    assert problems == []
    assert table is not None
    assert [q.id for q in table.questions] == ["role", "topics", "danger", "tried", "outcome", "duration", "attendance"]


def _drop_catch_all(c: dict[str, Any]) -> None:
    c["rules"].pop()


def _catch_all_first(c: dict[str, Any]) -> None:
    c["rules"].insert(0, copy.deepcopy(c["rules"][-1]) | {"id": "early"})


def _unknown_option(c: dict[str, Any]) -> None:
    rule(c, "danger")["when"] = [{"danger": ["maybe"]}]


def _unknown_question(c: dict[str, Any]) -> None:
    rule(c, "danger")["when"] = [{"gevaar": ["yes"]}]


def _no_next_step(c: dict[str, Any]) -> None:
    rule(c, "resolved")["next_steps"] = []


def _unknown_next_step(c: dict[str, Any]) -> None:
    rule(c, "resolved")["next_steps"] = ["call_the_mayor"]


def _step_without_text(c: dict[str, Any]) -> None:
    del c["next_steps"]["mentor"]


def _danger_without_numbers(c: dict[str, Any]) -> None:
    rule(c, "danger")["show_emergency"] = False


def _stuck_without_meldpunt(c: dict[str, Any]) -> None:
    rule(c, "stuck_after_board")["show_meldpunt"] = False


def _never_used(c: dict[str, Any]) -> None:
    c["rules"].insert(2, copy.deepcopy(rule(c, "danger")) | {"id": "danger_again"})


def _missing_english(c: dict[str, Any]) -> None:
    question(c, "role")["text"] = {"nl": "Wie bent u?"}


def _typo_in_field(c: dict[str, Any]) -> None:
    rule(c, "danger")["show_emergancy"] = True


def _ask_if_later_question(c: dict[str, Any]) -> None:
    question(c, "role")["ask_if"] = [{"danger": ["yes"]}]


def _carry_wrong_value(c: dict[str, Any]) -> None:
    question(c, "role")["options"][0]["carries_as"] = "leerling"


def _carry_single_to_multiple(c: dict[str, Any]) -> None:
    question(c, "duration")["carries_to"] = "categories"


def _unknown_offer(c: dict[str, Any]) -> None:
    rule(c, "resolved")["organisations"]["offers"] = ["coffee"]


def _duplicate_slug(c: dict[str, Any]) -> None:
    question(c, "duration")["slug"] = "wie-bent-u"


def _one_option(c: dict[str, Any]) -> None:
    question(c, "duration")["options"] = question(c, "duration")["options"][:1]


def _exclusive_in_single(c: dict[str, Any]) -> None:
    question(c, "duration")["options"][0]["exclusive"] = True


def _flag_not_boolean(c: dict[str, Any]) -> None:
    rule(c, "danger")["show_emergency"] = "true"


@pytest.mark.parametrize(
    ("change", "where", "words"),
    [
        (_drop_catch_all, "Regels", "de laatste regel moet altijd passen"),
        (_catch_all_first, "Regel ‘early’", "deze regel past altijd"),
        (_unknown_option, "Regel ‘danger’", "kent maybe niet"),
        (_unknown_question, "Regel ‘danger’", "vraag ‘gevaar’, maar die bestaat niet"),
        (_no_next_step, "Regel ‘resolved’", "ten minste één volgende stap"),
        (_unknown_next_step, "Regel ‘resolved’", "kent call_the_mayor niet"),
        (_step_without_text, "Regel ‘resolved’", "de stap ‘mentor’ heeft nog geen tekst"),
        (_danger_without_numbers, "Regel ‘danger’", "toont dan geen noodnummers"),
        (_stuck_without_meldpunt, "Regel ‘stuck_after_board’", "wijst dan niet naar het meldpunt"),
        (_never_used, "Regel ‘danger_again’", "deze regel wordt nooit gebruikt"),
        (_missing_english, "Vraag ‘role’", "de tekst ‘en’ van de vraag (text) ontbreekt"),
        (_typo_in_field, "Regel ‘danger’", "het veld ‘show_emergancy’ bestaat niet"),
        (_ask_if_later_question, "Vraag ‘role’", "vraag ‘danger’, maar die bestaat niet (of komt pas later)"),
        (_carry_wrong_value, "Vraag ‘role’ ‘pupil’", "‘leerling’ is geen waarde van ‘reporter_role’"),
        (_carry_single_to_multiple, "Vraag ‘duration’", "zet ‘multiple’ op true"),
        (_unknown_offer, "Regel ‘resolved’", "kent coffee niet"),
        (_duplicate_slug, "Vraag ‘duration’", "de id of de slug komt al bij een andere vraag voor"),
        (_one_option, "Vraag ‘duration’", "ten minste twee antwoorden"),
        (_exclusive_in_single, "Vraag ‘duration’", "‘exclusive’ werkt alleen bij een vraag met meer antwoorden"),
        (_flag_not_boolean, "Regel ‘danger’", "‘show_emergency’ is true of false"),
    ],
)
def test_a_broken_table_is_refused_with_the_problem_in_plain_words(
    change: Callable[[dict[str, Any]], None], where: str, words: str
):
    """Each kind of mistake is named with where it is and what to do, in plain Dutch."""
    content = shipped()
    change(content)
    _table, problems = table_validate(content)
    assert any(problem.where == where and words in problem.message for problem in problems), [
        str(problem) for problem in problems
    ]


@pytest.mark.parametrize("content", [None, [], "tabel", {"questions": {}, "rules": [], "next_steps": []}])
def test_a_document_of_the_wrong_shape_is_refused_without_crashing(content: Any):
    """Anything that is not a table gives problems, never an exception."""
    table, problems = table_validate(content)
    assert table is None
    assert problems


def test_too_many_paths_are_refused():
    """A table with more paths than can be checked quickly is refused before walking them."""
    content = shipped()
    for number in range(6):
        content["questions"].append(
            {
                "id": f"extra_{number}",
                "slug": f"extra-{number}",
                "text": {"nl": "Nog een vraag?", "en": "Another question?"},
                "error": {"nl": "Kies.", "en": "Choose."},
                "options": [{"code": f"o{i}", "label": {"nl": f"{i}", "en": f"{i}"}} for i in range(5)],
            }
        )
    _table, problems = table_validate(content)
    assert [problem.message for problem in problems if "mogelijke routes" in problem.message]


def test_first_matching_rule_wins():
    """A parent whose talk with the mentor did not help and whose child stays home gets the stuck advice."""
    table = table_parse(shipped())
    advice = advise(table, PARENT_STUCK)
    assert advice.rule.id == "stuck_after_teacher"
    assert advice.show_meldpunt and not advice.show_emergency
    assert [step.code for step in advice.next_steps] == ["confidential_person", "board_complaint"]


def test_danger_comes_before_everything_else():
    """The same answers with danger now end in the rule that shows the emergency numbers."""
    table = table_parse(shipped())
    advice = advise(table, {**PARENT_STUCK, "danger": ("yes",)})
    assert advice.rule.id == "danger_and_stuck"
    assert advice.show_emergency and advice.show_meldpunt


def test_nothing_tried_and_at_school_starts_at_school():
    """Nothing tried, at school, short: the catch-all rule advises to talk to the mentor first."""
    table = table_parse(shipped())
    answers = {
        "role": ("pupil",),
        "topics": ("bullying_psychological",),
        "danger": ("no",),
        "tried": ("none",),
        "duration": ("under_month",),
        "attendance": ("attending",),
    }
    advice = advise(table, answers)
    assert advice.rule.id == "start_at_school"
    assert advice.next_steps[0].code == "mentor"
    assert not advice.show_meldpunt


def test_organisations_fit_role_and_theme():
    """The answers add the role's audience and the subject's themes to what the rule asks for."""
    table = table_parse(shipped())
    query = advise(table, PARENT_STUCK).organisations
    assert query.audience == {"parent"}
    assert query.themes == {"pesten"}
    assert "complaint_handling" in query.offers
    fits = organisation_fit(query, offers=["advice"], audience=["parent"], themes=["pesten", "verzuim"], sectors=[])
    general = organisation_fit(query, offers=["advice"], audience=["parent", "pupil"], themes=["Pesten"], sectors=[])
    assert fits is not None and general is not None and fits > general  # only-for-parents ranks first
    assert organisation_fit(query, offers=["advice"], audience=["pupil"], themes=["pesten"], sectors=[]) is None
    assert organisation_fit(query, offers=["advice"], audience=["parent"], themes=["stage"], sectors=[]) is None
    assert (
        organisation_fit(query, offers=["emergency_help"], audience=["parent"], themes=["pesten"], sectors=[]) is None
    )


def test_sectors_only_count_when_asked():
    """Without a sector in the answers or the rule, any sector fits; with one, it must be shared."""
    query = OrganisationQuery(
        offers=frozenset(), audience=frozenset(), themes=frozenset(), sectors=frozenset({"mbo"}), limit=3
    )
    assert organisation_fit(query, offers=[], audience=[], themes=[], sectors=["vo"]) is None
    assert organisation_fit(query, offers=[], audience=[], themes=[], sectors=["mbo", "vo"]) == 0


def test_carried_answers_map_exactly_to_the_intake_fields():
    """Only questions with carries_to travel to the report form, as CONTRACT.md values."""
    table = table_parse(shipped())
    assert carried_answers(table, {**PARENT_STUCK, "danger": ("yes",)}) == {
        "reporter_role": ("parent",),
        "categories": ("bullying_psychological",),
        "acute_danger": ("yes",),
        "steps_taken": ("talked_to_teacher",),
        "attendance": ("not_attending",),
    }


def test_answers_clean_drops_unknown_stale_and_mixed_answers():
    """Unknown questions and codes go; an answer a changed earlier answer no longer asks goes; exclusives stay alone."""
    table = table_parse(shipped())
    raw = {
        **{key: list(value) for key, value in PARENT_STUCK.items()},
        "tried": ["none"],
        "bogus": ["x"],
        "duration": ["forever"],
    }
    cleaned = answers_clean(table, raw)
    assert "bogus" not in cleaned
    assert "duration" not in cleaned
    assert "outcome" not in cleaned  # not asked after "Nog niets"
    assert answers_clean(table, {"tried": ["none", "talked_to_teacher"], "role": ["parent"]}) == {"role": ("parent",)}
    assert answers_clean(table, {"role": ["parent", "pupil"]}) == {}


def test_question_order_follows_ask_if():
    """Outcome is asked only after something was tried; back and next skip it otherwise."""
    table = table_parse(shipped())
    tried = table.question("tried")
    outcome = table.question("outcome")
    duration = table.question("duration")
    assert tried and outcome and duration
    nothing = {"role": ("parent",), "topics": ("other",), "danger": ("no",), "tried": ("none",)}
    assert question_after(table, tried, nothing) == duration
    assert question_before(table, duration, nothing) == tried
    assert not may_ask(table, outcome, nothing)
    assert first_unanswered(table, nothing) == duration
    something = {**nothing, "tried": ("complaint_to_board",)}
    assert question_after(table, tried, something) == outcome
    assert not may_ask(table, duration, something)


def test_every_path_is_counted_once_in_rule_usage():
    """The usage per rule adds up to the number of paths, and every rule is used."""
    table = table_parse(shipped())
    usage = rule_usage(table)
    assert sum(usage.values()) == sum(1 for _path in all_paths(table))
    assert all(count > 0 for count in usage.values())


def test_advise_refuses_incomplete_answers():
    """Advice needs every asked question answered."""
    table = table_parse(shipped())
    with pytest.raises(ValueError, match="duration"):
        advise(table, {key: value for key, value in PARENT_STUCK.items() if key != "duration"})
