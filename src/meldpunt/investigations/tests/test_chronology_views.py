import datetime as dt

import pytest
import time_machine

from meldpunt.cases.models import Case
from meldpunt.cases.tests.case_helpers import case_in_investigation
from meldpunt.investigations.models import ChronologyEntry
from meldpunt.investigations.services.chronology import chronology_entry_add, chronology_entry_remove
from meldpunt.privacy.models import AuditEntry

pytestmark = pytest.mark.django_db
RECEIVED = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
NOW = dt.datetime(2026, 3, 20, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def handler_client(staff_client):
    return staff_client("handler")


@pytest.fixture
def case(handler_client):
    with time_machine.travel(RECEIVED, tick=False):
        return case_in_investigation(handler_client.user, started_on="2026-01-15")


def _url(case, tail=""):
    return f"/behandeling/onderzoek/{case.reference}/chronologie/{tail}"


def _get(client, url):
    with time_machine.travel(NOW, tick=False):
        return client.get(url)


def _post(client, url, data=None):
    with time_machine.travel(NOW, tick=False):
        return client.post(url, data or {})


def test_the_page_lists_the_dated_items_oldest_first_and_is_audited(handler_client, case):
    """Opening the page builds the chronology from the case and records the read."""
    page = _get(handler_client, _url(case)).content.decode()
    started, received = page.index("De situatie begon"), page.index("Melding ontvangen")
    assert started < received and "15 januari 2026" in page
    assert AuditEntry.objects.filter(action="case.read", details={"view": "chronology"}).exists()


def test_opening_the_page_twice_adds_nothing(handler_client, case):
    """The rebuild behind the page is idempotent."""
    _get(handler_client, _url(case))
    count = ChronologyEntry.objects.filter(case=case).count()
    _get(handler_client, _url(case))
    assert ChronologyEntry.objects.filter(case=case).count() == count


def test_the_handler_adds_a_free_entry(handler_client, case):
    """A date and a description become an entry; then back to the page."""
    response = _post(
        handler_client, _url(case, "toevoegen"), {"occurred_on": "05-03-2026", "description": "Moeder belde"}
    )
    assert response.status_code == 302
    entry = ChronologyEntry.objects.get(case=case, source_kind="")
    assert (entry.occurred_on, entry.description) == (dt.date(2026, 3, 5), "Moeder belde")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"occurred_on": "", "description": "Iets"}, "Vul de datum in waarop het gebeurde."),
        ({"occurred_on": "5 maart", "description": "Iets"}, "Vul een bestaande datum in als dag-maand-jaar"),
        ({"occurred_on": "21-03-2026", "description": "Iets"}, "kan niet in de toekomst liggen"),
        ({"occurred_on": "05-03-2026", "description": ""}, "Beschrijf wat er gebeurde."),
    ],
)
def test_bad_entries_get_a_specific_message(handler_client, case, data, message):
    """The page comes back with the error at the field, and nothing is added."""
    response = _post(handler_client, _url(case, "toevoegen"), data)
    page = response.content.decode()
    assert response.status_code == 200 and message in page and "<title>Fout:" in page
    assert not ChronologyEntry.objects.filter(case=case, source_kind="").exists()


def test_the_handler_edits_a_derived_entry_and_it_stays_edited(handler_client, case):
    """The edit form shows the entry; after saving, the page shows the new words and marks them as edited."""
    _get(handler_client, _url(case))
    entry = ChronologyEntry.objects.get(case=case, source_kind="case_started")
    form = _get(handler_client, _url(case, f"{entry.pk}/wijzigen")).content.decode()
    assert 'value="15-01-2026"' in form and "De situatie begon" in form
    assert AuditEntry.objects.filter(action="chronologyentry.read", object_pk=str(entry.pk)).exists()
    response = _post(
        handler_client,
        _url(case, f"{entry.pk}/wijzigen"),
        {"occurred_on": "10-01-2026", "description": "Eerste ruzie op het schoolplein"},
    )
    assert response.status_code == 302
    page = _get(handler_client, _url(case)).content.decode()
    assert "Eerste ruzie op het schoolplein" in page and "Gewijzigd door de behandelaar" in page
    entry.refresh_from_db()
    assert entry.edited and entry.occurred_on == dt.date(2026, 1, 10)


def test_the_handler_hides_and_restores_an_entry(handler_client, case):
    """A hidden entry moves to the bottom list and can be put back."""
    with time_machine.travel(NOW, tick=False):
        entry = chronology_entry_add(
            case=case, user=handler_client.user, occurred_on=dt.date(2026, 3, 5), description="Tijdelijk"
        )
    assert _post(handler_client, _url(case, f"{entry.pk}/verbergen")).status_code == 302
    page = _get(handler_client, _url(case)).content.decode()
    assert "Verborgen gebeurtenissen" in page and f"{entry.pk}/terugzetten" in page
    assert _post(handler_client, _url(case, f"{entry.pk}/terugzetten")).status_code == 302
    entry.refresh_from_db()
    assert not entry.removed


def test_hiding_a_hidden_entry_gives_a_message(handler_client, case):
    """The refusal is shown on the page after the redirect."""
    entry = chronology_entry_add(
        case=case, user=handler_client.user, occurred_on=case.received_at.date(), description="Iets"
    )
    chronology_entry_remove(case=case, entry_id=entry.pk, user=handler_client.user)
    response = handler_client.post(_url(case, f"{entry.pk}/verbergen"), follow=True)
    assert "Deze gebeurtenis is al verborgen." in response.content.decode()


def test_a_closed_case_shows_the_chronology_without_forms(handler_client, case):
    """After closing the handler still reads it, but adds or changes nothing."""
    Case.objects.filter(pk=case.pk).update(status="closed")
    page = _get(handler_client, _url(case)).content.decode()
    assert "Melding ontvangen" in page
    assert "chronologie/toevoegen" not in page and "/wijzigen" not in page and "/verbergen" not in page


def test_an_unknown_entry_is_404(handler_client, case):
    """A made-up entry id is not found, for reading and for changing."""
    assert _get(handler_client, _url(case, "999999/wijzigen")).status_code == 404
    assert _post(handler_client, _url(case, "999999/verbergen")).status_code == 404


def test_chronology_pages_refuse_everyone_but_the_handler(staff_client, case):
    """Other handlers, coordinators and school contacts get 403; no entries are built for them."""
    for role in ("handler", "coordinator", "school_contact"):
        client = staff_client(role)
        assert _get(client, _url(case)).status_code == 403
        assert (
            _post(client, _url(case, "toevoegen"), {"occurred_on": "05-03-2026", "description": "x"}).status_code == 403
        )
    assert not ChronologyEntry.objects.exists()
