import re

import pytest
from django.contrib.auth.middleware import AuthenticationMiddleware
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.test import RequestFactory
from django_otp.middleware import OTPMiddleware

from meldpunt.accounts.constants import Role
from meldpunt.accounts.decorators import staff_required
from meldpunt.accounts.permissions import Action

pytestmark = pytest.mark.django_db

HOME = "/medewerkers/"


@pytest.mark.parametrize("role", list(Role))
def test_home_greets_with_the_role_and_hides_the_exit_control(staff_client, role):
    """Each role sees its own name and role on a staff page without the public exit control."""
    client = staff_client(role)
    html = client.get(HOME).content.decode()
    assert str(Role(role).label) in html
    assert "data-exit-link" not in html
    assert 'action="/medewerkers/uitloggen"' in html


def test_only_administrators_get_a_link_to_the_admin(staff_client):
    """The admin link appears for administrators only: links only to what the role may open."""
    assert 'href="/beheer/admin/"' in staff_client(Role.ADMINISTRATOR).get(HOME).content.decode()
    assert 'href="/beheer/admin/"' not in staff_client(Role.COORDINATOR).get(HOME).content.decode()


def test_new_recovery_codes_are_shown_once(staff_client):
    """Making new recovery codes shows ten new ones, once."""
    client = staff_client(Role.HANDLER)
    assert client.get("/medewerkers/herstelcodes/nieuw").status_code == 405
    response = client.post("/medewerkers/herstelcodes/nieuw")
    assert response["Location"] == "/medewerkers/herstelcodes"
    html = client.get("/medewerkers/herstelcodes").content.decode()
    assert len(re.findall(r"<code translate=\"no\">", html)) == 10
    assert client.get("/medewerkers/herstelcodes").status_code == 302


def test_home_is_in_english_when_asked(staff_client):
    """The staff pages are translated: ?lang=en gives English."""
    html = staff_client(Role.ANALYST).get(HOME + "?lang=en").content.decode()
    assert "You are signed in as" in html


def test_staff_required_with_an_action_refuses_other_roles(staff_client):
    """`staff_required(action=...)` lets through the roles with that action and gives others 403."""

    @staff_required(action=Action.STATS_VIEW)
    def stats(request):
        return HttpResponse("ok")

    analyst, handler = staff_client(Role.ANALYST), staff_client(Role.HANDLER)
    factory = RequestFactory()

    def call(client):
        request = factory.get("/stats")
        request.session = client.session
        AuthenticationMiddleware(lambda r: None).process_request(request)
        OTPMiddleware(lambda r: None)(request)
        return stats(request)

    assert call(analyst).status_code == 200
    with pytest.raises(PermissionDenied):
        call(handler)
