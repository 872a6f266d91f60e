import base64

import pytest
from django.db import connection

from meldpunt.privacy.actors import Actor
from meldpunt.privacy.services import audit_record


def key_setting(key_id: str, secret: bytes) -> str:
    return f"{key_id}:{base64.b64encode(secret.ljust(32, b'.')[:32]).decode()}"


KEY_A = key_setting("keyA", b"the first key of thirty-two byte")
KEY_B = key_setting("keyB", b"the second key, also 32 bytes ok")


@pytest.fixture
def key_a(settings):
    """Only key A is configured: it encrypts."""
    settings.ENCRYPTION_KEYS = KEY_A
    return settings


def raw_column(table: str, column: str, pk: int) -> str | None:
    with connection.cursor() as cursor:
        # Names come from the tests themselves, quoted; the id is a parameter.
        query = f"SELECT {connection.ops.quote_name(column)} FROM {connection.ops.quote_name(table)} WHERE id = %s"  # noqa: S608
        cursor.execute(query, [pk])
        return cursor.fetchone()[0]


def raw_execute(sql: str, params: list[object] | None = None) -> None:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


@pytest.fixture
def drop_audit_triggers():
    """What a database administrator could do: take the append-only triggers off (rolled back after the test)."""

    def drop() -> None:
        if connection.vendor == "postgresql":
            raw_execute("DROP TRIGGER privacy_auditentry_append_only ON privacy_auditentry")
        else:
            raw_execute("DROP TRIGGER privacy_auditentry_no_update")
            raw_execute("DROP TRIGGER privacy_auditentry_no_delete")

    return drop


@pytest.fixture
def chain():
    """Five entries written through the real service."""
    return [audit_record(actor=Actor.system(ref="test"), action="case.read", details={"n": n}) for n in range(1, 6)]


@pytest.fixture
def handler(django_user_model):
    return django_user_model.objects.create_user(username="privacy-handler", role="handler")
