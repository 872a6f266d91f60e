from django.apps import AppConfig
from django.db import models


def _evidence_associated_data(evidence: models.Model) -> bytes:
    from meldpunt.investigations.services.evidence import evidence_associated_data

    return evidence_associated_data(reference=evidence.case.reference)  # type: ignore[attr-defined]


class InvestigationsConfig(AppConfig):
    name = "meldpunt.investigations"
    label = "investigations"

    def ready(self) -> None:
        from meldpunt.privacy.blobs import EncryptedBlob, encrypted_blob_register

        encrypted_blob_register(
            EncryptedBlob("investigations.Evidence", "data", _evidence_associated_data, related=("case",))
        )
