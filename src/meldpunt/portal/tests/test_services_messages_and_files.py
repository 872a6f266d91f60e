import io

import pytest
from django.db import connection
from PIL import Image

from meldpunt.cases.models import Attachment, Message
from meldpunt.core.errors import MeldpuntError
from meldpunt.intake.attachments import attachment_check
from meldpunt.intake.services import attachment_associated_data
from meldpunt.portal.conversation import MessageRefused
from meldpunt.portal.services import REPORTER_FILES_MAX, reporter_attachments_add, reporter_message_send
from meldpunt.portal.visitors import Visitor, VisitorKind
from meldpunt.privacy.crypto import decrypt_bytes
from meldpunt.privacy.models import AuditEntry

pytestmark = pytest.mark.django_db


@pytest.fixture
def reporter(submitted) -> Visitor:
    return Visitor(case=submitted.case, kind=VisitorKind.REPORTER)


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (8, 8), "blue").save(out, format="PNG")
    return out.getvalue()


def test_message_is_stored_encrypted_and_audited(reporter):
    """The reporter's message is kept without surrounding spaces, encrypted at rest, and audited."""
    message = reporter_message_send(visitor=reporter, body="  Het is weer gebeurd, vandaag.  \n")
    assert message.body == "Het is weer gebeurd, vandaag."
    assert message.direction == "from_reporter" and message.author is None
    with connection.cursor() as cursor:
        cursor.execute("SELECT body FROM cases_message WHERE id = %s", [message.pk])
        (raw,) = cursor.fetchone()
    assert "gebeurd" not in str(raw)
    assert AuditEntry.objects.filter(action="case.message_sent", actor_kind="reporter").exists()


@pytest.mark.parametrize(
    "body",
    ["", "   \n ", "a" * 20_001, "nul\x00teken", None, 42, ["lijst"]],
    ids=["empty", "blank", "too long", "NUL", "null", "number", "list"],
)
def test_bad_messages_are_refused(reporter, body):
    """Empty, blank, over 20,000 characters, with a NUL, or not text at all: refused, nothing stored."""
    with pytest.raises(MessageRefused) as refused:
        reporter_message_send(visitor=reporter, body=body)
    assert refused.value.field == "body" and refused.value.message
    assert not Message.objects.exists()


def test_twenty_thousand_characters_fit(reporter):
    """A message of exactly 20,000 characters is accepted."""
    assert len(reporter_message_send(visitor=reporter, body="a" * 20_000).body) == 20_000


def test_files_are_stored_encrypted_and_bound_to_the_case(reporter):
    """Added files are kept encrypted, readable only with the case's reference and the file's hash."""
    checked = attachment_check(filename="schermafbeelding.png", data=_png())
    (stored,) = reporter_attachments_add(visitor=reporter, attachments=[checked])
    row = Attachment.objects.get(pk=stored.pk)
    assert bytes(row.data) != checked.data and row.from_reporter
    associated = attachment_associated_data(reference=reporter.case.reference, sha256=row.sha256)
    assert decrypt_bytes(bytes(row.data), associated_data=associated) == checked.data
    assert AuditEntry.objects.filter(action="case.files_added", details={"files": 1}).exists()


def test_number_of_files_per_case_is_limited(reporter):
    """A case takes at most REPORTER_FILES_MAX files from the reporter."""
    checked = attachment_check(filename="a.png", data=_png())
    reporter_attachments_add(visitor=reporter, attachments=[checked] * REPORTER_FILES_MAX)
    with pytest.raises(MeldpuntError) as refused:
        reporter_attachments_add(visitor=reporter, attachments=[checked])
    assert refused.value.field == "files"
