"""GET /api/v1/reporter/case (CONTRACT.md): the reporter's own view of the case, with a bearer token."""

import pytest
from django.test import Client

from meldpunt.cases.models import Case
from meldpunt.cases.services import case_message_from_handler_send
from meldpunt.portal.services import reporter_token_issue
from meldpunt.portal.tests.factories import DESCRIPTION, submit_report
from meldpunt.privacy.models import AuditEntry

URL = "/api/v1/reporter/case"
pytestmark = pytest.mark.django_db


@pytest.fixture
def submitted():
    return submit_report(share_identity_with_school=True)


def _get(token: str, path: str = URL):
    return Client().get(path, HTTP_AUTHORIZATION=f"Bearer {token}")


def test_case_view_as_json(submitted, staff_user):
    """The token gives reference, status, label, description, deadlines, messages and what the school knows."""
    handler = staff_user("handler")
    Case.objects.filter(pk=submitted.case.pk).update(assigned_handler=handler)
    submitted.case.refresh_from_db()
    case_message_from_handler_send(case=submitted.case, author=handler, body="Hoe gaat het nu?")
    token, _expires = reporter_token_issue(case=submitted.case)
    response = _get(token)
    assert response.status_code == 200
    data = response.json()
    assert data["reference"] == submitted.case.reference
    assert (data["status"], data["status_label"]) == ("received", "Ontvangen")
    assert data["description"] == DESCRIPTION
    assert [d["code"] for d in data["deadlines"]] == ["acknowledgement", "intake_decision"]
    assert {"code", "due", "state", "label", "explanation"} <= set(data["deadlines"][1])
    assert data["next_deadline"] == "intake_decision"
    assert data["messages"] == [
        {"from": "handler", "body": "Hoe gaat het nu?", "sent_at": data["messages"][0]["sent_at"]}
    ]
    assert [item["code"] for item in data["shared_with_school"]] == ["identity"]
    assert [item["kind"] for item in data["timeline"]] == ["status", "message_from_handler"]
    assert response["Cache-Control"] == "no-store"
    assert AuditEntry.objects.filter(action="case.read", actor_kind="reporter").exists()


def test_english_labels(submitted):
    """?lang=en gives the labels in English."""
    token, _expires = reporter_token_issue(case=submitted.case)
    assert _get(token, URL + "?lang=en").json()["status_label"] == "Received"


@pytest.mark.parametrize("header", [None, "", "Bearer", "Bearer nonsense", "Basic dXNlcjpwYXNz", "bearer " + "x" * 500])
def test_missing_or_bad_token_gives_401(submitted, header):
    """Without a valid bearer token the answer is 401 with WWW-Authenticate, never the case."""
    client = Client()
    response = client.get(URL) if header is None else client.get(URL, HTTP_AUTHORIZATION=header)
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert submitted.case.reference.encode() not in response.content


def test_expired_token_gives_401(submitted, time_machine, settings):
    """A token is refused once REPORTER_TOKEN_MINUTES have passed."""
    settings.REPORTER_TOKEN_MINUTES = 30
    time_machine.move_to("2026-11-30 10:00 +01:00", tick=False)
    token, _expires = reporter_token_issue(case=submitted.case)
    assert _get(token).status_code == 200
    time_machine.move_to("2026-11-30 10:31 +01:00", tick=False)
    assert _get(token).status_code == 401


def test_token_flow_from_sign_in(submitted):
    """The token from POST /reporter/session opens the case."""
    client = Client()
    token = client.post(
        "/api/v1/reporter/session",
        {"reference": submitted.case.reference, "access_code": submitted.access_code},
        content_type="application/json",
    ).json()["token"]
    assert _get(token).json()["reference"] == submitted.case.reference


def test_a_token_opens_only_its_own_case(submitted):
    """Another reporter's token gives another case, never this one."""
    other = submit_report()
    token, _expires = reporter_token_issue(case=other.case)
    assert _get(token).json()["reference"] == other.case.reference


def test_post_is_not_allowed(submitted):
    """The case view is read-only."""
    token, _expires = reporter_token_issue(case=submitted.case)
    assert Client().post(URL, HTTP_AUTHORIZATION=f"Bearer {token}").status_code == 405
