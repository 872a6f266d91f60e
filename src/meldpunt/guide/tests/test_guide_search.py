"""The guide as a source of the site search: next steps and advice of the table in use."""

from __future__ import annotations

import copy

import pytest
from django.test import Client
from django.urls import reverse

from meldpunt.guide.selectors import guide_search, shipped_table_content
from meldpunt.guide.services import decision_table_save

pytestmark = pytest.mark.django_db


def test_a_next_step_is_found_and_links_to_its_explanation(client: Client):
    """ "klachtencommissie" finds the step with that title, linked to its anchor on the start page."""
    hits = guide_search(query="klachtencommissie", language="nl")
    step = next(hit for hit in hits if hit.url.endswith("#stap-complaints_committee"))
    assert step.kind == "advice"
    assert step.title == "Ga naar de klachtencommissie"
    assert step.score >= 2  # a title match counts double
    page = client.get(step.url.split("#")[0]).content.decode()
    assert 'id="stap-complaints_committee"' in page


@pytest.mark.parametrize("query", ["pestcoördinator", "PESTCOORDINATOR", "pestco"])
def test_search_ignores_accents_and_case_and_matches_word_starts(query: str):
    """ "coördinator" and "COORDINATOR" find the anti-bullying coordinator alike."""
    hits = guide_search(query=query, language="nl")
    assert any(hit.url.endswith("#stap-mentor") for hit in hits)


def test_search_in_english_uses_the_english_texts():
    """On the English site the English step texts are searched and shown."""
    hits = guide_search(query="complaints committee", language="en")
    assert any(hit.title == "Go to the complaints committee" for hit in hits)
    assert guide_search(query="klachtencommissie", language="en") == []


def test_advice_texts_give_one_hit_for_the_guide():
    """Many rules mention the meldpunt; the guide appears once for them, linked to its start."""
    hits = [hit for hit in guide_search(query="meldpunt", language="nl") if hit.url == reverse("guide:start")]
    assert len(hits) == 1
    assert hits[0].title.startswith("Wegwijzer: ")


def test_every_term_must_match_and_empty_queries_find_nothing():
    """A word that occurs nowhere empties the result; an empty query finds nothing."""
    assert guide_search(query="klachtencommissie xylofoon", language="nl") == []
    assert guide_search(query="   ", language="nl") == []


def test_search_follows_the_table_in_use(staff_user):
    """After an administrator changes a step's text, the search finds the new words."""
    content = copy.deepcopy(shipped_table_content())
    content["next_steps"]["mentor"]["text"]["nl"] += " Vraag ook naar het pestprotocol van de school."
    decision_table_save(actor=staff_user("administrator"), content=content, note="Pestprotocol genoemd")
    assert any(hit.url.endswith("#stap-mentor") for hit in guide_search(query="pestprotocol", language="nl"))
