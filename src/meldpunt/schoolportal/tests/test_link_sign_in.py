"""A board without an account: a single-use link by email plus a code by phone opens that one request only."""

import datetime as dt
import re

import pytest
import time_machine
from django.core import mail
from django.test import Client
from django.urls import reverse

from meldpunt.cases.tests.case_helpers import case_in_investigation
from meldpunt.investigations.constants import RequestStatus
from meldpunt.investigations.models import SchoolAccessLink
from meldpunt.investigations.services.requests import information_request_withdraw
from meldpunt.investigations.tests.request_helpers import committed, request_sent
from meldpunt.privacy.models import AuditEntry
from meldpunt.schoolportal.services import LinkRefused, LinkThrottled, school_link_redeem

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 3, 10, 10, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def handler(staff_user):
    return staff_user("handler")


@pytest.fixture
def case(handler, school):
    return case_in_investigation(handler, school=school.code)


@pytest.fixture
def sent(case, handler):
    with committed():
        result = request_sent(case, handler, contact_email="bestuur@school.nl")
    token = re.search(r"/school/toegang/(\S+)", mail.outbox[-1].body).group(1)
    return result.request, token, result.access_code


def test_link_and_code_open_that_request_and_nothing_else(sent, case, handler):
    """The link hides its token, the code opens the request; the session reaches no other request or list."""
    request, token, code = sent
    browser = Client()
    landing = browser.get(reverse("schoolportal:link", kwargs={"token": token}))
    assert landing["Location"] == reverse("schoolportal:link_code")
    assert "Code invullen" in browser.get(landing["Location"]).content.decode()
    response = browser.post(reverse("schoolportal:link_code"), {"code": code.lower().replace("-", " ")})
    assert response["Location"] == reverse("schoolportal:request", kwargs={"pk": request.pk})
    assert browser.get(response["Location"]).status_code == 200
    assert browser.get(reverse("schoolportal:home"))["Location"] == response["Location"]
    other = request_sent(case, handler, contact_email="bestuur@school.nl").request
    assert browser.get(reverse("schoolportal:request", kwargs={"pk": other.pk})).status_code == 404
    assert browser.get(reverse("schoolportal:findings", kwargs={"reference": case.reference})).status_code == 403
    assert AuditEntry.objects.filter(action="informationrequest.link_redeemed").count() == 1
    read = AuditEntry.objects.filter(action="case.read", actor_kind="school").latest("sequence")
    assert read.actor_id is None and read.actor_ref.startswith("school-link-")


def test_the_link_works_once(sent):
    """After one sign-in the same link and code are refused."""
    _request, token, code = sent
    school_link_redeem(token=token, code=code, client="10.0.0.1")
    with pytest.raises(LinkRefused):
        school_link_redeem(token=token, code=code, client="10.0.0.1")


def test_wrong_codes_use_up_the_link_and_are_throttled_per_client(sent):
    """Five wrong codes kill the link (the right code then fails too); twenty from one address are throttled."""
    _request, token, code = sent
    for _ in range(5):
        with pytest.raises(LinkRefused):
            school_link_redeem(token=token, code="AAAA-AAAA", client="10.0.0.2")
    assert SchoolAccessLink.objects.get().failed_attempts == 5
    with pytest.raises(LinkRefused):
        school_link_redeem(token=token, code=code, client="10.0.0.3")
    for _ in range(15):
        with pytest.raises(LinkRefused):
            school_link_redeem(token="verzonnen", code="AAAA-AAAA", client="10.0.0.2")
    with pytest.raises(LinkThrottled):
        school_link_redeem(token=token, code=code, client="10.0.0.2")


def test_a_throttled_client_gets_429(sent):
    """The code page answers 429 with the message once the client tried too often."""
    _request, token, _code = sent
    browser = Client()
    browser.get(reverse("schoolportal:link", kwargs={"token": token}))
    for _ in range(20):
        browser.post(reverse("schoolportal:link_code"), {"code": "AAAA-AAAA"})
    response = browser.post(reverse("schoolportal:link_code"), {"code": "AAAA-AAAA"})
    assert response.status_code == 429 and "te vaak" in response.content.decode()


def test_an_expired_link_is_refused(sent):
    """After 14 days the link no longer opens anything."""
    _request, token, code = sent
    with time_machine.travel(NOW + dt.timedelta(days=14, seconds=1), tick=False), pytest.raises(LinkRefused):
        school_link_redeem(token=token, code=code, client="10.0.0.4")


def test_withdrawing_ends_a_link_session(sent, handler):
    """A browser signed in with the link loses access when the handler withdraws the request."""
    request, token, code = sent
    browser = Client()
    browser.get(reverse("schoolportal:link", kwargs={"token": token}))
    browser.post(reverse("schoolportal:link_code"), {"code": code})
    url = reverse("schoolportal:request", kwargs={"pk": request.pk})
    assert browser.get(url).status_code == 200
    information_request_withdraw(request=request, user=handler)
    assert request.__class__.objects.get(pk=request.pk).status == RequestStatus.WITHDRAWN
    response = browser.get(url)
    assert response.status_code == 302 and response["Location"].startswith("/medewerkers/inloggen")


def test_signing_out_ends_the_link_session(sent):
    """After signing out, the request page asks to sign in again."""
    request, token, code = sent
    browser = Client()
    browser.get(reverse("schoolportal:link", kwargs={"token": token}))
    browser.post(reverse("schoolportal:link_code"), {"code": code})
    assert browser.post(reverse("schoolportal:sign_out"))["Location"] == reverse("schoolportal:signed_out")
    assert browser.get(reverse("schoolportal:request", kwargs={"pk": request.pk})).status_code == 302


def test_the_code_page_without_a_link_explains_what_to_do(client):
    """Opening the code page directly says to open the email's link, or to sign in with an account."""
    page = client.get(reverse("schoolportal:link_code")).content.decode()
    assert "Open eerst de link" in page
