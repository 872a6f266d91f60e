"""The wizard's server-side draft: files waiting for the report, and the claim that lets a draft be sent once.

Kept apart from services.py, whose `report_submit` is the one transaction that stores a report: these
rows are scaffolding around it and never part of a case. The session knows the draft by a random
token; the table only holds its SHA-256, so a copy of the table cannot be tied back to a session.
"""

import hashlib
from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from meldpunt.core.errors import MeldpuntError
from meldpunt.intake.attachments import MAX_FILES, CheckedAttachment
from meldpunt.intake.models import Draft, DraftUpload
from meldpunt.privacy.crypto import decrypt_bytes, encrypt_bytes

# Sessions end after 30 idle minutes; a day leaves room for a slow visitor and then removes leftovers.
DRAFT_LIFETIME = timedelta(days=1)


class DraftFull(MeldpuntError):
    """The draft already holds the most files a report may have."""


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def upload_associated_data(draft: Draft) -> bytes:
    # Binds a file to its draft: bytes copied into another draft's row fail to decrypt.
    return f"intake.DraftUpload:{draft.token_hash}".encode()


def _draft(token: str) -> Draft:
    now = timezone.now()
    draft, created = Draft.objects.get_or_create(token_hash=_token_hash(token), defaults={"created_at": now})
    if created:
        Draft.objects.filter(created_at__lt=now - DRAFT_LIFETIME).delete()
    return draft


@transaction.atomic
def draft_upload_add(*, token: str, attachment: CheckedAttachment) -> DraftUpload:
    """Keep a checked file, encrypted, until the report is sent; refuse a file past the maximum."""
    draft = _draft(token)
    Draft.objects.select_for_update().filter(pk=draft.pk).first()  # one upload at a time counts the files
    if draft.uploads.count() >= MAX_FILES:
        raise DraftFull(_("U kunt niet meer dan %(max)s bestanden meesturen.") % {"max": MAX_FILES})
    return DraftUpload.objects.create(
        draft=draft,
        filename=attachment.filename,
        content_type=attachment.content_type,
        size=len(attachment.data),
        data=encrypt_bytes(attachment.data, associated_data=upload_associated_data(draft)),
        uploaded_at=timezone.now(),
    )


@transaction.atomic
def draft_upload_remove(*, token: str, upload_id: int) -> None:
    DraftUpload.objects.filter(draft__token_hash=_token_hash(token), pk=upload_id).delete()


def draft_uploads(*, token: str) -> list[DraftUpload]:
    """The files of a draft without their bytes, for listing them."""
    return list(DraftUpload.objects.filter(draft__token_hash=_token_hash(token)).defer("data"))


def draft_attachments(*, token: str) -> list[CheckedAttachment]:
    """The files of a draft, decrypted, as `report_submit` takes them (they were checked when added)."""
    uploads = DraftUpload.objects.filter(draft__token_hash=_token_hash(token)).select_related("draft")
    return [
        CheckedAttachment(
            filename=upload.filename,
            content_type=upload.content_type,
            data=decrypt_bytes(bytes(upload.data), associated_data=upload_associated_data(upload.draft)),
        )
        for upload in uploads
    ]


@transaction.atomic
def draft_claim(*, token: str) -> bool:
    """True for exactly one caller per draft: the one request that may turn it into a case."""
    draft = _draft(token)
    return Draft.objects.filter(pk=draft.pk, claimed_at__isnull=True).update(claimed_at=timezone.now()) == 1


@transaction.atomic
def draft_release(*, token: str) -> None:
    """Give up a claim after a failed submission, so the visitor can try again."""
    Draft.objects.filter(token_hash=_token_hash(token), reference="").update(claimed_at=None)


@transaction.atomic
def draft_release_stale(*, token: str, older_than: timedelta) -> None:
    """Free a claim whose request died before it finished (a crash, a killed worker), so sending works again."""
    Draft.objects.filter(
        token_hash=_token_hash(token), reference="", claimed_at__lt=timezone.now() - older_than
    ).update(claimed_at=None)


@transaction.atomic
def draft_complete(*, token: str, reference: str) -> None:
    """The draft became a case: its files now live in the case, so the waiting copies go."""
    Draft.objects.filter(token_hash=_token_hash(token)).update(reference=reference)
    DraftUpload.objects.filter(draft__token_hash=_token_hash(token)).delete()


def draft_reference(*, token: str) -> str:
    """The case a draft became, or "" while it is not (yet) sent."""
    return Draft.objects.filter(token_hash=_token_hash(token)).values_list("reference", flat=True).first() or ""
