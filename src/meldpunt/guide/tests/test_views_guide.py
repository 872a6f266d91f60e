"""The public guide at /wegwijzer/: one question per page, plain forms without JavaScript, advice at the end."""

from __future__ import annotations

import itertools

import pytest
from django.test import Client
from django.urls import reverse

from meldpunt.guide.models import DecisionTableVersion
from meldpunt.guide.tests.guide_walk import PARENT_STUCK, answer_all, question_url
from meldpunt.guide.tests.html import read_page

pytestmark = pytest.mark.django_db

QUESTION_PAGES = [
    ("wie-bent-u", "Wie bent u?", "Who are you?"),
    ("wat-is-er-aan-de-hand", "Wat is er aan de hand?", "What is happening?"),
    ("gevaar", "Is iemand nu in gevaar?", "Is anyone in danger right now?"),
    ("al-geprobeerd", "Wat heeft u al geprobeerd?", "What have you already tried?"),
]


def _answered(client: Client, **answers: list[str]) -> None:
    answer_all(client, answers)


def _html(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def _assert_page_rules(html: str) -> None:
    page = read_page(html)
    levels = [level for level, _text in page.headings()]
    assert levels.count(1) == 1 and levels[0] == 1, page.headings()
    for previous, current in itertools.pairwise(levels):
        assert current <= previous + 1, page.headings()
    for link in page.links():
        assert link.text.strip(), link.attrs
    for element in page.elements:
        assert "style" not in element.attrs, element.tag
        assert not any(attr.startswith("on") for attr in element.attrs), element.tag
        if element.tag == "script":
            assert element.attrs.get("src"), "inline script"


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_start_page_explains_the_guide_and_shows_the_emergency_numbers(client: Client, lang: str):
    """The start page has one h1, the emergency numbers, a start link to the first question and every step."""
    html = _html(client.get(reverse("guide:start"), {"lang": lang}))
    _assert_page_rules(html)
    page = read_page(html)
    hrefs = [link.attrs["href"] for link in page.links()]
    assert question_url("wie-bent-u") in hrefs
    for number in ("tel:112", "tel:08000432", "tel:113", "tel:08002000"):
        assert number in hrefs
    for code in ("mentor", "confidential_person", "board_complaint", "complaints_committee", "confidential_inspector"):
        assert page.find("h3", id=f"stap-{code}")
    assert hrefs.index("tel:112") < hrefs.index(question_url("wie-bent-u"))


@pytest.mark.parametrize(("slug", "dutch", "english"), QUESTION_PAGES)
def test_each_question_is_its_own_page_with_the_question_as_legend_and_h1(client: Client, slug, dutch, english):
    """The question is the fieldset's legend and the only h1; the title names the question, in both languages."""
    order = [page for page, _nl, _en in QUESTION_PAGES]
    previous = {"wie-bent-u": {}, "wat-is-er-aan-de-hand": {"role": ["parent"]}}
    previous["gevaar"] = {**previous["wat-is-er-aan-de-hand"], "topics": ["discrimination"]}
    previous["al-geprobeerd"] = {**previous["gevaar"], "danger": ["no"]}
    _answered(client, **previous[slug])
    for lang, text in (("nl", dutch), ("en", english)):
        html = _html(client.get(question_url(slug), {"lang": lang}))
        _assert_page_rules(html)
        page = read_page(html)
        assert [text for level, text in page.headings() if level == 1] == [text]
        assert page.title.strip() == f"{text} – {'Wegwijzer' if lang == 'nl' else 'Guide'} | Meldpunt"
        assert page.find("legend")
        assert page.find("input", id="id_answer_0")
        back = page.find("a", class_="utrecht-link utrecht-link--html-a mp-guide-back")[0].attrs["href"]
        index = order.index(slug)
        assert back == (question_url(order[index - 1]) if index else reverse("guide:start"))


def test_choosing_nothing_shows_an_error_summary_linked_to_the_first_option(client: Client):
    """An empty answer stays on the page with "Fout:" in the title and the question's own message."""
    response = client.post(question_url("wie-bent-u"), {})
    html = _html(response)
    page = read_page(html)
    assert page.title.startswith("Fout: Wie bent u?")
    summary_links = [link for link in page.links() if link.attrs["href"] == "#id_answer_0"]
    assert [link.text.strip() for link in summary_links] == ["Kies wie u bent."]
    assert page.find("p", id="answer_error")


def test_nothing_yet_cannot_be_combined_with_other_steps(client: Client):
    """ "Nog niets" is an answer on its own: together with another choice the page says so."""
    _answered(client, role=["parent"], topics=["bullying_psychological"], danger=["no"])
    html = _html(client.post(question_url("al-geprobeerd"), {"answer": ["none", "talked_to_teacher"]}))
    assert "Kies ‘Nog niets’ alleen, of kies de andere antwoorden." in html


def test_the_answers_lead_from_question_to_question_and_skip_what_does_not_apply(client: Client):
    """After "Nog niets" the question how it went is skipped; the last answer leads to the advice."""
    _answered(client, role=["pupil"], topics=["discrimination"], danger=["no"])
    response = client.post(question_url("al-geprobeerd"), {"answer": ["none"]})
    assert response["Location"] == question_url("hoe-lang")
    response = client.post(question_url("hoe-lang"), {"answer": "longer"})
    assert response["Location"] == question_url("naar-school")
    response = client.post(question_url("naar-school"), {"answer": "attending"})
    assert response["Location"] == reverse("guide:advice")


def test_a_later_question_cannot_be_opened_before_the_earlier_ones(client: Client):
    """Opening a question ahead of time leads to the first open question; the advice too."""
    assert client.get(question_url("hoe-lang"))["Location"] == question_url("wie-bent-u")
    assert client.get(reverse("guide:advice"))["Location"] == question_url("wie-bent-u")
    assert client.get(question_url("bestaat-niet")).status_code == 404


def test_the_home_page_points_to_the_guide(client: Client):
    """Visitors who do not know where to go find the guide from the home page."""
    hrefs = [link.attrs["href"] for link in read_page(_html(client.get("/"))).links()]
    assert reverse("guide:start") in hrefs


def test_a_changed_answer_after_the_advice_leads_back_to_the_advice(client: Client, network):
    """From the advice, "Wijzigen" opens the question; the new answer goes straight back to the advice."""
    answer_all(client, PARENT_STUCK)
    assert client.get(reverse("guide:advice")).status_code == 200
    response = client.post(question_url("naar-school"), {"answer": "attending"})
    assert response["Location"] == reverse("guide:advice")
    response = client.post(question_url("al-geprobeerd"), {"answer": ["none"]})
    assert response["Location"] == reverse("guide:advice")
    html = _html(client.get(reverse("guide:advice")))
    assert "Hoe ging dat?" not in html  # no longer asked, so no longer shown among the answers


def test_the_answers_are_kept_encrypted_in_the_session_and_nowhere_else(client: Client):
    """The session holds one sealed value, not the answers in the clear; no guide row is written."""
    versions = DecisionTableVersion.objects.count()
    _answered(client, role=["parent"], topics=["sexual_abuse"])
    session = client.session
    stored = str(dict(session.items()))
    assert "sexual_abuse" not in stored and "parent" not in stored
    assert "guide.answers" in session
    assert DecisionTableVersion.objects.count() == versions


def test_the_advice_page_names_the_answers_with_change_links(client: Client, network):
    """The advice page lists every answer with a link to change it, and passes the page checks."""
    answer_all(client, PARENT_STUCK)
    html = _html(client.get(reverse("guide:advice")))
    _assert_page_rules(html)
    page = read_page(html)
    change_links = [link.attrs["href"] for link in page.links() if link.text.strip().startswith("Wijzigen")]
    assert change_links[0] == question_url("wie-bent-u")
    assert len(change_links) == 7
    assert "Ouders &amp; Onderwijs" in html
    assert "{#" not in html and "{%" not in html  # no template comment or tag leaks into the page


def test_the_advice_works_in_english(client: Client, network):
    """With ?lang=en the advice, the steps and the organisations' descriptions are English."""
    answer_all(client, PARENT_STUCK)
    html = _html(client.get(reverse("guide:advice"), {"lang": "en"}))
    assert "Our advice for you" in html
    assert "Talk to the school’s confidential person" in html
    assert "Report to the meldpunt" in html
    assert '<html lang="en"' in html


def test_the_print_view_shows_the_advice_without_forms_or_buttons(client: Client, network):
    """The print view has the advice, the steps and the organisations, and no form, button or change link."""
    answer_all(client, PARENT_STUCK)
    html = _html(client.get(reverse("guide:advice_print")))
    _assert_page_rules(html)
    main = html[html.index("<main") : html.index("</main>")]
    assert "<form" not in main and "<button" not in main and "Wijzigen" not in main
    assert "data-next-steps" in main and "Ouders &amp; Onderwijs" in main
    assert "http://127.0.0.1:8000/melden/" in main or "/melden/" in main


def test_the_advice_page_prints_cleanly():
    """The guide's print style hides forms, buttons and change links; the frame's hides the exit control."""
    from pathlib import Path

    css = (Path(__file__).resolve().parents[1] / "static" / "guide" / "guide.css").read_text()
    print_rules = css[css.index("@media print") :]
    for selector in (".mp-guide-noprint", ".mp-guide-back", ".mp-guide-meldpunt form"):
        assert selector in print_rules


def test_restart_forgets_the_answers(client: Client):
    """ "Begin opnieuw" clears the answers: the first question is open again and the others are not."""
    _answered(client, role=["parent"], topics=["other"])
    response = client.post(reverse("guide:restart"))
    assert response["Location"] == reverse("guide:start")
    assert client.get(question_url("gevaar"))["Location"] == question_url("wie-bent-u")


@pytest.mark.parametrize("name", ["guide:advice_email", "guide:restart"])
def test_actions_refuse_get(client: Client, name: str):
    """Sending and restarting are POST-only."""
    assert client.get(reverse(name)).status_code == 405


def test_an_expired_session_says_why_the_answers_are_gone(client: Client):
    """A POST to a later question without any answers (the session ran out) explains it and starts over."""
    response = client.post(question_url("hoe-lang"), {"answer": "longer"}, follow=True)
    assert response.redirect_chain[-1][0] == question_url("wie-bent-u")
    assert "Uw antwoorden waren gewist" in response.content.decode()
