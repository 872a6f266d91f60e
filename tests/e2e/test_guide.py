"""The guide (wegwijzer) in a real browser, every page checked with axe-core on the way.

(a) a parent whose child is bullied, whose talk with the mentor did not help and whose child stays home gets
advice naming Ouders & Onderwijs, follows "report to the meldpunt" and lands in the report form with the shared
answers filled in; (b) the English guide, including a danger path with the emergency numbers first; (c) the
whole guide with JavaScript off, including the print view and sending the advice by email. A journey fails on
any serious or critical axe violation. Screenshots go to docs/screenshots/guide-*.png.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from django.core import mail
from playwright.sync_api import Browser, BrowserContext, Page, Route, expect

from meldpunt.network.services import organisations_load_if_empty

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SERIOUS = {"serious", "critical"}
DESKTOP = {"width": 1280, "height": 900}
NEUTRAL_PAGE = "<!doctype html><html lang='nl'><title>Het weer</title><body><h1>Het weer</h1></body></html>"


def _serve(html: str) -> Callable[[Route], None]:
    return lambda route: route.fulfill(status=200, content_type="text/html", body=html)


class Walk:
    """Walks the guide in one browser page and scans every page it reaches with axe-core."""

    def __init__(self, page: Page, base_url: str, shots: Path, *, scan_later: bool = False) -> None:
        self.page = page
        self.base_url = base_url
        self.shots = shots
        self.scan_later = scan_later  # without JavaScript axe cannot run in the page: keep the HTML instead
        self.scanned: list[str] = []
        self.violations: dict[str, list[dict]] = {}
        self.kept: list[tuple[str, str]] = []

    def scan(self) -> None:
        url = self.page.url
        label = url.removeprefix(self.base_url) + (
            " (error)" if self.page.title().startswith(("Fout:", "Error:")) else ""
        )
        self.scanned.append(label)
        if self.scan_later:
            self.kept.append((url, self.page.content()))
            return
        self._check(label, self.page)

    def _check(self, label: str, page: Page) -> None:
        results = Axe().run(page)
        serious = [v for v in results.response["violations"] if v.get("impact") in SERIOUS]
        if serious:
            self.violations[label] = serious

    def scan_kept(self, context: BrowserContext) -> None:
        """Scan the pages a JavaScript-free walk kept, as they were served, in a page that may run axe."""
        page = context.new_page()
        for url, html in self.kept:
            page.route(url, _serve(html))
            page.goto(url)
            self._check(url.removeprefix(self.base_url), page)
            page.unroute(url)
        page.close()

    def shot(self, name: str) -> None:
        if not self.scan_later:
            self.page.evaluate("window.scrollTo(0, 0)")
        self.page.screenshot(path=self.shots / f"guide-{name}.png", full_page=True)

    def go(self, path: str) -> None:
        self.page.goto(self.base_url + path)
        self.scan()

    def click_link(self, name: str) -> None:
        self.page.get_by_role("link", name=name).first.click()
        self.page.wait_for_load_state()
        self.scan()

    def next(self, button: str = "Ga verder") -> None:
        self.page.get_by_role("button", name=button, exact=True).click()
        self.page.wait_for_load_state()
        self.scan()

    def choose(self, *labels: str) -> None:
        for label in labels:
            radio = self.page.get_by_role("radio", name=label, exact=True)
            if radio.count():
                radio.check()
            else:
                self.page.get_by_role("checkbox", name=label, exact=True).check()

    def answer(self, *labels: str, button: str = "Ga verder") -> None:
        self.choose(*labels)
        self.next(button)

    def heading(self) -> str:
        return self.page.get_by_role("heading", level=1).inner_text()

    def assert_accessible(self, at_least: int) -> None:
        report = json.dumps(
            {
                page: [
                    {"id": v["id"], "impact": v["impact"], "nodes": [n["html"] for n in v["nodes"]][:3]} for v in found
                ]
                for page, found in self.violations.items()
            },
            indent=2,
        )
        assert self.violations == {}, f"serious or critical axe violations:\n{report}"
        assert len(self.scanned) >= at_least, self.scanned


def _close_the_world(context: BrowserContext, live_server_url: str) -> list[str]:
    """Refuse anything off the live server (and answer the exit URL with a neutral page), recording it."""
    third_party: list[str] = []

    def handle(route: Route) -> None:
        url = route.request.url
        if url == settings.EXIT_URL:
            route.fulfill(status=200, content_type="text/html", body=NEUTRAL_PAGE)
        elif url.startswith(live_server_url) or url.startswith("data:"):
            route.continue_()
        else:
            third_party.append(url)
            route.abort()

    context.route("**/*", handle)
    return third_party


@pytest.fixture
def guide_context(browser: Browser, live_server) -> Iterator[Callable[..., BrowserContext]]:
    organisations_load_if_empty()
    contexts: list[tuple[BrowserContext, list[str]]] = []

    def make(**options: object) -> BrowserContext:
        context = browser.new_context(**{"locale": "nl-NL", "viewport": DESKTOP, **options})
        contexts.append((context, _close_the_world(context, live_server.url)))
        return context

    yield make
    for context, third_party in contexts:
        context.close()
        assert third_party == [], f"requests to third parties: {third_party}"


def test_a_parent_follows_the_advice_into_the_report_form(guide_context, live_server, screenshot_dir):
    """The parent answers six questions, sees Ouders & Onderwijs and the meldpunt, and reports without
    answering role, subject, danger, steps taken or attendance again."""
    page = guide_context().new_page()
    walk = Walk(page, live_server.url, screenshot_dir)

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


def test_the_english_guide_with_danger_puts_the_emergency_numbers_first(guide_context, live_server, screenshot_dir):
    """In English, a pupil in danger whose child-line questions are answered sees 112 and the other numbers
    before any other advice; every page passes axe."""
    page = guide_context(locale="en-GB").new_page()
    walk = Walk(page, live_server.url, screenshot_dir)

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


def test_the_whole_guide_without_javascript(guide_context, live_server, screenshot_dir):
    """With JavaScript off the guide is a set of plain forms: answers, an error, a change from the advice,
    the print view and sending the advice to oneself (once, to the address given)."""
    context = guide_context(java_script_enabled=False)
    page = context.new_page()
    walk = Walk(page, live_server.url, screenshot_dir, scan_later=True)

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
