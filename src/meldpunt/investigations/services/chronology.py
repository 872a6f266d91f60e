"""The chronology of a case: dated events built from the case's dated items, which the handler can edit.

`chronology_rebuild` derives one entry per dated item (the report received, when the situation started,
since when the child stays home, status changes, documents received, interviews, information requests
sent and answered). Each derived entry names its source (`source_kind`, `source_id`), so a rebuild
finds it again: it adds what is missing, brings unedited entries up to date, and never touches an
entry the handler edited or removed. Free entries of the handler have no source.

This module also holds what the evidence and interview services share: the check that the user may
work on the case, and the cleaning of free text.
"""

from dataclasses import dataclass
from datetime import date, datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from meldpunt.accounts.models import User
from meldpunt.accounts.permissions import Action, role_may
from meldpunt.cases.constants import Attendance, Status
from meldpunt.cases.deadlines import local_date
from meldpunt.cases.models import Case, StatusChange
from meldpunt.cases.workflow import OPEN_STATES
from meldpunt.core.errors import MeldpuntError, NotFound, PermissionDenied
from meldpunt.investigations.models import ChronologyEntry, Evidence, InformationRequest, Interview
from meldpunt.investigations.selectors.evidence import party_label
from meldpunt.privacy.actors import Actor
from meldpunt.privacy.services import audit_record

DESCRIPTION_MAX_CHARS = 2_000

KIND_CASE_RECEIVED = "case_received"
KIND_CASE_STARTED = "case_started"
KIND_CASE_ABSENT = "case_absent"
KIND_STATUS_CHANGE = "status_change"
KIND_EVIDENCE = "evidence"
KIND_INTERVIEW = "interview"
KIND_REQUEST_SENT = "request_sent"
KIND_REQUEST_ANSWERED = "request_answered"
# The kinds a rebuild owns: an unedited entry of one of these kinds whose source is gone is removed.
DERIVED_KINDS = frozenset(
    {
        KIND_CASE_RECEIVED,
        KIND_CASE_STARTED,
        KIND_CASE_ABSENT,
        KIND_STATUS_CHANGE,
        KIND_EVIDENCE,
        KIND_INTERVIEW,
        KIND_REQUEST_SENT,
        KIND_REQUEST_ANSWERED,
    }
)


class InvestigationError(MeldpuntError):
    """A fact-finding action the rules refuse; `field` names the form field it is about."""


# Shared by the evidence, interview and chronology services.


def case_content_check(*, case: Case, user: User) -> None:
    """Only someone who may read the case's content (its handler) reads or changes investigation material."""
    if not user.is_active or not role_may(user, Action.CASE_VIEW_CONTENT, case):
        raise PermissionDenied(_("U mag dit niet doen."))


def case_work_check(*, case: Case, user: User) -> None:
    """The handler of the case, while the case is open, may add to and change the investigation."""
    case_content_check(case=case, user=user)
    if case.status not in OPEN_STATES:
        raise InvestigationError(
            _("Deze zaak is afgesloten. U kunt in het onderzoek niets meer toevoegen of wijzigen.")
        )


def text_clean(value: str, *, field: str, max_chars: int, required_message: str = "") -> str:
    """Trimmed text; refused when required and empty, too long, or holding a NUL character."""
    text = value.strip()
    if required_message and not text:
        raise InvestigationError(required_message, field=field)
    if len(text) > max_chars:
        raise InvestigationError(
            _("Gebruik hoogstens %(max)d tekens. U gebruikte er %(count)d.") % {"max": max_chars, "count": len(text)},
            field=field,
        )
    if "\x00" in text:
        raise InvestigationError(_("De tekst bevat een teken dat niet is toegestaan."), field=field)
    return text


# Deriving the entries.


@dataclass(frozen=True)
class ChronologySource:
    """One dated item of the case, as the chronology shows it until the handler edits it."""

    kind: str
    source_id: int
    occurred_on: date
    description: str


# Derived descriptions are stored, so they are written in the dossier's language, whatever the viewer's.


def evidence_source(evidence: Evidence) -> ChronologySource:
    with translation.override(settings.LANGUAGE_CODE):
        description = _("Stuk ontvangen: %(title)s") % {"title": evidence.title}
    return ChronologySource(KIND_EVIDENCE, evidence.pk, evidence.received_on, description)


def interview_source(interview: Interview) -> ChronologySource:
    with translation.override(settings.LANGUAGE_CODE):
        description = _("Gesprek met %(who)s") % {"who": party_label(interview.interviewee)}
    return ChronologySource(KIND_INTERVIEW, interview.pk, local_date(interview.held_at), description)


def _case_sources(case: Case) -> list[ChronologySource]:
    sources = [ChronologySource(KIND_CASE_RECEIVED, case.pk, local_date(case.received_at), _("Melding ontvangen"))]
    if case.started_on is not None:
        sources.append(
            ChronologySource(KIND_CASE_STARTED, case.pk, case.started_on, _("De situatie begon (volgens de melder)"))
        )
    if case.absent_since is not None:
        description = (
            _("Het kind gaat sinds deze dag niet meer naar school (volgens de melder)")
            if case.attendance == Attendance.NOT_ATTENDING
            else _("Het kind gaat sinds deze dag maar een deel van de tijd naar school (volgens de melder)")
        )
        sources.append(ChronologySource(KIND_CASE_ABSENT, case.pk, case.absent_since, description))
    return sources


def _sources(case: Case) -> list[ChronologySource]:
    """Every dated item of the case, in the dossier's language."""
    with translation.override(settings.LANGUAGE_CODE):
        sources = _case_sources(case)
        # The first status row is the report itself, already "Melding ontvangen".
        for change in StatusChange.objects.filter(case=case).exclude(from_status="").only("pk", "to_status", "at"):
            label = Status(change.to_status).label
            sources.append(
                ChronologySource(
                    KIND_STATUS_CHANGE,
                    change.pk,
                    local_date(change.at),
                    _("Status van de zaak: %(status)s") % {"status": label},
                )
            )
        requests = InformationRequest.objects.filter(case=case, sent_at__isnull=False).only(
            "pk", "sent_at", "answered_at"
        )
        for request in requests:
            assert request.sent_at is not None
            sources.append(
                ChronologySource(
                    KIND_REQUEST_SENT,
                    request.pk,
                    local_date(request.sent_at),
                    _("Vragen gestuurd aan het schoolbestuur"),
                )
            )
            if request.answered_at is not None:
                sources.append(
                    ChronologySource(
                        KIND_REQUEST_ANSWERED,
                        request.pk,
                        local_date(request.answered_at),
                        _("Antwoorden ontvangen van het schoolbestuur"),
                    )
                )
    sources += [evidence_source(item) for item in Evidence.objects.filter(case=case).only("pk", "title", "received_on")]
    # select_related: each interview's description names the party.
    sources += [interview_source(item) for item in Interview.objects.filter(case=case).select_related("interviewee")]
    return sources


def _entry_follow(entry: ChronologyEntry, source: ChronologySource, *, user: User | None, now: datetime) -> str:
    """Bring an existing derived entry in line with its source, unless the handler edited or removed it."""
    if entry.edited or entry.removed:
        return "kept"
    if entry.occurred_on == source.occurred_on and entry.description == source.description:
        return "kept"
    entry.occurred_on = source.occurred_on
    entry.description = source.description
    entry.updated_at = now
    entry.updated_by = user
    entry.save(update_fields=["occurred_on", "description", "updated_at", "updated_by"])
    return "updated"


def chronology_source_sync(*, case: Case, source: ChronologySource, user: User | None, now: datetime) -> str:
    """Add or update the entry of one dated item; an edited or removed entry stays as the handler left it.

    Returns what happened: "created", "updated" or "kept". Runs in the caller's transaction; a concurrent
    creation of the same entry is caught by the unique constraint and read back (get_or_create).
    """
    entry, created = ChronologyEntry.objects.get_or_create(
        case=case,
        source_kind=source.kind,
        source_id=source.source_id,
        defaults={
            "occurred_on": source.occurred_on,
            "description": source.description,
            "updated_at": now,
            "updated_by": user,
        },
    )
    return "created" if created else _entry_follow(entry, source, user=user, now=now)


@dataclass(frozen=True)
class ChronologyRebuild:
    created: int
    updated: int
    deleted: int

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated or self.deleted)


@transaction.atomic
def chronology_rebuild(*, case: Case, user: User, now: datetime | None = None) -> ChronologyRebuild:
    """Bring the derived entries up to date with the case's dated items. Idempotent; audited when it changes any."""
    case_content_check(case=case, user=user)
    now = now or timezone.now()
    # Locked (on PostgreSQL) so two rebuilds of one case do not both add the same entry; fresh dates too.
    locked = Case.objects.select_for_update().get(pk=case.pk)
    sources = _sources(locked)
    # One query for what is there; only missing or changed entries cost a write.
    existing = {
        (entry.source_kind, entry.source_id): entry
        for entry in ChronologyEntry.objects.filter(case=locked, source_kind__in=DERIVED_KINDS)
    }
    counts = {"created": 0, "updated": 0, "kept": 0}
    for source in sources:
        entry = existing.get((source.kind, source.source_id))
        if entry is None:
            counts[chronology_source_sync(case=locked, source=source, user=None, now=now)] += 1
        else:
            counts[_entry_follow(entry, source, user=None, now=now)] += 1
    wanted = {(source.kind, source.source_id) for source in sources}
    stale = [
        entry.pk for key, entry in existing.items() if key not in wanted and not entry.edited and not entry.removed
    ]
    if stale:
        ChronologyEntry.objects.filter(pk__in=stale).delete()
    result = ChronologyRebuild(created=counts["created"], updated=counts["updated"], deleted=len(stale))
    if result.changed:
        audit_record(
            actor=Actor.staff(user),
            action="chronology.rebuilt",
            obj=locked,
            details={"created": result.created, "updated": result.updated, "deleted": result.deleted},
        )
    return result


# The handler's own changes.


def _occurred_on_check(occurred_on: date, *, now: datetime) -> None:
    if occurred_on > local_date(now):
        raise InvestigationError(
            _("Een gebeurtenis in de chronologie kan niet in de toekomst liggen. Vul een datum in tot en met vandaag."),
            field="occurred_on",
        )


def _description_clean(description: str) -> str:
    return text_clean(
        description,
        field="description",
        max_chars=DESCRIPTION_MAX_CHARS,
        required_message=_("Beschrijf wat er gebeurde."),
    )


def _entry_get(*, case: Case, entry_id: int) -> ChronologyEntry:
    entry = ChronologyEntry.objects.select_for_update().filter(case=case, pk=entry_id).first()
    if entry is None:
        raise NotFound(_("Deze gebeurtenis staat niet in de chronologie van deze zaak."))
    return entry


@transaction.atomic
def chronology_entry_add(
    *, case: Case, user: User, occurred_on: date, description: str, now: datetime | None = None
) -> ChronologyEntry:
    """A free entry of the handler: no source, so a rebuild never changes it."""
    case_work_check(case=case, user=user)
    now = now or timezone.now()
    _occurred_on_check(occurred_on, now=now)
    entry = ChronologyEntry.objects.create(
        case=case,
        occurred_on=occurred_on,
        description=_description_clean(description),
        edited=True,
        updated_at=now,
        updated_by=user,
    )
    audit_record(actor=Actor.staff(user), action="chronology.entry_added", obj=entry, details={"case": case.pk})
    return entry


@transaction.atomic
def chronology_entry_edit(
    *, case: Case, entry_id: int, user: User, occurred_on: date, description: str, now: datetime | None = None
) -> ChronologyEntry:
    """The handler corrects the date or the words; from then on a rebuild leaves the entry alone."""
    case_work_check(case=case, user=user)
    now = now or timezone.now()
    entry = _entry_get(case=case, entry_id=entry_id)
    _occurred_on_check(occurred_on, now=now)
    text = _description_clean(description)
    changed = [
        name for name, new in (("date", occurred_on != entry.occurred_on), ("text", text != entry.description)) if new
    ]
    entry.occurred_on = occurred_on
    entry.description = text
    entry.edited = True
    entry.updated_at = now
    entry.updated_by = user
    entry.save(update_fields=["occurred_on", "description", "edited", "updated_at", "updated_by"])
    audit_record(
        actor=Actor.staff(user),
        action="chronology.entry_edited",
        obj=entry,
        details={"case": case.pk, "changed": changed},
    )
    return entry


@transaction.atomic
def chronology_entry_remove(*, case: Case, entry_id: int, user: User, now: datetime | None = None) -> ChronologyEntry:
    """Hide an entry from the chronology. It is kept, so a rebuild does not bring it back and it can be restored."""
    case_work_check(case=case, user=user)
    entry = _entry_get(case=case, entry_id=entry_id)
    if entry.removed:
        raise InvestigationError(_("Deze gebeurtenis is al verborgen."))
    entry.removed = True
    entry.updated_at = now or timezone.now()
    entry.updated_by = user
    entry.save(update_fields=["removed", "updated_at", "updated_by"])
    audit_record(actor=Actor.staff(user), action="chronology.entry_removed", obj=entry, details={"case": case.pk})
    return entry


@transaction.atomic
def chronology_entry_restore(*, case: Case, entry_id: int, user: User, now: datetime | None = None) -> ChronologyEntry:
    """Show a hidden entry again."""
    case_work_check(case=case, user=user)
    entry = _entry_get(case=case, entry_id=entry_id)
    if not entry.removed:
        raise InvestigationError(_("Deze gebeurtenis staat al in de chronologie."))
    entry.removed = False
    entry.updated_at = now or timezone.now()
    entry.updated_by = user
    entry.save(update_fields=["removed", "updated_at", "updated_by"])
    audit_record(actor=Actor.staff(user), action="chronology.entry_restored", obj=entry, details={"case": case.pk})
    return entry
