"""Issue 6 in the system Chromium: the directory, the information pages and the search, in Dutch and
English, with and without JavaScript and on paper; an administrator edits a page and restores it.
Axe checks every page for serious or critical violations."""

import re
from collections.abc import Callable, Iterator

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from meldpunt.accounts.constants import Role
from meldpunt.accounts.tests.helpers import make_staff_user
from meldpunt.content.constants import SEED_PAGES
from meldpunt.content.services import content_load_if_empty
from meldpunt.network.models import Organisation
from meldpunt.network.services import network_data_path, organisations_import
from tests.e2e.journeys import (
    AxeLog,
    close_the_world,
    expect_language_and_one_h1,
    save_screenshot,
    sign_in_staff,
    with_lang,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LANGUAGES = ("nl", "en")
SCREENSHOTS = {
    "/organisaties/": "directory",
    "/informatie/rechten-en-plichten/": "content-page",
    "/zoeken/?q=pesten": "search",
}


@pytest.fixture
def published(live_server) -> list[str]:
    """The shipped organisations and information pages, loaded through the real services."""
    organisations_import(path=network_data_path())
    content_load_if_empty()
    return list(Organisation.objects.filter(active=True).order_by("name").values_list("slug", flat=True))


def _public_paths(slugs: list[str]) -> list[str]:
    return [
        "/organisaties/",
        "/organisaties/?aanbod=advice&voor=parent&thema=pesten&sector=po",
        *(f"/organisaties/{slug}/" for slug in slugs),
        "/informatie/",
        *(f"/informatie/{slug}/" for slug in SEED_PAGES),
        "/zoeken/",
        "/zoeken/?q=pesten",
        "/zoeken/?q=discriminatie",
    ]


@pytest.fixture
def no_script(browser: Browser, live_server) -> Iterator[tuple[Page, list[str]]]:
    context = browser.new_context(java_script_enabled=False, locale="nl-NL")
    third_party = close_the_world(context, live_server.url)
    yield context.new_page(), third_party
    context.close()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_directory_content_and_search_page_is_accessible(
    new_context: Callable[..., BrowserContext], live_server, published: list[str], lang: str
) -> None:
    """Every directory page (list, filtered list, each organisation), every information page and the search
    have no serious or critical axe violations, in the visitor's language."""
    page = new_context().new_page()
    axe = AxeLog()
    for path in _public_paths(published):
        response = page.goto(live_server.url + with_lang(path, lang))
        assert response is not None and response.status == 200, path
        expect_language_and_one_h1(page, lang)
        axe.check(page)
        if path in SCREENSHOTS:
            save_screenshot(page, f"{SCREENSHOTS[path]}-{lang}")
    assert len(axe.pages) == len(published) + 11
    axe.assert_clean()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_page_works_without_javascript(no_script, live_server, published: list[str], lang: str) -> None:
    """With JavaScript off every page loads with its heading and content (nothing depends on scripts)."""
    page, third_party = no_script
    for path in _public_paths(published):
        response = page.goto(live_server.url + with_lang(path, lang))
        assert response is not None and response.status == 200, path
        expect(page.locator("main h1")).to_be_visible()
    assert third_party == []


def test_directory_filters_and_search_work_without_javascript(no_script, live_server, published: list[str]) -> None:
    """Without JavaScript a visitor filters the directory and searches with plain forms."""
    page, _third_party = no_script
    page.goto(live_server.url + "/organisaties/")
    expect(page.get_by_role("heading", level=2, name="25 organisaties")).to_be_visible()
    page.get_by_label("Wat zoekt u?").select_option("emergency_help")
    page.get_by_label("Voor wie?").select_option("pupil")
    page.get_by_role("button", name="Toon organisaties").click()
    expect(page).to_have_url(re.compile(r"/organisaties/\?aanbod=emergency_help&voor=pupil"))
    expect(page.get_by_role("heading", level=2, name="2 organisaties")).to_be_visible()
    expect(page.get_by_role("link", name="112 (alarmnummer)")).to_be_visible()
    expect(page.get_by_role("link", name="113", exact=True)).to_have_attribute("href", "tel:113")

    page.goto(live_server.url + "/zoeken/")
    page.get_by_label("Waar zoekt u naar?").fill("Pésten")
    page.get_by_role("button", name="Zoeken").click()
    expect(page.get_by_role("link", name="De Kindertelefoon")).to_be_visible()


def test_unverified_notice_is_visible(page: Page, live_server, published: list[str]) -> None:
    """An organisation with unverified contact details says so on its page."""
    page.goto(live_server.url + "/organisaties/de-kindertelefoon/")
    expect(page.get_by_text("contactgegevens nog niet gecontroleerd")).to_be_visible()


def test_directory_and_pages_print_cleanly(browser: Browser, live_server, published: list[str]) -> None:
    """On paper the filter form, exit control, language switch and search links are gone; the content stays."""
    context = browser.new_context(locale="nl-NL")
    close_the_world(context, live_server.url)
    page = context.new_page()
    page.emulate_media(media="print")
    page.goto(live_server.url + "/organisaties/?thema=pesten")
    for hidden in (".mp-filters", ".mp-exit", ".mp-language", ".mp-no-print"):
        expect(page.locator(hidden).first).to_be_hidden()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page.locator(".mp-org").first).to_be_visible()
    page.goto(live_server.url + "/informatie/klachtenprocedure/")
    expect(page.locator(".mp-exit")).to_be_hidden()
    expect(page.get_by_role("heading", level=1, name="Hoe werkt een klacht?")).to_be_visible()
    assert page.pdf(format="A4")[:4] == b"%PDF"
    context.close()


def test_administrator_edits_a_page_and_restores_the_previous_version(
    new_context: Callable[..., BrowserContext], live_server, published: list[str]
) -> None:
    """The administrator saves a change (a new version, with a B1 hint), then restores version 1 as version 3."""
    admin = make_staff_user(Role.ADMINISTRATOR, first_name="Anton", last_name="Beheerder")
    context = new_context()
    page = context.new_page()
    axe = AxeLog()
    base = live_server.url
    sign_in_staff(page, base, admin.username, "/beheer/inhoud/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Informatiepagina's beheren")
    axe.check(page)
    page.get_by_role("link", name="Hoe werkt een klacht?", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Hoe werkt een klacht? bewerken")
    axe.check(page)
    body = page.get_by_label("Tekst", exact=True)
    original = body.input_value()
    body.fill("Indien u een klacht heeft, bel ons.\n\n<script>alert('x')</script>")
    page.get_by_role("button", name="Voorbeeld bekijken").click()
    expect(page.get_by_role("heading", level=2, name="Voorbeeld (nog niet opgeslagen)")).to_be_visible()
    axe.check(page)
    save_screenshot(page, "content-editor")
    page.get_by_label("Wat heeft u veranderd? (niet verplicht)").fill("korter gemaakt")
    page.get_by_role("button", name="Opslaan als nieuwe versie").click()

    expect(page).to_have_url(f"{base}/beheer/inhoud/klachtenprocedure/versies/")
    expect(page.get_by_text("Versie 2 is opgeslagen.")).to_be_visible()
    expect(page.get_by_text("Taalniveau B1: Schrijf “als” in plaats van “indien”.")).to_be_visible()
    rows = page.locator("tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.first).to_contain_text("Versie 2 (huidige)")
    expect(rows.first).to_contain_text("Anton Beheerder")
    expect(rows.first).to_contain_text("korter gemaakt")
    axe.check(page)

    public = context.new_page()
    public.goto(f"{base}/informatie/klachtenprocedure/")
    expect(public.get_by_text("<script>alert('x')</script>")).to_be_visible()
    assert public.locator("main script").count() == 0

    rows.nth(1).get_by_role("button", name=re.compile("^Deze versie terugzetten")).click()
    expect(page.get_by_text("Versie 1 is teruggezet als versie 3.")).to_be_visible()
    expect(page.locator("tbody tr").first).to_contain_text("Versie 3 (huidige)")
    axe.check(page)
    page.goto(f"{base}/beheer/inhoud/klachtenprocedure/")
    expect(page.get_by_label("Tekst", exact=True)).to_have_value(original)

    public.reload()
    expect(public.get_by_role("heading", level=2, name="Stap 1: praat met de school")).to_be_visible()
    axe.assert_clean()
