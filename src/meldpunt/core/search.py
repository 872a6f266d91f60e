"""One search box over guide advice, content pages and organisations: what each source returns.

Each source folds text with `meldpunt.schools.matching.fold`/`search_terms` (accent-insensitive),
searches in the visitor's language and returns hits; the search page merges and ranks them.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class SearchHit:
    kind: str  # "advice", "page" or "organisation"
    title: str
    url: str
    snippet: str
    score: int  # higher is better: how many query terms matched, title matches counting double
