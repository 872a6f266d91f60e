"""Writing draft findings: only the assigned handler, editable until sent, a next round after the final."""

import pytest

from meldpunt.core.errors import PermissionDenied
from meldpunt.findings.models import DraftFindings
from meldpunt.findings.rules import FindingsRefused
from meldpunt.findings.services import draft_findings_save, draft_findings_send
from meldpunt.privacy.models import AuditEntry

from .conftest import TEXTS, texts
from .helpers import finalised

pytestmark = pytest.mark.django_db


def test_handler_writes_and_changes_the_draft(case, handler):
    """Saving twice before sending changes the one draft of round 1; it is stored encrypted and audited."""
    first = draft_findings_save(case=case, user=handler, texts=TEXTS)
    second = draft_findings_save(case=case, user=handler, texts=texts(assessment="Een betere beoordeling."))
    assert first.pk == second.pk and second.round == 1
    stored = DraftFindings.objects.get()
    assert stored.assessment == "Een betere beoordeling." and stored.sent_at is None
    assert AuditEntry.objects.filter(action="findings.draft_saved", object_pk=str(case.pk)).count() == 2


@pytest.mark.parametrize("role", ["handler", "coordinator", "school_contact"])
def test_nobody_but_the_assigned_handler_writes(case, staff_user, role):
    """Another handler, a coordinator not assigned, or a school contact may not write findings."""
    with pytest.raises(PermissionDenied):
        draft_findings_save(case=case, user=staff_user(role), texts=TEXTS)
    assert not DraftFindings.objects.exists()


@pytest.mark.parametrize(
    ("field", "message"),
    [
        ("facts_established", "Schrijf welke feiten zijn vastgesteld."),
        ("assessment", "Schrijf uw beoordeling."),
    ],
)
def test_facts_and_assessment_are_required(case, handler, field, message):
    """A draft without established facts or without an assessment is refused on that field."""
    with pytest.raises(FindingsRefused) as refused:
        draft_findings_save(case=case, user=handler, texts=texts(**{field: "  "}))
    assert (refused.value.field, refused.value.message) == (field, message)


def test_a_sent_draft_is_locked(case, handler):
    """After sending, the draft cannot change: the comments are about exactly that text."""
    draft_findings_save(case=case, user=handler, texts=TEXTS)
    draft_findings_send(case=case, user=handler)
    with pytest.raises(FindingsRefused, match="al verstuurd"):
        draft_findings_save(case=case, user=handler, texts=texts(assessment="Anders."))
    assert DraftFindings.objects.get().assessment == TEXTS.assessment


def test_after_final_findings_a_save_starts_the_next_round(case, handler, reporter, school_actor, contact):
    """Once a round is final, new draft findings are round 2 and leave round 1 as it was."""
    finalised(case, handler, reporter, school_actor)
    draft = draft_findings_save(case=case, user=handler, texts=texts(assessment="Na heropenen."))
    assert draft.round == 2
    assert DraftFindings.objects.get(round=1).assessment == TEXTS.assessment
