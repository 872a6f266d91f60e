"""What the browser journeys share: signing in (staff with password and TOTP, reporters with reference and
code), axe-core checks for serious or critical violations, walking a question-per-page form, a closed-off
network and screenshots for docs/screenshots/."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from django.utils import timezone
from PIL import Image
from playwright.sync_api import BrowserContext, Page, Route, ViewportSize, expect

from meldpunt.accounts.tests.helpers import STAFF_PASSWORD, totp_now

SERIOUS = {"serious", "critical"}
DESKTOP: ViewportSize = {"width": 1280, "height": 900}
MOBILE: ViewportSize = {"width": 375, "height": 812}
# The network is closed here, and a test must never visit a real site: the exit URL answers from here.
NEUTRAL_PAGE = "<!doctype html><html lang='nl'><title>Het weer</title><body><h1>Het weer</h1></body></html>"
SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
TOTP_LABEL = "Vul de code uit uw authenticator-app in"
_axe = Axe()


def axe_problems(page: Page, where: str | None = None) -> list[str]:
    """The serious or critical axe violations on the page, one line each, prefixed with `where` (the URL)."""
    return [
        f"{where or page.url}: {v['id']} ({v['impact']}): {v['help']} {[n['html'] for n in v['nodes']][:3]}"
        for v in _axe.run(page).response["violations"]
        if v.get("impact") in SERIOUS
    ]


def assert_accessible(page: Page) -> None:
    """Assert that axe finds no serious or critical violation on the page."""
    problems = axe_problems(page)
    assert problems == [], "serious or critical axe violations:\n" + "\n".join(problems)


class AxeLog:
    """Serious or critical axe violations per page, asserted together at the end of a journey."""

    def __init__(self) -> None:
        self.found: list[str] = []
        self.pages: list[str] = []

    def check(self, page: Page, where: str | None = None) -> None:
        """Scan the page once it has loaded and count it."""
        page.wait_for_load_state()
        self.pages.append(where or page.url)
        self.found.extend(axe_problems(page, where))

    def assert_clean(self, at_least: int = 1) -> None:
        """Assert that no scanned page had a serious or critical violation and that enough pages were scanned."""
        assert self.found == [], "\n".join(self.found)
        assert len(self.pages) >= at_least, self.pages


def expect_language_and_one_h1(page: Page, lang: str) -> None:
    """Expect the page to be in `lang` (`<html lang>`) with exactly one h1."""
    expect(page.locator("html")).to_have_attribute("lang", lang)
    expect(page.get_by_role("heading", level=1)).to_have_count(1)


def with_lang(path: str, lang: str) -> str:
    """The path with `lang=` added to its query."""
    return f"{path}{'&' if '?' in path else '?'}lang={lang}"


def close_the_world(context: BrowserContext, live_server_url: str) -> list[str]:
    """Let only the live server answer (the exit URL gets a neutral page); return the list of refused URLs."""
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


def save_screenshot(page: Page, name: str) -> None:
    """Save a full-page screenshot of the page as docs/screenshots/<name>.png."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"{name}.png", full_page=True)


def png_file(path: Path, colour: str = "white") -> Path:
    """Write a small PNG image to `path` and return the path, for the upload fields."""
    Image.new("RGB", (24, 16), colour).save(path, format="PNG")
    return path


def submit_staff_password(page: Page, username: str) -> None:
    """Fill in the staff sign-in form's username and password and press Inloggen."""
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(STAFF_PASSWORD)
    page.get_by_role("button", name="Inloggen").click()


def sign_in_staff(page: Page, base_url: str, username: str, next_path: str = "/medewerkers/") -> None:
    """Open `next_path`, sign in there with password and authenticator code, and land back on it."""
    page.goto(f"{base_url}{next_path}")
    expect(page).to_have_url(re.compile(r"/medewerkers/inloggen"))
    submit_staff_password(page, username)
    expect(page).to_have_url(re.compile(r"/medewerkers/inloggen/code(\?|$)"))
    page.get_by_label(TOTP_LABEL).fill(totp_now())
    page.get_by_role("button", name="Doorgaan").click()
    expect(page).to_have_url(f"{base_url}{next_path}")


def sign_in_reporter(page: Page, base_url: str, reference: str, access_code: str) -> None:
    """Sign in at /mijn-melding/ with a reference (or support id) and access code, landing on the case page."""
    page.goto(f"{base_url}/mijn-melding/")
    page.get_by_label("Kenmerk").fill(reference)
    page.get_by_label("Toegangscode").fill(access_code)
    page.get_by_role("button", name="Inloggen").click()
    expect(page).to_have_url(f"{base_url}/mijn-melding/melding")


def _serve(html: str) -> Callable[[Route], None]:
    """A route handler that answers with this HTML (Playwright passes the request too to a two-argument one)."""
    return lambda route: route.fulfill(status=200, content_type="text/html", body=html)


def partner_reports_back(page: Page, support: str, buddy: str, *, buddy_email: str | None = None) -> None:
    """Fill in a partner's report-back on an accepted referral (contact made today, the support, a buddy), save."""
    page.get_by_role("group", name="Is er contact gelegd met de melder?").get_by_label("Ja", exact=True).check()
    page.get_by_label(re.compile(r"^Wanneer was het eerste contact")).fill(timezone.localdate().strftime("%d-%m-%Y"))
    page.get_by_label("Welke steun biedt u? (optioneel)").fill(support)
    page.get_by_role("group", name=re.compile(r"buddy van uw organisatie")).get_by_label("Ja", exact=True).check()
    page.get_by_label("Naam van de buddy (als er een buddy is)").fill(buddy)
    if buddy_email:
        page.get_by_label("E-mailadres van de buddy (optioneel)").fill(buddy_email)
    page.get_by_role("button", name="Terugmelding opslaan").click()
    expect(page.get_by_text("Uw terugmelding is opgeslagen.")).to_be_visible()


class Walk:
    """One visitor's page through a question-per-page form: answers by the visible labels, scans every page."""

    def __init__(
        self,
        page: Page,
        base_url: str,
        axe: AxeLog | None = None,
        *,
        shot_prefix: str = "",
        scan_later: bool = False,
    ) -> None:
        self.page = page
        self.base_url = base_url
        self.axe = axe or AxeLog()
        self.shot_prefix = shot_prefix
        self.scan_later = scan_later  # without JavaScript axe cannot run in the page: keep the HTML instead
        self.kept: list[tuple[str, str]] = []

    def scan(self) -> None:
        """Scan the current page with axe, or keep its HTML for `scan_kept` when JavaScript is off."""
        self.page.wait_for_load_state()
        url = self.page.url
        error = " (error)" if self.page.title().startswith(("Fout:", "Error:")) else ""
        where = url.removeprefix(self.base_url) + error
        if self.scan_later:
            self.axe.pages.append(where)
            self.kept.append((url, self.page.content()))
        else:
            self.axe.check(self.page, where)

    def scan_kept(self, context: BrowserContext) -> None:
        """Scan the pages a JavaScript-free walk kept, as they were served, in a page that may run axe."""
        page = context.new_page()
        for url, html in self.kept:
            page.route(url, _serve(html))
            page.goto(url)
            self.axe.found.extend(axe_problems(page, url.removeprefix(self.base_url)))
            page.unroute(url)
        page.close()

    def shot(self, name: str) -> None:
        """Save a screenshot from the top, so the sticky exit control sits in the header."""
        if not self.scan_later:
            self.page.evaluate("window.scrollTo(0, 0)")
        save_screenshot(self.page, f"{self.shot_prefix}{name}")

    def go(self, path: str) -> None:
        """Open a path on the live server and scan it."""
        self.page.goto(self.base_url + path)
        self.scan()

    def click_link(self, name: str) -> None:
        """Follow the first link with this name and scan where it leads."""
        self.page.get_by_role("link", name=name).first.click()
        self.scan()

    def next(self, button: str = "Ga verder") -> None:
        """Press the button and scan the page that follows."""
        self.page.get_by_role("button", name=button, exact=True).click()
        self.scan()

    def radio(self, label: str) -> None:
        """Choose the radio button with this label."""
        self.page.get_by_role("radio", name=label, exact=True).check()

    def checkbox(self, label: str) -> None:
        """Tick the checkbox with this label."""
        self.page.get_by_role("checkbox", name=label, exact=True).check()

    def choose(self, *labels: str) -> None:
        """Choose each answer by its label, as a radio button when there is one, otherwise as a checkbox."""
        for label in labels:
            if self.page.get_by_role("radio", name=label, exact=True).count():
                self.radio(label)
            else:
                self.checkbox(label)

    def answer(self, *labels: str, button: str = "Ga verder") -> None:
        """Choose the answers and go on."""
        self.choose(*labels)
        self.next(button)

    def heading(self) -> str:
        """The text of the page's h1."""
        return self.page.get_by_role("heading", level=1).inner_text()

    def h1(self, text: str) -> None:
        """Expect the page's h1 to read `text`."""
        expect(self.page.get_by_role("heading", level=1)).to_have_text(text)

    def summary(self, label: str) -> str:
        """The answer on the check-your-answers page for the question `label`."""
        row = self.page.locator(".mp-summary__row").filter(
            has=self.page.locator(".mp-summary__key", has_text=re.compile(f"^{re.escape(label)}$"))
        )
        expect(row).to_have_count(1)
        return row.locator(".mp-summary__value").inner_text()

    def assert_accessible(self, at_least: int) -> None:
        """Assert that no page on the walk had a serious or critical violation, after at least that many pages."""
        self.axe.assert_clean(at_least)
