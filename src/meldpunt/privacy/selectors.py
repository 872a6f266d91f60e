"""Reads of the privacy app: audit entries, verification of the audit chain, state of the encryption keys."""

from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from typing import cast

from django.apps import apps
from django.db import DEFAULT_DB_ALIAS, connections, models
from django.db.models import QuerySet

from meldpunt.privacy.actors import Actor
from meldpunt.privacy.blobs import EncryptedBlob, encrypted_blobs
from meldpunt.privacy.chain import GENESIS_HASH, EntryContent, entry_hash
from meldpunt.privacy.crypto import DecryptionError, current_key_id, decrypt_token, key_ring, token_key_id, token_prefix
from meldpunt.privacy.fields import CIPHERTEXT_ALIAS, EncryptedFieldMixin, encrypted_fields, stored_token
from meldpunt.privacy.models import KEY_CHECK_CANARY, AuditChainHead, AuditEntry, KeyCheck

VERIFY_CHUNK_SIZE = 2000


def audit_entries_for_object(*, obj: models.Model) -> QuerySet[AuditEntry]:
    """Who did what to one object, oldest first: what a reporter is shown about their own case."""
    app_label, model_name, object_pk = AuditEntry.object_identity(obj)
    return (
        AuditEntry.objects.filter(object_app_label=app_label, object_model=model_name, object_pk=object_pk)
        # Each entry shows its staff member: one join instead of a query per entry.
        .select_related("actor")
        .order_by("sequence")
    )


def audit_entries_for_actor(*, actor: Actor) -> QuerySet[AuditEntry]:
    """Everything one actor did, oldest first: by account for staff, else by kind and reference."""
    if actor.user is not None:
        entries = AuditEntry.objects.filter(actor_id=actor.user.pk)
    else:
        entries = AuditEntry.objects.filter(actor_kind=actor.kind, actor_ref=actor.ref)
    return entries.order_by("sequence")


@dataclass(frozen=True)
class VerifyReport:
    """The outcome of checking the whole audit chain. `problem` names the first bad entry."""

    ok: bool
    entries: int
    last_hash: str
    problem: str = ""
    bad_sequence: int | None = None


def _content(entry: AuditEntry) -> EntryContent:
    return EntryContent(
        sequence=entry.sequence,
        occurred_at=entry.occurred_at,
        actor_id=entry.actor_id,
        actor_kind=entry.actor_kind,
        actor_ref=entry.actor_ref,
        action=entry.action,
        object_app_label=entry.object_app_label,
        object_model=entry.object_model,
        object_pk=entry.object_pk,
        reason=entry.reason,
        details=entry.details,
    )


def _entry_problem(
    entry: AuditEntry, *, expected_sequence: int, previous_hash: str, previous_time: datetime | None
) -> str:
    if entry.sequence != expected_sequence:
        missing = (
            f"entry #{expected_sequence} was"
            if entry.sequence == expected_sequence + 1
            else f"entries #{expected_sequence} to #{entry.sequence - 1} were"
        )
        return f"entry #{entry.sequence} follows #{expected_sequence - 1}: {missing} removed"
    if entry_hash(_content(entry), previous_hash=entry.previous_hash) != entry.entry_hash:
        return f"entry #{entry.sequence} does not match its hash: it was changed after it was written"
    if entry.previous_hash != previous_hash:
        return (
            f"entry #{entry.sequence} does not chain to the entry before it: "
            "that entry was replaced, or this one was inserted out of order"
        )
    if previous_time is not None and entry.occurred_at < previous_time:
        return f"entry #{entry.sequence} is dated before the entry before it: it was inserted out of order"
    return ""


def audit_chain_verify() -> VerifyReport:
    """Recompute the whole chain and compare its end with the chain head.

    Reveals an entry that was changed, removed or inserted out of order. A rewrite of the whole tail
    together with the head can only be caught against a copy of an earlier `last_hash` kept elsewhere,
    which is why `audit_verify` prints it.
    """
    expected_sequence = 1
    previous_hash = GENESIS_HASH
    previous_time: datetime | None = None
    for entry in AuditEntry.objects.order_by("sequence").iterator(chunk_size=VERIFY_CHUNK_SIZE):
        problem = _entry_problem(
            entry, expected_sequence=expected_sequence, previous_hash=previous_hash, previous_time=previous_time
        )
        if problem:
            return VerifyReport(
                ok=False,
                entries=expected_sequence - 1,
                last_hash=previous_hash,
                problem=problem,
                bad_sequence=entry.sequence,
            )
        expected_sequence = entry.sequence + 1
        previous_hash = entry.entry_hash
        previous_time = entry.occurred_at
    count = expected_sequence - 1
    head = AuditChainHead.objects.filter(pk=AuditChainHead.SINGLETON_ID).first()
    head_sequence, head_hash = (head.last_sequence, head.last_hash) if head else (0, GENESIS_HASH)
    if head is None and count:
        problem = "the chain head is missing: the end of the log cannot be checked"
    elif head_sequence > count:
        problem = (
            f"the log ends at entry #{count} but the chain head says #{head_sequence}: the last entries were removed"
        )
    elif head_sequence != count or head_hash != previous_hash:
        problem = f"the chain head (#{head_sequence}) does not match the last entry (#{count}): the end was rewritten"
    else:
        return VerifyReport(ok=True, entries=count, last_hash=previous_hash)
    return VerifyReport(ok=False, entries=count, last_hash=previous_hash, problem=problem, bad_sequence=count + 1)


@dataclass(frozen=True)
class FieldKeyUse:
    """How many stored values of one encrypted field use a key other than the current one."""

    field: str  # "<app label>.<Model>.<field>"
    outdated_by_key: dict[str, int]

    @property
    def outdated(self) -> int:
        return sum(self.outdated_by_key.values())


UNREADABLE_KEY_ID = "?"


def _outdated_by_key(model: type[models.Model], encrypted: EncryptedFieldMixin, key_id: str) -> dict[str, int]:
    tokens = (
        model._base_manager.annotate(**{CIPHERTEXT_ALIAS: stored_token(encrypted)})
        .filter(**{f"{CIPHERTEXT_ALIAS}__isnull": False})
        .exclude(**{f"{CIPHERTEXT_ALIAS}__startswith": token_prefix(key_id)})
        .values_list(CIPHERTEXT_ALIAS, flat=True)
    )
    counts: Counter[str] = Counter()
    for token in tokens.iterator(chunk_size=VERIFY_CHUNK_SIZE):
        try:
            counts[token_key_id(token)] += 1
        except DecryptionError:
            counts[UNREADABLE_KEY_ID] += 1
    return dict(counts)


def _blob_outdated_by_key(blob: EncryptedBlob, key_id: str) -> dict[str, int]:
    stored = (
        apps.get_model(blob.model)
        ._base_manager.exclude(**{f"{blob.field}__isnull": True})
        .values_list(blob.field, flat=True)
    )
    counts: Counter[str] = Counter()
    for value in stored.iterator(chunk_size=BLOB_CHUNK_SIZE):
        try:
            used = token_key_id(bytes(value))
        except DecryptionError:
            used = UNREADABLE_KEY_ID
        if used != key_id:
            counts[used] += 1
    return dict(counts)


# Whole files are read to see their key id: a small chunk keeps the memory bounded.
BLOB_CHUNK_SIZE = 20


def encrypted_values_key_use() -> list[FieldKeyUse]:
    """For every encrypted field and file column, the values not on the current key, per key id ("?": unreadable)."""
    key_id = current_key_id()
    return [
        *(
            FieldKeyUse(field=encrypted.location, outdated_by_key=_outdated_by_key(model, encrypted, key_id))
            for model, encrypted in encrypted_fields()
        ),
        *(
            FieldKeyUse(field=blob.location, outdated_by_key=_blob_outdated_by_key(blob, key_id))
            for blob in encrypted_blobs()
        ),
    ]


@dataclass(frozen=True)
class KeyCheckFailure:
    key_id: str
    unknown_key: bool  # True: the key is not configured; False: a key with this id is, but it is another key


def key_check_table_exists(*, using: str = DEFAULT_DB_ALIAS) -> bool:
    """False before the first migration, when checks and signals run against an empty database."""
    return KeyCheck._meta.db_table in connections[using].introspection.table_names()


def key_check_failures(*, using: str = DEFAULT_DB_ALIAS) -> list[KeyCheckFailure]:
    """The key checks that the configured keys cannot read back, one per key id."""
    if not key_check_table_exists(using=using):
        return []
    canary = cast(EncryptedFieldMixin, KeyCheck._meta.get_field("canary"))
    configured = key_ring().key_ids
    failures: dict[str, KeyCheckFailure] = {}
    tokens = KeyCheck.objects.using(using).annotate(**{CIPHERTEXT_ALIAS: stored_token(canary)})
    for token in tokens.values_list(CIPHERTEXT_ALIAS, flat=True):
        try:
            key_id = token_key_id(token)
        except DecryptionError:
            failures[UNREADABLE_KEY_ID] = KeyCheckFailure(key_id=UNREADABLE_KEY_ID, unknown_key=True)
            continue
        if key_id not in configured:
            failures[key_id] = KeyCheckFailure(key_id=key_id, unknown_key=True)
            continue
        try:
            readable = decrypt_token(token, associated_data=canary.associated_data) == KEY_CHECK_CANARY.encode()
        except DecryptionError:
            readable = False
        if not readable:
            failures[key_id] = KeyCheckFailure(key_id=key_id, unknown_key=False)
    return list(failures.values())
