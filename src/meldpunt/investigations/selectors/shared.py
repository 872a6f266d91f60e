"""What the school and the reporter see of a case: every page, preview and PDF for them reads through here.

`case_items_visible` lists the items of a case (the report, the reporter's identity, shared summaries,
questions, answers, documents, interviews, the chronology, internal notes) with the sides they were
shared with, and keeps those that `confidentiality.may_see` allows for a party role. The school
portal's pages, the handler's preview of a request ("exactly what the school will see") and the
reporter's portal section are all built from it, so one rule decides for all of them.

Free text shown to the school (a summary, a question) has the names and contact details of everyone
whose identity is not shared with the school replaced by a placeholder such as "[naam melder]".

Every read by the school, the reporter or a handler is written to the audit log by the page selectors
below; `case_items_visible` itself is their building block and records nothing.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime

from django.db.models import Model
from django.utils import timezone
from django.utils.translation import gettext as _

from meldpunt.accounts.models import User
from meldpunt.accounts.permissions import Action, role_may
from meldpunt.cases.deadlines import local_date
from meldpunt.cases.models import Case, Note
from meldpunt.core.errors import NotFound
from meldpunt.investigations.confidentiality import SIDE_OF_ROLE, ItemKind, Side, may_see
from meldpunt.investigations.constants import EvidenceSource, MoreTimeDecision, PartyAccess, PartyRole, RequestStatus
from meldpunt.investigations.models import (
    ChronologyEntry,
    Evidence,
    InformationRequest,
    Interview,
    Party,
    RequestQuestion,
    SchoolAccessLink,
)
from meldpunt.investigations.services.chronology import case_content_check
from meldpunt.privacy.actors import Actor, ActorKind
from meldpunt.privacy.models import AuditEntry
from meldpunt.privacy.selectors import audit_entries_for_object
from meldpunt.privacy.services import audit_read, audit_record

# The school sees a request from the moment it is sent; a withdrawn request no longer shows its content.
SCHOOL_VISIBLE_STATUSES = frozenset({RequestStatus.SENT, RequestStatus.ANSWERED, RequestStatus.NOT_ANSWERED})
SCHOOL_LISTED_STATUSES = SCHOOL_VISIBLE_STATUSES | {RequestStatus.WITHDRAWN}
# Name parts this short, and these particles, are too common to replace in a text.
NAME_PART_MIN_CHARS = 3
NAME_PARTICLES = frozenset({"van", "de", "der", "den", "het", "ten", "ter", "te", "la", "le", "el", "al", "bin", "ben"})
SCHOOL_READ_VIEW = "school_request"
REQUEST_KINDS = frozenset({ItemKind.SHARED_SUMMARY, ItemKind.QUESTION, ItemKind.ANSWER})


# The items of a case and who may see them.


@dataclass(frozen=True)
class Item:
    """One thing on a case that someone might be shown; `shared_with` are the sides the handler shared it with."""

    kind: ItemKind
    key: str
    shared_with: frozenset[Side]
    source: Model | Case
    request_id: int | None = None


def _sides(*, school: bool = False, reporter: bool = False) -> frozenset[Side]:
    return frozenset(side for side, on in ((Side.SCHOOL, school), (Side.REPORTER, reporter)) if on)


def reporter_party(case: Case) -> Party | None:
    return next((p for p in case.parties.all() if p.role == PartyRole.REPORTER), None)


def reporter_identity_shared(case: Case) -> bool:
    """Whether the school may know who the reporter is: the reporter's party, else the choice at intake."""
    party = reporter_party(case)
    return party.identity_shared_with_school if party is not None else case.share_identity_with_school


def party_access(case: Case, role: PartyRole) -> PartyAccess:
    """What a side's party may see; the reporter and the board see what is shared with them until set otherwise."""
    party = next((p for p in case.parties.all() if p.role == role), None)
    if party is not None:
        return PartyAccess(party.access)
    return PartyAccess.SHARED if role in (PartyRole.REPORTER, PartyRole.SCHOOL_BOARD) else PartyAccess.NOTHING


def _request_items(request: InformationRequest, *, preview: bool) -> list[Item]:
    """A request is an item of the case once it is sent; a draft only in the handler's preview of itself."""
    if request.sent_at is None and not preview:
        return []
    school = preview or request.status in SCHOOL_VISIBLE_STATUSES
    items = [Item(ItemKind.SHARED_SUMMARY, f"summary:{request.pk}", _sides(school=school), request, request.pk)]
    for question in request.questions.all():
        items.append(
            Item(
                ItemKind.QUESTION,
                f"question:{question.pk}",
                _sides(school=school, reporter=request.shared_with_reporter),
                question,
                request.pk,
            )
        )
        if question.answer:
            # The reporter reads answers only once the school sent them all, and the handler shared them.
            submitted = request.status == RequestStatus.ANSWERED
            items.append(
                Item(
                    ItemKind.ANSWER,
                    f"answer:{question.pk}",
                    _sides(school=school, reporter=request.shared_with_reporter and submitted),
                    question,
                    request.pk,
                )
            )
    return items


def _case_items(case: Case, *, kinds: frozenset[ItemKind], preview_request_id: int | None = None) -> list[Item]:
    """The items of the wanted kinds; kinds nobody in the asking role may ever see are not even read (or decrypted)."""
    items: list[Item] = []
    if ItemKind.REPORT in kinds:
        items.append(Item(ItemKind.REPORT, "report", frozenset(), case))
    if ItemKind.REPORTER_IDENTITY in kinds:
        items.append(
            Item(ItemKind.REPORTER_IDENTITY, "reporter_identity", _sides(school=reporter_identity_shared(case)), case)
        )
    if kinds & REQUEST_KINDS:
        # Questions come with their request in one query.
        requests = (
            InformationRequest.objects.filter(case=case).prefetch_related("questions").order_by("created_at", "pk")
        )
        for request in requests:
            items += [
                item for item in _request_items(request, preview=request.pk == preview_request_id) if item.kind in kinds
            ]
    if ItemKind.DOCUMENT in kinds:
        # The file bytes stay in the database until someone opens a document.
        items += [
            Item(
                ItemKind.DOCUMENT,
                f"evidence:{evidence.pk}",
                _sides(school=evidence.shared_with_school, reporter=evidence.shared_with_reporter),
                evidence,
                evidence.information_request_id,
            )
            for evidence in Evidence.objects.filter(case=case).defer("data")
        ]
    if ItemKind.INTERVIEW in kinds:
        items += [
            Item(ItemKind.INTERVIEW, f"interview:{i.pk}", frozenset(), i) for i in Interview.objects.filter(case=case)
        ]
    if ItemKind.CHRONOLOGY in kinds:
        items += [
            Item(ItemKind.CHRONOLOGY, f"chronology:{entry.pk}", frozenset(), entry)
            for entry in ChronologyEntry.objects.filter(case=case, removed=False)
        ]
    if ItemKind.NOTE in kinds:
        items += [Item(ItemKind.NOTE, f"note:{note.pk}", frozenset(), note) for note in Note.objects.filter(case=case)]
    return items


def kinds_ever_visible(*, role: PartyRole, access: PartyAccess) -> frozenset[ItemKind]:
    """The item kinds a party in `role` sees when they are shared with its side (or always)."""
    return frozenset(
        kind
        for kind in ItemKind
        if may_see(role=role, item=kind, shared=True, access=access)
        or may_see(role=role, item=kind, shared=False, access=access)
    )


def case_items_visible(
    *, case: Case, role: PartyRole, access: PartyAccess | None = None, preview_request_id: int | None = None
) -> list[Item]:
    """The items of `case` a party in `role` may see, by the confidentiality table.

    `access` defaults to the setting of the case's party in that role. `preview_request_id` shows one
    draft request as if it were sent (the handler's preview). Callers audit the read.
    """
    access = access if access is not None else party_access(case, role)
    side = SIDE_OF_ROLE[role]
    kinds = kinds_ever_visible(role=role, access=access)
    return [
        item
        for item in _case_items(case, kinds=kinds, preview_request_id=preview_request_id)
        if may_see(role=role, item=item.kind, shared=side in item.shared_with, access=access)
    ]


# Names out of free text.


@dataclass(frozen=True)
class Redaction:
    """Text to replace, and what to put in its place."""

    text: str
    placeholder: str
    digits: bool = False  # a phone number: matched whatever spaces or dashes are typed between the digits


def _pattern(redaction: Redaction) -> str:
    if redaction.digits:
        digits = [ch for ch in redaction.text if ch.isdigit()]
        return r"(?<!\d)" + r"[\s().-]*".join(re.escape(d) for d in digits) + r"(?!\d)"
    return r"(?<!\w)" + r"\s+".join(re.escape(word) for word in redaction.text.split()) + r"(?!\w)"


def redact(text: str, redactions: Iterable[Redaction]) -> str:
    """`text` with every occurrence (any case, as a whole word) of each redaction replaced; longest first."""
    usable = [r for r in redactions if r.text.strip() and (not r.digits or sum(ch.isdigit() for ch in r.text) >= 6)]
    if not usable or not text:
        return text
    usable.sort(key=lambda r: len(r.text), reverse=True)
    placeholders: dict[str, str] = {}
    parts = []
    for index, redaction in enumerate(usable):
        group = f"r{index}"
        placeholders[group] = redaction.placeholder
        parts.append(f"(?P<{group}>{_pattern(redaction)})")
    combined = re.compile("|".join(parts), re.IGNORECASE)
    return combined.sub(lambda match: placeholders[match.lastgroup or ""], text)


def name_redactions(name: str, placeholder: str) -> list[Redaction]:
    """The full name, and each part of it long enough to name someone on its own ("Fatima", "Zwaan")."""
    words = name.split()
    found = [Redaction(" ".join(words), placeholder)] if words else []
    found += [
        Redaction(word, placeholder)
        for word in words
        if len(word) >= NAME_PART_MIN_CHARS and word.lower() not in NAME_PARTICLES
    ]
    return found


def school_redactions(case: Case) -> list[Redaction]:
    """Names and contact details the school may not read: of every party whose identity is not shared with it."""
    redactions: list[Redaction] = []
    reporter_shared = reporter_identity_shared(case)
    for party in case.parties.all():
        if SIDE_OF_ROLE[PartyRole(party.role)] is Side.SCHOOL:
            continue
        shared = reporter_shared if party.role == PartyRole.REPORTER else party.identity_shared_with_school
        if shared:
            continue
        who = _("melder") if party.role == PartyRole.REPORTER else str(party.get_role_display()).lower()
        redactions += name_redactions(party.name, _("[naam %(who)s]") % {"who": who})
        if party.email:
            redactions.append(Redaction(party.email, _("[e-mailadres %(who)s]") % {"who": who}))
        if party.phone:
            redactions.append(Redaction(party.phone, _("[telefoonnummer %(who)s]") % {"who": who}, digits=True))
    if not reporter_shared:
        if case.contact_email:
            redactions.append(Redaction(case.contact_email, _("[e-mailadres melder]")))
        if case.contact_phone:
            redactions.append(Redaction(case.contact_phone, _("[telefoonnummer melder]"), digits=True))
    return redactions


# The school's view of one request: the school portal's page and the handler's preview.


def request_overdue(*, status: str, due_on: date | None, today: date) -> bool:
    """Sent, not answered, and the due date has passed."""
    return status == RequestStatus.SENT and due_on is not None and today > due_on


@dataclass(frozen=True)
class SchoolVisitor:
    """Who looks at the school portal: a school contact with an account, or someone who used a single-use link."""

    user: User | None = None
    link: SchoolAccessLink | None = None

    def __post_init__(self) -> None:
        if (self.user is None) == (self.link is None):
            raise ValueError("A school visitor is either a school contact or a single-use link, not both.")

    @property
    def actor(self) -> Actor:
        if self.user is not None:
            return Actor(kind=ActorKind.SCHOOL, user=self.user)
        assert self.link is not None
        return Actor(kind=ActorKind.SCHOOL, ref=f"school-link-{self.link.pk}")


def school_visitor_may_open(
    *, visitor: SchoolVisitor, request: InformationRequest, now: datetime | None = None
) -> bool:
    """A contact of the case's board, or the redeemed, unexpired link of exactly this request."""
    if visitor.user is not None:
        return visitor.user.is_active and role_may(visitor.user, Action.SCHOOL_VIEW_SHARED, request.case)
    link = visitor.link
    assert link is not None
    now = now or timezone.now()
    return link.request_id == request.pk and link.used_at is not None and link.expires_at > now


@dataclass(frozen=True)
class SchoolQuestion:
    pk: int
    position: int
    text: str
    answer: str
    answered_at: datetime | None


@dataclass(frozen=True)
class SchoolDocument:
    pk: int
    title: str
    filename: str
    content_type: str
    size: int
    received_on: date
    from_school: bool  # the school sent it for this request


@dataclass(frozen=True)
class ReporterIdentity:
    role_label: str
    name: str
    email: str
    phone: str


@dataclass(frozen=True)
class MoreTime:
    requested_at: datetime
    until: date | None
    reason: str
    decision: str
    decision_label: str
    decided_at: datetime | None


@dataclass(frozen=True)
class SchoolRequestView:
    """Exactly what the school sees of one information request."""

    request_id: int
    case_id: int
    case_reference: str
    school_name: str
    board_name: str
    status: str
    status_label: str
    sent_at: datetime | None
    due_on: date | None
    overdue: bool
    answered_at: datetime | None
    withdrawn: bool
    summary: str
    questions: list[SchoolQuestion]
    documents_from_school: list[SchoolDocument]
    documents_shared: list[SchoolDocument]
    reporter_identity: ReporterIdentity | None
    more_time: MoreTime | None
    preview: bool = False

    @property
    def may_respond(self) -> bool:
        """The school may still answer, add documents and ask for more time."""
        return self.status == RequestStatus.SENT and not self.preview

    @property
    def all_answered(self) -> bool:
        return all(question.answer for question in self.questions)


def _document(evidence: Evidence, *, request_id: int) -> SchoolDocument:
    return SchoolDocument(
        pk=evidence.pk,
        title=evidence.title,
        filename=evidence.filename,
        content_type=evidence.content_type,
        size=evidence.size,
        received_on=evidence.received_on,
        from_school=evidence.information_request_id == request_id and evidence.source == EvidenceSource.SCHOOL,
    )


def _more_time(request: InformationRequest) -> MoreTime | None:
    if request.more_time_requested_at is None:
        return None
    decision = request.more_time_decision or "pending"
    labels = {choice.value: str(choice.label) for choice in MoreTimeDecision}
    return MoreTime(
        requested_at=request.more_time_requested_at,
        until=request.more_time_until,
        reason=request.more_time_reason,
        decision=decision,
        decision_label=labels.get(decision, ""),
        decided_at=request.more_time_decided_at,
    )


def _school_view(request: InformationRequest, *, preview: bool, now: datetime) -> SchoolRequestView | None:
    """The school's view, from the items the board may see; None when it may see nothing of this request."""
    case = request.case
    status = RequestStatus(request.status)
    visible = case_items_visible(
        case=case, role=PartyRole.SCHOOL_BOARD, preview_request_id=request.pk if preview else None
    )
    withdrawn = status == RequestStatus.WITHDRAWN and not preview
    summary_item = next((i for i in visible if i.kind is ItemKind.SHARED_SUMMARY and i.request_id == request.pk), None)
    if summary_item is None and not withdrawn:
        return None
    redactions = school_redactions(case)
    answers = {i.key for i in visible if i.kind is ItemKind.ANSWER and i.request_id == request.pk}
    questions = []
    for item in visible:
        if item.kind is ItemKind.QUESTION and item.request_id == request.pk:
            question = item.source
            assert isinstance(question, RequestQuestion)
            shown = f"answer:{question.pk}" in answers
            questions.append(
                SchoolQuestion(
                    pk=question.pk,
                    position=question.position,
                    text=redact(question.text, redactions),
                    answer=question.answer if shown else "",
                    answered_at=question.answered_at if shown else None,
                )
            )
    documents = [
        _document(item.source, request_id=request.pk)
        for item in visible
        if item.kind is ItemKind.DOCUMENT and isinstance(item.source, Evidence)
    ]
    identity = None
    if any(item.kind is ItemKind.REPORTER_IDENTITY for item in visible) and not withdrawn:
        party = reporter_party(case)
        identity = ReporterIdentity(
            role_label=str(case.get_reporter_role_display()),
            name=party.name if party else "",
            email=(party.email if party else None) or case.contact_email or "",
            phone=(party.phone if party else None) or case.contact_phone or "",
        )
    school = case.school
    return SchoolRequestView(
        request_id=request.pk,
        case_id=case.pk,
        case_reference=case.reference,
        school_name=school.name if school else "",
        board_name=str(school.board) if school else "",
        status=status.value,
        status_label=str(status.label),
        sent_at=request.sent_at,
        due_on=request.due_on,
        overdue=request_overdue(status=status, due_on=request.due_on, today=local_date(now)),
        answered_at=request.answered_at,
        withdrawn=withdrawn,
        summary="" if withdrawn else redact(request.shared_summary, redactions),
        questions=[] if withdrawn else questions,
        documents_from_school=[] if withdrawn else [d for d in documents if d.from_school],
        documents_shared=[] if withdrawn else [d for d in documents if not d.from_school],
        reporter_identity=identity,
        more_time=None if withdrawn else _more_time(request),
        preview=preview,
    )


def _request_for_school(request_id: int) -> InformationRequest | None:
    # select_related: the view names the school and its board; the parties feed the redaction and the access.
    return (
        InformationRequest.objects.select_related("case__school__board")
        .prefetch_related("case__parties")
        .filter(pk=request_id)
        .first()
    )


def school_request_view(*, request_id: int, visitor: SchoolVisitor, now: datetime | None = None) -> SchoolRequestView:
    """One sent request as the school sees it; NotFound for anything the visitor may not open. Audited as a read."""
    now = now or timezone.now()
    request = _request_for_school(request_id)
    if (
        request is None
        or request.status not in SCHOOL_LISTED_STATUSES
        or not school_visitor_may_open(visitor=visitor, request=request, now=now)
    ):
        raise NotFound(_("Dit verzoek bestaat niet, of u kunt het niet openen."))
    view = _school_view(request, preview=False, now=now)
    if view is None:
        raise NotFound(_("Dit verzoek bestaat niet, of u kunt het niet openen."))
    audit_read(
        actor=visitor.actor,
        obj=request.case,
        details={"view": SCHOOL_READ_VIEW, "information_request": request.pk},
    )
    return view


def school_request_preview(
    *, request: InformationRequest, user: User, now: datetime | None = None
) -> SchoolRequestView:
    """The handler's preview: the very view the school gets once the request is sent. Audited as the handler's read."""
    case_content_check(case=request.case, user=user)
    request = _request_for_school(request.pk) or request
    view = _school_view(request, preview=True, now=now or timezone.now())
    if view is None:
        raise NotFound(_("Het schoolbestuur mag nu niets zien van deze zaak. Pas dat aan bij de betrokkenen."))
    audit_read(
        actor=Actor.staff(user),
        obj=request.case,
        details={"view": "school_preview", "information_request": request.pk},
    )
    return view


@dataclass(frozen=True)
class SchoolRequestRow:
    pk: int
    case_reference: str
    school_name: str
    sent_at: datetime | None
    due_on: date | None
    status: str
    status_label: str
    overdue: bool
    more_time_pending: bool


def school_requests_list(*, visitor: SchoolVisitor, now: datetime | None = None) -> list[SchoolRequestRow]:
    """The sent requests to the visitor's board, newest first (never drafts); for a link, only its own request.

    Audited as one read of the list: it names cases, schools and dates, no content.
    """
    now = now or timezone.now()
    if visitor.user is not None:
        if not visitor.user.is_active or visitor.user.board_id is None:
            return []
        requests = InformationRequest.objects.filter(case__school__board_id=visitor.user.board_id)
    else:
        assert visitor.link is not None
        requests = InformationRequest.objects.filter(pk=visitor.link.request_id)
    # select_related: each row names the case and its school.
    requests = (
        requests.filter(status__in=SCHOOL_LISTED_STATUSES)
        .select_related("case__school__board")
        .order_by("-sent_at", "-pk")
    )
    today = local_date(now)
    rows = [
        SchoolRequestRow(
            pk=request.pk,
            case_reference=request.case.reference,
            school_name=request.case.school.name if request.case.school else "",
            sent_at=request.sent_at,
            due_on=request.due_on,
            status=request.status,
            status_label=str(RequestStatus(request.status).label),
            overdue=request_overdue(status=request.status, due_on=request.due_on, today=today),
            more_time_pending=request.more_time_decision == "pending",
        )
        for request in requests
        if school_visitor_may_open(visitor=visitor, request=request, now=now)
    ]
    audit_record(actor=visitor.actor, action="informationrequest.list_read", details={"count": len(rows)})
    return rows


def school_document_get(
    *, request_id: int, evidence_id: int, visitor: SchoolVisitor, now: datetime | None = None
) -> Evidence:
    """A document the school may open on this request: one it sent, or one the handler shared with the school.

    The caller opens it with `evidence_open`, which checks its hash and audits the read.
    """
    now = now or timezone.now()
    request = _request_for_school(request_id)
    if (
        request is None
        or request.status not in SCHOOL_VISIBLE_STATUSES
        or not school_visitor_may_open(visitor=visitor, request=request, now=now)
    ):
        raise NotFound(_("Dit stuk bestaat niet, of u kunt het niet openen."))
    visible = case_items_visible(case=request.case, role=PartyRole.SCHOOL_BOARD)
    for item in visible:
        if item.kind is ItemKind.DOCUMENT and item.key == f"evidence:{evidence_id}":
            assert isinstance(item.source, Evidence)
            return item.source
    raise NotFound(_("Dit stuk bestaat niet, of u kunt het niet openen."))


# The reporter's view: what the school was told about them, and when the school opened it.


@dataclass(frozen=True)
class ReporterQuestion:
    text: str
    answer: str


@dataclass(frozen=True)
class SchoolOpening:
    at: datetime
    who: str


@dataclass(frozen=True)
class ReporterRequestView:
    pk: int
    board_name: str
    sent_at: datetime | None
    status: str
    status_label: str
    due_on: date | None
    summary_as_school_sees_it: str
    questions: list[ReporterQuestion]
    openings: list[SchoolOpening]

    @property
    def first_opened_at(self) -> datetime | None:
        return self.openings[0].at if self.openings else None


@dataclass(frozen=True)
class ReporterDocument:
    title: str
    received_on: date


@dataclass(frozen=True)
class ReporterSharedView:
    identity_shared: bool
    requests: list[ReporterRequestView] = field(default_factory=list)
    documents: list[ReporterDocument] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not self.requests and not self.documents


def _school_openings(case: Case) -> dict[int, list[SchoolOpening]]:
    """Per request, when the school opened it, oldest first: straight from the audit log."""
    entries = audit_entries_for_object(obj=case).filter(actor_kind=ActorKind.SCHOOL, action="case.read")
    openings: dict[int, list[SchoolOpening]] = {}
    for entry in entries:
        request_id = entry.details.get("information_request") if entry.details.get("view") == SCHOOL_READ_VIEW else None
        if isinstance(request_id, int):
            openings.setdefault(request_id, []).append(SchoolOpening(at=entry.occurred_at, who=_opener(entry)))
    return openings


def _opener(entry: AuditEntry) -> str:
    if entry.actor is not None:
        return _("Contactpersoon van het schoolbestuur")
    return _("Contactpersoon van het schoolbestuur, met een eenmalige link")


def reporter_shared_view(*, case: Case, actor: Actor) -> ReporterSharedView:
    """What the school was told about the reporter, and when it opened it; audited as the reporter's read.

    The summaries are shown exactly as the school reads them (names replaced). Questions and answers
    appear when the handler shared them with the reporter; documents when shared with the reporter.
    """
    case = Case.objects.select_related("school__board").prefetch_related("parties").get(pk=case.pk)
    visible = case_items_visible(case=case, role=PartyRole.REPORTER)
    redactions = school_redactions(case)
    openings = _school_openings(case)
    board_name = str(case.school.board) if case.school else ""
    questions: dict[int, list[ReporterQuestion]] = {}
    answers = {item.key for item in visible if item.kind is ItemKind.ANSWER}
    for item in visible:
        if item.kind is ItemKind.QUESTION and item.request_id is not None:
            question = item.source
            assert isinstance(question, RequestQuestion)
            answer = question.answer if f"answer:{question.pk}" in answers else ""
            questions.setdefault(item.request_id, []).append(
                ReporterQuestion(text=redact(question.text, redactions), answer=answer)
            )
    requests = []
    for item in visible:
        if item.kind is ItemKind.SHARED_SUMMARY:
            request = item.source
            assert isinstance(request, InformationRequest)
            status = RequestStatus(request.status)
            requests.append(
                ReporterRequestView(
                    pk=request.pk,
                    board_name=board_name,
                    sent_at=request.sent_at,
                    status=status.value,
                    status_label=str(status.label),
                    due_on=request.due_on,
                    summary_as_school_sees_it=redact(request.shared_summary, redactions),
                    questions=questions.get(request.pk, []),
                    openings=openings.get(request.pk, []),
                )
            )
    documents = [
        ReporterDocument(title=item.source.title, received_on=item.source.received_on)
        for item in visible
        if item.kind is ItemKind.DOCUMENT and isinstance(item.source, Evidence)
    ]
    audit_read(actor=actor, obj=case, details={"view": "shared_with_school"})
    return ReporterSharedView(identity_shared=reporter_identity_shared(case), requests=requests, documents=documents)
