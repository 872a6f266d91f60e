"""The directory's facet filters: parsing the GET form and matching an organisation. Pure: no database.

The filters are a plain GET form (works without JavaScript, can be bookmarked). A value that is not
one of the known codes is ignored rather than refused: an old bookmark still shows the directory.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from meldpunt.network.constants import SECTOR_CODES, Audience, Offer

# The query parameters of the directory, Dutch like the rest of the public addresses.
PARAM_OFFER = "aanbod"
PARAM_AUDIENCE = "voor"
PARAM_THEME = "thema"
PARAM_SECTOR = "sector"
THEME_MAX_CHARS = 100


@dataclass(frozen=True)
class DirectoryFilters:
    offer: str = ""
    audience: str = ""
    theme: str = ""
    sector: str = ""

    @property
    def active(self) -> bool:
        return bool(self.offer or self.audience or self.theme or self.sector)


def directory_filters_parse(params: Mapping[str, str]) -> DirectoryFilters:
    """The filters of a directory request; unknown codes count as "all"."""
    offer = params.get(PARAM_OFFER, "")
    audience = params.get(PARAM_AUDIENCE, "")
    sector = params.get(PARAM_SECTOR, "")
    theme = " ".join(params.get(PARAM_THEME, "").split()).lower()
    return DirectoryFilters(
        offer=offer if offer in Offer.values else "",
        audience=audience if audience in Audience.values else "",
        theme=theme if len(theme) <= THEME_MAX_CHARS else "",
        sector=sector if sector in SECTOR_CODES else "",
    )


def organisation_matches(
    filters: DirectoryFilters,
    *,
    offers: Sequence[str],
    audience: Sequence[str],
    themes: Sequence[str],
    sectors: Sequence[str],
) -> bool:
    """Every chosen facet must be among the organisation's values (AND across facets)."""
    return (
        (not filters.offer or filters.offer in offers)
        and (not filters.audience or filters.audience in audience)
        and (not filters.theme or filters.theme in themes)
        and (not filters.sector or filters.sector in sectors)
    )
