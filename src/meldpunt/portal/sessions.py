"""The portal's web session: which case (and which support person) a browser is signed in for.

The session key is renewed at sign-in, the session ends after `SESSION_COOKIE_AGE` seconds without a
request (idle timeout, checked here as well as by the session store), and signing out forgets it.
"""

import time
from enum import Enum

from django.conf import settings
from django.http import HttpRequest

from meldpunt.portal.selectors import visitor_find
from meldpunt.portal.visitors import Visitor

CASE_KEY = "portal_case_id"
SUPPORT_KEY = "portal_support_id"
SEEN_KEY = "portal_seen_at"
_KEYS = (CASE_KEY, SUPPORT_KEY, SEEN_KEY)


class SessionState(Enum):
    SIGNED_IN = "signed_in"
    SIGNED_OUT = "signed_out"
    IDLE = "idle"  # was signed in, but waited too long


def visitor_session_start(request: HttpRequest, visitor: Visitor) -> None:
    for key in _KEYS:
        request.session.pop(key, None)
    # A new session key at sign-in: a key planted before it (session fixation) is worth nothing.
    request.session.cycle_key()
    request.session[CASE_KEY] = visitor.case.pk
    request.session[SUPPORT_KEY] = visitor.support_id
    request.session[SEEN_KEY] = int(time.time())


def visitor_session_end(request: HttpRequest) -> None:
    for key in _KEYS:
        request.session.pop(key, None)
    request.session.cycle_key()


def session_visitor(request: HttpRequest) -> tuple[Visitor | None, SessionState]:
    """The signed-in visitor, renewing the idle clock; ends the session when it has been idle too long."""
    case_id = request.session.get(CASE_KEY)
    if not isinstance(case_id, int):
        # The browser sent a session cookie the store no longer knows: it expired while idle.
        expired = settings.SESSION_COOKIE_NAME in request.COOKIES and request.session.session_key is None
        return None, SessionState.IDLE if expired else SessionState.SIGNED_OUT
    seen_at = request.session.get(SEEN_KEY, 0)
    now = int(time.time())
    if not isinstance(seen_at, int) or now - seen_at > settings.SESSION_COOKIE_AGE:
        visitor_session_end(request)
        return None, SessionState.IDLE
    visitor = visitor_find(case_id=case_id, support_id=str(request.session.get(SUPPORT_KEY) or ""))
    if visitor is None:
        visitor_session_end(request)
        return None, SessionState.SIGNED_OUT
    request.session[SEEN_KEY] = now
    return visitor, SessionState.SIGNED_IN
