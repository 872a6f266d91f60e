from django.apps import AppConfig
from django.db import models


def _pdf_associated_data(final: models.Model) -> bytes:
    from meldpunt.findings.pdf import pdf_associated_data

    return pdf_associated_data(reference=final.case.reference, round_number=final.draft.round)  # type: ignore[attr-defined]


class FindingsConfig(AppConfig):
    name = "meldpunt.findings"
    label = "findings"

    def ready(self) -> None:
        from meldpunt.privacy.blobs import EncryptedBlob, encrypted_blob_register

        encrypted_blob_register(
            EncryptedBlob("findings.FinalFindings", "pdf", _pdf_associated_data, related=("case", "draft"))
        )
