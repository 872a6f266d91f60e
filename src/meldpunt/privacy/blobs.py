"""Encrypted file contents (binary columns written with `crypto.encrypt_bytes`), registered for key rotation.

Encrypted text fields are found from the models themselves; a file column is plain `BinaryField`, and its
associated data (what binds the bytes to their place) is known only to the app that wrote it. So each app
registers its file columns in its `AppConfig.ready()`, and `encryption_rotate` re-encrypts them too.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db import models


@dataclass(frozen=True)
class EncryptedBlob:
    model: str  # "<app label>.<Model>"
    field: str
    associated_data: Callable[[models.Model], bytes]
    related: tuple[str, ...] = ()  # what `associated_data` reads through foreign keys, loaded with the rows

    @property
    def location(self) -> str:
        return f"{self.model}.{self.field}"


_REGISTRY: dict[str, EncryptedBlob] = {}


def encrypted_blob_register(blob: EncryptedBlob) -> None:
    """Register a file column once (a second registration of the same column replaces the first)."""
    _REGISTRY[blob.location] = blob


def encrypted_blobs() -> tuple[EncryptedBlob, ...]:
    return tuple(_REGISTRY[location] for location in sorted(_REGISTRY))
