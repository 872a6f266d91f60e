from dataclasses import replace

import pytest
from django.core.management import call_command

from meldpunt.content.constants import SEED_PAGES
from meldpunt.content.models import Page
from meldpunt.content.services import content_load_if_empty, page_version_add, seed_text
from meldpunt.privacy.models import AuditEntry


@pytest.mark.django_db
def test_loader_creates_the_five_pages_once():
    """The shipped pages are created with Dutch and English text; a second run creates nothing."""
    assert content_load_if_empty() == list(SEED_PAGES)
    assert set(Page.objects.values_list("slug", flat=True)) == {
        "rechten-en-plichten",
        "klachtenprocedure",
        "wat-doet-het-meldpunt",
        "privacy",
        "toegankelijkheid",
    }
    for page in Page.objects.select_related("current"):
        assert page.current.number == 1 and page.current.created_by is None
        assert page.current.title_nl and page.current.body_nl and page.current.title_en and page.current.body_en
    assert AuditEntry.objects.filter(action="page.create", actor_kind="system").count() == 5
    assert content_load_if_empty() == []


@pytest.mark.django_db
def test_loader_never_touches_an_edited_page(staff_user):
    """A page an administrator changed keeps its text when the loader runs again."""
    content_load_if_empty()
    page = Page.objects.get(slug="privacy")
    edited = replace(seed_text("privacy"), body_nl="Onze eigen privacytekst.")
    page_version_add(actor=staff_user("administrator"), page=page, text=edited, based_on=1)
    assert content_load_if_empty() == []
    page.refresh_from_db()
    assert (page.versions.count(), page.current.body_nl) == (2, "Onze eigen privacytekst.")


@pytest.mark.django_db
def test_command_loads_the_pages(capsys):
    """`manage.py content_load` creates the missing shipped pages and says which."""
    call_command("content_load")
    assert "wat-doet-het-meldpunt" in capsys.readouterr().out
    call_command("content_load")
    assert "already there" in capsys.readouterr().out


@pytest.mark.parametrize("slug", SEED_PAGES)
def test_seed_texts_have_titles_in_both_languages(slug):
    """Each shipped page has a Dutch and an English file that start with a title."""
    text = seed_text(slug)
    assert text.title_nl and text.title_en and len(text.body_nl) > 200 and len(text.body_en) > 200
