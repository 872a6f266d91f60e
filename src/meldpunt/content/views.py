"""The public information pages and the site search. Plain GET pages that work without JavaScript."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.views.decorators.http import require_safe

from meldpunt.content.selectors import page_published_get, pages_published, site_search
from meldpunt.core.errors import NotFound


@require_safe
def page_index(request: HttpRequest) -> HttpResponse:
    return render(request, "content/index.html", {"pages": pages_published(language=get_language())})


@require_safe
def page_detail(request: HttpRequest, slug: str) -> HttpResponse:
    try:
        page = page_published_get(slug=slug, language=get_language())
    except NotFound as missing:
        raise Http404(missing.message) from missing
    return render(request, "content/page.html", {"page": page})


@require_safe
def search(request: HttpRequest) -> HttpResponse:
    """`?q=` searches; without it the page shows only the search box (no message yet)."""
    if "q" not in request.GET:
        return render(request, "content/search.html", {"results": None, "query": ""})
    results = site_search(query=request.GET.get("q", ""), language=get_language())
    return render(request, "content/search.html", {"results": results, "query": results.query})
