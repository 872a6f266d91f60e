"""Reads of the network directory. The directory is public information, so public reads need no viewer;
the administrators' lists check the permission (they also show hidden organisations).

The directory holds a few dozen organisations, so facets and search work on the active rows in
Python: the JSON list columns then need no database-specific JSON lookups (SQLite lacks `contains`).
"""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext as _

from meldpunt.accounts.models import User
from meldpunt.accounts.permissions import Action, require
from meldpunt.content.scoring import query_terms, search_score, snippet
from meldpunt.core.errors import NotFound
from meldpunt.core.search import SearchHit
from meldpunt.network.constants import SECTOR_CODES, Audience, Offer
from meldpunt.network.directory import DirectoryFilters, organisation_matches
from meldpunt.network.display import theme_label
from meldpunt.network.models import Organisation
from meldpunt.schools.constants import Sector


@dataclass(frozen=True)
class FacetOption:
    value: str
    label: str
    selected: bool


@dataclass(frozen=True)
class Directory:
    organisations: list[Organisation]
    offers: list[FacetOption]
    audiences: list[FacetOption]
    themes: list[FacetOption]
    sectors: list[FacetOption]


def _active() -> list[Organisation]:
    return list(Organisation.objects.filter(active=True).order_by("name"))


def _options(
    present: set[str], ordered: list[tuple[str, str]], *, selected: str, sort_by_label: bool = False
) -> list[FacetOption]:
    """The values that occur among the organisations (and the chosen one), so no option leads to nothing."""
    options = [
        FacetOption(value=value, label=label, selected=value == selected)
        for value, label in ordered
        if value in present or value == selected
    ]
    return sorted(options, key=lambda option: option.label.casefold()) if sort_by_label else options


def organisations_directory(*, filters: DirectoryFilters) -> Directory:
    """The shown organisations that match every chosen facet, by name, with the options of each facet."""
    active = _active()
    chosen = [
        organisation
        for organisation in active
        if organisation_matches(
            filters,
            offers=organisation.offers,
            audience=organisation.audience,
            themes=organisation.themes,
            sectors=organisation.sectors,
        )
    ]
    offers = {code for organisation in active for code in organisation.offers}
    audiences = {code for organisation in active for code in organisation.audience}
    themes = {theme for organisation in active for theme in organisation.themes}
    sectors = {code for organisation in active for code in organisation.sectors}
    return Directory(
        organisations=chosen,
        offers=_options(offers, [(o.value, str(o.label)) for o in Offer], selected=filters.offer),
        audiences=_options(audiences, [(a.value, str(a.label)) for a in Audience], selected=filters.audience),
        themes=_options(
            themes,
            [(theme, theme_label(theme)) for theme in themes | {filters.theme} - {""}],
            selected=filters.theme,
            sort_by_label=True,
        ),
        sectors=_options(sectors, [(code, str(Sector(code).label)) for code in SECTOR_CODES], selected=filters.sector),
    )


def organisation_public_get(*, slug: str) -> Organisation:
    """A shown organisation by its address name; a hidden one does not exist for the public."""
    organisation = Organisation.objects.filter(slug=slug, active=True).first()
    if organisation is None:
        raise NotFound(_("Deze organisatie staat niet (meer) in de lijst."))
    return organisation


def organisation_search(*, query: str, language: str) -> list[SearchHit]:
    """Shown organisations whose name, description (in `language`) or themes hold every term of `query`."""
    terms = query_terms(query)
    if not terms:
        return []
    hits: list[SearchHit] = []
    for organisation in _active():
        description = (
            (organisation.description_en or organisation.description_nl)
            if language == "en"
            else (organisation.description_nl)
        )
        themes = " ".join(theme_label(theme) for theme in organisation.themes)
        if language == "en":
            # The Dutch theme words too: a visitor may type "pesten" on the English page.
            themes = f"{themes} {' '.join(organisation.themes)}"
        score = search_score(terms, title=organisation.name, body=f"{description} {themes}")
        if score:
            hits.append(
                SearchHit(
                    kind="organisation",
                    title=organisation.name,
                    url=reverse("network:detail", kwargs={"slug": organisation.slug}),
                    snippet=snippet(terms, description),
                    score=score,
                )
            )
    return hits


def organisations_for_admin(*, viewer: User) -> list[Organisation]:
    """Every organisation, hidden ones too, for the administrators' list."""
    require(viewer, Action.CONTENT_EDIT)
    return list(Organisation.objects.order_by("name"))


def organisation_for_admin_get(*, viewer: User, slug: str) -> Organisation:
    require(viewer, Action.CONTENT_EDIT)
    organisation = Organisation.objects.filter(slug=slug).first()
    if organisation is None:
        raise NotFound(_("Deze organisatie bestaat niet."))
    return organisation
