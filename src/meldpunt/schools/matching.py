"""How school names, places and codes are folded for search. Pure functions, no database.

Both the stored `School.search_text` and every query go through `fold`, so "VERWONDÉ" meets
"Verwondering" and "ĳ" meets "ij" without any collation support from the database.
"""

import re
import unicodedata

# Letters that Unicode does not decompose into a base letter plus accents.
_EXTRA_FOLDS = str.maketrans(
    {"ø": "o", "æ": "ae", "œ": "oe", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "\u0131": "i"}  # \u0131: dotless i
)
# An apostrophe joins ("'t Kompas" → "t kompas", "Pieter's" → "pieters"); anything else that is
# not a letter or digit separates words ("Jan-Ligthart", "St. Jozef").
_APOSTROPHES = re.compile("['`\u00b4\u2018\u2019]")  # ', `, acute accent, typographic quotes
_SEPARATORS = re.compile(r"[^a-z0-9]+")

# Bounds that keep a search cheap whatever a visitor types.
MAX_QUERY_LENGTH = 100
MAX_TERMS = 8


def fold(text: str) -> list[str]:
    """The words of `text` in lower case ASCII letters and digits, accents removed ("ĳ" becomes "ij")."""
    # Apostrophes go first: NFKD would turn an acute accent (U+00B4) into a space and a combining accent.
    decomposed = unicodedata.normalize("NFKD", _APOSTROPHES.sub("", text.casefold())).translate(_EXTRA_FOLDS)
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    return _SEPARATORS.sub(" ", plain).split()


def search_text(*, name: str, place: str, municipality: str, code: str, institution_code: str) -> str:
    """The stored search column: name words in order, then each further word once, wrapped in spaces.

    The name comes first and intact, so "the name starts with the query" is a plain prefix test.
    """
    words = fold(name)
    seen = set(words)
    for word in fold(f"{place} {municipality} {code} {institution_code}"):
        if word not in seen:
            seen.add(word)
            words.append(word)
    return f" {' '.join(words)} "


def search_terms(query: str) -> list[str]:
    """The distinct folded terms of a query, at most `MAX_TERMS`, from its first `MAX_QUERY_LENGTH` characters."""
    terms: list[str] = []
    for term in fold(query[:MAX_QUERY_LENGTH]):
        if term not in terms:
            terms.append(term)
    return terms[:MAX_TERMS]
