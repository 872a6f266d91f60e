"""Interview records: who was heard, when, where, who else was there, what was said, and whether the
interviewee agreed with the record. Internal only: the confidentiality table shows them to no party."""

from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from meldpunt.accounts.models import User
from meldpunt.cases.deadlines import local_date
from meldpunt.cases.models import Case
from meldpunt.core.errors import NotFound
from meldpunt.investigations.models import Interview, Party
from meldpunt.investigations.services.chronology import (
    InvestigationError,
    case_work_check,
    chronology_source_sync,
    interview_source,
    text_clean,
)
from meldpunt.privacy.actors import Actor
from meldpunt.privacy.services import audit_record

LOCATION_MAX_CHARS = 300
PRESENT_MAX_CHARS = 2_000
SUMMARY_MAX_CHARS = 20_000


@transaction.atomic
def interview_record(
    *,
    case: Case,
    user: User,
    interviewee_id: int,
    held_at: datetime,
    location: str,
    present: str,
    summary: str,
    agreed_by_interviewee: bool | None,
    now: datetime | None = None,
) -> Interview:
    """Record an interview held with a party of the case, and add it to the chronology."""
    case_work_check(case=case, user=user)
    now = now or timezone.now()
    interviewee = Party.objects.filter(case=case, pk=interviewee_id).first()
    if interviewee is None:
        raise InvestigationError(_("Kies een betrokkene van deze zaak."), field="interviewee")
    if timezone.is_naive(held_at):
        raise ValueError("held_at must be an aware datetime.")
    if held_at > now:
        raise InvestigationError(
            _("Het gesprek kan niet in de toekomst liggen. Leg een gesprek vast nadat het is gehouden."),
            field="held_at",
        )
    case_received_on = local_date(case.received_at)
    if local_date(held_at) < case_received_on:
        raise InvestigationError(
            _("Het gesprek kan niet eerder zijn gehouden dan de melding binnenkwam (%(date)s).")
            % {"date": case_received_on.strftime("%d-%m-%Y")},
            field="held_at",
        )
    interview = Interview.objects.create(
        case=case,
        interviewee=interviewee,
        held_at=held_at,
        location=text_clean(location, field="location", max_chars=LOCATION_MAX_CHARS),
        present=text_clean(present, field="present", max_chars=PRESENT_MAX_CHARS),
        summary=text_clean(
            summary,
            field="summary",
            max_chars=SUMMARY_MAX_CHARS,
            required_message=_("Schrijf een samenvatting van het gesprek."),
        ),
        agreed_by_interviewee=agreed_by_interviewee,
        recorded_at=now,
        recorded_by=user,
    )
    audit_record(
        actor=Actor.staff(user),
        action="interview.recorded",
        obj=interview,
        details={"case": case.pk, "role": interviewee.role, "agreed": agreed_by_interviewee},
    )
    chronology_source_sync(case=case, source=interview_source(interview), user=user, now=now)
    return interview


@transaction.atomic
def interview_agreement_set(*, case: Case, interview_id: int, user: User, agreed: bool | None) -> Interview:
    """Record later whether the interviewee agreed with the record (yes, no, or not yet)."""
    case_work_check(case=case, user=user)
    interview = Interview.objects.select_for_update().filter(case=case, pk=interview_id).first()
    if interview is None:
        raise NotFound(_("Dit gesprek hoort niet bij deze zaak."))
    previous = interview.agreed_by_interviewee
    interview.agreed_by_interviewee = agreed
    interview.save(update_fields=["agreed_by_interviewee"])
    audit_record(
        actor=Actor.staff(user),
        action="interview.agreement_set",
        obj=interview,
        details={"case": case.pk, "from": previous, "to": agreed},
    )
    return interview
