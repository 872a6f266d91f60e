"""The pure rules of hearing both sides, as tables."""

from datetime import date

import pytest

from meldpunt.findings.rules import (
    FindingsRefused,
    comments_due_on,
    comments_open,
    may_finalise_before_due,
    name_parts,
    names_mentioned,
    text_clean,
)


@pytest.mark.parametrize(
    ("sent_on", "due_on"),
    [
        (date(2026, 11, 2), date(2026, 11, 16)),  # a Monday: two full weeks later
        (date(2026, 11, 6), date(2026, 11, 20)),  # a Friday
        (date(2026, 12, 18), date(2027, 1, 5)),  # Christmas Day and New Year's Day do not count
        (date(2027, 4, 23), date(2027, 5, 11)),  # Koningsdag and Ascension Day do not count
    ],
)
def test_comment_term_is_ten_working_days(sent_on, due_on):
    """Both sides get ten working days, skipping weekends and Dutch public holidays."""
    assert comments_due_on(sent_on) == due_on


@pytest.mark.parametrize(
    ("today", "due_on", "finalised", "expected"),
    [
        (date(2026, 11, 16), date(2026, 11, 16), False, True),  # the due date itself still counts
        (date(2026, 11, 17), date(2026, 11, 16), False, False),  # the day after: closed
        (date(2026, 11, 10), date(2026, 11, 16), True, False),  # final findings close it at once
        (date(2026, 11, 10), None, False, False),  # never sent
    ],
)
def test_comments_open(today, due_on, finalised, expected):
    """Comments are open from sending up to and including the due date, until the findings are final."""
    assert comments_open(today=today, due_on=due_on, finalised=finalised) is expected


@pytest.mark.parametrize(
    ("today", "commented", "expected"),
    [
        (date(2026, 11, 10), {"reporter", "school"}, True),
        (date(2026, 11, 10), {"reporter"}, False),
        (date(2026, 11, 10), set(), False),
        (date(2026, 11, 16), set(), False),  # on the due date a side may still comment
        (date(2026, 11, 17), set(), True),
    ],
)
def test_final_waits_for_the_term_unless_both_sides_commented(today, commented, expected):
    """Final findings wait for the comment term, unless both sides have already commented."""
    assert (
        may_finalise_before_due(
            today=today, due_on=date(2026, 11, 16), sides_commented=commented, sides={"reporter", "school"}
        )
        is expected
    )


@pytest.mark.parametrize(
    ("text", "names", "found"),
    [
        ("Sanne werd gepest.", ["Sanne de Boer"], ["Sanne"]),
        ("De melder werd gepest.", ["Sanne de Boer"], []),
        ("Mevrouw DE BOER belde.", ["Sanne de Boer"], ["Boer"]),
        ("Ze gingen de trap op.", ["Jo van der Trap"], ["Trap"]),
        ("Jo en Anna", ["Jo"], ["Jo"]),  # a full name always counts, however short
        ("Johanna kwam.", ["Jo Smit"], []),  # a part inside another word is no match
        ("Niemand.", [""], []),
    ],
)
def test_names_mentioned(text, names, found):
    """A name or an identifying part of it counts as a whole word, ignoring case; particles never count."""
    assert names_mentioned(text, names) == found


def test_name_parts_leave_out_particles_and_short_words():
    """ "van", "der" and two-letter parts are not identifying on their own."""
    assert name_parts(["Jo van der Berg"]) == ["Jo van der Berg", "Berg"]


@pytest.mark.parametrize(
    ("value", "required", "message"),
    [
        ("   ", True, "Schrijf iets."),
        ("a\x00b", False, "Deze tekst bevat een teken dat niet is toegestaan."),
        ("x" * 11, False, "Schrijf hier hoogstens 10 tekens. Het zijn er nu 11."),
    ],
)
def test_text_clean_refuses_with_a_clear_message(value, required, message):
    """Empty required text, a NUL character or too much text is refused, on the field it concerns."""
    with pytest.raises(FindingsRefused) as refused:
        text_clean(value, field="body", required=required, missing="Schrijf iets.", max_chars=10)
    assert refused.value.message == message and refused.value.field == "body"


def test_text_clean_trims():
    """Text is stored without surrounding white space."""
    assert text_clean("  ja \n", field="body", required=True, missing="") == "ja"
