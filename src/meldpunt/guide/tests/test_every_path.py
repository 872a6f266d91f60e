"""Every path through the decision table in use ends in advice: generated from the table itself.

A path takes one option of each question that is asked (each option of a multiple-choice question on
its own). Every path is evaluated through the rules; paths that end in the same rule with the same
organisations get the same advice page, so one real page per such group is rendered and read.
"""

from __future__ import annotations

from collections import defaultdict

import pytest
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.db import SessionStore
from django.test import RequestFactory

from meldpunt.guide import views
from meldpunt.guide.rules import Answers, OrganisationQuery, Table, advise, all_paths, questions_asked
from meldpunt.guide.selectors import decision_table_current
from meldpunt.guide.session import GuideProgress, guide_progress_save
from meldpunt.guide.tests.html import read_page

pytestmark = pytest.mark.django_db


def _picks(table: Table, path: Answers, flag: str) -> bool:
    return any(
        getattr(question.option(code), flag)
        for question in questions_asked(table, path)
        for code in path.get(question.id, ())
    )


def _advice_page(rf: RequestFactory, path: Answers) -> str:
    request = rf.get("/wegwijzer/advies")
    request.session = SessionStore()
    request._messages = FallbackStorage(request)  # type: ignore[attr-defined]
    guide_progress_save(request.session, GuideProgress(answers={key: list(codes) for key, codes in path.items()}))
    response = views.advice(request)
    assert response.status_code == 200, path
    return response.content.decode()


def _main(html: str) -> str:
    return html[html.index('<main id="inhoud"') : html.index("</main>")]


def test_every_path_through_the_rules_gives_advice_with_a_next_step():
    """Each path ends in a rule with at least one next step; danger shows the emergency numbers, stuck the meldpunt."""
    table = decision_table_current().table
    count = 0
    for path in all_paths(table):
        advice = advise(table, path)
        assert advice.next_steps, path
        if _picks(table, path, "danger"):
            assert advice.show_emergency, path
        if _picks(table, path, "stuck"):
            assert advice.show_meldpunt, path
        count += 1
    assert count > 1000  # the table in use has thousands of paths: the walk really happened


def test_every_advice_page_has_a_next_step_and_puts_emergency_numbers_first(rf, network):
    """Each distinct advice page renders with ≥1 next step; after danger the numbers come before all other advice."""
    table = decision_table_current().table
    groups: dict[tuple[str, OrganisationQuery], list[Answers]] = defaultdict(list)
    for path in all_paths(table):
        advice = advise(table, path)
        groups[(advice.rule.id, advice.organisations)].append(path)
    assert {rule_id for rule_id, _query in groups} == {rule.id for rule in table.rules}
    for (rule_id, _query), paths in groups.items():
        danger = _picks(table, paths[0], "danger")
        assert all(_picks(table, path, "danger") == danger for path in paths)
        main = _main(_advice_page(rf, paths[0]))
        assert main.count("<li data-step=") >= 1, rule_id
        h1 = main.index("<h1")
        advice_start = main.index("data-advice-text")
        if danger:
            emergency = main.index("data-emergency")
            assert h1 < emergency < advice_start < main.index("data-next-steps"), rule_id
            # Nothing but the heading comes before the numbers: no other section, list or paragraph.
            between = read_page(main[main.index("</h1>") + 5 : emergency])
            assert [e.tag for e in between.elements if e.tag in ("section", "p", "ul", "ol", "form")] == [], rule_id
            assert 'href="tel:112"' in main[emergency:advice_start]
            for number in ("tel:08000432", "tel:113", "tel:08000113", "tel:08002000"):
                assert number in main[emergency:advice_start], (rule_id, number)
        else:
            assert "data-emergency" not in main, rule_id
