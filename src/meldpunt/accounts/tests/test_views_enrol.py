"""First sign-in without an authenticator app: set it up, confirm it, receive recovery codes once."""

import re

import pytest
from django.contrib.auth import SESSION_KEY

from meldpunt.accounts.constants import Role
from meldpunt.accounts.selectors import staff_recovery_codes_remaining, staff_totp_device
from meldpunt.accounts.services import staff_create
from meldpunt.accounts.tests.helpers import STAFF_PASSWORD, make_staff_user, totp_now, totp_wrong

pytestmark = pytest.mark.django_db

LOGIN = "/medewerkers/inloggen"
ENROL = "/medewerkers/inloggen/instellen"
CODES = "/medewerkers/herstelcodes"
HOME = "/medewerkers/"


@pytest.fixture
def new_staff(client):
    user = staff_create(username="nieuw", role=Role.HANDLER, email="n@meldpunt.test", password=STAFF_PASSWORD)
    response = client.post(LOGIN, {"username": "nieuw", "password": STAFF_PASSWORD})
    assert response["Location"] == ENROL
    return user


def shown_secret(html: str) -> str:
    return re.search(r'<code class="mp-secret"[^>]*>([A-Z2-7 ]+)</code>', html).group(1).replace(" ", "")


def test_enrolment_page_shows_an_inline_qr_code_and_the_secret(client, new_staff):
    """The QR code is inline SVG, made on the server, and the secret is shown in groups for typing."""
    html = client.get(ENROL).content.decode()
    assert "<svg" in html
    assert not re.search(r"<script(?![^>]*\bsrc=)", html), "no inline scripts"
    assert "<img" not in html
    secret = re.search(r'<code class="mp-secret"[^>]*>([A-Z2-7 ]+)</code>', html).group(1)
    assert re.fullmatch(r"([A-Z2-7]{4} )*[A-Z2-7]{1,4}", secret)
    assert "data-exit-link" not in html


def test_reloading_keeps_the_same_secret(client, new_staff):
    """A reload does not make a new secret, so a code already scanned keeps working."""
    first = shown_secret(client.get(ENROL).content.decode())
    second = shown_secret(client.get(ENROL).content.decode())
    assert first == second


def test_confirming_signs_in_and_shows_ten_recovery_codes_once(client, new_staff):
    """A right code confirms the app and signs in; the ten recovery codes are shown this one time."""
    secret = shown_secret(client.get(ENROL).content.decode())
    response = client.post(ENROL, {"code": totp_now(secret)})
    assert response.status_code == 302 and response["Location"] == CODES
    assert SESSION_KEY in client.session
    page = client.get(CODES)
    codes = re.findall(r"<code translate=\"no\">([A-Z2-7]{4} [A-Z2-7]{4})</code>", page.content.decode())
    assert len(codes) == 10
    assert staff_totp_device(user=new_staff, confirmed=True) is not None
    assert staff_recovery_codes_remaining(user=new_staff) == 10
    again = client.get(CODES)
    assert again.status_code == 302 and again["Location"] == HOME
    assert client.get(HOME).status_code == 200


def test_shown_recovery_code_signs_in_later(client, new_staff):
    """A recovery code as shown (upper case, with a space) signs in at a later sign-in."""
    secret = shown_secret(client.get(ENROL).content.decode())
    client.post(ENROL, {"code": totp_now(secret)})
    code = re.search(r"<code translate=\"no\">([A-Z2-7]{4} [A-Z2-7]{4})</code>", client.get(CODES).content.decode())
    client.post("/medewerkers/uitloggen")
    client.post(LOGIN, {"username": "nieuw", "password": STAFF_PASSWORD})
    response = client.post("/medewerkers/inloggen/herstelcode", {"code": code.group(1)})
    assert response.status_code == 302 and response["Location"] == HOME


def test_wrong_code_does_not_confirm(client, new_staff):
    """A wrong code leaves the app unconfirmed and the staff member signed out."""
    secret = shown_secret(client.get(ENROL).content.decode())
    response = client.post(ENROL, {"code": totp_wrong(secret)})
    assert response.status_code == 200
    assert "Deze code klopt niet." in response.content.decode()
    assert staff_totp_device(user=new_staff, confirmed=True) is None
    assert SESSION_KEY not in client.session


def test_a_password_cannot_replace_a_confirmed_app(client):
    """Someone with only the password of a member who has an app cannot set up a new one."""
    user = make_staff_user(Role.ADMINISTRATOR)
    client.post(LOGIN, {"username": user.username, "password": STAFF_PASSWORD})
    response = client.get(ENROL)
    assert response.status_code == 302 and response["Location"] == "/medewerkers/inloggen/code"
    response = client.post(ENROL, {"code": totp_now()})
    assert response["Location"] == "/medewerkers/inloggen/code"
    assert SESSION_KEY not in client.session
