"""Issue 6 from start to finish in the system Chromium: a parent answers the guide, follows the advice into the
report form with the guide's answers carried over, reports with consent for a referral and keeps the access
code; the handler refers the case to Ouders & Onderwijs, the partner accepts and reports back with a buddy,
and the parent reads it all in the portal. Axe checks every page on the way."""

import datetime as dt
import re
from collections.abc import Callable

import pytest
from django.utils import timezone
from playwright.sync_api import BrowserContext, expect

from meldpunt.accounts.constants import Role
from meldpunt.accounts.tests.helpers import make_staff_user
from meldpunt.cases.models import Case
from meldpunt.cases.services import case_assign
from meldpunt.intake.codes import access_code_matches
from meldpunt.network.models import Organisation
from meldpunt.network.services import organisations_load_if_empty
from meldpunt.referrals.models import Referral
from tests.e2e.journeys import AxeLog, Walk, partner_reports_back, save_screenshot, sign_in_reporter, sign_in_staff

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PARTNER_NAME = "Ouders & Onderwijs"
DESCRIPTION = "Mijn dochter wordt al maanden gepest in de klas en durft niet meer naar school."
EMAIL = "ouder.wegwijzer@example.nl"
SUPPORT = "Een adviseur belt de ouder en gaat mee naar het gesprek met de school."
BUDDY = "Bea Buddy"


def test_from_the_guide_to_a_referral_and_back_to_the_parent(live_server, new_context: Callable[..., BrowserContext]):
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

    # The parent: the guide, its advice, and on into the report form.
    page = new_context().new_page()
    walk = Walk(page, base, axe)
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
    save_screenshot(page, "signpost-advice")

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
    save_screenshot(page, "signpost-check")
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
    page = new_context().new_page()
    sign_in_staff(page, base, handler.username, f"/behandeling/zaken/{reference}")
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
    page = new_context().new_page()
    sign_in_staff(page, base, partner.username, "/partner/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Doorverwijzingen naar uw organisatie")
    axe.check(page)
    page.get_by_role("link", name=f"Doorverwijzing {referral.pk}").click()
    expect(page.locator("main")).not_to_contain_text(reference)
    axe.check(page)
    page.get_by_role("button", name="Aannemen").click()
    expect(page.get_by_text("U heeft de doorverwijzing aangenomen.")).to_be_visible()
    axe.check(page)
    partner_reports_back(page, SUPPORT, BUDDY)
    axe.check(page)

    # The parent: signs in with the reference and the access code and reads the referral and the feedback.
    page = new_context().new_page()
    page.goto(f"{base}/mijn-melding/")
    axe.check(page)
    sign_in_reporter(page, base, reference, access_code)
    section = page.locator("section", has=page.locator("#doorverwijzingen"))
    expect(section.get_by_role("heading", name=PARTNER_NAME)).to_be_visible()
    expect(section).to_contain_text(f"Bekeken door {PARTNER_NAME} op")
    expect(section).to_contain_text("Aangenomen")
    expect(section).to_contain_text("Contact met u")
    expect(section).to_contain_text(re.compile(r"Ja, op \d{1,2} \w+ \d{4}"))
    expect(section).to_contain_text(SUPPORT)
    expect(section).to_contain_text(BUDDY)
    axe.check(page)
    save_screenshot(page, "signpost-portal")

    axe.assert_clean(at_least=25)
