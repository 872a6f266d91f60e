"""The school's side of a request (issue 5, part 2): answers, documents, more time, and the handler's decision."""

import datetime as dt

import pytest
import time_machine
from django.core import mail

from meldpunt.cases.tests.case_helpers import case_in_investigation
from meldpunt.core.errors import MeldpuntError, NotFound
from meldpunt.investigations.constants import EvidenceSource, MoreTimeDecision, RequestStatus
from meldpunt.investigations.models import Evidence
from meldpunt.investigations.selectors.shared import SchoolVisitor
from meldpunt.investigations.services.requests import (
    information_request_answers_save,
    information_request_document_add,
    information_request_more_time_ask,
    information_request_more_time_decide,
    information_request_withdraw,
)
from meldpunt.investigations.tests.permission_rows_evidence import checked_png
from meldpunt.investigations.tests.request_helpers import committed, inactive, request_sent, school_contact
from meldpunt.privacy.models import AuditEntry

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 3, 10, 10, 0, tzinfo=dt.UTC)  # a Tuesday; due in ten working days: 24 March


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


def _visitor(user):
    return SchoolVisitor(user=user)


def _answers(request, text="Antwoord"):
    return {q.pk: f"{text} {q.position}" for q in request.questions.all()}


def test_answers_are_saved_and_sent_once_all_questions_have_one(sent, contact, handler):
    """Saving keeps the answers; sending needs an answer to every question, closes the request and tells the handler."""
    first, second = sent.questions.all()
    information_request_answers_save(
        request_id=sent.pk, visitor=_visitor(contact), answers={first.pk: "Alleen het eerste"}, submit=False
    )
    first.refresh_from_db()
    assert (first.answer, first.answered_by, first.answered_at) == ("Alleen het eerste", contact, NOW)
    with pytest.raises(MeldpuntError) as refused:
        information_request_answers_save(request_id=sent.pk, visitor=_visitor(contact), answers={}, submit=True)
    assert refused.value.field == f"answer_{second.pk}"
    mail.outbox.clear()
    with committed():
        information_request_answers_save(
            request_id=sent.pk, visitor=_visitor(contact), answers=_answers(sent), submit=True
        )
    sent.refresh_from_db()
    assert (sent.status, sent.answered_at) == (RequestStatus.ANSWERED, NOW)
    (message,) = mail.outbox
    assert message.to == [handler.email]
    assert sent.case.reference not in message.body and "Antwoord 1" not in message.body
    assert AuditEntry.objects.filter(action="informationrequest.answered", actor=contact).exists()
    with pytest.raises(MeldpuntError):
        information_request_answers_save(request_id=sent.pk, visitor=_visitor(contact), answers={}, submit=False)


def test_an_answer_to_another_requests_question_is_refused(sent, contact, case, handler):
    """Answers are taken only for the request's own questions."""
    other = request_sent(case, handler).request
    with pytest.raises(MeldpuntError):
        information_request_answers_save(
            request_id=sent.pk, visitor=_visitor(contact), answers=_answers(other), submit=False
        )


def test_a_contact_of_another_board_or_an_inactive_one_finds_nothing(sent, staff_user, contact):
    """Another board's contact, or a deactivated one, gets NotFound: the request does not exist for them."""
    for visitor in (staff_user("school_contact"), inactive(contact)):
        with pytest.raises(NotFound):
            information_request_answers_save(request_id=sent.pk, visitor=_visitor(visitor), answers={}, submit=False)


def test_a_withdrawn_request_takes_no_answers(sent, contact, handler):
    """After the handler withdrew it, the school can no longer answer."""
    information_request_withdraw(request=sent, user=handler)
    with pytest.raises(MeldpuntError):
        information_request_answers_save(request_id=sent.pk, visitor=_visitor(contact), answers={}, submit=False)


def test_a_school_document_goes_into_the_register_shared_with_the_school_only(sent, contact):
    """The document is registered as from the school, for this request, received today, not shared with the reporter."""
    evidence = information_request_document_add(
        request_id=sent.pk, visitor=_visitor(contact), title="Verslag gesprek", attachment=checked_png()
    )
    evidence = Evidence.objects.get(pk=evidence.pk)
    assert (evidence.source, evidence.information_request_id) == (EvidenceSource.SCHOOL, sent.pk)
    assert (evidence.shared_with_school, evidence.shared_with_reporter) == (True, False)
    assert evidence.received_on == dt.date(2026, 3, 10)
    assert evidence.registered_by == contact


def test_the_school_asks_for_more_time_and_the_handler_grants_it(sent, contact, handler):
    """A grant moves the due date to the asked date, resets the reminder and tells the school; it is audited."""
    with committed():
        information_request_more_time_ask(
            request_id=sent.pk, visitor=_visitor(contact), until=dt.date(2026, 3, 31), reason="Mentor is ziek"
        )
    sent.refresh_from_db()
    assert (sent.more_time_decision, sent.more_time_until) == (MoreTimeDecision.PENDING, dt.date(2026, 3, 31))
    assert [m.to for m in mail.outbox][-1] == [handler.email]
    with pytest.raises(MeldpuntError):
        information_request_more_time_ask(
            request_id=sent.pk, visitor=_visitor(contact), until=dt.date(2026, 4, 1), reason="nog meer"
        )
    sent.reminder_sent_at = NOW
    sent.save(update_fields=["reminder_sent_at"])
    with committed():
        information_request_more_time_decide(request=sent, user=handler, grant=True)
    sent.refresh_from_db()
    assert sent.due_on == dt.date(2026, 3, 31)
    assert sent.reminder_sent_at is None
    assert (sent.more_time_decision, sent.more_time_decided_by) == (MoreTimeDecision.GRANTED, handler)
    assert [m.to for m in mail.outbox][-1] == [contact.email]
    entry = AuditEntry.objects.get(action="informationrequest.more_time_decided")
    assert entry.details["previous_due_on"] == "2026-03-24" and entry.details["due_on"] == "2026-03-31"


def test_a_refusal_keeps_the_date_and_a_grant_may_pick_another_day(sent, contact, handler):
    """Refused: the due date stays. A later request may be granted with the handler's own, later, working day."""
    information_request_more_time_ask(
        request_id=sent.pk, visitor=_visitor(contact), until=dt.date(2026, 3, 31), reason="Vakantie"
    )
    information_request_more_time_decide(request=sent, user=handler, grant=False)
    sent.refresh_from_db()
    assert (sent.due_on, sent.more_time_decision) == (dt.date(2026, 3, 24), MoreTimeDecision.REFUSED)
    with pytest.raises(MeldpuntError):
        information_request_more_time_decide(request=sent, user=handler, grant=True)
    information_request_more_time_ask(
        request_id=sent.pk, visitor=_visitor(contact), until=dt.date(2026, 3, 31), reason="Toch nodig"
    )
    with pytest.raises(MeldpuntError) as refused:
        information_request_more_time_decide(request=sent, user=handler, grant=True, new_due_on=dt.date(2026, 3, 20))
    assert refused.value.field == "new_due_on"
    information_request_more_time_decide(request=sent, user=handler, grant=True, new_due_on=dt.date(2026, 3, 27))
    sent.refresh_from_db()
    assert sent.due_on == dt.date(2026, 3, 27)


@pytest.mark.parametrize(
    ("until", "reason", "field"),
    [
        (dt.date(2026, 3, 24), "Ziek", "until"),  # not later than the current due date
        (dt.date(2026, 3, 28), "Ziek", "until"),  # a Saturday
        (dt.date(2026, 5, 29), "Ziek", "until"),  # more than 20 working days extra
        (dt.date(2026, 3, 31), " ", "reason"),
    ],
)
def test_a_bad_question_for_more_time_is_refused_on_its_field(sent, contact, until, reason, field):
    """The date must be a later working day within 20 extra working days, and a reason is needed."""
    with pytest.raises(MeldpuntError) as refused:
        information_request_more_time_ask(request_id=sent.pk, visitor=_visitor(contact), until=until, reason=reason)
    assert refused.value.field == field
