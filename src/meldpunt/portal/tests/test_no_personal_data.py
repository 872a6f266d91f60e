"""No personal data, case text or secrets in any URL, page title or log line of the portal (issue 3)."""

import io
import logging
import re

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image

from meldpunt.cases.services import case_message_from_handler_send

from .factories import DESCRIPTION, EMAIL, PHONE

pytestmark = pytest.mark.django_db(transaction=True)
HANDLER_TEXT = "Wil je me vertellen wie er nog meer bij was?"
REPORTER_TEXT = "Dat waren twee jongens uit de derde klas."


class Recorder:
    """Follows a client's journey and keeps every URL it saw and every page title."""

    def __init__(self, client: Client) -> None:
        self.client = client
        self.urls: list[str] = []
        self.titles: list[str] = []

    def _keep(self, path: str, response) -> None:
        self.urls.append(path)
        if response.has_header("Location"):
            self.urls.append(response["Location"])
        match = re.search(rb"<title>(.*?)</title>", response.content, re.S)
        if match:
            self.titles.append(match.group(1).decode())

    def get(self, path: str):
        response = self.client.get(path)
        self._keep(path, response)
        return response

    def post(self, path: str, data):
        response = self.client.post(path, data)
        self._keep(path, response)
        return response


def test_a_whole_portal_journey_leaks_nothing(make_report, school, assigned_handler, caplog, settings):
    """Sign-in, sign-in link, messages, files, support person, sign-out: URLs, titles and logs stay clean."""
    settings.SITE_URL = "http://testserver"
    caplog.set_level(logging.DEBUG)
    submitted = make_report(school="32JK00", share_identity_with_school=True)
    case = submitted.case
    handler = assigned_handler(case)
    case_message_from_handler_send(case=case, author=handler, body=HANDLER_TEXT)

    visitor = Recorder(Client())
    visitor.get("/mijn-melding/")
    visitor.post("/mijn-melding/", {"reference": case.reference, "access_code": "AAAA-BBBB-CCCC-DDDD"})
    visitor.post("/mijn-melding/", {"reference": case.reference, "access_code": submitted.access_code})
    visitor.get("/mijn-melding/melding")
    visitor.post("/mijn-melding/melding", {"body": REPORTER_TEXT})
    visitor.post("/mijn-melding/melding", {"body": ""})
    png = io.BytesIO()
    Image.new("RGB", (4, 4)).save(png, format="PNG")
    visitor.get("/mijn-melding/bestanden")
    visitor.post("/mijn-melding/bestanden", {"attachments": [SimpleUploadedFile("klas.png", png.getvalue())]})
    visitor.post("/mijn-melding/steunpersoon", {})
    support_page = visitor.get("/mijn-melding/steunpersoon").content.decode()
    support_code = re.search(
        r"<strong data-support-code>([0-9A-Z]{4}(?:-[0-9A-Z]{4}){3})</strong>", support_page
    ).group(1)
    visitor.post("/mijn-melding/uitloggen", {})

    mail.outbox.clear()
    linked = Recorder(Client())
    linked.post("/mijn-melding/inloglink", {"reference": case.reference})
    link = re.search(r"http://testserver(\S+)", mail.outbox[0].body).group(1)
    landing = linked.client.get(link)
    linked.urls.append(landing["Location"])  # the token URL itself is the one allowed secret
    linked.get(landing["Location"])

    secrets = [
        case.reference,
        submitted.access_code,
        support_code,
        DESCRIPTION[:30],
        HANDLER_TEXT[:25],
        REPORTER_TEXT[:25],
        EMAIL,
        PHONE,
        "98765432",
        "Verwondering",
        "32JK00",
        "Henk",
        "klas.png",
    ]
    for text in visitor.urls + linked.urls:
        for secret in secrets:
            assert secret not in text, (secret, text)
    assert "?" not in "".join(visitor.urls + linked.urls)
    for title in visitor.titles + linked.titles:
        for secret in secrets:
            assert secret not in title, (secret, title)
    token = link.rsplit("/", 1)[1]
    for record in caplog.records:
        line = record.getMessage() + " " + str({k: v for k, v in record.__dict__.items() if k != "msg"})
        for secret in [*secrets, token]:
            assert secret not in line, (secret, record.name, line)
