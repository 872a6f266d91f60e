"""What this app shows the reporter on the portal's case page (see portal.sections): which organisations
got what about them, on what basis, what came of it, and when each organisation opened it."""

from django.utils.translation import gettext as _

from meldpunt.cases.models import Case
from meldpunt.portal.sections import PortalSection
from meldpunt.portal.visitors import Visitor
from meldpunt.referrals.selectors import reporter_referrals


def reporter_section(*, case: Case, visitor: Visitor) -> PortalSection | None:
    # A support person reads along but never sees a buddy's access code: handing out access is the reporter's.
    referrals = reporter_referrals(case=case, show_invitation=not visitor.read_only)
    if not referrals:
        return None
    return PortalSection(
        anchor="doorverwijzingen",
        title=_("Doorverwijzingen"),
        template="referrals/portal_section.html",
        context={"referrals": referrals},
    )
