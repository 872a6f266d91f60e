"""Issue 5 (parts 4 and 5) in the system Chromium: the handler writes draft findings and sends them to both
sides, the reporter comments in the portal, the findings become final with a PDF, the handler makes an
action plan of two agreements and the reporter answers one. Axe checks every page on the way."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import Browser, expect

from meldpunt.accounts.constants import Role
from meldpunt.accounts.tests.helpers import make_staff_user
from meldpunt.cases.models import Case
from meldpunt.cases.services import case_start_intake, case_start_investigation
from meldpunt.findings.constants import Side
from meldpunt.findings.services import findings_comment_add
from meldpunt.portal.tests.factories import submit_report
from meldpunt.privacy.actors import Actor, ActorKind
from meldpunt.schools.models import School
from tests.e2e.journeys import AxeLog, sign_in_reporter, sign_in_staff

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_hearing_both_sides_and_action_plan(live_server, browser: Browser, school: School):
    """Draft to both sides, both comment, final PDF, two agreements, and the reporter's answer; no serious axe issue."""
    submitted = submit_report(
        reporter_role="parent",
        description="Mijn dochter wordt gepest.",
        attendance="attending",
        school=school.code,
        contact={"email": "ouder@example.nl"},
    )
    case = submitted.case
    handler = make_staff_user(Role.HANDLER, first_name="Henk", last_name="de Vries")
    contact = make_staff_user(Role.SCHOOL_CONTACT, board=school.board)
    Case.objects.filter(pk=case.pk).update(assigned_handler=handler)
    case.refresh_from_db()
    case_start_intake(case=case, actor=handler)
    case_start_investigation(case=case, actor=handler)
    base = live_server.url
    axe = AxeLog()

    staff = browser.new_context(locale="nl-NL").new_page()
    sign_in_staff(staff, base, handler.username)
    staff.goto(f"{base}/behandeling/bevindingen/{case.reference}/")
    expect(staff.get_by_role("heading", level=1)).to_have_text(f"Bevindingen, zaak {case.reference}")
    axe.check(staff)
    staff.get_by_label("Vastgestelde feiten").fill("De melder is drie keer uitgescholden in de pauze.")
    staff.get_by_label("Beoordeling", exact=True).fill("De school heeft te weinig gedaan.")
    staff.get_by_role("button", name="Concept bewaren").click()
    staff.get_by_role("link", name="Bekijk het concept zoals de melder en de school het lezen").click()
    expect(staff.get_by_text("drie keer uitgescholden")).to_be_visible()
    axe.check(staff)
    staff.go_back()
    staff.get_by_role("button", name="Verstuur naar de melder en het schoolbestuur").click()
    expect(staff.get_by_role("heading", name="Reacties van beide kanten")).to_be_visible()

    reporter = browser.new_context(locale="nl-NL").new_page()
    sign_in_reporter(reporter, base, case.reference, submitted.access_code)
    reporter.get_by_role("link", name="Naar de bevindingen").click()
    expect(reporter.get_by_role("heading", level=1)).to_have_text("Bevindingen")
    axe.check(reporter)
    reporter.get_by_label("Uw reactie op de conceptbevindingen").fill("Het was vier keer, niet drie.")
    reporter.get_by_role("button", name="Reactie versturen").click()
    expect(reporter.get_by_text("Het was vier keer, niet drie.")).to_be_visible()
    findings_comment_add(
        case=case, side=Side.SCHOOL, body="Wij wisten het niet.", actor=Actor(kind=ActorKind.SCHOOL, user=contact)
    )

    staff.reload()
    expect(staff.get_by_text("Het was vier keer, niet drie.")).to_be_visible()
    expect(staff.get_by_text("Wij wisten het niet.")).to_be_visible()
    staff.get_by_label("Wat is veranderd ten opzichte van het concept, en waarom?").fill(
        "Het aantal keer is vier, na de reactie van de melder."
    )
    staff.get_by_role("button", name="Maak de bevindingen definitief").click()
    expect(staff.get_by_role("heading", name="Definitieve bevindingen (ronde 1)")).to_be_visible()
    axe.check(staff)

    reporter.reload()
    with reporter.expect_download() as download:
        reporter.get_by_role("link", name="Download de bevindingen als PDF").click()
    assert download.value.suggested_filename == f"bevindingen-{case.reference}.pdf"

    staff.goto(f"{base}/behandeling/interventies/{case.reference}/")
    axe.check(staff)
    for description, owner in (
        ("De mentor belt elke week met de ouder.", "Schoolbestuur"),
        ("Het meldpunt belt na.", "Meldpunt"),
    ):
        form = staff.locator("form").filter(has=staff.get_by_role("button", name="Afspraak toevoegen"))
        form.get_by_label("Wat is afgesproken?").fill(description)
        form.get_by_label(owner, exact=True).check()
        form.get_by_label("Uiterlijk op").fill((timezone.localdate() + timezone.timedelta(days=14)).isoformat())
        form.get_by_role("button", name="Afspraak toevoegen").click()
    expect(staff.locator("#afspraken").locator("..").locator("tbody tr")).to_have_count(2)
    axe.check(staff)

    reporter.goto(f"{base}/mijn-melding/afspraken/")
    axe.check(reporter)
    first = reporter.locator("article").first
    first.get_by_label("Ja").check()
    first.get_by_role("button", name=re.compile("Antwoord versturen")).click()
    expect(reporter.get_by_text("Ja, het is gebeurd")).to_be_visible()
    axe.assert_clean()
