import json

import pytest

from meldpunt.api.jsonio import MAX_BODY_BYTES
from meldpunt.api.tests.reports_fixtures import URL, post_json, school_fixture, valid_report_fixture  # noqa: F401  (fixtures)
from meldpunt.cases.models import Case


def _refused_as_a_whole(response, status: int = 400) -> list[str]:
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/json"
    errors = response.json()["errors"]
    assert list(errors) == ["__all__"] and errors["__all__"][0].strip()
    assert Case.objects.count() == 0
    return errors["__all__"]


@pytest.mark.django_db
@pytest.mark.parametrize("method", ["get", "put", "patch", "delete"])
def test_only_post_is_allowed(client, method):
    """Any method but POST gets 405 with Allow: POST."""
    response = getattr(client, method)(URL)
    assert response.status_code == 405
    assert response["Allow"] == "POST"
    assert list(response.json()["errors"]) == ["__all__"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "content_type",
    [
        "text/plain",
        "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=x",
        "application/json; charset=latin-1",
        "",
    ],
)
def test_a_body_not_sent_as_json_is_refused(client, school, valid_report, content_type):
    """Only Content-Type application/json (UTF-8) is read; a cross-site form cannot send it without a preflight."""
    response = post_json(client, valid_report, content_type=content_type)
    _refused_as_a_whole(response)


@pytest.mark.django_db
def test_upper_case_media_type_and_utf8_charset_are_accepted(client, school, valid_report):
    """Media types are case-insensitive and charset=utf-8 is the same as none."""
    response = post_json(client, valid_report, content_type="Application/JSON; charset=UTF-8")
    assert response.status_code == 201, response.content


@pytest.mark.django_db
@pytest.mark.parametrize(
    "raw",
    [
        b"",
        b"not json",
        b"{'single': 'quotes'}",
        b'{"reporter_role": "parent",}',
        b'{"description": "\xff\xfe broken utf-8"}',
        b"\xef\xbb\xbf{}",  # a byte order mark
        b'{"description": "\\ud800 alone"}',  # a lone surrogate cannot be stored as text
        b'{"acute_danger": NaN}',
        b'{"acute_danger": Infinity}',
        b'{"description": "a", "description": "b"}',  # which one counts would depend on the parser
        b'{"contact": {"email": "a@example.nl", "email": "b@example.nl"}}',
        b"[" * 100_000 + b"]" * 100_000,
        b'{"n": ' + b"9" * 5000 + b"}",
    ],
)
def test_a_body_that_is_not_valid_json_is_refused_as_a_whole(client, raw):
    """Invalid JSON, bad UTF-8, duplicate keys, NaN and lone surrogates get 400 under __all__, never a 5xx."""
    _refused_as_a_whole(post_json(client, raw))


@pytest.mark.django_db
@pytest.mark.parametrize("body", [[], [{"reporter_role": "parent"}], "text", 12, 1.5, True, None])
def test_json_that_is_not_an_object_is_refused_as_a_whole(client, body):
    """A JSON value other than an object gets 400 under __all__."""
    _refused_as_a_whole(post_json(client, body))


@pytest.mark.django_db
def test_a_huge_body_gets_413_without_being_read(client, valid_report):
    """A body over the size limit gets 413 under __all__."""
    huge = {**valid_report, "description": "x" * (MAX_BODY_BYTES + 1)}
    messages = _refused_as_a_whole(post_json(client, huge), status=413)
    assert "256 kB" in messages[0]


@pytest.mark.django_db
def test_a_declared_length_over_the_limit_is_refused_before_reading(client):
    """The Content-Length header alone decides: a client announcing too much is stopped at once."""
    response = client.generic("POST", URL, data=b"{}", content_type="application/json")
    assert response.status_code == 400  # {} itself is a bad report, read normally
    response = client.generic(
        "POST", URL, data=b"{}", content_type="application/json", CONTENT_LENGTH=str(MAX_BODY_BYTES + 1)
    )
    _refused_as_a_whole(response, status=413)


@pytest.mark.django_db
def test_the_largest_valid_description_fits_even_fully_escaped(client, school, valid_report):
    """A 20,000-character description written as \\u escapes of astral characters stays under the limit."""
    body = {**valid_report, "description": "😀" * 20_000}
    raw = json.dumps(body, ensure_ascii=True).encode()
    assert len(raw) < MAX_BODY_BYTES
    assert post_json(client, raw).status_code == 201


@pytest.mark.django_db
def test_refusals_of_the_body_follow_the_lang_parameter(client):
    """A body that cannot be read is answered in the language of ?lang=."""
    response = post_json(client, b"not json", path=f"{URL}?lang=en")
    assert response.json()["errors"]["__all__"] == ["Send valid JSON in UTF-8."]
    assert response["Content-Language"] == "en"
