"""The referral the handler is previewing, kept in their session between the form and "Send".

Sealed with AES-GCM like the intake wizard's progress (ADR 0005): a session row is a database row,
and the summary may say a lot about a child. Bound to the case and the handler, so a draft never
leaks into another case's preview.
"""

import json

from django.contrib.sessions.backends.base import SessionBase

from meldpunt.privacy.crypto import DecryptionError, decrypt_token, encrypt_token
from meldpunt.referrals.selectors import ReferralInput

_KEY = "referrals.draft"


def _associated_data(reference: str, user_id: int) -> bytes:
    return f"referrals.draft:{reference}:{user_id}".encode()


def draft_save(session: SessionBase, *, reference: str, user_id: int, data: ReferralInput) -> None:
    payload = json.dumps(data.as_dict(), separators=(",", ":")).encode()
    session[_KEY] = encrypt_token(payload, associated_data=_associated_data(reference, user_id))


def draft_load(session: SessionBase, *, reference: str, user_id: int) -> ReferralInput | None:
    """The draft for this case and handler; None when there is none or it belongs elsewhere."""
    token = session.get(_KEY)
    if not isinstance(token, str):
        return None
    try:
        value = json.loads(decrypt_token(token, associated_data=_associated_data(reference, user_id)))
    except (DecryptionError, ValueError):
        return None
    return ReferralInput.from_dict(value)


def draft_clear(session: SessionBase) -> None:
    session.pop(_KEY, None)
