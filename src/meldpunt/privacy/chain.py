"""The audit log's hash chain: each entry's hash covers its content and the hash of the entry before it.

Pure: no database. Changing this serialisation breaks verification of every stored entry: it carries
CHAIN_VERSION and must never change without a new version that verification understands.
"""

import hashlib
import json
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from typing import Any

CHAIN_VERSION = 1
# The "entry before the first entry".
GENESIS_HASH = "0" * 64


@dataclass(frozen=True)
class EntryContent:
    """Everything an audit entry says, in the form its hash covers."""

    sequence: int
    occurred_at: datetime
    actor_id: int | None
    actor_kind: str
    actor_ref: str
    action: str
    object_app_label: str
    object_model: str
    object_pk: str
    reason: str
    details: dict[str, Any]


def canonical_bytes(content: EntryContent, *, previous_hash: str) -> bytes:
    """One byte string per content: sorted keys, no whitespace, UTC time to the microsecond."""
    if content.occurred_at.tzinfo is None:
        raise ValueError("An audit entry's time must be aware.")
    fields = asdict(content)
    fields["occurred_at"] = content.occurred_at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    fields["previous_hash"] = previous_hash
    fields["chain_version"] = CHAIN_VERSION
    return json.dumps(fields, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False).encode()


def entry_hash(content: EntryContent, *, previous_hash: str) -> str:
    return hashlib.sha256(canonical_bytes(content, previous_hash=previous_hash)).hexdigest()
