import pytest
from django.contrib.admin.sites import AdminSite
from django.test import RequestFactory
from django.urls import reverse

from meldpunt.schools.admin import BoardAdmin, SchoolAdmin
from meldpunt.schools.constants import DuoList
from meldpunt.schools.models import Board, School
from meldpunt.schools.services import schools_import
from meldpunt.schools.tests.duofiles import school, write_duo

pytestmark = pytest.mark.django_db


@pytest.fixture
def schools(tmp_path):
    rows = [school(), school("31LN00", "De Verwondering", place="ALMERE", board="40114")]
    schools_import(files=[write_duo(tmp_path, DuoList.PRIMARY, rows)])


def test_the_search_page_shows_a_form_without_errors(client):
    """Opening the page shows the search form and no error summary."""
    response = client.get(reverse("schools:search"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "<title>School zoeken | Meldpunt</title>" in html
    assert 'name="q"' in html
    assert 'role="alert"' not in html


def test_an_empty_search_shows_the_error_summary(client):
    """Sending the form empty shows an error summary linked to the field, and "Fout: " in the title."""
    response = client.get(reverse("schools:search"), {"q": "  "})
    html = response.content.decode()
    assert response.status_code == 200
    assert "<title>Fout: School zoeken | Meldpunt</title>" in html
    assert 'href="#id_q"' in html
    assert 'aria-invalid="true"' in html
    assert "Vul de naam, de plaats of de code van een school in." in html


def test_the_search_page_lists_name_address_place_and_code(client, schools):
    """Results show each school's name, address, place and code."""
    html = client.get(reverse("schools:search"), {"q": "alteveer verwonde"}).content.decode()
    assert "1 school gevonden" in html
    assert "BBS de Verwondering" in html
    assert "Melkweg 13, 9306 TC" in html
    assert "ALTEVEER GEM NOORDENVELD" in html
    assert "32JK00" in html
    assert "ALMERE" not in html


def test_a_search_without_results_says_so(client, schools):
    """A query that finds nothing says so and suggests what to try."""
    html = client.get(reverse("schools:search"), {"q": "zzzz"}).content.decode()
    assert "0 scholen gevonden" in html


def test_the_search_page_in_english(client, schools):
    """The page is translated into English."""
    html = client.get(reverse("schools:search"), {"q": "verwonde", "lang": "en"}).content.decode()
    assert "<title>Find a school | Meldpunt</title>" in html
    assert "2 schools found" in html


def test_the_json_endpoint_returns_results_for_autocomplete(client, schools):
    """zoeken.json answers code, name, place, municipality and sector per school, exact code first."""
    response = client.get(reverse("schools:search_json"), {"q": "32jk00"})
    assert response.status_code == 200
    assert response.json() == {
        "results": [
            {
                "code": "32JK00",
                "name": "BBS de Verwondering",
                "place": "ALTEVEER GEM NOORDENVELD",
                "municipality": "NOORDENVELD",
                "sector": "po",
            }
        ]
    }
    assert client.get(reverse("schools:search_json")).json() == {"results": []}


def test_the_search_pages_refuse_post(client):
    """Searching is a GET; other methods are refused."""
    assert client.post(reverse("schools:search"), {"q": "x"}).status_code == 405
    assert client.post(reverse("schools:search_json"), {"q": "x"}).status_code == 405


def test_the_admin_is_read_mostly():
    """Schools cannot be added, changed or deleted in the admin; of a board only the name can be edited."""
    request = RequestFactory().get("/")
    school_admin = SchoolAdmin(School, AdminSite())
    board_admin = BoardAdmin(Board, AdminSite())
    assert not school_admin.has_add_permission(request)
    assert not school_admin.has_change_permission(request)
    assert not school_admin.has_delete_permission(request)
    assert not board_admin.has_add_permission(request)
    assert not board_admin.has_delete_permission(request)
    assert "number" in board_admin.get_readonly_fields(request)
    assert "name" not in board_admin.get_readonly_fields(request)
