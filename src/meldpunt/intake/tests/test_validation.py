import datetime as dt

import pytest

from meldpunt.intake.validation import SchoolFacts, report_validate

TODAY = dt.date(2026, 11, 28)


def lookup(code: str) -> SchoolFacts | None:
    return SchoolFacts(code="32JK00", sector="po") if code == "32JK00" else None


def validate(body):
    return report_validate(body, today=TODAY, school_lookup=lookup)


def test_a_complete_report_is_accepted(valid_report):
    """A body with every field valid becomes a clean report with the sector taken from the school."""
    report, errors = validate(valid_report)
    assert errors == {}
    assert report is not None
    assert report.sector == "po"
    assert report.contact_email == "ouder@example.nl"
    assert report.absent_since == dt.date(2026, 10, 1)


def test_the_minimal_report_is_accepted():
    """Only role, categories, description, attendance and acute danger are required."""
    report, errors = validate(
        {
            "reporter_role": "pupil",
            "categories": ["other"],
            "description": "x",
            "attendance": "attending",
            "acute_danger": True,
        }
    )
    assert errors == {}
    assert report.school is None and report.sector == "unknown" and report.steps_taken == []


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"reporter_role": None}, "reporter_role"),
        ({"reporter_role": "teacher"}, "reporter_role"),
        ({"reporter_role": 3}, "reporter_role"),
        ({"categories": []}, "categories"),
        ({"categories": "bullying_psychological"}, "categories"),
        ({"categories": ["gossip"]}, "categories"),
        ({"categories": [1]}, "categories"),
        ({"description": ""}, "description"),
        ({"description": "   \n "}, "description"),
        ({"description": "a" * 20_001}, "description"),
        ({"description": "nul\x00byte"}, "description"),
        ({"description": 42}, "description"),
        ({"attendance": "sometimes"}, "attendance"),
        ({"absent_since": None}, "absent_since"),
        ({"absent_since": "2026-13-01"}, "absent_since"),
        ({"absent_since": "2026-12-01"}, "absent_since"),
        ({"absent_since": "yesterday"}, "absent_since"),
        ({"attendance": "attending"}, "absent_since"),
        ({"acute_danger": None}, "acute_danger"),
        ({"acute_danger": "false"}, "acute_danger"),
        ({"acute_danger": 0}, "acute_danger"),
        ({"school": "99XX00"}, "school"),
        ({"school": ""}, "school"),
        ({"school": 32}, "school"),
        ({"sector": "vo"}, "sector"),
        ({"sector": "university"}, "sector"),
        ({"started_on": "2027-01-01"}, "started_on"),
        ({"started_on": 20260101}, "started_on"),
        ({"steps_taken": ["begged"]}, "steps_taken"),
        ({"steps_taken": ["none", "talked_to_teacher"]}, "steps_taken"),
        ({"accused_is_staff": "yes"}, "accused_is_staff"),
        ({"contact": "ouder@example.nl"}, "contact"),
        ({"contact": {"email": "not-an-email"}}, "contact.email"),
        ({"contact": {"email": 5}}, "contact.email"),
        ({"contact": {"phone": "call me"}}, "contact.phone"),
        ({"contact": {"phone": "123"}}, "contact.phone"),
        ({"contact": {"fax": "0201234567"}}, "contact.fax"),
        ({"share_identity_with_school": "true"}, "share_identity_with_school"),
        ({"consent_referral": 1}, "consent_referral"),
        ({"language": "de"}, "language"),
        ({"favourite_colour": "blue"}, "favourite_colour"),
    ],
)
def test_each_bad_value_is_named_by_its_field(valid_report, change, field):
    """Every field's bad value gives an error keyed by that field's JSON name (nested with a dot)."""
    body = {**valid_report, **change}
    report, errors = validate(body)
    assert report is None
    assert field in errors, errors
    assert all(isinstance(message, str) and message for message in errors[field])


@pytest.mark.parametrize("body", [[], "text", None, 12])
def test_a_body_that_is_not_an_object_is_refused_as_a_whole(body):
    """A body that is not a JSON object gets an error under __all__."""
    report, errors = validate(body)
    assert report is None and list(errors) == ["__all__"]


def test_messages_follow_the_active_language(valid_report):
    """Messages are in the request's language."""
    from django.utils import translation

    with translation.override("en"):
        _report, errors = validate({**valid_report, "reporter_role": None})
    assert errors["reporter_role"] == ["This answer is required."]
