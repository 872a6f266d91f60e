"""Reads of the school portal that are not the request pages: who a link's visitor is, the board's
cases with findings to read, and the agreements and mediation meetings shared with the school.

The findings are read through `findings.selectors` and a school contact's agreements through
`interventions.selectors.interventions_for_side` (both audited). A board that signed in with a
single-use link has no account, so that selector cannot speak for it: `school_interventions` reads
the same items with the same rule (`confidentiality.may_see`) for the link's own case, and audits it.
Free text shown to the school has the names the school may not know replaced, as on a request.
"""

from dataclasses import dataclass, replace
from datetime import date, datetime

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from meldpunt.accounts.permissions import Action, role_may
from meldpunt.cases.deadlines import local_date
from meldpunt.cases.models import Case
from meldpunt.core.errors import NotFound
from meldpunt.findings.constants import Side
from meldpunt.findings.models import DraftFindings
from meldpunt.findings.selectors import findings_stage_for_side
from meldpunt.interventions.constants import AgreementStatus, MediationStatus
from meldpunt.interventions.models import Agreement, MediationMeeting
from meldpunt.interventions.rules import is_overdue
from meldpunt.interventions.selectors import (
    AgreementView,
    InterventionsView,
    MeetingView,
    interventions_for_side,
    interventions_summary_for_side,
    owner_label,
)
from meldpunt.investigations.confidentiality import ItemKind, may_see
from meldpunt.investigations.constants import PartyRole
from meldpunt.investigations.models import InformationRequest, SchoolAccessLink
from meldpunt.investigations.selectors.shared import (
    SCHOOL_VISIBLE_STATUSES,
    SchoolVisitor,
    redact,
    school_redactions,
    school_visitor_may_open,
)
from meldpunt.privacy.services import audit_read

FINDINGS_CASES_SHOWN = 100


def link_visitor(*, link_id: int, now: datetime | None = None) -> SchoolVisitor | None:
    """The visitor a redeemed, unexpired link stands for; None once the link has expired or was revoked."""
    now = now or timezone.now()
    link = SchoolAccessLink.objects.filter(pk=link_id, used_at__isnull=False, expires_at__gt=now).first()
    return SchoolVisitor(link=link) if link is not None else None


@dataclass(frozen=True)
class FindingsCaseRow:
    reference: str
    school_name: str
    sent_at: datetime
    comments_due_on: date
    comments_open: bool
    final: bool


def school_findings_cases(*, visitor: SchoolVisitor, now: datetime | None = None) -> list[FindingsCaseRow]:
    """The board's cases whose findings were sent to the school, newest first; dates only, no content."""
    user = visitor.user
    if user is None or user.board_id is None or not user.is_active:
        return []
    case_ids = (
        DraftFindings.objects.filter(case__school__board_id=user.board_id, sent_at__isnull=False)
        .order_by("-sent_at")
        .values_list("case_id", flat=True)
    )
    seen: list[int] = []
    for case_id in case_ids:
        if case_id not in seen:
            seen.append(case_id)
        if len(seen) >= FINDINGS_CASES_SHOWN:
            break
    # select_related: each row names the school; the permission check reads its board.
    cases = Case.objects.select_related("school__board").in_bulk(seen)
    rows = []
    for case_id in seen:
        case = cases[case_id]
        if not role_may(user, Action.SCHOOL_VIEW_SHARED, case):
            continue
        stage = findings_stage_for_side(case=case, side=Side.SCHOOL, actor=visitor.actor, now=now)
        if stage is None:
            continue
        rows.append(
            FindingsCaseRow(
                reference=case.reference,
                school_name=case.school.name if case.school else "",
                sent_at=stage.sent_at,
                comments_due_on=stage.comments_due_on,
                comments_open=stage.comments_open,
                final=stage.issued_at is not None,
            )
        )
    return rows


def school_findings_case(*, reference: str, visitor: SchoolVisitor) -> Case:
    """A case of the school contact's board, for its findings page; NotFound for any other case."""
    user = visitor.user
    case = Case.objects.select_related("school__board").filter(reference=reference).first()
    if case is None or user is None or not user.is_active or not role_may(user, Action.SCHOOL_VIEW_SHARED, case):
        raise NotFound(_("Deze zaak bestaat niet, of u kunt haar niet openen."))
    return case


# Agreements and mediation meetings shared with the school.

AGREEMENTS_CASES_SHOWN = 100


@dataclass(frozen=True)
class AgreementsCaseRow:
    """A case of the board with agreements or meetings shared with the school: counts and dates, no content."""

    reference: str
    school_name: str
    agreements: int
    open: int
    overdue: int
    next_meeting: datetime | None


def school_agreements_cases(*, visitor: SchoolVisitor, today: date | None = None) -> list[AgreementsCaseRow]:
    """The board's cases with agreements or mediation meetings shared with the school, newest case first.

    Counts and dates only (from `interventions_summary_for_side`), so, like the findings list, no audited read.
    """
    user = visitor.user
    if user is None or user.board_id is None or not user.is_active:
        return []
    board_cases = Case.objects.filter(school__board_id=user.board_id)
    with_agreements = Agreement.objects.filter(case__in=board_cases, shared_with_school=True).values("case_id")
    with_meetings = MediationMeeting.objects.filter(case__in=board_cases, shared=True).values("case_id")
    # select_related: each row names the school; the permission check reads its board.
    cases = (
        board_cases.filter(Q(pk__in=with_agreements) | Q(pk__in=with_meetings))
        .select_related("school__board")
        .order_by("-received_at", "-pk")[:AGREEMENTS_CASES_SHOWN]
    )
    rows = []
    for case in cases:
        if not role_may(user, Action.SCHOOL_VIEW_SHARED, case):
            continue
        summary = interventions_summary_for_side(case=case, side=Side.SCHOOL, actor=visitor.actor, today=today)
        rows.append(
            AgreementsCaseRow(
                reference=case.reference,
                school_name=case.school.name if case.school else "",
                agreements=summary.agreements if summary else 0,
                open=summary.open if summary else 0,
                overdue=summary.overdue if summary else 0,
                next_meeting=summary.next_meeting if summary else None,
            )
        )
    return rows


def _link_case(reference: str, visitor: SchoolVisitor, now: datetime) -> Case | None:
    """The case of a single-use link's own request, while the link is valid and the request is not withdrawn."""
    link = visitor.link
    assert link is not None
    request = (
        InformationRequest.objects.select_related("case__school__board")
        .prefetch_related("case__parties")
        .filter(pk=link.request_id)
        .first()
    )
    if (
        request is None
        or request.status not in SCHOOL_VISIBLE_STATUSES
        or request.case.reference != reference
        or not school_visitor_may_open(visitor=visitor, request=request, now=now)
    ):
        return None
    return request.case


def school_interventions_case(*, reference: str, visitor: SchoolVisitor, now: datetime | None = None) -> Case:
    """A case of the contact's board, or the case of a link's own request; NotFound for any other case."""
    if visitor.user is not None:
        return school_findings_case(reference=reference, visitor=visitor)
    case = _link_case(reference, visitor, now or timezone.now())
    if case is None:
        raise NotFound(_("Deze zaak bestaat niet, of u kunt haar niet openen."))
    return case


def _link_interventions(*, case: Case, visitor: SchoolVisitor, today: date) -> InterventionsView | None:
    """What `interventions_for_side` gives the school side, for a board signed in with a link. Audited."""
    role = PartyRole.SCHOOL_BOARD
    agreements = [
        AgreementView(
            id=a.pk,
            description=a.description,
            owner_label=owner_label(a),
            due_on=a.due_on,
            status=a.status,
            status_label=str(AgreementStatus(a.status).label),
            overdue=is_overdue(today=today, due_on=a.due_on, status=a.status),
            reporter_says="",
            reporter_says_label="",
            may_answer=False,
        )
        for a in Agreement.objects.filter(case=case).order_by("due_on", "pk")
        if may_see(role=role, item=ItemKind.AGREEMENT, shared=a.shared_with_school)
    ]
    meetings = [
        MeetingView(
            planned_at=m.planned_at,
            status=m.status,
            status_label=str(MediationStatus(m.status).label),
            held_at=m.held_at,
            outcome=m.outcome if m.status == MediationStatus.HELD else "",
        )
        for m in MediationMeeting.objects.filter(case=case).order_by("planned_at", "pk")
        if may_see(role=role, item=ItemKind.MEDIATION, shared=m.shared)
    ]
    if not agreements and not meetings:
        return None
    audit_read(actor=visitor.actor, obj=case, details={"view": "interventions", "side": str(Side.SCHOOL)})
    return InterventionsView(agreements=agreements, meetings=meetings, escalated_on=[])


def school_interventions(
    *, case: Case, visitor: SchoolVisitor, now: datetime | None = None
) -> InterventionsView | None:
    """The agreements and mediation meetings of `case` shared with the school; None when there are none.

    `case` comes from `school_interventions_case`. The school never sees the reporter's own answer to an
    agreement, a meeting's participants, or an escalation. Audited (by the interventions selector for a
    contact). PermissionDenied when the visitor does not speak for the case's board.
    """
    now = now or timezone.now()
    today = local_date(now)
    if visitor.user is not None:
        view = interventions_for_side(case=case, side=Side.SCHOOL, actor=visitor.actor, today=today)
    else:
        if _link_case(case.reference, visitor, now) is None:
            raise NotFound(_("Deze zaak bestaat niet, of u kunt haar niet openen."))
        view = _link_interventions(case=case, visitor=visitor, today=today)
    if view is None:
        return None
    redactions = school_redactions(case)
    return InterventionsView(
        agreements=[
            replace(
                a,
                description=redact(a.description, redactions),
                owner_label=redact(a.owner_label, redactions),
                reporter_says="",
                reporter_says_label="",
                may_answer=False,
            )
            for a in view.agreements
        ],
        meetings=[replace(m, outcome=redact(m.outcome, redactions)) for m in view.meetings],
        escalated_on=[],
    )
