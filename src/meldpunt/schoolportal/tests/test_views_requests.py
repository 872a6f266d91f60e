"""The school portal's request pages: a school contact of the board reads, answers, uploads and asks for more time."""

import datetime as dt
import io

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from PIL import Image

from meldpunt.accounts.tests.helpers import sign_in_client
from meldpunt.cases.tests.case_helpers import case_in_investigation
from meldpunt.investigations.constants import EvidenceSource, MoreTimeDecision, RequestStatus
from meldpunt.investigations.models import Evidence
from meldpunt.investigations.tests.permission_rows_evidence import evidence_add
from meldpunt.investigations.tests.request_helpers import request_draft, request_sent, school_contact
from meldpunt.privacy.actors import ActorKind
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
def contact(case):
    return school_contact(case)


@pytest.fixture
def sent(case, handler, contact):
    return request_sent(case, handler).request


@pytest.fixture
def browser(contact):
    return sign_in_client(Client(), contact)


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (4, 4), "blue").save(out, format="PNG")
    return out.getvalue()


def test_the_contact_sees_the_boards_sent_requests_only(browser, case, handler, sent):
    """The list shows the sent request and never the draft; opening it shows its questions with answer fields."""
    draft = request_draft(case, handler)
    page = browser.get(reverse("schoolportal:home")).content.decode()
    assert reverse("schoolportal:request", kwargs={"pk": sent.pk}) in page
    assert reverse("schoolportal:request", kwargs={"pk": draft.pk}) not in page
    assert browser.get(reverse("schoolportal:request", kwargs={"pk": draft.pk})).status_code == 404
    detail = browser.get(reverse("schoolportal:request", kwargs={"pk": sent.pk}))
    assert detail.status_code == 200
    html = detail.content.decode()
    assert "Wat weet de school van het buitensluiten?" in html and "Alle antwoorden versturen" in html


def test_answers_are_saved_then_sent(browser, sent, handler):
    """Saving keeps the answers for later; sending them all closes the request; a missing answer is named."""
    first, second = sent.questions.all()
    url = reverse("schoolportal:request_answers", kwargs={"pk": sent.pk})
    response = browser.post(
        url, {"submit": "send", f"answer_{first.pk}": "Wij weten ervan.", f"answer_{second.pk}": ""}
    )
    assert response.status_code == 200
    assert (
        "<title>Fout:" in response.content.decode() and "Vraag 2 heeft nog geen antwoord" in response.content.decode()
    )
    response = browser.post(
        url, {"submit": "send", f"answer_{first.pk}": "Wij weten ervan.", f"answer_{second.pk}": "Gesprek op 2 maart."}
    )
    assert response.status_code == 302
    sent.refresh_from_db()
    assert sent.status == RequestStatus.ANSWERED
    page = browser.get(reverse("schoolportal:request", kwargs={"pk": sent.pk})).content.decode()
    assert "Gesprek op 2 maart." in page and "Alle antwoorden versturen" not in page


def test_a_document_is_uploaded_and_can_be_opened_again(browser, sent):
    """A PNG goes through the upload check into the register; the school downloads it back."""
    response = browser.post(
        reverse("schoolportal:request_document_add", kwargs={"pk": sent.pk}),
        {"title": "Foto van het rooster", "file": SimpleUploadedFile("rooster.png", _png(), "image/png")},
    )
    assert response.status_code == 302
    evidence = Evidence.objects.get(information_request=sent)
    assert evidence.source == EvidenceSource.SCHOOL
    download = browser.get(reverse("schoolportal:document", kwargs={"pk": sent.pk, "evidence_id": evidence.pk}))
    assert download.status_code == 200 and download["Content-Type"] == "image/png"
    assert "attachment" in download["Content-Disposition"]


def test_a_file_that_is_not_a_pdf_or_image_is_refused(browser, sent):
    """The type is read from the bytes: a text file named .png is refused with a message on the file field."""
    response = browser.post(
        reverse("schoolportal:request_document_add", kwargs={"pk": sent.pk}),
        {"title": "Nep", "file": SimpleUploadedFile("nep.png", b"gewoon tekst", "image/png")},
    )
    assert response.status_code == 200 and "geen JPG, PNG of PDF" in response.content.decode()
    assert not Evidence.objects.exists()


def test_the_school_asks_for_more_time(browser, sent):
    """The form takes a date and a reason; the request then waits for the handler's decision."""
    url = reverse("schoolportal:request_more_time", kwargs={"pk": sent.pk})
    assert browser.get(url).status_code == 200
    refused = browser.post(url, {"until": "2026-03-28", "reason": "Ziek"})
    assert refused.status_code == 200 and "werkdag" in refused.content.decode()
    assert browser.post(url, {"until": "2026-03-31", "reason": "De mentor is ziek."}).status_code == 302
    sent.refresh_from_db()
    assert sent.more_time_decision == MoreTimeDecision.PENDING


def test_a_document_not_shared_with_the_school_is_404(browser, sent, case, handler):
    """The handler's own documents stay in the meldpunt, whatever id is typed."""
    private = evidence_add(case, handler, title="Intern verslag")
    url = reverse("schoolportal:document", kwargs={"pk": sent.pk, "evidence_id": private.pk})
    assert browser.get(url).status_code == 404


def test_another_boards_contact_gets_404_and_other_roles_403(sent, staff_user):
    """A contact of another board finds nothing; a handler, coordinator or partner is refused; anonymous signs in."""
    url = reverse("schoolportal:request", kwargs={"pk": sent.pk})
    other_board = sign_in_client(Client(), staff_user("school_contact"))
    assert other_board.get(url).status_code == 404
    for role in ("handler", "coordinator", "partner", "analyst", "administrator"):
        assert sign_in_client(Client(), staff_user(role)).get(url).status_code == 403
    response = Client().get(url)
    assert response.status_code == 302 and response["Location"].startswith("/medewerkers/inloggen")


def test_every_page_the_school_opens_is_in_the_audit_log(browser, sent, contact):
    """The list, the request, the forms and a download each add an audit entry by this school contact."""
    evidence = evidence_add(sent.case, sent.created_by, title="Gedeeld", shared_with_school=True)
    urls = [
        reverse("schoolportal:home"),
        reverse("schoolportal:request", kwargs={"pk": sent.pk}),
        reverse("schoolportal:request_document_add", kwargs={"pk": sent.pk}),
        reverse("schoolportal:request_more_time", kwargs={"pk": sent.pk}),
        reverse("schoolportal:document", kwargs={"pk": sent.pk, "evidence_id": evidence.pk}),
    ]
    for url in urls:
        before = AuditEntry.objects.filter(actor=contact, actor_kind=ActorKind.SCHOOL).count()
        assert browser.get(url).status_code == 200
        assert AuditEntry.objects.filter(actor=contact, actor_kind=ActorKind.SCHOOL).count() > before, url
