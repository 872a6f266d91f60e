"""The public information pages: each exists in Dutch and English, with one h1 and headings in order."""

import itertools

import pytest
from django.test import Client
from django.urls import reverse

from meldpunt.guide.tests.html import read_page

PAGES = {
    "guide:home": ("Onveilig op school?", "Unsafe at school?"),
    "guide:contact": ("Contact", "Contact"),
}
ALL_PAGES = [(name, lang) for name in PAGES for lang in ("nl", "en")]


def _get(client: Client, name: str, lang: str) -> str:
    response = client.get(reverse(name), {"lang": lang})
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize(("name", "lang"), ALL_PAGES)
def test_page_has_one_h1_matching_its_title(client: Client, name: str, lang: str) -> None:
    """Every page has exactly one h1, and the title is that heading followed by " | Meldpunt"."""
    page = read_page(_get(client, name, lang))
    h1s = [text for level, text in page.headings() if level == 1]
    expected = PAGES[name][0 if lang == "nl" else 1]
    assert h1s == [expected]
    assert page.title.strip() == f"{expected} | Meldpunt"


@pytest.mark.parametrize(("name", "lang"), ALL_PAGES)
def test_headings_never_skip_a_level(client: Client, name: str, lang: str) -> None:
    """Headings start at h1 and go down at most one level at a time, so the outline is complete."""
    levels = [level for level, _text in read_page(_get(client, name, lang)).headings()]
    assert levels[0] == 1
    for previous, current in itertools.pairwise(levels):
        assert current <= previous + 1, levels


@pytest.mark.parametrize(("name", "lang"), ALL_PAGES)
def test_every_link_has_text(client: Client, name: str, lang: str) -> None:
    """Every link has visible text, so it makes sense read out on its own."""
    for link in read_page(_get(client, name, lang)).links():
        assert link.text.strip(), link.attrs


@pytest.mark.parametrize(("name", "lang"), ALL_PAGES)
def test_no_inline_script_or_style(client: Client, name: str, lang: str) -> None:
    """Pages carry no inline script, event handler or style attribute: the CSP forbids them."""
    page = read_page(_get(client, name, lang))
    for element in page.elements:
        assert "style" not in element.attrs, element.tag
        assert not any(attr.startswith("on") for attr in element.attrs), element.tag
        if element.tag == "script":
            assert element.attrs.get("src"), "inline script"
            assert "defer" in element.attrs


def test_home_shows_emergency_numbers_before_the_start_button(client: Client) -> None:
    """The home page shows 112, Veilig Thuis and De Kindertelefoon before the "Melding maken" button."""
    html = _get(client, "guide:home", "nl")
    hrefs = [link.attrs["href"] for link in read_page(html).links()]
    for number in ("tel:112", "tel:08002000", "tel:08000432"):
        assert hrefs.index(number) < hrefs.index("/melden")
    assert "0800-2000" in html
    assert "0800-0432" in html


def test_home_start_button_links_to_the_report_form(client: Client) -> None:
    """The start button "Melding maken" is a link to /melden."""
    page = read_page(_get(client, "guide:home", "nl"))
    starts = [link for link in page.links() if link.attrs["href"] == "/melden"]
    assert starts
    assert all(" ".join(link.text.split()) == "Melding maken" for link in starts)
    assert "utrecht-button-link--primary-action" in starts[0].attrs["class"]


def test_contact_page_shows_configured_contact_details(client: Client, settings) -> None:
    """The contact page shows the phone number and email address an operator configured."""
    settings.CONTACT_PHONE = "030 - 123 45 67"
    settings.CONTACT_EMAIL = "vragen@meldpunt.example"
    page = read_page(_get(client, "guide:contact", "nl"))
    hrefs = {link.attrs["href"] for link in page.links()}
    assert "tel:0301234567" in hrefs
    assert "mailto:vragen@meldpunt.example" in hrefs


def test_contact_page_without_contact_details_still_says_where_to_go(client: Client, settings) -> None:
    """Without configured contact details, the contact page points to the report form and the report's page."""
    settings.CONTACT_PHONE = ""
    settings.CONTACT_EMAIL = ""
    html = _get(client, "guide:contact", "nl")
    assert "mailto:" not in html
    assert "Stel uw vraag via de pagina van uw melding." in html


@pytest.mark.parametrize("name", list(PAGES))
def test_pages_refuse_posts(client: Client, name: str) -> None:
    """The information pages only answer GET and HEAD."""
    assert client.post(reverse(name)).status_code == 405
