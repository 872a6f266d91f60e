"""Answers carried over from the guide into the wizard: filled in, not asked again, shown on the check page."""

import datetime as dt

import pytest
from django.http import QueryDict
from django.urls import reverse

from meldpunt.intake.prefill import prefill_answers, progress_prefill
from meldpunt.intake.progress import Progress, progress_load
from meldpunt.intake.tests.walk import SECRET_DESCRIPTION, answer, date_parts, h1_of, make_searchable, url

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 11, 20)
FROM_GUIDE = {
    "reporter_role": "parent",
    "categories": ["bullying_psychological", "discrimination"],
    "acute_danger": "no",
    "steps_taken": ["talked_to_teacher"],
    "attendance": "not_attending",
}


def _query(data: dict) -> QueryDict:
    query = QueryDict(mutable=True)
    for key, value in data.items():
        query.setlist(key, value if isinstance(value, list) else [value])
    return query


def test_valid_values_become_wizard_answers():
    """The five shared fields become answers in the wizard's own shapes (a yes/no becomes a boolean)."""
    assert prefill_answers(_query(FROM_GUIDE), today=TODAY) == {
        "reporter_role": "parent",
        "categories": ["bullying_psychological", "discrimination"],
        "acute_danger": False,
        "steps_taken": ["talked_to_teacher"],
        "attendance": "not_attending",
    }


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("reporter_role", "principal"),
        ("categories", ["bullying_psychological", "gossip"]),
        ("acute_danger", "misschien"),
        ("steps_taken", ["none", "talked_to_teacher"]),
        ("attendance", "sometimes"),
    ],
)
def test_a_value_that_does_not_pass_is_left_out(field: str, value):
    """A value the intake would refuse is dropped, so the wizard asks that question; the others stay."""
    answers = prefill_answers(_query({**FROM_GUIDE, field: value}), today=TODAY)
    assert field not in answers
    assert len(answers) == len(FROM_GUIDE) - 1


def test_other_posted_fields_are_ignored():
    """Only the shared fields are read: a description or a school in the post is not taken over."""
    answers = prefill_answers(_query({**FROM_GUIDE, "description": "x", "school": "32JK00"}), today=TODAY)
    assert set(answers) == set(FROM_GUIDE)


def test_a_report_in_progress_keeps_its_other_answers():
    """A description already written stays; a changed attendance forgets "since when"."""
    progress = Progress(answers={"description": "Al geschreven.", "attendance": "partly", "absent_since": "2026-10-01"})
    merged = progress_prefill(progress, {"attendance": "not_attending", "reporter_role": "parent"})
    assert merged.answers == {"description": "Al geschreven.", "attendance": "not_attending", "reporter_role": "parent"}
    assert merged.checking


def test_from_the_guide_the_wizard_opens_at_the_first_question_not_yet_answered(client):
    """Danger and role came along, so the wizard starts at the school, and says the answers were taken over."""
    response = client.post(reverse("intake:from_guide"), FROM_GUIDE, follow=True)
    assert response.redirect_chain[-1][0] == url("school")
    assert "Uw antwoorden uit de wegwijzer zijn overgenomen." in response.content.decode()
    progress = progress_load(client.session)
    assert progress is not None
    assert progress.answers["categories"] == ["bullying_psychological", "discrimination"]


def test_carried_questions_are_skipped_and_shown_on_the_check_page(client, school):
    """After the school the wizard skips the subject, the steps taken and attendance, then lists them for checking."""
    make_searchable(school)
    client.post(reverse("intake:from_guide"), FROM_GUIDE)
    response = answer(client, "school", {"school": "32JK00", "continue": "1"})
    assert response["Location"] == url("description")
    assert answer(client, "description", {"description": SECRET_DESCRIPTION})["Location"] == url("started_on")
    assert answer(client, "started_on", date_parts(60))["Location"] == url("absent_since")
    assert answer(client, "absent_since", date_parts(20))["Location"] == url("accused_is_staff")
    answer(client, "accused_is_staff", {"accused_is_staff": "no"})
    answer(client, "share_identity", {"share_identity_with_school": "no"})
    answer(client, "consent_referral", {"consent_referral": "yes"})
    answer(client, "contact", {"email": "", "phone": ""})
    response = answer(client, "attachments", {"continue": "1"})
    assert response["Location"] == url("check")
    check = client.get(url("check"))
    html = check.content.decode()
    assert h1_of(check) == "Controleer uw antwoorden"
    for shown in ("Ik ben ouder of verzorger", "Pesten", "Discriminatie", "Gepraat met de leraar of de mentor"):
        assert shown in html
    assert "Nee, nu helemaal niet" in html


def test_nothing_valid_starts_the_wizard_at_the_beginning(client):
    """A post without usable values opens the first question, without a message about taken-over answers."""
    response = client.post(reverse("intake:from_guide"), {"reporter_role": "nobody"}, follow=True)
    assert response.redirect_chain[-1][0] == url("danger")
    assert "overgenomen" not in response.content.decode()


def test_the_entry_point_only_takes_posts(client):
    """Answers never travel in a URL: GET is not allowed."""
    assert client.get(reverse("intake:from_guide")).status_code == 405
