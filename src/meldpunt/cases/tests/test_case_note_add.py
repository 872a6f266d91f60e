import pytest
from django.core import mail

from meldpunt.cases.models import Note
from meldpunt.cases.services import case_note_add
from meldpunt.cases.tests.case_helpers import case_assigned, case_submitted
from meldpunt.cases.workflow import WorkflowError
from meldpunt.core.errors import PermissionDenied
from meldpunt.privacy.models import AuditEntry

pytestmark = pytest.mark.django_db


def test_the_assigned_handler_writes_an_internal_note(staff_user, django_capture_on_commit_callbacks):
    """The note is stored encrypted with its author, audited without its text, and nobody outside is told."""
    handler = staff_user("handler")
    case = case_assigned(case_submitted(), handler)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        note = case_note_add(case=case, author=handler, body="  Moeder belt morgen terug.  ")
    assert (note.body, note.author) == ("Moeder belt morgen terug.", handler)
    entry = AuditEntry.objects.get(action="case.note_added")
    assert "Moeder" not in str(entry.details) and mail.outbox == []


@pytest.mark.parametrize("body", ["", "   ", "a\x00b", "a" * 20_001])
def test_empty_or_bad_notes_are_refused(staff_user, body):
    """An empty note, a NUL character or more than 20,000 characters is refused on the body field."""
    handler = staff_user("handler")
    case = case_assigned(case_submitted(), handler)
    with pytest.raises(WorkflowError) as refused:
        case_note_add(case=case, author=handler, body=body)
    assert refused.value.field == "body" and not Note.objects.exists()


def test_only_those_who_see_the_content_write_notes(staff_user):
    """An unassigned handler or coordinator, or an analyst, may not write a note."""
    case = case_assigned(case_submitted(), staff_user("handler"))
    for role in ("handler", "coordinator", "analyst"):
        with pytest.raises(PermissionDenied):
            case_note_add(case=case, author=staff_user(role), body="Notitie.")
