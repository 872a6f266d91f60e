"""What the reporter and the school see of mediation, agreements and escalation (the confidentiality table)."""

import datetime as dt

import pytest
from django.utils import timezone

from meldpunt.core.errors import PermissionDenied
from meldpunt.findings.constants import Side
from meldpunt.interventions.selectors import (
    interventions_for_side,
    interventions_page_get,
    interventions_summary_for_side,
)
from meldpunt.interventions.services import (
    agreement_add,
    escalation_make,
    mediation_plan,
    mediation_record,
)
from meldpunt.portal.services import support_access_invite
from meldpunt.portal.visitors import Visitor, VisitorKind
from meldpunt.privacy.actors import Actor, ActorKind
from meldpunt.privacy.models import AuditEntry

from .conftest import fields

pytestmark = pytest.mark.django_db


def test_nothing_to_see_gives_none(case, reporter, school_actor):
    """Without agreements, meetings or escalations both sides get None."""
    assert interventions_for_side(case=case, side=Side.REPORTER, actor=reporter) is None
    assert interventions_summary_for_side(case=case, side=Side.SCHOOL, actor=school_actor) is None


def test_each_side_sees_the_agreements_shared_with_it(case, handler, reporter, school_actor):
    """Sharing flags decide per side; the reporter may answer, the school may not."""
    agreement_add(case=case, user=handler, fields=fields(description="Voor allebei."))
    agreement_add(case=case, user=handler, fields=fields(description="Alleen de melder.", shared_with_school=False))
    agreement_add(case=case, user=handler, fields=fields(description="Alleen de school.", shared_with_reporter=False))
    mine = interventions_for_side(case=case, side=Side.REPORTER, actor=reporter)
    theirs = interventions_for_side(case=case, side=Side.SCHOOL, actor=school_actor)
    assert [a.description for a in mine.agreements] == ["Voor allebei.", "Alleen de melder."]
    assert [a.description for a in theirs.agreements] == ["Voor allebei.", "Alleen de school."]
    assert all(a.may_answer for a in mine.agreements) and not any(a.may_answer for a in theirs.agreements)
    assert mine.agreements[0].owner_label == "Schoolbestuur"
    assert AuditEntry.objects.filter(action="case.read", details__view="interventions").count() == 2


def test_mediation_outcome_shows_once_held_and_escalation_only_to_the_reporter(case, handler, reporter, school_actor):
    """Shared meetings show to both sides (outcome once held, no participants); escalation never to the school."""
    meeting = mediation_plan(
        case=case, user=handler, planned_at=timezone.now() - dt.timedelta(hours=1), participants="De directeur."
    )
    mediation_plan(case=case, user=handler, planned_at=timezone.now(), participants="Alleen intern.", shared=False)
    mediation_record(meeting=meeting, user=handler, held_at=timezone.now(), outcome="Er is een plan.")
    escalation_make(case=case, user=handler, reason="Geen verbetering.", summary="Afspraken niet nagekomen.")
    mine = interventions_for_side(case=case, side=Side.REPORTER, actor=reporter)
    theirs = interventions_for_side(case=case, side=Side.SCHOOL, actor=school_actor)
    assert [(m.status, m.outcome) for m in mine.meetings] == [("held", "Er is een plan.")]
    assert [(m.status, m.outcome) for m in theirs.meetings] == [("held", "Er is een plan.")]
    assert "participants" not in vars(mine.meetings[0])
    assert mine.escalated_on == [timezone.localdate()] and theirs.escalated_on == []


def test_an_escalation_not_shared_with_the_reporter_stays_hidden(case, handler, reporter):
    """The handler may decide the reporter is not told of the escalation."""
    escalation_make(case=case, user=handler, reason="R", summary="S", shared_with_reporter=False)
    assert interventions_for_side(case=case, side=Side.REPORTER, actor=reporter) is None


def test_a_support_person_reads_but_may_not_answer(case, handler):
    """A support person sees the reporter's agreements without the answer option."""
    agreement_add(case=case, user=handler, fields=fields())
    access, _code = support_access_invite(visitor=Visitor(case=case, kind=VisitorKind.REPORTER))
    view = interventions_for_side(case=case, side=Side.REPORTER, actor=Actor.support_person(access.public_id))
    assert len(view.agreements) == 1 and not view.agreements[0].may_answer


def test_summary_counts_without_content(case, handler, reporter):
    """The portal summary counts agreements, open, overdue and unanswered ones, and the next meeting."""
    agreement_add(case=case, user=handler, fields=fields())
    later = timezone.now() + dt.timedelta(days=3)
    mediation_plan(case=case, user=handler, planned_at=later, participants="De directeur.")
    summary = interventions_summary_for_side(case=case, side=Side.REPORTER, actor=reporter)
    assert (summary.agreements, summary.open, summary.overdue, summary.unanswered) == (1, 1, 0, 1)
    assert summary.next_meeting == later and summary.escalated is False
    overdue = interventions_summary_for_side(
        case=case, side=Side.REPORTER, actor=reporter, today=timezone.localdate() + dt.timedelta(days=60)
    )
    assert overdue.overdue == 1


def test_outsiders_are_refused(case, handler, staff_user):
    """A contact of another board, or a staff actor, gets nothing."""
    agreement_add(case=case, user=handler, fields=fields())
    other = Actor(kind=ActorKind.SCHOOL, user=staff_user("school_contact"))
    for side, actor in ((Side.SCHOOL, other), (Side.REPORTER, Actor.staff(handler))):
        with pytest.raises(PermissionDenied):
            interventions_for_side(case=case, side=side, actor=actor)


def test_handler_page_flags_overdue_agreements(case, handler, staff_user):
    """The handler's page marks each overdue agreement and counts them; nobody else gets the page."""
    agreement_add(case=case, user=handler, fields=fields(due_on=timezone.localdate()))
    page = interventions_page_get(case=case, user=handler, today=timezone.localdate() + dt.timedelta(days=1))
    assert page.overdue == 1 and page.agreements[0].overdue and page.has_school
    with pytest.raises(PermissionDenied):
        interventions_page_get(case=case, user=staff_user("coordinator"))
