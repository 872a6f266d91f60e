import re

import pytest
from django.test import Client
from django.utils import timezone

from meldpunt.cases.models import Case, FollowUp
from meldpunt.cases.services import (
    case_close,
    case_start_follow_up,
    case_start_intake,
    case_start_intervention,
    case_start_investigation,
    follow_ups_ask,
)
from meldpunt.portal.services import support_access_invite
from meldpunt.portal.visitors import Visitor, VisitorKind

pytestmark = pytest.mark.django_db(transaction=True)
FOLLOW_UP = "/mijn-melding/nazorg/"
DONE = "/mijn-melding/nazorg/bedankt"
CASE = "/mijn-melding/melding"
ANSWERS = {"still_safe": "yes", "agreements_kept": "yes", "consequences": "no", "detail": ""}


def _title(response) -> str:
    return re.search(r"<title>(.*?)</title>", response.content.decode(), re.S).group(1).strip()


@pytest.fixture
def asked(signed_in, assigned_handler):
    """The signed-in reporter's case, worked through to closing, with its 4-week question asked."""
    client, submitted = signed_in
    handler = assigned_handler(submitted.case)
    case = case_start_intake(case=submitted.case, actor=handler)
    case = case_start_investigation(case=case, actor=handler)
    case = case_start_intervention(case=case, actor=handler, reason="Afspraken gemaakt.")
    case = case_start_follow_up(case=case, actor=handler)
    case = case_close(case=case, actor=handler, reason="Het gaat goed.", outcome="resolved", back_in_education=True)
    first = case.follow_ups.get(kind="four_weeks")
    assert follow_ups_ask(today=first.due_on) == 1
    return client, submitted


def test_the_case_page_invites_the_reporter_to_answer(asked):
    """With a question waiting, the reporter's case page says so and links to the questions."""
    client, _submitted = asked
    html = client.get(CASE).content.decode()
    assert "Hoe gaat het nu?" in html and f'href="{FOLLOW_UP}"' in html


def test_the_questions_fit_on_one_short_page_without_script(asked):
    """Still safe, agreements kept, consequences and for whom, an optional text: one form, no script."""
    client, _submitted = asked
    response = client.get(FOLLOW_UP)
    html = response.content.decode()
    assert response.status_code == 200 and _title(response) == "Hoe gaat het nu? | Meldpunt"
    for name in ("still_safe", "agreements_kept", "consequences", "consequences_for", "detail"):
        assert f'name="{name}"' in html, name
    assert "<script" not in html.split("<main", 1)[-1]


def test_retaliation_against_a_sibling_gives_a_new_reference_that_opens_with_the_same_code(asked):
    """The answer opens a linked case; the thank-you page names its reference, and the old code signs in to it."""
    client, submitted = asked
    response = client.post(
        FOLLOW_UP,
        {**ANSWERS, "consequences": "yes", "consequences_for": "sibling", "detail": "Mijn zusje wordt nu gepest."},
    )
    assert response.status_code == 302 and response["Location"] == DONE
    new = Case.objects.get(linked_case=submitted.case)
    html = client.get(DONE).content.decode()
    assert new.reference in html and "dezelfde toegangscode" in html
    assert "Mijn zusje wordt nu gepest." in new.description and new.retaliation_reported
    assert client.get(DONE)["Location"] == CASE  # the result is shown once
    assert new.reference in client.get(CASE).content.decode()
    other = Client()
    signed = other.post("/mijn-melding/", {"reference": new.reference, "access_code": submitted.access_code})
    assert signed.status_code == 302 and signed["Location"] == CASE


def test_no_longer_safe_reopens_the_case(asked):
    """ "Not safe" reopens the reporter's case and the thank-you page says so."""
    client, submitted = asked
    client.post(FOLLOW_UP, {**ANSWERS, "still_safe": "no", "agreements_kept": "no"})
    html = client.get(DONE).content.decode()
    assert "weer geopend" in html
    assert Case.objects.get(pk=submitted.case.pk).status == "reopened"


def test_missing_answers_come_back_with_an_error_summary(asked):
    """Nothing chosen, or consequences without for whom: the page comes back with errors linked to the fields."""
    client, submitted = asked
    response = client.post(FOLLOW_UP, {})
    html = response.content.decode()
    assert _title(response).startswith("Fout:")
    assert 'href="#id_still_safe_0"' in html and "Kies of het nu veilig is." in html
    response = client.post(FOLLOW_UP, {**ANSWERS, "consequences": "yes"})
    assert 'href="#id_consequences_for_0"' in response.content.decode()
    assert not FollowUp.objects.filter(case=submitted.case, answered_at__isnull=False).exists()


def test_without_a_waiting_question_the_page_says_so(signed_in):
    """Before any question was asked, the page explains that nothing waits."""
    client, _submitted = signed_in
    html = client.get(FOLLOW_UP).content.decode()
    assert "Er staan nu geen vragen voor u klaar." in html and 'name="still_safe"' not in html


def test_a_support_person_cannot_answer(asked):
    """A read-only support person sees that a question waits, but the questions page refuses them."""
    _client, submitted = asked
    access, code = support_access_invite(visitor=Visitor(case=submitted.case, kind=VisitorKind.REPORTER))
    support = Client()
    support.post("/mijn-melding/", {"reference": access.public_id, "access_code": code})
    assert "Alleen de melder kan deze vragen beantwoorden." in support.get(CASE).content.decode()
    assert support.get(FOLLOW_UP).status_code == 403
    assert support.post(FOLLOW_UP, ANSWERS).status_code == 403
    assert not FollowUp.objects.filter(case=submitted.case, answered_at__isnull=False).exists()


def test_signed_out_visitors_go_to_the_sign_in_page(client):
    """Without a portal session the questions page sends the visitor to sign in."""
    for url in (FOLLOW_UP, DONE):
        assert client.get(url)["Location"] == "/mijn-melding/"


def test_an_answer_in_english_keeps_the_english_words(make_report, client, assigned_handler):
    """The linked case's description follows the reporter's language."""
    submitted = make_report(language="en")
    client.post("/mijn-melding/", {"reference": submitted.case.reference, "access_code": submitted.access_code})
    handler = assigned_handler(submitted.case)
    case = case_start_intake(case=submitted.case, actor=handler)
    case = case_start_investigation(case=case, actor=handler)
    case = case_start_intervention(case=case, actor=handler, reason="Afspraken gemaakt.")
    case = case_start_follow_up(case=case, actor=handler)
    case_close(case=case, actor=handler, reason="Klaar.", outcome="resolved", back_in_education=True)
    follow_ups_ask(today=timezone.localdate() + timezone.timedelta(days=200))
    client.post(FOLLOW_UP, {**ANSWERS, "consequences": "yes", "consequences_for": "me"})
    new = Case.objects.get(linked_case=submitted.case)
    assert new.description == f"Consequences after report {submitted.case.reference}."
