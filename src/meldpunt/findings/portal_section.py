"""What this app shows the reporter on the portal's case page (see portal.sections): where the findings stand."""

from django.utils.translation import gettext as _

from meldpunt.cases.models import Case
from meldpunt.findings.constants import Side
from meldpunt.findings.selectors import findings_stage_for_side
from meldpunt.portal.sections import PortalSection
from meldpunt.portal.visitors import Visitor


def reporter_section(*, case: Case, visitor: Visitor) -> PortalSection | None:
    stage = findings_stage_for_side(case=case, side=Side.REPORTER, actor=visitor.actor)
    if stage is None:
        return None
    return PortalSection(
        anchor="bevindingen",
        title=_("Bevindingen"),
        template="findings/portal_section.html",
        context={"stage": stage},
    )
