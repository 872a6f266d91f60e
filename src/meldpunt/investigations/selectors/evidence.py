"""Reads of the evidence register and the interview records, for the handler of the case; every read is audited.

Lists show what identifies an item (title, date, source, hash, who was heard); reading a whole interview
record or opening a document is audited on that item itself.
"""

from dataclasses import dataclass
from datetime import date, datetime

from django.utils.translation import gettext as _

from meldpunt.accounts.models import User
from meldpunt.accounts.permissions import Action, role_may
from meldpunt.cases.models import Attachment, Case
from meldpunt.cases.selectors import case_for_staff_get
from meldpunt.cases.workflow import OPEN_STATES
from meldpunt.core.errors import NotFound, PermissionDenied
from meldpunt.investigations.constants import EvidenceSource
from meldpunt.investigations.models import Evidence, Interview, Party
from meldpunt.privacy.actors import Actor
from meldpunt.privacy.services import audit_read

SHORT_HASH_CHARS = 12
SECTION_LIMIT = 5


def _content_check(*, case: Case, user: User) -> None:
    if not user.is_active or not role_may(user, Action.CASE_VIEW_CONTENT, case):
        raise PermissionDenied(_("Alleen de behandelaar van deze zaak ziet het onderzoek."))


def investigation_case_get(*, reference: str, user: User) -> Case:
    """The case behind an investigation URL: NotFound when there is none, PermissionDenied unless it is the user's."""
    case = case_for_staff_get(reference=reference, user=user)
    _content_check(case=case, user=user)
    return case


def _person(user: User | None) -> str:
    if user is None:
        return _("het systeem")
    return user.get_full_name() or user.username


def party_label(party: Party) -> str:
    """How a party is named inside the meldpunt: its role, and its name when it has one."""
    role = party.get_role_display()
    return f"{role}: {party.name}" if party.name else role


def party_options(*, case: Case, user: User, view: str) -> list[tuple[int, str]]:
    """The parties of the case to choose from in a form; audited as a read of the case by `view`."""
    _content_check(case=case, user=user)
    audit_read(actor=Actor.staff(user), obj=case, details={"view": view})
    return [(party.pk, party_label(party)) for party in Party.objects.filter(case=case)]


def case_party_get(*, case: Case, party_id: int | None) -> Party | None:
    """A party of this case by its id (None for none); a party of another case is not found."""
    if party_id is None:
        return None
    party = Party.objects.filter(case=case, pk=party_id).first()
    if party is None:
        raise NotFound(_("Kies een betrokkene van deze zaak."))
    return party


@dataclass(frozen=True)
class EvidenceRow:
    pk: int
    title: str
    filename: str
    content_type: str
    size: int
    sha256: str
    source: str
    source_label: str
    source_party: str
    received_on: date
    shared_with_school: bool
    shared_with_reporter: bool
    registered_at: datetime
    registered_by: str
    integrity_failed_at: datetime | None

    @property
    def sha256_short(self) -> str:
        return self.sha256[:SHORT_HASH_CHARS]


@dataclass(frozen=True)
class ReporterFileRow:
    pk: int
    filename: str
    size: int
    uploaded_at: datetime
    registered: bool


@dataclass(frozen=True)
class EvidenceRegister:
    rows: list[EvidenceRow]
    reporter_files: list[ReporterFileRow]
    may_act: bool
    has_school: bool

    @property
    def integrity_failures(self) -> int:
        return sum(1 for row in self.rows if row.integrity_failed_at is not None)


def _evidence_rows(case: Case) -> list[EvidenceRow]:
    # defer("data"): the files stay encrypted in the database until someone opens one.
    # select_related: the source party and who registered it are shown on every row.
    items = Evidence.objects.filter(case=case).defer("data").select_related("source_party", "registered_by")
    return [
        EvidenceRow(
            pk=item.pk,
            title=item.title,
            filename=item.filename,
            content_type=item.content_type,
            size=item.size,
            sha256=item.sha256,
            source=item.source,
            source_label=str(EvidenceSource(item.source).label),
            source_party=party_label(item.source_party) if item.source_party else "",
            received_on=item.received_on,
            shared_with_school=item.shared_with_school,
            shared_with_reporter=item.shared_with_reporter,
            registered_at=item.registered_at,
            registered_by=_person(item.registered_by),
            integrity_failed_at=item.integrity_failed_at,
        )
        for item in items
    ]


def evidence_register_get(*, case: Case, user: User) -> EvidenceRegister:
    """The register of the case and the reporter's files that could be added to it; audited as a read."""
    _content_check(case=case, user=user)
    audit_read(actor=Actor.staff(user), obj=case, details={"view": "evidence_register"})
    rows = _evidence_rows(case)
    registered = {row.sha256 for row in rows if row.source == EvidenceSource.REPORTER}
    reporter_files = [
        ReporterFileRow(
            pk=attachment.pk,
            filename=attachment.filename,
            size=attachment.size,
            uploaded_at=attachment.uploaded_at,
            registered=attachment.sha256 in registered,
        )
        for attachment in Attachment.objects.filter(case=case).defer("data")
    ]
    return EvidenceRegister(
        rows=rows,
        reporter_files=reporter_files,
        may_act=case.status in OPEN_STATES,
        has_school=case.school_id is not None,
    )


@dataclass(frozen=True)
class InterviewRow:
    pk: int
    interviewee: str
    held_at: datetime
    location: str
    agreed: bool | None


@dataclass(frozen=True)
class InterviewList:
    rows: list[InterviewRow]
    may_act: bool
    has_parties: bool


def _interview_rows(case: Case) -> list[InterviewRow]:
    # select_related: every row names the interviewee. The summary is not decrypted for a list.
    items = Interview.objects.filter(case=case).defer("summary", "present").select_related("interviewee")
    return [
        InterviewRow(
            pk=item.pk,
            interviewee=party_label(item.interviewee),
            held_at=item.held_at,
            location=item.location,
            agreed=item.agreed_by_interviewee,
        )
        for item in items
    ]


def interviews_get(*, case: Case, user: User) -> InterviewList:
    """The interviews of the case, without their summaries; audited as a read of the case."""
    _content_check(case=case, user=user)
    audit_read(actor=Actor.staff(user), obj=case, details={"view": "interviews"})
    return InterviewList(
        rows=_interview_rows(case),
        may_act=case.status in OPEN_STATES,
        has_parties=Party.objects.filter(case=case).exists(),
    )


@dataclass(frozen=True)
class InterviewDetail:
    interview: Interview
    interviewee: str
    recorded_by: str
    may_act: bool


def interview_get(*, case: Case, interview_id: int, user: User) -> InterviewDetail:
    """One whole interview record; audited as a read of that record."""
    _content_check(case=case, user=user)
    # select_related: the page names the interviewee and who recorded it.
    interview = (
        Interview.objects.select_related("interviewee", "recorded_by").filter(case=case, pk=interview_id).first()
    )
    if interview is None:
        raise NotFound(_("Dit gesprek hoort niet bij deze zaak."))
    audit_read(actor=Actor.staff(user), obj=interview)
    return InterviewDetail(
        interview=interview,
        interviewee=party_label(interview.interviewee),
        recorded_by=_person(interview.recorded_by),
        may_act=case.status in OPEN_STATES,
    )


@dataclass(frozen=True)
class EvidenceSection:
    """What the investigation workspace shows of the evidence, the interviews and the chronology."""

    evidence: list[EvidenceRow]
    evidence_count: int
    integrity_failures: int
    interviews: list[InterviewRow]
    interview_count: int
    interviews_not_agreed: int
    may_act: bool


def evidence_workspace_section(*, case: Case, user: User) -> EvidenceSection:
    """The compact section of the workspace page (template investigations/evidence/workspace_section.html).

    Shows the latest documents with their integrity flag and the latest interviews; audited as a read.
    """
    _content_check(case=case, user=user)
    audit_read(actor=Actor.staff(user), obj=case, details={"view": "evidence_section"})
    evidence = _evidence_rows(case)
    interviews = _interview_rows(case)
    return EvidenceSection(
        evidence=evidence[-SECTION_LIMIT:],
        evidence_count=len(evidence),
        integrity_failures=sum(1 for row in evidence if row.integrity_failed_at is not None),
        interviews=interviews[-SECTION_LIMIT:],
        interview_count=len(interviews),
        interviews_not_agreed=sum(1 for row in interviews if row.agreed is not True),
        may_act=case.status in OPEN_STATES,
    )
