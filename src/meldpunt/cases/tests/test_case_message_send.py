import pytest
from django.core import mail
from django.utils import timezone

from meldpunt.cases.models import Case, Message
from meldpunt.cases.services import case_message_from_handler_send
from meldpunt.core.errors import PermissionDenied
from meldpunt.intake.codes import access_code_hash, access_code_new
from meldpunt.portal.conversation import MessageRefused
from meldpunt.privacy.models import AuditEntry

pytestmark = pytest.mark.django_db(transaction=True)

DESCRIPTION = "Mijn zoon wordt buitengesloten in de klas."


@pytest.fixture
def case(db) -> Case:
    """A case as the intake stores it (made directly: the cases app's tests do not lean on the intake)."""
    return Case.objects.create(
        reference="MSV-2026-000001",
        received_at=timezone.now(),
        reporter_role="parent",
        categories=["bullying_psychological"],
        description=DESCRIPTION,
        attendance="attending",
        acute_danger=False,
        contact_email="ouder@example.nl",
        access_code_hash=access_code_hash(access_code_new()),
    )


@pytest.fixture
def handler(case, staff_user):
    user = staff_user("handler")
    Case.objects.filter(pk=case.pk).update(assigned_handler=user)
    case.refresh_from_db()
    return user


def test_assigned_handler_writes_and_reporter_hears_there_is_news(case, handler):
    """The message is stored from the handler, audited as staff, and a content-free email follows the commit."""
    message = case_message_from_handler_send(case=case, author=handler, body=" Kunt u ons bellen? ")
    assert (message.direction, message.author, message.body) == ("from_handler", handler, "Kunt u ons bellen?")
    entry = AuditEntry.objects.get(action="case.message_sent")
    assert (entry.actor_kind, entry.actor_id) == ("staff", handler.pk)
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["ouder@example.nl"]
    assert "bellen" not in mail.outbox[0].body and case.reference not in mail.outbox[0].body


def test_other_staff_may_not_write(case, handler, staff_user):
    """Another handler, a school contact and an inactive handler may not write to the reporter."""
    others = [staff_user("handler"), staff_user("school_contact"), staff_user("analyst")]
    handler.is_active = False
    handler.save()
    for author in [*others, handler]:
        with pytest.raises(PermissionDenied):
            case_message_from_handler_send(case=case, author=author, body="Hallo")
    assert not Message.objects.exists() and mail.outbox == []


@pytest.mark.parametrize("body", ["", "  ", "a" * 20_001, "a\x00b"])
def test_bad_bodies_are_refused_and_nobody_is_emailed(case, handler, body):
    """An empty, too long or NUL-containing message is refused; nothing is stored or sent."""
    with pytest.raises(MessageRefused):
        case_message_from_handler_send(case=case, author=handler, body=body)
    assert not Message.objects.exists() and mail.outbox == []
