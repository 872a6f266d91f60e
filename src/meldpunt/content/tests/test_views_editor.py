import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from meldpunt.content.models import Page

LIST = reverse("content_admin:list")


def _edit(slug: str = "privacy") -> str:
    return reverse("content_admin:edit", kwargs={"slug": slug})


def _form(page: Page, **overrides: str) -> dict[str, str]:
    current = page.current
    data = {
        "based_on": str(current.number),
        "title_nl": current.title_nl,
        "body_nl": current.body_nl,
        "title_en": current.title_en,
        "body_en": current.body_en,
        "note": "",
        "action": "save",
    }
    data.update(overrides)
    return data


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["coordinator", "handler", "analyst", "partner", "school_contact"])
def test_only_administrators_open_the_editor(staff_client, seeded_pages, role):
    """Every other role is refused the list, the editor, the history and restoring."""
    client = staff_client(role)
    assert client.get(LIST).status_code == 403
    assert client.get(_edit()).status_code == 403
    assert client.get(reverse("content_admin:history", kwargs={"slug": "privacy"})).status_code == 403
    assert client.post(reverse("content_admin:restore", kwargs={"slug": "privacy", "number": 1})).status_code == 403


@pytest.mark.django_db
def test_editor_shows_dutch_and_english_side_by_side(staff_client, seeded_pages):
    """The edit form has a Dutch and an English fieldset with the current text, labelled, and two buttons."""
    html = staff_client("administrator").get(_edit()).content.decode()
    assert html.count("<fieldset") == 2
    assert 'lang="en"' in html and "Privacy: what we do with your data" in html
    assert 'name="action" value="preview"' in html and 'name="action" value="save"' in html
    assert '<label class="utrecht-form-label" for="id_body_nl">' in html


@pytest.mark.django_db
def test_preview_renders_without_saving(staff_client, seeded_pages):
    """Preview shows the sanitised text and adds no version."""
    client = staff_client("administrator")
    page = Page.objects.get(slug="privacy")
    response = client.post(_edit(), _form(page, body_nl="## Nieuwe kop\n\n<script>x</script>", action="preview"))
    html = response.content.decode()
    assert response.status_code == 200
    assert '<h2 class="utrecht-heading-2">Nieuwe kop</h2>' in html
    assert "<script>x</script>" not in html
    assert page.versions.count() == 1


@pytest.mark.django_db
def test_save_adds_a_version_and_shows_b1_hints(staff_client, seeded_pages):
    """Saving adds a version (who, note) and shows the readability hints as non-blocking messages."""
    client = staff_client("administrator")
    page = Page.objects.get(slug="privacy")
    body = "Indien u vragen heeft, kunt u ons bellen of mailen."
    response = client.post(_edit(), _form(page, body_nl=body, note="korter"))
    assert response.status_code == 302
    assert response["Location"] == reverse("content_admin:history", kwargs={"slug": "privacy"})
    page.refresh_from_db()
    assert (page.current.number, page.current.created_by, page.current.note) == (2, client.user, "korter")
    shown = [str(m) for m in get_messages(response.wsgi_request)]
    assert "Versie 2 is opgeslagen." in shown
    assert "Taalniveau B1: Schrijf “als” in plaats van “indien”." in shown


@pytest.mark.django_db
def test_history_lists_versions_and_restores(staff_client, seeded_pages):
    """The history lists every version with its author; restoring version 1 makes it current as version 3."""
    client = staff_client("administrator", first_name="Anton", last_name="Beheerder")
    page = Page.objects.get(slug="privacy")
    client.post(_edit(), _form(page, body_nl="Tijdelijke tekst."))
    history = client.get(reverse("content_admin:history", kwargs={"slug": "privacy"})).content.decode()
    assert "Versie 2" in history and "Anton Beheerder" in history and "meegeleverd met de website" in history
    response = client.post(reverse("content_admin:restore", kwargs={"slug": "privacy", "number": 1}))
    assert response.status_code == 302
    page.refresh_from_db()
    assert (page.current.number, page.current.restored_from) == (3, 1)
    assert page.current.body_nl == page.versions.get(number=1).body_nl


@pytest.mark.django_db
def test_old_version_page_shows_its_text(staff_client, seeded_pages):
    """An old version can be read (both languages) before restoring it."""
    client = staff_client("administrator")
    page = Page.objects.get(slug="privacy")
    client.post(_edit(), _form(page, body_nl="Tijdelijke tekst."))
    html = client.get(reverse("content_admin:version", kwargs={"slug": "privacy", "number": 1})).content.decode()
    assert "Deze versie terugzetten" in html and "Welke gegevens gebruiken wij?" in html
    assert client.get(reverse("content_admin:version", kwargs={"slug": "privacy", "number": 9})).status_code == 404


@pytest.mark.django_db
def test_restore_only_by_post(staff_client, seeded_pages):
    """Restoring changes the page, so a GET is refused."""
    client = staff_client("administrator")
    assert client.get(reverse("content_admin:restore", kwargs={"slug": "privacy", "number": 1})).status_code == 405


@pytest.mark.django_db
def test_errors_are_summarised(staff_client, seeded_pages):
    """An empty Dutch text and half an English version give an error summary and "Fout:" in the title."""
    client = staff_client("administrator")
    page = Page.objects.get(slug="privacy")
    response = client.post(_edit(), _form(page, body_nl="", title_en=""))
    html = response.content.decode()
    assert "<title>Fout:" in html and "Schrijf de Nederlandse tekst." in html
    assert page.versions.count() == 1
    response = client.post(_edit(), _form(page, title_en=""))
    assert "Vul voor Engels de titel én de tekst in, of laat beide leeg." in response.content.decode()


@pytest.mark.django_db
def test_stale_edit_is_refused_with_a_message(staff_client, seeded_pages):
    """A form based on an older version gets a clear message instead of overwriting a colleague's change."""
    client = staff_client("administrator")
    page = Page.objects.get(slug="privacy")
    client.post(_edit(), _form(page, body_nl="Van een collega."))
    response = client.post(_edit(), _form(page, body_nl="Van mij.", based_on="1"))
    assert "Iemand anders heeft deze pagina intussen veranderd." in response.content.decode()


@pytest.mark.django_db
def test_administrator_creates_a_page(staff_client, seeded_pages):
    """A new page gets version 1 and is public at its address."""
    client = staff_client("administrator")
    response = client.post(
        reverse("content_admin:create"),
        {
            "slug": "vragen",
            "title_nl": "Vragen",
            "body_nl": "Stel uw vraag.",
            "title_en": "",
            "body_en": "",
            "note": "",
        },
    )
    assert response.status_code == 302
    assert client.get(reverse("content:page", kwargs={"slug": "vragen"})).status_code == 200
