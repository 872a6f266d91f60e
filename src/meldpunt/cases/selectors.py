"""Reads on cases. Deadlines are derived here from the case's events, never stored by hand."""

from datetime import datetime

from django.utils import timezone

from meldpunt.cases.constants import Attendance, TermCode
from meldpunt.cases.deadlines import (
    Deadline,
    DueState,
    Duration,
    Extension,
    RunningTerm,
    Suspension,
    TermSpec,
    deadline_of,
)
from meldpunt.cases.models import Case, CaseType
from meldpunt.cases.terms import DEFAULT_CASE_TYPE_CODE, DEFAULT_TERMS, term_spec


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
    started.append((TermCode.FOLLOW_UP_FIRST, case.closed_at, None))
    started.append((TermCode.FOLLOW_UP_SECOND, case.closed_at, None))
    return [
        RunningTerm(specs[code], started_at, met_at=met_at, extensions=tuple(extensions.get(code, ())))
        for code, started_at, met_at in started
        if started_at is not None and code in specs
    ]


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
