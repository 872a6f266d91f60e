import datetime as dt

import pytest
import time_machine
from django.core import mail

from meldpunt.cases.models import Extension, Message
from meldpunt.cases.selectors import case_deadlines
from meldpunt.cases.services import case_extend
from meldpunt.cases.tests.case_helpers import case_assigned, case_in_investigation, case_submitted
from meldpunt.cases.workflow import WorkflowError
from meldpunt.core.errors import PermissionDenied
from meldpunt.privacy.models import AuditEntry

pytestmark = pytest.mark.django_db
AMS = dt.timezone(dt.timedelta(hours=1))
STARTED = dt.datetime(2026, 3, 2, 10, 0, tzinfo=AMS)  # findings due Monday 13 April 2026
LATER = dt.datetime(2026, 3, 20, 10, 0, tzinfo=AMS)
REASON = "De school heeft de stukken nog niet gestuurd."


@pytest.fixture
def handler(staff_user):
    return staff_user("handler")


@pytest.fixture
def case(handler):
    with time_machine.travel(STARTED, tick=False):
        return case_in_investigation(handler)


def _findings(case):
    case.refresh_from_db()
    return next(d for d in case_deadlines(case=case, now=LATER) if d.code == "findings")


def test_extension_moves_findings_and_tells_the_reporter(case, handler, django_capture_on_commit_callbacks):
    """Four weeks more: findings move 13 April → 11 May; the portal message has date and reason; an email follows."""
    mail.outbox.clear()
    with time_machine.travel(LATER, tick=False), django_capture_on_commit_callbacks(execute=True):
        extension = case_extend(case=case, actor=handler, term_code="findings", amount=4, reason=REASON)
    assert (extension.amount, extension.unit, extension.by) == (4, "weeks", handler)
    findings = _findings(case)
    assert (findings.due, findings.extended_by.amount) == (dt.date(2026, 5, 11), 4)
    message = Message.objects.get(case=case)
    assert message.direction == "from_handler" and "11 mei 2026" in message.body and REASON in message.body
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["ouder@example.nl"]
    assert REASON not in mail.outbox[0].body and "11 mei" not in mail.outbox[0].body
    assert AuditEntry.objects.get(action="case.extended").details == {"term": "findings", "amount": 4, "unit": "weeks"}
    case.refresh_from_db()
    assert case.next_due_on == dt.date(2026, 5, 11)


def test_the_message_is_in_the_reporters_language(handler):
    """A reporter who wrote in English reads it in English (13 April + 2 weeks is Koningsdag: the 28th)."""
    with time_machine.travel(STARTED, tick=False):
        case = case_in_investigation(handler, language="en")
    with time_machine.travel(LATER, tick=False):
        case_extend(case=case, actor=handler, term_code="findings", amount=2, reason=REASON)
    body = Message.objects.get(case=case).body
    assert body.startswith("We need more time.") and "28 April 2026" in body


def test_a_term_is_extended_once_and_refused_twice(case, handler):
    """The second extension of the same term is refused with a clear message; the first stays."""
    with time_machine.travel(LATER, tick=False):
        case_extend(case=case, actor=handler, term_code="findings", amount=1, reason=REASON)
        with pytest.raises(WorkflowError, match="al een keer verlengd"):
            case_extend(case=case, actor=handler, term_code="findings", amount=1, reason="Nog meer tijd.")
    assert Extension.objects.filter(case=case).count() == 1
    assert _findings(case).due == dt.date(2026, 4, 20)


@pytest.mark.parametrize("amount", [0, -1, 5])
def test_an_extension_beyond_the_maximum_is_refused(case, handler, amount):
    """Findings may be extended by 1 to 4 weeks; anything else is refused on the amount, naming the maximum."""
    with pytest.raises(WorkflowError, match="hoogstens 4 weken") as refused:
        case_extend(case=case, actor=handler, term_code="findings", amount=amount, reason=REASON)
    assert refused.value.field == "amount" and not Extension.objects.exists()


def test_a_term_without_an_extension_cannot_be_extended(case, handler):
    """The intake decision has no extension in the default case type."""
    with pytest.raises(WorkflowError, match="kan niet worden verlengd"):
        case_extend(case=case, actor=handler, term_code="intake_decision", amount=1, reason=REASON)


def test_a_term_that_has_not_started_cannot_be_extended(handler):
    """Before the investigation starts there is no findings term to extend."""
    case = case_assigned(case_submitted(), handler)
    with pytest.raises(WorkflowError, match="loopt nog niet"):
        case_extend(case=case, actor=handler, term_code="findings", amount=1, reason=REASON)


def test_a_reason_is_required(case, handler):
    """The reporter is always told why."""
    with pytest.raises(WorkflowError) as refused:
        case_extend(case=case, actor=handler, term_code="findings", amount=1, reason="")
    assert refused.value.field == "reason"


def test_only_the_assigned_handler_extends(case, staff_user):
    """An unassigned handler or coordinator may not extend a term."""
    for other in (staff_user("handler"), staff_user("coordinator")):
        with pytest.raises(PermissionDenied):
            case_extend(case=case, actor=other, term_code="findings", amount=1, reason=REASON)
    assert not Extension.objects.exists() and not Message.objects.exists()
