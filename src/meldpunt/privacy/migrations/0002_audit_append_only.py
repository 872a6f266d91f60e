"""The audit log's database guards: the chain head row, and triggers that refuse UPDATE and DELETE.

The SQL is written out here rather than imported, so this migration keeps doing what it did when the
code changes later. On PostgreSQL, TRUNCATE is not stopped by row triggers (flush uses it); the hash
chain and its head reveal a truncated log.
"""

from django.db import migrations

TABLE = "privacy_auditentry"
MESSAGE = "privacy_auditentry is append-only"

SQLITE_CREATE = [
    f"""CREATE TRIGGER privacy_auditentry_no_update BEFORE UPDATE ON {TABLE}
    BEGIN SELECT RAISE(ABORT, '{MESSAGE}: UPDATE is not allowed'); END""",
    f"""CREATE TRIGGER privacy_auditentry_no_delete BEFORE DELETE ON {TABLE}
    BEGIN SELECT RAISE(ABORT, '{MESSAGE}: DELETE is not allowed'); END""",
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS privacy_auditentry_no_update",
    "DROP TRIGGER IF EXISTS privacy_auditentry_no_delete",
]
POSTGRESQL_CREATE = [
    f"""CREATE FUNCTION privacy_auditentry_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        RAISE EXCEPTION '{MESSAGE}: % is not allowed', TG_OP USING ERRCODE = 'integrity_constraint_violation';
    END
    $$""",
    f"""CREATE TRIGGER privacy_auditentry_append_only BEFORE UPDATE OR DELETE ON {TABLE}
    FOR EACH ROW EXECUTE FUNCTION privacy_auditentry_refuse_change()""",
]
POSTGRESQL_DROP = [
    f"DROP TRIGGER IF EXISTS privacy_auditentry_append_only ON {TABLE}",
    "DROP FUNCTION IF EXISTS privacy_auditentry_refuse_change()",
]


def _run(schema_editor, statements_by_vendor):
    vendor = schema_editor.connection.vendor
    if vendor not in statements_by_vendor:
        raise NotImplementedError(f"No append-only triggers for the {vendor} database.")
    for statement in statements_by_vendor[vendor]:
        schema_editor.execute(statement, params=None)


def triggers_create(apps, schema_editor):
    _run(schema_editor, {"sqlite": SQLITE_CREATE, "postgresql": POSTGRESQL_CREATE})


def triggers_drop(apps, schema_editor):
    _run(schema_editor, {"sqlite": SQLITE_DROP, "postgresql": POSTGRESQL_DROP})


def chain_head_create(apps, schema_editor):
    apps.get_model("privacy", "AuditChainHead").objects.using(schema_editor.connection.alias).get_or_create(id=1)


class Migration(migrations.Migration):
    dependencies = [("privacy", "0001_initial")]

    operations = [
        migrations.RunPython(chain_head_create, migrations.RunPython.noop),
        migrations.RunPython(triggers_create, triggers_drop),
    ]
