"""The reporter's portal shows what the school got about them, exactly as the school reads it, and when it opened it."""

import pytest
from django.test import Client
from django.utils import timezone

from meldpunt.cases.deadlines import local_date
from meldpunt.cases.services import case_start_intake, case_start_investigation
from meldpunt.cases.tests.case_helpers import REPORT, case_assigned
from meldpunt.intake.services import report_submit
from meldpunt.intake.validation import SchoolFacts, report_validate
from meldpunt.investigations.selectors.shared import SchoolVisitor, school_request_view
from meldpunt.investigations.services.requests import information_request_share_with_reporter
from meldpunt.investigations.tests.request_helpers import reporter_named, request_draft, request_sent, school_contact

pytestmark = pytest.mark.django_db


@pytest.fixture
def handler(staff_user):
    return staff_user("handler")


@pytest.fixture
def submitted(handler, school):
    report, errors = report_validate(
        {**REPORT, "school": school.code},
        today=local_date(timezone.now()),
        school_lookup=lambda c: SchoolFacts(c, "po"),
    )
    assert errors == {}
    submitted = report_submit(report=report)
    case = case_assigned(submitted.case, handler)
    case_start_intake(case=case, actor=handler)
    case_start_investigation(case=case, actor=handler)
    submitted.case.refresh_from_db()
    return submitted


@pytest.fixture
def reporter(submitted):
    client = Client()
    response = client.post(
        "/mijn-melding/", {"reference": submitted.case.reference, "access_code": submitted.access_code}
    )
    assert response.status_code == 302
    return client


def test_before_anything_is_sent_there_is_no_section(reporter, submitted, handler):
    """A draft is not something the school was told."""
    request_draft(submitted.case, handler)
    assert "Wat de school van ons kreeg" not in reporter.get("/mijn-melding/melding").content.decode()


def test_the_reporter_reads_the_summary_as_the_school_does_and_sees_it_was_opened(reporter, submitted, handler):
    """Name replaced as for the school, the opening by the school listed, questions and answers once shared."""
    case = submitted.case
    reporter_named(case, handler, "Fatima Zwaan")
    contact = school_contact(case)
    sent = request_sent(case, handler, summary="Fatima Zwaan vertelt over de pauzes.").request
    page = reporter.get("/mijn-melding/melding").content.decode()
    assert "Wat de school van ons kreeg" in page
    assert "[naam melder] vertelt over de pauzes." in page
    assert "De school heeft het nog niet geopend." in page
    school_request_view(request_id=sent.pk, visitor=SchoolVisitor(user=contact))
    information_request_share_with_reporter(request=sent, user=handler, shared=True)
    page = reporter.get("/mijn-melding/melding").content.decode()
    assert "Contactpersoon van het schoolbestuur" in page
    assert "Wat weet de school van het buitensluiten?" in page
