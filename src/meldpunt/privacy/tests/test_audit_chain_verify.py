import datetime

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from meldpunt.privacy.chain import EntryContent, entry_hash
from meldpunt.privacy.models import AuditEntry
from meldpunt.privacy.selectors import audit_chain_verify
from meldpunt.privacy.tests.conftest import raw_execute

pytestmark = pytest.mark.django_db


def test_intact_chain_verifies(chain, capsys):
    """An untouched log verifies, and the command prints the count and the last hash."""
    report = audit_chain_verify()
    assert (report.ok, report.entries, report.last_hash, report.problem) == (True, 5, chain[-1].entry_hash, "")
    call_command("audit_verify")
    assert f"Audit log intact: 5 entries; last hash {chain[-1].entry_hash}." in capsys.readouterr().out


def test_empty_log_verifies():
    """A log without entries is intact."""
    assert audit_chain_verify().ok


def test_changed_entry_is_detected(chain, drop_audit_triggers):
    """A raw SQL change to one entry (by someone who removed the trigger first) is found and named."""
    drop_audit_triggers()
    raw_execute("UPDATE privacy_auditentry SET reason = 'niets aan de hand' WHERE sequence = 3")
    report = audit_chain_verify()
    assert not report.ok
    assert report.bad_sequence == 3
    assert report.problem == "entry #3 does not match its hash: it was changed after it was written"
    with pytest.raises(CommandError, match=r"Audit log broken after 2 good entries: entry #3 does not match") as info:
        call_command("audit_verify")
    assert info.value.returncode == 1


def test_changed_entry_with_recomputed_hash_is_detected(chain, drop_audit_triggers):
    """Rewriting an entry and its own hash breaks the link from the next entry."""
    drop_audit_triggers()
    forged = chain[2]
    content = EntryContent(
        sequence=3,
        occurred_at=forged.occurred_at,
        actor_id=None,
        actor_kind="system",
        actor_ref="test",
        action="case.read",
        object_app_label="",
        object_model="",
        object_pk="",
        reason="vervalst",
        details={"n": 3},
    )
    raw_execute(
        "UPDATE privacy_auditentry SET reason = 'vervalst', entry_hash = %s WHERE sequence = 3",
        [entry_hash(content, previous_hash=forged.previous_hash)],
    )
    report = audit_chain_verify()
    assert (report.ok, report.bad_sequence) == (False, 4)
    assert "does not chain to the entry before it" in report.problem


def test_removed_entry_is_detected(chain, drop_audit_triggers):
    """An entry removed from the middle of the log is found from the gap it leaves."""
    drop_audit_triggers()
    raw_execute("DELETE FROM privacy_auditentry WHERE sequence = 3")
    report = audit_chain_verify()
    assert (report.ok, report.bad_sequence) == (False, 4)
    assert report.problem == "entry #4 follows #2: entry #3 was removed"


def test_removed_last_entries_are_detected(chain, drop_audit_triggers):
    """Entries removed from the end are found by comparing with the chain head."""
    drop_audit_triggers()
    raw_execute("DELETE FROM privacy_auditentry WHERE sequence >= 4")
    report = audit_chain_verify()
    assert not report.ok
    assert report.problem == "the log ends at entry #3 but the chain head says #5: the last entries were removed"


def test_entry_inserted_out_of_order_is_detected(chain):
    """An entry added around the service, chained correctly but dated in the past, is found."""
    earlier = chain[0].occurred_at - datetime.timedelta(minutes=1)
    content = EntryContent(
        sequence=6,
        occurred_at=earlier,
        actor_id=None,
        actor_kind="system",
        actor_ref="",
        action="case.read",
        object_app_label="",
        object_model="",
        object_pk="",
        reason="",
        details={},
    )
    AuditEntry(
        sequence=6,
        occurred_at=earlier,
        actor_kind="system",
        action="case.read",
        previous_hash=chain[-1].entry_hash,
        entry_hash=entry_hash(content, previous_hash=chain[-1].entry_hash),
    ).save()
    report = audit_chain_verify()
    assert (report.ok, report.bad_sequence) == (False, 6)
    assert report.problem == "entry #6 is dated before the entry before it: it was inserted out of order"
