"""The guide (wegwijzer) in a real browser, every page checked with axe-core on the way.

(a) a parent whose child is bullied, whose talk with the mentor did not help and whose child stays home gets
advice naming Ouders & Onderwijs, follows "report to the meldpunt" and lands in the report form with the shared
answers filled in; (b) the English guide, including a danger path with the emergency numbers first; (c) the
whole guide with JavaScript off, including the print view and sending the advice by email. A journey fails on
any serious or critical axe violation. Screenshots go to docs/screenshots/guide-*.png.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.core import mail
from playwright.sync_api import BrowserContext, expect

from meldpunt.network.services import organisations_load_if_empty
from tests.e2e.journeys import Walk

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def guide_context(new_context: Callable[..., BrowserContext]) -> Callable[..., BrowserContext]:
    """Closed-off browser contexts, with the shipped organisations loaded for the advice."""
    organisations_load_if_empty()
    return new_context


def test_a_parent_follows_the_advice_into_the_report_form(guide_context, live_server):
    """The parent answers six questions, sees Ouders & Onderwijs and the meldpunt, and reports without
    answering role, subject, danger, steps taken or attendance again."""
    page = guide_context().new_page()
    walk = Walk(page, live_server.url, shot_prefix="guide-")

    walk.go("/wegwijzer/")
    expect(page.get_by_role("link", name="Bel 112")).to_have_attribute("href", "tel:112")
    walk.shot("start")
    walk.click_link("Start de wegwijzer")

    walk.next()  # nothing chosen: the error summary
    expect(page).to_have_title("Fout: Wie bent u? – Wegwijzer | Meldpunt")
    page.get_by_role("link", name="Kies wie u bent.").click()
    expect(page.get_by_role("radio", name="Ik ben leerling of student", exact=True)).to_be_focused()
    walk.answer("Ik ben ouder of verzorger")
    expect(page.get_by_role("heading", level=1)).to_have_text("Wat is er aan de hand?")
    walk.shot("question")
    walk.answer("Pesten")
    walk.answer("Nee")
    walk.answer("Gepraat met de leraar of de mentor")
    expect(page.get_by_role("heading", level=1)).to_have_text("Hoe ging dat?")
    walk.answer("Het is niet opgelost")
    walk.answer("1 tot 6 maanden")
    walk.answer("Nee, nu helemaal niet")

    expect(page.get_by_role("heading", level=1)).to_have_text("Ons advies voor u")
    expect(page.locator("[data-emergency]")).to_have_count(0)
    expect(page.get_by_role("heading", name="Ouders & Onderwijs")).to_be_visible()
    expect(page.get_by_role("link", name="0800-5010")).to_have_attribute("href", "tel:08005010")
    expect(page.get_by_role("heading", name="Melden bij het meldpunt")).to_be_visible()
    walk.shot("advice")

    walk.next("Melding maken bij het meldpunt")
    expect(page.get_by_role("heading", level=1)).to_have_text("Op welke school gebeurt het?")
    expect(page.get_by_text("Uw antwoorden uit de wegwijzer zijn overgenomen.")).to_be_visible()
    walk.shot("to-report")

    page.get_by_role("link", name="Terug").first.click()
    walk.scan()
    expect(page.get_by_role("radio", name="Ik ben ouder of verzorger", exact=True)).to_be_checked()
    walk.go("/melden/gevaar")
    expect(page.get_by_role("radio", name="Nee", exact=True)).to_be_checked()
    walk.go("/melden/school")
    walk.answer("Ik zeg liever niet welke school")
    walk.answer("Basisschool")
    # The subject came from the guide: the wizard goes straight on to what happened.
    expect(page.get_by_role("heading", level=1)).to_have_text("Wat is er gebeurd?")
    page.get_by_role("link", name="Terug").first.click()
    walk.scan()
    expect(page.get_by_role("checkbox", name="Pesten", exact=True)).to_be_checked()
    walk.next()
    page.get_by_label("Wat is er gebeurd?").fill("Mijn zoon wordt al maanden gepest en durft niet meer naar school.")
    walk.next()
    walk.next()  # since when: optional, left empty
    # Steps taken and attendance came from the guide too: next is since when the child is at home.
    expect(page.get_by_role("heading", level=1)).to_have_text("Sinds wanneer gaat uw kind niet naar school?")
    walk.assert_accessible(at_least=12)


def test_the_english_guide_with_danger_puts_the_emergency_numbers_first(guide_context, live_server):
    """In English, a pupil in danger whose child-line questions are answered sees 112 and the other numbers
    before any other advice; every page passes axe."""
    page = guide_context(locale="en-GB").new_page()
    walk = Walk(page, live_server.url, shot_prefix="guide-")

    walk.go("/wegwijzer/?lang=en")
    expect(page.get_by_role("heading", level=1)).to_have_text("Guide: where can you go?")
    walk.click_link("Start the guide")
    walk.next("Continue")  # the English error summary
    expect(page).to_have_title("Error: Who are you? – Guide | Meldpunt")
    walk.answer("I am a pupil or student", button="Continue")
    walk.answer("Physical violence", "Discrimination", button="Continue")
    walk.answer("Yes", button="Continue")
    walk.choose("Nothing yet", "Talked to the teacher or the mentor")
    walk.next("Continue")  # "Nothing yet" with another step: refused
    expect(page.get_by_text("Choose ‘Nothing yet’ on its own, or choose the other answers.").first).to_be_visible()
    page.get_by_role("checkbox", name="Talked to the teacher or the mentor", exact=True).uncheck()
    walk.next("Continue")
    walk.answer("Less than a month", button="Continue")
    walk.answer("Yes, as usual", button="Continue")

    expect(page.get_by_role("heading", level=1)).to_have_text("Our advice for you")
    emergency = page.locator("[data-emergency]")
    expect(emergency).to_be_visible()
    expect(emergency.get_by_role("link", name="Call 112")).to_have_attribute("href", "tel:112")
    expect(emergency.get_by_role("link", name="0800-0432")).to_be_visible()
    expect(emergency.get_by_role("link", name="0800-0113")).to_be_visible()
    expect(emergency.get_by_role("link", name="0800-2000")).to_be_visible()
    order = page.evaluate(
        """() => [...document.querySelectorAll('[data-advice] > *')].map(el =>
               el.hasAttribute('data-emergency') ? 'emergency' : (el.tagName.toLowerCase()))"""
    )
    assert order[0] == "emergency", order
    expect(page.get_by_role("heading", name="De Kindertelefoon")).to_be_visible()
    walk.shot("advice-danger-en")

    walk.click_link("Print the advice")
    expect(page.get_by_role("heading", level=1)).to_have_text("Advice from the guide")
    walk.assert_accessible(at_least=10)


def test_the_whole_guide_without_javascript(guide_context, live_server):
    """With JavaScript off the guide is a set of plain forms: answers, an error, a change from the advice,
    the print view and sending the advice to oneself (once, to the address given)."""
    context = guide_context(java_script_enabled=False)
    page = context.new_page()
    walk = Walk(page, live_server.url, shot_prefix="guide-", scan_later=True)

    walk.go("/wegwijzer/")
    walk.click_link("Start de wegwijzer")
    walk.answer("Iemand anders")
    walk.next()  # nothing chosen
    expect(page).to_have_title("Fout: Wat is er aan de hand? – Wegwijzer | Meldpunt")
    walk.answer("Seksuele intimidatie")
    walk.answer("Nee")
    walk.answer("Een klacht ingediend bij het schoolbestuur")
    walk.answer("Ze zijn er nog mee bezig")
    walk.answer("Langer dan 6 maanden")
    walk.answer("Ja, gewoon")
    expect(page.get_by_role("heading", level=1)).to_have_text("Ons advies voor u")
    expect(page.get_by_role("heading", name="Ga naar de klachtencommissie")).to_be_visible()
    expect(page.locator("[data-meldpunt]")).to_have_count(0)

    page.get_by_role("link", name="Wijzigen (Gaat het kind nog naar school?)").click()
    walk.scan()
    walk.answer("Soms, of een deel van de tijd")  # a changed answer leads straight back to the advice
    expect(page.get_by_role("heading", level=1)).to_have_text("Ons advies voor u")
    expect(page.get_by_role("heading", name="Melden bij het meldpunt")).to_be_visible()

    walk.click_link("Advies afdrukken")
    expect(page.get_by_role("heading", level=1)).to_have_text("Advies van de wegwijzer")
    expect(page.locator("main form")).to_have_count(0)
    page.emulate_media(media="print")
    expect(page.locator(".mp-exit")).to_be_hidden()
    walk.shot("print-no-js")
    page.emulate_media(media="screen")
    walk.click_link("Terug naar het advies")

    page.get_by_label("Stuur het advies naar uw e-mailadres").fill("geen-adres")
    walk.next("Verstuur het advies")
    expect(page).to_have_title("Fout: Ons advies voor u – Wegwijzer | Meldpunt")
    page.get_by_label("Stuur het advies naar uw e-mailadres").fill("ouder@example.nl")
    walk.next("Verstuur het advies")
    expect(page.get_by_text("Het advies is verstuurd. Wij hebben uw e-mailadres niet bewaard.")).to_be_visible()
    assert [message.to for message in mail.outbox] == [["ouder@example.nl"]]

    walk.scan_kept(guide_context())
    walk.assert_accessible(at_least=14)
