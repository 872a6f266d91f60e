"""The one place that answers "may this user do X (on this thing)?" (DESIGN.md, "People and roles").

The rules are pure: they read plain attributes of the user and of the object, so they are tested
with simple objects now and hold for the case, referral and school models that later issues add.
`may()` and `require()` are the entry point for views and services; they first refuse anyone who is
not fully signed in (anonymous, inactive, or without a verified second factor).

An action that concerns one object (a case, a referral) is only allowed when that object is passed:
`may(user, Action.CASE_VIEW_CONTENT)` without a case is False for everyone, so a view that forgets
the object fails closed. `actions_available()` answers the other question, "what can this role do at
all", for menus and the staff home page.
"""

from collections.abc import Callable, Mapping
from enum import StrEnum
from typing import Protocol, cast

from django.utils.translation import gettext as _

from meldpunt.accounts.constants import Role
from meldpunt.core.errors import PermissionDenied


class Action(StrEnum):
    CASE_VIEW_SUMMARY = "case.view_summary"
    CASE_VIEW_CONTENT = "case.view_content"
    CASE_ASSIGN = "case.assign"
    CASE_TRANSITION = "case.transition"
    CASE_MESSAGE_REPORTER = "case.message_reporter"
    SCHOOL_VIEW_SHARED = "school.view_shared"
    SCHOOL_RESPOND = "school.respond"
    REFERRAL_VIEW = "referral.view"
    REFERRAL_RESPOND = "referral.respond"
    STATS_VIEW = "stats.view"
    CAPACITY_VIEW = "capacity.view"
    CONTENT_EDIT = "content.edit"
    CONFIG_EDIT = "config.edit"
    USERS_MANAGE = "users.manage"
    ADMIN_ACCESS = "admin.access"


class CaseLike(Protocol):
    """What the case rules need from a case. The cases app's model satisfies it with its foreign keys."""

    @property
    def assigned_handler_id(self) -> int | None: ...

    @property
    def school_board_id(self) -> int | None: ...


class ReferralLike(Protocol):
    """What the referral rule needs: the network organisation the referral was made to."""

    @property
    def partner_id(self) -> int | None: ...


class Viewer(Protocol):
    """What the rules need from a signed-in staff member (the accounts User satisfies it)."""

    @property
    def pk(self) -> object: ...

    @property
    def role(self) -> str: ...

    @property
    def board_id(self) -> int | None: ...


Rule = Callable[[Viewer, object], bool]


def _always(viewer: Viewer, obj: object) -> bool:
    return True


def _assigned_to_viewer(viewer: Viewer, obj: object) -> bool:
    handler_id = getattr(obj, "assigned_handler_id", None)
    return handler_id is not None and handler_id == viewer.pk


def _case_of_viewers_board(viewer: Viewer, obj: object) -> bool:
    board_id = getattr(obj, "school_board_id", None)
    return board_id is not None and board_id == viewer.board_id


def _referral_to_viewers_partner(viewer: Viewer, obj: object) -> bool:
    # Partner accounts are linked to their network organisation (User.partner); a referral matches
    # only when it was made to that organisation.
    partner_id = getattr(obj, "partner_id", None)
    return partner_id is not None and partner_id == getattr(viewer, "partner_id", None)


# Rules that need the object; without it they answer False (fail closed).
_OBJECT_RULES = {_assigned_to_viewer, _case_of_viewers_board, _referral_to_viewers_partner}

# The role table. A missing entry means "never". Coordinators see the triage summary of every case
# but a case's content only when it is assigned to them, like any handler; analysts only aggregates;
# administrators configuration, content and users, and no case at all.
RULES: Mapping[str, Mapping[Action, Rule]] = {
    Role.COORDINATOR: {
        Action.CASE_VIEW_SUMMARY: _always,
        Action.CASE_ASSIGN: _always,
        Action.CASE_VIEW_CONTENT: _assigned_to_viewer,
        Action.CASE_TRANSITION: _assigned_to_viewer,
        Action.CASE_MESSAGE_REPORTER: _assigned_to_viewer,
        Action.STATS_VIEW: _always,
        Action.CAPACITY_VIEW: _always,
    },
    Role.HANDLER: {
        Action.CASE_VIEW_SUMMARY: _assigned_to_viewer,
        Action.CASE_VIEW_CONTENT: _assigned_to_viewer,
        Action.CASE_TRANSITION: _assigned_to_viewer,
        Action.CASE_MESSAGE_REPORTER: _assigned_to_viewer,
    },
    Role.SCHOOL_CONTACT: {
        Action.SCHOOL_VIEW_SHARED: _case_of_viewers_board,
        Action.SCHOOL_RESPOND: _case_of_viewers_board,
    },
    Role.PARTNER: {
        Action.REFERRAL_VIEW: _referral_to_viewers_partner,
        Action.REFERRAL_RESPOND: _referral_to_viewers_partner,
    },
    Role.ANALYST: {
        Action.STATS_VIEW: _always,
        Action.CAPACITY_VIEW: _always,
    },
    Role.ADMINISTRATOR: {
        Action.CONTENT_EDIT: _always,
        Action.CONFIG_EDIT: _always,
        Action.USERS_MANAGE: _always,
        Action.ADMIN_ACCESS: _always,
    },
}


def role_may(viewer: Viewer, action: Action, obj: object = None) -> bool:
    """The role table alone, for a viewer already known to be fully signed in."""
    rule = RULES.get(viewer.role, {}).get(action)
    if rule is None:
        return False
    if obj is None and rule in _OBJECT_RULES:
        return False
    return rule(viewer, obj)


def is_signed_in_staff(user: object) -> bool:
    """Authenticated, active, second factor verified in this session, and holding a known role."""
    if not getattr(user, "is_authenticated", False) or not getattr(user, "is_active", False):
        return False
    is_verified = getattr(user, "is_verified", None)
    if not callable(is_verified) or not is_verified():
        return False
    return getattr(user, "role", None) in Role.values


def may(user: object, action: Action, obj: object = None) -> bool:
    """May `user` (usually `request.user`) do `action`, on `obj` when the action concerns one object?"""
    if not is_signed_in_staff(user):
        return False
    return role_may(cast(Viewer, user), action, obj)


def require(user: object, action: Action, obj: object = None) -> None:
    """Like `may`, but raises PermissionDenied; for services that must not trust their caller."""
    if not may(user, action, obj):
        raise PermissionDenied(_("U mag dit niet doen."))


def actions_available(user: object) -> frozenset[Action]:
    """What the user's role allows in some scope: for menus and the home page, never for access."""
    if not is_signed_in_staff(user):
        return frozenset()
    return frozenset(RULES.get(getattr(user, "role", ""), {}))
