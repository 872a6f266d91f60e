"""Reads of mediation, agreements and escalation: the handler's page, what each side may see, and the
signals that the inspectorate's supervision sees (without the reporter).

What the reporter and the school see goes through `investigations.confidentiality.may_see` with the
item's own sharing flag; every read that returns case content is written to the audit log.
"""

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from meldpunt.accounts.models import User
from meldpunt.accounts.permissions import Action, role_may
from meldpunt.cases.constants import Category
from meldpunt.cases.deadlines import local_date
from meldpunt.cases.models import Case
from meldpunt.core.errors import NotFound, PermissionDenied
from meldpunt.findings.constants import Side
from meldpunt.findings.selectors import handler_check, side_access, side_role
from meldpunt.interventions.constants import AgreementOwner, AgreementStatus, MediationStatus, ReporterSays
from meldpunt.interventions.models import Agreement, Escalation, MediationMeeting, SupervisionSignal
from meldpunt.interventions.rules import is_overdue
from meldpunt.investigations.confidentiality import ItemKind, may_see
from meldpunt.investigations.constants import PartyRole
from meldpunt.privacy.actors import Actor
from meldpunt.privacy.services import audit_read, audit_record

SIGNALS_SHOWN = 500
SIGNAL_WINDOW = timedelta(days=365)


def _today(today: date | None) -> date:
    return today or local_date(timezone.now())


# The handler's page.


@dataclass(frozen=True)
class AgreementRow:
    agreement: Agreement
    overdue: bool


@dataclass(frozen=True)
class InterventionsPage:
    meetings: list[MediationMeeting]
    agreements: list[AgreementRow]
    escalations: list[Escalation]
    overdue: int
    has_school: bool


def interventions_page_get(*, case: Case, user: User, today: date | None = None) -> InterventionsPage:
    """Mediation, the action plan and escalations of a case, for its handler. Audited."""
    handler_check(case=case, user=user)
    audit_read(actor=Actor.staff(user), obj=case, details={"view": "interventions"})
    day = _today(today)
    rows = [
        AgreementRow(agreement=a, overdue=is_overdue(today=day, due_on=a.due_on, status=a.status))
        for a in Agreement.objects.filter(case=case).order_by("due_on", "pk")
    ]
    return InterventionsPage(
        meetings=list(MediationMeeting.objects.filter(case=case).order_by("planned_at", "pk")),
        agreements=rows,
        # select_related: each escalation shows its signal's date and summary in the same query.
        escalations=list(Escalation.objects.filter(case=case).select_related("signal").order_by("at", "pk")),
        overdue=sum(row.overdue for row in rows),
        has_school=case.school_id is not None,
    )


def agreement_get(*, case: Case, user: User, agreement_id: int) -> Agreement:
    """One agreement of the case, for its handler; NotFound when the case has no such agreement."""
    handler_check(case=case, user=user)
    agreement = Agreement.objects.filter(case=case, pk=agreement_id).first()
    if agreement is None:
        raise NotFound(_("Deze afspraak bestaat niet."))
    return agreement


def meeting_get(*, case: Case, user: User, meeting_id: int) -> MediationMeeting:
    handler_check(case=case, user=user)
    meeting = MediationMeeting.objects.filter(case=case, pk=meeting_id).first()
    if meeting is None:
        raise NotFound(_("Dit gesprek bestaat niet."))
    return meeting


# What a side sees.


def owner_label(agreement: Agreement) -> str:
    if agreement.owner == AgreementOwner.OTHER and agreement.owner_other:
        return agreement.owner_other
    return str(AgreementOwner(agreement.owner).label)


@dataclass(frozen=True)
class AgreementView:
    id: int
    description: str
    owner_label: str
    due_on: date
    status: str
    status_label: str
    overdue: bool
    reporter_says: str
    reporter_says_label: str
    may_answer: bool


@dataclass(frozen=True)
class MeetingView:
    planned_at: datetime
    status: str
    status_label: str
    held_at: datetime | None
    outcome: str


@dataclass(frozen=True)
class InterventionsView:
    agreements: list[AgreementView]
    meetings: list[MeetingView]
    escalated_on: list[date]


def _shared(agreement: Agreement, side: Side) -> bool:
    return agreement.shared_with_school if side == Side.SCHOOL else agreement.shared_with_reporter


def _visible_agreements(case: Case, side: Side, role: PartyRole) -> list[Agreement]:
    access = side_access(case=case, role=role)
    return [
        a
        for a in Agreement.objects.filter(case=case).order_by("due_on", "pk")
        if may_see(role=role, item=ItemKind.AGREEMENT, shared=_shared(a, side), access=access)
    ]


def _visible_meetings(case: Case, role: PartyRole) -> list[MediationMeeting]:
    access = side_access(case=case, role=role)
    return [
        m
        for m in MediationMeeting.objects.filter(case=case).order_by("planned_at", "pk")
        if may_see(role=role, item=ItemKind.MEDIATION, shared=m.shared, access=access)
    ]


def _visible_escalations(case: Case, role: PartyRole) -> list[Escalation]:
    access = side_access(case=case, role=role)
    return [
        e
        for e in Escalation.objects.filter(case=case).order_by("at", "pk").defer("reason")
        if may_see(role=role, item=ItemKind.ESCALATION, shared=e.shared_with_reporter, access=access)
    ]


def interventions_for_side(
    *, case: Case, side: Side, actor: Actor, today: date | None = None
) -> InterventionsView | None:
    """The agreements, mediation meetings and escalations that `side` may see; None when there are none.

    Only the reporter (not a read-only support person) may say whether an agreement happened. Audited.
    """
    side = Side(side)
    role = side_role(case=case, side=side, actor=actor, write=False)
    day = _today(today)
    agreements = [
        AgreementView(
            id=a.pk,
            description=a.description,
            owner_label=owner_label(a),
            due_on=a.due_on,
            status=a.status,
            status_label=str(AgreementStatus(a.status).label),
            overdue=is_overdue(today=day, due_on=a.due_on, status=a.status),
            # What the reporter said about an agreement is theirs: the school side never gets it.
            reporter_says=a.reporter_says if side == Side.REPORTER else "",
            reporter_says_label=(
                str(ReporterSays(a.reporter_says).label) if a.reporter_says and side == Side.REPORTER else ""
            ),
            may_answer=role == PartyRole.REPORTER and a.status != AgreementStatus.CANCELLED,
        )
        for a in _visible_agreements(case, side, role)
    ]
    meetings = [
        MeetingView(
            planned_at=m.planned_at,
            status=m.status,
            status_label=str(MediationStatus(m.status).label),
            held_at=m.held_at,
            outcome=m.outcome if m.status == MediationStatus.HELD else "",
        )
        for m in _visible_meetings(case, role)
    ]
    escalated_on = [local_date(e.at) for e in _visible_escalations(case, role)]
    if not agreements and not meetings and not escalated_on:
        return None
    audit_read(actor=actor, obj=case, details={"view": "interventions", "side": str(side)})
    return InterventionsView(agreements=agreements, meetings=meetings, escalated_on=escalated_on)


@dataclass(frozen=True)
class InterventionsSummary:
    """Counts and dates only, for a summary on a portal page (no content, so no audited read)."""

    agreements: int
    open: int
    overdue: int
    unanswered: int
    next_meeting: datetime | None
    escalated: bool


def interventions_summary_for_side(
    *, case: Case, side: Side, actor: Actor, today: date | None = None
) -> InterventionsSummary | None:
    side = Side(side)
    role = side_role(case=case, side=side, actor=actor, write=False)
    access = side_access(case=case, role=role)
    day = _today(today)
    agreements = [
        a
        for a in Agreement.objects.filter(case=case).only(
            "pk", "status", "due_on", "shared_with_school", "shared_with_reporter", "reporter_says"
        )
        if may_see(role=role, item=ItemKind.AGREEMENT, shared=_shared(a, side), access=access)
    ]
    now = timezone.now()
    planned = [
        m.planned_at
        for m in MediationMeeting.objects.filter(case=case, status=MediationStatus.PLANNED, planned_at__gte=now).only(
            "pk", "planned_at", "shared"
        )
        if may_see(role=role, item=ItemKind.MEDIATION, shared=m.shared, access=access)
    ]
    escalated = bool(_visible_escalations(case, role))
    if not agreements and not planned and not escalated:
        return None
    return InterventionsSummary(
        agreements=len(agreements),
        open=sum(a.status == AgreementStatus.OPEN for a in agreements),
        overdue=sum(is_overdue(today=day, due_on=a.due_on, status=a.status) for a in agreements),
        unanswered=sum(not a.reporter_says and a.status != AgreementStatus.CANCELLED for a in agreements),
        next_meeting=min(planned, default=None),
        escalated=escalated,
    )


# Supervision.


@dataclass(frozen=True)
class SignalView:
    on: date
    school: str
    school_code: str
    place: str
    board: str
    board_number: str
    categories: list[str]
    reason_summary: str
    board_signals_12_months: int
    reference: str  # for a coordinator only; an analyst never gets a way to a single case


def supervision_signals(*, user: User, today: date | None = None) -> list[SignalView]:
    """The escalations to supervision, newest first, without any reporter data. Coordinators and analysts.

    The read is recorded in the audit log (the summaries are case material, even without the reporter).
    """
    if not user.is_active or not role_may(user, Action.STATS_VIEW):
        raise PermissionDenied(_("U mag dit niet doen."))
    day = _today(today)
    # select_related: school and board in the same query; the case reference comes along as a plain column,
    # so no case row (with its encrypted texts) is ever loaded here.
    signals = list(
        SupervisionSignal.objects.select_related("school", "board")
        .annotate(case_reference=F("escalation__case__reference"))
        .order_by("-on", "-pk")[:SIGNALS_SHOWN]
    )
    # A coordinator may see the triage summary of every case; an analyst never gets a way to one case.
    show_reference = role_may(user, Action.CASE_VIEW_SUMMARY)
    recent = Counter(SupervisionSignal.objects.filter(on__gt=day - SIGNAL_WINDOW).values_list("board_id", flat=True))
    labels = dict(Category.choices)
    views = [
        SignalView(
            on=s.on,
            school=s.school.name,
            school_code=s.school.code,
            place=s.school.place,
            board=str(s.board),
            board_number=s.board.number,
            categories=[str(labels.get(c, c)) for c in s.categories],
            reason_summary=s.reason_summary,
            board_signals_12_months=recent.get(s.board_id, 0),
            reference=s.case_reference if show_reference else "",
        )
        for s in signals
    ]
    audit_record(actor=Actor.staff(user), action="interventions.signals_read", details={"shown": len(views)})
    return views
