"""The page frame (base.html) on every public page: skip link, exit control, language switch, footer."""

import pytest
from django.contrib import messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.test import Client, RequestFactory
from django.urls import reverse

from meldpunt.guide.tests.html import read_page


def test_skip_link_is_the_first_focusable_element(client: Client) -> None:
    """The first thing a keyboard user reaches is the skip link to the main content."""
    page = read_page(client.get("/").content.decode())
    first = page.focusable()[0]
    assert first.attrs["href"] == "#inhoud"
    assert page.find("main", id="inhoud")


def test_exit_link_comes_right_after_the_skip_link(client: Client, settings) -> None:
    """ "Verlaat deze pagina" is the second stop: a real link to the exit URL that sends no referrer."""
    settings.EXIT_URL = "https://neutral.example/weer"
    page = read_page(client.get("/").content.decode())
    exit_link = page.focusable()[1]
    assert exit_link.attrs["href"] == "https://neutral.example/weer"
    assert "noreferrer" in exit_link.attrs["rel"].split()
    assert exit_link.text.strip() == "Verlaat deze pagina"


def test_exit_link_is_translated(client: Client) -> None:
    """In English the exit control reads "Leave this page"."""
    page = read_page(client.get("/", {"lang": "en"}).content.decode())
    assert page.find("a", data_exit_link="")[0].text.strip() == "Leave this page"


def test_exit_script_is_static_and_deferred(client: Client) -> None:
    """The exit enhancement is a static file loaded with defer, never inline."""
    page = read_page(client.get("/").content.decode())
    scripts = page.find("script")
    assert [s.attrs["src"] for s in scripts] == ["/static/meldpunt/exit.js"]
    assert "defer" in scripts[0].attrs


@pytest.mark.parametrize(("lang", "other", "label"), [("nl", "en", "English"), ("en", "nl", "Nederlands")])
def test_language_switch_links_to_the_same_page_in_the_other_language(
    client: Client, lang: str, other: str, label: str
) -> None:
    """The switch is a plain link to the current path with only ?lang=, so no other query parameter travels along."""
    html = client.get(reverse("guide:contact"), {"lang": lang, "q": "secret"}).content.decode()
    switch = [link for link in read_page(html).links() if link.attrs.get("hreflang")]
    assert len(switch) == 1
    assert switch[0].attrs["href"] == f"/contact?lang={other}"
    assert switch[0].attrs["lang"] == other
    assert switch[0].text.strip() == label


def test_language_choice_is_remembered(client: Client) -> None:
    """After ?lang=en the next page without ?lang= is English too (the middleware sets a cookie)."""
    client.get("/", {"lang": "en"})
    html = client.get(reverse("guide:contact")).content.decode()
    assert '<html lang="en"' in html


def test_footer_links_to_the_statements_and_contact(client: Client) -> None:
    """The footer links to the privacy statement, the accessibility statement and contact."""
    page = read_page(client.get("/").content.decode())
    footer_hrefs = [link.attrs["href"] for link in page.links()][-3:]
    assert footer_hrefs == [
        reverse("content:page", kwargs={"slug": "privacy"}),
        reverse("content:page", kwargs={"slug": "toegankelijkheid"}),
        reverse("guide:contact"),
    ]


@pytest.mark.parametrize(("old", "slug"), [("guide:privacy", "privacy"), ("guide:accessibility", "toegankelijkheid")])
def test_old_statement_addresses_lead_to_the_content_pages(client: Client, old: str, slug: str) -> None:
    """/privacy and /toegankelijkheid stay valid: they lead to the statements administrators maintain."""
    response = client.get(reverse(old))
    assert response.status_code == 301
    assert response["Location"] == reverse("content:page", kwargs={"slug": slug})


def test_header_name_links_home(client: Client) -> None:
    """The Meldpunt name in the header is a link to the home page."""
    page = read_page(client.get(reverse("guide:contact")).content.decode())
    assert page.find("a", class_="mp-header__name")[0].attrs["href"] == "/"


def test_messages_are_shown_in_the_frame(rf: RequestFactory) -> None:
    """Messages from the messages framework appear above the content, errors as an alert."""
    request = rf.get("/")
    request.session = {}  # type: ignore[assignment]
    request._messages = FallbackStorage(request)  # type: ignore[attr-defined]
    messages.error(request, "Er ging iets mis.")
    messages.success(request, "Uw bericht is verstuurd.")

    def view(request: HttpRequest) -> HttpResponse:
        return render(request, "guide/home.html")

    page = read_page(view(request).content.decode())
    alerts = [e for e in page.elements if "utrecht-alert" in e.attrs.get("class", "").split()]
    assert [(a.attrs["role"], " ".join(a.text.split())) for a in alerts] == [
        ("alert", "Er ging iets mis."),
        ("status", "Uw bericht is verstuurd."),
    ]


def test_not_found_page_uses_the_frame(client: Client) -> None:
    """A 404 is shown in the page frame, with the exit control and a way back home."""
    response = client.get("/bestaat-niet")
    assert response.status_code == 404
    page = read_page(response.content.decode())
    assert page.find("a", data_exit_link="")
    assert [text for level, text in page.headings() if level == 1] == ["Deze pagina bestaat niet"]
    home_links = [link for link in page.links() if link.text.strip() == "Naar de startpagina"]
    assert home_links[0].attrs["href"] == "/"
