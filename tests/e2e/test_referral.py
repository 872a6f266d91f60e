"""Issue 6 (referrals) in the system Chromium: the handler refers a case with the reporter's consent after
checking exactly what the partner will see; the partner signs in with a second factor, accepts and
reports back with a buddy; the handler links the buddy; the reporter sees it all in the portal.
Axe checks every page on the way."""

import re
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core import mail
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect

from meldpunt.accounts.tests.helpers import STAFF_PASSWORD, make_staff_user, totp_now
from meldpunt.cases.models import Case
from meldpunt.cases.services import case_start_intake
from meldpunt.intake.services import SubmittedReport, report_submit
from meldpunt.intake.validation import SchoolFacts, report_validate
from meldpunt.network.models import Organisation
from meldpunt.referrals.models import Referral

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SERIOUS = {"serious", "critical"}
EMAIL = "moeder.melder@example.nl"
PHONE = "06 11223344"
DESCRIPTION = "Mijn zoon wordt uitgescholden om zijn afkomst en de school grijpt niet in."
ORGANISATION = "Stichting Steun op School"
SUMMARY_EXTRA = f"Moeder ({EMAIL}, {PHONE}) wil graag hulp bij het gesprek met het bestuur."
SUPPORT = "Twee gesprekken met een ervaringsdeskundige ouder."
BUDDY = "Bram Buddy"
_axe = Axe()


class AxeLog:
    """Serious or critical axe violations per page, asserted together at the end of the journey."""

    def __init__(self) -> None:
        self.found: list[str] = []
        self.pages = 0

    def check(self, page: Page) -> None:
        self.pages += 1
        for violation in _axe.run(page).response["violations"]:
            if violation.get("impact") in SERIOUS:
                nodes = [node["html"] for node in violation["nodes"]][:2]
                self.found.append(f"{page.url}: {violation['id']} ({violation['impact']}): {violation['help']} {nodes}")


def _submit() -> SubmittedReport:
    body = {
        "reporter_role": "parent",
        "categories": ["discrimination"],
        "description": DESCRIPTION,
        "attendance": "attending",
        "acute_danger": False,
        "contact": {"email": EMAIL, "phone": PHONE},
        "share_identity_with_school": False,
        "consent_referral": True,
        "language": "nl",
    }
    report, errors = report_validate(body, today=timezone.localdate(), school_lookup=lambda c: SchoolFacts(c, "po"))
    assert errors == {} and report is not None
    return report_submit(report=report)


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


def test_referral_journey(live_server, browser: Browser, screenshot_dir: Path):
    """Refer with consent after a redacted preview; the partner accepts and reports back; the reporter sees it."""
    axe = AxeLog()
    base = live_server.url
    submitted = _submit()
    case = submitted.case
    reference = case.reference
    handler = make_staff_user("handler", first_name="Henk", last_name="de Vries")
    Case.objects.filter(pk=case.pk).update(assigned_handler=handler)
    case.refresh_from_db()
    case_start_intake(case=case, actor=handler)
    organisation = Organisation.objects.create(
        slug="steun-op-school", name=ORGANISATION, description_nl="Steun voor ouders.", accepts_referrals=True
    )
    partner = make_staff_user("partner", partner=organisation, email="partner@steun.example")
    mail.outbox.clear()

    # The handler: from the case page to the referral form, the preview and Send.
    handler_context = browser.new_context(locale="nl-NL")
    page = handler_context.new_page()
    _sign_in(page, base, handler.username, f"/behandeling/zaken/{reference}")
    page.get_by_role("link", name="Doorverwijzingen", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Doorverwijzingen van zaak {reference}")
    axe.check(page)
    page.get_by_role("link", name="Nieuwe doorverwijzing").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Nieuwe doorverwijzing, zaak {reference}")
    axe.check(page)
    page.get_by_label("Organisatie uit het expertisenetwerk", exact=True).check()
    page.get_by_label("Organisatie uit het netwerk", exact=True).select_option(label=ORGANISATION)
    summary = page.get_by_label("Wat deelt u met de organisatie?")
    expect(summary).to_have_value(re.compile(r"Onderwerp: discriminatie"))
    summary.fill(summary.input_value() + " " + SUMMARY_EXTRA)
    expect(page.get_by_label(re.compile(r"^Gegeven bij de melding op"))).to_be_checked()
    page.get_by_role("button", name="Bekijk wat de organisatie ziet").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Controleer de doorverwijzing")
    shared = page.locator("[data-shared-summary]")
    expect(shared).to_contain_text("[e-mailadres weggelaten]")
    expect(shared).to_contain_text("[telefoonnummer weggelaten]")
    expect(shared).not_to_contain_text(EMAIL)
    axe.check(page)
    page.screenshot(path=screenshot_dir / "referral-preview.png", full_page=True)
    page.get_by_role("button", name="Versturen").click()
    expect(page.get_by_text("De doorverwijzing is verstuurd.")).to_be_visible()
    expect(page.locator("main")).to_contain_text(ORGANISATION)
    axe.check(page)
    referral = Referral.objects.get()
    assert sorted(message.to[0] for message in mail.outbox) == sorted([partner.email, EMAIL])
    assert all(reference not in m.body and DESCRIPTION not in m.body for m in mail.outbox)

    # The partner: signs in with the second factor, opens, accepts and reports back with a buddy.
    partner_context = browser.new_context(locale="nl-NL")
    partner_page = partner_context.new_page()
    _sign_in(partner_page, base, partner.username, "/partner/")
    expect(partner_page.get_by_role("heading", level=1)).to_have_text("Doorverwijzingen naar uw organisatie")
    axe.check(partner_page)
    partner_page.get_by_role("link", name=f"Doorverwijzing {referral.pk}").click()
    expect(partner_page.locator("[data-shared-summary]")).to_contain_text("wil graag hulp bij het gesprek")
    expect(partner_page.locator("main")).not_to_contain_text(reference)
    axe.check(partner_page)
    partner_page.get_by_role("button", name="Aannemen").click()
    expect(partner_page.get_by_text("U heeft de doorverwijzing aangenomen.")).to_be_visible()
    axe.check(partner_page)
    partner_page.get_by_role("group", name="Is er contact gelegd met de melder?").get_by_label("Ja", exact=True).check()
    partner_page.get_by_label(re.compile(r"^Wanneer was het eerste contact")).fill(
        timezone.localdate().strftime("%d-%m-%Y")
    )
    partner_page.get_by_label("Welke steun biedt u? (optioneel)").fill(SUPPORT)
    partner_page.get_by_role("group", name=re.compile(r"buddy van uw organisatie")).get_by_label(
        "Ja", exact=True
    ).check()
    partner_page.get_by_label("Naam van de buddy (als er een buddy is)").fill(BUDDY)
    partner_page.get_by_label("E-mailadres van de buddy (optioneel)").fill("bram@steun.example")
    partner_page.get_by_role("button", name="Terugmelding opslaan").click()
    expect(partner_page.get_by_text("Uw terugmelding is opgeslagen.")).to_be_visible()
    axe.check(partner_page)
    partner_page.screenshot(path=screenshot_dir / "partner-referral.png", full_page=True)
    partner_context.close()

    # The handler sees the feedback and links the buddy as the reporter's support person.
    page.goto(f"{base}/behandeling/doorverwijzingen/{reference}/")
    expect(page.locator("main")).to_contain_text(SUPPORT)
    page.get_by_role("button", name="Koppel de buddy als steunpersoon van de melder").click()
    expect(page.get_by_text("De buddy is gekoppeld als steunpersoon.")).to_be_visible()
    axe.check(page)
    handler_context.close()
    buddy_mail = [message for message in mail.outbox if "bram@steun.example" in message.to]
    assert len(buddy_mail) == 1 and reference not in buddy_mail[0].body
    referral.refresh_from_db()
    assert referral.buddy_access_code not in buddy_mail[0].body

    # The reporter sees with whom what was shared, who opened it, the feedback and the buddy's sign-in.
    reporter_context = browser.new_context(locale="nl-NL")
    reporter_page = reporter_context.new_page()
    reporter_page.goto(f"{base}/mijn-melding/")
    reporter_page.get_by_label("Kenmerk").fill(reference)
    reporter_page.get_by_label("Toegangscode").fill(submitted.access_code)
    reporter_page.get_by_role("button", name="Inloggen").click()
    expect(reporter_page).to_have_url(f"{base}/mijn-melding/melding")
    section = reporter_page.locator("section", has=reporter_page.locator("#doorverwijzingen"))
    expect(section.get_by_role("heading", name=ORGANISATION)).to_be_visible()
    expect(section).to_contain_text(f"Bekeken door {ORGANISATION} op")
    expect(section).to_contain_text("Aangenomen")
    expect(section).to_contain_text(SUPPORT)
    expect(section).to_contain_text(BUDDY)
    expect(section.locator("[data-buddy-code]")).to_have_text(referral.buddy_access_code)
    section.get_by_text("Lees wat er is gedeeld").click()
    expect(section).to_contain_text("wil graag hulp bij het gesprek met het bestuur")
    axe.check(reporter_page)
    reporter_page.screenshot(path=screenshot_dir / "portal-referrals.png", full_page=True)
    reporter_context.close()

    assert axe.pages >= 9
    assert axe.found == [], "\n".join(axe.found)
