"""Reads of the reporter portal: what a reporter (or their support person) may see of their own case.

Every read of the case view is written to the audit log, and the reporter sees that log back in
"who saw my case": kinds of actors and staff roles, never staff names.
"""

from dataclasses import dataclass
from datetime import date, datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from meldpunt.cases.constants import MessageDirection
from meldpunt.cases.deadlines import Deadline, DueState
from meldpunt.cases.models import Case
from meldpunt.cases.selectors import case_deadlines
from meldpunt.portal import texts
from meldpunt.portal.models import SupportAccess
from meldpunt.portal.visitors import Visitor, VisitorKind
from meldpunt.privacy.actors import Actor, ActorKind
from meldpunt.privacy.selectors import audit_entries_for_object
from meldpunt.privacy.services import audit_read

SEEN_BY_SHOWN = 100


@dataclass(frozen=True)
class DeadlineView:
    code: str
    label: str
    explanation: str
    due: date | None
    state: str
    working_days_left: int | None


@dataclass(frozen=True)
class MessageView:
    sender: str  # "reporter" or "handler"
    body: str
    sent_at: datetime


@dataclass(frozen=True)
class FileView:
    filename: str
    content_type: str
    size: int
    uploaded_at: datetime


@dataclass(frozen=True)
class TimelineItem:
    at: datetime
    kind: str  # "status", "message_from_handler", "message_from_reporter", "file"
    text: str


@dataclass(frozen=True)
class SharedItem:
    code: str
    label: str


@dataclass(frozen=True)
class SeenBy:
    at: datetime
    who: str
    actor_kind: str
    role: str
    action: str


@dataclass(frozen=True)
class ReporterCaseView:
    reference: str
    status: str
    status_label: str
    status_explanation: str
    received_at: datetime
    description: str
    deadlines: list[DeadlineView]
    next_deadline: DeadlineView | None
    timeline: list[TimelineItem]
    messages: list[MessageView]
    files: list[FileView]
    shared_with_school: list[SharedItem]
    seen_by: list[SeenBy]


def _deadline_view(deadline: Deadline) -> DeadlineView:
    return DeadlineView(
        code=deadline.code,
        label=texts.deadline_label(deadline.code),
        explanation=texts.deadline_explanation(deadline.code, deadline.state),
        due=deadline.due,
        state=str(deadline.state),
        working_days_left=deadline.working_days_left,
    )


def _deadlines(case: Case, now: datetime) -> list[DeadlineView]:
    """Every term that has started on the case, from the cases app's deadline clock (suspensions included)."""
    return [_deadline_view(deadline) for deadline in case_deadlines(case=case, now=now)]


def _next_deadline(deadlines: list[DeadlineView]) -> DeadlineView | None:
    open_ones = [d for d in deadlines if d.state != DueState.MET]
    return min(open_ones, key=lambda d: (d.due is None, d.due or date.max), default=None)


def _shared_with_school(case: Case) -> list[SharedItem]:
    """What the school may see. Until an information request is made, at most who the reporter is."""
    if case.share_identity_with_school:
        return [SharedItem("identity", _("Wie u bent: u gaf toestemming dat de school dit mag weten."))]
    return []


def _seen_by(case: Case) -> list[SeenBy]:
    entries = audit_entries_for_object(obj=case).exclude(actor_kind=ActorKind.REPORTER, action="case.read")
    # Newest first; the select_related of audit_entries_for_object brings each staff role in the same query.
    newest = entries.order_by("-sequence")[:SEEN_BY_SHOWN]
    return [
        SeenBy(
            at=entry.occurred_at,
            who=texts.actor_label(entry.actor_kind, entry.actor.role if entry.actor else ""),
            actor_kind=entry.actor_kind,
            role=entry.actor.role if entry.actor else "",
            action=texts.action_label(entry.action),
        )
        for entry in newest
    ]


def reporter_case_view(*, case: Case, actor: Actor) -> ReporterCaseView:
    """Everything the reporter may see of their case; recorded in the audit log as a read by `actor`."""
    audit_read(actor=actor, obj=case)
    now = timezone.now()
    deadlines = _deadlines(case, now)
    timeline: list[TimelineItem] = [
        TimelineItem(change.at, "status", texts.timeline_status_text(change.to_status))
        for change in case.status_changes.all()
    ]
    messages: list[MessageView] = []
    for message in case.messages.all():
        from_handler = message.direction == MessageDirection.FROM_HANDLER
        messages.append(MessageView("handler" if from_handler else "reporter", message.body, message.sent_at))
        timeline.append(
            TimelineItem(
                message.sent_at,
                "message_from_handler" if from_handler else "message_from_reporter",
                _("Bericht van uw behandelaar") if from_handler else _("U stuurde een bericht"),
            )
        )
    # `defer("data")`: the encrypted file bytes are never needed to list the files.
    files = [
        FileView(a.filename, a.content_type, a.size, a.uploaded_at)
        for a in case.attachments.filter(from_reporter=True).defer("data")
    ]
    timeline.extend(
        TimelineItem(f.uploaded_at, "file", _("U stuurde een bestand: %(name)s") % {"name": f.filename}) for f in files
    )
    timeline.sort(key=lambda item: item.at)
    return ReporterCaseView(
        reference=case.reference,
        status=case.status,
        status_label=texts.status_label(case.status),
        status_explanation=texts.status_explanation(case.status),
        received_at=case.received_at,
        description=case.description,
        deadlines=deadlines,
        next_deadline=_next_deadline(deadlines),
        timeline=timeline,
        messages=messages,
        files=files,
        shared_with_school=_shared_with_school(case),
        seen_by=_seen_by(case),
    )


def visitor_find(*, case_id: int, support_id: str = "") -> Visitor | None:
    """The visitor a portal session stands for, or None when the case or the support access is gone."""
    if support_id:
        access = (
            SupportAccess.objects.select_related("case")
            .filter(case_id=case_id, public_id=support_id, revoked_at__isnull=True)
            .first()
        )
        return Visitor(access.case, VisitorKind.SUPPORT_PERSON, access.public_id) if access else None
    case = Case.objects.filter(pk=case_id).first()
    return Visitor(case, VisitorKind.REPORTER) if case else None


@dataclass(frozen=True)
class SupportAccessView:
    support_id: str
    created_at: datetime
    revoked_at: datetime | None


def support_accesses_for_case(*, case: Case) -> list[SupportAccessView]:
    """The support persons the reporter invited, newest first, revoked ones included."""
    return [
        SupportAccessView(a.public_id, a.created_at, a.revoked_at)
        for a in SupportAccess.objects.filter(case=case).order_by("-created_at", "-pk")
    ]
