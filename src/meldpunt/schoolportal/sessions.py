"""Who looks at the school portal: a signed-in school contact, or a browser bound to one request by a link.

A school contact signs in on /medewerkers/ with a password and a second factor, like all staff. A
board without an account redeems a single-use link with a code; the session then holds only that
link's id (renewed at redemption, against session fixation) and opens only that link's request.
"""

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from meldpunt.accounts.constants import Role
from meldpunt.accounts.models import User
from meldpunt.accounts.permissions import is_signed_in_staff
from meldpunt.investigations.models import SchoolAccessLink
from meldpunt.investigations.selectors.shared import SchoolVisitor
from meldpunt.schoolportal.selectors import link_visitor

LINK_KEY = "schoolportal_link_id"
TOKEN_KEY = "schoolportal_link_token"  # noqa: S105 (a session key's name, not a secret)


def school_visitor(request: HttpRequest) -> SchoolVisitor | None:
    """The visitor, or None when nobody is signed in for the school portal. Other staff get PermissionDenied."""
    user = request.user
    if is_signed_in_staff(user):
        assert isinstance(user, User)
        if user.role != Role.SCHOOL_CONTACT:
            raise PermissionDenied
        return SchoolVisitor(user=user)
    link_id = request.session.get(LINK_KEY)
    if not isinstance(link_id, int):
        return None
    visitor = link_visitor(link_id=link_id)
    if visitor is None:
        link_session_end(request)
    return visitor


def link_token_keep(request: HttpRequest, token: str) -> None:
    """Keep the token from the emailed link until the code is typed; the address bar then shows no secret."""
    request.session[TOKEN_KEY] = token[:200]


def link_token(request: HttpRequest) -> str:
    token = request.session.get(TOKEN_KEY)
    return token if isinstance(token, str) else ""


def link_session_start(request: HttpRequest, link: SchoolAccessLink) -> None:
    request.session.pop(TOKEN_KEY, None)
    request.session.cycle_key()
    request.session[LINK_KEY] = link.pk


def link_session_end(request: HttpRequest) -> None:
    request.session.pop(LINK_KEY, None)
    request.session.pop(TOKEN_KEY, None)
    request.session.cycle_key()
