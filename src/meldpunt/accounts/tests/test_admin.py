"""The admin at /beheer/admin/ opens only for administrators who passed the second factor."""

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import SESSION_KEY

from meldpunt.accounts.constants import Role
from meldpunt.accounts.models import User
from meldpunt.accounts.selectors import staff_totp_device
from meldpunt.accounts.tests.helpers import STAFF_PASSWORD, make_staff_user, totp_now

pytestmark = pytest.mark.django_db

ADMIN = "/beheer/admin/"
LOGIN = "/medewerkers/inloggen"


def test_anonymous_visitors_are_sent_to_the_staff_sign_in(client):
    """Not signed in: the admin sends to the staff sign-in page, never to its own password form."""
    response = client.get(ADMIN, follow=True)
    assert response.redirect_chain[-1][0] == f"{LOGIN}?next={ADMIN}"
    assert response.status_code == 200


def test_administrator_without_second_factor_is_sent_to_sign_in(client):
    """An administrator session without a verified second factor does not open the admin."""
    admin = make_staff_user(Role.ADMINISTRATOR)
    client.force_login(admin)
    response = client.get(ADMIN, follow=True)
    assert response.redirect_chain[-1][0].startswith(LOGIN)


@pytest.mark.parametrize("role", [role for role in Role if role != Role.ADMINISTRATOR])
def test_other_roles_get_403(staff_client, role):
    """Every role other than administrator is refused, even when fully signed in."""
    response = staff_client(role).get(ADMIN, follow=True)
    assert response.status_code == 403


def test_verified_administrator_reaches_the_admin(staff_client):
    """An administrator with a verified second factor sees the admin and the staff and device lists."""
    client = staff_client(Role.ADMINISTRATOR)
    assert client.get(ADMIN).status_code == 200
    assert client.get(f"{ADMIN}accounts/user/").status_code == 200
    assert client.get(f"{ADMIN}accounts/user/{client.user.pk}/change/").status_code == 200
    assert client.get(f"{ADMIN}otp_totp/totpdevice/").status_code == 200
    assert client.get(f"{ADMIN}otp_static/staticdevice/").status_code == 200


def test_admin_never_shows_the_totp_secret(staff_client):
    """The device pages do not show the key or a QR code, and devices cannot be added there."""
    client = staff_client(Role.ADMINISTRATOR)
    device = staff_totp_device(user=client.user, confirmed=True)
    html = client.get(f"{ADMIN}otp_totp/totpdevice/{device.pk}/change/").content.decode()
    assert device.key not in html
    assert "qrcode" not in html
    assert client.get(f"{ADMIN}otp_totp/totpdevice/add/").status_code == 403


def test_administrator_adds_staff_through_the_service_rules(staff_client):
    """A staff member added in the admin gets a hashed password and flags derived from the role."""
    client = staff_client(Role.ADMINISTRATOR)
    response = client.post(
        f"{ADMIN}accounts/user/add/",
        {
            "username": "nieuwe-analist",
            "role": Role.ANALYST,
            "email": "analist@meldpunt.test",
            "password1": STAFF_PASSWORD,
            "password2": STAFF_PASSWORD,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    user = User.objects.get(username="nieuwe-analist")
    assert user.role == Role.ANALYST and not user.is_staff and not user.is_superuser
    assert user.check_password(STAFF_PASSWORD)


def test_admin_refuses_a_school_contact_without_board(staff_client):
    """The admin form shows the role-and-board rule next to the field."""
    client = staff_client(Role.ADMINISTRATOR)
    response = client.post(
        f"{ADMIN}accounts/user/add/",
        {
            "username": "school-zonder-bestuur",
            "role": Role.SCHOOL_CONTACT,
            "email": "s@meldpunt.test",
            "password1": STAFF_PASSWORD,
            "password2": STAFF_PASSWORD,
        },
    )
    assert response.status_code == 200
    assert "Kies het schoolbestuur van deze contactpersoon." in response.content.decode()
    assert not User.objects.filter(username="school-zonder-bestuur").exists()


def test_administrator_unlocks_a_locked_account(staff_client, client):
    """The admin action 'unlock' lets a locked staff member sign in again."""
    admin_client = staff_client(Role.ADMINISTRATOR)
    user = make_staff_user(Role.HANDLER)
    for _attempt in range(10):
        client.post(LOGIN, {"username": user.username, "password": "wrong-password-123"})
    assert AccessAttempt.objects.exists()
    response = admin_client.post(
        f"{ADMIN}accounts/user/", {"action": "unlock", "_selected_action": [user.pk], "index": 0}
    )
    assert response.status_code == 302
    assert client.post(LOGIN, {"username": user.username, "password": STAFF_PASSWORD})["Location"].endswith(
        "/inloggen/code"
    )


def test_administrator_resets_a_lost_second_factor(staff_client, client):
    """After 'reset second factor' the staff member is led through enrolment at the next sign-in."""
    admin_client = staff_client(Role.ADMINISTRATOR)
    user = make_staff_user(Role.HANDLER)
    admin_client.post(
        f"{ADMIN}accounts/user/", {"action": "reset_second_factor", "_selected_action": [user.pk], "index": 0}
    )
    response = client.post(LOGIN, {"username": user.username, "password": STAFF_PASSWORD})
    assert response["Location"] == "/medewerkers/inloggen/instellen"


def test_admin_sign_out_ends_the_session(staff_client):
    """The admin's own sign-out button signs out of the whole staff session."""
    client = staff_client(Role.ADMINISTRATOR)
    response = client.post(f"{ADMIN}logout/")
    assert response.status_code == 302
    assert SESSION_KEY not in client.session


def test_full_sign_in_opens_the_admin(client):
    """Signing in with password and code as an administrator opens the admin."""
    admin = make_staff_user(Role.ADMINISTRATOR)
    client.post(f"{LOGIN}?next={ADMIN}", {"username": admin.username, "password": STAFF_PASSWORD})
    response = client.post("/medewerkers/inloggen/code", {"code": totp_now()})
    assert response["Location"] == ADMIN
    assert client.get(ADMIN).status_code == 200
