import pytest
from django.utils import translation

from meldpunt.content.readability import readability_hint, syllables, text_facts


@pytest.fixture(autouse=True)
def dutch():
    with translation.override("nl"):
        yield


@pytest.mark.parametrize(
    ("word", "count"),
    [
        ("school", 1),
        ("pesten", 2),
        ("leerling", 2),
        ("ouders", 2),
        ("vertrouwensinspecteur", 6),
        ("ijs", 1),
        ("eeuw", 1),
    ],
)
def test_syllables_are_counted_as_vowel_groups(word, count):
    """Syllables are approximated by groups of vowels, "ij" and "eeu" counting once."""
    assert syllables(word) == count


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Wij helpen u. Bel ons gerust.", []),
        ("", []),
        (
            "Als u het niet eens bent met de manier waarop de school met uw klacht over uw kind is omgegaan "
            "dan kunt u ons bellen.",
            ["De zinnen zijn gemiddeld 25 woorden lang. Voor B1 is 15 woorden of minder beter."],
        ),
        ("Bel de vertrouwensinspecteur.", ["Lange woorden: vertrouwensinspecteur. Is er een korter woord voor?"]),
        ("Dit is een ziekenhuisopname.", ["Lange woorden: ziekenhuisopname. Is er een korter woord voor?"]),
        ("Lees https://www.onderwijsgeschillen.nl/veelgestelde-vragen of mail info@onderwijsgeschillen.nl.", []),
        (
            "De klacht wordt behandeld. Het besluit werd genomen. Wij bellen u.",
            ["2 keer “worden” of “werd”. Schrijf liever actief: wie doet wat?"],
        ),
        ("De klacht wordt behandeld. Wij bellen u. Wij mailen u. Wij zien u.", []),
        ("Indien u vragen heeft, bel ons.", ["Schrijf “als” in plaats van “indien”."]),
        (
            "Wij sturen u een brief met betrekking tot uw melding.",
            ["Schrijf “over” in plaats van “met betrekking tot”."],
        ),
    ],
)
def test_readability_hints(text, expected):
    """Each B1 rule (sentence length, long words, passive, officialese) gives its own hint; plain text gives none."""
    assert readability_hint(text) == expected


def test_lines_count_as_sentences():
    """A heading or list item on its own line counts as a sentence, so lists do not look like one long sentence."""
    facts = text_facts("Wat doen wij\nWij luisteren\nWij zoeken uit wat er is gebeurd")
    assert facts.sentences == 3


def test_hints_are_translated():
    """The hints follow the editor's language."""
    with translation.override("en"):
        assert readability_hint("Indien u belt.") == ["Write “als” instead of “indien”."]


def test_shipped_pages_are_written_at_b1(db):
    """The shipped Dutch pages pass the sentence-length rule and use no officialese."""
    from meldpunt.content.constants import SEED_PAGES
    from meldpunt.content.rendering import markdown_to_text
    from meldpunt.content.services import seed_text

    for slug in SEED_PAGES:
        facts = text_facts(markdown_to_text(seed_text(slug).body_nl))
        assert facts.average_sentence_words <= 15, slug
        assert facts.jargon == [], slug
