"""The administrators' pages at /beheer/wegwijzer/: the table in words, editing with a preview, history, restore."""

from __future__ import annotations

import copy
import json

import pytest
from django.urls import reverse

from meldpunt.guide.models import DecisionTableVersion
from meldpunt.guide.selectors import shipped_table_content
from meldpunt.guide.services import decision_table_save, guide_table_load_if_empty
from meldpunt.guide.tests.html import read_page

pytestmark = pytest.mark.django_db

PATH = {
    "pad_role": "parent",
    "pad_topics": ["bullying_psychological"],
    "pad_danger": "yes",
    "pad_tried": ["complaint_to_board"],
    "pad_outcome": "not_resolved",
    "pad_duration": "longer",
    "pad_attendance": "not_attending",
}


@pytest.fixture
def admin_client(staff_client):
    return staff_client("administrator")


def _content(change=None) -> str:
    content = copy.deepcopy(shipped_table_content())
    if change:
        change(content)
    return json.dumps(content, ensure_ascii=False, indent=2)


def test_the_overview_shows_the_table_in_words(admin_client):
    """Questions, rules in order with their conditions in words, and how many paths end in each."""
    guide_table_load_if_empty()
    html = admin_client.get(reverse("guide_admin:overview")).content.decode()
    page = read_page(html)
    assert [text for level, text in page.headings() if level == 1] == ["Wegwijzer: beslistabel"]
    assert "Versie 1 is in gebruik" in html
    assert "Gevaar, en het zit vast" in html
    assert "Is iemand nu in gevaar? Ja en Gaat het kind nog naar school? Soms, of een deel van de tijd of Nee" in html
    assert "Er zijn 8424 mogelijke routes door de vragen." in html


def test_the_editor_starts_with_the_table_in_use(admin_client):
    """The text box holds the current table as JSON, and the preview asks every question."""
    html = admin_client.get(reverse("guide_admin:edit")).content.decode()
    assert "&quot;questions&quot;" in html
    page = read_page(html)
    assert page.find("textarea", id="id_content")
    assert page.find("input", id="id_pad_role_0")


def test_the_preview_shows_the_advice_for_a_path_without_saving(admin_client, network):
    """ "Controleren en voorbeeld" checks the draft and shows its advice for the chosen path; nothing is saved."""
    before = DecisionTableVersion.objects.count()
    response = admin_client.post(reverse("guide_admin:edit"), {"content": _content(), "preview": "1", **PATH})
    html = response.content.decode()
    assert response.status_code == 200
    assert "De tabel klopt" in html
    assert "Advies voor deze route (regel ‘danger_and_stuck’)" in html
    preview = html[html.index("data-preview-advice") :]
    assert preview.index("data-emergency") < preview.index("data-next-steps")
    assert "Ouders &amp; Onderwijs" in preview
    assert DecisionTableVersion.objects.count() == before


def test_the_preview_of_a_draft_uses_the_draft(admin_client):
    """A changed advice text shows in the preview before it is saved."""

    def change(content):
        next(r for r in content["rules"] if r["id"] == "danger_and_stuck")["advice"]["nl"] = "Nieuw advies bij gevaar."

    html = admin_client.post(reverse("guide_admin:edit"), {"content": _content(change), "preview": "1", **PATH}).content
    assert "Nieuw advies bij gevaar." in html.decode()


def test_an_incomplete_path_asks_for_the_missing_answer(admin_client):
    """Without an answer to a question that is asked, the preview names that question."""
    data = {"content": _content(), "preview": "1", **PATH}
    del data["pad_duration"]
    html = admin_client.post(reverse("guide_admin:edit"), data).content.decode()
    assert "kies ook een antwoord bij ‘Hoe lang speelt dit al?’" in html


def test_broken_json_is_explained_in_plain_words(admin_client):
    """A missing comma is named with its line and column, as a form error in the error summary."""
    broken = _content().replace('"role",', '"role"', 1)
    response = admin_client.post(reverse("guide_admin:edit"), {"content": broken, "save": "1", "note": "x"})
    html = response.content.decode()
    assert response.status_code == 400
    assert "De tekst is geen geldige JSON. Regel" in html and "hier ontbreekt een komma" in html
    assert "<title>Fout: " in html


def test_a_table_with_problems_is_not_saved_and_the_problems_are_listed(admin_client):
    """Turning off the emergency numbers after danger is refused with the reason; no version is added."""

    def change(content):
        next(r for r in content["rules"] if r["id"] == "danger")["show_emergency"] = False

    before = DecisionTableVersion.objects.count()
    response = admin_client.post(reverse("guide_admin:edit"), {"content": _content(change), "save": "1", "note": "x"})
    html = response.content.decode()
    assert response.status_code == 400
    assert "toont dan geen noodnummers" in html
    assert DecisionTableVersion.objects.count() == before


def test_saving_through_the_editor_adds_a_version(admin_client):
    """A valid change with a note becomes the current version and the overview says so."""

    def change(content):
        content["questions"][0]["text"]["nl"] = "Wie ben jij?"

    response = admin_client.post(
        reverse("guide_admin:edit"), {"content": _content(change), "save": "1", "note": "Je-vorm"}, follow=True
    )
    html = response.content.decode()
    assert response.redirect_chain[-1][0] == reverse("guide_admin:overview")
    current = DecisionTableVersion.objects.get(is_current=True)
    assert current.note == "Je-vorm" and current.created_by == admin_client.user
    assert f"Versie {current.number} is opgeslagen en in gebruik." in html


def test_saving_without_a_note_is_refused(admin_client):
    """The note is needed to save; the message is shown at the field."""

    def change(content):
        content["questions"][0]["text"]["nl"] = "Wie ben jij?"

    response = admin_client.post(reverse("guide_admin:edit"), {"content": _content(change), "save": "1", "note": ""})
    assert response.status_code == 400
    assert "Schrijf kort op wat u heeft veranderd." in response.content.decode()


def test_history_lists_versions_and_restores_one(admin_client):
    """The history shows each version with who and when; restoring version 1 makes a new current version."""
    guide_table_load_if_empty()
    content = copy.deepcopy(shipped_table_content())
    content["questions"][0]["text"]["nl"] = "Wie ben jij?"
    decision_table_save(actor=admin_client.user, content=content, note="Je-vorm")
    html = admin_client.get(reverse("guide_admin:history")).content.decode()
    page = read_page(html)
    assert page.find("tr", data_version="2") and page.find("tr", data_version="1")
    assert "Je-vorm" in html and "meegeleverd" in html
    response = admin_client.post(reverse("guide_admin:restore", kwargs={"number": 1}), follow=True)
    assert "Versie 1 is teruggezet als versie 3 en is nu in gebruik." in response.content.decode()
    assert DecisionTableVersion.objects.get(is_current=True).number == 3


def test_a_version_page_shows_that_version(admin_client):
    """An earlier version is shown in words and as JSON, with a restore button; an unknown one is 404."""
    guide_table_load_if_empty()
    html = admin_client.get(reverse("guide_admin:version", kwargs={"number": 1})).content.decode()
    assert "Wegwijzer: versie 1" in html and "Deze versie is in gebruik." in html
    assert admin_client.get(reverse("guide_admin:version", kwargs={"number": 42})).status_code == 404


def test_other_staff_cannot_open_the_guide_admin(staff_client):
    """A coordinator gets 403 on the administrators' pages."""
    assert staff_client("coordinator").get(reverse("guide_admin:overview")).status_code == 403
