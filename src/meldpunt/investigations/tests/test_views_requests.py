"""The handler's pages (investigation workspace): compose, preview, send with a code shown once, decide, close."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from meldpunt.accounts.tests.helpers import sign_in_client
from meldpunt.cases.tests.case_helpers import case_in_investigation
from meldpunt.investigations.constants import ConsentSubject, MoreTimeDecision, PartyRole, RequestStatus
from meldpunt.investigations.models import Consent, InformationRequest, Party
from meldpunt.investigations.selectors.shared import SchoolVisitor
from meldpunt.investigations.services.requests import (
    information_request_answers_save,
    information_request_document_add,
    information_request_more_time_ask,
)
from meldpunt.investigations.tests.permission_rows_evidence import checked_png
from meldpunt.investigations.tests.request_helpers import (
    committed,
    reporter_named,
    request_draft,
    request_sent,
    school_contact,
)
from meldpunt.privacy.models import AuditEntry

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
def client(client, handler):
    return sign_in_client(client, handler)


def _url(name, case, **kwargs):
    return reverse(f"investigations:{name}", kwargs={"reference": case.reference, **kwargs})


def test_the_workspace_adds_the_automatic_parties_and_is_an_audited_read(client, case):
    """Opening the workspace adds the reporter and the board and records the read."""
    response = client.get(_url("case", case))
    assert response.status_code == 200
    assert set(Party.objects.filter(case=case).values_list("role", flat=True)) == {
        PartyRole.REPORTER,
        PartyRole.SCHOOL_BOARD,
    }
    assert AuditEntry.objects.filter(action="case.read", details__view="investigation").exists()
    assert "Nieuw verzoek om informatie" in response.content.decode()


def test_another_handler_gets_403_and_an_unknown_case_404(client, case, staff_user):
    """The workspace is the assigned handler's; a reference that does not exist is 404."""
    other = sign_in_client(type(client)(), staff_user("handler"))
    assert other.get(_url("case", case)).status_code == 403
    assert client.get(reverse("investigations:case", kwargs={"reference": "MSV-2026-999999"})).status_code == 404


def test_compose_preview_send_shows_the_code_once(client, case, handler):
    """The whole journey: a draft with an inline consent, the preview with names replaced, sending, the code once."""
    reporter_named(case, handler, "Fatima Zwaan")
    form = client.get(_url("request_new", case))
    assert form.status_code == 200 and 'value="2026-03-24"' in form.content.decode()
    response = client.post(
        _url("request_new", case),
        {
            "summary": "Fatima Zwaan vertelt over pesten in de pauze.",
            "question_1": "Wat weet u ervan?",
            "question_2": "",
            "due_on": "24-03-2026",
            "contact_email": "bestuur@school.nl",
            "consent": "",
            "consent_how": "Telefonisch op 9 maart",
            "consent_given_on": "",
        },
    )
    request = InformationRequest.objects.get(case=case)
    assert response.status_code == 302 and response["Location"] == _url("request_preview", case, pk=request.pk)
    assert Consent.objects.get(case=case).subject == ConsentSubject.SUMMARY_WITH_SCHOOL
    preview = client.get(response["Location"]).content.decode()
    assert "[naam melder] vertelt over pesten in de pauze." in preview and "Zwaan" not in preview
    with committed():
        sent = client.post(_url("request_send", case, pk=request.pk), {})
    assert sent["Location"] == _url("request_sent", case, pk=request.pk)
    confirmation = client.get(sent["Location"]).content.decode()
    assert "Code voor de eenmalige link" in confirmation
    again = client.get(sent["Location"]).content.decode()
    assert "Code voor de eenmalige link" not in again
    request.refresh_from_db()
    assert request.status == RequestStatus.SENT


def test_a_refused_draft_comes_back_with_an_error_summary(client, case):
    """No consent and no question: the form comes back with "Fout:" in the title and messages on the fields."""
    response = client.post(
        _url("request_new", case), {"summary": "Samenvatting", "due_on": "24-03-2026", "question_1": "Vraag?"}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "<title>Fout:" in page and "toestemming" in page
    assert not InformationRequest.objects.exists()


def test_a_sent_request_cannot_be_edited(client, case, handler):
    """The edit page of a sent request sends the handler back to the request."""
    school_contact(case)
    sent = request_sent(case, handler).request
    response = client.get(_url("request_edit", case, pk=sent.pk))
    assert response["Location"] == _url("request", case, pk=sent.pk)


def test_the_handler_reads_answers_and_documents_and_decides_on_more_time(client, case, handler):
    """The request page shows the school's answers and documents; the decision form grants more time."""
    contact = school_contact(case)
    sent = request_sent(case, handler).request
    visitor = SchoolVisitor(user=contact)
    information_request_answers_save(
        request_id=sent.pk,
        visitor=visitor,
        answers={q.pk: f"Antwoord {q.position}" for q in sent.questions.all()},
        submit=False,
    )
    evidence = information_request_document_add(
        request_id=sent.pk, visitor=visitor, title="Verslag", attachment=checked_png()
    )
    information_request_more_time_ask(request_id=sent.pk, visitor=visitor, until=dt.date(2026, 3, 31), reason="Ziek")
    page = client.get(_url("request", case, pk=sent.pk)).content.decode()
    assert "Antwoord 1" in page and "Verslag" in page and "Ziek" in page
    download = client.get(_url("request_document", case, pk=sent.pk, evidence_id=evidence.pk))
    assert download.status_code == 200 and download["Content-Type"] == "image/png"
    response = client.post(
        _url("request_more_time_decide", case, pk=sent.pk), {"decision": "granted", "new_due_on": ""}
    )
    assert response.status_code == 302
    sent.refresh_from_db()
    assert (sent.more_time_decision, sent.due_on) == (MoreTimeDecision.GRANTED, dt.date(2026, 3, 31))
    workspace = client.get(_url("case", case)).content.decode()
    assert "Meer tijd toegestaan" in workspace


def test_non_response_is_recorded_from_the_request_page(client, case, handler):
    """After the due date the page offers it; recording closes the request."""
    school_contact(case)
    sent = request_sent(case, handler).request
    with time_machine.travel(dt.datetime(2026, 3, 25, 9, 0, tzinfo=dt.UTC), tick=False):
        sign_in_client(client, handler)
        assert (
            "Geen antwoord vastleggen als bevinding" in client.get(_url("request", case, pk=sent.pk)).content.decode()
        )
        response = client.post(_url("request_non_response", case, pk=sent.pk), {"finding": "Geen antwoord ontvangen."})
    assert response.status_code == 302
    sent.refresh_from_db()
    assert sent.status == RequestStatus.NOT_ANSWERED


def test_the_handler_adds_a_party_and_records_a_consent(client, case):
    """The party and consent pages add through the services and return to the workspace."""
    response = client.post(
        _url("party_new", case),
        {"role": PartyRole.WITNESS, "name": "Meester Bakker", "access": "nothing", "consent": ""},
    )
    assert response.status_code == 302
    assert Party.objects.get(case=case, role=PartyRole.WITNESS).name == "Meester Bakker"
    response = client.post(
        _url("consent_new", case),
        {"subject": ConsentSubject.IDENTITY_WITH_SCHOOL, "how_given": "Per e-mail", "given_on": "09-03-2026"},
    )
    assert response.status_code == 302
    consent = Consent.objects.get(case=case)
    assert consent.given_at.date() == dt.date(2026, 3, 9)
    assert client.post(_url("consent_withdraw", case, pk=consent.pk)).status_code == 302
    consent.refresh_from_db()
    assert consent.withdrawn_at is not None


def test_widening_without_consent_is_shown_on_the_form(client, case, handler):
    """The party form names the missing consent instead of saving."""
    client.get(_url("case", case))
    reporter = Party.objects.get(case=case, role=PartyRole.REPORTER)
    response = client.post(
        _url("party_edit", case, pk=reporter.pk),
        {"name": "", "access": "shared", "identity_shared_with_school": "on", "consent": ""},
    )
    assert response.status_code == 200 and "toestemming van de melder" in response.content.decode()
    reporter.refresh_from_db()
    assert reporter.identity_shared_with_school is False


def test_withdrawing_and_sharing_with_the_reporter(client, case, handler):
    """Both actions redirect back to the request and change its state."""
    school_contact(case)
    sent = request_sent(case, handler).request
    assert client.post(_url("request_share", case, pk=sent.pk), {"shared": "1"}).status_code == 302
    sent.refresh_from_db()
    assert sent.shared_with_reporter is True
    assert client.post(_url("request_withdraw", case, pk=sent.pk)).status_code == 302
    sent.refresh_from_db()
    assert sent.status == RequestStatus.WITHDRAWN
    draft = request_draft(case, handler)
    assert client.post(_url("request_link_reissue", case, pk=draft.pk)).status_code == 200
