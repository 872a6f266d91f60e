"""A coordinator signs in with password and TOTP in the system Chromium; axe checks the sign-in pages."""

import re

import pytest
from playwright.sync_api import Page, expect

from meldpunt.accounts.constants import Role
from meldpunt.accounts.services import staff_create
from meldpunt.accounts.tests.helpers import STAFF_PASSWORD, make_staff_user, totp_now
from tests.e2e.journeys import TOTP_LABEL, assert_accessible, submit_staff_password

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_coordinator_signs_in_with_password_and_totp(live_server, page: Page):
    """Password, then the app's code: the coordinator lands on the staff home, greeted with the role."""
    user = make_staff_user(Role.COORDINATOR, first_name="Anouk")
    page.goto(f"{live_server.url}/medewerkers/inloggen")
    expect(page).to_have_title(re.compile(r"^Inloggen voor medewerkers"))
    assert_accessible(page)

    submit_staff_password(page, "iemand-anders")
    expect(page).to_have_title(re.compile(r"^Fout: "))
    expect(page.get_by_role("alert")).to_contain_text("De gebruikersnaam of het wachtwoord klopt niet.")
    assert_accessible(page)

    submit_staff_password(page, user.username)
    expect(page).to_have_url(re.compile(r"/medewerkers/inloggen/code$"))
    assert_accessible(page)
    code_field = page.get_by_label(TOTP_LABEL)
    expect(code_field).to_have_attribute("autocomplete", "one-time-code")
    expect(code_field).to_have_attribute("inputmode", "numeric")
    code_field.fill(totp_now())
    page.get_by_role("button", name="Doorgaan").click()

    expect(page).to_have_url(re.compile(r"/medewerkers/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Welkom, Anouk")
    expect(page.get_by_text("Coördinator", exact=True)).to_be_visible()
    expect(page.get_by_role("link", name="Verlaat deze pagina")).to_have_count(0)
    assert_accessible(page)

    page.get_by_role("button", name="Uitloggen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("U bent uitgelogd")


def test_new_staff_member_sets_up_the_app_and_gets_recovery_codes(live_server, page: Page):
    """Without an app the first sign-in shows the QR code and key, confirms a code, then shows 10 codes."""
    staff_create(username="nieuwe-behandelaar", role=Role.HANDLER, email="n@meldpunt.test", password=STAFF_PASSWORD)
    page.goto(f"{live_server.url}/medewerkers/inloggen")
    submit_staff_password(page, "nieuwe-behandelaar")

    expect(page).to_have_url(re.compile(r"/medewerkers/inloggen/instellen$"))
    expect(page.locator(".mp-qr svg")).to_be_visible()
    assert_accessible(page)
    secret = page.locator("code.mp-secret").inner_text().replace(" ", "")
    page.get_by_label("Code uit uw authenticator-app").fill(totp_now(secret))
    page.get_by_role("button", name="App bevestigen").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Uw herstelcodes")
    expect(page.locator(".mp-recovery-codes li")).to_have_count(10)
    assert_accessible(page)
    page.get_by_role("link", name="Ik heb de codes bewaard").click()
    expect(page.get_by_text("Behandelaar", exact=True)).to_be_visible()
