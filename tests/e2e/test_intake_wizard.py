"""The intake wizard in a real browser: five journeys, each page checked with axe-core on the way.

(a) a parent reports a child out of school since a date; (b) a pupil reports anonymously without naming
the school, on a phone; (c) the whole wizard by keyboard only; (d) the whole wizard with JavaScript off;
(e) the English wizard. Every page a journey visits is scanned; a journey fails on any serious or
critical violation. Screenshots of the main steps go to docs/screenshots/intake-*.png.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image
from playwright.sync_api import Page, expect

from meldpunt.cases.models import Case
from meldpunt.intake.codes import access_code_matches
from tests.e2e.journeys import MOBILE, Walk

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DESCRIPTION = "Mijn zoon wordt al weken uitgescholden en geduwd in de pauze. Hij durft niet meer naar school."
SCANNED_AT_LEAST = 15


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 40, 40)).save(out, format="PNG")
    return out.getvalue()


def _days_ago(days: int) -> dt.date:
    return dt.date.today() - dt.timedelta(days=days)


def _fill_date(page: Page, day: dt.date) -> None:
    page.get_by_label("Dag", exact=True).fill(str(day.day))
    page.get_by_label("Maand", exact=True).fill(str(day.month))
    page.get_by_label("Jaar", exact=True).fill(str(day.year))


def _confirmation_code(page: Page) -> tuple[str, str]:
    reference = page.locator("[data-reference]").inner_text()
    code = page.locator("[data-access-code]").inner_text()
    assert re.fullmatch(r"MSV-\d{4}-\d{6}", reference)
    return reference, code


def test_a_parent_reports_a_child_out_of_school_since_a_date(new_context, live_server, school):
    """A parent names the school, the child out of school since a date, adds a file, gets a reference and code."""
    page = new_context().new_page()
    walk = Walk(page, live_server.url, shot_prefix="intake-")

    walk.go("/")
    page.get_by_role("link", name="Melding maken").first.click()
    walk.scan()
    expect(page).to_have_title("Melding maken | Meldpunt")
    walk.shot("start")
    page.get_by_role("link", name="Start de melding").click()
    walk.scan()

    walk.next()  # nothing chosen: the error summary
    expect(page).to_have_title("Fout: Is iemand nu in gevaar? – Melding maken | Meldpunt")
    expect(page.locator("[data-error-summary]")).to_be_focused()
    walk.shot("error")
    page.get_by_role("link", name="Kies of iemand nu in gevaar is.").click()
    expect(page.get_by_role("radio", name="Ja", exact=True)).to_be_focused()
    walk.radio("Nee")
    walk.next()

    expect(page).to_have_title("Wie maakt deze melding? – Melding maken | Meldpunt")
    walk.radio("Ik ben ouder of verzorger")
    walk.next()

    page.get_by_label("Op welke school gebeurt het?").fill("verwondering")
    walk.next("Zoeken")
    expect(page.get_by_text("1 school gevonden.")).to_be_visible()
    assert "verwondering" not in page.url
    walk.radio("BBS de Verwondering")
    walk.shot("school")
    walk.next()

    expect(page.get_by_role("heading", level=1)).to_have_text("Waar gaat uw melding over?")
    walk.checkbox("Pesten")
    walk.checkbox("Lichamelijk geweld")
    walk.shot("categories")
    walk.next()

    page.get_by_label("Wat is er gebeurd?").fill(DESCRIPTION)
    walk.shot("description")
    walk.next()
    _fill_date(page, _days_ago(60))
    walk.next()
    walk.checkbox("Gepraat met de leraar of de mentor")
    walk.checkbox("Een klacht ingediend bij het schoolbestuur")
    walk.next()

    expect(page.get_by_role("heading", level=1)).to_have_text("Gaat uw kind nu naar school?")
    walk.radio("Nee, nu helemaal niet")
    walk.next()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sinds wanneer gaat uw kind niet naar school?")
    walk.next()  # the date is required when the child is not at school
    expect(page).to_have_title(re.compile("^Fout: "))
    walk.shot("date-error")
    absent_since = _days_ago(21)
    _fill_date(page, absent_since)
    walk.next()

    walk.radio("Nee")
    walk.next()
    walk.radio("Nee, de school mag niet weten wie ik ben")
    walk.shot("share-identity")
    walk.next()
    walk.radio("Ja, dat mag")
    walk.next()
    page.get_by_label("E-mailadres (optioneel)").fill("ouder@example.nl")
    walk.next()

    page.get_by_label("Bestanden meesturen (optioneel)").set_input_files(
        files=[{"name": "brief-van-school.png", "mimeType": "image/png", "buffer": _png()}]
    )
    walk.next("Bestand toevoegen")
    expect(page.locator(".mp-files__name", has_text="brief-van-school.png")).to_be_visible()
    walk.shot("attachments")
    walk.next()

    expect(page.get_by_role("heading", level=1)).to_have_text("Controleer uw antwoorden")
    expect(page.get_by_text("BBS de Verwondering")).to_be_visible()
    walk.shot("check")
    walk.next("Verstuur melding")

    expect(page.get_by_role("heading", level=1)).to_have_text("Melding verstuurd")
    reference, code = _confirmation_code(page)
    expect(page.get_by_text(re.compile(r"^Uiterlijk \w+ \d+ \w+ \d{4}$")).first).to_be_visible()
    walk.shot("confirmation")
    with page.expect_download() as download:
        page.get_by_role("button", name="Download het ontvangstbewijs (.txt)").click()
    receipt = Path(download.value.path()).read_text()
    assert reference in receipt and code in receipt and DESCRIPTION not in receipt and "ouder@example.nl" not in receipt

    case = Case.objects.get(reference=reference)
    assert access_code_matches(code, case.access_code_hash)
    assert case.attendance == "not_attending" and case.absent_since == absent_since
    assert case.school == school and case.attachments.count() == 1

    page.reload()
    walk.scan()
    expect(page.locator("[data-access-code]")).to_have_count(0)
    expect(page.locator("[data-reference]")).to_have_text(reference)
    walk.assert_accessible(at_least=SCANNED_AT_LEAST)


def test_a_pupil_reports_anonymously_on_a_phone(new_context, live_server, school):
    """A pupil on a 375 px phone says someone is in danger, names no school, gives no contact, and gets a code."""
    page = new_context(viewport=MOBILE, is_mobile=True, has_touch=True).new_page()
    walk = Walk(page, live_server.url, shot_prefix="intake-")

    walk.go("/melden/")
    walk.shot("start-mobile")
    page.get_by_role("link", name="Start de melding").click()
    walk.scan()
    walk.radio("Ja")
    walk.next()
    expect(page.get_by_role("heading", level=1)).to_have_text("Is iemand nu in gevaar? Bel 112")
    expect(page.get_by_role("link", name="Bel 112")).to_have_attribute("href", "tel:112")
    walk.shot("help-now-mobile")
    page.get_by_role("link", name="Ga verder met de melding").click()
    walk.scan()

    walk.radio("Ik ben leerling of student")
    walk.shot("role-mobile")
    walk.next()
    walk.radio("Ik zeg liever niet welke school")
    walk.next()
    walk.radio("Middelbare school")
    walk.next()
    expect(page.get_by_role("heading", level=1)).to_have_text("Waar gaat je melding over?")
    walk.checkbox("Pesten")
    walk.next()
    expect(page.get_by_text("Schrijf in je eigen woorden wat er gebeurt.")).to_be_visible()
    page.get_by_label("Wat is er gebeurd?").fill("Ze lachen me elke dag uit en pakken mijn spullen af.")
    walk.next()
    walk.next()  # since when: optional, left empty
    walk.checkbox("Nog niets")
    walk.next()
    expect(page.get_by_role("heading", level=1)).to_have_text("Praat eerst met iemand op school als dat kan")
    walk.shot("guidance-mobile")
    page.get_by_role("link", name="Ga verder met de melding").click()
    walk.scan()

    expect(page.get_by_role("heading", level=1)).to_have_text("Ga je nu naar school?")
    walk.radio("Soms, of een deel van de tijd")
    walk.next()
    walk.next()  # since when: optional for "sometimes"
    walk.radio("Weet ik niet")
    walk.next()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mag de school weten wie je bent?")
    walk.radio("Nee, de school mag niet weten wie ik ben")
    walk.next()
    walk.radio("Nee, liever niet")
    walk.next()
    expect(page.get_by_role("heading", level=1)).to_have_text("Hoe kunnen wij je bereiken?")
    walk.next()
    walk.next()  # no files

    expect(page.get_by_role("heading", level=1)).to_have_text("Controleer je antwoorden")
    walk.shot("check-mobile")
    assert page.evaluate("document.documentElement.scrollWidth") <= MOBILE["width"]
    walk.next("Verstuur melding")
    expect(page.get_by_role("heading", level=2, name="Je toegangscode")).to_be_visible()
    reference, code = _confirmation_code(page)
    walk.shot("confirmation-mobile")
    assert page.evaluate("document.documentElement.scrollWidth") <= MOBILE["width"]

    case = Case.objects.get(reference=reference)
    assert case.reporter_role == "pupil" and case.school is None and case.sector == "vo"
    assert case.contact_email is None and case.acute_danger is True
    assert access_code_matches(code, case.access_code_hash)
    walk.assert_accessible(at_least=SCANNED_AT_LEAST)


def _focused(page: Page) -> dict:
    return page.evaluate(
        """() => {
            const el = document.activeElement;
            const label = el.labels && el.labels.length ? el.labels[0].innerText.trim() : "";
            return {tag: el.tagName.toLowerCase(), type: el.type || "", name: el.name || "",
                    text: (el.innerText || "").trim(), label: label};
        }"""
    )


class Keyboard:
    """Moves through a page with Tab only, and acts with Space, Enter or typing (arrows inside a radio group)."""

    def __init__(self, walk: Walk) -> None:
        self.walk = walk
        self.page = walk.page

    def tab_to(self, matches: Callable[[dict], bool], limit: int = 60) -> dict:
        for _ in range(limit):
            self.page.keyboard.press("Tab")
            focused = _focused(self.page)
            if matches(focused):
                return focused
        raise AssertionError("the keyboard never reached the element")

    def press_button(self, text: str) -> None:
        self.tab_to(lambda el: el["tag"] in ("button", "a") and el["text"] == text)
        self.enter()

    def enter(self) -> None:
        with self.page.expect_navigation():
            self.page.keyboard.press("Enter")
        self.walk.scan()

    def choose(self, label: str) -> None:
        """Enter the radio group with Tab, move with the arrow keys (the platform's way) until `label` is chosen."""
        focused = self.tab_to(lambda el: el["type"] == "radio")
        for _ in range(12):
            if focused["label"] == label:
                self.page.keyboard.press("Space")
                return
            self.page.keyboard.press("ArrowDown")
            focused = _focused(self.page)
        raise AssertionError(f"no radio labelled {label!r}")

    def tick(self, label: str) -> None:
        self.tab_to(lambda el: el["type"] == "checkbox" and el["label"] == label)
        self.page.keyboard.press("Space")

    def type_into(self, label: str, text: str) -> None:
        self.tab_to(lambda el: el["label"] == label)
        self.page.keyboard.type(text)


def test_the_whole_wizard_by_keyboard_only(new_context, live_server, school):
    """Every page can be answered and sent with the keyboard alone: no mouse click anywhere."""
    page = new_context().new_page()
    walk = Walk(page, live_server.url, shot_prefix="intake-")
    keys = Keyboard(walk)

    walk.go("/melden/")
    keys.press_button("Start de melding")
    keys.choose("Nee")
    keys.press_button("Ga verder")
    keys.choose("Ik werk op een school")
    keys.press_button("Ga verder")
    keys.type_into("Op welke school gebeurt het?", "32JK00")
    keys.enter()  # Enter in the search box searches: "Zoeken" is the form's first button
    keys.choose("BBS de Verwondering")
    keys.press_button("Ga verder")
    keys.tick("Discriminatie")
    keys.press_button("Ga verder")
    keys.type_into("Wat is er gebeurd?", "Een leerling wordt door een collega steeds anders behandeld.")
    keys.press_button("Ga verder")
    started = _days_ago(80)
    keys.type_into("Dag", str(started.day))
    keys.type_into("Maand", str(started.month))
    keys.type_into("Jaar", str(started.year))
    keys.press_button("Ga verder")
    keys.tick("Gepraat met de directie van de school")
    keys.press_button("Ga verder")
    keys.choose("Ja, gewoon")
    keys.press_button("Ga verder")
    keys.choose("Ja")
    keys.press_button("Ga verder")
    keys.choose("Ja, de school mag weten wie ik ben")
    keys.press_button("Ga verder")
    keys.choose("Nee, liever niet")
    keys.press_button("Ga verder")
    keys.type_into("Telefoonnummer (optioneel)", "06 12345678")
    keys.press_button("Ga verder")
    keys.press_button("Ga verder")  # no files
    expect(page.get_by_role("heading", level=1)).to_have_text("Controleer uw antwoorden")
    keys.press_button("Verstuur melding")
    expect(page.get_by_role("heading", level=1)).to_have_text("Melding verstuurd")
    reference, _code = _confirmation_code(page)
    case = Case.objects.get(reference=reference)
    assert case.reporter_role == "staff" and case.accused_is_staff is True and case.contact_phone == "06 12345678"
    assert case.started_on == started
    walk.assert_accessible(at_least=SCANNED_AT_LEAST)


def test_the_whole_wizard_without_javascript(new_context, live_server, school):
    """With JavaScript off every page works as a plain form: search, errors, a file upload and sending."""
    context = new_context(java_script_enabled=False)
    page = context.new_page()
    walk = Walk(page, live_server.url, shot_prefix="intake-", scan_later=True)

    walk.go("/melden/")
    page.get_by_role("link", name="Start de melding").click()
    walk.scan()
    walk.radio("Ja")
    walk.next()
    page.get_by_role("link", name="Ga verder met de melding").click()
    walk.scan()
    walk.radio("Iemand anders")
    walk.next()
    page.get_by_label("Op welke school gebeurt het?").fill("alteveer")
    walk.next("Zoeken")
    walk.next()  # no school chosen yet: an error, answered below
    expect(page).to_have_title(re.compile("^Fout: "))
    walk.radio("BBS de Verwondering")
    walk.next()
    walk.checkbox("Iets anders")
    walk.next()
    page.get_by_label("Wat is er gebeurd?").fill("Ik maak me zorgen om een kind uit de buurt.")
    walk.next()
    walk.next()
    walk.checkbox("Iets anders")
    walk.checkbox("Nog niets")
    walk.next()  # "Nog niets" with another step: refused without JavaScript to untick it
    expect(page).to_have_title(re.compile("^Fout: "))
    page.get_by_role("checkbox", name="Iets anders", exact=True).uncheck()
    walk.next()
    page.get_by_role("link", name="Ga verder met de melding").click()
    walk.scan()
    walk.radio("Nee, nu helemaal niet")
    walk.next()
    _fill_date(page, _days_ago(10))
    walk.next()
    walk.radio("Nee")
    walk.next()
    walk.radio("Nee, de school mag niet weten wie ik ben")
    walk.next()
    walk.radio("Nee, liever niet")
    walk.next()
    walk.next()
    page.get_by_label("Bestanden meesturen (optioneel)").set_input_files(
        files=[{"name": "notitie.txt", "mimeType": "text/plain", "buffer": b"geen plaatje"}]
    )
    walk.next("Bestand toevoegen")
    expect(page.get_by_role("link", name="Het bestand notitie.txt is geen JPG, PNG of PDF.")).to_be_visible()
    page.get_by_label("Bestanden meesturen (optioneel)").set_input_files(
        files=[{"name": "foto.png", "mimeType": "image/png", "buffer": _png()}]
    )
    walk.next()  # a file chosen and "Ga verder": added and on
    expect(page.get_by_text("foto.png")).to_be_visible()
    walk.shot("check-no-js")
    page.get_by_role("link", name="Wijzigen wat er is gebeurd").click()
    walk.scan()
    page.get_by_label("Wat is er gebeurd?").fill(
        "Ik maak me zorgen om een kind uit de buurt. Het is al tien dagen thuis."
    )
    walk.next()
    expect(page.get_by_role("heading", level=1)).to_have_text("Controleer uw antwoorden")
    expect(page.get_by_text("Het is al tien dagen thuis.")).to_be_visible()
    walk.next("Verstuur melding")
    reference, _code = _confirmation_code(page)
    walk.shot("confirmation-no-js")
    assert Case.objects.get(reference=reference).attachments.count() == 1

    walk.scan_kept(new_context())
    walk.assert_accessible(at_least=SCANNED_AT_LEAST)


def test_the_english_wizard(new_context, live_server, school):
    """The wizard in English from the language switch, the progress kept when switching mid-way."""
    page = new_context(locale="en-GB").new_page()
    walk = Walk(page, live_server.url, shot_prefix="intake-")

    walk.go("/melden/")
    page.get_by_role("link", name="English").click()
    walk.scan()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_have_text("Make a report")
    page.get_by_role("link", name="Start the report").click()
    walk.scan()
    walk.radio("No")
    walk.next("Continue")
    walk.radio("I am a parent or guardian")
    walk.next("Continue")
    page.get_by_label("At which school is it happening?").fill("Verwondering")
    # With JavaScript the results appear while typing, without pressing "Search".
    expect(page.get_by_text("1 school found.")).to_be_visible()
    walk.radio("BBS de Verwondering")
    walk.shot("school-typing-en")
    walk.next("Continue")
    walk.checkbox("Unequal treatment")
    walk.next("Continue")

    page.get_by_label("What happened?").fill("My daughter was refused extra support that other pupils get.")
    page.get_by_role("link", name="Nederlands").click()  # the switch keeps the answers given so far
    walk.scan()
    expect(page.get_by_role("heading", level=1)).to_have_text("Wat is er gebeurd?")
    page.get_by_role("link", name="English").click()
    walk.scan()
    page.get_by_label("What happened?").fill("My daughter was refused extra support that other pupils get.")
    walk.next("Continue")
    walk.next("Continue")
    walk.checkbox("Made a complaint to the complaints committee")
    walk.next("Continue")
    walk.radio("Sometimes, or part of the time")
    walk.next("Continue")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Since when has your child not been going to school every day? (optional)"
    )
    walk.next("Continue")
    walk.radio("I don’t know")
    walk.next("Continue")
    walk.radio("No, the school may not know who I am")
    walk.next("Continue")
    walk.radio("Yes, you may")
    walk.next("Continue")
    page.get_by_label("Email address (optional)").fill("not-an-address")
    walk.next("Continue")
    expect(page).to_have_title(re.compile("^Error: How can we reach you"))
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    page.get_by_label("Email address (optional)").fill("parent@example.com")
    walk.next("Continue")
    walk.next("Continue")
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your answers")
    walk.shot("check-en")
    walk.next("Send report")
    expect(page.get_by_role("heading", level=1)).to_have_text("Report sent")
    expect(page.get_by_text(re.compile(r"^By \w+day \d+ \w+ \d{4} at the latest$")).first).to_be_visible()
    reference, _code = _confirmation_code(page)
    walk.shot("confirmation-en")
    assert Case.objects.get(reference=reference).language == "en"
    walk.assert_accessible(at_least=SCANNED_AT_LEAST)
