"""Versions of the decision table: saving adds a version, restoring copies an earlier one; both are audited."""

from __future__ import annotations

import copy

import pytest
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse

from meldpunt.core.errors import MeldpuntError, NotFound, PermissionDenied
from meldpunt.guide.models import DecisionTableVersion
from meldpunt.guide.selectors import decision_table_current, shipped_table_content
from meldpunt.guide.services import (
    DecisionTableInvalid,
    decision_table_restore,
    decision_table_save,
    guide_table_load_if_empty,
)
from meldpunt.privacy.models import AuditEntry

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin(staff_user):
    return staff_user("administrator")


def changed_table(text: str = "Wie ben jij?") -> dict:
    content = copy.deepcopy(shipped_table_content())
    content["questions"][0]["text"]["nl"] = text
    return content


def test_the_shipped_table_is_version_one_once():
    """With no version stored, loading makes version 1 from the shipped file; a second call does nothing."""
    DecisionTableVersion.objects.all().delete()
    first = guide_table_load_if_empty()
    assert first is not None and first.number == 1 and first.is_current and first.created_by is None
    assert first.content == shipped_table_content()
    assert guide_table_load_if_empty() is None
    assert DecisionTableVersion.objects.count() == 1


def test_without_any_version_the_guide_uses_the_shipped_table():
    """An empty table of versions (a flushed database) still gives a working guide."""
    DecisionTableVersion.objects.all().delete()
    current = decision_table_current()
    assert current.version is None
    assert current.table.questions[0].id == "role"


def test_saving_adds_a_current_version_and_keeps_the_previous_one(admin, client: Client):
    """The new version is current and used by the guide; the shipped version stays, no longer current; audited."""
    version = decision_table_save(actor=admin, content=changed_table(), note="Je-vorm voor de eerste vraag")
    assert version.number == 2 and version.is_current and version.created_by == admin
    assert version.note == "Je-vorm voor de eerste vraag"
    assert list(DecisionTableVersion.objects.filter(is_current=True)) == [version]
    assert DecisionTableVersion.objects.get(number=1).content == shipped_table_content()
    assert decision_table_current().version == version
    assert "Wie ben jij?" in client.get(reverse("guide:question", kwargs={"slug": "wie-bent-u"})).content.decode()
    entry = AuditEntry.objects.get(action="guide.table_save")
    assert entry.actor_id == admin.pk and entry.object_pk == str(version.pk) and entry.details["number"] == 2


def test_an_earlier_version_can_be_restored_as_a_new_version(admin):
    """Restoring version 1 makes version 3 with version 1's content; version 2 stays in the history."""
    decision_table_save(actor=admin, content=changed_table(), note="Je-vorm")
    restored = decision_table_restore(actor=admin, number=1)
    assert restored.number == 3 and restored.is_current and restored.restored_from == 1
    assert restored.content == shipped_table_content()
    assert restored.note == "Versie 1 teruggezet"
    assert DecisionTableVersion.objects.filter(number=2, is_current=False).exists()
    assert decision_table_current().table.questions[0].text.nl == "Wie bent u?"
    assert AuditEntry.objects.filter(action="guide.table_restore", details__restored_from=1).exists()


def test_restoring_the_current_or_a_missing_version_is_refused(admin):
    """The version in use cannot be restored again; a number that does not exist is not found."""
    guide_table_load_if_empty()
    with pytest.raises(MeldpuntError, match="al in gebruik"):
        decision_table_restore(actor=admin, number=1)
    with pytest.raises(NotFound):
        decision_table_restore(actor=admin, number=99)


def test_a_table_with_problems_is_not_saved(admin):
    """A table without a catch-all rule is refused with its problems; no version is added."""
    content = changed_table()
    content["rules"].pop()
    before = DecisionTableVersion.objects.count()
    with pytest.raises(DecisionTableInvalid) as refused:
        decision_table_save(actor=admin, content=content, note="Kapot")
    assert any("de laatste regel moet altijd passen" in problem.message for problem in refused.value.problems)
    assert DecisionTableVersion.objects.count() == before


def test_saving_needs_a_note_and_a_change(admin):
    """An empty note and a table equal to the one in use are refused with a message."""
    with pytest.raises(MeldpuntError, match=r"Schrijf kort op wat u heeft veranderd\."):
        decision_table_save(actor=admin, content=changed_table(), note="  ")
    guide_table_load_if_empty()
    with pytest.raises(MeldpuntError, match="gelijk aan de versie die nu in gebruik is"):
        decision_table_save(actor=admin, content=shipped_table_content(), note="Niets veranderd")


@pytest.mark.parametrize("role", ["coordinator", "handler", "analyst", "school_contact", "partner"])
def test_only_administrators_change_the_table(staff_user, role: str):
    """Every other role is refused, for saving and for restoring."""
    user = staff_user(role)
    with pytest.raises(PermissionDenied):
        decision_table_save(actor=user, content=changed_table(), note="Mag niet")
    with pytest.raises(PermissionDenied):
        decision_table_restore(actor=user, number=1)


def test_the_database_allows_one_current_version_only(admin):
    """Two current versions break a unique constraint."""
    guide_table_load_if_empty()
    with pytest.raises(IntegrityError), transaction.atomic():
        DecisionTableVersion.objects.create(number=2, is_current=True, content={})
