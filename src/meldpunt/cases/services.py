"""Writes on cases. Every state change is a named service; see DESIGN.md for the lifecycle."""

from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from meldpunt.accounts.models import User
from meldpunt.accounts.permissions import Action, role_may
from meldpunt.cases.constants import MessageDirection, Status
from meldpunt.cases.deadlines import local_date
from meldpunt.cases.models import Case, CaseType, Message, ReferenceCounter, Term
from meldpunt.cases.selectors import case_deadlines, case_next_deadline
from meldpunt.cases.terms import DEFAULT_CASE_TYPE_CODE, DEFAULT_CASE_TYPE_NAME, DEFAULT_TERMS
from meldpunt.cases.triage import TriageFacts, triage
from meldpunt.cases.workflow import OPEN_STATES
from meldpunt.core.errors import PermissionDenied
from meldpunt.portal.conversation import message_body_clean
from meldpunt.portal.tasks import reporter_news_announce
from meldpunt.privacy.actors import Actor
from meldpunt.privacy.services import audit_record

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
    reporter_news_announce(case=case)
    return message


def case_triage_facts(*, case: Case, now: datetime) -> TriageFacts:
    """The facts the triage rule weighs, gathered from the case, its school and its deadlines."""
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
        absent_since=case.absent_since,
        acute_danger=case.acute_danger,
        accused_is_staff=case.accused_is_staff,
        reporter_role=case.reporter_role,
        categories=tuple(case.categories),
        earlier_reports_same_school=earlier,
        waiting=case.status in (Status.RECEIVED, Status.INTAKE),
        deadline_days_left=next_deadline.working_days_left if next_deadline else None,
    )


@transaction.atomic
def case_derived_refresh(*, case: Case, now: datetime | None = None) -> Case:
    """Recompute the cached priority and next due date that the queue sorts and filters on.

    Called by every service that changes what the deadline clock or the triage rule reads, and daily by
    the reminders task (time alone moves deadlines closer). The truth stays in the rules; these columns
    only make the queue fast.
    """
    now = now or timezone.now()
    next_deadline = case_next_deadline(deadlines=case_deadlines(case=case, now=now))
    case.priority = triage(case_triage_facts(case=case, now=now)).score if case.status in OPEN_STATES else 0
    case.next_due_on = next_deadline.due if next_deadline else None
    case.next_due_code = next_deadline.code if next_deadline else ""
    case.region = case.school.province if case.school_id and case.school else ""
    case.primary_category = case.categories[0] if case.categories else ""
    case.save(update_fields=["priority", "next_due_on", "next_due_code", "region", "primary_category", "updated_at"])
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
