"""The wizard's progress in the visitor's session, encrypted: a session row is a database row too.

Two separate entries: the answers while the report is being made, and after sending the confirmation
(reference, the access code until it was shown and the receipt fetched). Both are sealed with AES-GCM
(privacy.crypto), so the session table never holds a description, an address or an access code in the
clear. A value that cannot be opened (a retired key, a tampered row) counts as no progress.
"""

from __future__ import annotations

import json
import secrets
from dataclasses import asdict, dataclass, field
from typing import Any

from django.contrib.sessions.backends.base import SessionBase

from meldpunt.privacy.crypto import DecryptionError, decrypt_token, encrypt_token

_PROGRESS_KEY = "intake.progress"
_CONFIRMATION_KEY = "intake.confirmation"
_PROGRESS_AD = b"intake.session.progress"
_CONFIRMATION_AD = b"intake.session.confirmation"


@dataclass
class Progress:
    draft: str = field(default_factory=lambda: secrets.token_urlsafe(32))  # names the server-side draft
    answers: dict[str, Any] = field(default_factory=dict)
    checking: bool = False  # the visitor has reached the check page: changes lead back there
    school_query: str = ""


@dataclass
class Confirmation:
    reference: str
    received_at: str  # ISO 8601, aware
    access_code: str | None  # kept for the first view and the one receipt download, then dropped
    code_shown: bool = False
    receipt_taken: bool = False
    pupil: bool = False
    email_given: bool = False
    acute_danger: bool = False


def _seal(session: SessionBase, key: str, associated_data: bytes, value: dict[str, Any]) -> None:
    session[key] = encrypt_token(json.dumps(value, separators=(",", ":")).encode(), associated_data=associated_data)


def _open(session: SessionBase, key: str, associated_data: bytes) -> dict[str, Any] | None:
    token = session.get(key)
    if not isinstance(token, str):
        return None
    try:
        value = json.loads(decrypt_token(token, associated_data=associated_data))
    except (DecryptionError, ValueError):
        return None
    return value if isinstance(value, dict) else None


def progress_load(session: SessionBase) -> Progress | None:
    value = _open(session, _PROGRESS_KEY, _PROGRESS_AD)
    if value is None:
        return None
    try:
        return Progress(**value)
    except TypeError:
        return None


def progress_save(session: SessionBase, progress: Progress) -> None:
    _seal(session, _PROGRESS_KEY, _PROGRESS_AD, asdict(progress))


def progress_clear(session: SessionBase) -> None:
    session.pop(_PROGRESS_KEY, None)


def confirmation_load(session: SessionBase) -> Confirmation | None:
    value = _open(session, _CONFIRMATION_KEY, _CONFIRMATION_AD)
    if value is None:
        return None
    try:
        return Confirmation(**value)
    except TypeError:
        return None


def confirmation_save(session: SessionBase, confirmation: Confirmation) -> None:
    _seal(session, _CONFIRMATION_KEY, _CONFIRMATION_AD, asdict(confirmation))
