"""A pupil follows their report in the system Chromium: signs in with reference and code, reads the
handler's message and answers it. Axe checks every portal page on the way; screenshots go to docs/."""

import re

import pytest
from playwright.sync_api import Page, expect

from meldpunt.accounts.tests.helpers import make_staff_user
from meldpunt.cases.constants import MessageDirection
from meldpunt.cases.models import Case, Message
from meldpunt.cases.services import case_message_from_handler_send
from meldpunt.portal.tests.factories import submit_report
from tests.e2e.journeys import assert_accessible, png_file, save_screenshot, sign_in_reporter

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

HANDLER_MESSAGE = "Hoi! Dank je wel dat je dit hebt gemeld. Wanneer is het pesten begonnen, en wie weet er al van?"
PUPIL_ANSWER = "Het begon na de herfstvakantie. Mijn mentor weet het, maar er gebeurt niets."


@pytest.fixture
def browser_context_args(browser_context_args: dict) -> dict:
    # A phone-sized window, as most pupils will use (Dutch, the session default).
    return {**browser_context_args, "viewport": {"width": 414, "height": 896}}


def test_pupil_reads_the_handlers_message_and_answers(live_server, page: Page, tmp_path):
    """Reference and code sign the pupil in; the handler's message is there; the answer reaches the handler."""
    submitted = submit_report()  # a pupil's report, as the wizard or the API stores it
    handler = make_staff_user("handler", first_name="Henk", last_name="de Vries")
    Case.objects.filter(pk=submitted.case.pk).update(assigned_handler=handler)
    submitted.case.refresh_from_db()
    case_message_from_handler_send(case=submitted.case, author=handler, body=HANDLER_MESSAGE)

    page.goto(f"{live_server.url}/mijn-melding/")
    expect(page).to_have_title("Uw melding bekijken | Meldpunt")
    expect(page.get_by_role("link", name="Verlaat deze pagina")).to_be_visible()
    assert_accessible(page)
    save_screenshot(page, "portal-sign-in")

    # A typo in the code first: one plain error, linked to the field.
    page.get_by_label("Kenmerk").fill(submitted.case.reference)
    page.get_by_label("Toegangscode").fill("AAAA-BBBB-CCCC-DDDD")
    page.get_by_role("button", name="Inloggen").click()
    expect(page).to_have_title(re.compile(r"^Fout: "))
    expect(page.get_by_role("alert")).to_contain_text("Het kenmerk of de toegangscode klopt niet.")
    assert_accessible(page)
    save_screenshot(page, "portal-sign-in-error")

    # The code as a pupil might type it: lower case, spaces instead of dashes.
    page.get_by_label("Toegangscode").fill(submitted.access_code.lower().replace("-", " "))
    page.get_by_role("button", name="Inloggen").click()
    expect(page).to_have_url(f"{live_server.url}/mijn-melding/melding")
    expect(page.get_by_role("heading", level=1)).to_have_text("Uw melding")
    expect(page.get_by_text("Ontvangen", exact=True)).to_be_visible()
    expect(page.get_by_text(HANDLER_MESSAGE)).to_be_visible()
    assert "Henk" not in page.content() and "Vries" not in page.content()
    assert_accessible(page)
    save_screenshot(page, "portal-case")

    page.get_by_label("Stuur een bericht aan uw behandelaar").fill(PUPIL_ANSWER)
    page.get_by_role("button", name="Bericht versturen").click()
    expect(page.get_by_text("Uw bericht is verstuurd.")).to_be_visible()
    expect(page.get_by_text(PUPIL_ANSWER)).to_be_visible()
    assert_accessible(page)
    page.locator("#berichten").scroll_into_view_if_needed()
    save_screenshot(page, "portal-message-sent")

    # The handler sees the reply.
    reply = Message.objects.get(case=submitted.case, direction=MessageDirection.FROM_REPORTER)
    assert reply.body == PUPIL_ANSWER and reply.author is None

    page.get_by_role("link", name="Bestanden toevoegen").click()
    expect(page).to_have_title("Bestanden toevoegen | Meldpunt")
    assert_accessible(page)
    page.get_by_label("Kies bestanden").set_input_files(png_file(tmp_path / "schermafbeelding.png"))
    page.get_by_role("button", name="Bestanden versturen").click()
    expect(page.get_by_text("We hebben 1 bestand toegevoegd aan uw melding.")).to_be_visible()
    expect(page.get_by_text("schermafbeelding.png", exact=False).first).to_be_visible()

    page.get_by_role("link", name="Steunpersoon uitnodigen").click()
    page.get_by_role("button", name="Nieuwe steunpersoon uitnodigen").click()
    expect(page.get_by_role("heading", name="Geef dit door aan uw steunpersoon")).to_be_visible()
    assert_accessible(page)
    save_screenshot(page, "portal-support-person")

    page.get_by_role("link", name="Terug naar uw melding").click()
    page.get_by_role("button", name="Uitloggen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("U bent uitgelogd")
    assert_accessible(page)
    page.goto(f"{live_server.url}/mijn-melding/melding")
    expect(page).to_have_url(f"{live_server.url}/mijn-melding/")


def test_sign_in_link_pages_are_accessible(live_server, page: Page):
    """Asking for a sign-in link: the form and the answer page have no serious axe violations."""
    submitted = submit_report()
    page.goto(f"{live_server.url}/mijn-melding/")
    page.get_by_role("link", name="Stuur mij een inloglink").click()
    expect(page).to_have_title("Inloglink aanvragen | Meldpunt")
    assert_accessible(page)
    page.get_by_label("Kenmerk").fill(submitted.case.reference)
    page.get_by_role("button", name="Stuur de link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Kijk in uw e-mail")
    assert_accessible(page)
    save_screenshot(page, "portal-link-sent")


def test_portal_works_without_javascript(live_server, browser):
    """With JavaScript off (axe needs it, so it ran above), the pupil signs in, reads and answers."""
    submitted = submit_report()
    context = browser.new_context(java_script_enabled=False, locale="nl-NL")
    page = context.new_page()
    sign_in_reporter(page, live_server.url, submitted.case.reference, submitted.access_code)
    page.get_by_label("Stuur een bericht aan uw behandelaar").fill("Zonder JavaScript.")
    page.get_by_role("button", name="Bericht versturen").click()
    expect(page.get_by_text("Zonder JavaScript.")).to_be_visible()
    page.get_by_role("button", name="Uitloggen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("U bent uitgelogd")
    context.close()
    assert [m.body for m in Message.objects.filter(case=submitted.case)] == ["Zonder JavaScript."]


def test_support_person_reads_along(live_server, browser):
    """A support person signs in with their own id and code and sees the case without any form."""
    submitted = submit_report()
    reporter = browser.new_context(locale="nl-NL")
    page = reporter.new_page()
    sign_in_reporter(page, live_server.url, submitted.case.reference, submitted.access_code)
    page.goto(f"{live_server.url}/mijn-melding/steunpersoon")
    page.get_by_role("button", name="Nieuwe steunpersoon uitnodigen").click()
    support_id = page.locator("[data-support-id]").inner_text()
    code = page.locator("[data-support-code]").inner_text()
    reporter.close()

    buddy = browser.new_context(locale="nl-NL")
    page = buddy.new_page()
    sign_in_reporter(page, live_server.url, support_id, code)
    expect(page.get_by_text("U kijkt mee als steunpersoon.")).to_be_visible()
    expect(page.get_by_role("button", name="Bericht versturen")).to_have_count(0)
    assert_accessible(page)
    buddy.close()
