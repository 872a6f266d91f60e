"""What the demo's school contact and partner find in their portals, for the summary `demo_load` prints.

Case references, dates and numbers only, no case content: the same as the portals' own lists show
before anything is opened. Not audited, like the sign-ins `demo_signins` prints: this is the operator's
console of a demo database, not a person reading a case.
"""

from dataclasses import dataclass, field
from datetime import date

from meldpunt.accounts.models import User
from meldpunt.demo.constants import DEMO_PARTNER, DEMO_SCHOOL_CONTACT
from meldpunt.findings.models import DraftFindings
from meldpunt.investigations.constants import RequestStatus
from meldpunt.investigations.models import InformationRequest
from meldpunt.referrals.constants import ReferralStatus
from meldpunt.referrals.models import Referral


@dataclass(frozen=True)
class DemoPortals:
    # (case reference, due date) of the open requests to the demo school contact's board
    school_requests: list[tuple[str, date | None]] = field(default_factory=list)
    # (case reference, last day to comment) of the draft findings sent to that board
    school_findings: list[tuple[str, date | None]] = field(default_factory=list)
    # numbers of the referrals to the demo partner's organisation that wait for an answer
    partner_referrals: list[int] = field(default_factory=list)


def demo_portals_overview() -> DemoPortals:
    """The open work in the demo school contact's and the demo partner's portals."""
    school = User.objects.filter(username=DEMO_SCHOOL_CONTACT).values_list("board_id", flat=True).first()
    partner = User.objects.filter(username=DEMO_PARTNER).values_list("partner_id", flat=True).first()
    requests: list[tuple[str, date | None]] = []
    findings: list[tuple[str, date | None]] = []
    if school is not None:
        requests = list(
            InformationRequest.objects.filter(case__school__board_id=school, status=RequestStatus.SENT)
            .order_by("sent_at", "pk")
            .values_list("case__reference", "due_on")
        )
        findings = list(
            DraftFindings.objects.filter(case__school__board_id=school, sent_at__isnull=False)
            .order_by("sent_at", "pk")
            .values_list("case__reference", "comments_due_on")
        )
    referrals: list[int] = []
    if partner is not None:
        referrals = list(
            Referral.objects.filter(organisation_id=partner, status=ReferralStatus.SENT)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
    return DemoPortals(school_requests=requests, school_findings=findings, partner_referrals=referrals)
