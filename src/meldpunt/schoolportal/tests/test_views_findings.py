"""The school's findings page: the draft with a comment form, then the final findings with their PDF."""

import pytest
from django.test import Client
from django.urls import reverse

from meldpunt.accounts.tests.helpers import sign_in_client
from meldpunt.cases.tests.case_helpers import case_in_investigation
from meldpunt.findings.constants import Side
from meldpunt.findings.models import FindingsComment
from meldpunt.findings.services import draft_findings_save, draft_findings_send, findings_comment_add, findings_finalise
from meldpunt.investigations.tests.request_helpers import school_contact
from meldpunt.privacy.actors import Actor
from meldpunt.privacy.models import AuditEntry
from meldpunt.schoolportal.tests.permission_rows import FINDINGS

pytestmark = pytest.mark.django_db


@pytest.fixture
def handler(staff_user):
    return staff_user("handler")


@pytest.fixture
def case(handler, school):
    return case_in_investigation(handler, school=school.code)


@pytest.fixture
def contact(case):
    return school_contact(case)


@pytest.fixture
def browser(contact):
    return sign_in_client(Client(), contact)


def _url(case, name="findings"):
    return reverse(f"schoolportal:{name}", kwargs={"reference": case.reference})


def test_before_anything_is_sent_the_page_says_so(browser, case):
    """No findings yet: the page says so and is not listed on the start page."""
    assert "nog geen bevindingen" in browser.get(_url(case)).content.decode()
    assert _url(case) not in browser.get(reverse("schoolportal:home")).content.decode()


def test_the_school_reads_the_draft_and_comments(browser, case, handler, contact):
    """The sent draft is listed and shown (an audited read); the school's comment is stored for its side."""
    draft_findings_save(case=case, user=handler, texts=FINDINGS)
    draft_findings_send(case=case, user=handler)
    assert _url(case) in browser.get(reverse("schoolportal:home")).content.decode()
    page = browser.get(_url(case)).content.decode()
    assert FINDINGS.assessment in page and "Reactie versturen" in page
    assert AuditEntry.objects.filter(actor=contact, action="case.read", details__side="school").exists()
    response = browser.post(_url(case, "findings_comment"), {"body": "Wij herkennen dit niet helemaal."})
    assert response.status_code == 302
    assert FindingsComment.objects.get().side == Side.SCHOOL
    assert "Wij herkennen dit niet helemaal." in browser.get(_url(case)).content.decode()
    empty = browser.post(_url(case, "findings_comment"), {"body": " "})
    assert empty.status_code == 200 and "<title>Fout:" in empty.content.decode()


def test_the_final_findings_come_with_a_pdf(browser, case, handler, contact):
    """Once final, the page shows the final text and the PDF downloads."""
    draft_findings_save(case=case, user=handler, texts=FINDINGS)
    draft_findings_send(case=case, user=handler)
    findings_comment_add(case=case, side=Side.SCHOOL, body="Goed.", actor=Actor(kind="school", user=contact))
    findings_comment_add(case=case, side=Side.REPORTER, body="Goed.", actor=Actor.reporter(case.reference))
    findings_finalise(case=case, user=handler, texts=FINDINGS, changes="Niets veranderd.")
    assert "Definitieve bevindingen" in browser.get(_url(case)).content.decode()
    pdf = browser.get(_url(case, "findings_pdf"))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")


def test_another_boards_case_is_404_and_a_pdf_before_the_final_too(case, staff_user, browser):
    """Another board's contact finds no such case; without final findings there is no PDF."""
    other = sign_in_client(Client(), staff_user("school_contact"))
    assert other.get(_url(case)).status_code == 404
    assert browser.get(_url(case, "findings_pdf")).status_code == 404
