"""Mediation meetings: planned, held with an outcome, or cancelled; only by the assigned handler."""

import datetime as dt

import pytest
from django.utils import timezone

from meldpunt.core.errors import PermissionDenied
from meldpunt.interventions.models import MediationMeeting
from meldpunt.interventions.rules import InterventionRefused
from meldpunt.interventions.services import mediation_cancel, mediation_plan, mediation_record
from meldpunt.privacy.models import AuditEntry

pytestmark = pytest.mark.django_db
PARTICIPANTS = "De moeder, de directeur, de behandelaar."


def _plan(case, handler, **kwargs):
    return mediation_plan(
        case=case,
        user=handler,
        planned_at=kwargs.pop("planned_at", timezone.now() - dt.timedelta(hours=1)),
        participants=PARTICIPANTS,
        **kwargs,
    )


def test_plan_then_record_the_outcome(case, handler):
    """A planned meeting is recorded as held, with when and the outcome; both steps are audited."""
    meeting = _plan(case, handler)
    assert meeting.status == "planned" and MediationMeeting.objects.get().participants == PARTICIPANTS
    held_at = timezone.now() - dt.timedelta(minutes=5)
    meeting = mediation_record(meeting=meeting, user=handler, held_at=held_at, outcome="Een plan afgesproken.")
    assert (meeting.status, meeting.held_at, meeting.outcome) == ("held", held_at, "Een plan afgesproken.")
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"interventions.mediation_planned", "interventions.mediation_held"} <= actions


def test_cancel_a_planned_meeting(case, handler):
    """A planned meeting can be called off; a cancelled or held one cannot be recorded or cancelled again."""
    meeting = mediation_cancel(meeting=_plan(case, handler), user=handler)
    assert meeting.status == "cancelled"
    with pytest.raises(InterventionRefused, match="al vastgelegd of gaat niet door"):
        mediation_record(meeting=meeting, user=handler, held_at=timezone.now(), outcome="x")
    with pytest.raises(InterventionRefused):
        mediation_cancel(meeting=meeting, user=handler)


def test_a_meeting_in_the_future_cannot_be_recorded_as_held(case, handler):
    """An outcome is recorded after the meeting, not before."""
    meeting = _plan(case, handler, planned_at=timezone.now() + dt.timedelta(days=2))
    with pytest.raises(InterventionRefused) as refused:
        mediation_record(meeting=meeting, user=handler, held_at=timezone.now() + dt.timedelta(days=2), outcome="x")
    assert refused.value.field == "held_on"


def test_participants_and_outcome_are_required(case, handler):
    """A meeting needs its participants; a held meeting needs its outcome."""
    with pytest.raises(InterventionRefused) as refused:
        mediation_plan(case=case, user=handler, planned_at=timezone.now(), participants=" ")
    assert refused.value.field == "participants"
    meeting = _plan(case, handler)
    with pytest.raises(InterventionRefused) as refused:
        mediation_record(meeting=meeting, user=handler, held_at=timezone.now(), outcome="")
    assert refused.value.field == "outcome"


@pytest.mark.parametrize("role", ["handler", "coordinator", "school_contact"])
def test_only_the_assigned_handler(case, handler, staff_user, role):
    """Nobody else plans, records or cancels a case's meetings."""
    other = staff_user(role)
    with pytest.raises(PermissionDenied):
        _plan(case, other)
    meeting = _plan(case, handler)
    with pytest.raises(PermissionDenied):
        mediation_record(meeting=meeting, user=other, held_at=timezone.now(), outcome="x")
    with pytest.raises(PermissionDenied):
        mediation_cancel(meeting=meeting, user=other)
