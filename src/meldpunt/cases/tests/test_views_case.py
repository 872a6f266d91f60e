import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from meldpunt.cases.models import Case, Message, Note
from meldpunt.cases.services import case_message_from_handler_send, case_note_add, case_start_intake, case_suspend
from meldpunt.cases.tests.case_helpers import REPORT, case_assigned, case_in_investigation, case_submitted
from meldpunt.intake.attachments import CheckedAttachment
from meldpunt.privacy.models import AuditEntry

pytestmark = pytest.mark.django_db
PDF = CheckedAttachment("verslag.pdf", "application/pdf", b"%PDF-1.4 het verslag van het gesprek")


def _url(case, tail=""):
    return f"/behandeling/zaken/{case.reference}{tail}"


@pytest.fixture
def handler_client(staff_client):
    return staff_client("handler")


@pytest.fixture
def case(handler_client):
    case = case_assigned(case_submitted(attachments=[PDF]), handler_client.user)
    case_message_from_handler_send(case=case, author=handler_client.user, body="Wanneer kunnen we bellen?")
    case_note_add(case=case, author=handler_client.user, body="Vader klinkt erg bezorgd.")
    return case


def test_the_assigned_handler_sees_everything(handler_client, case):
    """Summary, contact details, description, messages, notes, files, deadlines and the allowed steps."""
    page = handler_client.get(_url(case)).content.decode()
    for text in (
        case.reference,
        REPORT["description"],
        "ouder@example.nl",
        "06 12345678",
        "Wanneer kunnen we bellen?",
        "Vader klinkt erg bezorgd.",
        "verslag.pdf",
        "Besluit over behandeling",
        "Zichtbaar voor melder",
        "Alleen intern",
        f'action="{_url(case, "/stap/start_intake")}"',
        f'action="{_url(case, "/stap/withdraw")}"',
        f'action="{_url(case, "/opschorten")}"',
    ):
        assert text in page, text
    assert f'action="{_url(case, "/stap/refer")}"' not in page  # not allowed from "received"


def test_an_unassigned_coordinator_sees_the_triage_summary_only(staff_client, case):
    """No description, contact details, messages, notes or files, and no steps but reopening."""
    response = staff_client("coordinator").get(_url(case))
    page = response.content.decode()
    assert response.status_code == 200 and case.reference in page and "Prioriteit" in page
    for secret in (REPORT["description"], "ouder@example.nl", "Wanneer kunnen", "Vader klinkt", "verslag.pdf"):
        assert secret not in page, secret
    assert "/stap/" not in page and "/opschorten" not in page


@pytest.mark.parametrize("role", ["analyst", "school_contact", "partner", "administrator", "handler"])
def test_everyone_else_is_refused(staff_client, case, role):
    """Analysts, school contacts, partners, administrators and unassigned handlers get 403, and nothing is read."""
    before = AuditEntry.objects.filter(action="case.read").count()
    assert staff_client(role).get(_url(case)).status_code == 403
    assert AuditEntry.objects.filter(action="case.read").count() == before


def test_an_unknown_reference_is_not_found(handler_client):
    """A reference that does not exist gives 404."""
    assert handler_client.get("/behandeling/zaken/MSV-2026-999999").status_code == 404


def test_anonymous_visitors_go_to_the_sign_in_page(client, case):
    """Without a full sign-in the page redirects to the staff sign-in."""
    response = client.get(_url(case))
    assert response.status_code == 302 and "/medewerkers/inloggen" in response["Location"]


def test_every_view_is_audited(handler_client, staff_client, case):
    """Each view writes one read entry, naming whether the content or the summary was shown."""
    handler_client.get(_url(case))
    coordinator = staff_client("coordinator")
    coordinator.get(_url(case))
    reads = AuditEntry.objects.filter(action="case.read", object_pk=str(case.pk)).order_by("sequence")
    assert [(e.actor_id, e.details["view"]) for e in reads] == [
        (handler_client.user.pk, "content"),
        (coordinator.user.pk, "summary"),
    ]


def test_the_page_takes_a_constant_number_of_queries(handler_client, case):
    """Thirty more messages, notes and suspensions add no query: every list is prefetched."""
    handler = handler_client.user
    with CaptureQueriesContext(connection) as few:
        assert handler_client.get(_url(case)).status_code == 200
    for number in range(30):
        case_message_from_handler_send(case=case, author=handler, body=f"Bericht {number}")
        case_note_add(case=case, author=handler, body=f"Notitie {number}")
        Message.objects.create(
            case=case, direction="from_reporter", body=f"Antwoord {number}", sent_at=case.received_at
        )
    with CaptureQueriesContext(connection) as many:
        assert handler_client.get(_url(case)).status_code == 200
    assert len(many) == len(few)


def test_a_step_through_its_form(handler_client, case):
    """Posting the intake form moves the case and returns to the page with a confirmation."""
    response = handler_client.post(_url(case, "/stap/start_intake"), {"start_intake-reason": ""}, follow=True)
    case.refresh_from_db()
    assert case.status == "intake" and "is gezet" in response.content.decode()


def test_a_refused_step_shows_an_error_summary(handler_client, case):
    """A missing referral target comes back on the page, with "Fout:" in the title and a link to the field."""
    case_start_intake(case=case, actor=handler_client.user)
    response = handler_client.post(
        _url(case, "/stap/refer"), {"refer-reason": "Elders beter.", "refer-referral_target": ""}
    )
    page = response.content.decode()
    assert response.status_code == 200 and "<title>Fout:" in page and 'href="#id_refer-referral_target"' in page
    case.refresh_from_db()
    assert case.status == "intake"


def test_a_guard_refusal_from_the_service_is_shown(staff_client, case):
    """An unassigned coordinator posting a step gets the transition table's reason on the page, and nothing moves."""
    response = staff_client("coordinator").post(_url(case, "/stap/start_intake"), {"start_intake-reason": ""})
    assert "Alleen de behandelaar" in response.content.decode()
    case.refresh_from_db()
    assert case.status == "received"


def test_an_unknown_step_is_not_found(handler_client, case):
    """Only the steps of the transition table have a URL."""
    assert handler_client.post(_url(case, "/stap/approve"), {}).status_code == 404


def test_closing_through_the_form_records_outcome_and_school(handler_client, staff_user):
    """The close form's outcome and yes/no answer reach the service."""
    handler = handler_client.user
    case = case_in_investigation(handler)
    for name, data in (("start_intervention", {"start_intervention-reason": "Klaar."}), ("start_follow_up", {})):
        handler_client.post(_url(case, f"/stap/{name}"), data)
    handler_client.post(
        _url(case, "/stap/close"),
        {"close-reason": "Het gaat goed.", "close-outcome": "resolved", "close-back_in_education": "yes"},
    )
    case.refresh_from_db()
    assert (case.status, case.outcome, case.back_in_education) == ("closed", "resolved", True)


def test_suspend_resume_and_extend_through_their_forms(handler_client, django_capture_on_commit_callbacks):
    """The clock forms call their services; a second extension comes back as an error on the page."""
    handler = handler_client.user
    case = case_in_investigation(handler)
    handler_client.post(_url(case, "/opschorten"), {"suspend-reason": "Wachten op de school."})
    assert case.suspensions.get().ended_at is None
    assert "Zaak hervatten" in handler_client.get(_url(case)).content.decode()
    handler_client.post(_url(case, "/hervatten"))
    assert case.suspensions.get().ended_at is not None
    data = {"extend-term_code": "findings", "extend-amount": "2", "extend-reason": "Meer tijd nodig."}
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = handler_client.post(_url(case, "/verlengen"), data)
    assert response.status_code == 302 and case.extensions.count() == 1 and len(mail.outbox) == 1
    again = handler_client.post(_url(case, "/verlengen"), data).content.decode()
    assert "<title>Fout:" in again


def test_notes_and_messages_through_their_forms(handler_client, case):
    """A note stays internal; a message goes to the reporter's thread."""
    handler_client.post(_url(case, "/notities"), {"note-body": "Tweede notitie."})
    handler_client.post(_url(case, "/berichten"), {"message-body": "Tweede bericht."})
    assert "Tweede notitie." in [note.body for note in Note.objects.filter(case=case)]
    assert "Tweede bericht." in [m.body for m in Message.objects.filter(case=case, direction="from_handler")]
    empty = handler_client.post(_url(case, "/notities"), {"note-body": " "})
    assert "<title>Fout:" in empty.content.decode()


def test_clock_and_notes_are_refused_for_the_unassigned(staff_client, case):
    """An unassigned coordinator may not suspend or write notes: 403."""
    coordinator = staff_client("coordinator")
    assert coordinator.post(_url(case, "/opschorten"), {"suspend-reason": "x"}).status_code == 403
    assert coordinator.post(_url(case, "/notities"), {"note-body": "x"}).status_code == 403
    assert not case.suspensions.exists()


def test_the_assigned_handler_downloads_a_file_decrypted(handler_client, staff_client, case):
    """The file comes back as it was sent, as a download, audited; others may not have it."""
    attachment = case.attachments.get()
    url = _url(case, f"/bestanden/{attachment.pk}")
    response = handler_client.get(url)
    assert response.status_code == 200 and response.content == PDF.data
    assert response["Content-Type"] == "application/pdf" and response["Content-Disposition"].startswith("attachment")
    assert AuditEntry.objects.filter(action="case.read", details__attachment=attachment.pk).exists()
    assert staff_client("coordinator").get(url).status_code == 403
    assert handler_client.get(_url(case, "/bestanden/999999")).status_code == 404


def test_the_duty_to_consult_route_is_shown(handler_client):
    """Staff accused of sexual misconduct: the page shows the duty-to-consult route."""
    case = case_assigned(case_submitted(categories=["sexual_harassment"], accused_is_staff=True), handler_client.user)
    assert "Route overlegplicht" in handler_client.get(_url(case)).content.decode()


def test_an_open_suspension_shows_paused_terms(handler_client):
    """While suspended the deadline panel says the terms stand still."""
    case = case_in_investigation(handler_client.user)
    case_suspend(case=case, actor=handler_client.user, reason="Wachten.")
    page = handler_client.get(_url(case)).content.decode()
    assert "Staat stil" in page and "opgeschort sinds" in page


def test_no_case_text_in_the_title(handler_client, case):
    """The page title carries the reference only."""
    page = handler_client.get(_url(case)).content.decode()
    title = page.split("<title>")[1].split("</title>")[0]
    assert case.reference in title and "gepest" not in title and "ouder@" not in title
    assert Case.objects.count() == 1


def test_the_page_speaks_english_too(handler_client, case):
    """With English chosen, the page and its labels are in English."""
    page = handler_client.get(_url(case) + "?lang=en").content.decode()
    assert 'lang="en"' in page and "Deadlines" in page and "What you can do now" in page and "Take up" in page
