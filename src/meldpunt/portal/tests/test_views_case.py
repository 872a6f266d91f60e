import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image

from meldpunt.cases.models import Attachment, Message
from meldpunt.cases.services import case_message_from_handler_send

from .factories import DESCRIPTION

pytestmark = pytest.mark.django_db(transaction=True)
CASE = "/mijn-melding/melding"


def _title(response) -> str:
    return re.search(r"<title>(.*?)</title>", response.content.decode(), re.S).group(1).strip()


def _png(name: str = "bewijs.png") -> SimpleUploadedFile:
    out = io.BytesIO()
    Image.new("RGB", (6, 6), "green").save(out, format="PNG")
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/png")


def test_case_page_shows_what_the_reporter_may_see(signed_in, assigned_handler):
    """Status in words, the next deadline, the handler's message, the description, school and access sections."""
    client, submitted = signed_in
    handler = assigned_handler(submitted.case)
    case_message_from_handler_send(case=submitted.case, author=handler, body="Hoi, wil je me bellen?")
    response = client.get(CASE)
    html = response.content.decode()
    assert _title(response) == "Uw melding | Meldpunt"
    for expected in (
        "Ontvangen",
        "Besluit of we uw melding in behandeling nemen",
        "Hoi, wil je me bellen?",
        "Van uw behandelaar",
        DESCRIPTION,
        "Wat weet de school over mij?",
        "Niets. De school weet niet wie u bent.",
        "Wie heeft de melding bekeken?",
        "Medewerker van het meldpunt (behandelaar)",
        'name="body"',
        "Uitloggen",
    ):
        assert expected in html, expected
    assert handler.username not in html and "Henk" not in html and "Vries" not in html


def test_reporter_answers_a_message(signed_in):
    """A posted message is stored from the reporter and shown after the redirect, with a confirmation."""
    client, submitted = signed_in
    response = client.post(CASE, {"body": "Ja, morgen na school."})
    assert response.status_code == 302 and response["Location"] == CASE + "#berichten"
    message = Message.objects.get(case=submitted.case)
    assert (message.direction, message.body) == ("from_reporter", "Ja, morgen na school.")
    html = client.get(CASE).content.decode()
    assert "Uw bericht is verstuurd" in html and "Ja, morgen na school." in html


def test_empty_message_gives_an_error_summary(signed_in):
    """An empty message keeps the page, with "Fout: " in the title and the error linked to the field."""
    client, _submitted = signed_in
    response = client.post(CASE, {"body": "   "})
    assert response.status_code == 200
    assert _title(response) == "Fout: Uw melding | Meldpunt"
    html = response.content.decode()
    assert 'href="#id_body"' in html and "Schrijf een bericht." in html and 'aria-invalid="true"' in html
    assert not Message.objects.exists()


def test_too_long_message_keeps_the_text(signed_in):
    """A message over 20,000 characters is refused and the typed text stays in the field."""
    client, _submitted = signed_in
    html = client.post(CASE, {"body": "x" * 20_001}).content.decode()
    assert "te lang" in html and "x" * 20_001 in html


def test_files_can_be_added(signed_in):
    """Files added on the files page are stored from the reporter and listed on the case page."""
    client, submitted = signed_in
    assert _title(client.get("/mijn-melding/bestanden")) == "Bestanden toevoegen | Meldpunt"
    response = client.post("/mijn-melding/bestanden", {"attachments": [_png("een.png"), _png("twee.png")]})
    assert response.status_code == 302
    assert Attachment.objects.filter(case=submitted.case, from_reporter=True).count() == 2
    assert "twee.png" in client.get(CASE).content.decode()


def test_wrong_file_type_is_named(signed_in):
    """A file that is not a JPG, PNG or PDF by its bytes is refused with its name."""
    client, _submitted = signed_in
    fake = SimpleUploadedFile("foto.png", b"MZ\x90\x00 not a picture", content_type="image/png")
    response = client.post("/mijn-melding/bestanden", {"attachments": [fake]})
    assert response.status_code == 200 and _title(response).startswith("Fout: ")
    assert "foto.png is geen JPG, PNG of PDF" in response.content.decode()
    assert Attachment.objects.count() == 0


def test_no_files_chosen(signed_in):
    """Sending the files form without a file asks to choose one."""
    client, _submitted = signed_in
    assert "Kies een of meer bestanden." in client.post("/mijn-melding/bestanden", {}).content.decode()


def _invite(client: Client) -> tuple[str, str]:
    response = client.post("/mijn-melding/steunpersoon")
    assert response.status_code == 302
    html = client.get("/mijn-melding/steunpersoon").content.decode()
    support_id = re.search(r"<strong data-support-id>(STP-[0-9A-Z]{4}-[0-9A-Z]{4})</strong>", html).group(1)
    code = re.search(
        r"<strong data-support-code>([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})</strong>", html
    ).group(1)
    return support_id, code


def test_support_person_is_shown_once_and_reads_only(signed_in):
    """The invitation shows id and code once; the support person signs in and sees the case without forms."""
    client, _submitted = signed_in
    support_id, code = _invite(client)
    assert code not in client.get("/mijn-melding/steunpersoon").content.decode()

    buddy = Client()
    response = buddy.post("/mijn-melding/", {"reference": support_id, "access_code": code})
    assert response["Location"] == CASE
    html = buddy.get(CASE).content.decode()
    assert "U kijkt mee als steunpersoon" in html and DESCRIPTION in html
    assert 'name="body"' not in html and "/mijn-melding/bestanden" not in html
    assert buddy.post(CASE, {"body": "Hallo"}).status_code == 403
    assert buddy.get("/mijn-melding/bestanden").status_code == 403
    assert buddy.get("/mijn-melding/steunpersoon").status_code == 403
    assert not Message.objects.exists()

    # The reporter sees the support person's visit.
    assert "Steunpersoon" in client.get(CASE).content.decode()


def test_revoking_ends_the_support_persons_session(signed_in):
    """After the reporter revokes access, the support person's next page sends them to sign in."""
    client, _submitted = signed_in
    support_id, code = _invite(client)
    buddy = Client()
    buddy.post("/mijn-melding/", {"reference": support_id, "access_code": code})
    assert buddy.get(CASE).status_code == 200
    response = client.post("/mijn-melding/steunpersoon/intrekken", {"support_id": support_id})
    assert response.status_code == 302
    assert "kan uw melding niet meer bekijken" in client.get("/mijn-melding/steunpersoon").content.decode()
    assert buddy.get(CASE)["Location"] == "/mijn-melding/"


def test_forms_need_csrf(submitted):
    """Portal forms refuse a POST without the CSRF token."""
    client = Client(enforce_csrf_checks=True)
    response = client.post("/mijn-melding/", {"reference": submitted.case.reference, "access_code": "x"})
    assert response.status_code == 403


def test_english_portal(signed_in):
    """With ?lang=en the case page is in English."""
    client, _submitted = signed_in
    response = client.get(CASE + "?lang=en")
    html = response.content.decode()
    assert 'lang="en"' in html and _title(response) == "Your report | Meldpunt"
    assert "Received" in html
