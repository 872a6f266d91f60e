"""The public home page in a real browser: accessible in Dutch and English, keyboard first, and a way out."""

from collections.abc import Callable, Iterator

import pytest
from django.conf import settings
from playwright.sync_api import Browser, BrowserContext, Page, expect

from tests.e2e.journeys import DESKTOP, MOBILE, assert_accessible, close_the_world, save_screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

OTHER_PAGES = ["/privacy", "/toegankelijkheid", "/contact"]


@pytest.fixture
def browser_context_args(browser_context_args: dict) -> dict:
    # A Dutch browser (the session default): the home page is Dutch unless the visitor switches.
    return {**browser_context_args, "viewport": DESKTOP}


def _is_exit_url(url: str) -> bool:
    return url == settings.EXIT_URL


@pytest.fixture
def world(context: BrowserContext, live_server) -> Iterator[list[str]]:
    third_party = close_the_world(context, live_server.url)
    yield third_party
    assert third_party == [], f"requests to third parties: {third_party}"


def test_home_in_dutch_and_english_is_accessible(page: Page, live_server, world: list[str]) -> None:
    """The home page has no serious axe violations in Dutch, nor in English reached through the switch link."""
    page.goto(live_server.url + "/")
    expect(page.locator("html")).to_have_attribute("lang", "nl")
    expect(page.get_by_role("heading", level=1)).to_have_text("Onveilig op school?")
    expect(page.get_by_role("link", name="Verlaat deze pagina")).to_be_visible()
    assert_accessible(page)
    save_screenshot(page, "home-nl")

    page.get_by_role("link", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_have_text("Unsafe at school?")
    expect(page.get_by_role("link", name="Leave this page")).to_be_visible()
    assert page.url == live_server.url + "/?lang=en"
    assert_accessible(page)
    save_screenshot(page, "home-en")

    page.get_by_role("link", name="Nederlands").click()
    expect(page.locator("html")).to_have_attribute("lang", "nl")


def test_home_on_a_phone(new_context: Callable[..., BrowserContext], live_server) -> None:
    """On a 375 px wide phone the home page has no horizontal scrolling and no serious axe violations."""
    page = new_context(viewport=MOBILE, is_mobile=True, has_touch=True).new_page()
    for lang in ("nl", "en"):
        page.goto(f"{live_server.url}/?lang={lang}")
        assert page.evaluate("document.documentElement.scrollWidth") <= MOBILE["width"]
        expect(page.locator("[data-exit-link]")).to_be_in_viewport()
        assert_accessible(page)
        save_screenshot(page, f"home-{lang}-mobile")


def test_readable_at_320_px_and_200_percent_zoom(browser: Browser, live_server) -> None:
    """At 320 px wide with text at 200% the page still fits the width (WCAG reflow)."""
    context = browser.new_context(locale="nl-NL", viewport={"width": 320, "height": 640}, device_scale_factor=2)
    close_the_world(context, live_server.url)
    page = context.new_page()
    for path in ["/", *OTHER_PAGES]:
        page.goto(live_server.url + path)
        page.evaluate("document.documentElement.style.fontSize = '200%'")
        assert page.evaluate("document.documentElement.scrollWidth") <= 320, path
    context.close()


@pytest.mark.parametrize("path", OTHER_PAGES)
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_other_public_pages_are_accessible(page: Page, live_server, world: list[str], path: str, lang: str) -> None:
    """The privacy, accessibility and contact pages have no serious axe violations."""
    page.goto(f"{live_server.url}{path}?lang={lang}")
    expect(page.locator("html")).to_have_attribute("lang", lang)
    assert_accessible(page)


def test_skip_link_is_the_first_tab_stop(page: Page, live_server, world: list[str]) -> None:
    """The first Tab shows the skip link; following it moves on to the main content."""
    page.goto(live_server.url + "/")
    page.keyboard.press("Tab")
    focused = page.locator(":focus")
    expect(focused).to_have_attribute("href", "#inhoud")
    expect(focused).to_have_text("Naar de inhoud")
    expect(focused).to_be_in_viewport()
    page.keyboard.press("Tab")
    expect(page.locator(":focus")).to_have_text("Verlaat deze pagina")

    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Enter")
    assert page.url.endswith("#inhoud")
    expect(page.locator("main#inhoud")).to_be_focused()


def test_exit_link_works_without_javascript(new_context: Callable[..., BrowserContext], live_server) -> None:
    """With JavaScript off, "Verlaat deze pagina" is a plain link that takes the visitor to the exit URL."""
    page = new_context(java_script_enabled=False).new_page()
    page.goto(live_server.url + "/privacy")
    expect(page.locator("[data-exit-hint]")).to_be_hidden()
    page.get_by_role("link", name="Verlaat deze pagina").click()
    page.wait_for_url(_is_exit_url)
    expect(page.get_by_role("heading", level=1)).to_have_text("Het weer")


def test_exit_link_replaces_the_history_entry(page: Page, live_server, world: list[str]) -> None:
    """With JavaScript, leaving replaces the page in the history: Back does not bring it back."""
    page.goto(live_server.url + "/")
    page.goto(live_server.url + "/privacy")
    expect(page.locator("[data-exit-hint]")).to_be_visible()
    page.get_by_role("link", name="Verlaat deze pagina").click()
    page.wait_for_url(_is_exit_url)
    page.go_back()
    assert page.url == live_server.url + "/"


def test_pressing_escape_three_times_leaves(page: Page, live_server, world: list[str]) -> None:
    """Pressing Escape three times in a row leaves the site for the exit URL."""
    page.goto(live_server.url + "/contact")
    for _ in range(3):
        page.keyboard.press("Escape")
    page.wait_for_url(_is_exit_url)
