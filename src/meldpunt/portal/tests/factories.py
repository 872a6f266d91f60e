"""Reports for the portal and reporter API tests, made through the real intake service."""

from typing import Any

from django.utils import timezone

from meldpunt.intake.services import SubmittedReport, report_submit
from meldpunt.intake.validation import SchoolFacts, report_validate

DESCRIPTION = "Ze schelden me elke dag uit in de pauze en niemand doet iets."
EMAIL = "leerling.melder@example.nl"
PHONE = "06 98765432"


def report_body(**overrides: Any) -> dict[str, Any]:
    """A pupil's report with an email address, the school not named unless `school=` is given."""
    return {
        "reporter_role": "pupil",
        "categories": ["bullying_psychological"],
        "description": DESCRIPTION,
        "attendance": "partly",
        "acute_danger": False,
        "contact": {"email": EMAIL, "phone": PHONE},
        "share_identity_with_school": False,
        "language": "nl",
        **overrides,
    }


def submit_report(**overrides: Any) -> SubmittedReport:
    """Submit through the real intake service, as the wizard and the intake API do."""
    report, errors = report_validate(
        report_body(**overrides),
        today=timezone.localdate(),
        school_lookup=lambda code: SchoolFacts(code, "po"),
    )
    assert errors == {}, errors
    assert report is not None
    return report_submit(report=report)
