"""Reads from the school registry. School data is public (DUO open data), so no viewer scoping."""

from datetime import date

from django.db.models import Case, IntegerField, Q, QuerySet, Value, When

from meldpunt.schools import matching
from meldpunt.schools.models import School, SchoolHoliday


def school_search(*, query: str, limit: int = 20, include_inactive: bool = False) -> list[School]:
    """Schools whose name, place or code has a word starting with every term of `query`, best first.

    Ranking: the exact location code (`32JK00`), then the exact institution code (`32JK`), then
    names that start with the query as typed, then the rest; within a rank alphabetically by name
    and place. Every term is one `LIKE '% term%'` on the folded `search_text`, which needs no
    database-specific text search: a scan of a few thousand short strings takes a few milliseconds
    on SQLite and PostgreSQL (bench/schools_search.py measures it).
    """
    terms = matching.search_terms(query)
    if not terms or limit <= 0:
        return []
    schools: QuerySet[School] = School.objects.all()
    if not include_inactive:
        schools = schools.filter(active=True)
    for term in terms:
        # Terms hold only a-z and 0-9, so no LIKE wildcard can slip in (and Django escapes them anyway).
        schools = schools.filter(search_text__contains=f" {term}")
    compact = "".join(terms).upper()
    rank = Case(
        When(code=compact, then=Value(0)),
        When(institution_code=compact, then=Value(1)),
        When(Q(search_text__startswith=f" {' '.join(terms)}"), then=Value(2)),
        default=Value(3),
        output_field=IntegerField(),
    )
    # search_text starts with the folded name and then the place: a case- and accent-blind order.
    return list(schools.annotate(rank=rank).order_by("rank", "search_text", "code")[:limit])


def school_holidays_for_region(*, region: str) -> list[tuple[date, date]]:
    """The holidays of one region plus the national ones, as inclusive (first, last) day pairs."""
    return list(
        SchoolHoliday.objects.filter(region__in=[region, "heel-nederland"])
        .order_by("start")
        .values_list("start", "end")
    )
