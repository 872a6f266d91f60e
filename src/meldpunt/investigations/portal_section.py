"""What this app shows the reporter on the portal's case page (see portal.sections): what the school was
told about them, exactly as the school reads it, and when the school opened it (from the audit log)."""

from django.utils.translation import gettext as _

from meldpunt.cases.models import Case
from meldpunt.investigations.selectors.shared import reporter_shared_view
from meldpunt.portal.sections import PortalSection
from meldpunt.portal.visitors import Visitor


def reporter_section(*, case: Case, visitor: Visitor) -> PortalSection | None:
    view = reporter_shared_view(case=case, actor=visitor.actor)
    if view.empty:
        return None
    return PortalSection(
        anchor="gedeeld-met-de-school",
        title=_("Wat de school van ons kreeg"),
        template="investigations/portal/section.html",
        context={"view": view},
    )
