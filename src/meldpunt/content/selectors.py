"""Reads of the information pages and the site search.

Published pages are public: the public reads need no viewer. The editor's reads check the
administrator's permission. The site search asks each source for its hits (organisations, pages,
the guide's advice) and ranks them together.
"""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext as _

from meldpunt.accounts.models import User
from meldpunt.accounts.permissions import Action, require
from meldpunt.content.constants import SEED_PAGES
from meldpunt.content.models import Page, PageVersion
from meldpunt.content.rendering import markdown_to_text
from meldpunt.content.scoring import query_terms, search_score, snippet
from meldpunt.core.errors import NotFound
from meldpunt.core.search import SearchHit
from meldpunt.guide.selectors import guide_search
from meldpunt.network.selectors import organisation_search
from meldpunt.schools.matching import MAX_QUERY_LENGTH

# Ties in score are listed in this order: advice first, then our pages, then organisations.
KIND_ORDER = {"advice": 0, "page": 1, "organisation": 2}
MAX_HITS = 50


@dataclass(frozen=True)
class PublishedPage:
    """A page as a visitor sees it: the current version in the visitor's language, or Dutch as fallback."""

    slug: str
    title: str
    body: str  # Markdown
    language: str  # the language of title and body: "nl" when English was asked but not written
    fallback: bool
    updated_at: object


def _published(version: PageVersion, *, language: str) -> PublishedPage:
    english = language == "en" and bool(version.title_en and version.body_en)
    return PublishedPage(
        slug=version.page.slug,
        title=version.title_en if english else version.title_nl,
        body=version.body_en if english else version.body_nl,
        language="en" if english else "nl",
        fallback=language == "en" and not english,
        updated_at=version.created_at,
    )


def _current_versions() -> list[PageVersion]:
    # select_related: one query for every page with its current version.
    pages = Page.objects.filter(current__isnull=False).select_related("current", "current__page")
    order = {slug: index for index, slug in enumerate(SEED_PAGES)}
    versions = [page.current for page in pages if page.current is not None]
    return sorted(versions, key=lambda version: (order.get(version.page.slug, len(order)), version.page.slug))


def pages_published(*, language: str) -> list[PublishedPage]:
    """Every page with a current version: the shipped ones in their order, then the others by address."""
    return [_published(version, language=language) for version in _current_versions()]


def page_published_get(*, slug: str, language: str) -> PublishedPage:
    page = Page.objects.filter(slug=slug, current__isnull=False).select_related("current").first()
    if page is None or page.current is None:
        raise NotFound(_("Deze pagina bestaat niet."))
    return _published(page.current, language=language)


def page_search(*, query: str, language: str) -> list[SearchHit]:
    """Pages whose title or text in the visitor's language holds every term of `query`."""
    terms = query_terms(query)
    if not terms:
        return []
    hits: list[SearchHit] = []
    for page in pages_published(language=language):
        text = markdown_to_text(page.body)
        score = search_score(terms, title=page.title, body=text)
        if score:
            hits.append(
                SearchHit(
                    kind="page",
                    title=page.title,
                    url=reverse("content:page", kwargs={"slug": page.slug}),
                    snippet=snippet(terms, text),
                    score=score,
                )
            )
    return hits


@dataclass(frozen=True)
class SearchResults:
    query: str
    hits: list[SearchHit]
    problem: str  # a message instead of results: nothing typed, or too long


def site_search(*, query: str, language: str) -> SearchResults:
    """One search over the guide's advice, the information pages and the organisations, best first."""
    query = " ".join(query.split())
    if not query:
        return SearchResults(query="", hits=[], problem=_("Typ een of meer woorden waar u naar zoekt."))
    if len(query) > MAX_QUERY_LENGTH:
        return SearchResults(
            query=query[:MAX_QUERY_LENGTH],
            hits=[],
            problem=_("Uw zoekvraag is te lang. Gebruik hoogstens %(limit)d tekens.") % {"limit": MAX_QUERY_LENGTH},
        )
    if not query_terms(query):
        return SearchResults(query=query, hits=[], problem=_("Typ letters of cijfers om te zoeken."))
    hits = [
        *guide_search(query=query, language=language),
        *page_search(query=query, language=language),
        *organisation_search(query=query, language=language),
    ]
    hits.sort(key=lambda hit: (-hit.score, KIND_ORDER.get(hit.kind, len(KIND_ORDER)), hit.title.casefold()))
    return SearchResults(query=query, hits=hits[:MAX_HITS], problem="")


def pages_for_editor(*, viewer: User) -> list[Page]:
    """Every page with its current version, for the editor's list."""
    require(viewer, Action.CONTENT_EDIT)
    # select_related: the list shows each page's current title, number and author.
    pages = Page.objects.select_related("current", "current__created_by").order_by("slug")
    return list(pages)


def page_for_editor_get(*, viewer: User, slug: str) -> Page:
    require(viewer, Action.CONTENT_EDIT)
    page = Page.objects.select_related("current", "current__created_by").filter(slug=slug).first()
    if page is None:
        raise NotFound(_("Deze pagina bestaat niet."))
    return page


def page_versions(*, viewer: User, page: Page) -> list[PageVersion]:
    """Every version of the page, newest first, with who made it."""
    require(viewer, Action.CONTENT_EDIT)
    return list(page.versions.select_related("created_by").order_by("-number"))


def page_version_get(*, viewer: User, page: Page, number: int) -> PageVersion:
    require(viewer, Action.CONTENT_EDIT)
    version = page.versions.select_related("created_by").filter(number=number).first()
    if version is None:
        raise NotFound(_("Deze versie bestaat niet."))
    return version
