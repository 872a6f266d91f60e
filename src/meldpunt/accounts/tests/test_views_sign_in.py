import re

import pytest
import time_machine
from django.contrib.auth import SESSION_KEY

from meldpunt.accounts.constants import Role
from meldpunt.accounts.models import User
from meldpunt.accounts.services import staff_create, staff_recovery_codes_generate
from meldpunt.accounts.tests.helpers import STAFF_PASSWORD, make_staff_user, totp_now, totp_wrong

pytestmark = pytest.mark.django_db

LOGIN = "/medewerkers/inloggen"
CODE = "/medewerkers/inloggen/code"
RECOVERY = "/medewerkers/inloggen/herstelcode"
ENROL = "/medewerkers/inloggen/instellen"
HOME = "/medewerkers/"
WRONG_CREDENTIALS = "De gebruikersnaam of het wachtwoord klopt niet."


def password_step(client, user_or_name, password=STAFF_PASSWORD, query=""):
    username = user_or_name if isinstance(user_or_name, str) else user_or_name.username
    return client.post(LOGIN + query, {"username": username, "password": password})


def is_signed_in(client) -> bool:
    return SESSION_KEY in client.session


def test_sign_in_page_is_a_staff_page_without_the_exit_control(client):
    """The sign-in page asks for username and password and has no 'leave this page' control."""
    response = client.get(LOGIN)
    html = response.content.decode()
    assert response.status_code == 200
    assert 'autocomplete="username"' in html
    assert 'autocomplete="current-password"' in html
    assert "data-exit-link" not in html


def test_password_then_totp_signs_in(client):
    """Password first, then the app's code: then the staff home greets the member with their role."""
    user = make_staff_user(Role.COORDINATOR, first_name="Anouk")
    response = password_step(client, user)
    assert response.status_code == 302 and response["Location"] == CODE
    assert not is_signed_in(client)
    response = client.post(CODE, {"code": totp_now()})
    assert response.status_code == 302 and response["Location"] == HOME
    home = client.get(HOME)
    assert home.status_code == 200
    assert "Welkom, Anouk" in home.content.decode()
    assert "Coördinator" in home.content.decode()


def test_code_may_be_typed_with_a_space(client):
    """'123 456', as apps show it, is accepted."""
    user = make_staff_user(Role.HANDLER)
    password_step(client, user)
    code = totp_now()
    response = client.post(CODE, {"code": f"{code[:3]} {code[3:]}"})
    assert response.status_code == 302 and response["Location"] == HOME


def test_password_alone_does_not_sign_in(client):
    """After the password step nothing is open: the staff home still sends to the sign-in page."""
    user = make_staff_user(Role.ADMINISTRATOR)
    password_step(client, user)
    assert not is_signed_in(client)
    response = client.get(HOME)
    assert response.status_code == 302 and response["Location"].startswith(LOGIN)
    assert client.get("/beheer/admin/").status_code == 302


def test_wrong_password_shows_the_error_summary(client):
    """A wrong password gives the error summary at the top, linked to the field, and 'Fout:' in the title."""
    user = make_staff_user(Role.HANDLER)
    response = password_step(client, user, password="wrong-password-123")
    html = response.content.decode()
    assert response.status_code == 200
    assert WRONG_CREDENTIALS in html
    assert re.search(r"<title>\s*Fout:", html)
    assert 'href="#id_username"' in html
    assert not is_signed_in(client)


def test_unknown_username_gets_the_same_answer_as_a_wrong_password(client):
    """The page never tells whether a username exists."""
    user = make_staff_user(Role.HANDLER)
    known = password_step(client, user, password="wrong-password-123")
    unknown = password_step(client, "nobody-here", password="wrong-password-123")
    assert known.status_code == unknown.status_code == 200
    assert WRONG_CREDENTIALS in unknown.content.decode()


def test_inactive_account_cannot_sign_in(client):
    """A deactivated staff member gets the usual error, even with the right password."""
    user = make_staff_user(Role.HANDLER)
    User.objects.filter(pk=user.pk).update(is_active=False)
    response = password_step(client, user)
    assert response.status_code == 200
    assert WRONG_CREDENTIALS in response.content.decode()


def test_empty_fields_are_named_in_the_error_summary(client):
    """Each empty field gets its own message, linked to it."""
    response = client.post(LOGIN, {"username": "", "password": ""})
    html = response.content.decode()
    assert "Vul uw gebruikersnaam in." in html
    assert "Vul uw wachtwoord in." in html
    assert 'href="#id_password"' in html


def test_wrong_code_is_refused_with_a_clear_message(client):
    """A wrong code gives an error on the code field and does not sign in."""
    user = make_staff_user(Role.HANDLER)
    password_step(client, user)
    response = client.post(CODE, {"code": totp_wrong()})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Deze code klopt niet." in html
    assert 'href="#id_code"' in html
    assert 'aria-invalid="true"' in html
    assert not is_signed_in(client)


def test_code_that_is_not_six_digits_is_refused(client):
    """The code field takes six digits."""
    user = make_staff_user(Role.HANDLER)
    password_step(client, user)
    response = client.post(CODE, {"code": "12ab"})
    assert "Een code heeft 6 cijfers." in response.content.decode()


def test_repeated_wrong_codes_are_slowed_down(client):
    """Right after a wrong code the device refuses the next try and says how long to wait."""
    user = make_staff_user(Role.HANDLER)
    password_step(client, user)
    with time_machine.travel("2026-03-02 10:00:00 +0100", tick=False):
        client.post(CODE, {"code": totp_wrong()})
        response = client.post(CODE, {"code": totp_now()})
    assert "te snel na elkaar een verkeerde code" in response.content.decode()
    assert not is_signed_in(client)


def test_code_field_invites_the_one_time_code(client):
    """The code field asks for numbers and lets the phone offer the one-time code."""
    user = make_staff_user(Role.HANDLER)
    password_step(client, user)
    html = client.get(CODE).content.decode()
    field = re.search(r"<input[^>]*id=\"id_code\"[^>]*>", html).group(0)
    assert 'autocomplete="one-time-code"' in field
    assert 'inputmode="numeric"' in field
    assert re.search(r"<h1[^>]*><label[^>]*for=\"id_code\"", html), "the label is the page heading"


def test_a_code_cannot_be_used_twice(client):
    """A TOTP code that signed in once is refused the second time (no replay)."""
    user = make_staff_user(Role.HANDLER)
    with time_machine.travel("2026-03-02 10:00:00 +0100", tick=False):
        code = totp_now()
        password_step(client, user)
        assert client.post(CODE, {"code": code}).status_code == 302
        client.post("/medewerkers/uitloggen")
    with time_machine.travel("2026-03-02 10:00:10 +0100", tick=False):
        password_step(client, user)
        response = client.post(CODE, {"code": code})
    assert response.status_code == 200
    assert not is_signed_in(client)


def test_recovery_code_works_once(client):
    """A recovery code signs in instead of the app's code, and only once."""
    user = make_staff_user(Role.ANALYST)
    codes = staff_recovery_codes_generate(user=user)
    password_step(client, user)
    response = client.post(RECOVERY, {"code": codes[0].upper()})
    assert response.status_code == 302 and response["Location"] == HOME
    client.post("/medewerkers/uitloggen")
    password_step(client, user)
    response = client.post(RECOVERY, {"code": codes[0]})
    assert response.status_code == 200
    assert "Deze herstelcode klopt niet" in response.content.decode()
    assert not is_signed_in(client)


def test_second_step_needs_the_first(client):
    """Without a fresh password step the code pages send back to the start."""
    for path in (CODE, RECOVERY, ENROL):
        response = client.get(path)
        assert response.status_code == 302 and response["Location"] == LOGIN


def test_password_step_expires_after_ten_minutes(client):
    """A password step older than ten minutes must be done again."""
    user = make_staff_user(Role.HANDLER)
    with time_machine.travel("2026-03-02 10:00:00 +0100", tick=False):
        password_step(client, user)
    with time_machine.travel("2026-03-02 10:11:00 +0100", tick=False):
        response = client.post(CODE, {"code": totp_now()})
    assert response.status_code == 302 and response["Location"] == LOGIN
    assert not is_signed_in(client)


def test_sign_in_returns_to_the_page_asked_for(client, staff_user):
    """A page that sent the visitor to sign in is where they land afterwards."""
    user = staff_user(Role.ADMINISTRATOR)
    first = client.get("/beheer/admin/", follow=True)
    assert first.redirect_chain[-1][0] == f"{LOGIN}?next=/beheer/admin/"
    password_step(client, user, query="?next=/beheer/admin/")
    response = client.post(CODE, {"code": totp_now()})
    assert response["Location"] == "/beheer/admin/"


def test_sign_in_ignores_a_destination_on_another_site(client):
    """A `next` that points elsewhere is ignored (no open redirect)."""
    user = make_staff_user(Role.HANDLER)
    password_step(client, user, query="?next=https://evil.example/")
    response = client.post(CODE, {"code": totp_now()})
    assert response["Location"] == HOME


def test_session_key_changes_at_each_step(client):
    """The session id changes after the password and again after the code (no session fixation)."""
    user = make_staff_user(Role.HANDLER)
    client.get(LOGIN)
    client.session.save()
    before = client.session.session_key
    password_step(client, user)
    middle = client.session.session_key
    client.post(CODE, {"code": totp_now()})
    after = client.session.session_key
    assert len({before, middle, after}) == 3


def test_signed_in_staff_skip_the_sign_in_page(staff_client):
    """Someone already signed in who opens the sign-in page goes to the staff home."""
    client = staff_client(Role.HANDLER)
    response = client.get(LOGIN)
    assert response.status_code == 302 and response["Location"] == HOME


@pytest.mark.parametrize("role", list(Role))
def test_every_role_needs_the_second_factor(client, role):
    """For every role the password leads to the code step, and only the code opens the staff home."""
    user = make_staff_user(role)
    assert password_step(client, user)["Location"] == CODE
    assert client.get(HOME)["Location"].startswith(LOGIN)
    assert client.post(CODE, {"code": totp_now()})["Location"] == HOME
    assert client.get(HOME).status_code == 200


@pytest.mark.parametrize("role", list(Role))
def test_every_role_without_an_app_is_led_to_enrolment(client, role, staff_user):
    """A staff member of any role without a confirmed app must set one up before anything opens."""
    board = staff_user(Role.SCHOOL_CONTACT).board if role == Role.SCHOOL_CONTACT else None
    partner = staff_user(Role.PARTNER).partner if role == Role.PARTNER else None
    user = staff_create(
        username=f"new-{role}",
        role=role,
        email=f"{role}@meldpunt.test",
        password=STAFF_PASSWORD,
        board=board,
        partner=partner,
    )
    assert password_step(client, user)["Location"] == ENROL
    assert client.get(HOME)["Location"].startswith(LOGIN)
    assert client.get(CODE)["Location"] == ENROL


@pytest.mark.parametrize("role", list(Role))
def test_a_session_with_only_a_password_opens_nothing(client, role):
    """A session signed in without a verified second factor (forced in the test) cannot reach the home."""
    user = make_staff_user(role)
    client.force_login(user)
    response = client.get(HOME)
    assert response.status_code == 302 and response["Location"] == f"{LOGIN}?next={HOME}"
