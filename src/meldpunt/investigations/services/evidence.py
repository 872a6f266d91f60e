"""The evidence register: documents stored encrypted, with the SHA-256 of their contents checked at every opening.

The hash is taken of the document as registered and shown in the register, so anyone can compare a
copy with it. Opening a document decrypts it and hashes it again; a difference means the stored file
is not the one that was registered: the register flags it (once, with the time) and the audit log
records it. Every opening is an audited read.
"""

import hashlib
import hmac
from dataclasses import dataclass
from datetime import date, datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from meldpunt.accounts.models import User
from meldpunt.cases.deadlines import local_date
from meldpunt.cases.models import Attachment, Case
from meldpunt.core.errors import NotFound
from meldpunt.intake.attachments import CheckedAttachment
from meldpunt.investigations.constants import EvidenceSource, PartyRole
from meldpunt.investigations.models import Evidence, InformationRequest, Party
from meldpunt.investigations.services.chronology import (
    InvestigationError,
    case_content_check,
    case_work_check,
    chronology_source_sync,
    evidence_source,
    text_clean,
)
from meldpunt.privacy.actors import Actor, ActorKind
from meldpunt.privacy.crypto import DecryptionError, decrypt_bytes, encrypt_bytes
from meldpunt.privacy.services import audit_read, audit_record

TITLE_MAX_CHARS = 300


def evidence_associated_data(*, reference: str) -> bytes:
    """What binds a stored document to the register of its case: bytes copied from elsewhere do not decrypt."""
    return f"investigations.Evidence:{reference}".encode()


@dataclass(frozen=True)
class EvidenceFile:
    """An opened document. `intact` is False when its SHA-256 differs from the registered one, or when the
    stored bytes could not be decrypted at all (then `data` is empty and `actual_sha256` is "")."""

    filename: str
    content_type: str
    data: bytes
    intact: bool
    expected_sha256: str = ""
    actual_sha256: str = ""

    @property
    def readable(self) -> bool:
        return bool(self.actual_sha256)


@transaction.atomic
def evidence_register(
    *,
    case: Case,
    title: str,
    attachment: CheckedAttachment,
    source: EvidenceSource,
    received_on: date,
    actor: Actor,
    user: User | None = None,
    source_party: Party | None = None,
    information_request: InformationRequest | None = None,
    shared_with_school: bool = False,
    shared_with_reporter: bool = False,
) -> Evidence:
    """Put a checked document in the register of `case`, with its hash, and add it to the chronology.

    A staff actor must be the handler of the open case; for a school (portal) actor the caller has
    checked what the school may do. `user` is recorded as the one who registered it (defaults to the
    staff actor's account).
    """
    registered_by = user
    if actor.kind == ActorKind.STAFF:
        assert isinstance(actor.user, User)
        case_work_check(case=case, user=actor.user)
        registered_by = registered_by or actor.user
    now = timezone.now()
    text = text_clean(
        title,
        field="title",
        max_chars=TITLE_MAX_CHARS,
        required_message=_("Geef het stuk een omschrijving, bijvoorbeeld ‘Brief van de school van 3 maart’."),
    )
    if source not in EvidenceSource.values:
        raise InvestigationError(_("Kies van wie het stuk komt."), field="source")
    if received_on > local_date(now):
        raise InvestigationError(
            _("De datum van ontvangst kan niet in de toekomst liggen. Vul een datum in tot en met vandaag."),
            field="received_on",
        )
    case_received_on = local_date(case.received_at)
    if received_on < case_received_on:
        raise InvestigationError(
            _("Het stuk kan niet eerder zijn ontvangen dan de melding (%(date)s).")
            % {"date": case_received_on.strftime("%d-%m-%Y")},
            field="received_on",
        )
    if source_party is not None and source_party.case_id != case.pk:
        raise InvestigationError(_("Kies een betrokkene van deze zaak."), field="source_party")
    if information_request is not None and information_request.case_id != case.pk:
        raise InvestigationError(_("Dit verzoek om informatie hoort niet bij deze zaak."), field="information_request")
    if shared_with_school and case.school_id is None:
        raise InvestigationError(
            _("De melder heeft geen school genoemd. U kunt dit stuk daarom niet met de school delen."),
            field="shared_with_school",
        )
    digest = hashlib.sha256(attachment.data).hexdigest()
    evidence = Evidence.objects.create(
        case=case,
        title=text,
        filename=attachment.filename,
        content_type=attachment.content_type,
        size=len(attachment.data),
        sha256=digest,
        data=encrypt_bytes(attachment.data, associated_data=evidence_associated_data(reference=case.reference)),
        source=source,
        source_party=source_party,
        information_request=information_request,
        received_on=received_on,
        shared_with_school=shared_with_school,
        shared_with_reporter=shared_with_reporter,
        registered_at=now,
        registered_by=registered_by,
    )
    audit_record(
        actor=actor,
        action="evidence.registered",
        obj=evidence,
        details={
            "case": case.pk,
            "source": str(source),
            "shared_with_school": shared_with_school,
            "shared_with_reporter": shared_with_reporter,
        },
    )
    chronology_source_sync(case=case, source=evidence_source(evidence), user=registered_by, now=now)
    return evidence


@transaction.atomic
def evidence_register_from_attachment(*, case: Case, attachment_id: int, user: User) -> Evidence:
    """Copy a file the reporter sent into the register, as received from the reporter on the day it came in."""
    case_work_check(case=case, user=user)
    attachment = Attachment.objects.filter(case=case, pk=attachment_id).first()
    if attachment is None:
        raise NotFound(_("Dit bestand van de melder bestaat niet."))
    if Evidence.objects.filter(case=case, source=EvidenceSource.REPORTER, sha256=attachment.sha256).exists():
        raise InvestigationError(_("Dit bestand van de melder staat al in het bewijsregister."))
    # Imported here: the intake's services import the cases services, which must not load this app at import time.
    from meldpunt.intake.services import attachment_associated_data

    try:
        data = decrypt_bytes(
            bytes(attachment.data),
            associated_data=attachment_associated_data(reference=case.reference, sha256=attachment.sha256),
        )
    except DecryptionError as exc:
        raise InvestigationError(
            _("Dit bestand van de melder kan niet worden gelezen. Het is niet in het register gezet.")
        ) from exc
    if not hmac.compare_digest(hashlib.sha256(data).hexdigest(), attachment.sha256):
        raise InvestigationError(
            _("Dit bestand is veranderd sinds de melder het stuurde. Het is niet in het register gezet.")
        )
    reporter = case.parties.filter(role=PartyRole.REPORTER).first()
    return evidence_register(
        case=case,
        title=attachment.filename,
        attachment=CheckedAttachment(filename=attachment.filename, content_type=attachment.content_type, data=data),
        source=EvidenceSource.REPORTER,
        received_on=local_date(attachment.uploaded_at),
        actor=Actor.staff(user),
        user=user,
        source_party=reporter,
    )


@transaction.atomic
def evidence_open(*, evidence: Evidence, actor: Actor, now: datetime | None = None) -> EvidenceFile:
    """Decrypt a document and check its SHA-256 against the register; every opening is an audited read.

    A mismatch (or bytes that no longer decrypt) sets `integrity_failed_at` the first time it is seen and
    records an "evidence.integrity_failed" audit entry then. Who may open it is the caller's question.
    """
    reference = Case.objects.values_list("reference", flat=True).get(pk=evidence.case_id)
    stored = Evidence.objects.values_list("data", flat=True).get(pk=evidence.pk)
    try:
        data: bytes | None = decrypt_bytes(bytes(stored), associated_data=evidence_associated_data(reference=reference))
    except DecryptionError:
        data = None
    actual = hashlib.sha256(data).hexdigest() if data is not None else ""
    intact = data is not None and hmac.compare_digest(actual, evidence.sha256)
    audit_read(actor=actor, obj=evidence, details={"intact": intact})
    if not intact:
        moment = now or timezone.now()
        first = Evidence.objects.filter(pk=evidence.pk, integrity_failed_at__isnull=True).update(
            integrity_failed_at=moment
        )
        if first:
            evidence.integrity_failed_at = moment
            audit_record(
                actor=actor,
                action="evidence.integrity_failed",
                obj=evidence,
                details={"expected_sha256": evidence.sha256, "actual_sha256": actual, "readable": data is not None},
            )
    return EvidenceFile(
        filename=evidence.filename,
        content_type=evidence.content_type,
        data=data or b"",
        intact=intact,
        expected_sha256=evidence.sha256,
        actual_sha256=actual,
    )


def evidence_open_for_staff(*, case: Case, evidence_id: int, user: User) -> EvidenceFile:
    """A document of the register for the handler of the case (who may read its content)."""
    case_content_check(case=case, user=user)
    evidence = Evidence.objects.defer("data").filter(case=case, pk=evidence_id).first()
    if evidence is None:
        raise NotFound(_("Dit stuk staat niet in het bewijsregister van deze zaak."))
    return evidence_open(evidence=evidence, actor=Actor.staff(user))
