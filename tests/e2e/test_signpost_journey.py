"""Issue 6 from start to finish in the system Chromium: a parent answers the guide, follows the advice into the
report form with the guide's answers carried over, reports with consent for a referral and keeps the access
code; the handler refers the case to Ouders & Onderwijs, the partner accepts and reports back with a buddy,
and the parent reads it all in the portal. Axe checks every page on the way."""

import datetime as dt
import re
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from django.utils import timezone
from playwright.sync_api import Browser, BrowserContext, Page, Route, ViewportSize, expect

from meldpunt.accounts.constants import Role
from meldpunt.accounts.tests.helpers import STAFF_PASSWORD, make_staff_user, totp_now
from meldpunt.cases.models import Case
from meldpunt.cases.services import case_assign
from meldpunt.intake.codes import access_code_matches
from meldpunt.network.models import Organisation
from meldpunt.network.services import organisations_load_if_empty
from meldpunt.referrals.models import Referral

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SERIOUS = {"serious", "critical"}
DESKTOP: ViewportSize = {"width": 1280, "height": 900}
NEUTRAL_PAGE = "<!doctype html><html lang='nl'><title>Het weer</title><body><h1>Het weer</h1></body></html>"
PARTNER_NAME = "Ouders & Onderwijs"
DESCRIPTION = "Mijn dochter wordt al maanden gepest in de klas en durft niet meer naar school."
EMAIL = "ouder.wegwijzer@example.nl"
SUPPORT = "Een adviseur belt de ouder en gaat mee naar het gesprek met de school."
BUDDY = "Bea Buddy"
_axe = Axe()


class AxeLog:
    """Serious or critical axe violations per page, asserted together at the end of the journey."""

    def __init__(self) -> None:
        self.found: list[str] = []
        self.pages: list[str] = []

    def check(self, page: Page) -> None:
        page.wait_for_load_state()
        self.pages.append(page.url)
        for violation in _axe.run(page).response["violations"]:
            if violation.get("impact") in SERIOUS:
                nodes = [node["html"] for node in violation["nodes"]][:2]
                self.found.append(f"{page.url}: {violation['id']} ({violation['impact']}): {violation['help']} {nodes}")


def _close_the_world(context: BrowserContext, live_server_url: str) -> list[str]:
    """Only the live server answers (the exit URL gets a neutral page); anything else is refused and recorded."""
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


class Walk:
    """One visitor's browser page: answers by the visible labels and scans every page it reaches."""

    def __init__(self, page: Page, axe: AxeLog) -> None:
        self.page = page
        self.axe = axe

    def next(self, button: str = "Ga verder") -> None:
        self.page.get_by_role("button", name=button, exact=True).click()
        self.axe.check(self.page)

    def answer(self, *labels: str, button: str = "Ga verder") -> None:
        for label in labels:
            radio = self.page.get_by_role("radio", name=label, exact=True)
            if radio.count():
                radio.check()
            else:
                self.page.get_by_role("checkbox", name=label, exact=True).check()
        self.next(button)

    def h1(self, text: str) -> None:
        expect(self.page.get_by_role("heading", level=1)).to_have_text(text)

    def summary(self, label: str) -> str:
        """The answer on the check-your-answers page for the question `label`."""
        row = self.page.locator(".mp-summary__row").filter(
            has=self.page.locator(".mp-summary__key", has_text=re.compile(f"^{re.escape(label)}$"))
        )
        expect(row).to_have_count(1)
        return row.locator(".mp-summary__value").inner_text()


def _sign_in(page: Page, base_url: str, username: str, next_path: str) -> None:
    """Password, then the authenticator code; the sign-in returns to the page asked for."""
    page.goto(f"{base_url}{next_path}")
    expect(page).to_have_url(re.compile(r"/medewerkers/inloggen"))
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(STAFF_PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    expect(page).to_have_url(re.compile(r"/medewerkers/inloggen/code"))
    page.get_by_label("Vul de code uit uw authenticator-app in").fill(totp_now())
    page.get_by_role("button", name="Doorgaan").click()
    expect(page).to_have_url(f"{base_url}{next_path}")


def test_from_the_guide_to_a_referral_and_back_to_the_parent(live_server, browser: Browser, screenshot_dir: Path):
    """Guide advice names Ouders & Onderwijs; the report keeps the guide's answers; the referral, the partner's
    feedback and the buddy reach the parent's portal; no page has a serious or critical axe violation."""
    organisations_load_if_empty()
    partner_org = Organisation.objects.get(name=PARTNER_NAME)
    partner_org.accepts_referrals = True
    partner_org.save(update_fields=["accepts_referrals"])
    partner = make_staff_user(Role.PARTNER, partner=partner_org, email="adviseur@ouders-onderwijs.example")
    coordinator = make_staff_user(Role.COORDINATOR, first_name="Anouk")
    handler = make_staff_user(Role.HANDLER, first_name="Henk", last_name="de Vries")
    base = live_server.url
    axe = AxeLog()
    contexts: list[tuple[BrowserContext, list[str]]] = []

    def new_page() -> Page:
        context = browser.new_context(locale="nl-NL", viewport=DESKTOP)
        contexts.append((context, _close_the_world(context, base)))
        return context.new_page()

    # The parent: the guide, its advice, and on into the report form.
    page = new_page()
    walk = Walk(page, axe)
    page.goto(f"{base}/wegwijzer/")
    axe.check(page)
    page.get_by_role("link", name="Start de wegwijzer").click()
    axe.check(page)
    walk.answer("Ik ben ouder of verzorger")
    walk.answer("Pesten")
    walk.answer("Nee")  # nobody in danger now
    walk.answer("Gepraat met de leraar of de mentor")
    walk.h1("Hoe ging dat?")
    walk.answer("Het is niet opgelost")
    walk.answer("1 tot 6 maanden")
    walk.answer("Nee, nu helemaal niet")
    walk.h1("Ons advies voor u")
    expect(page.get_by_role("heading", name=PARTNER_NAME)).to_be_visible()
    expect(page.get_by_role("heading", name="Melden bij het meldpunt")).to_be_visible()
    page.screenshot(path=screenshot_dir / "signpost-advice.png", full_page=True)

    walk.next("Melding maken bij het meldpunt")
    walk.h1("Op welke school gebeurt het?")
    expect(page.get_by_text("Uw antwoorden uit de wegwijzer zijn overgenomen.")).to_be_visible()
    walk.answer("Ik zeg liever niet welke school")
    walk.answer("Basisschool")
    # Role, danger and subject came from the guide: the wizard goes straight on to what happened.
    walk.h1("Wat is er gebeurd?")
    page.get_by_label("Wat is er gebeurd?").fill(DESCRIPTION)
    walk.next()
    walk.next()  # since when: optional, left empty
    # Steps taken and attendance came from the guide too.
    walk.h1("Sinds wanneer gaat uw kind niet naar school?")
    absent_since = timezone.localdate() - dt.timedelta(days=30)
    page.get_by_label("Dag", exact=True).fill(str(absent_since.day))
    page.get_by_label("Maand", exact=True).fill(str(absent_since.month))
    page.get_by_label("Jaar", exact=True).fill(str(absent_since.year))
    walk.next()
    asked: list[str] = []
    while page.get_by_role("heading", level=1).inner_text() != "Controleer uw antwoorden":
        heading = page.get_by_role("heading", level=1).inner_text()
        asked.append(heading)
        if page.get_by_role("radio", name="Ja, dat mag", exact=True).count():
            walk.answer("Ja, dat mag")  # consent for a referral
        elif page.get_by_role("radio", name="Nee, de school mag niet weten wie ik ben", exact=True).count():
            walk.answer("Nee, de school mag niet weten wie ik ben")
        elif page.get_by_label("E-mailadres (optioneel)").count():
            page.get_by_label("E-mailadres (optioneel)").fill(EMAIL)
            walk.next()
        elif page.get_by_label("Bestanden meesturen (optioneel)").count():
            walk.next()
        else:
            walk.answer("Nee")  # not about someone who works at the school
        assert len(asked) < 8, asked
    for skipped in ("Wie maakt deze melding?", "Is iemand nu in gevaar?", "Waar gaat uw melding over?"):
        assert skipped not in asked, asked
    assert not any(heading.startswith(("Wat heeft u al gedaan", "Gaat uw kind nu naar school")) for heading in asked)

    # The check page shows the answers that came from the guide.
    assert walk.summary("Wie meldt") == "Ik ben ouder of verzorger"
    assert walk.summary("Nu in gevaar") == "Nee"
    assert walk.summary("Onderwerp") == "Pesten"
    assert walk.summary("Al gedaan") == "Gepraat met de leraar of de mentor"
    assert walk.summary("Naar school") == "Nee, nu helemaal niet"
    assert walk.summary("Hulp van een organisatie") == "Ja, dat mag"
    page.screenshot(path=screenshot_dir / "signpost-check.png", full_page=True)
    walk.next("Verstuur melding")
    walk.h1("Melding verstuurd")
    reference = page.locator("[data-reference]").inner_text()
    access_code = page.locator("[data-access-code]").inner_text()
    assert re.fullmatch(r"MSV-\d{4}-\d{6}", reference)
    page.reload()
    expect(page.locator("[data-access-code]")).to_have_count(0)  # shown once
    axe.check(page)

    case = Case.objects.get(reference=reference)
    assert access_code_matches(access_code, case.access_code_hash)
    assert case.reporter_role == "parent" and case.acute_danger is False and case.consent_referral is True
    assert case.attendance == "not_attending" and case.absent_since == absent_since
    case_assign(case=case, coordinator=coordinator, handler=handler)

    # The handler: signs in with the second factor and refers the case with the reporter's consent.
    page = new_page()
    _sign_in(page, base, handler.username, f"/behandeling/zaken/{reference}")
    axe.check(page)
    page.get_by_role("link", name="Doorverwijzingen", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Doorverwijzingen van zaak {reference}")
    axe.check(page)
    page.get_by_role("link", name="Nieuwe doorverwijzing").click()
    axe.check(page)
    page.get_by_label("Organisatie uit het expertisenetwerk", exact=True).check()
    page.get_by_label("Organisatie uit het netwerk", exact=True).select_option(label=PARTNER_NAME)
    expect(page.get_by_label("Wat deelt u met de organisatie?")).to_have_value(re.compile(r"Onderwerp: pesten"))
    expect(page.get_by_label(re.compile(r"^Gegeven bij de melding op"))).to_be_checked()
    page.get_by_role("button", name="Bekijk wat de organisatie ziet").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Controleer de doorverwijzing")
    expect(page.locator("[data-shared-summary]")).not_to_contain_text(EMAIL)
    axe.check(page)
    page.get_by_role("button", name="Versturen").click()
    expect(page.get_by_text("De doorverwijzing is verstuurd.")).to_be_visible()
    axe.check(page)
    referral = Referral.objects.get()
    assert referral.organisation == partner_org

    # The partner: signs in with the second factor, accepts and reports back with a buddy.
    page = new_page()
    _sign_in(page, base, partner.username, "/partner/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Doorverwijzingen naar uw organisatie")
    axe.check(page)
    page.get_by_role("link", name=f"Doorverwijzing {referral.pk}").click()
    expect(page.locator("main")).not_to_contain_text(reference)
    axe.check(page)
    page.get_by_role("button", name="Aannemen").click()
    expect(page.get_by_text("U heeft de doorverwijzing aangenomen.")).to_be_visible()
    axe.check(page)
    page.get_by_role("group", name="Is er contact gelegd met de melder?").get_by_label("Ja", exact=True).check()
    page.get_by_label(re.compile(r"^Wanneer was het eerste contact")).fill(timezone.localdate().strftime("%d-%m-%Y"))
    page.get_by_label("Welke steun biedt u? (optioneel)").fill(SUPPORT)
    page.get_by_role("group", name=re.compile(r"buddy van uw organisatie")).get_by_label("Ja", exact=True).check()
    page.get_by_label("Naam van de buddy (als er een buddy is)").fill(BUDDY)
    page.get_by_role("button", name="Terugmelding opslaan").click()
    expect(page.get_by_text("Uw terugmelding is opgeslagen.")).to_be_visible()
    axe.check(page)

    # The parent: signs in with the reference and the access code and reads the referral and the feedback.
    page = new_page()
    page.goto(f"{base}/mijn-melding/")
    axe.check(page)
    page.get_by_label("Kenmerk").fill(reference)
    page.get_by_label("Toegangscode").fill(access_code)
    page.get_by_role("button", name="Inloggen").click()
    expect(page).to_have_url(f"{base}/mijn-melding/melding")
    section = page.locator("section", has=page.locator("#doorverwijzingen"))
    expect(section.get_by_role("heading", name=PARTNER_NAME)).to_be_visible()
    expect(section).to_contain_text(f"Bekeken door {PARTNER_NAME} op")
    expect(section).to_contain_text("Aangenomen")
    expect(section).to_contain_text("Contact met u")
    expect(section).to_contain_text(re.compile(r"Ja, op \d{1,2} \w+ \d{4}"))
    expect(section).to_contain_text(SUPPORT)
    expect(section).to_contain_text(BUDDY)
    axe.check(page)
    page.screenshot(path=screenshot_dir / "signpost-portal.png", full_page=True)

    for context, third_party in contexts:
        context.close()
        assert third_party == [], f"requests to third parties: {third_party}"
    assert len(axe.pages) >= 25, axe.pages
    assert axe.found == [], "\n".join(axe.found)
