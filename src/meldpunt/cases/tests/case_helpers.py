"""Cases for the case-handling tests, made through the real intake and workflow services."""

from collections.abc import Sequence
from typing import Any

from django.utils import timezone

from meldpunt.accounts.models import User
from meldpunt.cases.deadlines import local_date
from meldpunt.cases.models import Case
from meldpunt.cases.services import case_start_intake, case_start_investigation
from meldpunt.intake.attachments import CheckedAttachment
from meldpunt.intake.services import report_submit
from meldpunt.intake.validation import SchoolFacts, report_validate

REPORT = {
    "reporter_role": "parent",
    "categories": ["bullying_psychological"],
    "description": "Mijn zoon wordt al weken buitengesloten in de klas.",
    "attendance": "attending",
    "acute_danger": False,
    "contact": {"email": "ouder@example.nl", "phone": "06 12345678"},
    "language": "nl",
}


def case_submitted(attachments: Sequence[CheckedAttachment] = (), **overrides: Any) -> Case:
    """A report as the public intake stores it, received now."""
    report, errors = report_validate(
        {**REPORT, **overrides},
        today=local_date(timezone.now()),
        school_lookup=lambda code: SchoolFacts(code, "po"),
    )
    assert errors == {}, errors
    return report_submit(report=report, attachments=attachments).case


def case_assigned(case: Case, handler: User) -> Case:
    """Assign the handler (the assignment service belongs to the queue; here only its effect matters)."""
    Case.objects.filter(pk=case.pk).update(assigned_handler=handler, assigned_at=timezone.now())
    case.refresh_from_db()
    return case


def case_in_investigation(handler: User, **overrides: Any) -> Case:
    """A case assigned to `handler`, through intake into investigation: the findings term runs."""
    case = case_assigned(case_submitted(**overrides), handler)
    case = case_start_intake(case=case, actor=handler)
    return case_start_investigation(case=case, actor=handler)
