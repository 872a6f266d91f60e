"""Permission-matrix rows of the evidence, interview and chronology pages, and the builders they and the tests share.

Only the handler assigned to the case opens these pages: a coordinator sees the triage summary of a
case but not its investigation, and school contacts, partners, analysts and administrators see none.
"""

import io
from datetime import timedelta
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from meldpunt.accounts.models import User
from meldpunt.accounts.tests.matrix import Row, World, png, reference_kwargs
from meldpunt.cases.deadlines import local_date
from meldpunt.cases.models import Case
from meldpunt.intake.attachments import CheckedAttachment, attachment_check
from meldpunt.investigations.constants import EvidenceSource, PartyRole
from meldpunt.investigations.models import ChronologyEntry, Evidence, Interview, Party
from meldpunt.investigations.services.chronology import chronology_entry_add, chronology_entry_remove
from meldpunt.investigations.services.evidence import evidence_register
from meldpunt.investigations.services.interviews import interview_record
from meldpunt.privacy.actors import Actor

HANDLER_ONLY = frozenset({"handler"})


def today_input() -> str:
    """Today as the forms take a date (dag-maand-jaar)."""
    return local_date(timezone.now()).strftime("%d-%m-%Y")


def party_add(case: Case, role: str = PartyRole.WITNESS, name: str = "Getuige Jansen") -> Party:
    """A party of the case (the parties' own services belong to the workspace; here only the row matters)."""
    return Party.objects.create(case=case, role=role, name=name, added_at=timezone.now())


def checked_png(name: str = "brief.png", colour: str = "green") -> CheckedAttachment:
    """A small PNG as the upload check passes it; another colour gives other bytes."""
    out = io.BytesIO()
    Image.new("RGB", (8, 8), colour).save(out, format="PNG")
    return attachment_check(filename=name, data=out.getvalue())


def evidence_add(case: Case, handler: User, **overrides: Any) -> Evidence:
    """A document registered by the handler through the real service."""
    values: dict[str, Any] = {
        "title": "Brief van de school",
        "attachment": checked_png(),
        "source": EvidenceSource.SCHOOL,
        "received_on": local_date(timezone.now()),
    }
    values.update(overrides)
    return evidence_register(case=case, actor=Actor.staff(handler), user=handler, **values)


def interview_add(case: Case, handler: User, party: Party | None = None, **overrides: Any) -> Interview:
    """An interview held an hour ago (or at the case's reception, whichever is later), recorded by the handler."""
    values: dict[str, Any] = {
        "held_at": max(timezone.now() - timedelta(hours=1), case.received_at),
        "location": "Op school",
        "present": "Steunpersoon",
        "summary": "De leerling vertelde wat er in de pauze gebeurde.",
        "agreed_by_interviewee": None,
    }
    values.update(overrides)
    party = party or party_add(case)
    return interview_record(case=case, user=handler, interviewee_id=party.pk, **values)


def _handler(world: World) -> User:
    user: User = world.users["handler"]
    return user


def _evidence_kwargs(world: World, user: Any) -> dict[str, Any]:
    return {"reference": world.case.reference, "evidence_id": evidence_add(world.case, _handler(world)).pk}


def _interview_kwargs(world: World, user: Any) -> dict[str, Any]:
    return {"reference": world.case.reference, "interview_id": interview_add(world.case, _handler(world)).pk}


def _entry(world: World, *, removed: bool = False) -> ChronologyEntry:
    entry = chronology_entry_add(
        case=world.case,
        user=_handler(world),
        occurred_on=local_date(timezone.now()),
        description="Telefoongesprek met de school",
    )
    if removed:
        entry = chronology_entry_remove(case=world.case, entry_id=entry.pk, user=_handler(world))
    return entry


def _entry_kwargs(world: World, user: Any) -> dict[str, Any]:
    return {"reference": world.case.reference, "entry_id": _entry(world).pk}


def _removed_entry_kwargs(world: World, user: Any) -> dict[str, Any]:
    return {"reference": world.case.reference, "entry_id": _entry(world, removed=True).pk}


def _attachment_kwargs(world: World, user: Any) -> dict[str, Any]:
    return {"reference": world.case.reference, "attachment_id": world.case.attachments.get().pk}


def _evidence_data(world: World) -> dict[str, Any]:
    return {
        "title": "Brief van de school",
        "file": SimpleUploadedFile("brief.png", png(), content_type="image/png"),
        "source": EvidenceSource.SCHOOL,
        "source_party": "",
        "received_on": today_input(),
    }


def _interview_data(world: World) -> dict[str, Any]:
    return {
        "interviewee": str(world.case.parties.get().pk),
        "held_on": today_input(),
        "held_time": "00:00",
        "location": "Op school",
        "summary": "Verslag van het gesprek.",
        "agreed": "pending",
    }


def _with_party(world: World, user: Any) -> None:
    party_add(world.case)


def _entry_data(world: World) -> dict[str, Any]:
    return {"occurred_on": today_input(), "description": "Telefoongesprek met de school"}


BACK_OFFICE: dict[str, Row] = {
    "investigations:evidence": Row("get", HANDLER_ONLY, kwargs=reference_kwargs),
    "investigations:evidence_add": Row("post", HANDLER_ONLY, kwargs=reference_kwargs, data=_evidence_data),
    "investigations:evidence_from_attachment": Row("post", HANDLER_ONLY, kwargs=_attachment_kwargs),
    "investigations:evidence_open": Row("get", HANDLER_ONLY, kwargs=_evidence_kwargs),
    "investigations:interviews": Row("get", HANDLER_ONLY, kwargs=reference_kwargs),
    "investigations:interview_add": Row(
        "post", HANDLER_ONLY, kwargs=reference_kwargs, data=_interview_data, setup=_with_party
    ),
    "investigations:interview": Row("get", HANDLER_ONLY, kwargs=_interview_kwargs),
    "investigations:interview_agreement": Row(
        "post", HANDLER_ONLY, kwargs=_interview_kwargs, data=lambda world: {"agreed": "yes"}
    ),
    "investigations:chronology": Row("get", HANDLER_ONLY, kwargs=reference_kwargs),
    "investigations:chronology_add": Row("post", HANDLER_ONLY, kwargs=reference_kwargs, data=_entry_data),
    "investigations:chronology_edit": Row("post", HANDLER_ONLY, kwargs=_entry_kwargs, data=_entry_data),
    "investigations:chronology_remove": Row("post", HANDLER_ONLY, kwargs=_entry_kwargs),
    "investigations:chronology_restore": Row("post", HANDLER_ONLY, kwargs=_removed_entry_kwargs),
}
