import pytest
from django.test import Client
from django.urls import reverse

from meldpunt.content.models import Page
from meldpunt.content.services import page_version_add
from meldpunt.content.tests.conftest import text
from meldpunt.guide.tests.html import read_page


def _url(slug: str) -> str:
    return reverse("content:page", kwargs={"slug": slug})


@pytest.mark.django_db
def test_page_shows_the_current_version_in_dutch(client: Client, seeded_pages):
    """The public page shows the current Dutch title as the only h1 and the rendered text."""
    page = read_page(client.get(_url("klachtenprocedure")).content.decode())
    assert [t for level, t in page.headings() if level == 1] == ["Hoe werkt een klacht?"]
    assert "Stap 1: praat met de school" in [t for level, t in page.headings() if level == 2]
    assert {"tel:09001113111", "/informatie/wat-doet-het-meldpunt/"} <= {a.attrs["href"] for a in page.links()}


@pytest.mark.django_db
def test_page_shows_english_with_lang_en(client: Client, seeded_pages):
    """With ?lang=en the page shows the English version, without a fallback notice."""
    html = client.get(_url("klachtenprocedure"), {"lang": "en"}).content.decode()
    assert '<html lang="en"' in html
    assert '<h1 class="utrecht-heading-1">How does a complaint work?</h1>' in html
    assert "not available in English" not in html


@pytest.mark.django_db
def test_missing_english_falls_back_to_dutch_with_a_notice(client: Client, seeded_pages, staff_user):
    """A page without English shows the Dutch text marked lang="nl", with a notice in English."""
    page = Page.objects.get(slug="privacy")
    page_version_add(actor=staff_user("administrator"), page=page, text=text(title_en="", body_en=""), based_on=1)
    html = client.get(_url("privacy"), {"lang": "en"}).content.decode()
    assert "This page is not available in English yet. Below is the Dutch text." in html
    assert '<div class="mp-prose" lang="nl">' in html
    assert "Klagen" in html


@pytest.mark.django_db
def test_script_in_content_is_neutralised_on_the_page(client: Client, seeded_pages, staff_user):
    """Script, event handlers and javascript: links typed by an administrator reach the visitor as harmless text."""
    page = Page.objects.get(slug="privacy")
    evil = '<script>alert("x")</script>\n\n<img src=x onerror=alert(1)>\n\n[klik](javascript:alert(1))'
    page_version_add(actor=staff_user("administrator"), page=page, text=text(body_nl=evil), based_on=1)
    html = client.get(_url("privacy")).content.decode()
    main = html[html.index("<main") : html.index("</main>")]
    assert "<script" not in main and "<img" not in main and 'href="javascript' not in main
    assert "&lt;script&gt;" in main and "&lt;img src=x onerror=alert(1)&gt;" in main


@pytest.mark.django_db
def test_unknown_page_is_not_found(client: Client, seeded_pages):
    """An address without a page answers 404."""
    assert client.get(_url("bestaat-niet")).status_code == 404


@pytest.mark.django_db
def test_index_lists_the_pages_in_order(client: Client, seeded_pages):
    """The information index links to every page, the shipped ones in their order."""
    html = client.get(reverse("content:index")).content.decode()
    # Only the index itself: the page frame's footer links to some of these pages too.
    page = read_page(html[html.index("<main") : html.index("</main>")])
    hrefs = [
        a.attrs["href"]
        for a in page.links()
        if a.attrs["href"].startswith("/informatie/") and "?" not in a.attrs["href"]
    ]
    assert hrefs == [
        "/informatie/wat-doet-het-meldpunt/",
        "/informatie/klachtenprocedure/",
        "/informatie/rechten-en-plichten/",
        "/informatie/privacy/",
        "/informatie/toegankelijkheid/",
    ]


@pytest.mark.django_db
def test_page_has_a_print_stylesheet_and_a_search_link(client: Client, seeded_pages):
    """The page loads the content stylesheet (with its print rules) and links to the site search."""
    page = read_page(client.get(_url("rechten-en-plichten")).content.decode())
    assert "/static/content/content.css" in [e.attrs.get("href") for e in page.find("link")]
    assert reverse("search:search") in [a.attrs["href"] for a in page.links()]
