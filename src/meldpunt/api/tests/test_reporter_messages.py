"""POST /api/v1/reporter/messages (CONTRACT.md): the reporter writes to the handler with a bearer token."""

import pytest
from django.test import Client

from meldpunt.cases.models import Message
from meldpunt.portal.services import reporter_token_issue
from meldpunt.portal.tests.factories import submit_report

URL = "/api/v1/reporter/messages"
pytestmark = pytest.mark.django_db


@pytest.fixture
def token():
    submitted = submit_report()
    token, _expires = reporter_token_issue(case=submitted.case)
    return token


def _post(token: str, body, content_type: str = "application/json", path: str = URL):
    return Client().post(path, body, content_type=content_type, HTTP_AUTHORIZATION=f"Bearer {token}")


def test_message_is_stored_and_returned(token):
    """A message gives 201 with the stored message, from the reporter."""
    response = _post(token, {"body": "  Het gebeurde vandaag weer.  "})
    assert response.status_code == 201
    data = response.json()
    assert (data["from"], data["body"]) == ("reporter", "Het gebeurde vandaag weer.")
    assert data["sent_at"]
    message = Message.objects.get()
    assert (message.direction, message.body) == ("from_reporter", "Het gebeurde vandaag weer.")


def test_exactly_twenty_thousand_characters_fit(token):
    """20,000 characters are accepted."""
    assert _post(token, {"body": "a" * 20_000}).status_code == 201


@pytest.mark.parametrize(
    "body",
    [{}, {"body": ""}, {"body": "  \n "}, {"body": "a" * 20_001}, {"body": "nul\u0000"}, {"body": 5}, {"body": None}],
    ids=["missing", "empty", "blank", "too long", "NUL", "number", "null"],
)
def test_bad_bodies_name_the_field(token, body):
    """An empty, too long, NUL-containing or non-text body gives 400 naming `body`; nothing is stored."""
    response = _post(token, body)
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["body"]
    assert not Message.objects.exists()


def test_english_errors(token):
    """?lang=en gives the error in English."""
    response = _post(token, {"body": ""}, path=URL + "?lang=en")
    assert response.json()["errors"]["body"] == ["Write a message."]


@pytest.mark.parametrize("raw", ["nope", "[]", '"x"', "{" * 3000])
def test_not_an_object_gives_400(token, raw):
    """A body that is not a JSON object gets 400 with `__all__`, never a 500."""
    response = _post(token, raw)
    assert response.status_code == 400 and "__all__" in response.json()["errors"]


def test_without_token_nothing_is_stored():
    """Without a valid token the answer is 401 and nothing is stored."""
    response = Client().post(URL, {"body": "Hallo"}, content_type="application/json")
    assert response.status_code == 401
    assert not Message.objects.exists()
