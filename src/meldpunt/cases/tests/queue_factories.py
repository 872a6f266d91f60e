"""Many cases for the queue tests, quickly: rows as intake stores them, without the deliberately slow
access-code hash, with the queue's cached columns set by the real `case_derived_refresh` service."""

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from django.utils import timezone

from meldpunt.accounts.models import User
from meldpunt.cases.constants import Status
from meldpunt.cases.deadlines import local_date
from meldpunt.cases.models import Case
from meldpunt.cases.services import case_derived_refresh, case_reference_next, case_type_default_get
from meldpunt.schools.constants import Sector
from meldpunt.schools.matching import search_text
from meldpunt.schools.models import Board, School

DESCRIPTION = "Mijn dochter wordt elke pauze geduwd door dezelfde drie kinderen."
EMAIL = "melder.queue@example.nl"
PHONE = "06 11122233"

# Events a case in this status has had; the deadline clock reads them.
_EVENTS = {
    Status.INTAKE: ("intake_decided_at",),
    Status.INVESTIGATION: ("intake_decided_at", "investigation_started_at"),
    Status.INTERVENTION: ("intake_decided_at", "investigation_started_at", "findings_at"),
}


def school_make(code: str, *, province: str = "Drenthe", board_number: str = "40001", name: str = "") -> School:
    board, _ = Board.objects.get_or_create(number=board_number, defaults={"name": f"Stichting {board_number}"})
    name = name or f"School {code}"
    return School.objects.create(
        code=code,
        institution_code=code[:4],
        board=board,
        name=name,
        place="Assen",
        province=province,
        sector=Sector.PO,
        search_text=search_text(name=name, place="Assen", municipality="", code=code, institution_code=code[:4]),
    )


def case_make(
    *,
    status: str = Status.RECEIVED,
    handler: User | None = None,
    school: School | None = None,
    received_at: datetime | None = None,
    attendance: str = "attending",
    absent_since: date | None = None,
    acute_danger: bool = False,
    categories: Sequence[str] = ("bullying_psychological",),
    now: datetime | None = None,
    **fields: Any,
) -> Case:
    now = now or timezone.now()
    received_at = received_at or now
    events = {name: received_at for name in _EVENTS.get(Status(status), ())}
    case = Case.objects.create(
        reference=case_reference_next(year=local_date(received_at).year),
        status=status,
        received_at=received_at,
        reporter_role=fields.pop("reporter_role", "parent"),
        categories=list(categories),
        description=DESCRIPTION,
        attendance=attendance,
        absent_since=absent_since,
        acute_danger=acute_danger,
        school=school,
        sector=fields.pop("sector", Sector.PO),
        contact_email=EMAIL,
        contact_phone=PHONE,
        access_code_hash="queue-test-no-hash",
        case_type=case_type_default_get(),
        assigned_handler=handler,
        assigned_at=now if handler else None,
        **events,
        **fields,
    )
    return case_derived_refresh(case=case, now=now)
