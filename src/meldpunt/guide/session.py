"""The guide's answers in the visitor's session, encrypted (like the intake's progress, ADR 0005).

The answers never go into a table of their own: they live in the session, which expires after the idle
time, and are sealed with AES-GCM because a session row is a database row too. A value that cannot be
opened (a retired key, a tampered row) counts as no answers.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field

from django.contrib.sessions.backends.base import SessionBase

from meldpunt.privacy.crypto import DecryptionError, decrypt_token, encrypt_token

_KEY = "guide.answers"
_AD = b"guide.session.answers"


@dataclass
class GuideProgress:
    answers: dict[str, list[str]] = field(default_factory=dict)  # question id → option codes
    reached_advice: bool = False  # after the advice, a changed answer leads straight back to it


def guide_progress_load(session: SessionBase) -> GuideProgress:
    token = session.get(_KEY)
    if not isinstance(token, str):
        return GuideProgress()
    try:
        value = json.loads(decrypt_token(token, associated_data=_AD))
    except (DecryptionError, ValueError):
        return GuideProgress()
    if not isinstance(value, dict) or not isinstance(value.get("answers"), dict):
        return GuideProgress()
    answers = {
        str(key): [str(code) for code in codes] for key, codes in value["answers"].items() if isinstance(codes, list)
    }
    return GuideProgress(answers=answers, reached_advice=value.get("reached_advice") is True)


def guide_progress_save(session: SessionBase, progress: GuideProgress) -> None:
    plain = json.dumps(asdict(progress), separators=(",", ":")).encode()
    session[_KEY] = encrypt_token(plain, associated_data=_AD)


def guide_progress_clear(session: SessionBase) -> None:
    session.pop(_KEY, None)
