from typing import Any

from django.core.management.commands import flush
from django.db import connections, transaction

from meldpunt.privacy.models import AuditEntry


class Command(flush.Command):
    """Django's flush, which must get past the audit log's append-only triggers on SQLite.

    On PostgreSQL flush uses TRUNCATE, which row triggers do not stop; SQLite has only DELETE, which
    they do. So on SQLite the triggers are taken off while the tables are emptied and put back exactly
    as they were, in one transaction. Test runs that use transactional tests depend on this.
    """

    help = flush.Command.help + " The audit log is emptied too, as on PostgreSQL."

    def handle(self, **options: Any) -> None:
        connection = connections[options["database"]]
        if connection.vendor != "sqlite":
            super().handle(**options)
            return
        with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
            cursor.execute(
                "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = %s",
                [AuditEntry._meta.db_table],
            )
            triggers = cursor.fetchall()
            for name, _ in triggers:
                cursor.execute(f"DROP TRIGGER {connection.ops.quote_name(name)}")
            super().handle(**options)
            for _, sql in triggers:
                cursor.execute(sql)
