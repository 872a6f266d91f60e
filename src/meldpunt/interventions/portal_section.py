"""What this app shows the reporter on the portal's case page (see portal.sections): the action plan in short."""

from django.utils.translation import gettext as _

from meldpunt.cases.models import Case
from meldpunt.findings.constants import Side
from meldpunt.interventions.selectors import interventions_summary_for_side
from meldpunt.portal.sections import PortalSection
from meldpunt.portal.visitors import Visitor


def reporter_section(*, case: Case, visitor: Visitor) -> PortalSection | None:
    summary = interventions_summary_for_side(case=case, side=Side.REPORTER, actor=visitor.actor)
    if summary is None:
        return None
    return PortalSection(
        anchor="afspraken",
        title=_("Afspraken en gesprekken"),
        template="interventions/portal_section.html",
        context={"summary": summary},
    )
