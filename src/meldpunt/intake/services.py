"""Submitting a report: one transaction that stores everything or nothing (CONTRACT.md: durable before 201)."""

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from meldpunt.cases.constants import Status
from meldpunt.cases.deadlines import local_date
from meldpunt.cases.models import Attachment, Case, StatusChange
from meldpunt.cases.services import case_derived_refresh, case_reference_next, case_type_default_get
from meldpunt.intake.attachments import CheckedAttachment
from meldpunt.intake.codes import access_code_hash, access_code_new
from meldpunt.intake.validation import ReportInput
from meldpunt.portal.notifications import Notice
from meldpunt.portal.tasks import reporter_notify
from meldpunt.privacy.actors import Actor
from meldpunt.privacy.crypto import encrypt_bytes
from meldpunt.privacy.services import audit_record
from meldpunt.schools.models import School


@dataclass(frozen=True)
class SubmittedReport:
    case: Case
    access_code: str  # shown once to the reporter, never stored


def attachment_associated_data(*, reference: str, sha256: str) -> bytes:
    """Binds an encrypted file to its case and content, so it cannot be moved to another case."""
    return f"cases.Attachment:{reference}:{sha256}".encode()


def report_submit(*, report: ReportInput, attachments: Sequence[CheckedAttachment] = ()) -> SubmittedReport:
    """Store a validated report with its files, hash its access code, and acknowledge it after commit.

    The access code is hashed before the transaction opens: Argon2 is deliberately slow, and the
    reference counter row stays locked for as short a time as possible.
    """
    access_code = access_code_new()
    code_hash = access_code_hash(access_code)
    with transaction.atomic():
        now = timezone.now()
        school = School.objects.get(code=report.school) if report.school else None
        case = Case(
            reference=case_reference_next(year=local_date(now).year),
            status=Status.RECEIVED,
            received_at=now,
            language=report.language,
            reporter_role=report.reporter_role,
            categories=report.categories,
            description=report.description,
            started_on=report.started_on,
            attendance=report.attendance,
            absent_since=report.absent_since,
            acute_danger=report.acute_danger,
            accused_is_staff=report.accused_is_staff,
            school=school,
            sector=report.sector,
            steps_taken=report.steps_taken,
            share_identity_with_school=report.share_identity_with_school,
            consent_referral=report.consent_referral,
            contact_email=report.contact_email,
            contact_phone=report.contact_phone,
            access_code_hash=code_hash,
            case_type=case_type_default_get(),
        )
        case.save()
        StatusChange.objects.create(case=case, from_status="", to_status=Status.RECEIVED, at=now)
        case_derived_refresh(case=case, now=now)
        for attachment in attachments:
            digest = hashlib.sha256(attachment.data).hexdigest()
            Attachment.objects.create(
                case=case,
                filename=attachment.filename,
                content_type=attachment.content_type,
                size=len(attachment.data),
                sha256=digest,
                data=encrypt_bytes(
                    attachment.data, associated_data=attachment_associated_data(reference=case.reference, sha256=digest)
                ),
                uploaded_at=now,
            )
        audit_record(
            actor=Actor.reporter(case.reference),
            action="case.submitted",
            obj=case,
            details={"attachments": len(attachments)},
        )
        if report.contact_email:
            case_id = case.pk
            transaction.on_commit(lambda: reporter_notify.enqueue(case_id=case_id, notice=Notice.ACKNOWLEDGEMENT))
    return SubmittedReport(case=case, access_code=access_code)
