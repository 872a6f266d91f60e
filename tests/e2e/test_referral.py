"""Issue 6 (referrals) in the system Chromium: the handler refers a case with the reporter's consent after
checking exactly what the partner will see; the partner signs in with a second factor, accepts and
reports back with a buddy; the handler links the buddy; the reporter sees it all in the portal.
Axe checks every page on the way."""

import re

import pytest
from django.core import mail
from playwright.sync_api import Browser, expect

from meldpunt.accounts.tests.helpers import make_staff_user
from meldpunt.cases.models import Case
from meldpunt.cases.services import case_start_intake
from meldpunt.network.models import Organisation
from meldpunt.portal.tests.factories import submit_report
from meldpunt.referrals.models import Referral
from tests.e2e.journeys import AxeLog, partner_reports_back, save_screenshot, sign_in_reporter, sign_in_staff

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

EMAIL = "moeder.melder@example.nl"
PHONE = "06 11223344"
DESCRIPTION = "Mijn zoon wordt uitgescholden om zijn afkomst en de school grijpt niet in."
ORGANISATION = "Stichting Steun op School"
SUMMARY_EXTRA = f"Moeder ({EMAIL}, {PHONE}) wil graag hulp bij het gesprek met het bestuur."
SUPPORT = "Twee gesprekken met een ervaringsdeskundige ouder."
BUDDY = "Bram Buddy"


def test_referral_journey(live_server, browser: Browser):
    """Refer with consent after a redacted preview; the partner accepts and reports back; the reporter sees it."""
    axe = AxeLog()
    base = live_server.url
    submitted = submit_report(
        reporter_role="parent",
        categories=["discrimination"],
        description=DESCRIPTION,
        attendance="attending",
        acute_danger=False,
        contact={"email": EMAIL, "phone": PHONE},
        share_identity_with_school=False,
        consent_referral=True,
        language="nl",
    )
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
    sign_in_staff(page, base, handler.username, f"/behandeling/zaken/{reference}")
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
    save_screenshot(page, "referral-preview")
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
    sign_in_staff(partner_page, base, partner.username, "/partner/")
    expect(partner_page.get_by_role("heading", level=1)).to_have_text("Doorverwijzingen naar uw organisatie")
    axe.check(partner_page)
    partner_page.get_by_role("link", name=f"Doorverwijzing {referral.pk}").click()
    expect(partner_page.locator("[data-shared-summary]")).to_contain_text("wil graag hulp bij het gesprek")
    expect(partner_page.locator("main")).not_to_contain_text(reference)
    axe.check(partner_page)
    partner_page.get_by_role("button", name="Aannemen").click()
    expect(partner_page.get_by_text("U heeft de doorverwijzing aangenomen.")).to_be_visible()
    axe.check(partner_page)
    partner_reports_back(partner_page, SUPPORT, BUDDY, buddy_email="bram@steun.example")
    axe.check(partner_page)
    save_screenshot(partner_page, "partner-referral")
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
    sign_in_reporter(reporter_page, base, reference, submitted.access_code)
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
    save_screenshot(reporter_page, "portal-referrals")
    reporter_context.close()

    axe.assert_clean(at_least=9)
