"""The reporter's findings page in the portal: read, comment before the due date, download the final PDF."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from meldpunt.cases.deadlines import AMSTERDAM
from meldpunt.findings.models import FindingsComment
from meldpunt.portal.services import support_access_invite
from meldpunt.portal.visitors import Visitor, VisitorKind

from .helpers import finalised, sent

pytestmark = pytest.mark.django_db
PAGE = "/mijn-melding/bevindingen/"


def test_the_urls_are_where_the_portal_expects_them():
    """The reporter's pages live under /mijn-melding/bevindingen/."""
    assert reverse("findings_reporter:page") == PAGE
    assert reverse("findings_reporter:pdf") == PAGE + "bevindingen.pdf"


def test_without_a_session_the_page_sends_to_sign_in(client):
    """Someone not signed in on the portal goes to the sign-in page."""
    response = client.get(PAGE)
    assert response.status_code == 302 and response["Location"] == reverse("portal:sign_in")


def test_before_sending_the_page_says_there_is_nothing_yet(case, reporter_client):
    """No findings yet: an explanation, no form, and no section on the case page."""
    response = reporter_client.get(PAGE)
    assert "Er zijn nog geen bevindingen." in response.text and "<textarea" not in response.text
    assert 'id="bevindingen"' not in reporter_client.get(reverse("portal:case")).text


def test_reporter_reads_and_comments(case, handler, reporter_client):
    """The sent draft is shown with the due date; a comment is stored for the reporter's side."""
    sent(case, handler)
    case_page = reporter_client.get(reverse("portal:case")).text
    assert 'id="bevindingen"' in case_page and PAGE in case_page
    page = reporter_client.get(PAGE)
    assert "uitgescholden in de pauze" in page.text and "U kunt reageren tot en met" in page.text
    response = reporter_client.post(PAGE, {"body": "Het was vier keer."})
    assert response.status_code == 302 and response["Location"] == PAGE + "#uw-reacties"
    comment = FindingsComment.objects.get()
    assert (comment.side, comment.body, comment.author_kind) == ("reporter", "Het was vier keer.", "reporter")
    assert "Het was vier keer." in reporter_client.get(PAGE).text


def test_an_empty_comment_shows_the_error(case, handler, reporter_client):
    """An empty comment comes back with the error summary and "Fout:" in the title."""
    sent(case, handler)
    response = reporter_client.post(PAGE, {"body": " "})
    assert response.status_code == 200 and "<title>Fout:" in response.text and "Schrijf uw reactie." in response.text


def test_after_the_due_date_there_is_no_form_and_a_post_is_refused(case, handler, reporter_client):
    """After the term the page says so; a late POST is refused with the date."""
    with time_machine.travel(dt.datetime(2026, 11, 2, 10, 0, tzinfo=AMSTERDAM), tick=False):
        sent(case, handler)
    page = reporter_client.get(PAGE).text
    assert "<textarea" not in page and "De termijn om te reageren is voorbij." in page
    response = reporter_client.post(PAGE, {"body": "Te laat."})
    assert response.status_code == 200 and "16 november 2026" in response.text
    assert not FindingsComment.objects.exists()


def test_final_findings_and_pdf_download(case, handler, reporter, school_actor, reporter_client):
    """After the final the page shows it with what changed, and the PDF downloads."""
    finalised(case, handler, reporter, school_actor)
    page = reporter_client.get(PAGE).text
    assert "Definitieve bevindingen" in page and "verwerkt bij de betwiste feiten" in page
    download = reporter_client.get(reverse("findings_reporter:pdf"))
    assert download.status_code == 200 and download["Content-Type"] == "application/pdf"
    assert download.content.startswith(b"%PDF")


def test_pdf_before_the_final_is_not_found(case, handler, reporter_client):
    """No final, no PDF."""
    sent(case, handler)
    assert reporter_client.get(reverse("findings_reporter:pdf")).status_code == 404


def test_a_support_person_reads_but_cannot_comment(case, handler, client):
    """A signed-in support person sees the draft, no form, and a POST is refused."""
    sent(case, handler)
    access, code = support_access_invite(visitor=Visitor(case=case, kind=VisitorKind.REPORTER))
    client.post("/mijn-melding/", {"reference": access.public_id, "access_code": code})
    page = client.get(PAGE).text
    assert "U kijkt mee als steunpersoon." in page and "uitgescholden" in page and "<textarea" not in page
    assert client.post(PAGE, {"body": "Hallo"}).status_code == 403
    assert not FindingsComment.objects.exists()
