from django.apps import AppConfig
from django.db import models


def _attachment_associated_data(attachment: models.Model) -> bytes:
    from meldpunt.intake.services import attachment_associated_data

    return attachment_associated_data(reference=attachment.case.reference, sha256=attachment.sha256)  # type: ignore[attr-defined]


def _draft_upload_associated_data(upload: models.Model) -> bytes:
    from meldpunt.intake.drafts import upload_associated_data

    return upload_associated_data(upload.draft)  # type: ignore[attr-defined]


class IntakeConfig(AppConfig):
    name = "meldpunt.intake"
    label = "intake"

    def ready(self) -> None:
        from meldpunt.privacy.blobs import EncryptedBlob, encrypted_blob_register

        # The intake writes the reporter's files (also those added later in the portal): it knows their binding.
        encrypted_blob_register(
            EncryptedBlob("cases.Attachment", "data", _attachment_associated_data, related=("case",))
        )
        encrypted_blob_register(
            EncryptedBlob("intake.DraftUpload", "data", _draft_upload_associated_data, related=("draft",))
        )
