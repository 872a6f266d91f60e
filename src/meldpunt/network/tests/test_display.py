import pytest
from django.utils import translation

from meldpunt.network.display import PhoneNumber, organisation_view, phone_numbers, theme_label
from meldpunt.network.models import Organisation


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("", []),
        ("112", [PhoneNumber("112", "tel:112")]),
        ("0900-1113111", [PhoneNumber("0900-1113111", "tel:09001113111")]),
        ("113|0800-0113", [PhoneNumber("113", "tel:113"), PhoneNumber("0800-0113", "tel:08000113")]),
        (
            "030 790 0915, 088-605 0101",
            [PhoneNumber("030 790 0915", "tel:0307900915"), PhoneNumber("088-605 0101", "tel:0886050101")],
        ),
        ("+31 (0)30 670 60 01", [PhoneNumber("+31 (0)30 670 60 01", "tel:+31306706001")]),
    ],
)
def test_phone_numbers_dial(value, expected):
    """Each number of a phone field becomes a tel: link with only digits (and a leading +)."""
    assert phone_numbers(value) == expected


def _organisation(**values) -> Organisation:
    defaults = {
        "name": "Voorbeeld",
        "description_nl": "Nederlandse tekst.",
        "offers": ["advice"],
        "audience": ["parent"],
        "themes": ["pesten", "eigen thema"],
        "sectors": ["po"],
    }
    return Organisation(**{**defaults, **values})


def test_english_visitor_sees_english_text():
    """With an English description the English page shows it, without a language change."""
    view = organisation_view(_organisation(description_en="English text."), language="en")
    assert (view.description, view.description_lang) == ("English text.", "")


def test_english_visitor_sees_dutch_fallback_marked_as_dutch():
    """Without an English description the Dutch text is shown and marked lang="nl"."""
    view = organisation_view(_organisation(hours="ma-vr 9-17"), language="en")
    assert (view.description, view.description_lang) == ("Nederlandse tekst.", "nl")
    assert (view.hours, view.hours_lang) == ("ma-vr 9-17", "nl")


def test_labels_follow_the_language():
    """Offers, audience, sectors and known themes are labelled in the visitor's language; unknown themes as written."""
    with translation.override("en"):
        view = organisation_view(_organisation(), language="en")
        assert view.offers == ["Advice"]
        assert view.audience == ["Parent"]
        assert view.sectors == ["Primary education"]
        assert view.themes == ["bullying", "eigen thema"]
    with translation.override("nl"):
        assert theme_label("pesten") == "pesten"
