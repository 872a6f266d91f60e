"""Key rotation covers file contents too: reporter attachments and evidence documents move to the new key."""

import pytest
from django.core.management import call_command

from meldpunt.cases.tests.case_helpers import case_in_investigation
from meldpunt.intake.attachments import attachment_check
from meldpunt.intake.services import attachment_associated_data
from meldpunt.investigations.services.evidence import evidence_open
from meldpunt.investigations.tests.permission_rows_evidence import evidence_add
from meldpunt.portal.services import reporter_attachments_add
from meldpunt.portal.visitors import Visitor, VisitorKind
from meldpunt.privacy.actors import Actor
from meldpunt.privacy.blobs import encrypted_blobs
from meldpunt.privacy.crypto import decrypt_bytes, token_key_id
from meldpunt.privacy.models import KeyCheck
from meldpunt.privacy.selectors import encrypted_values_key_use
from meldpunt.privacy.services import encrypted_values_rotate, key_check_ensure
from meldpunt.privacy.tests.conftest import KEY_A, KEY_B
from meldpunt.privacy.tests.sample_app.models import Sample

pytestmark = pytest.mark.django_db

# The smallest PDF the upload check accepts: what a reporter could send.
NOTE = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def _without_the_test_key_check():
    """The test database's key check uses the test key, which these tests do not configure."""
    KeyCheck.objects.all().delete()


def test_every_file_column_is_registered():
    """Reporter files, files waiting in a draft, evidence and findings PDFs are all known to the rotation."""
    assert {blob.location for blob in encrypted_blobs()} == {
        "cases.Attachment.data",
        "intake.DraftUpload.data",
        "investigations.Evidence.data",
        "findings.FinalFindings.pdf",
    }


def test_rotation_moves_files_to_the_new_key_and_they_still_open(settings, staff_user):
    """Files written under key A open under key B alone after a rotation; a second run changes nothing."""
    settings.ENCRYPTION_KEYS = KEY_A
    key_check_ensure()
    handler = staff_user("handler")
    case = case_in_investigation(handler)
    [attachment] = reporter_attachments_add(
        visitor=Visitor(case, VisitorKind.REPORTER), attachments=[attachment_check(filename="pauze.pdf", data=NOTE)]
    )
    evidence = evidence_add(case, handler)
    Sample.objects.create(label="x", text="tekst")

    settings.ENCRYPTION_KEYS = f"{KEY_B},{KEY_A}"
    outdated = {use.field: use.outdated for use in encrypted_values_key_use()}
    assert outdated["cases.Attachment.data"] >= 1
    assert outdated["investigations.Evidence.data"] == 1
    report = encrypted_values_rotate(batch_size=1)
    rotated = {field.field: field.rotated for field in report.fields}
    assert rotated["cases.Attachment.data"] == outdated["cases.Attachment.data"]
    assert rotated["investigations.Evidence.data"] == 1
    assert report.failed == 0
    assert encrypted_values_rotate().rotated == 0

    settings.ENCRYPTION_KEYS = KEY_B
    attachment.refresh_from_db()
    assert token_key_id(bytes(attachment.data)) == "keyB"
    data = decrypt_bytes(
        bytes(attachment.data),
        associated_data=attachment_associated_data(reference=case.reference, sha256=attachment.sha256),
    )
    assert data == NOTE
    evidence.refresh_from_db()
    opened = evidence_open(evidence=evidence, actor=Actor.staff(handler))
    assert opened.intact
    call_command("encryption_rotate", "--check")  # exits 1 (CommandError) when anything is left on old keys
