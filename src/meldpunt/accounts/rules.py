"""Rules about staff accounts that need no database."""

from django.utils.translation import gettext as _

from meldpunt.accounts.constants import Role
from meldpunt.core.errors import MeldpuntError


def check_role_and_board(*, role: str, has_board: bool) -> None:
    """A school contact acts for exactly one school board; nobody else belongs to a board."""
    if role not in Role.values:
        raise MeldpuntError(_("Kies een rol."), field="role")
    if role == Role.SCHOOL_CONTACT and not has_board:
        raise MeldpuntError(_("Kies het schoolbestuur van deze contactpersoon."), field="board")
    if role != Role.SCHOOL_CONTACT and has_board:
        raise MeldpuntError(_("Alleen een contactpersoon van een school hoort bij een schoolbestuur."), field="board")


def check_role_and_partner(*, role: str, has_partner: bool) -> None:
    """A partner acts for exactly one network organisation; nobody else belongs to one."""
    if role == Role.PARTNER and not has_partner:
        raise MeldpuntError(_("Kies de organisatie van deze partner."), field="partner")
    if role != Role.PARTNER and has_partner:
        raise MeldpuntError(_("Alleen een partner hoort bij een organisatie uit het netwerk."), field="partner")
