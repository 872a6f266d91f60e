"""Writes on cases. Every state change is a named service; see DESIGN.md for the lifecycle."""

from django.db import transaction

from meldpunt.cases.models import ReferenceCounter

REFERENCE_PREFIX = "MSV"


@transaction.atomic
def case_reference_next(*, year: int) -> str:
    """`MSV-<year>-<6 digits>`: numbered per year from a locked counter row, never reused."""
    ReferenceCounter.objects.get_or_create(year=year)
    counter = ReferenceCounter.objects.select_for_update().get(year=year)
    counter.last_number += 1
    counter.save(update_fields=["last_number"])
    return f"{REFERENCE_PREFIX}-{year}-{counter.last_number:06d}"
