import datetime
import itertools
import threading

import pytest
import time_machine
from django.db import connection, connections, transaction
from django.utils import timezone

from meldpunt.privacy.actors import Actor, ActorKind
from meldpunt.privacy.chain import GENESIS_HASH, EntryContent, entry_hash
from meldpunt.privacy.models import AuditChainHead, AuditEntry
from meldpunt.privacy.selectors import audit_chain_verify
from meldpunt.privacy.services import audit_read, audit_record
from meldpunt.privacy.tests.sample_app.models import Sample

SYSTEM = Actor.system(ref="test")


@pytest.mark.django_db
def test_entries_chain_from_the_genesis_value_in_order(chain):
    """The first entry chains to the genesis value, each next one to the one before, numbered 1, 2, 3..."""
    assert [entry.sequence for entry in chain] == [1, 2, 3, 4, 5]
    assert chain[0].previous_hash == GENESIS_HASH
    for before, after in itertools.pairwise(chain):
        assert after.previous_hash == before.entry_hash
        assert after.occurred_at >= before.occurred_at
    assert list(AuditEntry.objects.values_list("sequence", flat=True)) == [1, 2, 3, 4, 5]
    head = AuditChainHead.objects.get()
    assert (head.last_sequence, head.last_hash) == (5, chain[-1].entry_hash)


@pytest.mark.django_db
def test_entry_hash_covers_the_stored_content(handler):
    """The stored hash is SHA-256 over the entry as read back from the database and the previous hash."""
    sample = Sample.objects.create(label="x")
    audit_record(
        actor=Actor.staff(handler),
        action="case.assign",
        obj=sample,
        reason="  toewijzing  ",
        details={"op": datetime.date(2025, 1, 2), "aantal": 3},
    )
    entry = AuditEntry.objects.get()
    content = EntryContent(
        sequence=1,
        occurred_at=entry.occurred_at,
        actor_id=handler.pk,
        actor_kind="staff",
        actor_ref="",
        action="case.assign",
        object_app_label="privacy_sample",
        object_model="sample",
        object_pk=str(sample.pk),
        reason="toewijzing",
        details={"op": "2025-01-02", "aantal": 3},
    )
    assert entry.entry_hash == entry_hash(content, previous_hash=GENESIS_HASH)
    assert timezone.is_aware(entry.occurred_at)
    assert entry.actor == handler


@pytest.mark.django_db
def test_audit_read_records_model_read(handler):
    """audit_read writes '<model>.read' for the object that was shown, with the reader."""
    sample = Sample.objects.create(label="x")
    entry = audit_read(actor=Actor.staff(handler), obj=sample, reason="behandeling")
    assert (entry.action, entry.object_model, entry.object_pk, entry.actor_id) == (
        "sample.read",
        "sample",
        str(sample.pk),
        handler.pk,
    )


@pytest.mark.django_db
def test_reporter_is_recorded_by_reference_only():
    """A reporter has no account: the entry keeps the kind and the opaque case reference."""
    entry = audit_record(actor=Actor.reporter("MSV-2025-000123"), action="case.read")
    assert (entry.actor_id, entry.actor_kind, entry.actor_ref) == (None, ActorKind.REPORTER, "MSV-2025-000123")


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"kind": ActorKind.STAFF}, "needs the staff account"),
        ({"kind": ActorKind.REPORTER}, "needs a reference"),
        ({"kind": ActorKind.SUPPORT_PERSON}, "needs a reference"),
        ({"kind": ActorKind.REPORTER, "ref": "ouder@example.nl"}, "never a name or an email"),
        ({"kind": ActorKind.SYSTEM, "ref": "Jan Jansen"}, "never a name or an email"),
        ({"kind": ActorKind.SYSTEM, "ref": "x" * 65}, "1 to 64"),
        ({"kind": "bestuurder"}, "Unknown actor kind"),
    ],
)
def test_ambiguous_actors_are_refused(kwargs, message):
    """An actor must be identifiable without personal data: staff by account, others by reference."""
    with pytest.raises(ValueError, match=message):
        Actor(**kwargs)


@pytest.mark.django_db
def test_reporter_cannot_carry_a_staff_account(handler):
    """Only staff, school and partner actors act through an account."""
    with pytest.raises(ValueError, match="has no staff account"):
        Actor(kind=ActorKind.REPORTER, user=handler, ref="MSV-2025-000001")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"action": "read"}, "dotted lower-case code"),
        ({"action": "Case.Read"}, "dotted lower-case code"),
        ({"obj": Sample(label="unsaved")}, "must be saved"),
        ({"details": {"tekst": "x" * 3000}}, "keep them small"),
        ({"details": {1: "x"}}, "text keys"),
        ({"details": {"x": float("inf")}}, "JSON compliant"),
    ],
)
def test_bad_audit_input_is_refused_before_anything_is_written(kwargs, message):
    """Invalid input raises ValueError and writes no entry."""
    with pytest.raises(ValueError, match=message):
        audit_record(**{"actor": SYSTEM, "action": "case.read", **kwargs})
    assert not AuditEntry.objects.exists()


@pytest.mark.django_db
def test_rolled_back_append_leaves_no_gap():
    """An entry written in a transaction that rolls back disappears together with its place in the chain."""
    audit_record(actor=SYSTEM, action="case.read")
    with pytest.raises(RuntimeError), transaction.atomic():
        audit_record(actor=SYSTEM, action="case.change")
        raise RuntimeError("the recorded work failed")
    entry = audit_record(actor=SYSTEM, action="case.read")
    assert entry.sequence == 2
    assert audit_chain_verify().ok


@pytest.mark.django_db
def test_time_never_runs_backwards_in_the_log():
    """An append whose clock is behind the last entry's takes that entry's time, so the log stays in order."""
    with time_machine.travel(datetime.datetime(2025, 5, 1, 12, 0, tzinfo=datetime.UTC), tick=False):
        first = audit_record(actor=SYSTEM, action="case.read")
    with time_machine.travel(datetime.datetime(2025, 5, 1, 11, 59, tzinfo=datetime.UTC), tick=False):
        second = audit_record(actor=SYSTEM, action="case.read")
    assert second.occurred_at == first.occurred_at
    assert audit_chain_verify().ok


@pytest.mark.django_db
def test_missing_chain_head_is_rebuilt_from_the_last_entry(chain):
    """After a flush removed the head, appends continue the chain that is there instead of forking it."""
    AuditChainHead.objects.all().delete()
    entry = audit_record(actor=SYSTEM, action="case.read")
    assert (entry.sequence, entry.previous_hash) == (6, chain[-1].entry_hash)
    assert audit_chain_verify().ok


@pytest.mark.django_db(transaction=True)
def test_concurrent_appends_never_fork_the_chain():
    """Appends from many connections at once form one unbroken chain.

    PostgreSQL: every append locks the chain head row (SELECT ... FOR UPDATE), so all appends
    succeed, one after the other. SQLite has no row locks: every transaction begins IMMEDIATE and so
    holds the database's single write lock; a writer that cannot get it is refused (in the test's
    shared in-memory database at once, in a file database after the busy timeout) and never reads a
    stale head. On both, the chain that results verifies.
    """
    workers, per_worker = 6, 5
    barrier = threading.Barrier(workers)
    succeeded: list[int] = []
    refused: list[Exception] = []

    def work(n: int) -> None:
        try:
            barrier.wait()
            for _ in range(per_worker):
                try:
                    succeeded.append(audit_record(actor=Actor.system(ref=f"worker-{n}"), action="case.read").sequence)
                except Exception as exc:  # SQLite refuses a writer while another holds the lock
                    refused.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=work, args=(n,)) for n in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    if connection.vendor == "postgresql":
        assert not refused
        assert len(succeeded) == workers * per_worker
    else:
        assert connection.settings_dict["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
        assert all("locked" in str(exc) for exc in refused), refused
        assert len(succeeded) + len(refused) == workers * per_worker
        assert succeeded
    assert sorted(succeeded) == list(range(1, len(succeeded) + 1))
    assert list(AuditEntry.objects.values_list("sequence", flat=True)) == sorted(succeeded)
    report = audit_chain_verify()
    assert report.ok, report.problem
    assert report.entries == len(succeeded)
