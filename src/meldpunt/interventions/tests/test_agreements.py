"""The action plan: agreements with an owner, a due date and a status; the reporter says whether it happened."""

import datetime as dt

import pytest
import time_machine
from django.core import mail

from meldpunt.cases.constants import Status
from meldpunt.cases.deadlines import AMSTERDAM
from meldpunt.cases.models import Case
from meldpunt.cases.tests.case_helpers import case_assigned, case_submitted
from meldpunt.core.errors import PermissionDenied
from meldpunt.interventions.models import Agreement
from meldpunt.interventions.rules import InterventionRefused
from meldpunt.interventions.services import (
    agreement_add,
    agreement_edit,
    agreement_reporter_answer,
    agreement_status_set,
)
from meldpunt.portal.services import support_access_invite
from meldpunt.portal.visitors import Visitor, VisitorKind
from meldpunt.privacy.actors import Actor
from meldpunt.privacy.models import AuditEntry

from .conftest import fields

pytestmark = pytest.mark.django_db
MONDAY = dt.datetime(2026, 11, 2, 10, 0, tzinfo=AMSTERDAM)


def test_an_action_plan_of_two_agreements(case, handler):
    """Two agreements with different owners make the plan; descriptions are stored encrypted; audited."""
    agreement_add(case=case, user=handler, fields=fields())
    agreement_add(case=case, user=handler, fields=fields(owner="other", owner_other="Leerplichtambtenaar"))
    stored = list(Agreement.objects.order_by("pk"))
    assert [(a.owner, a.owner_other, a.status) for a in stored] == [
        ("school_board", "", "open"),
        ("other", "Leerplichtambtenaar", "open"),
    ]
    assert AuditEntry.objects.filter(action="interventions.agreement_added").count() == 2


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"description": " "}, "description", "Schrijf wat er is afgesproken."),
        ({"owner": "teacher"}, "owner", "Kies wie de afspraak moet nakomen."),
        ({"owner": "other", "owner_other": ""}, "owner_other", "Schrijf wie de afspraak moet nakomen."),
        (
            {"due_on": dt.date(2000, 1, 1)},
            "due_on",
            "Deze datum is al voorbij. Kies vandaag of een dag in de toekomst.",
        ),
    ],
)
def test_an_agreement_needs_what_who_and_a_date_ahead(case, handler, overrides, field, message):
    """Missing text, an unknown owner, a missing other owner or a past date are refused on that field."""
    with pytest.raises(InterventionRefused) as refused:
        agreement_add(case=case, user=handler, fields=fields(**overrides))
    assert (refused.value.field, refused.value.message) == (field, message)


def test_a_school_board_agreement_needs_a_school(handler):
    """Without a school on the case, the school board cannot own an agreement, nor see one."""
    case = case_assigned(case_submitted(), handler)
    Case.objects.filter(pk=case.pk).update(status=Status.INTERVENTION)
    with pytest.raises(InterventionRefused, match="geen school"):
        agreement_add(case=case, user=handler, fields=fields())
    agreement = agreement_add(case=case, user=handler, fields=fields(owner="meldpunt"))
    assert agreement.shared_with_school is False


@pytest.mark.parametrize("role", ["handler", "coordinator", "school_contact", "analyst"])
def test_only_the_assigned_handler_writes_the_plan(case, handler, staff_user, role):
    """Nobody but the case's handler adds, changes or marks agreements."""
    other = staff_user(role)
    with pytest.raises(PermissionDenied):
        agreement_add(case=case, user=other, fields=fields())
    agreement = agreement_add(case=case, user=handler, fields=fields())
    with pytest.raises(PermissionDenied):
        agreement_edit(agreement=agreement, user=other, fields=fields())
    with pytest.raises(PermissionDenied):
        agreement_status_set(agreement=agreement, user=other, status="done")


def test_status_done_records_when(case, handler):
    """Done stores the moment; any other status clears it."""
    agreement = agreement_add(case=case, user=handler, fields=fields())
    with time_machine.travel(MONDAY, tick=False):
        agreement = agreement_status_set(agreement=agreement, user=handler, status="done")
    assert (agreement.status, agreement.done_at) == ("done", MONDAY)
    agreement = agreement_status_set(agreement=agreement, user=handler, status="open")
    assert (agreement.status, agreement.done_at) == ("open", None)
    with pytest.raises(InterventionRefused):
        agreement_status_set(agreement=agreement, user=handler, status="half")


def test_every_change_recomputes_the_overdue_count(case, handler):
    """Adding, changing and marking agreements keeps Case.agreements_overdue right at once."""
    with time_machine.travel(MONDAY, tick=False):
        first = agreement_add(case=case, user=handler, fields=fields(due_on=dt.date(2026, 11, 3)))
        agreement_add(case=case, user=handler, fields=fields(due_on=dt.date(2026, 11, 4)))
    with time_machine.travel(MONDAY + dt.timedelta(days=3), tick=False):  # Thursday: both past due
        third = agreement_add(case=case, user=handler, fields=fields(due_on=dt.date(2026, 11, 20)))
        case.refresh_from_db()
        assert case.agreements_overdue == 2
        agreement_status_set(agreement=first, user=handler, status="done")
        case.refresh_from_db()
        assert case.agreements_overdue == 1
        agreement_edit(agreement=third, user=handler, fields=fields(due_on=dt.date(2026, 11, 5)))
        case.refresh_from_db()
        assert case.agreements_overdue == 1


def test_a_new_due_date_starts_the_reminder_again(case, handler):
    """Changing the due date clears the sent reminder; keeping it leaves the reminder as it was."""
    agreement = agreement_add(case=case, user=handler, fields=fields())
    Agreement.objects.filter(pk=agreement.pk).update(reminder_sent_on=dt.date.today())
    agreement.refresh_from_db()
    agreement = agreement_edit(agreement=agreement, user=handler, fields=fields(description="Ander plan."))
    assert agreement.reminder_sent_on is not None
    agreement = agreement_edit(
        agreement=agreement, user=handler, fields=fields(due_on=dt.date.today() + dt.timedelta(days=60))
    )
    assert agreement.reminder_sent_on is None


def test_the_reporter_says_whether_it_happened(case, handler, reporter, django_capture_on_commit_callbacks):
    """The reporter's yes or no is stored with the moment; the handler gets a content-free email."""
    agreement = agreement_add(case=case, user=handler, fields=fields())
    mail.outbox.clear()
    with time_machine.travel(MONDAY, tick=False), django_capture_on_commit_callbacks(execute=True):
        agreement = agreement_reporter_answer(agreement=agreement, actor=reporter, happened=False)
    assert (agreement.reporter_says, agreement.reporter_said_at) == ("no", MONDAY)
    (message,) = mail.outbox
    assert message.to == [handler.email] and case.reference not in message.body
    agreement = agreement_reporter_answer(agreement=agreement, actor=reporter, happened=True)
    assert agreement.reporter_says == "yes"
    entry = AuditEntry.objects.filter(action="interventions.agreement_answered").last()
    assert entry.actor_kind == "reporter" and entry.details["happened"] is True


def test_a_support_person_or_the_school_cannot_answer(case, handler, school_actor):
    """Only the reporter answers: a support person is read-only and the school is not the reporter."""
    agreement = agreement_add(case=case, user=handler, fields=fields())
    access, _code = support_access_invite(visitor=Visitor(case=case, kind=VisitorKind.REPORTER))
    for actor in (Actor.support_person(access.public_id), school_actor, Actor.reporter("MSV-2000-000001")):
        with pytest.raises(PermissionDenied):
            agreement_reporter_answer(agreement=agreement, actor=actor, happened=True)


def test_no_answer_on_a_hidden_or_cancelled_agreement(case, handler, reporter):
    """An agreement not shared with the reporter does not exist for them; a cancelled one needs no answer."""
    hidden = agreement_add(case=case, user=handler, fields=fields(shared_with_reporter=False))
    with pytest.raises(InterventionRefused, match="bestaat niet"):
        agreement_reporter_answer(agreement=hidden, actor=reporter, happened=True)
    cancelled = agreement_status_set(
        agreement=agreement_add(case=case, user=handler, fields=fields()), user=handler, status="cancelled"
    )
    with pytest.raises(InterventionRefused, match="vervallen"):
        agreement_reporter_answer(agreement=cancelled, actor=reporter, happened=True)
