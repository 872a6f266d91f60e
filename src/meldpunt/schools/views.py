"""Finding a school in DUO's registry: a plain HTML search page and a JSON endpoint for autocomplete."""

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from meldpunt.schools.forms import SchoolSearchForm
from meldpunt.schools.selectors import school_search

# A page of results a person can scan; past that, a longer query is quicker than scrolling.
RESULTS_SHOWN = 20


@require_GET
def search(request: HttpRequest) -> HttpResponse:
    """The search form; results once it was sent. A search term is not personal data, so GET is fine."""
    form = SchoolSearchForm(request.GET if "q" in request.GET else None)
    searched = form.is_valid()
    schools = school_search(query=form.cleaned_data["q"], limit=RESULTS_SHOWN) if searched else []
    return render(
        request,
        "schools/search.html",
        {"form": form, "searched": searched, "schools": schools, "limit": RESULTS_SHOWN},
    )


@require_GET
def search_json(request: HttpRequest) -> JsonResponse:
    """`{"results": [{"code", "name", "place", "municipality", "sector"}]}`; an empty query finds nothing."""
    schools = school_search(query=request.GET.get("q", ""), limit=RESULTS_SHOWN)
    return JsonResponse(
        {
            "results": [
                {
                    "code": school.code,
                    "name": school.name,
                    "place": school.place,
                    "municipality": school.municipality,
                    "sector": school.sector,
                }
                for school in schools
            ]
        }
    )
