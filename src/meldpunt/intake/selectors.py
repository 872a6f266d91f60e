"""Reads for intake."""

from meldpunt.intake.validation import SchoolFacts
from meldpunt.schools.models import School


def intake_school_facts(code: str) -> SchoolFacts | None:
    """The school a report may name: only schools open now; closed ones stay in the registry for old cases."""
    if not (code.isascii() and code.isalnum()):
        # DUO codes are letters and digits; anything else (a NUL, for one, which PostgreSQL refuses in a
        # query) cannot be in the registry, so it is not looked up.
        return None
    row = School.objects.filter(code=code, active=True).values_list("code", "sector").first()
    return SchoolFacts(code=row[0], sector=row[1]) if row else None
