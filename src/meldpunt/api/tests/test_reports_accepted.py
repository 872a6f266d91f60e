import datetime as dt
import re
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import DatabaseError, connection

from meldpunt.api.tests.reports_fixtures import post_json, school_fixture, valid_report_fixture  # noqa: F401  (fixtures)
from meldpunt.cases.models import Case, StatusChange
from meldpunt.intake.codes import access_code_matches

CODE = re.compile(r"[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}")
MONDAY_MORNING = dt.datetime(2026, 11, 30, 10, 0, tzinfo=ZoneInfo("Europe/Amsterdam"))


@pytest.mark.django_db
def test_a_valid_report_is_accepted_with_reference_code_and_next_steps(client, school, valid_report):
    """A valid body gets 201 with an MSV reference, a Crockford access code, status received and real due dates."""
    with time_machine.travel(MONDAY_MORNING, tick=False):
        response = post_json(client, valid_report)
    assert response.status_code == 201, response.content
    assert response["Content-Type"] == "application/json"
    assert response["Cache-Control"] == "no-store"
    body = response.json()
    assert re.fullmatch(r"MSV-2026-\d{6}", body["reference"])
    assert CODE.fullmatch(body["access_code"])
    assert body["status"] == "received"
    assert body["status_label"] == "Ontvangen"
    assert body["received_at"] == "2026-11-30T10:00:00+01:00"
    # One working day for the acknowledgement, five for the intake decision (cases/terms.py).
    assert body["next_steps"] == [
        {"code": "acknowledgement", "due": "2026-12-01"},
        {"code": "intake_decision", "due": "2026-12-07"},
    ]
    assert body["portal_url"].endswith("/mijn-melding/")
    case = Case.objects.get(reference=body["reference"])
    assert access_code_matches(body["access_code"], case.access_code_hash)
    assert case.school.code == "32JK00" and case.sector == "po"
    assert case.description == valid_report["description"]
    assert case.contact_email == "ouder@example.nl"


@pytest.mark.django_db
def test_the_minimal_report_without_a_school_is_accepted(client):
    """Only the required fields are needed; no school means the reporter would rather not say; English answers."""
    body = {
        "reporter_role": "pupil",
        "categories": ["bullying_psychological"],
        "description": "Ze lachen me elke dag uit.",
        "attendance": "attending",
        "acute_danger": False,
        "language": "en",
    }
    response = post_json(client, body)
    assert response.status_code == 201, response.content
    assert response.json()["portal_url"].endswith("/mijn-melding/?lang=en")
    assert response.json()["status_label"] == "Received"
    case = Case.objects.get()
    assert case.school is None and case.sector == "unknown" and case.language == "en"


@pytest.mark.django_db
def test_a_school_code_is_read_regardless_of_case_and_spaces(client, school, valid_report):
    """A DUO code typed in lower case with spaces around it finds the school."""
    response = post_json(client, {**valid_report, "school": " 32jk00 "})
    assert response.status_code == 201, response.content
    assert Case.objects.get().school == school


@pytest.mark.django_db(transaction=True)
def test_the_report_is_committed_before_201_is_sent(client, school, valid_report):
    """When 201 arrives the report is committed: no transaction is left open around it."""
    response = post_json(client, valid_report)
    assert response.status_code == 201
    assert not connection.in_atomic_block
    assert Case.objects.filter(reference=response.json()["reference"]).exists()
    assert StatusChange.objects.filter(case__reference=response.json()["reference"]).count() == 1


@pytest.mark.django_db
def test_a_failure_while_storing_leaves_nothing_half_stored(client, school, valid_report, monkeypatch):
    """When the database fails after the case row was written, everything rolls back and the answer is 503."""

    def broken_create(*args, **kwargs):
        raise DatabaseError("disk full")

    monkeypatch.setattr("meldpunt.intake.services.StatusChange.objects.create", broken_create)
    response = post_json(client, valid_report)
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert list(response.json()["errors"]) == ["__all__"]
    assert Case.objects.count() == 0 and StatusChange.objects.count() == 0
