"""Issue 5 in the system Chromium: a handler composes, previews and sends an information request; the school
board's contact signs in with a second factor, answers and uploads a PNG; the handler reads the answer.
Axe checks every page on the way (no serious or critical violations)."""

import io
import re
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core import mail
from PIL import Image
from playwright.sync_api import Browser, Page, expect

from meldpunt.accounts.constants import Role
from meldpunt.accounts.tests.helpers import STAFF_PASSWORD, make_staff_user, totp_now
from meldpunt.cases.tests.case_helpers import case_in_investigation
from meldpunt.findings.services import draft_findings_save, draft_findings_send
from meldpunt.investigations.tests.request_helpers import reporter_named
from meldpunt.schoolportal.tests.permission_rows import FINDINGS
from meldpunt.schools.constants import HolidayRegion, Sector
from meldpunt.schools.matching import search_text
from meldpunt.schools.models import Board, School

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SERIOUS = {"serious", "critical"}
SCHOOL_NAME = "BBS de Verwondering"
REPORTER_NAME = "Fatima Zwaan"
SUMMARY = "Fatima Zwaan vertelt dat haar zoon sinds januari in de pauze wordt buitengesloten."
QUESTION = "Wat weet de school van het buitensluiten in de pauze?"
LINK_EMAIL = "bestuur@primairnoord.nl"
ANSWER = "De mentor heeft op 2 maart met de klas gesproken en houdt de pauzes in de gaten."
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


def _school() -> School:
    board, _ = Board.objects.get_or_create(number="20091", defaults={"name": "Stichting Primair Noord"})
    return School.objects.create(
        code="32JK00",
        institution_code="32JK",
        board=board,
        name=SCHOOL_NAME,
        place="ALTEVEER GEM NOORDENVELD",
        municipality="NOORDENVELD",
        province="Drenthe",
        sector=Sector.PO,
        holiday_region=HolidayRegion.NORTH,
        search_text=search_text(
            name=SCHOOL_NAME,
            place="ALTEVEER GEM NOORDENVELD",
            municipality="NOORDENVELD",
            code="32JK00",
            institution_code="32JK",
        ),
    )


def _sign_in(page: Page, base_url: str, username: str, next_path: str) -> None:
    page.goto(f"{base_url}/medewerkers/inloggen?next={next_path}")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(STAFF_PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    expect(page).to_have_url(re.compile(r"/medewerkers/inloggen/code"))
    page.get_by_label("Vul de code uit uw authenticator-app in").fill(totp_now())
    page.get_by_role("button", name="Doorgaan").click()
    expect(page).to_have_url(re.compile(re.escape(next_path) + "$"))


def _png(path: Path) -> Path:
    out = io.BytesIO()
    Image.new("RGB", (16, 16), "orange").save(out, format="PNG")
    path.write_bytes(out.getvalue())
    return path


def test_school_portal_journey(live_server, browser: Browser, tmp_path: Path, screenshot_dir: Path):
    """Compose, preview, send with a link; link and code open the request; TOTP sign-in, upload, answer, findings."""
    axe = AxeLog()
    school = _school()
    handler = make_staff_user(Role.HANDLER, first_name="Henk", last_name="de Vries")
    contact = make_staff_user(Role.SCHOOL_CONTACT, board=school.board, first_name="Sanne")
    case = case_in_investigation(handler, school=school.code)
    reporter_named(case, handler, REPORTER_NAME)
    reference = case.reference
    base = live_server.url
    workspace = f"/behandeling/onderzoek/{reference}/"

    # The handler composes a request, previews what the school will see, and sends it.
    handler_context = browser.new_context(locale="nl-NL")
    page = handler_context.new_page()
    _sign_in(page, base, handler.username, workspace)
    expect(page.get_by_role("heading", level=1)).to_have_text("Onderzoek")
    axe.check(page)
    page.get_by_role("link", name="Nieuw verzoek om informatie").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Nieuw verzoek om informatie")
    axe.check(page)
    page.get_by_label("Samenvatting voor de school").fill(SUMMARY)
    page.get_by_label("Vraag 1", exact=True).fill(QUESTION)
    page.get_by_label(re.compile(r"^E-mailadres van de contactpersoon")).fill(LINK_EMAIL)
    page.get_by_label("Of leg de toestemming nu vast: hoe gaf de melder die?").fill("Telefonisch, bevestigd per e-mail")
    page.get_by_role("button", name="Concept opslaan en bekijken").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Voorbeeld: wat de school ziet")
    main = page.locator("main")
    expect(main).to_contain_text("[naam melder] vertelt dat haar zoon")
    expect(main).not_to_contain_text(REPORTER_NAME)
    expect(main).to_contain_text(QUESTION)
    axe.check(page)
    page.screenshot(path=screenshot_dir / "backoffice-request-preview.png", full_page=True)
    page.get_by_label(re.compile(r"^Stuur ook een eenmalige link")).check()
    page.get_by_role("button", name="Verzoek versturen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Verzoek verstuurd")
    code = page.locator(".mp-code").inner_text().strip()
    assert re.fullmatch(r"[0-9A-Z]{4}-[0-9A-Z]{4}", code)
    axe.check(page)
    page.get_by_role("link", name="Naar het onderzoek").click()
    page.get_by_role("link", name="Betrokkene toevoegen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Betrokkene toevoegen")
    axe.check(page)
    page.goto(f"{base}{workspace}toestemming/nieuw")
    expect(page.get_by_role("heading", level=1)).to_have_text("Toestemming van de melder vastleggen")
    axe.check(page)

    # Someone at the board without an account opens the emailed single-use link with the code from the phone.
    (link_mail,) = [message for message in mail.outbox if message.to == [LINK_EMAIL]]
    link_path = re.search(r"(/school/toegang/\S+)", link_mail.body).group(1)
    link_context = browser.new_context(locale="nl-NL")
    link_page = link_context.new_page()
    link_page.goto(f"{base}{link_path}")
    expect(link_page.get_by_role("heading", level=1)).to_have_text("Code invullen")
    axe.check(link_page)
    link_page.get_by_label("Code").fill(code)
    link_page.get_by_role("button", name="Doorgaan").click()
    expect(link_page.get_by_role("heading", level=1)).to_have_text("Verzoek om informatie")
    expect(link_page.locator("main")).not_to_contain_text(REPORTER_NAME)
    axe.check(link_page)
    link_page.get_by_role("button", name="Uitloggen").click()
    expect(link_page.get_by_role("heading", level=1)).to_have_text("U bent uitgelogd")
    axe.check(link_page)
    link_context.close()

    # The school contact signs in with a password and TOTP and reaches the school portal.
    school_context = browser.new_context(locale="nl-NL")
    school_page = school_context.new_page()
    _sign_in(school_page, base, contact.username, "/school/")
    expect(school_page.get_by_role("heading", level=1)).to_have_text("Schoolportaal")
    axe.check(school_page)
    school_page.get_by_role("link", name=f"Verzoek over {reference}").click()
    expect(school_page.get_by_role("heading", level=1)).to_have_text("Verzoek om informatie")
    school_main = school_page.locator("main")
    expect(school_main).to_contain_text("[naam melder] vertelt dat haar zoon")
    expect(school_main).not_to_contain_text(REPORTER_NAME)
    axe.check(school_page)
    school_page.screenshot(path=screenshot_dir / "school-portal-request.png", full_page=True)

    school_page.get_by_role("link", name="Een document toevoegen").click()
    expect(school_page.get_by_role("heading", level=1)).to_have_text("Document toevoegen")
    axe.check(school_page)
    school_page.get_by_label("Wat is het voor document?").fill("Pauzerooster groep 7")
    school_page.get_by_label(re.compile(r"^Bestand")).set_input_files(str(_png(tmp_path / "rooster.png")))
    school_page.get_by_role("button", name="Document toevoegen").click()
    expect(school_page.get_by_role("heading", level=1)).to_have_text("Verzoek om informatie")
    expect(school_page.get_by_role("link", name="Pauzerooster groep 7")).to_be_visible()
    axe.check(school_page)

    school_page.get_by_label("Uw antwoord op vraag 1").fill(ANSWER)
    school_page.get_by_role("button", name="Alle antwoorden versturen").click()
    expect(school_page.locator("main")).to_contain_text("U heeft de antwoorden verstuurd")
    expect(school_page.locator("main")).to_contain_text(ANSWER)
    axe.check(school_page)

    # Later the draft findings reach the school, which comments on them.
    draft_findings_save(case=case, user=handler, texts=FINDINGS)
    draft_findings_send(case=case, user=handler)
    school_page.goto(f"{base}/school/")
    school_page.get_by_role("link", name=f"Bevindingen over {reference}").click()
    expect(school_page.get_by_role("heading", level=1)).to_have_text(f"Bevindingen over {reference}")
    axe.check(school_page)
    school_page.get_by_label("Uw reactie op de conceptbevindingen").fill("Wij herkennen de feiten.")
    school_page.get_by_role("button", name="Reactie versturen").click()
    expect(school_page.locator("main")).to_contain_text("Wij herkennen de feiten.")
    axe.check(school_page)
    school_context.close()

    # The handler reads the answer and the document.
    page.goto(f"{base}{workspace}")
    expect(page.locator("main")).to_contain_text("Beantwoord")
    page.get_by_role("link", name=re.compile(r"^Verzoek van ")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Verzoek om informatie")
    expect(page.locator("main")).to_contain_text(ANSWER)
    expect(page.get_by_role("link", name="Pauzerooster groep 7")).to_be_visible()
    axe.check(page)
    handler_context.close()

    assert axe.pages >= 16
    assert axe.found == [], "\n".join(axe.found)
