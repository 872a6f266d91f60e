import pytest

from meldpunt.network.directory import DirectoryFilters, directory_filters_parse, organisation_matches


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, DirectoryFilters()),
        ({"aanbod": "advice", "voor": "parent"}, DirectoryFilters(offer="advice", audience="parent")),
        ({"thema": "  Pesten ", "sector": "vo"}, DirectoryFilters(theme="pesten", sector="vo")),
        ({"aanbod": "geld", "voor": "kat", "sector": "kinderopvang"}, DirectoryFilters()),
        ({"thema": "x" * 101}, DirectoryFilters()),
    ],
)
def test_filters_parse(params, expected):
    """Known codes are kept, unknown ones count as "all" (an old bookmark still works)."""
    assert directory_filters_parse(params) == expected


@pytest.mark.parametrize(
    ("filters", "matches"),
    [
        (DirectoryFilters(), True),
        (DirectoryFilters(offer="advice"), True),
        (DirectoryFilters(offer="legal_help"), False),
        (DirectoryFilters(offer="advice", audience="pupil", theme="pesten", sector="vo"), True),
        (DirectoryFilters(offer="advice", audience="staff"), False),
        (DirectoryFilters(theme="geweld"), False),
        (DirectoryFilters(sector="mbo"), False),
    ],
)
def test_every_chosen_facet_must_match(filters, matches):
    """Facets combine with AND: each chosen value must be among the organisation's values."""
    organisation = {
        "offers": ["information", "advice"],
        "audience": ["pupil"],
        "themes": ["pesten"],
        "sectors": ["po", "vo"],
    }
    assert organisation_matches(filters, **organisation) is matches
