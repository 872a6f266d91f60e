"""Reads of the chronology of a case, for its handler; audited as reads."""

from dataclasses import dataclass
from datetime import date, datetime

from django.utils.translation import gettext as _

from meldpunt.accounts.models import User
from meldpunt.accounts.permissions import Action, role_may
from meldpunt.cases.models import Case
from meldpunt.cases.workflow import OPEN_STATES
from meldpunt.core.errors import NotFound, PermissionDenied
from meldpunt.investigations.models import ChronologyEntry
from meldpunt.privacy.actors import Actor
from meldpunt.privacy.services import audit_read


def _content_check(*, case: Case, user: User) -> None:
    if not user.is_active or not role_may(user, Action.CASE_VIEW_CONTENT, case):
        raise PermissionDenied(_("Alleen de behandelaar van deze zaak ziet de chronologie."))


def _origin(kind: str) -> str:
    """Where an entry came from, in the words of the page."""
    origins = {
        "case_received": _("Uit de melding"),
        "case_started": _("Uit de melding"),
        "case_absent": _("Uit de melding"),
        "status_change": _("Uit de status van de zaak"),
        "evidence": _("Uit het bewijsregister"),
        "interview": _("Uit de gesprekken"),
        "request_sent": _("Uit de vragen aan de school"),
        "request_answered": _("Uit de vragen aan de school"),
    }
    return origins.get(kind, _("Toegevoegd door de behandelaar") if not kind else _("Uit het dossier"))


@dataclass(frozen=True)
class ChronologyRow:
    pk: int
    occurred_on: date
    description: str
    origin: str
    edited: bool
    derived: bool
    updated_at: datetime


@dataclass(frozen=True)
class ChronologyPage:
    entries: list[ChronologyRow]
    hidden: list[ChronologyRow]
    may_act: bool


def _row(entry: ChronologyEntry) -> ChronologyRow:
    return ChronologyRow(
        pk=entry.pk,
        occurred_on=entry.occurred_on,
        description=entry.description,
        origin=_origin(entry.source_kind),
        edited=entry.edited and bool(entry.source_kind),
        derived=bool(entry.source_kind),
        updated_at=entry.updated_at,
    )


def chronology_get(*, case: Case, user: User) -> ChronologyPage:
    """The chronology by date (hidden entries apart, so they can be shown again); audited as a read of the case."""
    _content_check(case=case, user=user)
    audit_read(actor=Actor.staff(user), obj=case, details={"view": "chronology"})
    rows = [(entry.removed, _row(entry)) for entry in ChronologyEntry.objects.filter(case=case)]
    return ChronologyPage(
        entries=[row for removed, row in rows if not removed],
        hidden=[row for removed, row in rows if removed],
        may_act=case.status in OPEN_STATES,
    )


def chronology_entry_get(*, case: Case, entry_id: int, user: User) -> ChronologyEntry:
    """One entry, to edit it; audited as a read of that entry."""
    _content_check(case=case, user=user)
    entry = ChronologyEntry.objects.filter(case=case, pk=entry_id).first()
    if entry is None:
        raise NotFound(_("Deze gebeurtenis staat niet in de chronologie van deze zaak."))
    audit_read(actor=Actor.staff(user), obj=entry)
    return entry
