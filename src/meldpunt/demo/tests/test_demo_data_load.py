import datetime as dt
from collections.abc import Iterator

import pytest
import time_machine
from django.apps import apps
from django.test import Client, override_settings
from django.urls import reverse

from meldpunt.accounts.models import User
from meldpunt.accounts.tests.helpers import sign_in_client
from meldpunt.cases.constants import Attendance, Status
from meldpunt.cases.deadlines import AMSTERDAM
from meldpunt.cases.models import Case
from meldpunt.core.errors import MeldpuntError
from meldpunt.demo.constants import (
    DEMO_ACCESS_CODE,
    DEMO_HANDLER,
    DEMO_PARTNER,
    DEMO_PARTNER_ORGANISATION,
    DEMO_SCHOOL_CODE,
    DEMO_SCHOOL_CONTACT,
    DEMO_STAFF,
)
from meldpunt.demo.management.commands.demo_load import portal_lines
from meldpunt.demo.selectors import demo_portals_overview
from meldpunt.demo.services import DemoReport, demo_data_load
from meldpunt.findings.models import DraftFindings
from meldpunt.intake.codes import access_code_matches
from meldpunt.interventions.constants import AgreementOwner, MediationStatus
from meldpunt.investigations.constants import ConsentSubject, PartyRole, RequestStatus
from meldpunt.investigations.models import InformationRequest
from meldpunt.investigations.selectors.shared import SchoolVisitor, school_requests_list
from meldpunt.investigations.services.requests import default_due_on
from meldpunt.referrals.constants import ReferralStatus
from meldpunt.referrals.models import Referral
from meldpunt.referrals.selectors import partner_inbox
from meldpunt.schoolportal.selectors import school_findings_cases
from meldpunt.schools.models import School, SchoolHoliday

# A Tuesday in term time: the due dates and school days missed do not depend on the day the tests run.
TODAY = dt.date(2026, 3, 10)


@pytest.fixture
def frozen() -> Iterator[None]:
    with time_machine.travel(dt.datetime(2026, 3, 10, 10, 0, tzinfo=AMSTERDAM), tick=True):
        yield


@pytest.fixture
def demo(db: None, frozen: None) -> DemoReport:
    return demo_data_load()


def _worked(report: DemoReport) -> dict[str, Case]:
    """The demo handler's cases by what they show: investigation, intervention, referral, absence."""
    cases = Case.objects.in_bulk(report.casework_created, field_name="reference")
    return dict(
        zip(
            ("investigation", "intervention", "referral", "absence"),
            (cases[r] for r in report.casework_created),
            strict=True,
        )
    )


def _row_counts() -> dict[str, int]:
    return {model._meta.label: model.objects.count() for model in apps.get_models()}


def test_demo_loads_once_with_every_demo_sign_in(demo: DemoReport) -> None:
    """The demo has all DUO schools, the holidays, every demo sign-in and nine cases; a second load changes nothing."""
    assert School.objects.count() > 8000 and SchoolHoliday.objects.count() == 44
    assert sorted(demo.staff_created) == sorted(username for username, *_rest in DEMO_STAFF)
    assert len(demo.cases_created) == 5 and len(demo.casework_created) == 4
    first = Case.objects.order_by("pk").first()
    assert first is not None and access_code_matches(DEMO_ACCESS_CODE, first.access_code_hash)
    before = _row_counts()
    again = demo_data_load()
    assert (again.schools_imported, again.staff_created, again.cases_created, again.casework_created) == (0, [], [], [])
    assert _row_counts() == before
    assert User.objects.count() == len(DEMO_STAFF)


def test_demo_handler_holds_the_worked_cases(demo: DemoReport) -> None:
    """The demo handler's four cases went through the real services: fact-finding, hearing both sides, an action
    plan, and a child out of school whose school days missed the queue counts."""
    handler = User.objects.get(username=DEMO_HANDLER)
    worked = _worked(demo)
    assert set(Case.objects.filter(assigned_handler=handler).values_list("reference", flat=True)) == set(
        demo.casework_created
    )
    investigation = worked["investigation"]
    assert investigation.status == Status.INVESTIGATION and investigation.school.code == DEMO_SCHOOL_CODE
    assert set(investigation.parties.values_list("role", flat=True)) == {PartyRole.REPORTER, PartyRole.SCHOOL_BOARD}
    assert investigation.consents.filter(subject=ConsentSubject.SUMMARY_WITH_SCHOOL).count() == 1
    assert (investigation.evidence.count(), investigation.interviews.count()) == (1, 1)
    intervention = worked["intervention"]
    assert intervention.status == Status.INTERVENTION
    assert DraftFindings.objects.get(case=intervention).sent_at is not None
    owners = sorted(intervention.agreements.values_list("owner", flat=True))
    assert owners == sorted([AgreementOwner.SCHOOL_BOARD, AgreementOwner.MELDPUNT])
    assert intervention.mediation_meetings.get().status == MediationStatus.PLANNED
    absence = worked["absence"]
    assert absence.attendance == Attendance.NOT_ATTENDING
    assert absence.attendance_records.count() == 3 and (absence.school_days_missed or 0) >= 5
    # The child out of school was contacted at once: no urgent-contact deadline is late.
    assert absence.next_due_code != "urgent_contact"


def test_school_contact_sees_exactly_the_demo_request_and_findings(demo: DemoReport, client: Client) -> None:
    """The demo school contact finds one open request (two questions, due in ten working days) and one case's
    draft findings open for comment, and nothing else of the demo."""
    school = User.objects.get(username=DEMO_SCHOOL_CONTACT)
    worked = _worked(demo)
    visitor = SchoolVisitor(user=school)
    requests = school_requests_list(visitor=visitor)
    assert [(row.case_reference, row.status) for row in requests] == [
        (worked["investigation"].reference, RequestStatus.SENT)
    ]
    assert requests[0].due_on == default_due_on(today=TODAY)
    assert InformationRequest.objects.get(pk=requests[0].pk).questions.count() == 2
    findings = school_findings_cases(visitor=visitor)
    assert [(row.reference, row.comments_open) for row in findings] == [(worked["intervention"].reference, True)]
    page = sign_in_client(client, school).get(reverse("schoolportal:home"))
    assert page.status_code == 200
    assert worked["investigation"].reference in page.text and worked["intervention"].reference in page.text


def test_partner_sees_exactly_the_demo_referral(demo: DemoReport, client: Client) -> None:
    """The demo partner finds one referral to accept or decline, made with the reporter's consent."""
    partner = User.objects.get(username=DEMO_PARTNER)
    rows = partner_inbox(user=partner)
    assert [row.status for row in rows] == [ReferralStatus.SENT]
    referral = Referral.objects.select_related("organisation", "consent").get(pk=rows[0].number)
    assert referral.case == _worked(demo)["referral"]
    assert referral.organisation.name == DEMO_PARTNER_ORGANISATION
    assert referral.consent is not None and referral.consent.subject == ConsentSubject.REFERRAL
    assert sign_in_client(client, partner).get(reverse("partner:referrals")).status_code == 200


def test_demo_load_names_what_the_school_contact_and_partner_see(demo: DemoReport) -> None:
    """The summary of demo_load names the school contact's request and findings and the partner's referral."""
    worked = _worked(demo)
    lines = portal_lines(demo_portals_overview())
    assert len(lines) == 2
    assert lines[0].startswith(f"School contact '{DEMO_SCHOOL_CONTACT}' sees at /school/")
    assert worked["investigation"].reference in lines[0] and worked["intervention"].reference in lines[0]
    assert lines[1].startswith(f"Partner '{DEMO_PARTNER}' ({DEMO_PARTNER_ORGANISATION}) sees at /partner/")


@pytest.mark.django_db
@override_settings(DEMO_DATA=False)
def test_demo_is_refused_where_demo_data_is_off() -> None:
    """Without MELDPUNT_DEMO_DATA no demo sign-in with a published password can be created."""
    with pytest.raises(MeldpuntError):
        demo_data_load()
    assert not User.objects.exists()
