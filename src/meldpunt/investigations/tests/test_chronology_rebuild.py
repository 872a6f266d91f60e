import datetime as dt

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from meldpunt.cases.models import Case
from meldpunt.cases.services import case_start_intervention
from meldpunt.cases.tests.case_helpers import case_in_investigation
from meldpunt.core.errors import MeldpuntError, NotFound, PermissionDenied
from meldpunt.investigations.models import ChronologyEntry, Evidence, InformationRequest
from meldpunt.investigations.services.chronology import (
    chronology_entry_add,
    chronology_entry_edit,
    chronology_entry_remove,
    chronology_entry_restore,
    chronology_rebuild,
)
from meldpunt.investigations.tests.permission_rows_evidence import evidence_add, interview_add, party_add
from meldpunt.privacy.models import AuditEntry

pytestmark = pytest.mark.django_db
RECEIVED = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
NOW = dt.datetime(2026, 3, 20, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def handler(staff_user):
    return staff_user("handler")


@pytest.fixture
def case(handler):
    with time_machine.travel(RECEIVED, tick=False):
        return case_in_investigation(
            handler, started_on="2026-01-15", attendance="not_attending", absent_since="2026-02-20"
        )


def _entries(case):
    return {
        (entry.source_kind, entry.source_id): (entry.occurred_on, entry.description)
        for entry in ChronologyEntry.objects.filter(case=case)
    }


def _rebuild(case, handler):
    with time_machine.travel(NOW, tick=False):
        return chronology_rebuild(case=case, user=handler)


def test_the_rebuild_derives_an_entry_from_every_dated_item(case, handler):
    """Report received, started, out of school, status changes, documents, interviews, requests sent and answered."""
    with time_machine.travel(NOW, tick=False):
        evidence = evidence_add(case, handler, title="Brief", received_on=dt.date(2026, 3, 5))
        interview = interview_add(
            case, handler, party_add(case, name="Juf Bakker"), held_at=dt.datetime(2026, 3, 6, 10, tzinfo=dt.UTC)
        )
    request = InformationRequest.objects.create(
        case=case,
        shared_summary="Samenvatting",
        created_at=RECEIVED,
        created_by=handler,
        sent_at=dt.datetime(2026, 3, 7, 10, tzinfo=dt.UTC),
        answered_at=dt.datetime(2026, 3, 12, 10, tzinfo=dt.UTC),
    )
    _rebuild(case, handler)
    entries = _entries(case)
    statuses = list(case.status_changes.exclude(from_status="").values_list("pk", flat=True))
    assert entries[("case_received", case.pk)] == (dt.date(2026, 3, 2), "Melding ontvangen")
    assert entries[("case_started", case.pk)] == (dt.date(2026, 1, 15), "De situatie begon (volgens de melder)")
    assert entries[("case_absent", case.pk)][0] == dt.date(2026, 2, 20)
    assert entries[("status_change", statuses[-1])] == (dt.date(2026, 3, 2), "Status van de zaak: Onderzoek")
    assert entries[("evidence", evidence.pk)] == (dt.date(2026, 3, 5), "Stuk ontvangen: Brief")
    assert entries[("interview", interview.pk)] == (dt.date(2026, 3, 6), "Gesprek met Getuige: Juf Bakker")
    assert entries[("request_sent", request.pk)] == (dt.date(2026, 3, 7), "Vragen gestuurd aan het schoolbestuur")
    assert entries[("request_answered", request.pk)][0] == dt.date(2026, 3, 12)
    assert len(entries) == 7 + len(statuses)


def test_the_rebuild_is_idempotent(case, handler):
    """A second rebuild changes nothing and records nothing in the audit log."""
    first = _rebuild(case, handler)
    before = _entries(case)
    audits = AuditEntry.objects.filter(action="chronology.rebuilt").count()
    second = _rebuild(case, handler)
    assert first.created > 0 and not second.changed
    assert _entries(case) == before
    assert AuditEntry.objects.filter(action="chronology.rebuilt").count() == audits == 1


def test_the_rebuild_never_overwrites_an_edited_entry(case, handler):
    """The handler's date and words stay, even when the source changes."""
    _rebuild(case, handler)
    entry = ChronologyEntry.objects.get(case=case, source_kind="case_started")
    with time_machine.travel(NOW, tick=False):
        chronology_entry_edit(
            case=case, entry_id=entry.pk, user=handler, occurred_on=dt.date(2026, 1, 10), description="Eerste ruzie"
        )
    Case.objects.filter(pk=case.pk).update(started_on=dt.date(2026, 1, 1))
    _rebuild(case, handler)
    entry.refresh_from_db()
    assert (entry.occurred_on, entry.description, entry.edited) == (dt.date(2026, 1, 10), "Eerste ruzie", True)


def test_the_rebuild_does_not_bring_back_a_removed_entry(case, handler):
    """A hidden entry stays hidden, and is not recreated beside it."""
    _rebuild(case, handler)
    entry = ChronologyEntry.objects.get(case=case, source_kind="case_absent")
    chronology_entry_remove(case=case, entry_id=entry.pk, user=handler)
    _rebuild(case, handler)
    assert ChronologyEntry.objects.filter(case=case, source_kind="case_absent").count() == 1
    entry.refresh_from_db()
    assert entry.removed


def test_an_unedited_entry_follows_its_source(case, handler):
    """A changed date in the case moves the derived entry; a source that is gone takes its entry along."""
    _rebuild(case, handler)
    Case.objects.filter(pk=case.pk).update(started_on=dt.date(2026, 1, 1), absent_since=None, attendance="attending")
    result = _rebuild(case, handler)
    assert (result.updated, result.deleted) == (1, 1)
    assert ChronologyEntry.objects.get(case=case, source_kind="case_started").occurred_on == dt.date(2026, 1, 1)
    assert not ChronologyEntry.objects.filter(case=case, source_kind="case_absent").exists()


def test_free_entries_survive_the_rebuild(case, handler):
    """An entry the handler added has no source, so a rebuild leaves it alone."""
    with time_machine.travel(NOW, tick=False):
        entry = chronology_entry_add(
            case=case, user=handler, occurred_on=dt.date(2026, 3, 3), description="Telefoon met de moeder"
        )
    _rebuild(case, handler)
    entry.refresh_from_db()
    assert entry.description == "Telefoon met de moeder" and not entry.removed


def test_new_status_changes_appear_at_the_next_rebuild(case, handler):
    """The chronology follows the case's history."""
    _rebuild(case, handler)
    with time_machine.travel(NOW, tick=False):
        case_start_intervention(case=case, actor=handler, reason="afspraken maken")
    _rebuild(case, handler)
    assert ChronologyEntry.objects.filter(case=case, source_kind="status_change", occurred_on=NOW.date()).exists()


def test_a_deleted_document_entry_is_removed_but_an_edited_one_stays(case, handler):
    """Only unedited derived entries are cleaned up."""
    with time_machine.travel(NOW, tick=False):
        kept = evidence_add(case, handler, title="Bewaard")
        gone = evidence_add(case, handler, title="Weg")
    edited = ChronologyEntry.objects.get(source_kind="evidence", source_id=kept.pk)
    with time_machine.travel(NOW, tick=False):
        chronology_entry_edit(
            case=case, entry_id=edited.pk, user=handler, occurred_on=edited.occurred_on, description="Bewaard, gelezen"
        )
    Evidence.objects.filter(pk__in=[kept.pk, gone.pk]).delete()
    _rebuild(case, handler)
    assert ChronologyEntry.objects.filter(source_kind="evidence").count() == 1
    assert ChronologyEntry.objects.get(source_kind="evidence").description == "Bewaard, gelezen"


def test_editing_and_hiding_are_audited(case, handler):
    """Add, edit, remove and restore each leave an entry naming the chronology entry."""
    with time_machine.travel(NOW, tick=False):
        entry = chronology_entry_add(case=case, user=handler, occurred_on=dt.date(2026, 3, 3), description="Eerst")
        chronology_entry_edit(
            case=case, entry_id=entry.pk, user=handler, occurred_on=dt.date(2026, 3, 4), description="Daarna"
        )
    chronology_entry_remove(case=case, entry_id=entry.pk, user=handler)
    chronology_entry_restore(case=case, entry_id=entry.pk, user=handler)
    actions = list(
        AuditEntry.objects.filter(object_model="chronologyentry", object_pk=str(entry.pk)).values_list(
            "action", flat=True
        )
    )
    assert actions == [
        "chronology.entry_added",
        "chronology.entry_edited",
        "chronology.entry_removed",
        "chronology.entry_restored",
    ]
    edit = AuditEntry.objects.get(action="chronology.entry_edited")
    assert edit.details == {"case": case.pk, "changed": ["date", "text"]}


def test_a_date_in_the_future_is_refused(case, handler):
    """Events in the chronology have happened."""
    with time_machine.travel(NOW, tick=False), pytest.raises(MeldpuntError) as refused:
        chronology_entry_add(case=case, user=handler, occurred_on=dt.date(2026, 3, 21), description="Later")
    assert refused.value.field == "occurred_on"


def test_an_empty_description_is_refused(case, handler):
    """An entry says what happened."""
    with time_machine.travel(NOW, tick=False), pytest.raises(MeldpuntError) as refused:
        chronology_entry_add(case=case, user=handler, occurred_on=dt.date(2026, 3, 3), description=" ")
    assert refused.value.field == "description"


def test_hiding_twice_says_so(case, handler):
    """A hidden entry cannot be hidden again, nor a visible one restored."""
    with time_machine.travel(NOW, tick=False):
        entry = chronology_entry_add(case=case, user=handler, occurred_on=dt.date(2026, 3, 3), description="Iets")
    with pytest.raises(MeldpuntError, match="staat al in de chronologie"):
        chronology_entry_restore(case=case, entry_id=entry.pk, user=handler)
    chronology_entry_remove(case=case, entry_id=entry.pk, user=handler)
    with pytest.raises(MeldpuntError, match="al verborgen"):
        chronology_entry_remove(case=case, entry_id=entry.pk, user=handler)


def test_an_entry_of_another_case_is_not_found(case, handler):
    """The entry must belong to the case."""
    other = case_in_investigation(handler)
    entry = chronology_entry_add(case=other, user=handler, occurred_on=other.received_at.date(), description="Iets")
    with pytest.raises(NotFound):
        chronology_entry_remove(case=case, entry_id=entry.pk, user=handler)


def test_only_the_handler_of_the_case_rebuilds_or_edits(case, staff_user):
    """Another handler and an unassigned coordinator are refused."""
    for intruder in (staff_user("handler"), staff_user("coordinator")):
        with pytest.raises(PermissionDenied):
            chronology_rebuild(case=case, user=intruder)
        with pytest.raises(PermissionDenied):
            chronology_entry_add(case=case, user=intruder, occurred_on=dt.date(2026, 3, 3), description="Iets")
    assert not ChronologyEntry.objects.exists()


def test_an_unchanged_rebuild_costs_the_same_queries_however_long_the_case(case, handler):
    """Bringing the chronology up to date on every visit reads in a constant number of queries."""
    with time_machine.travel(NOW, tick=False):
        evidence_add(case, handler, title="Eerste")
    _rebuild(case, handler)
    with CaptureQueriesContext(connection) as few:
        _rebuild(case, handler)
    with time_machine.travel(NOW, tick=False):
        for number in range(5):
            evidence_add(case, handler, title=f"Stuk {number}")
            interview_add(case, handler)
    _rebuild(case, handler)
    with CaptureQueriesContext(connection) as many:
        _rebuild(case, handler)
    assert len(many.captured_queries) == len(few.captured_queries)
