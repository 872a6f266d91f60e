"""Writes of breaking the impasse: mediation meetings, the action plan, escalation, and the follow-up.

Every change to an agreement recomputes the case's count of overdue agreements (`Case.agreements_overdue`,
which the handler's work queue shows); the daily follow-up does the same for every case, reminds the
handler and the school of agreements due within two working days, and flags what is late.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, datetime

from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from meldpunt.accounts.models import User
from meldpunt.cases.deadlines import local_date
from meldpunt.cases.models import Case
from meldpunt.cases.services import case_derived_refresh
from meldpunt.cases.workflow import OPEN_STATES
from meldpunt.findings.constants import Side
from meldpunt.findings.rules import text_clean
from meldpunt.findings.selectors import handler_check, side_access, side_role
from meldpunt.findings.services import identity_check
from meldpunt.interventions.constants import AgreementOwner, AgreementStatus, MediationStatus, ReporterSays
from meldpunt.interventions.models import Agreement, Escalation, MediationMeeting, SupervisionSignal
from meldpunt.interventions.rules import InterventionRefused, reminder_window_end
from meldpunt.interventions.tasks import StaffNotice, school_contacts_notify, staff_notify
from meldpunt.investigations.confidentiality import ItemKind, may_see
from meldpunt.investigations.constants import PartyRole
from meldpunt.portal.tasks import reporter_news_announce
from meldpunt.privacy.actors import Actor
from meldpunt.privacy.services import audit_record

TEXT_MAX_CHARS = 10_000
OWNER_OTHER_MAX_CHARS = 200


def _case_locked(case: Case) -> Case:
    return Case.objects.select_for_update(of=("self",)).select_related("school__board").get(pk=case.pk)


def _open_check(case: Case) -> None:
    if case.status not in OPEN_STATES:
        raise InterventionRefused(_("Deze zaak is afgesloten. Heropen de zaak eerst."))


def _text(value: str, *, field: str, missing: str, required: bool = True, max_chars: int = TEXT_MAX_CHARS) -> str:
    return text_clean(
        value, field=field, required=required, missing=missing, max_chars=max_chars, error=InterventionRefused
    )


# Mediation.


@transaction.atomic
def mediation_plan(
    *, case: Case, user: User, planned_at: datetime, participants: str, shared: bool = True, now: datetime | None = None
) -> MediationMeeting:
    """Plan a mediation meeting; when it is shared, the reporter hears there is news."""
    now = now or timezone.now()
    locked = _case_locked(case)
    handler_check(case=locked, user=user)
    _open_check(locked)
    if timezone.is_naive(planned_at):
        raise InterventionRefused(_("Vul een datum en tijd in."), field="planned_on")
    text = _text(participants, field="participants", missing=_("Schrijf wie er bij het gesprek zijn."))
    meeting = MediationMeeting.objects.create(
        case=locked,
        planned_at=planned_at,
        participants=text,
        shared=shared,
        created_at=now,
        created_by=user,
        updated_at=now,
        updated_by=user,
    )
    audit_record(actor=Actor.staff(user), action="interventions.mediation_planned", obj=locked)
    if shared:
        reporter_news_announce(case=locked)
    return meeting


def _meeting_locked(meeting: MediationMeeting, user: User) -> tuple[Case, MediationMeeting]:
    locked = _case_locked(meeting.case)
    handler_check(case=locked, user=user)
    _open_check(locked)
    current = MediationMeeting.objects.select_for_update().get(pk=meeting.pk)
    if current.status != MediationStatus.PLANNED:
        raise InterventionRefused(_("Dit gesprek is al vastgelegd of gaat niet door."))
    return locked, current


@transaction.atomic
def mediation_record(
    *, meeting: MediationMeeting, user: User, held_at: datetime, outcome: str, now: datetime | None = None
) -> MediationMeeting:
    """Record that a planned meeting was held, and its outcome."""
    now = now or timezone.now()
    locked, current = _meeting_locked(meeting, user)
    if timezone.is_naive(held_at):
        raise InterventionRefused(_("Vul in wanneer het gesprek was."), field="held_on")
    if held_at > now:
        raise InterventionRefused(
            _("Een gesprek legt u vast als het is geweest. Die datum ligt in de toekomst."), field="held_on"
        )
    current.outcome = _text(outcome, field="outcome", missing=_("Schrijf wat de uitkomst van het gesprek is."))
    current.status = MediationStatus.HELD
    current.held_at = held_at
    current.updated_at = now
    current.updated_by = user
    current.save(update_fields=["outcome", "status", "held_at", "updated_at", "updated_by"])
    audit_record(actor=Actor.staff(user), action="interventions.mediation_held", obj=locked)
    if current.shared:
        reporter_news_announce(case=locked)
    return current


@transaction.atomic
def mediation_cancel(*, meeting: MediationMeeting, user: User, now: datetime | None = None) -> MediationMeeting:
    now = now or timezone.now()
    locked, current = _meeting_locked(meeting, user)
    current.status = MediationStatus.CANCELLED
    current.updated_at = now
    current.updated_by = user
    current.save(update_fields=["status", "updated_at", "updated_by"])
    audit_record(actor=Actor.staff(user), action="interventions.mediation_cancelled", obj=locked)
    if current.shared:
        reporter_news_announce(case=locked)
    return current


# The action plan.


@dataclass(frozen=True)
class AgreementFields:
    description: str
    owner: str
    due_on: date
    owner_other: str = ""
    shared_with_school: bool = True
    shared_with_reporter: bool = True


def _fields_clean(fields: AgreementFields, *, case: Case, today: date, due_changed: bool) -> AgreementFields:
    description = _text(fields.description, field="description", missing=_("Schrijf wat er is afgesproken."))
    if fields.owner not in AgreementOwner.values:
        raise InterventionRefused(_("Kies wie de afspraak moet nakomen."), field="owner")
    owner_other = ""
    if fields.owner == AgreementOwner.OTHER:
        owner_other = _text(
            fields.owner_other,
            field="owner_other",
            missing=_("Schrijf wie de afspraak moet nakomen."),
            max_chars=OWNER_OTHER_MAX_CHARS,
        )
    if fields.owner == AgreementOwner.SCHOOL_BOARD and case.school_id is None:
        raise InterventionRefused(
            _("Deze zaak heeft geen school. Een afspraak voor het schoolbestuur kan pas als de school bekend is."),
            field="owner",
        )
    if due_changed and fields.due_on < today:
        raise InterventionRefused(
            _("Deze datum is al voorbij. Kies vandaag of een dag in de toekomst."), field="due_on"
        )
    return AgreementFields(
        description=description,
        owner=fields.owner,
        due_on=fields.due_on,
        owner_other=owner_other,
        shared_with_school=fields.shared_with_school and case.school_id is not None,
        shared_with_reporter=fields.shared_with_reporter,
    )


def agreements_overdue_refresh(*, case: Case, today: date) -> int:
    """Store on the case how many of its open agreements are past their due date; returns that number.

    The triage rule weighs overdue agreements, so a changed count refreshes the case's cached priority.
    """
    count = Agreement.objects.filter(case=case, status=AgreementStatus.OPEN, due_on__lt=today).count()
    if count != case.agreements_overdue:
        Case.objects.filter(pk=case.pk).update(agreements_overdue=count)
        case.agreements_overdue = count
        case_derived_refresh(case=case)
    return count


def _agreement_announce(case: Case, agreement: Agreement) -> None:
    if agreement.shared_with_reporter:
        reporter_news_announce(case=case)


@transaction.atomic
def agreement_add(*, case: Case, user: User, fields: AgreementFields, now: datetime | None = None) -> Agreement:
    """Add an agreement to the case's action plan: what, who (school board, meldpunt, reporter or other), by when."""
    now = now or timezone.now()
    today = local_date(now)
    locked = _case_locked(case)
    handler_check(case=locked, user=user)
    _open_check(locked)
    clean = _fields_clean(fields, case=locked, today=today, due_changed=True)
    agreement = Agreement.objects.create(
        case=locked,
        description=clean.description,
        owner=clean.owner,
        owner_other=clean.owner_other,
        due_on=clean.due_on,
        shared_with_school=clean.shared_with_school,
        shared_with_reporter=clean.shared_with_reporter,
        created_at=now,
        created_by=user,
        updated_at=now,
        updated_by=user,
    )
    audit_record(
        actor=Actor.staff(user),
        action="interventions.agreement_added",
        obj=locked,
        details={"agreement": agreement.pk, "owner": clean.owner, "due_on": clean.due_on},
    )
    agreements_overdue_refresh(case=locked, today=today)
    _agreement_announce(locked, agreement)
    return agreement


def _agreement_locked(agreement: Agreement, user: User) -> tuple[Case, Agreement]:
    locked = _case_locked(agreement.case)
    handler_check(case=locked, user=user)
    _open_check(locked)
    return locked, Agreement.objects.select_for_update().get(pk=agreement.pk)


@transaction.atomic
def agreement_edit(
    *, agreement: Agreement, user: User, fields: AgreementFields, now: datetime | None = None
) -> Agreement:
    """Change an agreement; a new due date starts its reminder again."""
    now = now or timezone.now()
    today = local_date(now)
    locked, current = _agreement_locked(agreement, user)
    clean = _fields_clean(fields, case=locked, today=today, due_changed=fields.due_on != current.due_on)
    if clean.due_on != current.due_on:
        current.reminder_sent_on = None
    current.description = clean.description
    current.owner = clean.owner
    current.owner_other = clean.owner_other
    current.due_on = clean.due_on
    current.shared_with_school = clean.shared_with_school
    current.shared_with_reporter = clean.shared_with_reporter
    current.updated_at = now
    current.updated_by = user
    current.save()
    audit_record(
        actor=Actor.staff(user),
        action="interventions.agreement_changed",
        obj=locked,
        details={"agreement": current.pk, "owner": clean.owner, "due_on": clean.due_on},
    )
    agreements_overdue_refresh(case=locked, today=today)
    _agreement_announce(locked, current)
    return current


@transaction.atomic
def agreement_status_set(*, agreement: Agreement, user: User, status: str, now: datetime | None = None) -> Agreement:
    """Mark an agreement done, not done, cancelled, or open again."""
    now = now or timezone.now()
    if status not in AgreementStatus.values:
        raise InterventionRefused(_("Kies hoe het met de afspraak staat."), field="status")
    locked, current = _agreement_locked(agreement, user)
    current.status = status
    current.done_at = now if status == AgreementStatus.DONE else None
    current.updated_at = now
    current.updated_by = user
    current.save(update_fields=["status", "done_at", "updated_at", "updated_by"])
    audit_record(
        actor=Actor.staff(user),
        action="interventions.agreement_status_set",
        obj=locked,
        details={"agreement": current.pk, "status": status},
    )
    agreements_overdue_refresh(case=locked, today=local_date(now))
    _agreement_announce(locked, current)
    return current


@transaction.atomic
def agreement_reporter_answer(
    *, agreement: Agreement, actor: Actor, happened: bool, now: datetime | None = None
) -> Agreement:
    """The reporter says whether an agreement happened; the handler hears that there is an answer.

    Only the reporter answers (a support person reads along), and only for agreements shared with them.
    """
    now = now or timezone.now()
    case = agreement.case
    role = side_role(case=case, side=Side.REPORTER, actor=actor, write=True)
    current = Agreement.objects.select_for_update().get(pk=agreement.pk)
    if (
        not may_see(
            role=role,
            item=ItemKind.AGREEMENT,
            shared=current.shared_with_reporter,
            access=side_access(case=case, role=role),
        )
        or role != PartyRole.REPORTER
    ):
        raise InterventionRefused(_("Deze afspraak bestaat niet."))
    if current.status == AgreementStatus.CANCELLED:
        raise InterventionRefused(_("Deze afspraak is vervallen. U hoeft er niets over te zeggen."))
    current.reporter_says = ReporterSays.YES if happened else ReporterSays.NO
    current.reporter_said_at = now
    current.save(update_fields=["reporter_says", "reporter_said_at"])
    audit_record(
        actor=actor,
        action="interventions.agreement_answered",
        obj=case,
        details={"agreement": current.pk, "happened": happened},
    )
    handler_id = case.assigned_handler_id
    if handler_id is not None:
        transaction.on_commit(
            lambda: staff_notify.enqueue(user_id=handler_id, notice=StaffNotice.REPORTER_ANSWERED.value)
        )
    return current


# Escalation.


def _contact_check(case: Case, text: str) -> None:
    """A summary for supervision must not carry the reporter's email address or phone number either."""
    lowered = text.lower()
    for contact in (case.contact_email, case.contact_phone):
        if contact and contact.strip() and contact.strip().lower() in lowered:
            raise InterventionRefused(
                _("De samenvatting bevat contactgegevens van de melder. Haal die weg."), field="summary"
            )


@transaction.atomic
def escalation_make(
    *,
    case: Case,
    user: User,
    reason: str,
    summary: str,
    shared_with_reporter: bool = True,
    now: datetime | None = None,
) -> Escalation:
    """Escalate the case to the inspectorate's regular supervision of the school board.

    The reason stays in the case; supervision gets a signal with the school, board, categories, date and
    a summary that must not tell who the reporter is.
    """
    now = now or timezone.now()
    locked = _case_locked(case)
    handler_check(case=locked, user=user)
    _open_check(locked)
    school = locked.school
    if school is None:
        raise InterventionRefused(
            _("Deze zaak heeft geen school. Escaleren naar het toezicht kan pas als de school bekend is.")
        )
    reason_text = _text(reason, field="reason", missing=_("Schrijf waarom u de zaak naar het toezicht stuurt."))
    summary_text = _text(
        summary, field="summary", missing=_("Schrijf een korte samenvatting voor het toezicht."), max_chars=2_000
    )
    identity_check(case=locked, text=summary_text, field="summary", error=InterventionRefused)
    _contact_check(locked, summary_text)
    escalation = Escalation.objects.create(
        case=locked, reason=reason_text, at=now, by=user, shared_with_reporter=shared_with_reporter
    )
    SupervisionSignal.objects.create(
        escalation=escalation,
        board=school.board,
        school=school,
        categories=list(locked.categories),
        on=local_date(now),
        reason_summary=summary_text,
    )
    audit_record(
        actor=Actor.staff(user), action="interventions.escalated", obj=locked, details={"escalation": escalation.pk}
    )
    if shared_with_reporter:
        reporter_news_announce(case=locked)
    return escalation


# The daily follow-up.


@dataclass(frozen=True)
class FollowUpReport:
    reminded: int  # agreements reminded of today
    handlers: int  # handlers emailed
    boards: int  # school boards whose contacts were emailed
    overdue: int  # open agreements past their due date, over all cases
    cases_flagged: int  # cases with at least one overdue agreement


@transaction.atomic
def agreements_follow_up(*, today: date) -> FollowUpReport:
    """Remind of agreements due within two working days (once each), and flag overdue ones on their case.

    The handler gets one content-free email with the count; the contacts of a school board get one for
    the board's own agreements that are shared with the school. Every case's `agreements_overdue` is set
    to the number of its open agreements past their due date.
    """
    due_soon = list(
        Agreement.objects.select_for_update(of=("self",))
        .filter(
            status=AgreementStatus.OPEN,
            reminder_sent_on__isnull=True,
            due_on__gte=today,
            due_on__lte=reminder_window_end(today),
        )
        .select_related("case__school")
        .only("pk", "owner", "shared_with_school", "case__assigned_handler_id", "case__school__board_id")
    )
    per_handler: Counter[int] = Counter()
    per_board: Counter[int] = Counter()
    for agreement in due_soon:
        case = agreement.case
        if case.assigned_handler_id is not None:
            per_handler[case.assigned_handler_id] += 1
        if agreement.owner == AgreementOwner.SCHOOL_BOARD and agreement.shared_with_school and case.school is not None:
            per_board[case.school.board_id] += 1
    Agreement.objects.filter(pk__in=[a.pk for a in due_soon]).update(reminder_sent_on=today)

    overdue_per_case: dict[int, int] = dict(
        Agreement.objects.filter(status=AgreementStatus.OPEN, due_on__lt=today)
        .values("case")
        .annotate(n=Count("pk"))
        .values_list("case", "n")
    )
    stored = dict(
        Case.objects.filter(Q(agreements_overdue__gt=0) | Q(pk__in=overdue_per_case)).values_list(
            "pk", "agreements_overdue"
        )
    )
    changed = {pk: overdue_per_case.get(pk, 0) for pk in stored if stored[pk] != overdue_per_case.get(pk, 0)}
    cases_per_count: defaultdict[int, list[int]] = defaultdict(list)
    for case_id, count in changed.items():
        cases_per_count[count].append(case_id)
    for count, case_ids in cases_per_count.items():
        Case.objects.filter(pk__in=case_ids).update(agreements_overdue=count)
    # The triage rule weighs overdue agreements: the cases whose count changed get their priority refreshed.
    for case in Case.objects.filter(pk__in=changed).select_related("school", "case_type"):
        case_derived_refresh(case=case)

    handler_counts = dict(per_handler)
    board_counts = dict(per_board)

    def notify() -> None:
        for user_id, count in handler_counts.items():
            staff_notify.enqueue(user_id=user_id, notice=StaffNotice.AGREEMENT_DUE_HANDLER.value, count=count)
        for board_id, count in board_counts.items():
            school_contacts_notify.enqueue(
                board_id=board_id, notice=StaffNotice.AGREEMENT_DUE_SCHOOL.value, count=count
            )

    transaction.on_commit(notify)
    return FollowUpReport(
        reminded=len(due_soon),
        handlers=len(handler_counts),
        boards=len(board_counts),
        overdue=sum(overdue_per_case.values()),
        cases_flagged=len(overdue_per_case),
    )
