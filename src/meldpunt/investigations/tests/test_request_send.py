"""Composing and sending an information request (issue 5, part 2): consent, questions, due date, emails, link."""

import datetime as dt
import re

import pytest
import time_machine
from django.core import mail

from meldpunt.cases.tests.case_helpers import case_in_investigation
from meldpunt.core.errors import MeldpuntError, PermissionDenied
from meldpunt.intake.codes import access_code_matches
from meldpunt.investigations.constants import ConsentSubject, PartyAccess, PartyRole, RequestStatus
from meldpunt.investigations.models import Consent, Party, SchoolAccessLink
from meldpunt.investigations.services.parties import PartyDetails, consent_record, consent_withdraw, party_update
from meldpunt.investigations.services.requests import (
    RequestDraft,
    default_due_on,
    information_request_draft_save,
    information_request_send,
    information_request_withdraw,
    school_access_link_hash,
    school_access_link_reissue,
)
from meldpunt.investigations.tests.request_helpers import (
    SUMMARY,
    committed,
    inactive,
    request_draft,
    request_sent,
    school_contact,
    summary_consent,
)
from meldpunt.privacy.models import AuditEntry

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 3, 10, 10, 0, tzinfo=dt.UTC)  # a Tuesday
TODAY = dt.date(2026, 3, 10)


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


def _draft(case, handler, **changes):
    values = {"summary": SUMMARY, "questions": ["Wat weet u?"], "due_on": default_due_on(today=TODAY)}
    values.update(changes)
    return RequestDraft(**values)


def test_the_default_due_date_is_ten_working_days_away():
    """Ten working days, skipping weekends and public holidays."""
    assert default_due_on(today=TODAY) == dt.date(2026, 3, 24)
    # Good Friday (3 April) and Easter Monday (6 April) are skipped.
    assert default_due_on(today=dt.date(2026, 3, 30)) == dt.date(2026, 4, 15)


def test_a_draft_keeps_the_questions_that_were_filled_in(case, handler):
    """Empty question fields are ignored; the draft is audited and the reporter and board become parties."""
    request = information_request_draft_save(
        case=case,
        user=handler,
        draft=_draft(case, handler, questions=["  Eerste vraag? ", "", "Tweede vraag?"]),
        consent=summary_consent(case, handler),
    )
    assert request.status == RequestStatus.DRAFT
    assert [q.text for q in request.questions.all()] == ["Eerste vraag?", "Tweede vraag?"]
    assert [q.position for q in request.questions.all()] == [1, 2]
    assert set(Party.objects.filter(case=case).values_list("role", flat=True)) == {
        PartyRole.REPORTER,
        PartyRole.SCHOOL_BOARD,
    }
    assert AuditEntry.objects.filter(action="informationrequest.drafted", object_pk=str(request.pk)).exists()


def test_a_draft_needs_the_reporters_consent_which_can_be_recorded_inline(case, handler):
    """Without a consent it is refused; a consent written on the form is recorded for the summary."""
    with pytest.raises(MeldpuntError) as refused:
        information_request_draft_save(case=case, user=handler, draft=_draft(case, handler))
    assert refused.value.field == "consent"
    request = information_request_draft_save(
        case=case, user=handler, draft=_draft(case, handler), new_consent_how="Aan de telefoon, 9 maart"
    )
    consent = Consent.objects.get(pk=request.summary_consent_id)
    assert consent.subject == ConsentSubject.SUMMARY_WITH_SCHOOL
    assert consent.how_given == "Aan de telefoon, 9 maart"


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"questions": ["", "  "]}, "question_1"),
        ({"summary": " "}, "summary"),
        ({"due_on": TODAY}, "due_on"),
        ({"due_on": dt.date(2026, 3, 14)}, "due_on"),  # a Saturday
        ({"due_on": dt.date(2026, 4, 6)}, "due_on"),  # Easter Monday
        ({"contact_email": "school@"}, "contact_email"),
    ],
)
def test_a_bad_draft_is_refused_on_its_field(case, handler, changes, field):
    """No questions, no summary, a due date that is not a future working day or a bad address: each named."""
    with pytest.raises(MeldpuntError) as refused:
        information_request_draft_save(
            case=case, user=handler, draft=_draft(case, handler, **changes), consent=summary_consent(case, handler)
        )
    assert refused.value.field == field


def test_a_consent_for_something_else_does_not_count(case, handler):
    """An identity consent, or a withdrawn summary consent, is not the reporter's yes to the summary."""
    other = consent_record(case=case, user=handler, subject=ConsentSubject.IDENTITY_WITH_SCHOOL, how_given="ja")
    with pytest.raises(MeldpuntError):
        request_draft(case, handler, consent=other)
    withdrawn = summary_consent(case, handler)
    consent_withdraw(consent=withdrawn, user=handler)
    with pytest.raises(MeldpuntError):
        request_draft(case, handler, consent=withdrawn)


def test_sending_tells_the_school_contacts_without_any_content(case, handler):
    """Status sent, the board's active contacts get an email with the portal link and nothing about the case."""
    contact = school_contact(case)
    inactive(school_contact(case))
    with committed():
        sent = request_sent(case, handler)
    assert sent.request.status == RequestStatus.SENT
    assert sent.request.sent_at == NOW
    assert sent.access_code is None
    assert [message.to for message in mail.outbox] == [[contact.email]]
    body = mail.outbox[0].body + mail.outbox[0].subject
    assert "/school/" in body
    for secret in (case.reference, SUMMARY[:20], "buitengesloten", case.school.name, "ouder@example.nl"):
        assert secret not in body
    assert AuditEntry.objects.filter(action="informationrequest.sent", object_pk=str(sent.request.pk)).exists()


def test_a_board_without_an_account_gets_a_single_use_link_and_the_handler_a_code(case, handler):
    """The link goes to the contact address; the code is returned once and stored only as a hash."""
    with committed():
        sent = request_sent(case, handler, contact_email="bestuur@school.nl")
    assert sent.access_code is not None and re.fullmatch(r"[0-9A-Z]{4}-[0-9A-Z]{4}", sent.access_code)
    (link,) = SchoolAccessLink.objects.filter(request=sent.request)
    assert sent.access_code not in link.code_hash and access_code_matches(sent.access_code, link.code_hash)
    assert link.expires_at == NOW + dt.timedelta(days=14)
    (message,) = mail.outbox
    assert message.to == ["bestuur@school.nl"]
    token = re.search(r"/school/toegang/(\S+)", message.body).group(1)
    assert link.token_hash != token
    link.refresh_from_db()
    assert link.token_hash == school_access_link_hash(token)
    assert sent.access_code not in message.body


def test_the_handler_may_add_a_link_although_the_board_has_accounts(case, handler):
    """Ticking "single-use link" sends both: the contacts' notice and the link."""
    school_contact(case)
    with committed():
        sent = request_sent(case, handler, contact_email="bestuur@school.nl", single_use_link=True)
    assert sent.access_code is not None
    assert len(mail.outbox) == 2


def test_a_link_needs_a_contact_address(case, handler):
    """Without school contacts and without an address, there is nobody to send to: refused, nothing sent."""
    draft = request_draft(case, handler)
    with pytest.raises(MeldpuntError) as refused:
        information_request_send(request=draft, user=handler)
    assert refused.value.field == "contact_email"
    draft.refresh_from_db()
    assert draft.status == RequestStatus.DRAFT
    assert mail.outbox == []


def test_a_new_link_replaces_the_old_one(case, handler):
    """A reissued link gets a new code; the earlier unused link stops working."""
    sent = request_sent(case, handler, contact_email="bestuur@school.nl")
    first = SchoolAccessLink.objects.get(request=sent.request)
    code = school_access_link_reissue(request=sent.request, user=handler)
    first.refresh_from_db()
    assert first.expires_at == NOW
    assert code != sent.access_code
    assert SchoolAccessLink.objects.filter(request=sent.request, expires_at__gt=NOW).count() == 1


def test_sending_is_refused_once_the_consent_was_withdrawn(case, handler):
    """The reporter took back the consent after the draft was made: the draft cannot go out."""
    school_contact(case)
    draft = request_draft(case, handler)
    consent_withdraw(consent=draft.summary_consent, user=handler)
    with pytest.raises(MeldpuntError):
        information_request_send(request=draft, user=handler)


def test_sending_is_refused_when_the_board_may_see_nothing(case, handler):
    """A board set to see nothing cannot be sent a request."""
    school_contact(case)
    draft = request_draft(case, handler)
    board = Party.objects.get(case=case, role=PartyRole.SCHOOL_BOARD)
    party_update(
        party=board,
        user=handler,
        details=PartyDetails(name=board.name, access=PartyAccess.NOTHING, identity_shared_with_school=True),
    )
    with pytest.raises(MeldpuntError):
        information_request_send(request=draft, user=handler)


def test_a_request_is_sent_once(case, handler):
    """A second send of the same request is refused."""
    school_contact(case)
    sent = request_sent(case, handler)
    with pytest.raises(MeldpuntError):
        information_request_send(request=sent.request, user=handler)


def test_only_the_assigned_handler_composes_and_sends(case, handler, staff_user):
    """Another handler, or a coordinator not assigned to the case, is refused."""
    school_contact(case)
    draft = request_draft(case, handler)
    for other in (staff_user("handler"), staff_user("coordinator")):
        with pytest.raises(PermissionDenied):
            information_request_send(request=draft, user=other)
        with pytest.raises(PermissionDenied):
            request_draft(case, other, consent=draft.summary_consent)


def test_a_case_without_a_school_gets_no_request(handler):
    """The reporter named no school: there is no board to ask."""
    case = case_in_investigation(handler)
    with pytest.raises(MeldpuntError):
        request_draft(case, handler)


def test_withdrawing_a_sent_request_tells_the_school_and_ends_its_links(case, handler):
    """The school gets a content-free notice; an unused link no longer works."""
    sent = request_sent(case, handler, contact_email="bestuur@school.nl")
    mail.outbox.clear()
    with committed():
        information_request_withdraw(request=sent.request, user=handler)
    sent.request.refresh_from_db()
    assert sent.request.status == RequestStatus.WITHDRAWN
    assert not SchoolAccessLink.objects.filter(request=sent.request, expires_at__gt=NOW).exists()
    assert [m.to for m in mail.outbox] == [["bestuur@school.nl"]]
    with pytest.raises(MeldpuntError):
        information_request_withdraw(request=sent.request, user=handler)
