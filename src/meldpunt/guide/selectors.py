"""Reads of the guide: the decision table in use, its versions, the organisations that fit an advice, search.

The decision table and the directory are public information, so the public reads need no viewer; the
version history is for administrators and checks the permission.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from meldpunt.accounts.models import User
from meldpunt.accounts.permissions import Action, role_may
from meldpunt.content.scoring import query_terms, search_score, snippet
from meldpunt.core.errors import NotFound, PermissionDenied
from meldpunt.core.search import SearchHit
from meldpunt.guide.models import DecisionTableVersion
from meldpunt.guide.rules import OrganisationQuery, Table, TableInvalid, organisation_fit, table_load
from meldpunt.network.models import Organisation

logger = logging.getLogger(__name__)

SHIPPED_TABLE = Path(__file__).resolve().parent / "decision_table.json"


@cache
def _shipped_text() -> str:
    return SHIPPED_TABLE.read_text(encoding="utf-8")


def shipped_table_content() -> dict[str, Any]:
    """The table shipped with the software (version 1 of every installation), as a fresh copy."""
    content: dict[str, Any] = json.loads(_shipped_text())
    return content


def require_administrator(user: User) -> None:
    """Configuration is for administrators. The views let only fully signed-in staff through; this holds for
    any caller."""
    if not user.is_active or not role_may(user, Action.CONFIG_EDIT):
        raise PermissionDenied(_("U mag dit niet doen."))


@lru_cache(maxsize=8)
def _table_of(content_json: str) -> Table:
    return table_load(json.loads(content_json))


def _table_cached(content: Any) -> Table:
    """Reading a table takes a few milliseconds; versions never change, so a read table is reused by content."""
    return _table_of(json.dumps(content, sort_keys=True, ensure_ascii=False))


@dataclass(frozen=True)
class CurrentTable:
    table: Table
    version: DecisionTableVersion | None  # None: no version saved (a fresh database): the shipped table


def decision_table_current() -> CurrentTable:
    """The table the guide uses now: the current version, or the shipped table when none is saved."""
    version = DecisionTableVersion.objects.filter(is_current=True).first()
    if version is not None:
        try:
            return CurrentTable(table=_table_cached(version.content), version=version)
        except TableInvalid:
            # Saved versions were checked when saved; a newer release may refuse an old one. The guide
            # must keep working for visitors, so it falls back to the shipped table and says so in the log.
            logger.error("guide.current_table_invalid", extra={"version": version.number})
    return CurrentTable(table=_table_of(_shipped_text()), version=None)


def decision_table_versions(*, viewer: User) -> list[DecisionTableVersion]:
    """Every version, newest first, with who saved it."""
    require_administrator(viewer)
    # select_related: the history lists each version's author.
    return list(DecisionTableVersion.objects.select_related("created_by").order_by("-number"))


def decision_table_version_get(*, viewer: User, number: int) -> DecisionTableVersion:
    require_administrator(viewer)
    version = DecisionTableVersion.objects.select_related("created_by").filter(number=number).first()
    if version is None:
        raise NotFound(_("Versie %(number)d van de beslistabel bestaat niet.") % {"number": number})
    return version


def guide_organisations(*, query: OrganisationQuery) -> list[Organisation]:
    """The shown organisations that fit an advice, best first (`organisation_fit`), then by name; at most `query.limit`.

    A few dozen rows: matched in Python, so the JSON list columns need no database-specific lookups.
    """
    scored: list[tuple[int, Organisation]] = []
    for organisation in Organisation.objects.filter(active=True):
        fit = organisation_fit(
            query,
            offers=organisation.offers,
            audience=organisation.audience,
            themes=organisation.themes,
            sectors=organisation.sectors,
        )
        if fit is not None:
            scored.append((fit, organisation))
    scored.sort(key=lambda pair: (-pair[0], pair[1].name.casefold()))
    return [organisation for _fit, organisation in scored[: query.limit]]


def guide_search(*, query: str, language: str) -> list[SearchHit]:
    """The guide's next steps and (the best) advice text of the current table that hold every term of `query`.

    A next step links to its explanation on the guide's start page; advice links to the guide itself,
    because advice is given for answers, not on a page of its own.
    """
    terms = query_terms(query)
    if not terms:
        return []
    table = decision_table_current().table
    start = reverse("guide:start")
    hits: list[SearchHit] = []
    for step in table.next_steps.values():
        title, text = step.title.get(language), step.text.get(language)
        score = search_score(terms, title=title, body=text)
        if score:
            hits.append(
                SearchHit(
                    kind="advice",
                    title=title,
                    url=f"{start}#stap-{step.code}",
                    snippet=snippet(terms, text),
                    score=score,
                )
            )
    best: SearchHit | None = None
    for rule in table.rules:
        text = rule.advice.get(language)
        score = search_score(terms, title=rule.title.get(language), body=text)
        if score and (best is None or score > best.score):
            title = _("Wegwijzer: %(title)s") % {"title": rule.title.get(language)}
            best = SearchHit(kind="advice", title=title, url=start, snippet=snippet(terms, text), score=score)
    if best is not None:
        hits.append(best)
    return hits
