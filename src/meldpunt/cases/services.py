"""Writes on cases. Every state change is a named service; see DESIGN.md for the lifecycle."""

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import partial

from django.db import transaction
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from meldpunt.accounts.models import User
from meldpunt.accounts.permissions import Action, role_may
from meldpunt.cases.constants import (
    AgreementsKept,
    Attendance,
    AttendanceAlternative,
    BoardLinkKind,
    ConsequencesFor,
    MessageDirection,
    Status,
)
from meldpunt.cases.coordination import (
    SAVED_FILTER_NAME_MAX_CHARS,
    SAVED_FILTERS_MAX,
    AssignmentRefused,
    BoardLinkRefused,
    PriorityOverrideRefused,
    SavedFilterRefused,
    conflict_message,
    priority_override_check,
    reason_clean,
)
from meldpunt.cases.deadlines import (
    DeadlineError,
    Duration,
    RunningTerm,
    local_date,
    validate_extension,
    working_days_in,
)
from meldpunt.cases.models import (
    AttendanceRecord,
    BoardLink,
    Case,
    CaseType,
    Extension,
    FollowUp,
    Message,
    Note,
    ReferenceCounter,
    SavedFilter,
    StatusChange,
    Suspension,
    Term,
)
from meldpunt.cases.notifications import handler_follow_up_notify
from meldpunt.cases.queue import saved_query_clean
from meldpunt.cases.selectors import (
    FOLLOW_UP_TERMS,
    HolidayTable,
    case_deadlines,
    case_next_deadline,
    case_queue_scope,
    case_running_terms,
    case_school_days_missed,
    case_type_terms,
    school_holiday_table,
    staff_may_hold_cases,
)
from meldpunt.cases.terms import DEFAULT_CASE_TYPE_CODE, DEFAULT_CASE_TYPE_NAME, DEFAULT_TERMS
from meldpunt.cases.triage import TriageFacts, triage
from meldpunt.cases.wording import duration_words
from meldpunt.cases.workflow import (
    OPEN_STATES,
    REOPEN_WITHIN,
    Attempt,
    Outcome,
    WorkflowError,
    transition_check,
)
from meldpunt.core.errors import NotFound, PermissionDenied
from meldpunt.portal.conversation import message_body_clean
from meldpunt.portal.notifications import Notice
from meldpunt.portal.tasks import reporter_news_announce, reporter_notify
from meldpunt.portal.texts import deadline_label
from meldpunt.privacy.actors import Actor
from meldpunt.privacy.services import audit_record
from meldpunt.schools.models import Board

REFERENCE_PREFIX = "MSV"


@transaction.atomic
def case_reference_next(*, year: int) -> str:
    """`MSV-<year>-<6 digits>`: numbered per year from a locked counter row, never reused."""
    ReferenceCounter.objects.get_or_create(year=year)
    counter = ReferenceCounter.objects.select_for_update().get(year=year)
    counter.last_number += 1
    counter.save(update_fields=["last_number"])
    return f"{REFERENCE_PREFIX}-{year}-{counter.last_number:06d}"


@transaction.atomic
def case_message_from_handler_send(*, case: Case, author: User, body: str) -> Message:
    """The handler writes to the reporter: stored encrypted, audited, and the reporter is emailed that
    there is news (never the message itself) once the transaction commits.

    Only an active staff member whose role may message this case's reporter (the assigned handler)
    may write; raises PermissionDenied otherwise and MessageRefused for an empty or too long text.
    """
    if not author.is_active or not role_may(author, Action.CASE_MESSAGE_REPORTER, case):
        raise PermissionDenied(_("U mag dit niet doen."))
    text = message_body_clean(body)
    message = Message.objects.create(
        case=case, direction=MessageDirection.FROM_HANDLER, author=author, body=text, sent_at=timezone.now()
    )
    audit_record(actor=Actor.staff(author), action="case.message_sent", obj=case)
    if case.first_contact_at is None:
        # The first word from the meldpunt meets the urgent-contact term; later messages change nothing.
        Case.objects.filter(pk=case.pk, first_contact_at__isnull=True).update(first_contact_at=message.sent_at)
        case.refresh_from_db(fields=["first_contact_at"])
        case_derived_refresh(case=case, now=message.sent_at)
    reporter_news_announce(case=case)
    return message


def case_triage_facts(*, case: Case, now: datetime, holidays: HolidayTable | None = None) -> TriageFacts:
    """The facts the triage rule weighs, gathered from the case, its school and its deadlines."""
    school_days = case_school_days_missed(case=case, today=local_date(now), holidays=holidays)
    return _triage_facts(case=case, now=now, school_days=school_days or 0)


def _triage_facts(*, case: Case, now: datetime, school_days: int) -> TriageFacts:
    today = local_date(now)
    earlier = 0
    if case.school_id:
        earlier = (
            Case.objects.filter(school_id=case.school_id, received_at__gte=case.received_at - timedelta(days=365))
            .filter(received_at__lt=case.received_at)
            .count()
        )
    next_deadline = case_next_deadline(deadlines=case_deadlines(case=case, now=now))
    return TriageFacts(
        today=today,
        received_on=local_date(case.received_at),
        attendance=case.attendance,
        acute_danger=case.acute_danger,
        accused_is_staff=case.accused_is_staff,
        reporter_role=case.reporter_role,
        categories=tuple(case.categories),
        earlier_reports_same_school=earlier,
        waiting=case.status in (Status.RECEIVED, Status.INTAKE),
        deadline_days_left=next_deadline.working_days_left if next_deadline else None,
        school_days_missed=school_days,
        agreements_overdue=case.agreements_overdue,
        retaliation=case.retaliation_reported,
    )


@transaction.atomic
def case_derived_refresh(*, case: Case, now: datetime | None = None, holidays: HolidayTable | None = None) -> Case:
    """Recompute the cached priority, next due date and school days missed that the queue sorts and filters on.

    Called by every service that changes what the deadline clock or the triage rule reads, and daily by
    the reminders task (time alone moves deadlines closer and adds school days missed). The truth stays in
    the rules; these columns only make the queue fast. `holidays` (the school holidays per region) saves a
    query per case when many are refreshed.
    """
    now = now or timezone.now()
    next_deadline = case_next_deadline(deadlines=case_deadlines(case=case, now=now))
    is_open = case.status in OPEN_STATES
    school_days = case_school_days_missed(case=case, today=local_date(now), holidays=holidays)
    score = triage(_triage_facts(case=case, now=now, school_days=school_days or 0)).score if is_open else 0
    # A coordinator's override is what the queue sorts on: folding it into this one indexed column keeps
    # the queue's pages index seeks (sorting on COALESCE(override, priority) could use no index).
    case.priority = case.priority_override if is_open and case.priority_override is not None else score
    case.next_due_on = next_deadline.due if next_deadline else None
    case.next_due_code = next_deadline.code if next_deadline else ""
    case.region = case.school.province if case.school_id and case.school else ""
    case.primary_category = case.categories[0] if case.categories else ""
    if is_open:
        # A closed case keeps the count it had when it closed.
        case.school_days_missed = school_days
    case.save(
        update_fields=[
            "priority",
            "next_due_on",
            "next_due_code",
            "region",
            "primary_category",
            "school_days_missed",
            "updated_at",
        ]
    )
    return case


@transaction.atomic
def case_type_default_get() -> CaseType:
    """The default case type with the terms of DESIGN.md; created on first use, then configured in the admin."""
    case_type = CaseType.objects.filter(is_default=True).first()
    if case_type is not None:
        return case_type
    case_type, created = CaseType.objects.get_or_create(
        code=DEFAULT_CASE_TYPE_CODE, defaults={"name": DEFAULT_CASE_TYPE_NAME, "is_default": True}
    )
    if created:
        Term.objects.bulk_create(
            Term(
                case_type=case_type,
                code=spec.code,
                amount=spec.duration.amount,
                unit=spec.duration.unit.value,
                max_extension=spec.max_extension.amount if spec.max_extension else None,
                suspendable=spec.suspendable,
            )
            for spec in DEFAULT_TERMS
        )
    return case_type


# The workflow (DESIGN.md, "The case lifecycle"): one named service per transition. Each locks the case
# row, asks the pure transition table whether the step is allowed, records the events the deadline clock
# reads, adds a status row and an audit entry, refreshes the cached queue values, and tells the reporter
# that there is news (an email without content, after the commit).

StepEvents = Callable[[Case, datetime], dict[str, object]]
REFERRAL_TARGET_MAX_CHARS = 200
NOTE_MAX_CHARS = 20_000


def _case_locked(case: Case) -> Case:
    """The case row as stored, locked until the transaction ends, so two steps on one case never interleave."""
    return Case.objects.select_for_update().get(pk=case.pk)


def _no_events(case: Case, now: datetime) -> dict[str, object]:
    return {}


SYSTEM_ACTOR_REF = "follow_up"


def _case_step(
    name: str,
    *,
    case: Case,
    actor: User | None,
    reason: str,
    now: datetime | None,
    fields: Mapping[str, object] | None = None,
    events: StepEvents = _no_events,
) -> Case:
    """`actor` None: the meldpunt itself takes the step (only where the transition table allows it)."""
    now = now or timezone.now()
    locked = _case_locked(case)
    if actor is not None and not actor.is_active:
        raise PermissionDenied(_("U mag dit niet doen."))
    from_status = locked.status
    transition = transition_check(
        name,
        Attempt(
            current=Status(from_status),
            role=actor.role if actor is not None else "",
            is_assigned=actor is not None and locked.assigned_handler_id == actor.pk,
            reason=reason,
            fields=fields,
            closed_at=locked.closed_at,
            now=now,
            system=actor is None,
        ),
    )
    changed = events(locked, now)
    for field_name, value in changed.items():
        setattr(locked, field_name, value)
    locked.status = transition.target
    locked.save(update_fields=[*changed, "status", "updated_at"])
    if transition.target not in OPEN_STATES:
        # A case that ends stops its clock: an open suspension ends with it.
        locked.suspensions.filter(ended_at__isnull=True).update(ended_at=now, ended_by=actor)
    StatusChange.objects.create(
        case=locked, from_status=from_status, to_status=transition.target, at=now, by=actor, reason=reason.strip()
    )
    audit_record(
        actor=Actor.staff(actor) if actor is not None else Actor.system(SYSTEM_ACTOR_REF),
        action="case.transition",
        obj=locked,
        details={"transition": transition.name, "from": from_status, "to": str(transition.target)},
    )
    case_derived_refresh(case=locked, now=now)
    reporter_news_announce(case=locked)
    return locked


@transaction.atomic
def case_start_intake(*, case: Case, actor: User, reason: str = "", now: datetime | None = None) -> Case:
    """received → intake: the assigned handler takes the report up. Returns the case as stored."""
    return _case_step("start_intake", case=case, actor=actor, reason=reason, now=now)


@transaction.atomic
def case_refer(
    *, case: Case, actor: User, reason: str = "", referral_target: str = "", now: datetime | None = None
) -> Case:
    """intake → referred: another organisation fits better; the intake decision is taken and the case ends."""
    target = referral_target.strip()
    if len(target) > REFERRAL_TARGET_MAX_CHARS:
        raise WorkflowError(
            _("Schrijf de organisatie in hoogstens %(max)d tekens.") % {"max": REFERRAL_TARGET_MAX_CHARS},
            field="referral_target",
        )

    def events(locked: Case, at: datetime) -> dict[str, object]:
        return {"intake_decided_at": at, "referral_target": target, "closed_at": at, "outcome": Outcome.REFERRED}

    return _case_step(
        "refer",
        case=case,
        actor=actor,
        reason=reason,
        now=now,
        fields={"referral_target": target},
        events=events,
    )


@transaction.atomic
def case_decline(*, case: Case, actor: User, reason: str = "", now: datetime | None = None) -> Case:
    """intake → not_taken: the meldpunt does not take the case; the reason is recorded and the case ends."""

    def events(locked: Case, at: datetime) -> dict[str, object]:
        return {"intake_decided_at": at, "closed_at": at}

    return _case_step("decline", case=case, actor=actor, reason=reason, now=now, events=events)


@transaction.atomic
def case_start_investigation(*, case: Case, actor: User, reason: str = "", now: datetime | None = None) -> Case:
    """intake or reopened → investigation: the findings term starts (again, after a reopening)."""

    def events(locked: Case, at: datetime) -> dict[str, object]:
        changed: dict[str, object] = {"investigation_started_at": at, "findings_at": None}
        if locked.status == Status.INTAKE:
            changed["intake_decided_at"] = at
        return changed

    return _case_step("start_investigation", case=case, actor=actor, reason=reason, now=now, events=events)


@transaction.atomic
def case_start_intervention(*, case: Case, actor: User, reason: str = "", now: datetime | None = None) -> Case:
    """investigation → intervention. Leaving the investigation meets its findings term, unless it was met already."""

    def events(locked: Case, at: datetime) -> dict[str, object]:
        return {} if locked.findings_at else {"findings_at": at}

    return _case_step("start_intervention", case=case, actor=actor, reason=reason, now=now, events=events)


@transaction.atomic
def case_start_follow_up(*, case: Case, actor: User, reason: str = "", now: datetime | None = None) -> Case:
    """intervention → follow_up: the agreements are made; the meldpunt checks that they hold."""
    return _case_step("start_follow_up", case=case, actor=actor, reason=reason, now=now)


@transaction.atomic
def case_close(
    *,
    case: Case,
    actor: User,
    reason: str = "",
    outcome: str = "",
    back_in_education: bool | None = None,
    now: datetime | None = None,
) -> Case:
    """follow_up → closed, with the outcome and whether the child is back in education; the follow-up checks start."""

    def events(locked: Case, at: datetime) -> dict[str, object]:
        return {"closed_at": at, "outcome": Outcome(outcome), "back_in_education": back_in_education}

    closed = _case_step(
        "close",
        case=case,
        actor=actor,
        reason=reason,
        now=now,
        fields={"outcome": outcome, "back_in_education": back_in_education},
        events=events,
    )
    _follow_ups_plan(case=closed, now=closed.closed_at or timezone.now())
    return closed


def _follow_ups_plan(*, case: Case, now: datetime) -> list[FollowUp]:
    """The two follow-up checks of a case that just closed, due when the deadline clock's follow-up terms end."""
    due = {deadline.code: deadline.due for deadline in case_deadlines(case=case, now=now)}
    planned = []
    for kind, code in FOLLOW_UP_TERMS.items():
        due_on = due.get(code)
        if due_on is not None:
            planned.append(FollowUp.objects.create(case=case, kind=kind, due_on=due_on, created_at=now))
    return planned


@transaction.atomic
def case_withdraw(*, case: Case, actor: User, reason: str = "", now: datetime | None = None) -> Case:
    """Any open state → closed with outcome "withdrawn": the reporter asked to stop."""

    def events(locked: Case, at: datetime) -> dict[str, object]:
        return {"closed_at": at, "outcome": Outcome.WITHDRAWN}

    return _case_step("withdraw", case=case, actor=actor, reason=reason, now=now, events=events)


@transaction.atomic
def case_reopen(*, case: Case, actor: User | None, reason: str = "", now: datetime | None = None) -> Case:
    """closed, referred or not_taken → reopened, within 12 months of closing.

    `actor` None: the meldpunt reopens the case itself, because the reporter answered at a follow-up that
    it is no longer safe (audited as the system). The closing facts are cleared so the follow-up terms
    stop, and follow-up questions not yet answered are cancelled; the status rows and the audit log keep
    the rest.
    """

    def events(locked: Case, at: datetime) -> dict[str, object]:
        return {"closed_at": None, "outcome": "", "back_in_education": None}

    reopened = _case_step("reopen", case=case, actor=actor, reason=reason, now=now, events=events)
    FollowUp.objects.filter(case=reopened, answered_at__isnull=True, cancelled_at__isnull=True).update(
        cancelled_at=now or timezone.now()
    )
    return reopened


# Suspension, extension and notes: they change the clock or the file, not the status.


def _case_worker_check(*, case: Case, actor: User) -> None:
    if not actor.is_active or not role_may(actor, Action.CASE_TRANSITION, case):
        raise PermissionDenied(_("Alleen de behandelaar van deze zaak mag dit doen."))


def _case_open_check(case: Case) -> None:
    if case.status not in OPEN_STATES:
        raise WorkflowError(_("Deze zaak is afgesloten. Heropen de zaak eerst."))


def _reason_clean(reason: str) -> str:
    text = reason.strip()
    if not text:
        raise WorkflowError(_("Geef een reden."), field="reason")
    return text


@transaction.atomic
def case_suspend(*, case: Case, actor: User, reason: str, now: datetime | None = None) -> Suspension:
    """Stop the clock of an open case, with a reason, until `case_resume`. One suspension is open at a time."""
    now = now or timezone.now()
    locked = _case_locked(case)
    _case_worker_check(case=locked, actor=actor)
    _case_open_check(locked)
    text = _reason_clean(reason)
    last = locked.suspensions.order_by("-started_at", "-pk").first()
    if last is not None and last.ended_at is None:
        raise WorkflowError(_("Deze zaak is al opgeschort. Hervat de zaak eerst."))
    if last is not None and last.ended_at is not None and now < last.ended_at:
        raise WorkflowError(_("Een opschorting kan niet beginnen voordat de vorige is afgelopen."))
    suspension = Suspension.objects.create(case=locked, started_at=now, reason=text, started_by=actor)
    audit_record(actor=Actor.staff(actor), action="case.suspended", obj=locked)
    case_derived_refresh(case=locked, now=now)
    reporter_news_announce(case=locked)
    return suspension


@transaction.atomic
def case_resume(*, case: Case, actor: User, now: datetime | None = None) -> Suspension:
    """Let the clock run again: every running deadline moves by the working days the case was suspended."""
    now = now or timezone.now()
    locked = _case_locked(case)
    _case_worker_check(case=locked, actor=actor)
    suspension = locked.suspensions.filter(ended_at__isnull=True).first()
    if suspension is None:
        raise WorkflowError(_("Deze zaak is niet opgeschort."))
    if now < suspension.started_at:
        raise WorkflowError(_("Een opschorting kan niet eindigen voordat ze begint."))
    suspension.ended_at = now
    suspension.ended_by = actor
    suspension.save(update_fields=["ended_at", "ended_by"])
    audit_record(
        actor=Actor.staff(actor),
        action="case.resumed",
        obj=locked,
        details={"working_days": working_days_in(local_date(suspension.started_at), local_date(now))},
    )
    case_derived_refresh(case=locked, now=now)
    reporter_news_announce(case=locked)
    return suspension


def _extension_refusal(term: RunningTerm, maximum: Duration) -> WorkflowError:
    """The reason, in words, why the deadline clock refused this extension."""
    if term.extensions:
        return WorkflowError(_("Deze termijn is al een keer verlengd. Dat kan maar één keer."), field="term_code")
    if term.met_at is not None:
        return WorkflowError(_("Deze termijn is al gehaald. Verlengen kan dan niet meer."), field="term_code")
    return WorkflowError(
        _("Verleng met minstens 1 en hoogstens %(amount)s.") % {"amount": duration_words(maximum)}, field="amount"
    )


def _extension_message(*, case: Case, term_code: str, duration: Duration, reason: str, now: datetime) -> str:
    """What the reporter reads in the portal: which term, by how much, the new date and why. In their language."""
    deadline = next((d for d in case_deadlines(case=case, now=now) if d.code == term_code), None)
    with translation.override(case.language):
        text = _("We hebben meer tijd nodig. De termijn ‘%(term)s’ is verlengd met %(amount)s.") % {
            "term": deadline_label(term_code),
            "amount": duration_words(duration),
        }
        if deadline is not None and deadline.due is not None:
            text += " " + _("De nieuwe datum is %(date)s.") % {"date": formats.date_format(deadline.due, "j F Y")}
        else:
            text += " " + _("De termijn staat nu stil. Als hij weer doorloopt, ziet u hier de nieuwe datum.")
        return text + "\n\n" + _("De reden: %(reason)s") % {"reason": reason}


@transaction.atomic
def case_extend(
    *, case: Case, actor: User, term_code: str, amount: int, reason: str, now: datetime | None = None
) -> Extension:
    """Extend a running term once, by at most its maximum, with a reason; the reporter reads it in the portal.

    The deadline clock (`validate_extension`) decides; the case type's configured terms set the maximum.
    """
    now = now or timezone.now()
    locked = _case_locked(case)
    _case_worker_check(case=locked, actor=actor)
    _case_open_check(locked)
    text = _reason_clean(reason)
    specs = case_type_terms(case_type=locked.case_type)
    spec = specs.get(term_code)
    if spec is None or spec.max_extension is None:
        raise WorkflowError(_("Deze termijn kan niet worden verlengd."), field="term_code")
    running = next((t for t in case_running_terms(case=locked, specs=specs) if t.spec.code == term_code), None)
    if running is None:
        raise WorkflowError(_("Deze termijn loopt nog niet. Verlengen kan pas als hij loopt."), field="term_code")
    # A negative amount is refused like any amount outside 1..maximum (a Duration cannot be negative).
    duration = Duration(max(amount, 0), spec.max_extension.unit)
    try:
        validate_extension(running, duration)
    except DeadlineError:
        raise _extension_refusal(running, spec.max_extension) from None
    extension = Extension.objects.create(
        case=locked, term_code=term_code, amount=amount, unit=duration.unit.value, reason=text, at=now, by=actor
    )
    audit_record(
        actor=Actor.staff(actor),
        action="case.extended",
        obj=locked,
        details={"term": term_code, "amount": amount, "unit": duration.unit.value},
    )
    case_derived_refresh(case=locked, now=now)
    # The reporter is told through the portal thread; that message sends the content-free email.
    case_message_from_handler_send(
        case=locked,
        author=actor,
        body=_extension_message(case=locked, term_code=term_code, duration=duration, reason=text, now=now),
    )
    return extension


@transaction.atomic
def case_note_add(*, case: Case, author: User, body: str) -> Note:
    """An internal note on the case: only the people who may see the case's content read it, never the reporter."""
    if not author.is_active or not role_may(author, Action.CASE_VIEW_CONTENT, case):
        raise PermissionDenied(_("U mag dit niet doen."))
    text = body.strip()
    if not text:
        raise WorkflowError(_("Schrijf een notitie."), field="body")
    if "\x00" in text or len(text) > NOTE_MAX_CHARS:
        raise WorkflowError(
            _("Een notitie heeft hoogstens %(max)s tekens en geen bijzondere tekens.")
            % {"max": formats.number_format(NOTE_MAX_CHARS, force_grouping=True)},
            field="body",
        )
    note = Note.objects.create(case=case, author=author, body=text, at=timezone.now())
    audit_record(actor=Actor.staff(author), action="case.note_added", obj=case)
    return note


# Education continuity and follow-up after closing (issue 5, parts 6 and 7).

ATTENDANCE_NOTE_MAX_CHARS = 2_000
ATTENDANCE_SINCE_MAX_YEARS_BACK = 10
FOLLOW_UP_DETAIL_MAX_CHARS = 5_000


@transaction.atomic
def attendance_record(
    *,
    case: Case,
    actor: User,
    status: str,
    since: date | None,
    alternative: str = AttendanceAlternative.NONE,
    alternative_note: str = "",
    now: datetime | None = None,
) -> AttendanceRecord:
    """The assigned handler records where the child stands now: attending, partly or not attending since a
    date, with what was agreed meanwhile (another school for a while, lessons at home, ...).

    Appends a row to the history; the first time, the history starts with what the reporter told the
    intake. The case's attendance and absence start follow the new row, and the school days missed and the
    priority are recomputed. WorkflowError names the field for a missing or impossible value.
    """
    now = now or timezone.now()
    locked = _case_locked(case)
    _case_worker_check(case=locked, actor=actor)
    _case_open_check(locked)
    today = local_date(now)
    if status not in Attendance.values:
        raise WorkflowError(_("Kies of het kind naar school gaat."), field="status")
    if since is None:
        raise WorkflowError(_("Vul in sinds wanneer."), field="since")
    if since > today:
        raise WorkflowError(_("De datum kan niet in de toekomst liggen."), field="since")
    if since.year < today.year - ATTENDANCE_SINCE_MAX_YEARS_BACK:
        raise WorkflowError(
            _("Deze datum ligt meer dan %(years)d jaar terug. Controleer het jaar.")
            % {"years": ATTENDANCE_SINCE_MAX_YEARS_BACK},
            field="since",
        )
    if alternative not in AttendanceAlternative.values:
        raise WorkflowError(_("Kies wat er is afgesproken."), field="alternative")
    note = alternative_note.strip()
    if "\x00" in note or len(note) > ATTENDANCE_NOTE_MAX_CHARS:
        raise WorkflowError(
            _("Een toelichting heeft hoogstens %(max)s tekens en geen bijzondere tekens.")
            % {"max": formats.number_format(ATTENDANCE_NOTE_MAX_CHARS, force_grouping=True)},
            field="alternative_note",
        )
    if not locked.attendance_records.exists():
        AttendanceRecord.objects.create(
            case=locked,
            status=locked.attendance,
            since=locked.absent_since,
            recorded_at=locked.received_at,
            recorded_by=None,
        )
    record = AttendanceRecord.objects.create(
        case=locked,
        status=status,
        since=since,
        alternative=alternative,
        alternative_note=note,
        recorded_at=now,
        recorded_by=actor,
    )
    locked.attendance = status
    locked.absent_since = None if status == Attendance.ATTENDING else since
    locked.save(update_fields=["attendance", "absent_since", "updated_at"])
    audit_record(
        actor=Actor.staff(actor),
        action="case.attendance_recorded",
        obj=locked,
        details={"status": status, "alternative": alternative},
    )
    case_derived_refresh(case=locked, now=now)
    return record


def _follow_up_notice_send(*, case_id: int) -> None:
    reporter_notify.enqueue(case_id=case_id, notice=Notice.FOLLOW_UP)


def follow_ups_ask(*, today: date, now: datetime | None = None) -> int:
    """Put every follow-up question that is due to its reporter: it shows in the portal from now on, and the
    reporter's email address (if any) gets a notice without content once the transaction commits.

    Run daily by the reminders task; a question is asked once, however often this runs. Returns how many
    questions were asked.
    """
    now = now or timezone.now()
    due = list(
        FollowUp.objects.filter(
            asked_at__isnull=True,
            answered_at__isnull=True,
            cancelled_at__isnull=True,
            due_on__lte=today,
            case__status=Status.CLOSED,
        )
        .order_by("case_id", "due_on", "pk")
        .values_list("pk", "case_id", "kind")
    )
    asked = 0
    notified: set[int] = set()
    for follow_up_id, case_id, kind in due:
        with transaction.atomic():
            # A conditional update: of two runs at once, one asks.
            if not FollowUp.objects.filter(pk=follow_up_id, asked_at__isnull=True).update(asked_at=now):
                continue
            case = Case.objects.select_related("school", "case_type").get(pk=case_id)
            audit_record(
                actor=Actor.system(SYSTEM_ACTOR_REF), action="case.follow_up_asked", obj=case, details={"kind": kind}
            )
            # Asking meets the follow-up term on the deadline clock.
            case_derived_refresh(case=case, now=now)
            if case.contact_email and case_id not in notified:
                notified.add(case_id)
                transaction.on_commit(partial(_follow_up_notice_send, case_id=case_id))
        asked += 1
    return asked


@dataclass(frozen=True)
class FollowUpAnswered:
    follow_up: FollowUp
    new_case: Case | None  # opened because of consequences, or because the case could not be reopened any more
    reopened: bool


def _follow_up_answer_clean(
    *, agreements_kept: str, consequences: bool, consequences_for: str, detail: str
) -> tuple[str, str]:
    if agreements_kept not in AgreementsKept.values:
        raise WorkflowError(_("Kies of de afspraken zijn nagekomen."), field="agreements_kept")
    if consequences and consequences_for not in ConsequencesFor.values:
        raise WorkflowError(_("Kies voor wie er gevolgen waren."), field="consequences_for")
    text = detail.strip()
    if "\x00" in text or len(text) > FOLLOW_UP_DETAIL_MAX_CHARS:
        raise WorkflowError(
            _("Schrijf hoogstens %(max)s tekens.")
            % {"max": formats.number_format(FOLLOW_UP_DETAIL_MAX_CHARS, force_grouping=True)},
            field="detail",
        )
    # Without JavaScript the form shows "for whom" to everyone: it only counts after a "yes".
    return (consequences_for if consequences else ""), text


def _case_open_linked(*, source: Case, actor: Actor, detail: str, retaliation: bool, now: datetime) -> Case:
    """A new case from a follow-up answer, linked to the case it follows: the same school, reporter and
    contact, flagged as acute so it is contacted within a working day. It shares the access code of the
    case it follows, so the reporter signs in to it with the code they already have."""
    with translation.override(source.language):
        if retaliation:
            title = _("Gevolgen na melding %(reference)s") % {"reference": source.reference}
        else:
            title = _("Niet meer veilig na melding %(reference)s") % {"reference": source.reference}
    new = Case.objects.create(
        reference=case_reference_next(year=local_date(now).year),
        status=Status.RECEIVED,
        received_at=now,
        language=source.language,
        reporter_role=source.reporter_role,
        categories=list(source.categories),
        description=f"{title}: {detail}" if detail else f"{title}.",
        attendance=source.attendance,
        absent_since=source.absent_since,
        acute_danger=True,
        school_id=source.school_id,
        sector=source.sector,
        share_identity_with_school=source.share_identity_with_school,
        consent_referral=source.consent_referral,
        contact_email=source.contact_email,
        contact_phone=source.contact_phone,
        access_code_hash=source.access_code_hash,
        case_type=case_type_default_get(),
        linked_case=source,
        retaliation_reported=retaliation,
    )
    StatusChange.objects.create(case=new, from_status="", to_status=Status.RECEIVED, at=now)
    audit_record(
        actor=actor,
        action="case.submitted",
        obj=new,
        details={"from": "follow_up", "linked_case": source.reference, "retaliation": retaliation},
    )
    case_derived_refresh(case=new, now=now)
    if new.contact_email:
        new_id = new.pk
        transaction.on_commit(lambda: reporter_notify.enqueue(case_id=new_id, notice=Notice.ACKNOWLEDGEMENT))
    return new


@transaction.atomic
def follow_up_answer(
    *,
    case: Case,
    follow_up_id: int,
    actor: Actor,
    still_safe: bool,
    agreements_kept: str,
    consequences: bool,
    consequences_for: str = "",
    detail: str = "",
    now: datetime | None = None,
) -> FollowUpAnswered:
    """The reporter answers a follow-up question of their case (the caller checks that `actor` is the reporter,
    never a read-only support person).

    Consequences for the reporter or a brother or sister open a new, urgent case linked to this one, at the
    top of the coordinator's queue. "No longer safe" reopens this case (by the meldpunt itself) and tells
    the handler, without content; past the 12 months in which a case can be reopened, a new linked case is
    opened instead, so the signal is never lost. NotFound when the question is not open for an answer.
    """
    now = now or timezone.now()
    follow_up = (
        FollowUp.objects.select_for_update()
        .filter(
            pk=follow_up_id,
            case=case,
            asked_at__isnull=False,
            answered_at__isnull=True,
            cancelled_at__isnull=True,
        )
        .first()
    )
    if follow_up is None:
        raise NotFound(_("Deze vraag is al beantwoord, of u hoeft hem niet meer te beantwoorden."))
    consequences_for, text = _follow_up_answer_clean(
        agreements_kept=agreements_kept, consequences=consequences, consequences_for=consequences_for, detail=detail
    )
    source = _case_locked(case)
    follow_up.still_safe = still_safe
    follow_up.agreements_kept = agreements_kept
    follow_up.consequences = consequences
    follow_up.consequences_for = consequences_for
    follow_up.detail = text
    follow_up.answered_at = now
    follow_up.save()
    audit_record(actor=actor, action="case.follow_up_answered", obj=source, details={"kind": follow_up.kind})
    new_case = None
    if consequences:
        new_case = _case_open_linked(source=source, actor=actor, detail=text, retaliation=True, now=now)
    reopened = False
    if not still_safe:
        may_reopen = source.closed_at is not None and now - source.closed_at <= REOPEN_WITHIN
        if source.status == Status.CLOSED and may_reopen:
            source = case_reopen(
                case=source,
                actor=None,
                reason=_("De melder gaf bij de nazorg aan dat het niet meer veilig is."),
                now=now,
            )
            reopened = True
            handler_id = source.assigned_handler_id
            if handler_id is not None:
                transaction.on_commit(lambda: handler_follow_up_notify.enqueue(user_id=handler_id))
        elif new_case is None:
            new_case = _case_open_linked(source=source, actor=actor, detail=text, retaliation=False, now=now)
    follow_up.linked_case = new_case
    follow_up.reopened = reopened
    follow_up.save(update_fields=["linked_case", "reopened"])
    return FollowUpAnswered(follow_up=follow_up, new_case=new_case, reopened=reopened)


# Assignment, triage override, board ties, saved filters and the daily refresh (issue 4, parts 4-6 and 8).


def _coordinator_check(*, case: Case, coordinator: User) -> None:
    if not coordinator.is_active or not role_may(coordinator, Action.CASE_ASSIGN, case):
        raise PermissionDenied(_("U mag dit niet doen."))


@transaction.atomic
def case_assign(*, case: Case, coordinator: User, handler: User, reason: str = "", now: datetime | None = None) -> Case:
    """A coordinator gives an open case to a handler (or a coordinator). Returns the case as stored.

    Refused with AssignmentRefused, saying why without any case content, when the target cannot hold
    cases, already holds this one, or declared a tie to the board of the case's school. Reassigning needs
    a reason; it is kept as an internal note on the case, never in the audit log (it may name people).
    """
    now = now or timezone.now()
    _coordinator_check(case=case, coordinator=coordinator)
    # Only the case row is locked: the school is read alongside (an outer join PostgreSQL cannot lock).
    locked = Case.objects.select_for_update(of=("self",)).select_related("school").get(pk=case.pk)
    if locked.status not in OPEN_STATES:
        raise AssignmentRefused(_("Deze zaak is afgesloten. Een afgesloten zaak krijgt geen behandelaar meer."))
    name = handler.get_full_name() or handler.get_username()
    if not staff_may_hold_cases(user=handler):
        raise AssignmentRefused(_("%(name)s kan geen zaken behandelen.") % {"name": name}, field="handler")
    if locked.assigned_handler_id == handler.pk:
        raise AssignmentRefused(_("%(name)s behandelt deze zaak al.") % {"name": name}, field="handler")
    board_id = locked.school.board_id if locked.school_id and locked.school else None
    if board_id is not None:
        kinds = list(
            BoardLink.objects.filter(handler=handler, board_id=board_id).order_by("kind").values_list("kind", flat=True)
        )
        if kinds:
            raise AssignmentRefused(conflict_message(handler_name=name, kinds=kinds), field="handler")
    previous = locked.assigned_handler_id
    if previous is not None:
        text = reason_clean(reason, error=AssignmentRefused)
        Note.objects.create(
            case=locked, author=coordinator, body=_("Opnieuw toegewezen. Reden: %(reason)s") % {"reason": text}, at=now
        )
    locked.assigned_handler = handler
    locked.assigned_at = now
    locked.save(update_fields=["assigned_handler", "assigned_at", "updated_at"])
    audit_record(
        actor=Actor.staff(coordinator),
        action="case.reassigned" if previous is not None else "case.assigned",
        obj=locked,
        details={"handler": handler.pk, "previous_handler": previous},
    )
    case_derived_refresh(case=locked, now=now)
    return locked


@transaction.atomic
def case_priority_override(
    *, case: Case, coordinator: User, priority: int, reason: str, now: datetime | None = None
) -> Case:
    """A coordinator sets the priority the queue sorts on, with a reason that is shown beside the factors.

    The triage score is still computed and shown; the override only wins the sort. PriorityOverrideRefused
    without a reason or outside the allowed range.
    """
    _coordinator_check(case=case, coordinator=coordinator)
    locked = Case.objects.select_for_update().get(pk=case.pk)
    if locked.status not in OPEN_STATES:
        raise PriorityOverrideRefused(_("Deze zaak is afgesloten. De prioriteit telt niet meer."))
    locked.priority_override = priority_override_check(priority)
    locked.priority_override_reason = reason_clean(reason, error=PriorityOverrideRefused)
    locked.save(update_fields=["priority_override", "priority_override_reason", "updated_at"])
    audit_record(
        actor=Actor.staff(coordinator), action="case.priority_overridden", obj=locked, details={"priority": priority}
    )
    return case_derived_refresh(case=locked, now=now)


@transaction.atomic
def case_priority_override_clear(*, case: Case, coordinator: User, now: datetime | None = None) -> Case:
    """Back to the computed triage score."""
    _coordinator_check(case=case, coordinator=coordinator)
    locked = Case.objects.select_for_update().get(pk=case.pk)
    if locked.priority_override is None:
        return locked
    locked.priority_override = None
    locked.priority_override_reason = ""
    locked.save(update_fields=["priority_override", "priority_override_reason", "updated_at"])
    audit_record(actor=Actor.staff(coordinator), action="case.priority_override_cleared", obj=locked)
    return case_derived_refresh(case=locked, now=now)


@transaction.atomic
def board_link_declare(*, handler: User, board: Board, kind: str) -> BoardLink:
    """A handler declares a tie to a school board; from then on no case of that board is assigned to them.

    Declaring the same tie twice keeps the first declaration.
    """
    if not staff_may_hold_cases(user=handler):
        raise PermissionDenied(_("U mag dit niet doen."))
    if kind not in BoardLinkKind.values:
        raise BoardLinkRefused(_("Kies wat voor band u heeft."), field="kind")
    link, created = BoardLink.objects.get_or_create(handler=handler, board=board, kind=kind)
    if created:
        audit_record(actor=Actor.staff(handler), action="board_link.declared", obj=link, details={"kind": kind})
    return link


@transaction.atomic
def board_link_remove(*, handler: User, link_id: int) -> None:
    """A handler withdraws one of their own declared ties (audited: it may open a case to them again)."""
    link = BoardLink.objects.filter(pk=link_id, handler=handler).first()
    if link is None:
        raise NotFound(_("Deze band bestaat niet (meer)."))
    audit_record(actor=Actor.staff(handler), action="board_link.removed", obj=link, details={"kind": link.kind})
    link.delete()


@transaction.atomic
def saved_filter_save(*, owner: User, name: str, query: str) -> SavedFilter:
    """Keep the queue's current filter and sort order under a name; the same name replaces the old one.

    Only the canonical filter parameters are stored, so a saved filter never holds a page position or
    anything else that was in the address.
    """
    case_queue_scope(viewer=owner)
    name = " ".join(name.split())
    if not name:
        raise SavedFilterRefused(_("Geef het filter een naam."), field="name")
    if len(name) > SAVED_FILTER_NAME_MAX_CHARS:
        raise SavedFilterRefused(_("Deze naam is te lang."), field="name")
    existing = SavedFilter.objects.filter(owner=owner)
    if not existing.filter(name=name).exists() and existing.count() >= SAVED_FILTERS_MAX:
        raise SavedFilterRefused(
            _("U kunt hoogstens %(max)d filters bewaren. Verwijder eerst een filter.") % {"max": SAVED_FILTERS_MAX},
            field="name",
        )
    saved, _created = SavedFilter.objects.update_or_create(
        owner=owner, name=name, defaults={"query": saved_query_clean(query)}
    )
    return saved


@transaction.atomic
def saved_filter_delete(*, owner: User, saved_filter_id: int) -> None:
    deleted, _details = SavedFilter.objects.filter(owner=owner, pk=saved_filter_id).delete()
    if not deleted:
        raise NotFound(_("Dit filter bestaat niet (meer)."))


def case_derived_refresh_all_open(*, now: datetime | None = None, batch_size: int = 200) -> int:
    """Recompute priority, next due date and school days missed of every open case, one transaction per batch.

    Time alone moves deadlines closer (and late), which raises the priority; the daily reminders task runs
    this first. Returns how many cases were refreshed.
    """
    now = now or timezone.now()
    refreshed = 0
    last_id = 0
    holidays = school_holiday_table()
    while True:
        # The rules read the school, the case type's terms, extensions and suspensions: prefetched per batch.
        # The encrypted texts are not needed, so they are not decrypted.
        batch = list(
            Case.objects.filter(status__in=OPEN_STATES, pk__gt=last_id)
            .select_related("school", "case_type")
            .prefetch_related("case_type__terms", "extensions", "suspensions")
            .defer("description", "contact_email", "contact_phone", "priority_override_reason")
            .order_by("pk")[:batch_size]
        )
        if not batch:
            return refreshed
        with transaction.atomic():
            for case in batch:
                case_derived_refresh(case=case, now=now, holidays=holidays)
        refreshed += len(batch)
        last_id = batch[-1].pk


@transaction.atomic
def case_findings_record(*, case: Case, at: datetime) -> Case:
    """Final findings were issued (findings app): the findings term is met, once; a later round changes nothing."""
    Case.objects.filter(pk=case.pk, findings_at__isnull=True).update(findings_at=at)
    case.refresh_from_db(fields=["findings_at"])
    return case_derived_refresh(case=case, now=at)
