"""Reads on cases. Deadlines are derived here from the case's events, never stored by hand."""

import enum
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.db import connection
from django.db.models import (
    Count,
    DateTimeField,
    ExpressionWrapper,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    prefetch_related_objects,
)
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from meldpunt.accounts.constants import Role
from meldpunt.accounts.models import User
from meldpunt.accounts.permissions import Action, may, role_may
from meldpunt.cases.constants import (
    AgreementsKept,
    Attendance,
    AttendanceAlternative,
    Category,
    ConsequencesFor,
    FollowUpKind,
    MessageDirection,
    Status,
    StepTaken,
    TermCode,
)
from meldpunt.cases.continuity import OUT_OF_SCHOOL_ALERT_DAYS, out_of_school_alert, school_days_missed
from meldpunt.cases.coordination import conflict_explanation, week_end
from meldpunt.cases.deadlines import (
    Deadline,
    DueState,
    Duration,
    Extension,
    RunningTerm,
    Suspension,
    TermSpec,
    add_working_days,
    deadline_of,
    local_date,
)
from meldpunt.cases.models import (
    Attachment,
    AttendanceRecord,
    BoardLink,
    Case,
    CaseType,
    FollowUp,
    Message,
    Note,
    SavedFilter,
    StatusChange,
)
from meldpunt.cases.models import Extension as ExtensionModel
from meldpunt.cases.models import Suspension as SuspensionModel
from meldpunt.cases.queue import Assigned, Cursor, PagePosition, QueueFilters, Sort, working_days_left
from meldpunt.cases.terms import DEFAULT_CASE_TYPE_CODE, DEFAULT_TERMS, term_spec
from meldpunt.cases.triage import Triage, TriageFacts, triage
from meldpunt.cases.wording import duration_words
from meldpunt.cases.workflow import (
    OPEN_STATES,
    OUTCOME_LABELS,
    REOPEN_WITHIN,
    Outcome,
    Transition,
    transitions_allowed,
)
from meldpunt.core.errors import NotFound, PermissionDenied
from meldpunt.privacy.actors import Actor
from meldpunt.privacy.crypto import decrypt_bytes
from meldpunt.privacy.services import audit_read
from meldpunt.schools.constants import HolidayRegion
from meldpunt.schools.models import School
from meldpunt.schools.selectors import school_holidays_for_region


def case_type_terms(*, case_type: CaseType | None) -> dict[str, TermSpec]:
    """The configured terms of a case type; the defaults of DESIGN.md where none are configured."""
    specs = {spec.code: spec for spec in DEFAULT_TERMS}
    if case_type is None:
        case_type = CaseType.objects.filter(code=DEFAULT_CASE_TYPE_CODE).first()
    if case_type is not None:
        # One query for the few terms of a type; called per case page, not per queue row.
        for term in case_type.terms.all():
            specs[term.code] = term_spec(
                code=term.code,
                amount=term.amount,
                unit=term.unit,
                max_extension=term.max_extension,
                suspendable=term.suspendable,
            )
    return specs


# Education continuity (issue 5, part 6): school days missed, counted with the school's own holidays.

# School holidays per DUO holiday region, as inclusive (first, last) days; "" is a case whose school or
# region is unknown, which counts with the national holidays only.
HolidayTable = Mapping[str, Sequence[tuple[date, date]]]
ABSENT_STATES = frozenset({Attendance.NOT_ATTENDING, Attendance.PARTLY})


def case_holiday_region(*, case: Case) -> str:
    return (case.school.holiday_region or "") if case.school_id and case.school else ""


def school_holiday_table(*, regions: Sequence[str] | None = None) -> dict[str, list[tuple[date, date]]]:
    """The school holidays of the given regions (every region and "unknown" by default): one query each."""
    wanted = list(regions) if regions is not None else [*HolidayRegion.values, ""]
    return {region: school_holidays_for_region(region=region) for region in wanted}


def case_school_days_missed(*, case: Case, today: date, holidays: HolidayTable | None = None) -> int | None:
    """School days missed since the absence started, for a child who does not (fully) go to school; None
    when the child goes to school or no start date is known. `holidays` saves the query when it is given."""
    if case.attendance not in ABSENT_STATES or case.absent_since is None:
        return None
    region = case_holiday_region(case=case)
    periods = holidays[region] if holidays is not None and region in holidays else None
    if periods is None:
        periods = school_holidays_for_region(region=region)
    return school_days_missed(absent_since=case.absent_since, today=today, holidays=periods)


def case_is_urgent(*, case: Case) -> bool:
    """Urgent cases must be contacted within one working day: danger now, or a child out of school."""
    return case.acute_danger or case.attendance == Attendance.NOT_ATTENDING


def case_running_terms(*, case: Case, specs: dict[str, TermSpec]) -> list[RunningTerm]:
    """Which terms have started for this case, from its events, with any extension."""
    extensions: dict[str, list[Extension]] = {}
    for extension in case.extensions.all():
        spec = specs.get(extension.term_code)
        if spec is not None and spec.max_extension is not None:
            extensions.setdefault(extension.term_code, []).append(
                Extension(Duration(extension.amount, spec.max_extension.unit), extension.reason)
            )
    started: list[tuple[str, datetime | None, datetime | None]] = [
        (TermCode.ACKNOWLEDGEMENT, case.received_at, case.received_at),  # acknowledged on screen at once
        (TermCode.INTAKE_DECISION, case.received_at, case.intake_decided_at),
    ]
    if case_is_urgent(case=case):
        started.append((TermCode.URGENT_CONTACT, case.received_at, case.first_contact_at))
    started.append((TermCode.FINDINGS, case.investigation_started_at, case.findings_at))
    if case.closed_at is not None:
        # A follow-up term is met when the question went out to the reporter.
        started.append((TermCode.FOLLOW_UP_FIRST, case.closed_at, _follow_up_asked_at(case, FollowUpKind.FOUR_WEEKS)))
        started.append(
            (TermCode.FOLLOW_UP_SECOND, case.closed_at, _follow_up_asked_at(case, FollowUpKind.THREE_MONTHS))
        )
    follow_ups = {TermCode.FOLLOW_UP_FIRST, TermCode.FOLLOW_UP_SECOND}
    return [
        RunningTerm(
            specs[code],
            started_at,
            # Closing (also by withdrawal) ends every term still open; only the follow-up checks start then.
            met_at=met_at or (case.closed_at if code not in follow_ups else None),
            extensions=tuple(extensions.get(code, ())),
        )
        for code, started_at, met_at in started
        if started_at is not None and code in specs
    ]


FOLLOW_UP_TERMS = {
    FollowUpKind.FOUR_WEEKS: TermCode.FOLLOW_UP_FIRST,
    FollowUpKind.THREE_MONTHS: TermCode.FOLLOW_UP_SECOND,
}


def _follow_up_asked_at(case: Case, kind: str) -> datetime | None:
    """When the newest follow-up question of this kind went out (a reopening cancels the older ones)."""
    current = [f for f in case.follow_ups.all() if f.kind == kind and f.cancelled_at is None]
    newest = max(current, key=lambda follow_up: follow_up.pk, default=None)
    return newest.asked_at if newest else None


@dataclass(frozen=True)
class ReporterFollowUps:
    """What the reporter's portal shows of the follow-up: the question waiting for an answer (the oldest one
    first), and the references of cases opened from earlier answers."""

    open_question: FollowUp | None
    new_references: list[str]


def case_follow_ups_for_reporter(*, case: Case) -> ReporterFollowUps:
    """One query; the reporter's case page is audited as a read by the portal."""
    # select_related: the reference of a case opened from an answer is shown.
    follow_ups = list(FollowUp.objects.filter(case=case).select_related("linked_case").order_by("due_on", "pk"))
    waiting = [f for f in follow_ups if f.asked_at and not f.answered_at and not f.cancelled_at]
    return ReporterFollowUps(
        open_question=waiting[0] if waiting else None,
        new_references=[f.linked_case.reference for f in follow_ups if f.linked_case is not None],
    )


def case_suspensions(*, case: Case) -> list[Suspension]:
    return [Suspension(s.started_at, s.ended_at, s.reason) for s in case.suspensions.all()]


def case_deadlines(*, case: Case, now: datetime | None = None) -> list[Deadline]:
    """What is due, when, and whether it is late, for every term that has started on this case."""
    now = now or timezone.now()
    specs = case_type_terms(case_type=case.case_type)
    suspensions = case_suspensions(case=case)
    return [deadline_of(term, suspensions=suspensions, now=now) for term in case_running_terms(case=case, specs=specs)]


def case_next_deadline(*, deadlines: list[Deadline]) -> Deadline | None:
    """The open deadline that comes first (late ones first of all); paused and met ones are not due."""
    candidates = [(d.due, d) for d in deadlines if d.state in (DueState.RUNNING, DueState.LATE) and d.due is not None]
    return min(candidates, key=lambda pair: pair[0])[1] if candidates else None


# The case page of the back office (issue 4, part 7). Who sees what follows the role table of DESIGN.md:
# the assigned handler (or assigned coordinator) sees everything; a coordinator who is not assigned sees
# the triage summary only; nobody else sees the case. Every view is written to the audit log.


class Visibility(enum.StrEnum):
    """Who besides the meldpunt may see an item on the timeline."""

    REPORTER = "reporter"
    INTERNAL = "internal"
    SCHOOL = "school"


VISIBILITY_LABELS = {
    Visibility.REPORTER: gettext_lazy("Zichtbaar voor melder"),
    Visibility.INTERNAL: gettext_lazy("Alleen intern"),
    Visibility.SCHOOL: gettext_lazy("Zichtbaar voor school"),
}
DUE_STATE_LABELS = {
    DueState.RUNNING: gettext_lazy("Loopt"),
    DueState.LATE: gettext_lazy("Te laat"),
    DueState.PAUSED: gettext_lazy("Staat stil"),
    DueState.MET: gettext_lazy("Gehaald"),
}


@dataclass(frozen=True)
class DeadlineRow:
    code: str
    label: str
    due: date | None
    state: str
    state_label: str
    time_left: str
    suspended_working_days: int
    extended_by: str
    paused_since: date | None


@dataclass(frozen=True)
class TimelineEntry:
    at: datetime
    kind: str  # status, message, note, attachment, suspension, resumption, extension
    title: str
    by: str
    visibility: Visibility
    visibility_label: str
    detail: str = ""  # the reason or file name; empty in the summary view


@dataclass(frozen=True)
class ExtendableTerm:
    code: str
    label: str
    maximum_words: str


@dataclass(frozen=True)
class SuspensionRow:
    started_at: datetime
    reason: str


@dataclass(frozen=True)
class AttendanceRow:
    status: str
    status_label: str
    since: date | None
    alternative_label: str  # empty when nothing was agreed
    note: str  # empty in the summary view
    recorded_at: datetime
    by: str


@dataclass(frozen=True)
class FollowUpRow:
    kind_label: str
    due_on: date
    asked_at: datetime | None
    answered_at: datetime | None
    cancelled: bool
    still_safe: bool | None
    agreements_kept_label: str
    consequences: bool | None
    consequences_for_label: str
    detail: str
    linked_reference: str
    reopened: bool


@dataclass(frozen=True)
class CasePage:
    case: Case
    full: bool  # the viewer may see the case's content (assigned); otherwise the triage summary only
    category_labels: list[str]
    steps_taken_labels: list[str]
    outcome_label: str
    may_act: bool  # suspend, resume, extend, write notes and messages
    is_open: bool
    deadlines: list[DeadlineRow]
    triage: Triage
    school_days_missed: int | None
    timeline: list[TimelineEntry]
    transitions: list[Transition]
    open_suspension: SuspensionRow | None
    extendable_terms: list[ExtendableTerm]
    messages: list[Message]
    notes: list[Note]
    attachments: list[Attachment]
    attendance_history: list[AttendanceRow]
    out_of_school_alert: bool
    out_of_school_alert_days: int
    follow_ups: list[FollowUpRow]  # empty in the summary view: the answers are the reporter's words
    linked_from: str  # the reference of the case this one was opened from
    linked_to: list[str]  # references of cases opened from this one


def _staff_name(user: User | None) -> str:
    if user is None:
        return str(_("Melder"))
    return user.get_full_name() or user.get_username()


def _time_left(deadline: Deadline) -> str:
    left = deadline.working_days_left
    if deadline.state is DueState.PAUSED and deadline.paused_since is not None:
        return str(_("sinds %(date)s") % {"date": formats.date_format(deadline.paused_since, "j F Y")})
    if left is None:
        return ""
    if left == 0:
        return str(_("Vandaag"))
    if left > 0:
        return ngettext("Nog %(count)d werkdag", "Nog %(count)d werkdagen", left) % {"count": left}
    return ngettext("%(count)d werkdag te laat", "%(count)d werkdagen te laat", -left) % {"count": -left}


def _deadline_row(deadline: Deadline) -> DeadlineRow:
    return DeadlineRow(
        code=deadline.code,
        label=str(TermCode(deadline.code).label) if deadline.code in TermCode.values else deadline.code,
        due=deadline.due,
        state=str(deadline.state),
        state_label=str(DUE_STATE_LABELS[deadline.state]),
        time_left=_time_left(deadline),
        suspended_working_days=deadline.suspended_working_days,
        extended_by=duration_words(deadline.extended_by) if deadline.extended_by else "",
        paused_since=deadline.paused_since,
    )


def _entry(at: datetime, kind: str, title: str, by: str, visibility: Visibility, detail: str = "") -> TimelineEntry:
    return TimelineEntry(at, kind, title, by, visibility, str(VISIBILITY_LABELS[visibility]), detail)


def _timeline(case: Case, *, full: bool) -> list[TimelineEntry]:
    """Everything that happened, oldest first. The summary view shows status changes only, without reasons."""
    entries = [
        _entry(
            change.at,
            "status",
            str(_("Status: %(status)s") % {"status": Status(change.to_status).label}),
            _staff_name(change.by) if change.by or not change.from_status else str(_("Het meldpunt")),
            Visibility.REPORTER,
            change.reason if full else "",
        )
        for change in case.status_changes.all()
    ]
    if full:
        for message in case.messages.all():
            from_reporter = message.direction == MessageDirection.FROM_REPORTER
            title = _("Bericht van de melder") if from_reporter else _("Bericht aan de melder")
            entries.append(
                _entry(message.sent_at, "message", str(title), _staff_name(message.author), Visibility.REPORTER)
            )
        for note in case.notes.all():
            entries.append(
                _entry(note.at, "note", str(_("Interne notitie")), _staff_name(note.author), Visibility.INTERNAL)
            )
        for attachment in case.attachments.all():
            entries.append(
                _entry(
                    attachment.uploaded_at,
                    "attachment",
                    str(_("Bestand toegevoegd")),
                    str(_("Melder")) if attachment.from_reporter else str(_("Het meldpunt")),
                    Visibility.REPORTER if attachment.from_reporter else Visibility.INTERNAL,
                    attachment.filename,
                )
            )
    for suspension in case.suspensions.all():
        entries.append(
            _entry(
                suspension.started_at,
                "suspension",
                str(_("Opgeschort")),
                _staff_name(suspension.started_by),
                Visibility.INTERNAL,
                suspension.reason if full else "",
            )
        )
        if suspension.ended_at is not None:
            entries.append(
                _entry(
                    suspension.ended_at,
                    "resumption",
                    str(_("Hervat")),
                    _staff_name(suspension.ended_by),
                    Visibility.INTERNAL,
                )
            )
    for extension in case.extensions.all():
        label = TermCode(extension.term_code).label if extension.term_code in TermCode.values else extension.term_code
        entries.append(
            _entry(
                extension.at,
                "extension",
                str(_("Termijn verlengd: %(term)s") % {"term": label}),
                _staff_name(extension.by),
                Visibility.REPORTER,
                extension.reason if full else "",
            )
        )
    entries.sort(key=lambda entry: entry.at)
    return entries


def _attendance_history(case: Case, *, full: bool) -> list[AttendanceRow]:
    """Oldest first. Before the handler records anything, the one row is what the reporter told the intake."""
    records = list(case.attendance_records.all())
    if not records:
        records = [
            AttendanceRecord(
                status=case.attendance, since=case.absent_since, recorded_at=case.received_at, recorded_by=None
            )
        ]
    return [
        AttendanceRow(
            status=record.status,
            status_label=str(Attendance(record.status).label) if record.status in Attendance.values else record.status,
            since=record.since,
            alternative_label=""
            if record.alternative in ("", AttendanceAlternative.NONE)
            else str(AttendanceAlternative(record.alternative).label),
            note=record.alternative_note if full else "",
            recorded_at=record.recorded_at,
            by=_staff_name(record.recorded_by) if record.recorded_by_id else str(_("Melder, bij de melding")),
        )
        for record in records
    ]


def _follow_up_row(follow_up: FollowUp) -> FollowUpRow:
    return FollowUpRow(
        kind_label=str(FollowUpKind(follow_up.kind).label),
        due_on=follow_up.due_on,
        asked_at=follow_up.asked_at,
        answered_at=follow_up.answered_at,
        cancelled=follow_up.cancelled_at is not None,
        still_safe=follow_up.still_safe,
        agreements_kept_label=str(AgreementsKept(follow_up.agreements_kept).label) if follow_up.agreements_kept else "",
        consequences=follow_up.consequences,
        consequences_for_label=str(ConsequencesFor(follow_up.consequences_for).label)
        if follow_up.consequences_for
        else "",
        detail=follow_up.detail,
        linked_reference=follow_up.linked_case.reference if follow_up.linked_case else "",
        reopened=follow_up.reopened,
    )


def _transitions_offered(case: Case, user: User, now: datetime) -> list[Transition]:
    """The steps the transition table allows this user now; reopening only while it is still possible."""
    offered = transitions_allowed(
        current=Status(case.status), role=user.role, is_assigned=case.assigned_handler_id == user.pk
    )
    return [
        t
        for t in offered
        if t.name != "reopen" or (case.closed_at is not None and now - case.closed_at <= REOPEN_WITHIN)
    ]


def _extendable_terms(case: Case, specs: dict[str, TermSpec]) -> list[ExtendableTerm]:
    return [
        ExtendableTerm(
            code=term.spec.code,
            label=str(TermCode(term.spec.code).label) if term.spec.code in TermCode.values else term.spec.code,
            maximum_words=duration_words(term.spec.max_extension),
        )
        for term in case_running_terms(case=case, specs=specs)
        if term.spec.max_extension is not None and not term.extensions and term.met_at is None
    ]


def case_for_staff_get(*, reference: str, user: User) -> Case:
    """The case behind a back-office URL. NotFound when there is none; PermissionDenied when the user may not see it."""
    # select_related: the summary shows the school with its board, the handler, the case type and the
    # reference of the case this one was opened from, in one query.
    case = (
        Case.objects.select_related("school__board", "assigned_handler", "case_type", "linked_case")
        .filter(reference=reference)
        .first()
    )
    if case is None:
        raise NotFound(_("Deze zaak bestaat niet."))
    if not may(user, Action.CASE_VIEW_SUMMARY, case):
        raise PermissionDenied(_("U mag deze zaak niet bekijken."))
    return case


def case_page_get(*, case: Case, user: User, now: datetime | None = None) -> CasePage:
    """Everything the case page shows to this user, in a constant number of queries; audited as a read."""
    now = now or timezone.now()
    full = may(user, Action.CASE_VIEW_CONTENT, case)
    audit_read(actor=Actor.staff(user), obj=case, details={"view": "content" if full else "summary"})
    # One query per related list, however long the case's history: the status rows, suspensions and
    # extensions feed the deadline clock and the timeline; the case type's terms feed the clock.
    lookups: list[str | Prefetch] = [
        Prefetch("status_changes", queryset=StatusChange.objects.select_related("by")),
        Prefetch("suspensions", queryset=SuspensionModel.objects.select_related("started_by", "ended_by")),
        Prefetch("extensions", queryset=ExtensionModel.objects.select_related("by")),
        # The attendance history, the follow-ups (which also feed the clock) and the cases opened from this one.
        Prefetch("attendance_records", queryset=AttendanceRecord.objects.select_related("recorded_by")),
        Prefetch("follow_ups", queryset=FollowUp.objects.select_related("linked_case")),
        Prefetch("linked_cases", queryset=Case.objects.only("pk", "reference", "linked_case").order_by("pk")),
    ]
    if case.case_type is not None:
        lookups.append("case_type__terms")
    if full:
        # Content only for those who may read it: nothing is decrypted for a summary view.
        # The files' bytes stay in the database until someone downloads one.
        lookups += [
            Prefetch("messages", queryset=Message.objects.select_related("author")),
            Prefetch("notes", queryset=Note.objects.select_related("author")),
            Prefetch("attachments", queryset=Attachment.objects.defer("data")),
        ]
    prefetch_related_objects([case], *lookups)
    # Imported here: the services module reads this one, and the triage facts live next to the refresh they feed.
    from meldpunt.cases.services import case_triage_facts

    specs = case_type_terms(case_type=case.case_type)
    open_suspension = next((s for s in case.suspensions.all() if s.ended_at is None), None)
    may_act = full and may(user, Action.CASE_TRANSITION, case)
    today = local_date(now)
    is_open = case.status in OPEN_STATES
    holidays = school_holiday_table(regions=[case_holiday_region(case=case)])
    return CasePage(
        case=case,
        full=full,
        category_labels=[str(Category(c).label) if c in Category.values else c for c in case.categories],
        steps_taken_labels=[str(StepTaken(s).label) if s in StepTaken.values else s for s in case.steps_taken],
        outcome_label=str(OUTCOME_LABELS[Outcome(case.outcome)]) if case.outcome in set(Outcome) else "",
        may_act=may_act,
        is_open=is_open,
        deadlines=[_deadline_row(d) for d in case_deadlines(case=case, now=now)],
        triage=triage(case_triage_facts(case=case, now=now, holidays=holidays)),
        # Counted up to today while the case is open; a closed case keeps the count it had when it closed.
        school_days_missed=case_school_days_missed(case=case, today=today, holidays=holidays)
        if is_open
        else case.school_days_missed,
        timeline=_timeline(case, full=full),
        transitions=_transitions_offered(case, user, now),
        open_suspension=(
            SuspensionRow(open_suspension.started_at, open_suspension.reason if full else "")
            if open_suspension
            else None
        ),
        extendable_terms=_extendable_terms(case, specs) if may_act and case.status in OPEN_STATES else [],
        messages=list(case.messages.all()) if full else [],
        notes=list(case.notes.all()) if full else [],
        attachments=list(case.attachments.all()) if full else [],
        attendance_history=_attendance_history(case, full=full),
        out_of_school_alert=is_open
        and out_of_school_alert(attendance=case.attendance, absent_since=case.absent_since, today=today),
        out_of_school_alert_days=OUT_OF_SCHOOL_ALERT_DAYS,
        follow_ups=[_follow_up_row(f) for f in case.follow_ups.all()] if full else [],
        linked_from=case.linked_case.reference if case.linked_case else "",
        linked_to=[linked.reference for linked in case.linked_cases.all()],
    )


def case_attachment_open(*, case: Case, attachment_id: int, user: User) -> tuple[Attachment, bytes]:
    """A file of the case, decrypted, for someone who may read the case's content; audited as a read."""
    if not may(user, Action.CASE_VIEW_CONTENT, case):
        raise PermissionDenied(_("U mag dit bestand niet openen."))
    attachment = Attachment.objects.filter(case=case, pk=attachment_id).first()
    if attachment is None:
        raise NotFound(_("Dit bestand bestaat niet."))
    # Imported here: the intake's services import this app's services, which import this module.
    from meldpunt.intake.services import attachment_associated_data

    data = decrypt_bytes(
        bytes(attachment.data),
        associated_data=attachment_associated_data(reference=case.reference, sha256=attachment.sha256),
    )
    audit_read(actor=Actor.staff(user), obj=case, details={"attachment": attachment.pk})
    return attachment, data


# The work queue, assignment, board ties, saved filters and the reminder digests (issue 4, parts 4-6 and 8).
# The queue lists the triage summary only: the case's description and contact data are never loaded.


@dataclass(frozen=True)
class _CaseProbe:
    """A case held by `assigned_handler_id`, so the permission layer can answer "may this person hold cases?"."""

    assigned_handler_id: int | None
    school_board_id: int | None = None


@dataclass(frozen=True)
class _ViewerProbe:
    pk: int
    role: str
    board_id: int | None = None


def staff_may_hold_cases(*, user: User) -> bool:
    """An active staff member who could work on a case assigned to them (a handler or a coordinator)."""
    return user.is_active and role_may(user, Action.CASE_VIEW_CONTENT, _CaseProbe(assigned_handler_id=user.pk))


def _roles_that_may(action: Action, *, own_case: bool) -> list[str]:
    probe_case = _CaseProbe(assigned_handler_id=0 if own_case else None)
    return [role for role in Role.values if role_may(_ViewerProbe(pk=0, role=role), action, probe_case)]


class QueueScope(enum.StrEnum):
    ALL = "all"  # the triage queue: every case, summary only
    OWN = "own"  # the cases assigned to the viewer


def case_queue_scope(*, viewer: User) -> QueueScope:
    """Which cases the viewer's queue lists, as the permission layer allows; PermissionDenied when none."""
    if viewer.is_active and role_may(viewer, Action.CASE_VIEW_SUMMARY):
        return QueueScope.ALL
    if viewer.is_active and role_may(viewer, Action.CASE_VIEW_SUMMARY, _CaseProbe(assigned_handler_id=viewer.pk)):
        return QueueScope.OWN
    raise PermissionDenied(_("U mag de werkvoorraad niet bekijken."))


@dataclass(frozen=True)
class QueueRow:
    case: Case
    triage: Triage | None  # None once the case is no longer open
    overridden: bool
    effective_priority: int
    next_due_label: str
    late: bool
    handler_name: str
    school_days_missed: int | None  # cached by the daily refresh; None when the child goes to school
    out_of_school_alert: bool  # four weeks or more out of school
    agreements_overdue: int
    retaliation: bool
    linked_reference: str  # the case this one was opened from


@dataclass(frozen=True)
class QueuePage:
    rows: list[QueueRow]
    scope: QueueScope
    number: int
    next_cursor: Cursor | None
    previous_cursor: Cursor | None


# What a queue row shows, and nothing else: no description, no contact data. The foreign keys must be
# listed too, because select_related follows them.
_QUEUE_ROW_FIELDS = (
    "reference",
    "status",
    "received_at",
    "reporter_role",
    "categories",
    "attendance",
    "absent_since",
    "acute_danger",
    "accused_is_staff",
    "sector",
    "region",
    "primary_category",
    "priority",
    "priority_override",
    "priority_override_reason",
    "next_due_on",
    "next_due_code",
    "school_days_missed",
    "agreements_overdue",
    "retaliation_reported",
    "linked_case",
    "linked_case__reference",
    "school",
    "school__name",
    "school__place",
    "assigned_handler",
    "assigned_handler__username",
    "assigned_handler__first_name",
    "assigned_handler__last_name",
)
Seek = tuple[Q, tuple[str, ...]]


def _seeks(sort: Sort, page: PagePosition) -> list[Seek]:
    """The index-ordered slices whose merge is the page: each is one range of the queue's sort index.

    Keyset paging over "priority desc, id asc" after the row (p, i) is "priority = p and id > i" followed
    by "priority < p"; splitting the two lets each slice be one straight index range. Going back reverses
    both. The deadline order puts cases without a running deadline last on every database (SQLite sorts
    NULL first, PostgreSQL last), so those are a slice of their own.
    """
    cursor = page.before or page.after
    back = page.before is not None
    if sort is Sort.PRIORITY:
        if cursor is None:
            return [(Q(), ("-priority", "id"))]
        if back:
            return [
                (Q(priority=cursor.key, id__lt=cursor.id), ("-id",)),
                (Q(priority__gt=cursor.key), ("priority", "-id")),
            ]
        return [(Q(priority=cursor.key, id__gt=cursor.id), ("id",)), (Q(priority__lt=cursor.key), ("-priority", "id"))]
    undated = Q(next_due_on__isnull=True)
    dated = Q(next_due_on__isnull=False)
    if cursor is None:
        return [(dated, ("next_due_on", "id")), (undated, ("id",))]
    if cursor.key is None:
        if back:
            return [(undated & Q(id__lt=cursor.id), ("-id",)), (dated, ("-next_due_on", "-id"))]
        return [(undated & Q(id__gt=cursor.id), ("id",))]
    if back:
        return [
            (Q(next_due_on=cursor.key, id__lt=cursor.id), ("-id",)),
            (Q(next_due_on__lt=cursor.key), ("-next_due_on", "-id")),
        ]
    return [
        (Q(next_due_on=cursor.key, id__gt=cursor.id), ("id",)),
        (Q(next_due_on__gt=cursor.key), ("next_due_on", "id")),
        (undated, ("id",)),
    ]


SeekRow = tuple[int, int, date | None]


def _seek_rows(cases: QuerySet[Case], statuses: list[str], seeks: list[Seek], limit: int) -> list[SeekRow]:
    """(id, priority, next_due_on) of at most `limit` rows per status and slice, in ONE query.

    A status list ("every open status") cannot be served in order by an index that starts with the status,
    so each status is its own slice, and the database unions the slices: a page costs
    statuses × slices × `limit` index entries, however many cases there are. Django cannot union sliced
    querysets on SQLite, so the slices are wrapped as sub-selects by hand (the SQL itself is Django's).
    """
    parts: list[str] = []
    params: list[Any] = []
    for status in statuses:
        for condition, order in seeks:
            sliced = (
                cases.filter(condition, status=status).order_by(*order).values_list("id", "priority", "next_due_on")
            )
            sql, part_params = sliced[:limit].query.sql_with_params()
            parts.append(f"SELECT * FROM ({sql}) AS slice_{len(parts)}")  # noqa: S608 - Django-built SQL, bound params
            params.extend(part_params)
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(parts), params)
        fetched = cursor.fetchall()
    # A raw cursor skips Django's converters: SQLite hands dates back as text.
    return [
        (row_id, priority, date.fromisoformat(due) if isinstance(due, str) else due)
        for row_id, priority, due in fetched
    ]


def _cursor_of(row: SeekRow, sort: Sort) -> Cursor:
    return Cursor(row[1] if sort is Sort.PRIORITY else row[2], row[0])


def _sort_key(sort: Sort) -> Callable[[SeekRow], tuple[object, ...]]:
    if sort is Sort.PRIORITY:
        return lambda row: (-row[1], row[0])
    return lambda row: (row[2] is None, row[2] or date.min, row[0])


def _queue_filtered(*, viewer: User, scope: QueueScope, filters: QueueFilters, today: date) -> QuerySet[Case]:
    cases = Case.objects.all()
    if scope is QueueScope.OWN or filters.assigned is Assigned.ME:
        cases = cases.filter(assigned_handler=viewer)
    elif filters.assigned is Assigned.YES:
        cases = cases.filter(assigned_handler__isnull=False)
    elif filters.assigned is Assigned.NO:
        cases = cases.filter(assigned_handler__isnull=True)
    if filters.category:
        cases = cases.filter(primary_category=filters.category)
    if filters.sector:
        cases = cases.filter(sector=filters.sector)
    if filters.region:
        cases = cases.filter(region=filters.region)
    if filters.overdue:
        cases = cases.filter(next_due_on__lt=today)
    if filters.due_within_days is not None:
        cases = cases.filter(next_due_on__lte=today + timedelta(days=filters.due_within_days))
    if filters.out_of_school:
        cases = cases.filter(attendance=Attendance.NOT_ATTENDING)
    if filters.agreements_overdue:
        cases = cases.filter(agreements_overdue__gt=0)
    return cases


def _earlier_reports() -> Subquery:
    """Reports about the same school in the 12 months before this one (a triage factor), counted inside the
    row query through the (school, received_at) index, so a page needs no query per row."""
    since = ExpressionWrapper(OuterRef("received_at") - timedelta(days=365), output_field=DateTimeField())
    return Subquery(
        Case.objects.filter(school=OuterRef("school"), received_at__lt=OuterRef("received_at"), received_at__gte=since)
        .order_by()
        .values("school")
        .annotate(count=Count("id"))
        .values("count")[:1],
        output_field=IntegerField(),
    )


def _row_triage(case: Case, *, earlier: int, today: date) -> Triage | None:
    """The same facts `services.case_triage_facts` gathers, but from the cached next due date and school days
    missed, so the page costs no query per row. The daily reminders task keeps both current."""
    if case.status not in OPEN_STATES:
        return None
    return triage(
        TriageFacts(
            today=today,
            received_on=local_date(case.received_at),
            attendance=case.attendance,
            acute_danger=case.acute_danger,
            accused_is_staff=case.accused_is_staff,
            reporter_role=case.reporter_role,
            categories=tuple(case.categories),
            earlier_reports_same_school=earlier,
            waiting=case.status in (Status.RECEIVED, Status.INTAKE),
            deadline_days_left=working_days_left(case.next_due_on, today) if case.next_due_on else None,
            school_days_missed=case.school_days_missed or 0,
            agreements_overdue=case.agreements_overdue,
            retaliation=case.retaliation_reported,
        )
    )


def _queue_row(case: Case, *, today: date) -> QueueRow:
    handler = case.assigned_handler
    code = case.next_due_code
    return QueueRow(
        case=case,
        triage=_row_triage(case, earlier=getattr(case, "earlier_reports", 0) or 0, today=today),
        overridden=case.priority_override is not None,
        effective_priority=case.priority_override if case.priority_override is not None else case.priority,
        next_due_label=str(TermCode(code).label) if code in TermCode.values else "",
        late=case.next_due_on is not None and case.next_due_on < today,
        handler_name=(handler.get_full_name() or handler.get_username()) if handler else "",
        school_days_missed=case.school_days_missed if case.attendance in ABSENT_STATES else None,
        out_of_school_alert=case.status in OPEN_STATES
        and out_of_school_alert(attendance=case.attendance, absent_since=case.absent_since, today=today),
        agreements_overdue=case.agreements_overdue,
        retaliation=case.retaliation_reported,
        linked_reference=case.linked_case.reference if case.linked_case_id and case.linked_case else "",
    )


def case_queue(
    *,
    viewer: User,
    filters: QueueFilters,
    sort: Sort,
    page: PagePosition,
    page_size: int = 25,
    now: datetime | None = None,
) -> QueuePage:
    """One page of the viewer's work queue: two queries whatever the page or the number of cases.

    Coordinators get the triage queue (every case; open ones unless a status is chosen), handlers their own
    cases; the permission layer decides which (`case_queue_scope`). Rows are in order of effective priority
    (the coordinator's override, else the triage score; then oldest first) or of the next deadline.
    """
    scope = case_queue_scope(viewer=viewer)
    today = local_date(now or timezone.now())
    statuses = [filters.status] if filters.status else sorted(str(status) for status in OPEN_STATES)
    cases = _queue_filtered(viewer=viewer, scope=scope, filters=filters, today=today)
    found = _seek_rows(cases, statuses, _seeks(sort, page), page_size + 1)
    back = page.before is not None
    found.sort(key=_sort_key(sort), reverse=back)
    more = len(found) > page_size
    chosen = found[:page_size]
    if back:
        chosen.reverse()
    ids = [row[0] for row in chosen]
    # select_related: the school's name, the handler's name and the reference of the case a row was opened
    # from are shown on every row; only() keeps the description and contact data out of the query altogether.
    by_id = (
        Case.objects.select_related("school", "assigned_handler", "linked_case")
        .only(*_QUEUE_ROW_FIELDS)
        .annotate(earlier_reports=_earlier_reports())
        .in_bulk(ids)
        if ids
        else {}
    )
    rows = [_queue_row(by_id[row_id], today=today) for row_id in ids if row_id in by_id]
    if back:
        has_previous, has_next = more, bool(chosen)
        number = max(page.number, 2) if more else 1
    else:
        has_previous, has_next = page.after is not None and bool(chosen), more
        number = page.number if page.after is not None else 1
    return QueuePage(
        rows=rows,
        scope=scope,
        number=number,
        next_cursor=_cursor_of(chosen[-1], sort) if has_next and chosen else None,
        previous_cursor=_cursor_of(chosen[0], sort) if has_previous and chosen else None,
    )


@dataclass(frozen=True)
class HandlerOption:
    """A staff member a case could go to, with their workload and any declared tie to the case's board."""

    handler: User
    open_cases: int
    due_this_week: int
    conflicts: tuple[str, ...]  # explanations, e.g. "heeft gewerkt bij dit schoolbestuur"
    current: bool

    @property
    def name(self) -> str:
        return self.handler.get_full_name() or self.handler.get_username()

    @property
    def assignable(self) -> bool:
        return not self.conflicts and not self.current


def case_assign_options(*, case: Case, now: datetime | None = None) -> list[HandlerOption]:
    """Everyone who may hold cases, with open cases and cases due this week: two queries for any number."""
    today = local_date(now or timezone.now())
    open_cases = Q(assigned_cases__status__in=OPEN_STATES)
    handlers = list(
        User.objects.filter(is_active=True, role__in=_roles_that_may(Action.CASE_VIEW_CONTENT, own_case=True))
        .annotate(
            open_cases=Count("assigned_cases", filter=open_cases),
            due_this_week=Count(
                "assigned_cases", filter=open_cases & Q(assigned_cases__next_due_on__lte=week_end(today))
            ),
        )
        .order_by("first_name", "last_name", "username")
    )
    board_id = case.school.board_id if case.school_id and case.school else None
    ties: dict[int, list[str]] = {}
    if board_id is not None:
        for handler_id, kind in (
            BoardLink.objects.filter(board_id=board_id).order_by("kind").values_list("handler_id", "kind")
        ):
            ties.setdefault(handler_id, []).append(conflict_explanation(kind))
    return [
        HandlerOption(
            handler=handler,
            open_cases=handler.open_cases,
            due_this_week=handler.due_this_week,
            conflicts=tuple(ties.get(handler.pk, ())),
            current=handler.pk == case.assigned_handler_id,
        )
        for handler in handlers
    ]


def board_links_of(*, handler: User) -> list[BoardLink]:
    """The ties the handler declared, each with one school name of the board so the list can be recognised."""
    # select_related: the board's number and name are shown; the subquery names its first school.
    first_school = School.objects.filter(board=OuterRef("board")).order_by("name").values("name")[:1]
    return list(
        BoardLink.objects.filter(handler=handler)
        .select_related("board")
        .annotate(school_example=Subquery(first_school))
        .order_by("board__number", "kind")
    )


def saved_filters_of(*, owner: User) -> list[SavedFilter]:
    return list(SavedFilter.objects.filter(owner=owner).order_by("name"))


@dataclass(frozen=True)
class HandlerDigest:
    handler: User
    due_soon: int  # next deadline within two working days
    overdue: int
    agreements_overdue: int = 0  # cases with an agreement past its due date


@dataclass(frozen=True)
class CoordinatorDigest:
    coordinators: list[User]
    unassigned: int
    overdue: int
    out_of_school_long: int = 0  # children out of school for four weeks or more


DIGEST_WORKING_DAYS = 2


def reminder_digests(*, today: date) -> tuple[list[HandlerDigest], CoordinatorDigest]:
    """Counts for the daily reminder emails, three queries in all: per handler what is due soon or late and
    which cases have agreements past due, and for the coordinators how many open cases wait for a handler,
    how many are late and how many children have been out of school for four weeks or more."""
    soon = add_working_days(today, DIGEST_WORKING_DAYS)
    open_cases = Case.objects.filter(status__in=OPEN_STATES)
    per_handler = (
        open_cases.filter(assigned_handler__isnull=False)
        .values("assigned_handler")
        .annotate(
            due_soon=Count("id", filter=Q(next_due_on__gte=today, next_due_on__lte=soon)),
            overdue=Count("id", filter=Q(next_due_on__lt=today)),
            agreements_overdue=Count("id", filter=Q(agreements_overdue__gt=0)),
        )
        .filter(Q(due_soon__gt=0) | Q(overdue__gt=0) | Q(agreements_overdue__gt=0))
        .order_by("assigned_handler")
    )
    counts = {row["assigned_handler"]: row for row in per_handler}
    handlers = User.objects.filter(pk__in=counts, is_active=True).exclude(email="").order_by("pk")
    totals = open_cases.aggregate(
        unassigned=Count("id", filter=Q(assigned_handler__isnull=True)),
        overdue=Count("id", filter=Q(next_due_on__lt=today)),
        out_of_school_long=Count(
            "id",
            filter=Q(
                attendance=Attendance.NOT_ATTENDING,
                absent_since__lte=today - timedelta(days=OUT_OF_SCHOOL_ALERT_DAYS),
            ),
        ),
    )
    coordinators = list(
        User.objects.filter(is_active=True, role__in=_roles_that_may(Action.CASE_ASSIGN, own_case=False))
        .exclude(email="")
        .order_by("pk")
    )
    return (
        [
            HandlerDigest(
                handler=user,
                due_soon=counts[user.pk]["due_soon"],
                overdue=counts[user.pk]["overdue"],
                agreements_overdue=counts[user.pk]["agreements_overdue"],
            )
            for user in handlers
        ],
        CoordinatorDigest(
            coordinators=coordinators,
            unassigned=totals["unassigned"],
            overdue=totals["overdue"],
            out_of_school_long=totals["out_of_school_long"],
        ),
    )
