"""Scoring one search result, shared by the sources of the site search. Pure: no database.

Text is folded with `schools.matching.fold` (lower case, accents removed), so "pesten" finds
"Pesten" and "discriminatie" finds "Discriminatie.nl". A term matches a word that starts with it.
Every meaningful term must match (a search for two words narrows, it does not widen); the score
counts the terms, a term found in the title counting double (`core.search.SearchHit.score`).
"""

from collections.abc import Sequence

from meldpunt.schools.matching import fold, search_terms

# Short words that match almost everything; dropped unless the query holds nothing else.
STOP_WORDS = frozenset(
    {
        "de", "het", "een", "en", "of", "op", "in", "van", "voor", "met", "aan", "bij", "te", "is", "ik", "je",
        "mijn", "wat", "hoe", "wie", "er", "the", "a", "an", "and", "or", "on", "at", "to", "for", "with", "my", "i",
        "what", "how", "who",
    }
)  # fmt: skip
SNIPPET_WORDS_BEFORE = 8
SNIPPET_WORDS = 30


def query_terms(query: str) -> list[str]:
    """The folded terms of a query without stop words (all of them when only stop words were typed)."""
    terms = search_terms(query)
    meaningful = [term for term in terms if term not in STOP_WORDS]
    return meaningful or terms


def _matches(term: str, words: Sequence[str]) -> bool:
    return any(word.startswith(term) for word in words)


def search_score(terms: Sequence[str], *, title: str, body: str) -> int:
    """0 when a term is missing; else one point per term, two when the term is in the title."""
    if not terms:
        return 0
    title_words, body_words = fold(title), fold(body)
    score = 0
    for term in terms:
        if _matches(term, title_words):
            score += 2
        elif _matches(term, body_words):
            score += 1
        else:
            return 0
    return score


def snippet(terms: Sequence[str], text: str) -> str:
    """About thirty words of `text` around the first word that matches a term (or its start)."""
    words = text.split()
    start = 0
    for index, word in enumerate(words):
        if any(_matches(term, fold(word)) for term in terms):
            start = max(0, index - SNIPPET_WORDS_BEFORE)
            break
    part = " ".join(words[start : start + SNIPPET_WORDS])
    prefix = "… " if start > 0 else ""
    suffix = " …" if start + SNIPPET_WORDS < len(words) else ""
    return f"{prefix}{part}{suffix}"
