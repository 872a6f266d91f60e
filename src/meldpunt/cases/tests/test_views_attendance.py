import datetime as dt

import pytest
import time_machine

from meldpunt.cases.models import Case
from meldpunt.cases.tests.case_helpers import case_in_investigation

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 3, 10, 9, 0, tzinfo=dt.UTC)  # a Tuesday


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def handler_client(staff_client):
    return staff_client("handler")


def _url(case, tail=""):
    return f"/behandeling/zaken/{case.reference}{tail}"


def test_the_handler_records_attendance_through_the_form(handler_client):
    """A valid form appends to the history and returns to the page, with the count and the alternative shown."""
    case = case_in_investigation(handler_client.user)
    response = handler_client.post(
        _url(case, "/schoolgang"),
        {
            "attendance-status": "not_attending",
            "attendance-since": "02-03-2026",
            "attendance-alternative": "temporary_other_school",
            "attendance-alternative_note": "Drie weken op de Regenboogschool.",
        },
        follow=True,
    )
    html = response.content.decode()
    assert response.redirect_chain[-1][0].endswith("#schoolgang")
    for text in ("De schoolgang is bijgewerkt.", "6 schooldagen gemist.", "Tijdelijk naar een andere school"):
        assert text in html, text
    assert "Drie weken op de Regenboogschool." in html
    assert Case.objects.get(pk=case.pk).absent_since == dt.date(2026, 3, 2)


def test_a_bad_date_comes_back_with_an_error_summary(handler_client):
    """An unreadable or future date is shown on the page, "Fout:" in the title, linked to the field."""
    case = case_in_investigation(handler_client.user)
    for since, message in (("volgende week", "Vul een datum in"), ("20-03-2026", "in de toekomst")):
        response = handler_client.post(
            _url(case, "/schoolgang"),
            {"attendance-status": "partly", "attendance-since": since, "attendance-alternative": "none"},
        )
        html = response.content.decode()
        assert response.status_code == 200 and "<title>Fout:" in html
        assert message in html and 'href="#id_attendance-since"' in html
    assert not Case.objects.get(pk=case.pk).attendance_records.exists()


def test_four_weeks_out_of_school_is_an_alert_on_the_case_page(handler_client, staff_client):
    """From 28 days out of school the page opens with an alert, for the handler and in the triage summary."""
    case = case_in_investigation(handler_client.user, attendance="not_attending", absent_since="2026-02-09")
    for client in (handler_client, staff_client("coordinator")):
        html = client.get(_url(case)).content.decode()
        assert "Al 4 weken of langer niet naar school." in html
        assert "Schoolgang door de tijd" in html and "Melder, bij de melding" in html
    fresh = case_in_investigation(handler_client.user, attendance="not_attending", absent_since="2026-02-11")
    assert "Al 4 weken of langer" not in handler_client.get(_url(fresh)).content.decode()


def test_only_the_assigned_handler_gets_the_attendance_form(handler_client, staff_client):
    """The coordinator's summary shows the history without the form; a post from them is refused."""
    case = case_in_investigation(handler_client.user)
    coordinator = staff_client("coordinator")
    assert "Schoolgang bijwerken" in handler_client.get(_url(case)).content.decode()
    assert "Schoolgang bijwerken" not in coordinator.get(_url(case)).content.decode()
    response = coordinator.post(
        _url(case, "/schoolgang"),
        {"attendance-status": "partly", "attendance-since": "02-03-2026", "attendance-alternative": "none"},
    )
    assert response.status_code == 403
