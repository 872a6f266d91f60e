"""The handler's interventions page, the supervision signals page, and the reporter's agreements page."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from meldpunt.accounts.tests.helpers import sign_in_client
from meldpunt.interventions.models import Agreement, Escalation, MediationMeeting
from meldpunt.interventions.services import agreement_add, escalation_make, mediation_plan
from meldpunt.portal.services import support_access_invite
from meldpunt.portal.visitors import Visitor, VisitorKind

from .conftest import fields

pytestmark = pytest.mark.django_db
REPORTER_PAGE = "/mijn-melding/afspraken/"


@pytest.fixture
def handler_client(client, handler):
    return sign_in_client(client, handler)


def _url(case, name="case", **kwargs):
    return reverse(f"interventions:{name}", kwargs={"reference": case.reference, **kwargs})


def _tomorrow():
    return (timezone.localdate() + dt.timedelta(days=1)).isoformat()


def test_the_case_page_links_here(case, handler_client):
    """The handler reaches the interventions page from the case page; it has the three parts."""
    assert _url(case) in handler_client.get(reverse("cases:case", kwargs={"reference": case.reference})).text
    page = handler_client.get(_url(case)).text
    for heading in ("Bemiddeling", "Actieplan: afspraken", "Naar het toezicht"):
        assert heading in page


@pytest.mark.parametrize("role", ["handler", "coordinator", "school_contact", "analyst"])
def test_others_are_refused(case, staff_client, role):
    """Only the case's assigned handler opens its interventions."""
    assert staff_client(role).get(_url(case)).status_code == 403


def test_plan_and_record_a_meeting(case, handler, handler_client):
    """A meeting is planned through the form and later recorded as held."""
    response = handler_client.post(
        _url(case, "mediation_plan"),
        {"plan-planned_on": _tomorrow(), "plan-planned_time": "14:30", "plan-participants": "De directeur."},
    )
    assert response.status_code == 302
    meeting = MediationMeeting.objects.get()
    assert timezone.localtime(meeting.planned_at).strftime("%H:%M") == "14:30" and meeting.shared is False
    MediationMeeting.objects.filter(pk=meeting.pk).update(planned_at=timezone.now() - dt.timedelta(days=1))
    yesterday = (timezone.localdate() - dt.timedelta(days=1)).isoformat()
    prefix = f"record-{meeting.pk}"
    response = handler_client.post(
        _url(case, "mediation_record", pk=meeting.pk),
        {f"{prefix}-held_on": yesterday, f"{prefix}-held_time": "10:00", f"{prefix}-outcome": "Plan gemaakt."},
    )
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.status == "held" and meeting.outcome == "Plan gemaakt."


def test_a_bad_date_shows_the_error_summary(case, handler_client):
    """An impossible date comes back with "Fout:" and the message linked to the date field."""
    response = handler_client.post(
        _url(case, "mediation_plan"),
        {"plan-planned_on": "31-02-2027", "plan-planned_time": "14:30", "plan-participants": "X"},
    )
    assert response.status_code == 200 and "<title>Fout:" in response.text
    assert 'href="#id_plan-planned_on"' in response.text and "Vul een geldige datum in" in response.text


def test_cancel_a_meeting(case, handler, handler_client):
    """The cancel button calls off a planned meeting."""
    meeting = mediation_plan(case=case, user=handler, planned_at=timezone.now(), participants="X")
    assert handler_client.post(_url(case, "mediation_cancel", pk=meeting.pk)).status_code == 302
    meeting.refresh_from_db()
    assert meeting.status == "cancelled"


def test_add_edit_and_mark_agreements(case, handler_client):
    """An agreement is added, changed on its own page, and marked done from the table."""
    response = handler_client.post(
        _url(case, "agreement_add"),
        {
            "agreement-description": "De mentor belt elke week.",
            "agreement-owner": "school_board",
            "agreement-due_on": _tomorrow(),
            "agreement-shared_with_school": "on",
            "agreement-shared_with_reporter": "on",
        },
    )
    assert response.status_code == 302 and response["Location"].endswith("#afspraken")
    agreement = Agreement.objects.get()
    edit = handler_client.get(_url(case, "agreement_edit", pk=agreement.pk))
    assert "De mentor belt elke week." in edit.text and 'type="date"' in edit.text
    response = handler_client.post(
        _url(case, "agreement_edit", pk=agreement.pk),
        {
            "agreement-description": "De mentor belt elke maandag.",
            "agreement-owner": "other",
            "agreement-owner_other": "",
            "agreement-due_on": _tomorrow(),
        },
    )
    assert response.status_code == 200 and "Schrijf wie de afspraak moet nakomen." in response.text
    response = handler_client.post(
        _url(case, "agreement_edit", pk=agreement.pk),
        {
            "agreement-description": "De mentor belt elke maandag.",
            "agreement-owner": "meldpunt",
            "agreement-due_on": _tomorrow(),
        },
    )
    assert response.status_code == 302
    agreement.refresh_from_db()
    assert (agreement.description, agreement.shared_with_school) == ("De mentor belt elke maandag.", False)
    handler_client.post(_url(case, "agreement_status", pk=agreement.pk), {f"status-{agreement.pk}-status": "done"})
    agreement.refresh_from_db()
    assert agreement.status == "done"


def test_an_overdue_agreement_is_flagged_on_the_page(case, handler, handler_client):
    """An open agreement past its date shows "Over tijd" and the count at the top."""
    agreement = agreement_add(case=case, user=handler, fields=fields())
    Agreement.objects.filter(pk=agreement.pk).update(due_on=timezone.localdate() - dt.timedelta(days=2))
    page = handler_client.get(_url(case)).text
    assert "Over tijd" in page and "1 afspraak is over tijd." in page


def test_escalate_through_the_page(case, handler_client):
    """The escalation form records the escalation and its signal."""
    response = handler_client.post(
        _url(case, "escalate"),
        {"escalate-reason": "Geen verbetering.", "escalate-summary": "Afspraken niet nagekomen."},
    )
    assert response.status_code == 302
    assert Escalation.objects.get().signal.reason_summary == "Afspraken niet nagekomen."


def test_an_unknown_agreement_or_meeting_is_not_found(case, handler_client):
    """A number that is not this case's agreement or meeting gives 404."""
    assert handler_client.get(_url(case, "agreement_edit", pk=999)).status_code == 404
    assert handler_client.post(_url(case, "mediation_cancel", pk=999)).status_code == 404


def test_signals_page_for_analyst_without_case_links(case, handler, staff_client):
    """The analyst sees school, board, date and summary, without the case reference; the coordinator gets the link."""
    escalation_make(case=case, user=handler, reason="Geheime reden.", summary="Afspraken niet nagekomen.")
    analyst = staff_client("analyst").get(reverse("interventions:signals"))
    assert analyst.status_code == 200
    assert "BBS de Verwondering" in analyst.text and "Afspraken niet nagekomen." in analyst.text
    assert case.reference not in analyst.text and "Geheime reden." not in analyst.text
    assert "ouder@example.nl" not in analyst.text
    coordinator = staff_client("coordinator").get(reverse("interventions:signals"))
    assert reverse("cases:case", kwargs={"reference": case.reference}) in coordinator.text


@pytest.mark.parametrize("role", ["handler", "school_contact", "partner", "administrator"])
def test_signals_page_refuses_other_roles(staff_client, role):
    """Only coordinators and analysts open the signals page."""
    assert staff_client(role).get(reverse("interventions:signals")).status_code == 403


def test_reporter_sees_shared_agreements_and_answers(case, handler, reporter_client):
    """The reporter lists the agreements shared with them and says whether one happened."""
    agreement = agreement_add(case=case, user=handler, fields=fields())
    agreement_add(case=case, user=handler, fields=fields(description="Intern.", shared_with_reporter=False))
    case_page = reporter_client.get(reverse("portal:case")).text
    assert 'id="afspraken"' in case_page and REPORTER_PAGE in case_page
    page = reporter_client.get(REPORTER_PAGE).text
    assert "De school maakt een plan" in page and "Intern." not in page and "Is dit gebeurd?" in page
    response = reporter_client.post(
        reverse("interventions_reporter:answer", kwargs={"pk": agreement.pk}),
        {f"afspraak-{agreement.pk}-happened": "yes"},
    )
    assert response.status_code == 302
    agreement.refresh_from_db()
    assert agreement.reporter_says == "yes"
    assert "Ja, het is gebeurd" in reporter_client.get(REPORTER_PAGE).text


def test_reporter_answer_without_a_choice_shows_the_error(case, handler, reporter_client):
    """Answering without choosing yes or no shows the error summary."""
    agreement = agreement_add(case=case, user=handler, fields=fields())
    response = reporter_client.post(reverse("interventions_reporter:answer", kwargs={"pk": agreement.pk}), {})
    assert response.status_code == 200 and "<title>Fout:" in response.text and "Kies ja of nee." in response.text


def test_reporter_cannot_answer_a_hidden_agreement(case, handler, reporter_client):
    """An agreement not shared with the reporter cannot be answered."""
    hidden = agreement_add(case=case, user=handler, fields=fields(shared_with_reporter=False))
    response = reporter_client.post(
        reverse("interventions_reporter:answer", kwargs={"pk": hidden.pk}), {f"afspraak-{hidden.pk}-happened": "no"}
    )
    assert response.status_code == 200
    hidden.refresh_from_db()
    assert hidden.reporter_says == ""


def test_a_support_person_reads_but_cannot_answer(case, handler, client):
    """A signed-in support person sees the agreements without a form, and a POST is refused."""
    agreement = agreement_add(case=case, user=handler, fields=fields())
    access, code = support_access_invite(visitor=Visitor(case=case, kind=VisitorKind.REPORTER))
    client.post("/mijn-melding/", {"reference": access.public_id, "access_code": code})
    page = client.get(REPORTER_PAGE).text
    assert "De school maakt een plan" in page and "Is dit gebeurd?" not in page
    response = client.post(
        reverse("interventions_reporter:answer", kwargs={"pk": agreement.pk}),
        {f"afspraak-{agreement.pk}-happened": "yes"},
    )
    assert response.status_code == 403


def test_without_anything_the_reporter_page_explains(reporter_client):
    """No agreements yet: the page says so."""
    assert "Er zijn nog geen afspraken of gesprekken." in reporter_client.get(REPORTER_PAGE).text
