"""Brute force on the sign-in: django-axes locks after 10 failures per username and per address."""

import logging

import pytest
import time_machine
from django.contrib.auth import SESSION_KEY
from django.test import override_settings

from meldpunt.accounts.constants import Role
from meldpunt.accounts.tests.helpers import STAFF_PASSWORD, make_staff_user, totp_now, totp_wrong

pytestmark = pytest.mark.django_db

LOGIN = "/medewerkers/inloggen"
CODE = "/medewerkers/inloggen/code"
LOCKED = "Inloggen tijdelijk geblokkeerd"
NOON = "2026-03-02 12:00:00 +0100"


def wrong_passwords(client, username, times, address):
    response = None
    for _attempt in range(times):
        response = client.post(LOGIN, {"username": username, "password": "wrong-password-123"}, REMOTE_ADDR=address)
    return response


def test_ten_wrong_passwords_lock_the_account_with_a_clear_message(client):
    """The 10th wrong password answers 429 with a page that says the account is locked and until when."""
    user = make_staff_user(Role.HANDLER)
    with time_machine.travel(NOON, tick=False):
        ninth = wrong_passwords(client, user.username, 9, "192.0.2.10")
        assert ninth.status_code == 200
        tenth = wrong_passwords(client, user.username, 1, "192.0.2.10")
    html = tenth.content.decode()
    assert tenth.status_code == 429
    assert LOCKED in html
    assert "30 minuten" in html
    assert "12:30" in html
    assert tenth["Retry-After"] == "1800"


def test_locked_account_refuses_even_the_right_password(client):
    """While locked, the right password from another address is refused too (lock per username)."""
    user = make_staff_user(Role.HANDLER)
    wrong_passwords(client, user.username, 10, "192.0.2.10")
    response = client.post(LOGIN, {"username": user.username, "password": STAFF_PASSWORD}, REMOTE_ADDR="192.0.2.99")
    assert response.status_code == 429
    assert SESSION_KEY not in client.session


def test_address_is_locked_across_usernames(client):
    """Ten failures from one address with different usernames lock that address (lock per address)."""
    user = make_staff_user(Role.HANDLER)
    for number in range(10):
        client.post(LOGIN, {"username": f"guess-{number}", "password": "x-password-123"}, REMOTE_ADDR="192.0.2.30")
    response = client.post(LOGIN, {"username": user.username, "password": STAFF_PASSWORD}, REMOTE_ADDR="192.0.2.30")
    assert response.status_code == 429


def test_made_up_username_gets_the_same_lockout_page(client):
    """The lockout page is the same, byte for byte, for a real and a made-up username."""
    user = make_staff_user(Role.HANDLER)
    with time_machine.travel(NOON, tick=False):
        real = wrong_passwords(client, user.username, 10, "192.0.2.10")
        made_up = wrong_passwords(client, "no-such-person", 10, "192.0.2.20")
    assert real.status_code == made_up.status_code == 429
    assert real.content == made_up.content
    assert LOCKED in made_up.content.decode()


def test_lockout_ends_after_the_cool_off(client):
    """Thirty minutes after the last failure the right password works again."""
    user = make_staff_user(Role.HANDLER)
    with time_machine.travel(NOON, tick=False):
        wrong_passwords(client, user.username, 10, "192.0.2.10")
    with time_machine.travel("2026-03-02 12:29:00 +0100", tick=False):
        still = client.post(LOGIN, {"username": user.username, "password": STAFF_PASSWORD}, REMOTE_ADDR="192.0.2.10")
    assert still.status_code == 429
    # That attempt during the lockout started the cool-off again, from 12:29.
    with time_machine.travel("2026-03-02 13:00:00 +0100", tick=False):
        again = client.post(LOGIN, {"username": user.username, "password": STAFF_PASSWORD}, REMOTE_ADDR="192.0.2.10")
        assert again.status_code == 302 and again["Location"] == CODE
        assert client.post(CODE, {"code": totp_now()}, REMOTE_ADDR="192.0.2.10").status_code == 302


@override_settings(OTP_TOTP_THROTTLE_FACTOR=0)
def test_wrong_codes_count_towards_the_lockout(client):
    """Ten wrong app codes after a right password lock the account as ten wrong passwords would."""
    user = make_staff_user(Role.COORDINATOR)
    client.post(LOGIN, {"username": user.username, "password": STAFF_PASSWORD}, REMOTE_ADDR="192.0.2.40")
    wrong = totp_wrong()
    responses = [client.post(CODE, {"code": wrong}, REMOTE_ADDR="192.0.2.40") for _attempt in range(10)]
    assert [r.status_code for r in responses[:9]] == [200] * 9
    assert responses[9].status_code == 429
    assert LOCKED in responses[9].content.decode()
    again = client.post(LOGIN, {"username": user.username, "password": STAFF_PASSWORD}, REMOTE_ADDR="192.0.2.41")
    assert again.status_code == 429


def test_successful_sign_in_clears_earlier_failures(client):
    """Failures before a completed sign-in do not count towards a later lockout."""
    user = make_staff_user(Role.HANDLER)
    wrong_passwords(client, user.username, 9, "192.0.2.50")
    client.post(LOGIN, {"username": user.username, "password": STAFF_PASSWORD}, REMOTE_ADDR="192.0.2.50")
    client.post(CODE, {"code": totp_now()}, REMOTE_ADDR="192.0.2.50")
    client.post("/medewerkers/uitloggen", REMOTE_ADDR="192.0.2.50")
    assert wrong_passwords(client, user.username, 1, "192.0.2.50").status_code == 200


def test_failures_and_lockout_are_logged_without_username_or_address(client, caplog):
    """Failures and the lockout are logged with the user id only: no username, no address."""
    user = make_staff_user(Role.HANDLER, username="marieke-de-vries")
    with caplog.at_level(logging.DEBUG):
        wrong_passwords(client, user.username, 10, "198.51.100.77")
        wrong_passwords(client, "pieter-onbekend", 1, "198.51.100.77")
    events = [(r.event, r.user_id) for r in caplog.records if hasattr(r, "event")]
    assert ("accounts.sign_in_password_failed", user.pk) in events
    assert ("accounts.sign_in_locked_out", user.pk) in events
    assert ("accounts.sign_in_locked_out", None) in events
    logged = caplog.text + " ".join(str(r.__dict__) for r in caplog.records)
    for secret in ("marieke", "pieter", "198.51.100.77", "wrong-password"):
        assert secret not in logged
