"""Sessions end after 30 idle minutes and when the browser closes; sign-out is a POST."""

import logging

import pytest
import time_machine
from django.conf import settings
from django.contrib.auth import SESSION_KEY

from meldpunt.accounts.constants import Role
from meldpunt.accounts.tests.helpers import STAFF_PASSWORD, make_staff_user, totp_now

pytestmark = pytest.mark.django_db

HOME = "/medewerkers/"
LOGIN = "/medewerkers/inloggen"
LOGOUT = "/medewerkers/uitloggen"


def test_session_expires_after_thirty_idle_minutes(staff_client):
    """Thirty-one minutes without a request and the staff member must sign in again."""
    with time_machine.travel("2026-03-02 09:00:00 +0100", tick=False):
        client = staff_client(Role.HANDLER)
        assert client.get(HOME).status_code == 200
    with time_machine.travel("2026-03-02 09:31:00 +0100", tick=False):
        response = client.get(HOME)
    assert response.status_code == 302 and response["Location"].startswith(LOGIN)


def test_activity_keeps_the_session_alive(staff_client):
    """Every request restarts the idle clock."""
    with time_machine.travel("2026-03-02 09:00:00 +0100", tick=False):
        client = staff_client(Role.HANDLER)
        client.get(HOME)
    with time_machine.travel("2026-03-02 09:20:00 +0100", tick=False):
        assert client.get(HOME).status_code == 200
    with time_machine.travel("2026-03-02 09:40:00 +0100", tick=False):
        assert client.get(HOME).status_code == 200


def test_session_cookie_ends_with_the_browser(client):
    """The session cookie has no expiry date, so closing the browser ends it; it is HttpOnly."""
    user = make_staff_user(Role.HANDLER)
    client.post(LOGIN, {"username": user.username, "password": STAFF_PASSWORD})
    response = client.post("/medewerkers/inloggen/code", {"code": totp_now()})
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["expires"] == "" and cookie["max-age"] == ""
    assert cookie["httponly"]


def test_sign_out_ends_the_session(staff_client, caplog):
    """Signing out (POST) ends the session, shows a confirmation and is logged with the user id."""
    client = staff_client(Role.COORDINATOR)
    with caplog.at_level(logging.INFO, logger="meldpunt.accounts.audit"):
        response = client.post(LOGOUT)
    assert response.status_code == 302 and response["Location"] == "/medewerkers/uitgelogd"
    assert SESSION_KEY not in client.session
    assert "U bent uitgelogd" in client.get("/medewerkers/uitgelogd").content.decode()
    assert client.get(HOME)["Location"].startswith(LOGIN)
    assert ("accounts.signed_out", client.user.pk) in [(r.event, r.user_id) for r in caplog.records]


def test_sign_out_needs_a_post(staff_client):
    """A link or an image cannot sign someone out: GET is refused."""
    client = staff_client(Role.HANDLER)
    assert client.get(LOGOUT).status_code == 405
    assert client.get(HOME).status_code == 200


def test_sign_in_is_logged_with_the_user_id(client, caplog):
    """A completed sign-in is logged as an event with the user id and without the username."""
    user = make_staff_user(Role.HANDLER, username="jansen")
    with caplog.at_level(logging.INFO, logger="meldpunt.accounts.audit"):
        client.post(LOGIN, {"username": user.username, "password": STAFF_PASSWORD})
        client.post("/medewerkers/inloggen/code", {"code": totp_now()})
    assert ("accounts.signed_in", user.pk) in [(r.event, r.user_id) for r in caplog.records]
    assert "jansen" not in caplog.text
