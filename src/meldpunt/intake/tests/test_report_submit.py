import datetime as dt
import io
import re

import pytest
from django.core import mail
from django.db import connection
from PIL import Image

from meldpunt.cases.models import Attachment, Case, StatusChange
from meldpunt.intake.attachments import AttachmentRefused, attachment_check
from meldpunt.intake.codes import access_code_matches
from meldpunt.intake.services import report_submit
from meldpunt.intake.validation import SchoolFacts, report_validate
from meldpunt.privacy.models import AuditEntry


def _report(body):
    report, errors = report_validate(
        body, today=dt.date(2026, 11, 28), school_lookup=lambda code: SchoolFacts(code, "po")
    )
    assert errors == {}
    return report


def _jpeg_with_exif() -> bytes:
    image = Image.new("RGB", (20, 20), "red")
    exif = Image.Exif()
    exif[0x010F] = "SecretPhoneMaker"  # Make
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif)
    return out.getvalue()


@pytest.mark.django_db(transaction=True)
def test_submitting_stores_everything_and_acknowledges_after_commit(school, valid_report):
    """A report gets a reference, a hashed access code, a received status row, an audit entry and an email."""
    submitted = report_submit(report=_report(valid_report))
    case = Case.objects.get(pk=submitted.case.pk)
    assert re.fullmatch(r"MSV-\d{4}-\d{6}", case.reference)
    assert re.fullmatch(r"[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}", submitted.access_code)
    assert case.access_code_hash.startswith("$argon2id$")
    assert access_code_matches(submitted.access_code, case.access_code_hash)
    assert access_code_matches(submitted.access_code.lower().replace("-", " "), case.access_code_hash)
    assert not access_code_matches("0000-0000-0000-0000", case.access_code_hash)
    assert StatusChange.objects.filter(case=case, to_status="received").count() == 1
    assert AuditEntry.objects.filter(action="case.submitted", object_pk=str(case.pk)).exists()
    assert len(mail.outbox) == 1
    body = mail.outbox[0].body
    assert case.reference not in body and "gepest" not in body and "Verwondering" not in body


@pytest.mark.django_db
def test_references_are_sequential_and_unique(school, valid_report):
    """Each report gets the next number of its year; none is reused."""
    first = report_submit(report=_report(valid_report)).case.reference
    second = report_submit(report=_report(valid_report)).case.reference
    assert first != second
    assert int(second.rsplit("-", 1)[1]) == int(first.rsplit("-", 1)[1]) + 1


@pytest.mark.django_db
def test_raw_database_holds_no_plaintext(school, valid_report):
    """Description, contact details and attachment bytes are unreadable in the raw database."""
    attachment = attachment_check(filename="bewijs.png", data=_png())
    case = report_submit(report=_report(valid_report), attachments=[attachment]).case
    with connection.cursor() as cursor:
        cursor.execute("SELECT description, contact_email, contact_phone FROM cases_case WHERE id = %s", [case.pk])
        row = " ".join(str(value) for value in cursor.fetchone())
        cursor.execute("SELECT filename, data FROM cases_attachment WHERE case_id = %s", [case.pk])
        filename, data = cursor.fetchone()
    assert "gepest" not in row and "ouder@example.nl" not in row and "12345678" not in row
    assert "bewijs" not in str(filename)
    assert bytes(data) != attachment.data and attachment.data[:16] not in bytes(data)
    assert Attachment.objects.get(case=case).filename == "bewijs.png"


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (10, 10), "blue").save(out, format="PNG")
    return out.getvalue()


def test_image_metadata_is_stripped():
    """EXIF data such as the camera maker is removed from uploaded photos."""
    original = _jpeg_with_exif()
    assert b"SecretPhoneMaker" in original
    checked = attachment_check(filename="C:\\Users\\x\\foto.jpg", data=original)
    assert b"SecretPhoneMaker" not in checked.data
    assert checked.content_type == "image/jpeg"
    assert checked.filename == "foto.jpg"


@pytest.mark.parametrize(
    ("filename", "data"),
    [
        ("leeg.png", b""),
        ("script.pdf", b"#!/bin/sh\necho hi\n"),
        ("fake.jpg", b"\xff\xd8\xff\xe0" + b"garbage" * 10),
        ("page.html", b"<html><script>alert(1)</script></html>"),
    ],
)
def test_files_are_checked_by_their_bytes(filename, data):
    """A file is refused when its bytes are not a readable JPG, PNG or PDF, whatever its name says."""
    with pytest.raises(AttachmentRefused):
        attachment_check(filename=filename, data=data)


def test_a_pdf_is_accepted_by_its_bytes():
    """A real PDF header is accepted as application/pdf."""
    checked = attachment_check(filename="brief", data=b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
    assert checked.content_type == "application/pdf"
