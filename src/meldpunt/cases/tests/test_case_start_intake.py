import pytest
from django.core import mail

from meldpunt.cases.models import StatusChange
from meldpunt.cases.services import case_start_intake
from meldpunt.cases.tests.case_helpers import REPORT, case_assigned, case_submitted
from meldpunt.cases.workflow import WorkflowError
from meldpunt.core.errors import PermissionDenied
from meldpunt.privacy.models import AuditEntry

pytestmark = pytest.mark.django_db


def test_assigned_handler_takes_the_case_into_intake(staff_user, django_capture_on_commit_callbacks):
    """received → intake adds a status row by the handler, an audit entry without case text, and a news email."""
    handler = staff_user("handler")
    case = case_assigned(case_submitted(), handler)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        case = case_start_intake(case=case, actor=handler)
    case.refresh_from_db()
    assert case.status == "intake"
    change = StatusChange.objects.filter(case=case).last()
    assert (change.from_status, change.to_status, change.by) == ("received", "intake", handler)
    entry = AuditEntry.objects.get(action="case.transition")
    assert entry.details == {"transition": "start_intake", "from": "received", "to": "intake"}
    assert (entry.actor_id, entry.object_pk) == (handler.pk, str(case.pk))
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["ouder@example.nl"]
    assert case.reference not in mail.outbox[0].body and REPORT["description"] not in mail.outbox[0].body


def test_a_handler_who_is_not_assigned_is_refused(staff_user, django_capture_on_commit_callbacks):
    """Only the assigned handler may take a step: another handler or coordinator is refused, nothing changes."""
    case = case_assigned(case_submitted(), staff_user("handler"))
    mail.outbox.clear()
    for other in (staff_user("handler"), staff_user("coordinator")):
        with (
            pytest.raises(WorkflowError, match="Alleen de behandelaar"),
            django_capture_on_commit_callbacks(execute=True),
        ):
            case_start_intake(case=case, actor=other)
    case.refresh_from_db()
    assert case.status == "received" and StatusChange.objects.filter(case=case).count() == 1
    assert mail.outbox == [] and not AuditEntry.objects.filter(action="case.transition").exists()


def test_roles_without_case_work_are_refused(staff_user):
    """Analysts, school contacts, partners and administrators never move a case, even if set as handler."""
    for role in ("analyst", "school_contact", "partner", "administrator"):
        user = staff_user(role)
        case = case_assigned(case_submitted(), user)
        with pytest.raises(WorkflowError):
            case_start_intake(case=case, actor=user)


def test_an_inactive_handler_is_refused(staff_user):
    """A deactivated account cannot take steps on the cases still assigned to it."""
    handler = staff_user("handler")
    case = case_assigned(case_submitted(), handler)
    handler.is_active = False
    handler.save()
    with pytest.raises(PermissionDenied):
        case_start_intake(case=case, actor=handler)


def test_intake_cannot_be_started_twice(staff_user):
    """A case already in intake cannot be taken into intake again: the error names the step and the status."""
    handler = staff_user("handler")
    case = case_start_intake(case=case_assigned(case_submitted(), handler), actor=handler)
    with pytest.raises(WorkflowError, match="kan niet bij een zaak met status"):
        case_start_intake(case=case, actor=handler)
