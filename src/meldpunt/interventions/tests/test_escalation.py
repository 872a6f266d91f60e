"""Escalation to supervision: a record with the reason, and a signal that never tells who the reporter is."""

import pytest
from django.utils import timezone

from meldpunt.cases.constants import Status
from meldpunt.cases.models import Case
from meldpunt.cases.tests.case_helpers import case_assigned, case_submitted
from meldpunt.core.errors import PermissionDenied
from meldpunt.interventions.models import Escalation, SupervisionSignal
from meldpunt.interventions.rules import InterventionRefused
from meldpunt.interventions.selectors import supervision_signals
from meldpunt.interventions.services import escalation_make
from meldpunt.investigations.constants import PartyRole
from meldpunt.investigations.models import Party
from meldpunt.privacy.models import AuditEntry

pytestmark = pytest.mark.django_db
REASON = "De school komt de afspraken niet na, ook niet na twee gesprekken."
SUMMARY = "Het bestuur komt afspraken over pesten niet na."


def test_escalation_records_the_reason_and_a_signal(case, handler, school):
    """The escalation keeps the reason; the signal has the school, board, categories, date and summary."""
    escalation = escalation_make(case=case, user=handler, reason=REASON, summary=SUMMARY)
    assert Escalation.objects.get().reason == REASON
    signal = SupervisionSignal.objects.get()
    assert signal.escalation == escalation
    assert (signal.school, signal.board, signal.categories) == (school, school.board, ["bullying_psychological"])
    assert signal.on == timezone.localdate() and signal.reason_summary == SUMMARY
    assert AuditEntry.objects.filter(action="interventions.escalated", object_pk=str(case.pk)).exists()


def test_the_summary_may_not_name_the_reporter_or_carry_their_contact(case, handler):
    """A hidden reporter's name, email address or phone number in the summary is refused on the summary."""
    Party.objects.create(case=case, role=PartyRole.REPORTER, name="Sanne de Boer", added_at=timezone.now())
    for summary in ("Sanne wordt gepest.", "Mail ouder@example.nl voor meer.", "Bel 06 12345678."):
        with pytest.raises(InterventionRefused) as refused:
            escalation_make(case=case, user=handler, reason=REASON, summary=summary)
        assert refused.value.field == "summary"
    assert not SupervisionSignal.objects.exists()


def test_reason_and_summary_are_required(case, handler):
    """Without a reason or a summary nothing is escalated."""
    with pytest.raises(InterventionRefused) as refused:
        escalation_make(case=case, user=handler, reason="", summary=SUMMARY)
    assert refused.value.field == "reason"
    with pytest.raises(InterventionRefused) as refused:
        escalation_make(case=case, user=handler, reason=REASON, summary=" ")
    assert refused.value.field == "summary"


def test_escalation_needs_a_school(handler):
    """Supervision is of a school board: without a school there is nothing to escalate to."""
    case = case_assigned(case_submitted(), handler)
    Case.objects.filter(pk=case.pk).update(status=Status.INTERVENTION)
    with pytest.raises(InterventionRefused, match="geen school"):
        escalation_make(case=case, user=handler, reason=REASON, summary=SUMMARY)


def test_only_the_assigned_handler_escalates(case, staff_user):
    """A coordinator not assigned to the case, or another handler, may not escalate it."""
    for role in ("coordinator", "handler"):
        with pytest.raises(PermissionDenied):
            escalation_make(case=case, user=staff_user(role), reason=REASON, summary=SUMMARY)


def test_signals_for_analysts_have_no_way_to_the_case(case, handler, staff_user):
    """An analyst sees the signal without the reference; a coordinator gets the reference; the read is audited."""
    escalation_make(case=case, user=handler, reason=REASON, summary=SUMMARY)
    (analyst_view,) = supervision_signals(user=staff_user("analyst"))
    assert analyst_view.reference == "" and analyst_view.reason_summary == SUMMARY
    assert analyst_view.school == "BBS de Verwondering" and analyst_view.categories == ["Pesten of psychisch geweld"]
    assert analyst_view.board_signals_12_months == 1
    (coordinator_view,) = supervision_signals(user=staff_user("coordinator"))
    assert coordinator_view.reference == case.reference
    assert AuditEntry.objects.filter(action="interventions.signals_read").count() == 2
    for value in vars(analyst_view).values():
        assert "ouder@example.nl" not in str(value) and REASON not in str(value)


@pytest.mark.parametrize("role", ["handler", "school_contact", "partner", "administrator"])
def test_signals_are_for_coordinators_and_analysts_only(role, staff_user):
    """Handlers, school contacts, partners and administrators do not read supervision signals."""
    with pytest.raises(PermissionDenied):
        supervision_signals(user=staff_user(role))
