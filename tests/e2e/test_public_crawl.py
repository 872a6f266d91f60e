"""Issue 6 in the system Chromium: every public guide, directory, information and search page, found by following
the site's own links from the start pages, in Dutch and in English, has no serious or critical axe violation and
the right `<html lang>`. The guide is walked to its advice and print view (with and without danger); on paper
the advice, an organisation page and an information page keep only their content; without JavaScript they
still work."""

from __future__ import annotations

from collections import deque
from urllib.parse import parse_qsl, urlencode, urlsplit

import pytest
from playwright.sync_api import Page, expect

from meldpunt.content.constants import SEED_PAGES
from meldpunt.content.services import content_load_if_empty
from meldpunt.network.models import Organisation
from meldpunt.network.services import organisations_load_if_empty
from tests.e2e.journeys import AxeLog, expect_language_and_one_h1, with_lang

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LANGUAGES = ("nl", "en")
SEEDS = ("/", "/wegwijzer/", "/organisaties/", "/informatie/", "/zoeken/?q=pesten")
FOLLOW_PREFIXES = ("/wegwijzer", "/organisaties", "/informatie", "/zoeken")
FOLLOW_EXACT = {"/", "/contact", "/privacy", "/toegankelijkheid"}
# Pages that are not public information, and guide addresses that change the visitor's state.
SKIP_PREFIXES = (
    "/melden",
    "/mijn-melding",
    "/medewerkers",
    "/beheer",
    "/behandeling",
    "/school",
    "/partner",
    "/api",
    "/static",
    "/wegwijzer/opnieuw",
    "/wegwijzer/advies/mailen",
)
MAX_PAGES = 300  # a guard against a crawl that never ends (say, endless filter combinations)
# In the guide, the question about danger; its first answer ("Ja") is the danger path.
DANGER_QUESTION = "/wegwijzer/vraag/gevaar"

# Whether an element or one of its ancestors is display: none, as the browser computed it.
HIDDEN_JS = """el => { for (let e = el; e; e = e.parentElement) {
    if (getComputedStyle(e).display === 'none') return true; } return false; }"""


def _check(axe: AxeLog, page: Page, lang: str) -> None:
    """Expect the visitor's language and one h1, then scan the page with axe."""
    expect_language_and_one_h1(page, lang)
    axe.check(page)


@pytest.fixture
def published(live_server) -> None:
    """The shipped organisations and information pages, loaded through the real services."""
    organisations_load_if_empty()
    content_load_if_empty()


def _key(href: str, base_url: str) -> str | None:
    """The page a link leads to, as path and query without the language; None when it is not crawled."""
    parts = urlsplit(href)
    if f"{parts.scheme}://{parts.netloc}" != base_url:
        return None
    path = parts.path or "/"
    if path.startswith(SKIP_PREFIXES):
        return None
    if path not in FOLLOW_EXACT and not path.startswith(FOLLOW_PREFIXES):
        return None
    query = [(name, value) for name, value in parse_qsl(parts.query, keep_blank_values=True) if name != "lang"]
    return path + (f"?{urlencode(query)}" if query else "")


def _crawl(page: Page, base_url: str, lang: str, axe: AxeLog) -> set[str]:
    """Visit every page reachable from the start pages by crawled links; return the pages seen."""
    queue = deque(SEEDS)
    seen = set(SEEDS)
    while queue:
        key = queue.popleft()
        response = page.goto(base_url + with_lang(key, lang))
        assert response is not None and response.status == 200, (key, response and response.status)
        _check(axe, page, lang)
        hrefs: list[str] = page.eval_on_selector_all("a[href]", "links => links.map(a => a.href)")
        for href in hrefs:
            found = _key(href, base_url)
            if found is not None and found not in seen:
                seen.add(found)
                queue.append(found)
        assert len(seen) <= MAX_PAGES, sorted(seen)
    return seen


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_public_page_found_by_its_links_is_accessible(new_context, live_server, published, lang: str) -> None:
    """Each guide, directory, information and search page reached from the start pages has the visitor's
    language and no serious or critical axe violation."""
    page = new_context().new_page()
    axe = AxeLog()
    seen = _crawl(page, live_server.url, lang, axe)
    organisations = Organisation.objects.filter(active=True).values_list("slug", flat=True)
    for slug in organisations:
        assert f"/organisaties/{slug}/" in seen, slug
    for slug in SEED_PAGES:
        assert f"/informatie/{slug}/" in seen, slug
    assert {"/", "/contact", "/wegwijzer/", "/zoeken/?q=pesten"} <= seen
    assert len(axe.pages) == len(seen)
    axe.assert_clean()


def _walk_guide(page: Page, base_url: str, lang: str, *, danger: bool, axe: AxeLog | None) -> None:
    """Answer every question with its first option (on the danger question: yes or no) up to the advice."""
    page.goto(f"{base_url}/wegwijzer/?lang={lang}")
    if axe:
        _check(axe, page, lang)
    page.locator("main a[href^='/wegwijzer/vraag/']").first.click()
    for _ in range(12):
        if urlsplit(page.url).path == "/wegwijzer/advies":
            break
        if axe:
            _check(axe, page, lang)
        choices = page.locator("main fieldset input")
        second = urlsplit(page.url).path == DANGER_QUESTION and not danger
        choices.nth(1 if second else 0).check()
        page.locator("main form button[type=submit]").first.click()
        page.wait_for_load_state()
    assert urlsplit(page.url).path == "/wegwijzer/advies", page.url


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("danger", [True, False], ids=["danger", "no-danger"])
def test_the_guide_walked_to_its_advice_and_print_view(
    new_context, live_server, published, lang: str, danger: bool
) -> None:
    """Every question page, the advice and its print view pass axe; danger puts the emergency numbers first."""
    page = new_context().new_page()
    axe = AxeLog()
    _walk_guide(page, live_server.url, lang, danger=danger, axe=axe)
    _check(axe, page, lang)
    emergency = page.locator("[data-advice] > [data-emergency]")
    if danger:
        expect(emergency).to_be_visible()
        assert page.eval_on_selector("[data-advice] > *", "el => el.hasAttribute('data-emergency')")
    else:
        expect(emergency).to_have_count(0)
    page.locator("main a[href='/wegwijzer/advies/afdrukken']").click()
    expect(page).to_have_url(f"{live_server.url}/wegwijzer/advies/afdrukken")
    _check(axe, page, lang)
    expect(page.locator("main form")).to_have_count(0)
    axe.assert_clean(at_least=8)


def _print_state(page: Page) -> dict[str, object]:
    return page.evaluate(
        f"""() => {{
            const hidden = {HIDDEN_JS};
            const main = document.querySelector('main');
            return {{
                exit: [...document.querySelectorAll('.mp-exit')].map(hidden),
                language: [...document.querySelectorAll('.mp-language')].map(hidden),
                forms: [...document.querySelectorAll('form')].filter(f => !hidden(f)).map(f => f.action),
                main: !hidden(main) && main.getBoundingClientRect().height > 0,
            }};
        }}"""
    )


def _content_paths() -> list[str]:
    organisation = Organisation.objects.get(name="Ouders & Onderwijs")
    return [f"/organisaties/{organisation.slug}/", f"/informatie/{SEED_PAGES[0]}/"]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_on_paper_only_the_content_is_printed(new_context, live_server, published, lang: str) -> None:
    """In print media the exit control, the language switch and every form are display: none; the main
    content stays, on the advice, an organisation page and an information page."""
    page = new_context().new_page()
    _walk_guide(page, live_server.url, lang, danger=False, axe=None)
    page.emulate_media(media="print")
    paths = ["/wegwijzer/advies", *_content_paths()]
    for path in paths:
        page.goto(f"{live_server.url}{with_lang(path, lang)}")
        expect(page.locator("main h1")).to_be_visible()
        state = _print_state(page)
        assert state["exit"] == [True] and state["language"] == [True], (path, state)
        assert state["forms"] == [] and state["main"] is True, (path, state)
    page.emulate_media(media="screen")
    page.goto(f"{live_server.url}/wegwijzer/advies")
    shown = _print_state(page)
    assert shown["exit"] == [False] and shown["language"] == [False] and shown["forms"], shown


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_advice_and_content_pages_work_without_javascript(new_context, live_server, published, lang: str) -> None:
    """With JavaScript off the guide reaches its advice and print view, and organisation and information pages
    load with their heading and content."""
    page = new_context(java_script_enabled=False).new_page()
    _walk_guide(page, live_server.url, lang, danger=True, axe=None)
    expect(page.locator("main h1")).to_be_visible()
    expect(page.locator("[data-emergency]")).to_be_visible()
    for path in ["/wegwijzer/advies/afdrukken", *_content_paths()]:
        response = page.goto(f"{live_server.url}{with_lang(path, lang)}")
        assert response is not None and response.status == 200, path
        expect(page.locator("html")).to_have_attribute("lang", lang)
        expect(page.locator("main h1")).to_be_visible()
        assert page.locator("main").inner_text().strip().count("\n") >= 2, path
