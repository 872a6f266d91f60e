"""Fixtures of the portal tests: reports made through the real intake service, a handler, a signed-in client."""

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from meldpunt.cases.models import Case
from meldpunt.intake.services import SubmittedReport

from .factories import submit_report


@pytest.fixture
def submitted(db: None) -> SubmittedReport:
    return submit_report()


@pytest.fixture
def make_report(db: None) -> Callable[..., SubmittedReport]:
    return submit_report


@pytest.fixture
def assigned_handler(staff_user: Callable[..., Any]) -> Callable[[Case], Any]:
    """A handler assigned to the given case (the assignment service comes with the back office)."""

    def assign(case: Case) -> Any:
        handler = staff_user("handler", first_name="Henk", last_name="de Vries")
        Case.objects.filter(pk=case.pk).update(assigned_handler=handler)
        case.refresh_from_db()
        return handler

    return assign


@pytest.fixture
def signed_in(client: Client, submitted: SubmittedReport) -> tuple[Client, SubmittedReport]:
    """A test client signed in on the portal page as the reporter of `submitted`."""
    response = client.post(
        "/mijn-melding/", {"reference": submitted.case.reference, "access_code": submitted.access_code}
    )
    assert response.status_code == 302, response
    return client, submitted
