"""What this app shows the reporter on the portal's case page (see portal.sections)."""

from meldpunt.cases.models import Case
from meldpunt.portal.sections import PortalSection
from meldpunt.portal.visitors import Visitor


def reporter_section(*, case: Case, visitor: Visitor) -> PortalSection | None:
    return None
