"""Names out of what the school reads: whole words, any case, names and their parts, phone numbers however typed."""

import pytest

from meldpunt.investigations.selectors.shared import Redaction, name_redactions, redact

REPORTER = [
    *name_redactions("Fatima Zwaan", "[naam melder]"),
    Redaction("ouder@example.nl", "[e-mailadres melder]"),
    Redaction("06 12345678", "[telefoonnummer melder]", digits=True),
]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Fatima Zwaan belde op maandag.", "[naam melder] belde op maandag."),
        ("fatima  zwaan belde.", "[naam melder] belde."),
        ("Mevrouw Zwaan en Fatima.", "Mevrouw [naam melder] en [naam melder]."),
        ("Fatimaatje en Zwaantjes", "Fatimaatje en Zwaantjes"),
        ("Mail naar OUDER@example.nl graag.", "Mail naar [e-mailadres melder] graag."),
        ("Bel 0612345678 of 06-1234 5678.", "Bel [telefoonnummer melder] of [telefoonnummer melder]."),
        ("Nummer 106123456789 is iets anders.", "Nummer 106123456789 is iets anders."),
        ("", ""),
    ],
)
def test_known_names_and_contact_details_are_replaced(text, expected):
    """Every way the reporter's name or contact details are written is replaced, and nothing else."""
    assert redact(text, REPORTER) == expected


def test_particles_and_short_parts_are_not_replaced_on_their_own():
    """ "van der" or a two-letter part would blank out ordinary words; the full name is still replaced."""
    redactions = name_redactions("Jo van der Berg", "[naam getuige]")
    assert redact("Jo van der Berg zag het van dichtbij.", redactions) == "[naam getuige] zag het van dichtbij."
    assert redact("Meneer Berg, jo!", redactions) == "Meneer [naam getuige], jo!"


def test_nothing_to_replace_leaves_the_text_alone():
    """No names known (or only empty ones, or too short a number): the text is unchanged."""
    assert redact("Fatima belde.", []) == "Fatima belde."
    assert redact("Fatima belde 112.", [Redaction("", "[x]"), Redaction("112", "[x]", digits=True)]) == (
        "Fatima belde 112."
    )
