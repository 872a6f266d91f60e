import datetime as dt

import pytest
import time_machine

from meldpunt.accounts.constants import Role
from meldpunt.cases.constants import Status
from meldpunt.cases.coordination import PriorityOverrideRefused
from meldpunt.cases.models import Case
from meldpunt.cases.services import case_derived_refresh, case_priority_override, case_priority_override_clear
from meldpunt.cases.tests.queue_factories import case_make
from meldpunt.core.errors import PermissionDenied
from meldpunt.privacy.models import AuditEntry

NOW = dt.datetime(2026, 3, 10, 9, 0, tzinfo=dt.UTC)
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def coordinator(staff_user):
    return staff_user(Role.COORDINATOR)


def test_an_override_sets_the_priority_the_queue_sorts_on(coordinator):
    """The override and its reason are stored, audited without the reason, and survive a refresh."""
    case = case_make()
    score = case.priority
    case_priority_override(case=case, coordinator=coordinator, priority=120, reason="Zusje zit op dezelfde school.")
    stored = Case.objects.get(pk=case.pk)
    assert (stored.priority_override, stored.priority) == (120, 120)
    assert stored.priority_override_reason == "Zusje zit op dezelfde school."
    entry = AuditEntry.objects.get(action="case.priority_overridden")
    assert entry.details == {"priority": 120} and "Zusje" not in entry.reason
    assert case_derived_refresh(case=stored).priority == 120
    case_priority_override_clear(case=stored, coordinator=coordinator)
    cleared = Case.objects.get(pk=case.pk)
    assert (cleared.priority_override, cleared.priority_override_reason, cleared.priority) == (None, "", score)
    assert AuditEntry.objects.filter(action="case.priority_override_cleared").count() == 1


@pytest.mark.parametrize("reason", ["", "   "])
def test_an_override_needs_a_reason(coordinator, reason):
    """Without a reason nothing changes."""
    case = case_make()
    with pytest.raises(PriorityOverrideRefused) as refusal:
        case_priority_override(case=case, coordinator=coordinator, priority=90, reason=reason)
    assert refusal.value.field == "reason"
    assert Case.objects.get(pk=case.pk).priority_override is None


@pytest.mark.parametrize("priority", [-1, 201])
def test_an_override_stays_within_the_range(coordinator, priority):
    """The override is a whole number from 0 to 200."""
    with pytest.raises(PriorityOverrideRefused):
        case_priority_override(case=case_make(), coordinator=coordinator, priority=priority, reason="Reden.")


def test_a_closed_case_gets_no_override(coordinator):
    """A closed case has no place in the queue, so no priority to override."""
    with pytest.raises(PriorityOverrideRefused):
        case_priority_override(case=case_make(status=Status.CLOSED), coordinator=coordinator, priority=50, reason="R.")


@pytest.mark.parametrize("role", [Role.HANDLER, Role.ANALYST])
def test_only_coordinators_override(staff_user, role):
    """Even the assigned handler may not change the triage priority."""
    user = staff_user(role)
    case = case_make(handler=user if role == Role.HANDLER else None)
    with pytest.raises(PermissionDenied):
        case_priority_override(case=case, coordinator=user, priority=50, reason="Reden.")


def test_the_priority_page_shows_factors_and_takes_an_override(staff_client):
    """The page lists the triage factors; a POST sets the override and the queue shows it with the reason."""
    client = staff_client(Role.COORDINATOR)
    case = case_make(attendance="not_attending", absent_since=dt.date(2026, 2, 2))
    url = f"/behandeling/zaken/{case.reference}/prioriteit"
    assert "Het kind gaat niet naar school" in client.get(url).content.decode()
    missing = client.post(url, {"priority": "130", "reason": ""})
    assert missing.status_code == 400 and "Geef een reden." in missing.content.decode()
    assert client.post(url, {"priority": "130", "reason": "Dreigt te escaleren."}).status_code == 302
    html = client.get("/behandeling/").content.decode()
    assert "Prioriteit 130" in html and "(handmatig)" in html and "Reden: Dreigt te escaleren." in html
    assert client.post(url, {"clear": "1"}).status_code == 302
    assert Case.objects.get(pk=case.pk).priority_override is None
