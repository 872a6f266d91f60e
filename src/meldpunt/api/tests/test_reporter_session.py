"""POST /api/v1/reporter/session (CONTRACT.md): a token for a right pair, one answer for every wrong one."""

import datetime as dt

import pytest
from django.test import Client, override_settings

from meldpunt.portal.tests.factories import submit_report

URL = "/api/v1/reporter/session"
pytestmark = pytest.mark.django_db


@pytest.fixture
def submitted():
    return submit_report()


def _post(client: Client, body, **extra):
    return client.post(URL, body, content_type="application/json", **extra)


def test_right_pair_gives_a_token(client, submitted):
    """A right reference and code give 200 with a token and its expiry, not cached."""
    response = _post(client, {"reference": submitted.case.reference, "access_code": submitted.access_code})
    assert response.status_code == 200
    data = response.json()
    assert set(data) == {"token", "expires_at"} and len(data["token"]) >= 40
    expires = dt.datetime.fromisoformat(data["expires_at"])
    assert expires.tzinfo is not None
    assert response["Cache-Control"] == "no-store"
    assert "Set-Cookie" not in response


def _wire(response) -> tuple[int, bytes, dict[str, str]]:
    headers = {k: v for k, v in response.items() if k.lower() != "date"}
    return response.status_code, response.content, headers


def test_wrong_pair_is_byte_identical_for_real_and_made_up_references(client, submitted):
    """The 401 for a made-up reference and for a real one with a wrong code match in status, headers and body."""
    wrong_code = "AAAA-BBBB-CCCC-DDDD"
    real = _post(client, {"reference": submitted.case.reference, "access_code": wrong_code})
    made_up = _post(client, {"reference": "MSV-2026-999999", "access_code": wrong_code})
    nonsense = _post(client, {"reference": "not a reference at all", "access_code": wrong_code})
    assert real.status_code == 401
    assert _wire(real) == _wire(made_up) == _wire(nonsense)
    assert real.json() == {"errors": {"__all__": [real.json()["errors"]["__all__"][0]]}}
    assert submitted.case.reference.encode() not in real.content


def test_wrong_pair_message_in_english_on_request(client, submitted):
    """With ?lang=en the refusal is in English (the API never guesses from Accept-Language)."""
    response = client.post(
        URL + "?lang=en",
        {"reference": submitted.case.reference, "access_code": "x"},
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="nl",
    )
    assert response.json()["errors"]["__all__"] == [
        "The reference or the access code is not right. Check them and try again."
    ]


def test_twenty_five_wrong_codes_give_429_with_retry_after(client, submitted):
    """With the default limits, repeated wrong codes for one reference end in 429 with Retry-After."""
    statuses = [
        _post(client, {"reference": submitted.case.reference, "access_code": f"WRNG-{n:04d}-0000-0000"}).status_code
        for n in range(25)
    ]
    assert statuses[:10] == [401] * 10
    assert set(statuses[10:]) == {429}
    response = _post(client, {"reference": submitted.case.reference, "access_code": submitted.access_code})
    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 15 * 60
    assert response.json()["errors"]["__all__"]


@override_settings(REPORTER_SIGNIN_FAILURES_PER_CLIENT=3, REPORTER_SIGNIN_FAILURES_PER_REFERENCE=100)
def test_one_client_trying_many_references_is_throttled(client, submitted):
    """Failures count per client too: after three, the client gets 429 even for another reference."""
    for number in range(3):
        _post(client, {"reference": f"MSV-2026-{number:06d}", "access_code": "x"})
    response = _post(client, {"reference": submitted.case.reference, "access_code": submitted.access_code})
    assert response.status_code == 429
    other = _post(
        Client(REMOTE_ADDR="192.0.2.44"),
        {"reference": submitted.case.reference, "access_code": submitted.access_code},
    )
    assert other.status_code == 200


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        ("not json", "application/json"),
        ("[1, 2]", "application/json"),
        ('"text"', "application/json"),
        ("[" * 5000, "application/json"),
        ('{"reference": "x"}', "text/plain"),
    ],
    ids=["not json", "array", "string", "deeply nested", "wrong content type"],
)
def test_bodies_that_are_not_json_objects_get_400(client, body, content_type):
    """Anything but a JSON object gets 400 with an `__all__` error, never a 500."""
    response = client.post(URL, body, content_type=content_type)
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["__all__"]


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"reference": "MSV-2026-000001"},
        {"reference": 12, "access_code": "x"},
        {"reference": " ", "access_code": []},
    ],
)
def test_missing_or_non_text_fields_are_named(client, body):
    """A missing, empty or non-text reference or access code is named in a 400."""
    response = _post(client, body)
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert set(errors) <= {"reference", "access_code"} and errors


def test_other_methods_get_405(client):
    """GET on the session endpoint is not allowed."""
    assert client.get(URL).status_code == 405


def test_no_csrf_needed(submitted):
    """The endpoint trusts no cookie, so it needs no CSRF token."""
    client = Client(enforce_csrf_checks=True)
    response = _post(client, {"reference": submitted.case.reference, "access_code": submitted.access_code})
    assert response.status_code == 200
