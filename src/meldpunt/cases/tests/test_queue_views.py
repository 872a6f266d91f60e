import datetime as dt

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from meldpunt.accounts.constants import Role
from meldpunt.cases.models import SavedFilter
from meldpunt.cases.tests.queue_factories import DESCRIPTION, EMAIL, PHONE, case_make, school_make

NOW = dt.datetime(2026, 3, 10, 9, 0, tzinfo=dt.UTC)
QUEUE = "/behandeling/"
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.mark.parametrize("role", [Role.ANALYST, Role.ADMINISTRATOR, Role.SCHOOL_CONTACT, Role.PARTNER])
def test_roles_without_cases_get_403_on_the_queue_pages(staff_client, role):
    """The queue, saved filters, assignment, priority and board-ties pages are refused to these roles."""
    case = case_make()
    client = staff_client(role)
    assert client.get(QUEUE).status_code == 403
    assert client.post("/behandeling/filters/opslaan", {"name": "x"}).status_code == 403
    assert client.get(f"/behandeling/zaken/{case.reference}/toewijzen").status_code == 403
    assert client.get(f"/behandeling/zaken/{case.reference}/prioriteit").status_code == 403
    assert client.get("/behandeling/mijn-banden").status_code == 403


def test_handlers_get_403_on_assignment_and_priority(staff_client):
    """Assigning and overriding the priority are for coordinators only."""
    client = staff_client(Role.HANDLER)
    case = case_make(handler=client.user)
    assert client.get(f"/behandeling/zaken/{case.reference}/toewijzen").status_code == 403
    assert client.post(f"/behandeling/zaken/{case.reference}/prioriteit", {"clear": "1"}).status_code == 403


def test_anyone_not_signed_in_is_sent_to_the_sign_in_page(client):
    """Without a full staff sign-in the queue redirects to the sign-in page."""
    response = client.get(QUEUE)
    assert response.status_code == 302 and "/medewerkers/" in response["Location"]


def test_the_coordinator_queue_shows_why_urgent_what_is_due_and_links(staff_client):
    """Each row links to the case, shows its factors, its next deadline ("te laat" when late) and an assign link."""
    client = staff_client(Role.COORDINATOR)
    late = case_make(received_at=NOW - dt.timedelta(days=14))
    thuiszitter = case_make(attendance="not_attending", absent_since=dt.date(2026, 2, 2), school=school_make("45AA00"))
    html = client.get(QUEUE).content.decode()
    assert f'href="/behandeling/zaken/{thuiszitter.reference}"' in html
    assert f'href="/behandeling/zaken/{late.reference}/toewijzen"' in html
    assert "Het kind gaat niet naar school" in html
    assert "te laat" in html and "Besluit over behandeling" in html
    assert html.index(thuiszitter.reference) < html.index(late.reference)
    for secret in (DESCRIPTION, EMAIL, PHONE):
        assert secret not in html


def test_a_handler_sees_only_their_own_cases_without_assign_links(staff_client):
    """A handler's queue lists their cases and offers no assignment."""
    client = staff_client(Role.HANDLER)
    mine = case_make(handler=client.user)
    other = case_make()
    html = client.get(QUEUE).content.decode()
    assert mine.reference in html and other.reference not in html
    assert "toewijzen" not in html


def test_the_filter_form_works_by_get_and_keeps_its_values(staff_client):
    """Filters are plain GET parameters: the page shows the chosen values and only matching cases."""
    client = staff_client(Role.COORDINATOR)
    thuiszitter = case_make(attendance="not_attending", absent_since=dt.date(2026, 2, 2))
    other = case_make()
    html = client.get(QUEUE, {"thuiszitter": "1", "sorteer": "termijn", "regio": "Atlantis"}).content.decode()
    assert thuiszitter.reference in html and other.reference not in html
    assert 'name="thuiszitter" value="1" checked' in html
    assert '<option value="termijn" selected>' in html


def _queries_for_page(client, **params):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(QUEUE, params)
    assert response.status_code == 200
    return len(queries)


def test_the_page_costs_the_same_number_of_queries_for_few_or_many_rows(staff_client):
    """The queue page's query count does not grow with the rows shown (no query per row)."""
    client = staff_client(Role.COORDINATOR)
    school = school_make("46AA00")
    for _ in range(3):
        case_make(school=school)
    few = _queries_for_page(client)
    for index in range(30):
        case_make(school=school if index % 2 else None, handler=client.user if index % 3 else None)
    many = _queries_for_page(client)
    assert few == many
    assert _queries_for_page(client, sorteer="termijn") == many


def test_next_and_previous_links_page_through_the_queue(staff_client):
    """The page links carry the filters and a cursor; following them shows the next 25 and back again."""
    client = staff_client(Role.COORDINATOR)
    cases = [case_make() for _ in range(27)]
    first = client.get(QUEUE, {"sorteer": "termijn"})
    next_query = first.context["next_query"]
    assert "sorteer=termijn" in next_query and "na=" in next_query
    second = client.get(f"{QUEUE}?{next_query}")
    assert len(second.context["page"].rows) == 2 and second.context["page"].number == 2
    assert cases[-1].reference in second.content.decode()
    back = client.get(f"{QUEUE}?{second.context['previous_query']}")
    assert [row.case.pk for row in back.context["page"].rows] == [row.case.pk for row in first.context["page"].rows]


def test_a_saved_filter_is_kept_listed_applied_and_deleted(staff_client):
    """Saving stores the canonical filter (never the page position); the list links to it; delete removes it."""
    client = staff_client(Role.COORDINATOR)
    response = client.post(
        "/behandeling/filters/opslaan",
        {"name": "  Thuiszitters  Utrecht ", "query": "thuiszitter=1&regio=Utrecht&na=5.9&x=1"},
    )
    saved = SavedFilter.objects.get(owner=client.user)
    assert saved.name == "Thuiszitters Utrecht" and saved.query == "regio=Utrecht&thuiszitter=1"
    assert response.status_code == 302 and response["Location"] == f"{QUEUE}?regio=Utrecht&thuiszitter=1"
    html = client.get(QUEUE).content.decode()
    assert f'href="{QUEUE}?regio=Utrecht&amp;thuiszitter=1">Thuiszitters Utrecht</a>' in html
    assert client.post(f"/behandeling/filters/{saved.pk}/verwijderen").status_code == 302
    assert not SavedFilter.objects.exists()


def test_a_saved_filter_needs_a_name_and_the_page_says_so(staff_client):
    """Without a name the queue page comes back with an error summary and "Fout:" in its title."""
    client = staff_client(Role.HANDLER)
    response = client.post("/behandeling/filters/opslaan", {"name": " ", "query": "te_laat=1"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "<title>Fout:" in html and "Geef het filter een naam." in html
    assert not SavedFilter.objects.exists()


def test_nobody_deletes_another_persons_saved_filter(staff_client):
    """Deleting someone else's filter is a 404 and leaves it in place."""
    owner = staff_client(Role.COORDINATOR)
    owner.post("/behandeling/filters/opslaan", {"name": "Mijn filter", "query": "te_laat=1"})
    saved = SavedFilter.objects.get()
    other = staff_client(Role.COORDINATOR)
    assert other.post(f"/behandeling/filters/{saved.pk}/verwijderen").status_code == 404
    assert SavedFilter.objects.filter(pk=saved.pk).exists()
