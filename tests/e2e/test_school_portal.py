"""Issue 5 in the system Chromium: a handler composes, previews and sends an information request; the school
board's contact signs in with a second factor, answers and uploads a PNG; the handler reads the answer.
Axe checks every page on the way (no serious or critical violations)."""

import re
from pathlib import Path

import pytest
from django.core import mail
from playwright.sync_api import Browser, expect

from meldpunt.accounts.constants import Role
from meldpunt.accounts.tests.helpers import make_staff_user
from meldpunt.cases.tests.case_helpers import case_in_investigation
from meldpunt.findings.services import draft_findings_save, draft_findings_send
from meldpunt.investigations.tests.request_helpers import reporter_named
from meldpunt.schoolportal.tests.permission_rows import FINDINGS
from meldpunt.schools.models import School
from tests.e2e.journeys import AxeLog, png_file, save_screenshot, sign_in_staff

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

REPORTER_NAME = "Fatima Zwaan"
SUMMARY = "Fatima Zwaan vertelt dat haar zoon sinds januari in de pauze wordt buitengesloten."
QUESTION = "Wat weet de school van het buitensluiten in de pauze?"
LINK_EMAIL = "bestuur@primairnoord.nl"
ANSWER = "De mentor heeft op 2 maart met de klas gesproken en houdt de pauzes in de gaten."


def test_school_portal_journey(live_server, browser: Browser, school: School, tmp_path: Path):
    """Compose, preview, send with a link; link and code open the request; TOTP sign-in, upload, answer, findings."""
    axe = AxeLog()
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
    sign_in_staff(page, base, handler.username, workspace)
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
    save_screenshot(page, "backoffice-request-preview")
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
    sign_in_staff(school_page, base, contact.username, "/school/")
    expect(school_page.get_by_role("heading", level=1)).to_have_text("Schoolportaal")
    axe.check(school_page)
    school_page.get_by_role("link", name=f"Verzoek over {reference}").click()
    expect(school_page.get_by_role("heading", level=1)).to_have_text("Verzoek om informatie")
    school_main = school_page.locator("main")
    expect(school_main).to_contain_text("[naam melder] vertelt dat haar zoon")
    expect(school_main).not_to_contain_text(REPORTER_NAME)
    axe.check(school_page)
    save_screenshot(school_page, "school-portal-request")

    school_page.get_by_role("link", name="Een document toevoegen").click()
    expect(school_page.get_by_role("heading", level=1)).to_have_text("Document toevoegen")
    axe.check(school_page)
    school_page.get_by_label("Wat is het voor document?").fill("Pauzerooster groep 7")
    school_page.get_by_label(re.compile(r"^Bestand")).set_input_files(str(png_file(tmp_path / "rooster.png", "orange")))
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

    axe.assert_clean(at_least=16)
