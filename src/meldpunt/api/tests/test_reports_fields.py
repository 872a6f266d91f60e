import pytest

from meldpunt.api.openapi import REQUIRED
from meldpunt.api.tests.reports_fixtures import closed_school_fixture, post_json, school_fixture, valid_report_fixture  # noqa: F401  (fixtures)
from meldpunt.cases.models import Case

MISSING = object()

# Every intake field with each kind of bad value: missing or null where required, wrong JSON type,
# unknown choice, out of range. Applied one at a time to an otherwise valid body.
BAD_VALUES = {
    "reporter_role": [MISSING, None, "teacher", "", "PARENT", 3, True, ["parent"], {"role": "parent"}],
    "categories": [MISSING, None, [], "bullying_psychological", ["gossip"], [1], [None], [["other"]], {"a": 1}],
    "description": [MISSING, None, "", "   \n\t ", "a" * 20_001, "nul\x00byte", 42, True, ["tekst"]],
    "attendance": [MISSING, None, "sometimes", "", 1, ["attending"]],
    "absent_since": [
        MISSING,
        None,
        "2026-13-01",
        "2026-02-30",
        "2999-01-01",
        "yesterday",
        "",
        "1899-12-31",
        20261001,
        ["2026-10-01"],
    ],
    "acute_danger": [MISSING, None, "false", "yes", 0, 1, []],
    "school": ["99XX00", "99ZZ00", "", "   ", "X" * 13, "32JK\x0000", "32JK-00", 32, True, ["32JK00"], {"a": 1}],
    "sector": ["university", "vo", "", 1, ["po"]],
    "started_on": ["2999-01-01", "01-09-2026", "2026-02-30", 20260901, True],
    "steps_taken": [["begged"], ["none", "talked_to_teacher"], "talked_to_teacher", [1], {"a": 1}, True],
    "accused_is_staff": ["yes", "true", 0, 1, []],
    "contact": ["ouder@example.nl", 5, True, ["ouder@example.nl"]],
    "contact.email": ["not-an-email", "a@b", "x" * 250 + "@example.nl", "a\x00@example.nl", 5, ["a@example.nl"]],
    "contact.phone": ["call me", "123", "06-1234567a", "+31 6 1234 5678 9999 9999", 612345678, ["0612345678"]],
    "share_identity_with_school": ["true", "yes", 1, 0, []],
    "consent_referral": ["false", 1, {}, []],
    "language": ["de", "NL", "", 1, ["en"]],
}
CASES = [(field, value) for field, values in BAD_VALUES.items() for value in values]


def _with(valid: dict, field: str, value) -> dict:
    body = {**valid, "contact": dict(valid["contact"])}
    target, name = (body["contact"], field.split(".", 1)[1]) if field.startswith("contact.") else (body, field)
    if value is MISSING:
        target.pop(name)
    else:
        target[name] = value
    return body


@pytest.mark.django_db
@pytest.mark.parametrize(("field", "value"), CASES, ids=[f"{field}={value!r:.30}" for field, value in CASES])
def test_each_bad_value_gives_400_naming_its_field(client, school, closed_school, valid_report, field, value):
    """Every field's bad value gives 400 with errors keyed by exactly that field (nested: a dot); nothing stored."""
    response = post_json(client, _with(valid_report, field, value))
    assert response.status_code == 400, response.content
    errors = response.json()["errors"]
    assert set(errors) == {field}, errors
    assert all(isinstance(message, str) and message.strip() for message in errors[field])
    assert Case.objects.count() == 0


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"attendance": "attending"}, "absent_since"),  # a date of absence while the child goes to school
        ({"favourite_colour": "blue"}, "favourite_colour"),
        ({"contact": {"fax": "0201234567"}}, "contact.fax"),
    ],
)
def test_combinations_and_unknown_fields_are_named(client, school, valid_report, change, field):
    """A contradiction names the field that must change; an unknown field is named as an error of its own."""
    response = post_json(client, {**valid_report, **change})
    assert response.status_code == 400
    assert set(response.json()["errors"]) == {field}


@pytest.mark.django_db
def test_all_errors_are_reported_at_once(client):
    """An empty object lists every required field, so a client can fix everything in one go."""
    response = post_json(client, {})
    assert response.status_code == 400
    assert set(response.json()["errors"]) == set(REQUIRED)


@pytest.mark.django_db
def test_messages_are_english_when_the_body_asks_for_english(client, valid_report):
    """With `language: "en"` in the body the messages are English."""
    response = post_json(client, {**valid_report, "language": "en", "reporter_role": None, "school": None})
    assert response.status_code == 400
    assert response.json()["errors"] == {"reporter_role": ["This answer is required."]}
    assert response["Content-Language"] == "en"


@pytest.mark.django_db
def test_lang_parameter_chooses_english_when_the_body_does_not(client, valid_report):
    """Without a valid `language` in the body, `?lang=en` chooses English."""
    body = {**valid_report, "language": "de", "school": None}
    response = post_json(client, body, path="/api/v1/reports?lang=en")
    assert response.json()["errors"]["language"] == ["Choose one of: nl, en."]


@pytest.mark.django_db
def test_the_body_language_wins_over_the_lang_parameter(client, valid_report):
    """The body's `language` is the request's language, even when ?lang= says otherwise."""
    body = {**valid_report, "reporter_role": None, "school": None, "language": "nl"}
    response = post_json(client, body, path="/api/v1/reports?lang=en")
    assert response.json()["errors"]["reporter_role"] == ["Dit antwoord is verplicht."]


@pytest.mark.django_db
def test_the_browser_language_is_never_guessed(client, valid_report):
    """Accept-Language and the site's language cookie do not change the API's language: Dutch is the default."""
    client.cookies["meldpunt_language"] = "en"
    body = {**valid_report, "reporter_role": None, "school": None}
    body.pop("language")
    response = post_json(client, body, HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")
    assert response.json()["errors"]["reporter_role"] == ["Dit antwoord is verplicht."]
    assert response["Content-Language"] == "nl"
