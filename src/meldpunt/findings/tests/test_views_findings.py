"""The handler's findings pages: who may open them, forms, errors, sending, finalising and the PDF."""

import pytest
from django.urls import reverse

from meldpunt.accounts.tests.helpers import sign_in_client
from meldpunt.findings.models import DraftFindings, FinalFindings
from meldpunt.findings.services import draft_findings_save

from .conftest import TEXTS
from .helpers import CHANGES, both_commented, finalised

pytestmark = pytest.mark.django_db


@pytest.fixture
def handler_client(client, handler):
    return sign_in_client(client, handler)


def _url(case, name="case", **kwargs):
    return reverse(f"findings:{name}", kwargs={"reference": case.reference, **kwargs})


def _texts(prefix):
    return {
        f"{prefix}-facts_established": TEXTS.facts_established,
        f"{prefix}-facts_disputed": TEXTS.facts_disputed,
        f"{prefix}-assessment": TEXTS.assessment,
        f"{prefix}-recommendations": TEXTS.recommendations,
    }


def test_the_case_page_links_here_and_the_page_opens(case, handler_client):
    """The handler reaches the findings page from the case page and sees the draft form."""
    assert _url(case) in handler_client.get(reverse("cases:case", kwargs={"reference": case.reference})).text
    response = handler_client.get(_url(case))
    assert response.status_code == 200
    assert "Conceptbevindingen schrijven" in response.text and 'lang="nl"' in response.text


@pytest.mark.parametrize("role", ["handler", "coordinator", "school_contact", "analyst"])
def test_others_are_refused(case, staff_client, role):
    """Only the case's assigned handler opens its findings."""
    assert staff_client(role).get(_url(case)).status_code == 403


def test_write_preview_send(case, handler_client):
    """Save the draft, preview it as both sides read it, then send it to both sides."""
    response = handler_client.post(_url(case, "draft_save"), _texts("draft"))
    assert response.status_code == 302 and response["Location"].endswith("#concept")
    preview = handler_client.get(_url(case, "preview"))
    assert "uitgescholden in de pauze" in preview.text and "Zo lezen de melder en het schoolbestuur" in preview.text
    assert handler_client.post(_url(case, "send")).status_code == 302
    page = handler_client.get(_url(case)).text
    assert "Reacties van beide kanten" in page and "Verstuurd op" in page
    assert DraftFindings.objects.get().sent_at is not None


def test_an_incomplete_draft_shows_the_error_summary(case, handler_client):
    """A draft without an assessment comes back with "Fout:" in the title and the message linked to its field."""
    data = _texts("draft") | {"draft-assessment": ""}
    response = handler_client.post(_url(case, "draft_save"), data)
    assert response.status_code == 200
    assert "<title>Fout:" in response.text and 'href="#id_draft-assessment"' in response.text
    assert "Schrijf uw beoordeling." in response.text
    assert not DraftFindings.objects.exists()


def test_a_refused_send_is_shown_on_the_page(case, handler_client):
    """Sending without a draft is refused by the service and shown in the error summary."""
    response = handler_client.post(_url(case, "send"))
    assert response.status_code == 200 and "Schrijf en bewaar eerst de conceptbevindingen." in response.text


def test_finalise_without_changes_is_refused(case, handler, handler_client, reporter, school_actor):
    """The finalise form needs "what changed and why"."""
    both_commented(case, handler, reporter, school_actor)
    response = handler_client.post(_url(case, "finalise"), _texts("final"))
    assert response.status_code == 200 and 'href="#id_final-changes"' in response.text
    assert not FinalFindings.objects.exists()


def test_finalise_and_download(case, handler, handler_client, reporter, school_actor):
    """Finalising through the page stores the final; the PDF downloads as an attachment."""
    both_commented(case, handler, reporter, school_actor)
    page = handler_client.get(_url(case)).text
    assert "Het was vaker." in page and "Wij wisten het niet." in page
    response = handler_client.post(_url(case, "finalise"), _texts("final") | {"final-changes": CHANGES})
    assert response.status_code == 302
    download = handler_client.get(_url(case, "pdf", round_number=1))
    assert download["Content-Type"] == "application/pdf"
    assert f'filename="bevindingen-{case.reference}.pdf"' in download["Content-Disposition"]
    assert download.content.startswith(b"%PDF")
    assert handler_client.get(_url(case, "pdf", round_number=2)).status_code == 404


def test_after_the_final_the_page_offers_a_next_round(case, handler, handler_client, reporter, school_actor):
    """A finished round shows the final with its PDF and an empty form for a next round."""
    finalised(case, handler, reporter, school_actor)
    page = handler_client.get(_url(case)).text
    assert "Definitieve bevindingen (ronde 1)" in page and "Nieuwe ronde conceptbevindingen" in page


def test_preview_without_a_draft_is_not_found(case, handler_client):
    """There is nothing to preview before a draft exists."""
    assert handler_client.get(_url(case, "preview")).status_code == 404


def test_unknown_case_is_not_found(handler_client):
    """A reference that does not exist gives 404."""
    assert handler_client.get(reverse("findings:case", kwargs={"reference": "MSV-2000-000001"})).status_code == 404


def test_send_is_for_the_case_handler_only(case, handler, staff_client):
    """Another handler's POST is refused with 403 and sends nothing."""
    draft_findings_save(case=case, user=handler, texts=TEXTS)
    assert staff_client("handler").post(_url(case, "send")).status_code == 403
    assert DraftFindings.objects.get().sent_at is None
