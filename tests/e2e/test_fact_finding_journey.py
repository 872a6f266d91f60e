"""Issue 5's main "done when", end to end in the system Chromium: an information request, the school's answer
and upload, an interview and evidence, draft findings to both sides and both comments, the final findings PDF,
an action plan of two agreements of which one goes overdue, closing, the 4-week follow-up question and a
reported retaliation that tops the coordinator's queue. The school never sees who reported or what it may
not see: not on any page, not in any download. Axe checks every page on the way."""

import datetime as dt
import io
import re
from pathlib import Path

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import Browser, Download, Page, expect
from pypdf import PdfReader

from meldpunt.accounts.constants import Role
from meldpunt.accounts.tests.helpers import make_staff_user
from meldpunt.cases.deadlines import local_date, next_working_day_on_or_after
from meldpunt.cases.models import Case
from meldpunt.cases.services import case_assign, case_start_intake, case_start_investigation, follow_ups_ask
from meldpunt.interventions.services import agreements_follow_up
from meldpunt.portal.tests.factories import submit_report
from tests.e2e.journeys import AxeLog, png_file, save_screenshot, sign_in_reporter, sign_in_staff

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

REPORTER_NAME = "Fatima Zwaan"
REPORTER_EMAIL = "fatima.zwaan@example.nl"
UNSHARED = "Zijn oom werkt als conciërge op de school en weet alles van de camerabeelden."
DESCRIPTION = f"Ik ben {REPORTER_NAME}. Mijn zoon Daan wordt sinds januari in de pauze buitengesloten. {UNSHARED}"
SUMMARY = f"{REPORTER_NAME} vertelt dat haar zoon sinds januari in de pauze wordt buitengesloten door klasgenoten."
QUESTION = "Wat weet de school van het buitensluiten in de pauze, en wat heeft de mentor gedaan?"
ANSWER = "De mentor heeft op 2 maart met de klas gesproken en houdt de pauzes sindsdien in de gaten."
SCHOOL_DOCUMENT = "Pauzerooster groep 7"
EVIDENCE_TITLE = "Schermafbeelding van de groepsapp van de klas"
INTERVIEW_SUMMARY = "De melder vertelt dat Daan elke dag alleen op het plein staat en niet meer wil eten."
FACTS = "De leerling is sinds januari meerdere keren buitengesloten in de pauze."
DISPUTED = "Of de mentor het buitensluiten zelf heeft gezien, staat niet vast."
ASSESSMENT = "De school heeft te laat en te weinig gedaan om het buitensluiten te stoppen."
RECOMMENDATION = "Maak een pauzeplan met vaste toezichthouders en bespreek het elke maand met de ouder."
REPORTER_COMMENT = "Het gebeurde ook in de gymles, niet alleen in de pauze."
SCHOOL_COMMENT = "Wij herkennen de feiten en maken het pauzeplan voor de kerstvakantie."
AGREEMENT_SCHOOL = "De school maakt een pauzeplan met vaste toezichthouders."
AGREEMENT_MELDPUNT = "Het meldpunt belt de ouder na over het pauzeplan."
RETALIATION = "Mijn dochter Noor mag sinds de melding niet meer mee op schoolreis."
# What the school may never read: the reporter's name and everything the meldpunt did not share with it.
NEVER_FOR_SCHOOL = (REPORTER_NAME, UNSHARED, EVIDENCE_TITLE, INTERVIEW_SUMMARY, REPORTER_COMMENT)


class SchoolSeen:
    """Everything the school contact could read: the HTML of each page and the text of each download."""

    def __init__(self, axe: AxeLog) -> None:
        self.axe = axe
        self.texts: dict[str, str] = {}

    def page(self, page: Page) -> None:
        self.axe.check(page)
        self.texts[f"page {len(self.texts)}: {page.url}"] = page.content()

    def download(self, download: Download) -> bytes:
        data = Path(download.path()).read_bytes()
        text = _pdf_text(data) if data.startswith(b"%PDF") else data.decode("latin-1")
        self.texts[f"download {len(self.texts)}: {download.suggested_filename}"] = text
        return data

    def leaks(self) -> list[str]:
        return [
            f"{where}: {secret!r}"
            for where, text in self.texts.items()
            for secret in NEVER_FOR_SCHOOL
            if secret in text
        ]


def _pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def _step(page: Page, label: str, fill: dict[str, str] | None = None, check: tuple[str, ...] = ()) -> None:
    """Take one workflow step from the case page's "Wat u nu kunt doen" section."""
    actions = page.locator("#acties").locator("..")
    actions.locator("summary", has_text=label).click()
    form = actions.locator("details").filter(has=page.locator("summary", has_text=label)).locator("form")
    for field, value in (fill or {}).items():
        form.get_by_label(field).fill(value)
    for option in check:
        form.get_by_label(option, exact=True).check()
    form.get_by_role("button", name=label, exact=True).click()
    expect(page.get_by_text(f"De stap ‘{label}’ is gezet.")).to_be_visible()


def _queue_references(page: Page) -> list[str]:
    return page.locator("#zaken").locator("..").locator("tbody tr th[scope=row]").all_inner_texts()


def test_fact_finding_to_follow_up_journey(live_server, browser: Browser, school, tmp_path: Path):
    """Request, answers, evidence, both sides heard, final PDF, overdue agreement, closing, retaliation on top."""
    axe = AxeLog()
    seen = SchoolSeen(axe)
    base = live_server.url
    submitted = submit_report(
        reporter_role="parent",
        categories=["bullying_psychological"],
        description=DESCRIPTION,
        attendance="attending",
        acute_danger=False,
        school=school.code,
        contact={"email": REPORTER_EMAIL},
        share_identity_with_school=False,
        language="nl",
    )
    reference = submitted.case.reference
    # Another open case, urgent on every count but retaliation: the retaliation case must still come first.
    other = submit_report(
        reporter_role="pupil",
        categories=["physical_violence"],
        description="Ik word elke dag geslagen en ik durf niet meer naar school.",
        attendance="not_attending",
        absent_since=(local_date(timezone.now()) - dt.timedelta(weeks=8)).isoformat(),
        acute_danger=True,
        school=school.code,
        contact={},
        language="nl",
    ).case
    coordinator = make_staff_user(Role.COORDINATOR, first_name="Anouk", last_name="Smit")
    handler = make_staff_user(Role.HANDLER, first_name="Henk", last_name="de Vries")
    contact = make_staff_user(Role.SCHOOL_CONTACT, board=school.board, first_name="Sanne", last_name="Bos")
    case = case_assign(case=submitted.case, coordinator=coordinator, handler=handler)
    case = case_start_intake(case=case, actor=handler)
    case_start_investigation(case=case, actor=handler)
    workspace = f"/behandeling/onderzoek/{reference}/"

    # The handler records the reporter's name, learned on the phone, on the reporter's party.
    staff = browser.new_context(locale="nl-NL").new_page()
    sign_in_staff(staff, base, handler.username, workspace)
    expect(staff.get_by_role("heading", level=1)).to_have_text("Onderzoek")
    axe.check(staff)
    staff.locator("#betrokkenen").locator("..").get_by_role("link", name="Melder", exact=True).click()
    expect(staff.get_by_role("heading", level=1)).to_have_text("Betrokkene aanpassen: Melder")
    axe.check(staff)
    staff.get_by_label("Naam (niet verplicht)").fill(REPORTER_NAME)
    staff.get_by_role("button", name="Opslaan").click()
    expect(staff.locator("#betrokkenen").locator("..")).to_contain_text(REPORTER_NAME)
    axe.check(staff)

    # The information request: compose, preview what the school will see, send.
    staff.get_by_role("link", name="Nieuw verzoek om informatie").click()
    expect(staff.get_by_role("heading", level=1)).to_have_text("Nieuw verzoek om informatie")
    axe.check(staff)
    staff.get_by_label("Samenvatting voor de school").fill(SUMMARY)
    staff.get_by_label("Vraag 1", exact=True).fill(QUESTION)
    staff.get_by_label("Of leg de toestemming nu vast: hoe gaf de melder die?").fill(
        "Telefonisch, bevestigd per e-mail"
    )
    staff.get_by_role("button", name="Concept opslaan en bekijken").click()
    expect(staff.get_by_role("heading", level=1)).to_have_text("Voorbeeld: wat de school ziet")
    expect(staff.locator("main")).to_contain_text("[naam melder] vertelt dat haar zoon")
    expect(staff.locator("main")).not_to_contain_text(REPORTER_NAME)
    axe.check(staff)
    staff.get_by_role("button", name="Verzoek versturen").click()
    expect(staff.get_by_role("heading", level=1)).to_have_text("Verzoek verstuurd")
    axe.check(staff)

    # The school contact signs in with a second factor, sees only the shared summary, uploads and answers.
    school_page = browser.new_context(locale="nl-NL").new_page()
    sign_in_staff(school_page, base, contact.username, "/school/")
    expect(school_page.get_by_role("heading", level=1)).to_have_text("Schoolportaal")
    seen.page(school_page)
    school_page.get_by_role("link", name=f"Verzoek over {reference}").click()
    expect(school_page.get_by_role("heading", level=1)).to_have_text("Verzoek om informatie")
    expect(school_page.locator("main")).to_contain_text("[naam melder] vertelt dat haar zoon")
    expect(school_page.locator("main")).to_contain_text(QUESTION)
    seen.page(school_page)
    school_page.get_by_role("link", name="Een document toevoegen").click()
    expect(school_page.get_by_role("heading", level=1)).to_have_text("Document toevoegen")
    seen.page(school_page)
    school_page.get_by_label("Wat is het voor document?").fill(SCHOOL_DOCUMENT)
    school_page.get_by_label(re.compile(r"^Bestand")).set_input_files(str(png_file(tmp_path / "rooster.png", "orange")))
    school_page.get_by_role("button", name="Document toevoegen").click()
    expect(school_page.get_by_role("link", name=SCHOOL_DOCUMENT)).to_be_visible()
    seen.page(school_page)
    with school_page.expect_download() as document:
        school_page.get_by_role("link", name=SCHOOL_DOCUMENT).click()
    seen.download(document.value)
    school_page.get_by_label("Uw antwoord op vraag 1").fill(ANSWER)
    school_page.get_by_role("button", name="Alle antwoorden versturen").click()
    expect(school_page.locator("main")).to_contain_text("U heeft de antwoorden verstuurd")
    expect(school_page.locator("main")).to_contain_text(ANSWER)
    seen.page(school_page)
    save_screenshot(school_page, "fact-finding-school-answered")

    # The handler reads the answer, records an interview and registers a piece of evidence.
    staff.goto(f"{base}{workspace}")
    expect(staff.locator("main")).to_contain_text("Beantwoord")
    axe.check(staff)
    staff.get_by_role("link", name=re.compile(r"^Verzoek van ")).click()
    expect(staff.locator("main")).to_contain_text(ANSWER)
    expect(staff.get_by_role("link", name=SCHOOL_DOCUMENT)).to_be_visible()
    axe.check(staff)

    staff.goto(f"{base}{workspace}")
    staff.get_by_role("link", name="Gesprek vastleggen").click()
    expect(staff.get_by_role("heading", level=1)).to_have_text("Gesprek vastleggen")
    axe.check(staff)
    staff.get_by_label("Met wie was het gesprek?").select_option(label=f"Melder: {REPORTER_NAME}")
    staff.get_by_label("Tijd waarop het gesprek begon").fill("00:00")
    staff.get_by_label("Waar (optioneel)").fill("Bij het meldpunt")
    staff.get_by_label("Samenvatting van het gesprek").fill(INTERVIEW_SUMMARY)
    staff.get_by_label("Ja, akkoord").check()
    staff.get_by_role("button", name="Gesprek vastleggen").click()
    expect(staff.get_by_text("Het gesprek is vastgelegd en staat in de chronologie.")).to_be_visible()
    axe.check(staff)
    staff.get_by_role("link", name=f"Melder: {REPORTER_NAME}").first.click()
    expect(staff.locator("main")).to_contain_text(INTERVIEW_SUMMARY)
    axe.check(staff)

    staff.goto(f"{base}{workspace}")
    staff.get_by_role("link", name="Stuk registreren").click()
    expect(staff.get_by_role("heading", level=1)).to_have_text("Stuk registreren")
    axe.check(staff)
    staff.get_by_label("Omschrijving van het stuk").fill(EVIDENCE_TITLE)
    staff.get_by_label("Bestand").set_input_files(str(png_file(tmp_path / "groepsapp.png")))
    staff.get_by_label("Melder", exact=True).check()
    staff.get_by_label("Welke betrokkene gaf het stuk? (optioneel)").select_option(label=f"Melder: {REPORTER_NAME}")
    staff.get_by_label("De school mag dit stuk zien").uncheck()
    staff.get_by_role("button", name="Stuk registreren").click()
    expect(staff.get_by_text("Het stuk staat in het bewijsregister, met de SHA-256 van het bestand.")).to_be_visible()
    expect(staff.locator("main")).to_contain_text(EVIDENCE_TITLE)
    axe.check(staff)

    # Draft findings, sent to both sides at once.
    staff.goto(f"{base}/behandeling/bevindingen/{reference}/")
    expect(staff.get_by_role("heading", level=1)).to_have_text(f"Bevindingen, zaak {reference}")
    axe.check(staff)
    staff.get_by_label("Vastgestelde feiten").fill(FACTS)
    staff.get_by_label("Betwiste feiten (optioneel)").fill(DISPUTED)
    staff.get_by_label("Beoordeling", exact=True).fill(ASSESSMENT)
    staff.get_by_label("Aanbevelingen (optioneel)").fill(RECOMMENDATION)
    staff.get_by_role("button", name="Concept bewaren").click()
    axe.check(staff)
    staff.get_by_role("link", name="Bekijk het concept zoals de melder en de school het lezen").click()
    expect(staff.get_by_text(RECOMMENDATION)).to_be_visible()
    axe.check(staff)
    staff.go_back()
    staff.get_by_role("button", name="Verstuur naar de melder en het schoolbestuur").click()
    expect(staff.get_by_role("heading", name="Reacties van beide kanten")).to_be_visible()
    axe.check(staff)

    # Both sides comment: the reporter in the reporter's portal, the school in the school portal.
    reporter = browser.new_context(locale="nl-NL").new_page()
    sign_in_reporter(reporter, base, reference, submitted.access_code)
    axe.check(reporter)
    reporter.get_by_role("link", name="Naar de bevindingen").click()
    expect(reporter.get_by_role("heading", level=1)).to_have_text("Bevindingen")
    expect(reporter.get_by_text(RECOMMENDATION)).to_be_visible()
    axe.check(reporter)
    reporter.get_by_label("Uw reactie op de conceptbevindingen").fill(REPORTER_COMMENT)
    reporter.get_by_role("button", name="Reactie versturen").click()
    expect(reporter.get_by_text(REPORTER_COMMENT)).to_be_visible()
    axe.check(reporter)

    school_page.goto(f"{base}/school/")
    seen.page(school_page)
    school_page.get_by_role("link", name=f"Bevindingen over {reference}").click()
    expect(school_page.get_by_role("heading", level=1)).to_have_text(f"Bevindingen over {reference}")
    expect(school_page.get_by_text(RECOMMENDATION)).to_be_visible()
    seen.page(school_page)
    school_page.get_by_label("Uw reactie op de conceptbevindingen").fill(SCHOOL_COMMENT)
    school_page.get_by_role("button", name="Reactie versturen").click()
    expect(school_page.locator("main")).to_contain_text(SCHOOL_COMMENT)
    seen.page(school_page)

    # Both commented, so the handler may finalise before the comment term ends.
    staff.reload()
    expect(staff.get_by_text(REPORTER_COMMENT)).to_be_visible()
    expect(staff.get_by_text(SCHOOL_COMMENT)).to_be_visible()
    axe.check(staff)
    staff.get_by_label("Wat is veranderd ten opzichte van het concept, en waarom?").fill(
        "De gymles is toegevoegd na de reactie van de melder; de school herkent de feiten."
    )
    staff.get_by_role("button", name="Maak de bevindingen definitief").click()
    expect(staff.get_by_role("heading", name="Definitieve bevindingen (ronde 1)")).to_be_visible()
    axe.check(staff)
    save_screenshot(staff, "fact-finding-final-findings")
    with staff.expect_download() as final_pdf:
        staff.get_by_role("link", name="Download de PDF").click()
    assert final_pdf.value.suggested_filename == f"bevindingen-{reference}.pdf"
    text = _pdf_text(Path(final_pdf.value.path()).read_bytes())
    for heading in ("Bevindingen en aanbevelingen", "Vastgestelde feiten", "Beoordeling", "Aanbevelingen"):
        assert heading in text, heading
    assert "pauzeplan met vaste" in " ".join(text.split()), text
    assert "De melder heeft gereageerd." in text and "Het schoolbestuur heeft gereageerd." in text
    assert REPORTER_NAME not in text and "Zwaan" not in text

    school_page.goto(f"{base}/school/zaken/{reference}/bevindingen")
    expect(school_page.get_by_role("heading", name="Definitieve bevindingen")).to_be_visible()
    seen.page(school_page)
    save_screenshot(school_page, "fact-finding-school-final")
    with school_page.expect_download() as school_pdf:
        school_page.get_by_role("link", name="Download de bevindingen (PDF)").click()
    assert "Aanbevelingen" in _pdf_text(seen.download(school_pdf.value))

    # The action plan: two agreements, via the case page's "Naar oplossen".
    staff.goto(f"{base}/behandeling/zaken/{reference}")
    axe.check(staff)
    _step(staff, "Naar oplossen", fill={"Reden": "De bevindingen zijn definitief; nu afspraken maken."})
    axe.check(staff)
    staff.goto(f"{base}/behandeling/interventies/{reference}/")
    expect(staff.get_by_role("heading", level=1)).to_have_text(f"Oplossen, zaak {reference}")
    axe.check(staff)
    today = local_date(timezone.now())
    due_soon = today + dt.timedelta(days=2)
    for description, owner, due_on in (
        (AGREEMENT_SCHOOL, "Schoolbestuur", due_soon),
        (AGREEMENT_MELDPUNT, "Meldpunt", today + dt.timedelta(days=60)),
    ):
        form = staff.locator("form").filter(has=staff.get_by_role("button", name="Afspraak toevoegen"))
        form.get_by_label("Wat is afgesproken?").fill(description)
        form.get_by_label(owner, exact=True).check()
        form.get_by_label("Uiterlijk op").fill(due_on.isoformat())
        form.get_by_role("button", name="Afspraak toevoegen").click()
        expect(staff.locator("#afspraken").locator("..")).to_contain_text(description)
    expect(staff.locator("#afspraken").locator("..").locator("tbody tr")).to_have_count(2)
    axe.check(staff)

    # The daily run on the due date reminds; the day after, the school's agreement is overdue.
    mail.outbox.clear()
    assert agreements_follow_up(today=due_soon).reminded == 1
    assert handler.email in [address for message in mail.outbox for address in message.to]
    overdue = agreements_follow_up(today=due_soon + dt.timedelta(days=1))
    assert (overdue.overdue, overdue.cases_flagged) == (1, 1)
    staff.goto(f"{base}/behandeling/")
    expect(staff.get_by_role("heading", level=1)).to_have_text("Mijn zaken")
    mine = staff.locator("#zaken").locator("..").locator("tbody tr").filter(has_text=reference)
    expect(mine).to_contain_text("1 afspraak over tijd")
    axe.check(staff)
    save_screenshot(staff, "fact-finding-handler-overdue")

    # The handler closes the case.
    mine.get_by_role("link", name=reference, exact=True).click()
    expect(staff.get_by_role("heading", level=1)).to_have_text(f"Zaak {reference}")
    axe.check(staff)
    _step(staff, "Naar nazorg")
    axe.check(staff)
    _step(
        staff,
        "Afsluiten",
        fill={"Reden": "De afspraken lopen; de leerling voelt zich veiliger."},
        check=("Opgelost", "Ja"),
    )
    expect(staff.locator("main")).to_contain_text("Afgesloten")
    axe.check(staff)

    # Four weeks later the daily run asks the follow-up question; the email only says that there is news.
    # Four weeks is 28 days, moved to the next working day when it falls on a weekend or holiday.
    closed_on = local_date(Case.objects.get(reference=reference).closed_at)
    asked_on = next_working_day_on_or_after(closed_on + dt.timedelta(days=28))
    assert follow_ups_ask(today=asked_on - dt.timedelta(days=1)) == 0
    mail.outbox.clear()
    assert follow_ups_ask(today=asked_on) == 1
    (question,) = [message for message in mail.outbox if message.to == [REPORTER_EMAIL]]
    assert reference not in question.body and UNSHARED not in question.body

    reporter.context.close()
    reporter = browser.new_context(locale="nl-NL").new_page()
    sign_in_reporter(reporter, base, reference, submitted.access_code)
    axe.check(reporter)
    reporter.get_by_role("link", name="Beantwoord de vragen").click()
    expect(reporter.get_by_role("heading", level=1)).to_have_text("Hoe gaat het nu?")
    axe.check(reporter)
    reporter.get_by_label("Ja, het is veilig").check()
    reporter.get_by_label("Een deel").check()
    reporter.locator("fieldset").filter(has_text="Zijn er vervelende gevolgen").get_by_label("Ja", exact=True).check()
    reporter.get_by_label("Voor een broer of zus", exact=True).check()
    reporter.get_by_label("Wilt u er meer over vertellen? (optioneel)").fill(RETALIATION)
    reporter.get_by_role("button", name="Antwoorden versturen").click()
    expect(reporter.get_by_role("heading", level=1)).to_have_text("Bedankt voor uw antwoorden")
    new = Case.objects.get(linked_case__reference=reference)
    assert new.retaliation_reported and new.acute_danger
    expect(reporter.locator("main")).to_contain_text(new.reference)
    axe.check(reporter)
    save_screenshot(reporter, "fact-finding-follow-up-done")

    # The coordinator's queue: the linked urgent case is the first row, above the other urgent case.
    desk = browser.new_context(locale="nl-NL").new_page()
    sign_in_staff(desk, base, coordinator.username, "/behandeling/")
    expect(desk.get_by_role("heading", level=1)).to_have_text("Werkvoorraad")
    references = _queue_references(desk)
    assert references[0] == new.reference and other.reference in references[1:], references
    first = desk.locator("#zaken").locator("..").locator("tbody tr").first
    expect(first).to_contain_text("Gevolgen na eerdere melding")
    expect(first).to_contain_text(f"(uit {reference})")
    axe.check(desk)
    save_screenshot(desk, "fact-finding-coordinator-queue")

    school_page.goto(f"{base}/school/")
    seen.page(school_page)
    assert len(seen.texts) >= 12
    assert seen.leaks() == []
    axe.assert_clean(at_least=40)
