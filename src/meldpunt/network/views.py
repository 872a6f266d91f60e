"""The public directory of the expertise network: a filterable list and one page per organisation.

Plain GET pages: the filters are a form without JavaScript, and every address can be bookmarked
or printed. The query holds only facet codes, never anything about the visitor.
"""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.views.decorators.http import require_safe

from meldpunt.core.errors import NotFound
from meldpunt.network import directory as facets
from meldpunt.network.display import organisation_view
from meldpunt.network.selectors import organisation_public_get, organisations_directory


@require_safe
def directory(request: HttpRequest) -> HttpResponse:
    filters = facets.directory_filters_parse(request.GET)
    found = organisations_directory(filters=filters)
    language = get_language()
    context = {
        "directory": found,
        "organisations": [organisation_view(organisation, language=language) for organisation in found.organisations],
        "filters": filters,
        "params": {
            "offer": facets.PARAM_OFFER,
            "audience": facets.PARAM_AUDIENCE,
            "theme": facets.PARAM_THEME,
            "sector": facets.PARAM_SECTOR,
        },
    }
    return render(request, "network/directory.html", context)


@require_safe
def detail(request: HttpRequest, slug: str) -> HttpResponse:
    try:
        organisation = organisation_public_get(slug=slug)
    except NotFound as missing:
        raise Http404(missing.message) from missing
    return render(request, "network/detail.html", {"org": organisation_view(organisation, language=get_language())})
