"""A hint, not a gate: does a Dutch text read at language level B1? Pure: no database.

Four rules of thumb that B1 writing guides share: short sentences (15 words or fewer on average),
short words (no word of 13 letters or more, or of more than 4 syllables), active sentences (few
"worden"/"werd"), and everyday words instead of officialese. The editor shows the hints after
saving; they never stop a save.
"""

import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

from meldpunt.schools.matching import fold

MAX_AVERAGE_SENTENCE_WORDS = 15
LONG_WORD_LETTERS = 13
MAX_SYLLABLES = 4
LONG_WORDS_SHOWN = 5
# Passive markers in more than this share of the sentences (and at least twice) earn a hint.
PASSIVE_SHARE = 0.25
PASSIVE_MIN = 2
PASSIVE_MARKERS = frozenset({"word", "wordt", "worden", "werd", "werden", "geworden"})

# Officialese and the everyday word to use instead (Direct Duidelijk / B1 word lists).
JARGON: dict[str, str] = {
    "aanvang": "begin",
    "alsmede": "en",
    "betreffende": "over",
    "conform": "volgens",
    "derhalve": "daarom",
    "dienen te": "moeten",
    "doch": "maar",
    "echter": "maar",
    "indien": "als",
    "inzake": "over",
    "met betrekking tot": "over",
    "middels": "met",
    "omtrent": "over",
    "ten aanzien van": "over",
    "ten behoeve van": "voor",
    "teneinde": "om",
    "thans": "nu",
    "trachten": "proberen",
    "verstrekken": "geven",
    "woonachtig": "wonend",
    "zulks": "dat",
}

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")
_SKIPPED_TOKEN = re.compile(r"://|@|^www\.|\d")
_VOWEL_GROUPS = re.compile(r"[aeiouy]+")


@dataclass(frozen=True)
class TextFacts:
    sentences: int
    words: int
    long_words: list[str]
    passive_markers: int
    jargon: list[tuple[str, str]]

    @property
    def average_sentence_words(self) -> float:
        return self.words / self.sentences if self.sentences else 0.0


def syllables(word: str) -> int:
    """Roughly the syllables of a Dutch word: its groups of vowels ("ij" counts once, "eeu" once)."""
    return len(_VOWEL_GROUPS.findall("".join(fold(word))))


def _is_long(word: str) -> bool:
    return len(word) >= LONG_WORD_LETTERS or syllables(word) > MAX_SYLLABLES


def text_facts(text: str) -> TextFacts:
    sentences = [part for part in _SENTENCE_END.split(text) if fold(part)]
    words = [word for sentence in sentences for word in fold(sentence)]
    long_words: list[str] = []
    for token in text.split():
        if _SKIPPED_TOKEN.search(token):
            continue
        for word in fold(token):
            if _is_long(word) and word not in long_words:
                long_words.append(word)
    folded = f" {' '.join(words)} "
    jargon = [(phrase, plain) for phrase, plain in JARGON.items() if f" {phrase} " in folded]
    return TextFacts(
        sentences=len(sentences),
        words=len(words),
        long_words=long_words,
        passive_markers=sum(1 for word in words if word in PASSIVE_MARKERS),
        jargon=jargon,
    )


def readability_hint(text: str) -> list[str]:
    """What to look at again for B1, one message per rule that the text trips; empty when none does."""
    facts = text_facts(text)
    hints: list[str] = []
    if facts.average_sentence_words > MAX_AVERAGE_SENTENCE_WORDS:
        hints.append(
            _("De zinnen zijn gemiddeld %(average)d woorden lang. Voor B1 is %(limit)d woorden of minder beter.")
            % {"average": round(facts.average_sentence_words), "limit": MAX_AVERAGE_SENTENCE_WORDS}
        )
    if facts.long_words:
        hints.append(
            _("Lange woorden: %(words)s. Is er een korter woord voor?")
            % {"words": ", ".join(facts.long_words[:LONG_WORDS_SHOWN])}
        )
    if facts.passive_markers >= PASSIVE_MIN and facts.passive_markers > PASSIVE_SHARE * facts.sentences:
        hints.append(
            _("%(count)d keer “worden” of “werd”. Schrijf liever actief: wie doet wat?")
            % {"count": facts.passive_markers}
        )
    for phrase, plain in facts.jargon:
        hints.append(_("Schrijf “%(plain)s” in plaats van “%(phrase)s”.") % {"plain": plain, "phrase": phrase})
    return hints
