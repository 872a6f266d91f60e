"""AES-256-GCM encryption of values at rest with versioned keys (docs/adr/0004-encryption-scheme.md).

A text value is stored as the token `v1.<key id>.<base64url(nonce | ciphertext | tag)>`; file bytes as
`v1.<key id>.` followed by the raw nonce, ciphertext and tag. Every value gets a fresh 96-bit nonce. The
associated data binds a ciphertext to its place (for a model field: "<app label>.<Model>.<field>"), so a
value copied into another column, or another file's slot, fails to decrypt instead of reading as valid.
"""

import base64
import binascii
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.signals import setting_changed

FORMAT_VERSION = "v1"
KEY_BYTES = 32
NONCE_BYTES = 12
TAG_BYTES = 16
KEY_ID_PATTERN = re.compile(r"[A-Za-z0-9_-]{1,32}")
SETTING_NAME = "MELDPUNT_ENCRYPTION_KEYS"
KEY_FORMAT = "'<key id>:<base64 of 32 bytes>'"


class DecryptionError(Exception):
    """A stored value cannot be decrypted: unknown key, altered bytes, or a value from another place.

    Not a MeldpuntError: it is never the user's doing, so it must surface as a server error, not as a
    message on a form. The message names the cause and never holds plaintext or key material.
    """


@dataclass(frozen=True, eq=False)
class KeyRing:
    """The configured keys: `current_id` encrypts, every key in `ciphers` decrypts."""

    current_id: str
    ciphers: Mapping[str, AESGCM]

    @property
    def key_ids(self) -> tuple[str, ...]:
        return tuple(self.ciphers)


def parse_key_ring(raw: str) -> KeyRing:
    """Parse `"<key id>:<base64 of 32 bytes>,..."`; the first key is the current one.

    Error messages name the entry's position or key id, never the key itself.
    """
    entries = [entry.strip() for entry in raw.split(",")]
    if not any(entries):
        raise ImproperlyConfigured(f"{SETTING_NAME} is empty: give at least one key as {KEY_FORMAT}.")
    ciphers: dict[str, AESGCM] = {}
    for position, entry in enumerate(entries, start=1):
        key_id, separator, encoded = (part.strip() for part in entry.partition(":"))
        if not separator or not KEY_ID_PATTERN.fullmatch(key_id):
            raise ImproperlyConfigured(
                f"{SETTING_NAME} entry {position} is malformed: expected {KEY_FORMAT}, where the key id has "
                "1 to 32 letters, digits, '-' or '_'."
            )
        try:
            key = base64.b64decode(encoded, validate=True)
        except binascii.Error as exc:
            raise ImproperlyConfigured(f"{SETTING_NAME}: key '{key_id}' is not valid base64.") from exc
        if len(key) != KEY_BYTES:
            raise ImproperlyConfigured(
                f"{SETTING_NAME}: key '{key_id}' is {len(key)} bytes; AES-256 needs exactly {KEY_BYTES}. Make one "
                "with: python -c 'import base64, os; print(base64.b64encode(os.urandom(32)).decode())'"
            )
        if key_id in ciphers:
            raise ImproperlyConfigured(f"{SETTING_NAME}: key id '{key_id}' appears more than once.")
        ciphers[key_id] = AESGCM(key)
    return KeyRing(current_id=next(iter(ciphers)), ciphers=ciphers)


class _KeyRingCache:
    """Parsed once per process; forgotten when a test changes the setting."""

    ring: KeyRing | None = None


def key_ring() -> KeyRing:
    if _KeyRingCache.ring is None:
        _KeyRingCache.ring = parse_key_ring(settings.ENCRYPTION_KEYS)
    return _KeyRingCache.ring


def _forget_key_ring(*, setting: str, **kwargs: Any) -> None:
    if setting == "ENCRYPTION_KEYS":
        _KeyRingCache.ring = None


setting_changed.connect(_forget_key_ring, dispatch_uid="meldpunt.privacy.crypto.forget_key_ring")


def current_key_id() -> str:
    return key_ring().current_id


def _full_associated_data(key_id: str, associated_data: bytes) -> bytes:
    # The version and key id are part of what the tag protects, so a header cannot be rewritten.
    return f"meldpunt/{FORMAT_VERSION}/{key_id}/".encode() + associated_data


def _seal(plaintext: bytes, associated_data: bytes) -> tuple[str, bytes]:
    ring = key_ring()
    nonce = os.urandom(NONCE_BYTES)
    sealed = ring.ciphers[ring.current_id].encrypt(
        nonce, plaintext, _full_associated_data(ring.current_id, associated_data)
    )
    return ring.current_id, nonce + sealed


def _open(key_id: str, body: bytes, associated_data: bytes) -> bytes:
    cipher = key_ring().ciphers.get(key_id)
    if cipher is None:
        raise DecryptionError(
            f"it was encrypted with key '{key_id}', which is not in {SETTING_NAME} (was it removed too early?)"
        )
    if len(body) < NONCE_BYTES + TAG_BYTES:
        raise DecryptionError("it is too short to be an encrypted value")
    try:
        return cipher.decrypt(body[:NONCE_BYTES], body[NONCE_BYTES:], _full_associated_data(key_id, associated_data))
    except InvalidTag as exc:
        raise DecryptionError(
            f"authentication failed: the value was altered, belongs to another field or file, or key '{key_id}' "
            "is not the key that encrypted it"
        ) from exc


def encrypt_token(plaintext: bytes, *, associated_data: bytes) -> str:
    """Encrypt under the current key into a compact text token."""
    key_id, body = _seal(plaintext, associated_data)
    encoded = base64.urlsafe_b64encode(body).rstrip(b"=").decode("ascii")
    return token_prefix(key_id) + encoded


def _split_header(value: str | bytes) -> tuple[str, bytes]:
    """The key id and the body of a token or blob; DecryptionError when it is neither."""
    raw = value.encode("ascii", errors="replace") if isinstance(value, str) else value
    version, _, rest = raw.partition(b".")
    key_id, separator, body = rest.partition(b".")
    key_id_text = key_id.decode("ascii", errors="replace")
    if version != FORMAT_VERSION.encode() or not separator or not KEY_ID_PATTERN.fullmatch(key_id_text):
        raise DecryptionError(f"it is not an encrypted value of format {FORMAT_VERSION}")
    return key_id_text, body


def token_prefix(key_id: str) -> str:
    """How every text token encrypted under `key_id` starts."""
    return f"{FORMAT_VERSION}.{key_id}."


def token_key_id(value: str | bytes) -> str:
    """The id of the key that encrypted a token or blob (the header is not secret)."""
    return _split_header(value)[0]


def decrypt_token(token: str, *, associated_data: bytes) -> bytes:
    key_id, encoded = _split_header(token)
    try:
        body = base64.urlsafe_b64decode(encoded + b"=" * (-len(encoded) % 4))
    except (binascii.Error, ValueError) as exc:
        raise DecryptionError("it is not valid base64url") from exc
    # Refuse a second spelling of the same bytes (spare bits set in the last character): one value, one token.
    if base64.urlsafe_b64encode(body).rstrip(b"=") != encoded:
        raise DecryptionError("it is not valid base64url")
    return _open(key_id, body, associated_data)


def encrypt_bytes(data: bytes, *, associated_data: bytes) -> bytes:
    """Encrypt file contents. Pass associated data that names the file's place, e.g. b"cases.Attachment:<uuid>"."""
    key_id, body = _seal(data, associated_data)
    return f"{FORMAT_VERSION}.{key_id}.".encode("ascii") + body


def decrypt_bytes(blob: bytes, *, associated_data: bytes) -> bytes:
    key_id, body = _split_header(blob)
    return _open(key_id, body, associated_data)
