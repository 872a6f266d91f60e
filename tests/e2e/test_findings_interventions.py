"""Issue 5 (parts 4 and 5) in the system Chromium: the handler writes draft findings and sends them to both
sides, the reporter comments in the portal, the findings become final with a PDF, the handler makes an
action plan of two agreements and the reporter answers one. Axe checks every page on the way."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect

from meldpunt.accounts.constants import Role
from meldpunt.accounts.tests.helpers import STAFF_PASSWORD, make_staff_user, totp_now
from meldpunt.cases.models import Case
from meldpunt.cases.services import case_start_intake, case_start_investigation
from meldpunt.findings.constants import Side
from meldpunt.findings.services import findings_comment_add
from meldpunt.intake.services import report_submit
from meldpunt.intake.validation import SchoolFacts, report_validate
from meldpunt.privacy.actors import Actor, ActorKind
from meldpunt.schools.constants import Sector
from meldpunt.schools.models import Board, School

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SERIOUS = {"serious", "critical"}
_axe = Axe()


def _axe_problems(page: Page) -> list[str]:
    return [
        f"{page.url}: {v['id']} ({v['impact']}): {v['help']}"
        for v in _axe.run(page).response["violations"]
        if v.get("impact") in SERIOUS
    ]


def _sign_in(page: Page, base: str, username: str) -> None:
    page.goto(f"{base}/medewerkers/inloggen")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(STAFF_PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.get_by_label("Vul de code uit uw authenticator-app in").fill(totp_now())
    page.get_by_role("button", name="Doorgaan").click()
    expect(page).to_have_url(re.compile(r"/medewerkers/$"))


def test_hearing_both_sides_and_action_plan(live_server, browser: Browser):
    """Draft to both sides, both comment, final PDF, two agreements, and the reporter's answer; no serious axe issue."""
    board = Board.objects.create(number="20091", name="Stichting Voorbeeld")
    school = School.objects.create(
        code="32JK00",
        institution_code="32JK",
        board=board,
        name="BBS de Verwondering",
        place="ALTEVEER",
        sector=Sector.PO,
    )
    report, errors = report_validate(
        {
            "reporter_role": "parent",
            "categories": ["bullying_psychological"],
            "description": "Mijn dochter wordt gepest.",
            "attendance": "attending",
            "acute_danger": False,
            "school": school.code,
            "contact": {"email": "ouder@example.nl"},
            "language": "nl",
        },
        today=timezone.localdate(),
        school_lookup=lambda code: SchoolFacts(code, "po"),
    )
    assert errors == {} and report is not None
    submitted = report_submit(report=report)
    case = submitted.case
    handler = make_staff_user(Role.HANDLER, first_name="Henk", last_name="de Vries")
    contact = make_staff_user(Role.SCHOOL_CONTACT, board=board)
    Case.objects.filter(pk=case.pk).update(assigned_handler=handler)
    case.refresh_from_db()
    case_start_intake(case=case, actor=handler)
    case_start_investigation(case=case, actor=handler)
    base = live_server.url
    problems: list[str] = []

    staff = browser.new_context(locale="nl-NL").new_page()
    _sign_in(staff, base, handler.username)
    staff.goto(f"{base}/behandeling/bevindingen/{case.reference}/")
    expect(staff.get_by_role("heading", level=1)).to_have_text(f"Bevindingen, zaak {case.reference}")
    problems += _axe_problems(staff)
    staff.get_by_label("Vastgestelde feiten").fill("De melder is drie keer uitgescholden in de pauze.")
    staff.get_by_label("Beoordeling", exact=True).fill("De school heeft te weinig gedaan.")
    staff.get_by_role("button", name="Concept bewaren").click()
    staff.get_by_role("link", name="Bekijk het concept zoals de melder en de school het lezen").click()
    expect(staff.get_by_text("drie keer uitgescholden")).to_be_visible()
    problems += _axe_problems(staff)
    staff.go_back()
    staff.get_by_role("button", name="Verstuur naar de melder en het schoolbestuur").click()
    expect(staff.get_by_role("heading", name="Reacties van beide kanten")).to_be_visible()

    reporter = browser.new_context(locale="nl-NL").new_page()
    reporter.goto(f"{base}/mijn-melding/")
    reporter.get_by_label("Kenmerk").fill(case.reference)
    reporter.get_by_label("Toegangscode").fill(submitted.access_code)
    reporter.get_by_role("button", name=re.compile("Inloggen|Bekijk")).click()
    reporter.get_by_role("link", name="Naar de bevindingen").click()
    expect(reporter.get_by_role("heading", level=1)).to_have_text("Bevindingen")
    problems += _axe_problems(reporter)
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
    problems += _axe_problems(staff)

    reporter.reload()
    with reporter.expect_download() as download:
        reporter.get_by_role("link", name="Download de bevindingen als PDF").click()
    assert download.value.suggested_filename == f"bevindingen-{case.reference}.pdf"

    staff.goto(f"{base}/behandeling/interventies/{case.reference}/")
    problems += _axe_problems(staff)
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
    problems += _axe_problems(staff)

    reporter.goto(f"{base}/mijn-melding/afspraken/")
    problems += _axe_problems(reporter)
    first = reporter.locator("article").first
    first.get_by_label("Ja").check()
    first.get_by_role("button", name=re.compile("Antwoord versturen")).click()
    expect(reporter.get_by_text("Ja, het is gebeurd")).to_be_visible()
    assert problems == []
