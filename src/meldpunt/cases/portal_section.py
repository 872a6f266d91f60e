"""What this app shows the reporter on the portal's case page (see portal.sections): the follow-up question
waiting for an answer, and the new cases opened from earlier answers."""

from django.utils.translation import gettext as _

from meldpunt.cases.models import Case
from meldpunt.cases.selectors import case_follow_ups_for_reporter
from meldpunt.portal.sections import PortalSection
from meldpunt.portal.visitors import Visitor


def reporter_section(*, case: Case, visitor: Visitor) -> PortalSection | None:
    follow_ups = case_follow_ups_for_reporter(case=case)
    if follow_ups.open_question is None and not follow_ups.new_references:
        return None
    return PortalSection(
        anchor="nazorg",
        title=_("Hoe gaat het nu?"),
        template="cases/portal/follow_up_section.html",
        context={
            "question_waiting": follow_ups.open_question is not None,
            "new_references": follow_ups.new_references,
        },
    )
