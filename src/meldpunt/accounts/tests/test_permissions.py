"""The role table of DESIGN.md ("People and roles"), every role against every action."""

from dataclasses import dataclass

import pytest
from django.contrib.auth.models import AnonymousUser

from meldpunt.accounts.constants import Role
from meldpunt.accounts.permissions import Action, actions_available, may, require
from meldpunt.core.errors import PermissionDenied

VIEWER_ID, BOARD_ID, PARTNER_ID = 7, 30, 50


@dataclass(frozen=True)
class Case:
    assigned_handler_id: int | None
    school_board_id: int | None


@dataclass(frozen=True)
class Referral:
    partner_id: int | None


@dataclass
class Viewer:
    role: str
    pk: int = VIEWER_ID
    board_id: int | None = BOARD_ID
    partner_id: int | None = PARTNER_ID
    is_active: bool = True
    is_authenticated: bool = True
    verified: bool = True

    def is_verified(self) -> bool:
        return self.verified


# "all": allowed for every object; "own": only for the viewer's own object (assigned to them, their
# board's case, a referral to their organisation), never without an object; None: never.
ALL, OWN, NO = "all", "own", None
C, H, S, P, AN, AD = (
    Role.COORDINATOR,
    Role.HANDLER,
    Role.SCHOOL_CONTACT,
    Role.PARTNER,
    Role.ANALYST,
    Role.ADMINISTRATOR,
)
TABLE = {
    Action.CASE_VIEW_SUMMARY: {C: ALL, H: OWN, S: NO, P: NO, AN: NO, AD: NO},
    Action.CASE_VIEW_CONTENT: {C: OWN, H: OWN, S: NO, P: NO, AN: NO, AD: NO},
    Action.CASE_ASSIGN: {C: ALL, H: NO, S: NO, P: NO, AN: NO, AD: NO},
    Action.CASE_TRANSITION: {C: OWN, H: OWN, S: NO, P: NO, AN: NO, AD: NO},
    Action.CASE_MESSAGE_REPORTER: {C: OWN, H: OWN, S: NO, P: NO, AN: NO, AD: NO},
    Action.SCHOOL_VIEW_SHARED: {C: NO, H: NO, S: OWN, P: NO, AN: NO, AD: NO},
    Action.SCHOOL_RESPOND: {C: NO, H: NO, S: OWN, P: NO, AN: NO, AD: NO},
    Action.REFERRAL_VIEW: {C: NO, H: NO, S: NO, P: OWN, AN: NO, AD: NO},
    Action.REFERRAL_RESPOND: {C: NO, H: NO, S: NO, P: OWN, AN: NO, AD: NO},
    Action.STATS_VIEW: {C: ALL, H: NO, S: NO, P: NO, AN: ALL, AD: NO},
    Action.CAPACITY_VIEW: {C: ALL, H: NO, S: NO, P: NO, AN: ALL, AD: NO},
    Action.CONTENT_EDIT: {C: NO, H: NO, S: NO, P: NO, AN: NO, AD: ALL},
    Action.CONFIG_EDIT: {C: NO, H: NO, S: NO, P: NO, AN: NO, AD: ALL},
    Action.USERS_MANAGE: {C: NO, H: NO, S: NO, P: NO, AN: NO, AD: ALL},
    Action.ADMIN_ACCESS: {C: NO, H: NO, S: NO, P: NO, AN: NO, AD: ALL},
}
REFERRAL_ACTIONS = {Action.REFERRAL_VIEW, Action.REFERRAL_RESPOND}


def own_and_other(action: Action) -> tuple[object, object]:
    if action in REFERRAL_ACTIONS:
        return Referral(partner_id=PARTNER_ID), Referral(partner_id=PARTNER_ID + 1)
    return (
        Case(assigned_handler_id=VIEWER_ID, school_board_id=BOARD_ID),
        Case(assigned_handler_id=VIEWER_ID + 1, school_board_id=BOARD_ID + 1),
    )


CELLS = [(role, action, TABLE[action][role]) for action in Action for role in Role]


def test_table_covers_every_role_and_action():
    """Every action has a row, and every row names every role."""
    assert set(TABLE) == set(Action)
    assert all(set(row) == set(Role) for row in TABLE.values())


@pytest.mark.parametrize(("role", "action", "scope"), CELLS, ids=[f"{r.value}-{a.value}" for r, a, _ in CELLS])
def test_role_table(role, action, scope):
    """Each role may do exactly what DESIGN.md grants it, and only on its own objects where scoped."""
    viewer = Viewer(role=role)
    own, other = own_and_other(action)
    outcome = (may(viewer, action), may(viewer, action, own), may(viewer, action, other))
    expected = {ALL: (True, True, True), OWN: (False, True, False), NO: (False, False, False)}[scope]
    assert outcome == expected


@pytest.mark.parametrize("action", list(Action))
def test_anonymous_may_do_nothing(action):
    """Someone who is not signed in may do nothing at all."""
    own, _other = own_and_other(action)
    assert not may(AnonymousUser(), action)
    assert not may(AnonymousUser(), action, own)


@pytest.mark.parametrize("role", list(Role))
def test_password_alone_allows_nothing(role):
    """Without a verified second factor in this session, no role may do anything."""
    viewer = Viewer(role=role, verified=False)
    assert all(not may(viewer, action, own_and_other(action)[0]) for action in Action)
    assert all(not may(viewer, action) for action in Action)
    assert actions_available(viewer) == frozenset()


@pytest.mark.parametrize("role", list(Role))
def test_inactive_account_may_do_nothing(role):
    """A deactivated staff member may do nothing, even with a verified session."""
    viewer = Viewer(role=role, is_active=False)
    assert all(not may(viewer, action, own_and_other(action)[0]) for action in Action)


def test_user_without_otp_state_may_do_nothing():
    """A user object that did not come through the OTP middleware counts as unverified."""

    @dataclass
    class Bare:
        role: str = Role.ADMINISTRATOR
        pk: int = 1
        board_id: None = None
        is_active: bool = True
        is_authenticated: bool = True

    assert not may(Bare(), Action.ADMIN_ACCESS)


def test_unknown_role_may_do_nothing():
    """An account without one of the known roles (e.g. made with createsuperuser) gets nothing."""
    assert all(not may(Viewer(role=""), action) for action in Action)


def test_school_contact_without_board_sees_no_case_without_board():
    """A case with no known school board is never shared with a school contact lacking a board."""
    viewer = Viewer(role=Role.SCHOOL_CONTACT, board_id=None)
    assert not may(viewer, Action.SCHOOL_VIEW_SHARED, Case(assigned_handler_id=None, school_board_id=None))


def test_unassigned_case_content_is_hidden_from_everyone():
    """A case nobody is assigned to shows its content to no coordinator or handler."""
    unassigned = Case(assigned_handler_id=None, school_board_id=BOARD_ID)
    assert not may(Viewer(role=Role.COORDINATOR), Action.CASE_VIEW_CONTENT, unassigned)
    assert not may(Viewer(role=Role.HANDLER), Action.CASE_VIEW_CONTENT, unassigned)
    assert may(Viewer(role=Role.COORDINATOR), Action.CASE_VIEW_SUMMARY, unassigned)


def test_require_raises_the_domain_error():
    """`require` turns a refusal into PermissionDenied, a MeldpuntError with a message to show."""
    require(Viewer(role=Role.ANALYST), Action.STATS_VIEW)
    with pytest.raises(PermissionDenied) as info:
        require(Viewer(role=Role.ANALYST), Action.CASE_VIEW_SUMMARY, own_and_other(Action.CASE_VIEW_SUMMARY)[0])
    assert info.value.message


@pytest.mark.parametrize("role", list(Role))
def test_actions_available_lists_the_roles_row(role):
    """The home page's list of what a role can do matches the table."""
    expected = {action for action in Action if TABLE[action][role] is not NO}
    assert actions_available(Viewer(role=role)) == expected
