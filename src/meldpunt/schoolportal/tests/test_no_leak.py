"""Nothing the school may not know leaks (issue 5, done-when): a crawl of every school portal page and download.

The case holds the reporter's name and a sentence that was never shared. The school contact (and a
board that signs in with a single-use link) then opens every page and file it can reach from the
portal's start page, the findings PDF and the agreements page included; neither the name nor the
sentence is in any of them (a shared agreement or meeting outcome that names the reporter shows a placeholder).
"""

import datetime as dt
import io
import re
from collections import deque

import pytest
import time_machine
from django.core import mail
from django.test import Client
from pypdf import PdfReader

from meldpunt.accounts.tests.helpers import sign_in_client
from meldpunt.cases.services import case_note_add
from meldpunt.cases.tests.case_helpers import case_in_investigation
from meldpunt.findings.constants import Side
from meldpunt.findings.services import draft_findings_save, draft_findings_send, findings_comment_add, findings_finalise
from meldpunt.interventions.services import AgreementFields, agreement_add, mediation_plan, mediation_record
from meldpunt.investigations.selectors.shared import SchoolVisitor
from meldpunt.investigations.services.requests import (
    information_request_answers_save,
    information_request_document_add,
)
from meldpunt.investigations.tests.permission_rows_evidence import checked_png, evidence_add
from meldpunt.investigations.tests.request_helpers import committed, reporter_named, request_sent, school_contact
from meldpunt.privacy.actors import Actor, ActorKind
from meldpunt.schoolportal.tests.permission_rows import FINDINGS

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 3, 10, 10, 0, tzinfo=dt.UTC)
NAME = "Fatima Zwaan"
UNSHARED = "de gymleraar duwde hem in de kleedkamer tegen de muur"
SECRETS = ("Fatima", "Zwaan", UNSHARED, "ouder@example.nl", "12345678")
HREF = re.compile(r'href="(/school/[^"#?]*)')


@pytest.fixture
def world(staff_user, school):
    """A case with the name and the unshared sentence in every internal place, a request, documents, final findings."""
    with time_machine.travel(NOW, tick=False):
        handler = staff_user("handler")
        case = case_in_investigation(
            handler, school=school.code, description=f"Op 2 maart {UNSHARED}. Mijn naam is {NAME}."
        )
        contact = school_contact(case)
        reporter_named(case, handler, NAME)
        case_note_add(case=case, author=handler, body=f"{NAME} belde: {UNSHARED}.")
        evidence_add(case, handler, title=f"Verklaring van {NAME}")
        evidence_add(case, handler, title="Rooster van de gymlessen", shared_with_school=True)
        with committed():
            sent = request_sent(
                case,
                handler,
                summary=f"{NAME} meldt dat haar zoon in de gymles is geduwd. Bel haar op 06 12345678 als dat nodig is.",
                questions=[
                    "Wat weet u van het incident met de zoon van mevrouw Zwaan?",
                    "Welke afspraken gelden in de gymles?",
                ],
                contact_email="bestuur@school.nl",
                single_use_link=True,
            )
        (link_mail,) = [m for m in mail.outbox if m.to == ["bestuur@school.nl"]]
        token = re.search(r"/school/toegang/(\S+)", link_mail.body).group(1)
        visitor = SchoolVisitor(user=contact)
        information_request_answers_save(
            request_id=sent.request.pk,
            visitor=visitor,
            answers={q.pk: "Wij hebben met de docent gesproken." for q in sent.request.questions.all()},
            submit=False,
        )
        information_request_document_add(
            request_id=sent.request.pk, visitor=visitor, title="Verslag gesprek", attachment=checked_png()
        )
        draft_findings_save(case=case, user=handler, texts=FINDINGS)
        draft_findings_send(case=case, user=handler)
        findings_comment_add(
            case=case, side=Side.SCHOOL, body="Wij herkennen dit.", actor=Actor(kind=ActorKind.SCHOOL, user=contact)
        )
        findings_comment_add(case=case, side=Side.REPORTER, body="Klopt.", actor=Actor.reporter(case.reference))
        findings_finalise(case=case, user=handler, texts=FINDINGS, changes="Niets veranderd: geen nieuwe feiten.")
        _interventions(case, handler)
    return {"contact": contact, "token": token, "code": sent.access_code, "case": case}


def _interventions(case, handler) -> None:
    """Agreements and meetings, shared ones naming the reporter and unshared ones holding the unshared sentence."""
    due_on = NOW.date() + dt.timedelta(days=14)
    for description, owner_other, shared in (
        (f"{NAME} en de mentor spreken elke week af.", NAME, True),
        (f"Bespreken dat {UNSHARED}.", "", False),
    ):
        agreement_add(
            case=case,
            user=handler,
            fields=AgreementFields(
                description=description,
                owner="other" if owner_other else "school_board",
                owner_other=owner_other,
                due_on=due_on,
                shared_with_school=shared,
            ),
        )
    for outcome, shared in ((f"Mevrouw {NAME} is tevreden.", True), (f"Besproken: {UNSHARED}.", False)):
        meeting = mediation_plan(
            case=case, user=handler, planned_at=NOW - dt.timedelta(days=1), participants=NAME, shared=shared
        )
        mediation_record(meeting=meeting, user=handler, held_at=NOW - dt.timedelta(days=1), outcome=outcome)
    mediation_plan(
        case=case, user=handler, planned_at=NOW + dt.timedelta(days=7), participants=f"{NAME}, directeur", shared=True
    )


def _text(response) -> str:
    if response["Content-Type"] == "application/pdf":
        return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    return response.content.decode("utf-8", errors="replace")


def _crawl(browser: Client, start: str) -> dict[str, str]:
    """Every school page and file reachable by links from `start`, with its text."""
    seen: dict[str, str] = {}
    queue = deque([start])
    while queue:
        url = queue.popleft()
        if url in seen:
            continue
        response = browser.get(url, follow=True)
        assert response.status_code == 200, url
        text = _text(response)
        seen[url] = text
        if response["Content-Type"].startswith("text/html"):
            queue.extend(link for link in HREF.findall(text) if link not in seen)
    return seen


def _assert_no_secret(pages: dict[str, str]) -> None:
    for url, text in pages.items():
        for secret in SECRETS:
            assert secret not in text, (secret, url)


def test_nothing_unshared_reaches_the_school_contact(world):
    """Every page and download of the school contact, the findings PDF too, holds neither the name nor the text."""
    with time_machine.travel(NOW + dt.timedelta(hours=1), tick=False):
        browser = sign_in_client(Client(), world["contact"])
        pages = _crawl(browser, "/school/")
    assert any(url.endswith("/bevindingen/pdf") for url in pages), "the findings PDF was reached"
    assert any("/documenten/" in url for url in pages), "a document download was reached"
    assert any("/bevindingen" in url for url in pages)
    (agreements,) = [text for url, text in pages.items() if url.endswith("/afspraken")]
    assert "[naam melder] en de mentor spreken elke week af." in agreements
    assert "Mevrouw [naam melder] is tevreden." in agreements
    assert len(pages) >= 9
    _assert_no_secret(pages)


def test_nothing_unshared_reaches_a_board_with_a_single_use_link(world):
    """The same for the pages a single-use link opens."""
    with time_machine.travel(NOW + dt.timedelta(hours=1), tick=False):
        browser = Client()
        browser.get(f"/school/toegang/{world['token']}")
        browser.post("/school/toegang", {"code": world["code"]})
        pages = _crawl(browser, "/school/")
    assert any("/documenten/" in url for url in pages)
    assert any(url.endswith("/afspraken") for url in pages), "the agreements page was reached"
    _assert_no_secret(pages)
