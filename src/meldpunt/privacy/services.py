"""Writes of the privacy app: the audit log, key checks and key rotation."""

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, models, transaction
from django.db.models import TextField, Value
from django.utils import timezone

from meldpunt.privacy.actors import Actor
from meldpunt.privacy.blobs import EncryptedBlob, encrypted_blobs
from meldpunt.privacy.chain import GENESIS_HASH, EntryContent, entry_hash
from meldpunt.privacy.crypto import (
    DecryptionError,
    current_key_id,
    decrypt_bytes,
    decrypt_token,
    encrypt_bytes,
    encrypt_token,
    token_key_id,
    token_prefix,
)
from meldpunt.privacy.fields import CIPHERTEXT_ALIAS, EncryptedFieldMixin, encrypted_fields, stored_token
from meldpunt.privacy.models import KEY_CHECK_CANARY, AuditChainHead, AuditEntry, KeyCheck

ACTION_PATTERN = re.compile(r"[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+")
DETAILS_MAX_CHARS = 2000
ROTATION_FAILURES_KEPT = 10


def _chain_head_locked() -> AuditChainHead:
    """The chain head, locked until the surrounding transaction ends; recreated if it went missing.

    The head is created by migration 0002; it only disappears when the database is flushed (tests).
    Then it is rebuilt from the last entry, so appends continue the chain that is there.
    """
    head = AuditChainHead.objects.select_for_update().filter(pk=AuditChainHead.SINGLETON_ID).first()
    if head is not None:
        return head
    last = AuditEntry.objects.order_by("-sequence").first()
    try:
        # The savepoint lets a concurrent creator win without breaking our transaction.
        with transaction.atomic():
            AuditChainHead.objects.create(
                id=AuditChainHead.SINGLETON_ID,
                last_sequence=last.sequence if last else 0,
                last_hash=last.entry_hash if last else GENESIS_HASH,
                last_occurred_at=last.occurred_at if last else None,
            )
    except IntegrityError:
        pass
    return AuditChainHead.objects.select_for_update().get(pk=AuditChainHead.SINGLETON_ID)


def _details_normalised(details: Mapping[str, Any] | None) -> dict[str, Any]:
    """The details exactly as the JSON column returns them, so the hash matches after a round trip."""
    if details is None:
        return {}
    if not all(isinstance(key, str) for key in details):
        raise ValueError("Audit details need text keys.")
    serialised = json.dumps(dict(details), cls=DjangoJSONEncoder, sort_keys=True, allow_nan=False)
    if len(serialised) > DETAILS_MAX_CHARS:
        raise ValueError(f"Audit details are limited to {DETAILS_MAX_CHARS} characters of JSON: keep them small.")
    normalised: dict[str, Any] = json.loads(serialised)
    return normalised


@transaction.atomic
def audit_record(
    *,
    actor: Actor,
    action: str,
    obj: models.Model | None = None,
    reason: str = "",
    details: Mapping[str, Any] | None = None,
) -> AuditEntry:
    """Append one entry to the audit log and return it.

    `action` is a dotted code such as "case.read" or "case.assign". `reason` says why, in a few words,
    without case text or names. Runs in the caller's transaction when there is one: the entry is kept
    exactly when the work it records is, and the chain head stays locked until that transaction ends,
    so keep audited transactions short.
    """
    if not ACTION_PATTERN.fullmatch(action) or len(action) > 64:
        raise ValueError(f"An audit action is a dotted lower-case code such as 'case.read', not {action!r}.")
    if obj is not None and obj.pk is None:
        raise ValueError("An audited object must be saved (it has no primary key).")
    details_stored = _details_normalised(details)
    head = _chain_head_locked()
    # The time is taken while holding the lock and never runs backwards, so the log is in time order
    # even when the clocks of two application servers differ a little.
    now = timezone.now()
    occurred_at = max(now, head.last_occurred_at) if head.last_occurred_at else now
    app_label, model_name, object_pk = AuditEntry.object_identity(obj) if obj is not None else ("", "", "")
    content = EntryContent(
        sequence=head.last_sequence + 1,
        occurred_at=occurred_at,
        actor_id=actor.user.pk if actor.user is not None else None,
        actor_kind=str(actor.kind),
        actor_ref=actor.ref,
        action=action,
        object_app_label=app_label,
        object_model=model_name,
        object_pk=object_pk,
        reason=reason.strip(),
        details=details_stored,
    )
    entry = AuditEntry(
        sequence=content.sequence,
        occurred_at=content.occurred_at,
        actor_id=content.actor_id,
        actor_kind=content.actor_kind,
        actor_ref=content.actor_ref,
        action=content.action,
        object_app_label=content.object_app_label,
        object_model=content.object_model,
        object_pk=content.object_pk,
        reason=content.reason,
        details=content.details,
        previous_hash=head.last_hash,
        entry_hash=entry_hash(content, previous_hash=head.last_hash),
    )
    # The actor's existence is the database's job (foreign key), and uniqueness follows from the lock.
    entry.full_clean(exclude=["actor"], validate_unique=False, validate_constraints=False)
    entry.save()
    head.last_sequence = entry.sequence
    head.last_hash = entry.entry_hash
    head.last_occurred_at = entry.occurred_at
    head.save(update_fields=["last_sequence", "last_hash", "last_occurred_at"])
    return entry


def audit_read(
    *, actor: Actor, obj: models.Model, reason: str = "", details: Mapping[str, Any] | None = None
) -> AuditEntry:
    """Record that `actor` saw `obj`. Every selector that returns case data calls this."""
    _, model_name, _ = AuditEntry.object_identity(obj)
    return audit_record(actor=actor, action=f"{model_name}.read", obj=obj, reason=reason, details=details)


@transaction.atomic
def key_check_ensure() -> KeyCheck:
    """Make sure the current key has a key check row; run after every migrate and before a rotation."""
    key_check, _ = KeyCheck.objects.get_or_create(key_id=current_key_id(), defaults={"canary": KEY_CHECK_CANARY})
    return key_check


@dataclass(frozen=True)
class FieldRotation:
    """What a rotation did to one encrypted field."""

    field: str  # "<app label>.<Model>.<field>"
    rotated: int
    changed_meanwhile: int  # rewritten by someone else during the run: already on the current key
    failed_pks: tuple[str, ...]  # undecryptable values (at most ROTATION_FAILURES_KEPT are named)
    failed: int


@dataclass(frozen=True)
class RotationReport:
    current_key_id: str
    fields: tuple[FieldRotation, ...]

    @property
    def rotated(self) -> int:
        return sum(field.rotated for field in self.fields)

    @property
    def failed(self) -> int:
        return sum(field.failed for field in self.fields)


def _field_rotate(
    model: type[models.Model], field: EncryptedFieldMixin, *, key_id: str, batch_size: int
) -> FieldRotation:
    manager = model._base_manager
    outdated = (
        manager.annotate(**{CIPHERTEXT_ALIAS: stored_token(field)})
        .filter(**{f"{CIPHERTEXT_ALIAS}__isnull": False})
        .exclude(**{f"{CIPHERTEXT_ALIAS}__startswith": token_prefix(key_id)})
        .order_by("pk")
    )
    rotated = changed = failed = 0
    failed_pks: list[str] = []
    last_pk: Any = None
    while True:
        page = outdated if last_pk is None else outdated.filter(pk__gt=last_pk)
        batch = list(page.values_list("pk", CIPHERTEXT_ALIAS)[:batch_size])
        if not batch:
            break
        last_pk = batch[-1][0]
        with transaction.atomic():
            for pk, token in batch:
                try:
                    plaintext = decrypt_token(token, associated_data=field.associated_data)
                except DecryptionError:
                    failed += 1
                    if len(failed_pks) < ROTATION_FAILURES_KEPT:
                        failed_pks.append(str(pk))
                    continue
                new_token = encrypt_token(plaintext, associated_data=field.associated_data)
                # Only where the stored token is still the one we read: a concurrent write wins.
                updated = (
                    manager.alias(**{CIPHERTEXT_ALIAS: stored_token(field)})
                    .filter(pk=pk, **{CIPHERTEXT_ALIAS: token})
                    .update(**{field.attname: Value(new_token, output_field=TextField())})
                )
                if updated:
                    rotated += 1
                else:
                    changed += 1
    return FieldRotation(
        field=field.location, rotated=rotated, changed_meanwhile=changed, failed_pks=tuple(failed_pks), failed=failed
    )


# File contents are read whole: a smaller batch keeps the memory of one transaction bounded.
BLOB_BATCH_SIZE = 20


def _blob_rotate(blob: EncryptedBlob, *, key_id: str, batch_size: int) -> FieldRotation:
    model = apps.get_model(blob.model)
    manager = model._base_manager
    rows = manager.select_related(*blob.related).exclude(**{f"{blob.field}__isnull": True}).order_by("pk")
    rotated = changed = failed = 0
    failed_pks: list[str] = []
    last_pk: Any = None
    while True:
        page = list((rows if last_pk is None else rows.filter(pk__gt=last_pk))[: min(batch_size, BLOB_BATCH_SIZE)])
        if not page:
            break
        last_pk = page[-1].pk
        with transaction.atomic():
            for row in page:
                stored = bytes(getattr(row, blob.field))
                try:
                    if token_key_id(stored) == key_id:
                        continue
                    plaintext = decrypt_bytes(stored, associated_data=blob.associated_data(row))
                except DecryptionError:
                    failed += 1
                    if len(failed_pks) < ROTATION_FAILURES_KEPT:
                        failed_pks.append(str(row.pk))
                    continue
                new_blob = encrypt_bytes(plaintext, associated_data=blob.associated_data(row))
                # Only where the stored bytes are still the ones we read: a concurrent write wins.
                if manager.filter(pk=row.pk, **{blob.field: stored}).update(**{blob.field: new_blob}):
                    rotated += 1
                else:
                    changed += 1
    return FieldRotation(
        field=blob.location, rotated=rotated, changed_meanwhile=changed, failed_pks=tuple(failed_pks), failed=failed
    )


def encrypted_values_rotate(*, batch_size: int = 500) -> RotationReport:
    """Re-encrypt, under the current key, every stored value (and registered file column) on an older key.

    Safe while the application runs: each batch is one transaction and each row is rewritten only if
    it still holds the token that was read, so a concurrent write (already under the current key) is
    never overwritten. Running it again finds nothing left to do. Values that cannot be decrypted are
    counted and named by primary key, and left as they are.
    """
    if batch_size < 1:
        raise ValueError("The batch size must be at least 1.")
    key_check_ensure()
    key_id = current_key_id()
    return RotationReport(
        current_key_id=key_id,
        fields=(
            *(_field_rotate(model, field, key_id=key_id, batch_size=batch_size) for model, field in encrypted_fields()),
            *(_blob_rotate(blob, key_id=key_id, batch_size=batch_size) for blob in encrypted_blobs()),
        ),
    )
