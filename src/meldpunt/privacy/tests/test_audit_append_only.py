import pytest
from django.core.management import call_command
from django.db import IntegrityError, connection, transaction

from meldpunt.privacy.models import AppendOnlyError, AuditEntry
from meldpunt.privacy.tests.conftest import raw_execute

pytestmark = pytest.mark.django_db


def installed_triggers() -> set[str]:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT tgname FROM pg_trigger WHERE tgrelid = 'privacy_auditentry'::regclass AND NOT tgisinternal"
            )
        else:
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'privacy_auditentry'")
        return {row[0] for row in cursor.fetchall()}


EXPECTED_TRIGGERS = {
    "postgresql": {"privacy_auditentry_append_only"},
    "sqlite": {"privacy_auditentry_no_update", "privacy_auditentry_no_delete"},
}


def test_saving_an_existing_entry_is_refused(chain):
    """The model refuses to save a change to a written entry."""
    entry = chain[0]
    entry.reason = "achteraf aangepast"
    with pytest.raises(AppendOnlyError):
        entry.save()


def test_deleting_an_entry_is_refused(chain):
    """The model refuses delete()."""
    with pytest.raises(AppendOnlyError):
        chain[0].delete()


def test_queryset_update_and_delete_are_refused(chain):
    """The queryset, also as the base manager Django uses internally, refuses update() and delete()."""
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.filter(sequence=1).update(reason="x")
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.all().delete()
    with pytest.raises(AppendOnlyError):
        AuditEntry._base_manager.all().delete()
    # bulk_update works in a transaction without savepoint: give it one, so the refusal leaves the test usable.
    with pytest.raises(AppendOnlyError), transaction.atomic():
        AuditEntry.objects.bulk_update(chain[:1], ["reason"])
    assert AuditEntry.objects.count() == 5


def test_database_refuses_update_around_the_application(chain):
    """A raw SQL UPDATE is stopped by the database trigger."""
    with pytest.raises(IntegrityError, match="append-only"), transaction.atomic():
        raw_execute("UPDATE privacy_auditentry SET reason = 'x' WHERE sequence = 2")


def test_database_refuses_delete_around_the_application(chain):
    """A raw SQL DELETE is stopped by the database trigger."""
    with pytest.raises(IntegrityError, match="append-only"), transaction.atomic():
        raw_execute("DELETE FROM privacy_auditentry WHERE sequence = 2")
    assert AuditEntry.objects.count() == 5


def test_append_only_triggers_are_installed():
    """The triggers exist after all migrations (a migration that rebuilds the table on SQLite must recreate them)."""
    assert installed_triggers() == EXPECTED_TRIGGERS[connection.vendor]


@pytest.mark.django_db(transaction=True)
def test_flush_empties_the_log_and_keeps_the_triggers(chain):
    """flush empties the audit log on both databases (TRUNCATE on PostgreSQL) and leaves the triggers in place."""
    call_command("flush", interactive=False, verbosity=0)
    assert not AuditEntry.objects.exists()
    assert installed_triggers() == EXPECTED_TRIGGERS[connection.vendor]
