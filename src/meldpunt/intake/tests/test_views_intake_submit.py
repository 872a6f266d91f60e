"""Checking the answers and sending the report: one case per draft, the code shown once, a receipt, the limit."""

import datetime as dt
import json
import re
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from meldpunt.cases.models import Attachment, Case
from meldpunt.core.models import ThrottleHit
from meldpunt.intake import drafts
from meldpunt.intake.codes import access_code_matches
from meldpunt.intake.models import Draft, DraftUpload
from meldpunt.intake.progress import Confirmation, confirmation_save, progress_load
from meldpunt.intake.tests.walk import (
    SECRET_DESCRIPTION,
    SECRET_EMAIL,
    SECRET_PHONE,
    answer,
    errors_in,
    h1_of,
    iso_days_ago,
    make_searchable,
    parent_answers,
    png,
    pupil_answers,
    title_of,
    url,
    walk,
)

pytestmark = pytest.mark.django_db

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
CATALOG = Path(__file__).resolve().parents[1] / "locale" / "en" / "LC_MESSAGES" / "django.po"


@pytest.fixture
def registry(school):
    return make_searchable(school)


def _send(client: Client) -> Case:
    walk(client, parent_answers())
    response = client.post(url("check"))
    assert response.status_code == 302 and response["Location"] == "/melden/verstuurd", errors_in(response)
    return Case.objects.get()


def test_the_check_page_lists_every_answer_with_a_change_link(client, registry):
    """Every answered question is a row with its answer and a "Wijzigen" link to its own page."""
    walk(client, parent_answers())
    response = client.get(url("check"))
    html = response.content.decode()
    assert h1_of(response) == "Controleer uw antwoorden"
    for text in (
        "BBS de Verwondering",
        "Pesten",
        "Discriminatie",
        "gepest door GEHEIMNAAM",
        SECRET_EMAIL,
        "Nee, nu helemaal niet",
    ):
        assert text in html
    for path in (
        "/melden/gevaar",
        "/melden/school",
        "/melden/wat-er-is-gebeurd",
        "/melden/niet-naar-school-sinds",
        "/melden/contact",
        "/melden/bestanden",
    ):
        assert re.search(rf'href="{path}">Wijzigen<span class="mp-visually-hidden"> [^<]+</span>', html), path
    assert 'href="/melden/soort-school"' not in html
    assert "Verstuur melding" in html


def test_a_change_from_the_check_page_returns_there(client, registry):
    """After changing an answer the visitor is back on the check page, with the new answer."""
    walk(client, parent_answers())
    client.get(url("check"))
    response = client.post(url("description"), {"description": "Een andere beschrijving."})
    assert response["Location"] == "/melden/controleren"
    assert "Een andere beschrijving." in client.get(url("check")).content.decode()


def test_a_change_that_opens_a_question_asks_it_before_returning(client, registry):
    """From "attending" to "not attending" asks since when first; the way back drops the date again."""
    answers = parent_answers()
    answers["attendance"] = {"attendance": "attending"}
    del answers["absent_since"]
    walk(client, answers)
    client.get(url("check"))
    response = client.post(url("attendance"), {"attendance": "not_attending"})
    assert response["Location"] == "/melden/niet-naar-school-sinds"
    assert client.get(url("check"))["Location"] == "/melden/niet-naar-school-sinds"
    response = answer(client, "absent_since", {"day": "1", "month": "9", "year": "2026"})
    assert response["Location"] == "/melden/controleren"

    response = client.post(url("attendance"), {"attendance": "attending"})
    assert response["Location"] == "/melden/controleren"
    assert "Niet naar school sinds" not in client.get(url("check")).content.decode()


def test_a_full_run_creates_exactly_one_case_with_the_answers(
    client, registry, mailoutbox, django_capture_on_commit_callbacks
):
    """Sending stores one case with every answer, and nothing before that; the acknowledgement is emailed."""
    walk(client, parent_answers())
    assert not Case.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        case = _send(client)
    assert case.reporter_role == "parent"
    assert case.school == registry and case.sector == "po"
    assert case.categories == ["bullying_psychological", "discrimination"]
    assert case.description == SECRET_DESCRIPTION
    assert case.started_on == dt.date.fromisoformat(iso_days_ago(90))
    assert case.attendance == "not_attending"
    assert case.absent_since == dt.date.fromisoformat(iso_days_ago(30))
    assert case.acute_danger is False and case.accused_is_staff is False
    assert case.steps_taken == ["talked_to_teacher", "complaint_to_board"]
    assert case.share_identity_with_school is True and case.consent_referral is True
    assert case.contact_email == SECRET_EMAIL and case.contact_phone == SECRET_PHONE
    assert case.language == "nl"
    assert len(mailoutbox) == 1


def test_the_pupil_report_without_school_or_contact_is_stored(client, registry):
    """An anonymous pupil report: no school, the sector given, no contact details, optional dates left out."""
    walk(client, pupil_answers())
    client.post(url("check"))
    case = Case.objects.get()
    assert case.school is None and case.sector == "vo"
    assert case.contact_email is None and case.contact_phone is None
    assert case.attendance == "partly" and case.absent_since is None and case.started_on is None
    assert case.steps_taken == [] and case.accused_is_staff is None


def test_a_second_send_shows_the_same_confirmation_and_no_second_case(client, registry):
    """Pressing "Verstuur melding" again (Back, or a double click) makes no second case."""
    case = _send(client)
    response = client.post(url("check"))
    assert response["Location"] == "/melden/verstuurd"
    assert Case.objects.count() == 1
    assert case.reference in client.get("/melden/verstuurd").content.decode()


def test_a_simultaneous_second_send_waits_for_the_first_and_shows_its_confirmation(client, registry):
    """When another request of the same session holds the claim, this one stores nothing and shows its result."""
    walk(client, parent_answers())
    progress = progress_load(client.session)
    assert drafts.draft_claim(token=progress.draft)
    # What the first request does meanwhile: store the confirmation in the session, then record the reference.
    session = client.session
    confirmation_save(
        session,
        Confirmation(
            reference="MSV-2026-999999", received_at="2026-11-27T10:00:00+01:00", access_code="ABCD-EFGH-JKMN-PQRS"
        ),
    )
    session.save()
    drafts.draft_complete(token=progress.draft, reference="MSV-2026-999999")
    response = client.post(url("check"))
    assert response["Location"] == "/melden/verstuurd"
    assert not Case.objects.exists()
    assert "MSV-2026-999999" in client.get("/melden/verstuurd").content.decode()


def test_a_claim_left_by_a_dead_request_is_freed_so_sending_works_again(client, registry, monkeypatch):
    """A claim without a case after two minutes belongs to a request that died; the next send goes through."""
    monkeypatch.setattr("meldpunt.intake.views.CLAIM_WAIT_SECONDS", 0)
    walk(client, parent_answers())
    progress = progress_load(client.session)
    assert drafts.draft_claim(token=progress.draft)
    Draft.objects.update(claimed_at=dt.datetime(2026, 1, 1, tzinfo=AMSTERDAM))
    response = client.post(url("check"))
    assert response["Location"] == "/melden/controleren"
    assert "Het versturen lukte niet. Probeer het opnieuw." in client.get(url("check")).content.decode()
    assert client.post(url("check"))["Location"] == "/melden/verstuurd"
    assert Case.objects.count() == 1


def test_the_confirmation_shows_the_access_code_once(client, registry):
    """The first view shows the reference and the code with a warning; a reload shows the reference only."""
    case = _send(client)
    first = client.get("/melden/verstuurd")
    html = first.content.decode()
    code = re.search(r"data-access-code>([0-9A-Z-]+)<", html).group(1)
    assert access_code_matches(code, case.access_code_hash)
    assert case.reference in html and "U ziet de code maar één keer." in html
    assert title_of(first) == "Melding verstuurd – Melding maken | Meldpunt"
    again = client.get("/melden/verstuurd").content.decode()
    assert case.reference in again
    assert code not in again
    assert "laten wij hem niet nog een keer zien" in again
    assert code not in str(client.session.items())


@pytest.mark.parametrize(
    ("language", "acknowledgement", "decision"),
    [
        ("nl", "Uiterlijk maandag 30 november 2026", "Uiterlijk vrijdag 4 december 2026"),
        ("en", "By Monday 30 November 2026 at the latest", "By Friday 4 December 2026 at the latest"),
    ],
)
def test_what_happens_next_has_real_dates_from_the_deadline_clock(
    client, registry, time_machine, language, acknowledgement, decision
):
    """Received on Friday 27 November 2026: read within 1 working day, a decision within 5, in the page's language."""
    time_machine.move_to(dt.datetime(2026, 11, 27, 10, 0, tzinfo=AMSTERDAM), tick=False)
    client.cookies["meldpunt_language"] = language
    _send(client)
    html = client.get("/melden/verstuurd").content.decode()
    assert acknowledgement in html and decision in html
    assert "tel:112" in html and "0800-0432" in html and 'href="/mijn-melding/"' in html


def test_the_receipt_has_code_and_dates_but_no_description_or_contact(client, registry, time_machine):
    """The .txt receipt is an attachment with reference, code and dates; never what happened or who reported."""
    time_machine.move_to(dt.datetime(2026, 11, 27, 10, 0, tzinfo=AMSTERDAM), tick=False)
    case = _send(client)
    html = client.get("/melden/verstuurd").content.decode()
    code = re.search(r"data-access-code>([0-9A-Z-]+)<", html).group(1)
    response = client.post("/melden/ontvangstbewijs")
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="ontvangstbewijs-{case.reference}.txt"'
    text = response.content.decode()
    assert case.reference in text and code in text
    assert "vrijdag 27 november 2026 om 10:00" in text
    assert "maandag 30 november 2026" in text and "vrijdag 4 december 2026" in text
    for secret in ("GEHEIMNAAM", "gepest", SECRET_EMAIL, SECRET_PHONE, "Verwondering", "32JK00"):
        assert secret not in text

    second = client.post("/melden/ontvangstbewijs")
    assert second.status_code == 302 and second["Location"] == "/melden/verstuurd"
    assert code not in str(client.session.items())


def test_the_receipt_download_never_puts_the_code_in_a_url(client, registry):
    """The receipt is fetched with a POST to a fixed address; no link on the page holds the code."""
    _send(client)
    html = client.get("/melden/verstuurd").content.decode()
    code = re.search(r"data-access-code>([0-9A-Z-]+)<", html).group(1)
    assert '<form method="post" action="/melden/ontvangstbewijs"' in html
    assert not re.search(rf'(href|action)="[^"]*{code}', html)
    assert client.get("/melden/ontvangstbewijs").status_code == 405


def test_files_travel_into_the_case_and_the_draft_copies_go(client, registry):
    """Files added on the files page become the case's attachments when the report is sent."""
    walk(client, parent_answers(), until="attachments")
    client.post(url("attachments"), {"upload": "1", "files": [SimpleUploadedFile("brief.png", png())]})
    walk(client, {"attachments": {"continue": "1"}})
    assert "brief.png" in client.get(url("check")).content.decode()
    client.post(url("check"))
    attachment = Attachment.objects.get()
    assert attachment.filename == "brief.png" and attachment.content_type == "image/png"
    assert not DraftUpload.objects.exists()
    assert Draft.objects.get().reference == attachment.case.reference


def test_over_the_limit_gives_a_clear_429_page_and_keeps_the_answers(client, registry, settings):
    """Past the accepted-reports limit the send is refused with 429, Retry-After, and nothing stored."""
    settings.INTAKE_REPORTS_PER_HOUR = 1
    _send(client)
    assert ThrottleHit.objects.filter(scope="intake.accepted").count() == 1
    walk(client, parent_answers())
    response = client.post(url("check"))
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert title_of(response) == "Even wachten – Melding maken | Meldpunt"
    assert "Uw melding is nog niet verstuurd." in response.content.decode()
    assert Case.objects.count() == 1
    assert client.get(url("check")).status_code == 200


def test_the_session_holds_no_answer_in_the_clear(client, registry):
    """The session row (a database row) holds the answers encrypted: no description, email or phone."""
    walk(client, parent_answers())
    raw = Session.objects.get(session_key=client.session.session_key).session_data
    decoded = json.dumps(SessionStore().decode(raw), default=str)
    for secret in ("GEHEIMNAAM", SECRET_EMAIL, SECRET_PHONE):
        assert secret not in raw and secret not in decoded


def test_no_answer_appears_in_any_url_or_title(client, registry):
    """Walking the whole wizard, no visited address, redirect or page title holds an answer."""
    seen: list[str] = []
    answers = parent_answers()

    def visit(response):
        seen.append(response.wsgi_request.get_full_path())
        seen.append(response.get("Location", ""))
        if response.get("Content-Type", "").startswith("text/html") and response.status_code == 200:
            seen.append(title_of(response))

    visit(client.get("/melden/"))
    for step, data in answers.items():
        visit(client.get(url(step)))
        if step == "school":
            visit(client.post(url("school"), {"q": "verwondering", "search": "1"}))
            visit(client.get(url("school")))
        visit(client.post(url(step), data))
    visit(client.get(url("check")))
    visit(client.post(url("check")))
    visit(client.get("/melden/verstuurd"))
    joined = "\n".join(seen)
    for secret in (
        "GEHEIMNAAM",
        "Anouk",
        SECRET_EMAIL,
        SECRET_PHONE,
        "verwondering",
        "Verwondering",
        "32JK00",
        "not_attending",
    ):
        assert secret not in joined
    assert Case.objects.get().reference not in "".join(item for item in seen if item.startswith("/"))


def test_the_english_wizard_is_complete(client, registry):
    """In English every page of the wizard shows no Dutch text from the wizard's catalog."""
    dutch = _dutch_msgids()
    client.cookies["meldpunt_language"] = "en"
    pages = ["/melden/"]
    answers = parent_answers()
    answers["danger"] = {"acute_danger": "yes"}
    answers["steps_taken"] = {"steps_taken": ["none"]}
    for step, data in answers.items():
        pages.append(url(step))
        response = client.get(url(step))
        _assert_english(response, dutch)
        refused = client.post(url(step), {} if step != "school" else {"continue": "1"})
        if refused.status_code == 200:
            _assert_english(refused, dutch)
        answer(client, step, data)
        if step == "danger":
            _assert_english(client.get("/melden/hulp-nu"), dutch)
        if step == "steps_taken":
            _assert_english(client.get("/melden/eerst-de-school"), dutch)
    check = client.get(url("check"))
    _assert_english(check, dutch)
    assert h1_of(check) == "Check your answers"
    client.post(url("check"))
    _assert_english(client.get("/melden/verstuurd"), dutch)
    assert Case.objects.get().language == "en"


def test_the_language_switch_keeps_the_progress(client, registry):
    """Switching to English mid-way shows the same page with the answers given so far."""
    walk(client, parent_answers(), until="attendance")
    response = client.get(url("description") + "?lang=en")
    html = response.content.decode()
    assert 'lang="en"' in html and "What happened?" in html and "gepest door GEHEIMNAAM" in html
    assert client.get(url("attendance")).status_code == 200


def _dutch_msgids() -> set[str]:
    entries = re.findall(r'\nmsgid ((?:".*"\n)+)msgstr ((?:".*"\n)+)', CATALOG.read_text())
    texts = set()
    for msgid, msgstr in entries:
        source = "".join(re.findall(r'"(.*)"', msgid))
        target = "".join(re.findall(r'"(.*)"', msgstr))
        plain = re.sub(r"%\(\w+\)[sd]|<[^>]+>|\{n\}", "|", source)
        for part in plain.split("|"):
            if len(part.strip()) >= 12 and part.strip() not in target:
                texts.add(part.strip())
    return texts


def _assert_english(response, dutch: set[str]) -> None:
    html = response.content.decode()
    assert 'lang="en"' in html
    found = sorted(text for text in dutch if text in html)
    assert found == [], f"{response.wsgi_request.path}: Dutch text on an English page: {found}"
