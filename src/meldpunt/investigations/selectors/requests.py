"""Reads for the handler: the investigation workspace of a case and one information request in full.

Only the case's handler reads these (`case_content_check`); every read is audited. The workspace's
timeline is read back from the audit log, so it shows every step exactly as it was recorded: who
sent, reminded, asked for more time, decided, answered, or opened the request in the school portal.
"""

from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import Q
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from meldpunt.accounts.models import User
from meldpunt.cases.deadlines import local_date
from meldpunt.cases.models import Case
from meldpunt.core.errors import NotFound
from meldpunt.investigations.constants import (
    ConsentSubject,
    EvidenceSource,
    MoreTimeDecision,
    PartyAccess,
    PartyRole,
    RequestStatus,
)
from meldpunt.investigations.models import Consent, Evidence, InformationRequest, Party, RequestQuestion
from meldpunt.investigations.selectors.shared import SCHOOL_READ_VIEW, request_overdue
from meldpunt.investigations.services.chronology import case_content_check
from meldpunt.investigations.services.parties import is_reporter_side
from meldpunt.investigations.services.requests import REQUEST_CASE_STATES
from meldpunt.privacy.actors import Actor, ActorKind
from meldpunt.privacy.models import AuditEntry
from meldpunt.privacy.services import audit_read

TIMELINE_SHOWN = 200


@dataclass(frozen=True)
class PartyRow:
    pk: int
    role: str
    role_label: str
    name: str
    organisation: str
    email: str
    phone: str
    access: str
    access_label: str
    identity_shared_with_school: bool
    reporter_side: bool


@dataclass(frozen=True)
class ConsentRow:
    pk: int
    subject: str
    subject_label: str
    how_given: str
    given_at: datetime
    withdrawn_at: datetime | None

    @property
    def active(self) -> bool:
        return self.withdrawn_at is None


@dataclass(frozen=True)
class RequestRow:
    pk: int
    status: str
    status_label: str
    created_at: datetime
    sent_at: datetime | None
    due_on: date | None
    answered_at: datetime | None
    overdue: bool
    more_time_pending: bool
    questions: int


@dataclass(frozen=True)
class TimelineEntry:
    at: datetime
    title: str
    by: str


@dataclass(frozen=True)
class Workspace:
    case: Case
    parties: list[PartyRow]
    consents: list[ConsentRow]
    requests: list[RequestRow]
    timeline: list[TimelineEntry]
    may_request: bool
    request_refusal: str

    @property
    def overdue_requests(self) -> int:
        return sum(1 for row in self.requests if row.overdue)


def _party_row(party: Party) -> PartyRow:
    return PartyRow(
        pk=party.pk,
        role=party.role,
        role_label=str(party.get_role_display()),
        name=party.name,
        organisation=party.organisation,
        email=party.email or "",
        phone=party.phone or "",
        access=party.access,
        access_label=str(PartyAccess(party.access).label),
        identity_shared_with_school=party.identity_shared_with_school,
        reporter_side=is_reporter_side(party.role),
    )


def _consent_row(consent: Consent) -> ConsentRow:
    return ConsentRow(
        pk=consent.pk,
        subject=consent.subject,
        subject_label=str(ConsentSubject(consent.subject).label),
        how_given=consent.how_given,
        given_at=consent.given_at,
        withdrawn_at=consent.withdrawn_at,
    )


def _request_row(request: InformationRequest, *, today: date, questions: int) -> RequestRow:
    return RequestRow(
        pk=request.pk,
        status=request.status,
        status_label=str(RequestStatus(request.status).label),
        created_at=request.created_at,
        sent_at=request.sent_at,
        due_on=request.due_on,
        answered_at=request.answered_at,
        overdue=request_overdue(status=request.status, due_on=request.due_on, today=today),
        more_time_pending=request.status == RequestStatus.SENT
        and request.more_time_decision == MoreTimeDecision.PENDING,
        questions=questions,
    )


def _day(value: object) -> str:
    try:
        return formats.date_format(date.fromisoformat(str(value)), "j F Y")
    except ValueError:
        return ""


def _entry_title(entry: AuditEntry) -> str | None:
    """What one audit entry means in the timeline; None for entries the timeline leaves out."""
    details = entry.details or {}
    action = entry.action
    if action == "case.read":
        return (
            _("Het schoolbestuur opende het verzoek in het schoolportaal")
            if details.get("view") == SCHOOL_READ_VIEW
            else None
        )
    if action == "party.added":
        role = details.get("role", "")
        label = str(PartyRole(role).label) if role in PartyRole.values else ""
        return _("Betrokkene toegevoegd: %(role)s") % {"role": label}
    if action in ("consent.recorded", "consent.withdrawn"):
        subject = details.get("subject", "")
        label = str(ConsentSubject(subject).label) if subject in ConsentSubject.values else ""
        if action == "consent.recorded":
            return _("Toestemming van de melder vastgelegd: %(subject)s") % {"subject": label}
        return _("Toestemming van de melder ingetrokken: %(subject)s") % {"subject": label}
    if action == "informationrequest.sent":
        return _("Verzoek om informatie verstuurd; antwoord uiterlijk %(date)s") % {"date": _day(details.get("due_on"))}
    if action == "informationrequest.more_time_asked":
        return _("Het schoolbestuur vroeg meer tijd, tot %(date)s") % {"date": _day(details.get("until"))}
    if action == "informationrequest.more_time_decided":
        if details.get("decision") == MoreTimeDecision.GRANTED:
            return _("Meer tijd toegestaan: antwoord nu uiterlijk %(date)s") % {"date": _day(details.get("due_on"))}
        return _("Meer tijd geweigerd: antwoord blijft uiterlijk %(date)s") % {"date": _day(details.get("due_on"))}
    titles = {
        "party.changed": _("Gegevens van een betrokkene aangepast"),
        "informationrequest.drafted": _("Concept van een verzoek om informatie gemaakt"),
        "informationrequest.draft_changed": _("Concept van een verzoek om informatie aangepast"),
        "informationrequest.link_issued": _("Eenmalige link gemaakt voor het schoolbestuur"),
        "informationrequest.link_redeemed": _("Het schoolbestuur opende de eenmalige link met de code"),
        "informationrequest.reminder_sent": _("Herinnering gestuurd aan het schoolbestuur"),
        "informationrequest.answers_saved": _("Het schoolbestuur sloeg antwoorden op"),
        "informationrequest.answered": _("Het schoolbestuur stuurde de antwoorden"),
        "informationrequest.withdrawn": _("Verzoek om informatie ingetrokken"),
        "informationrequest.non_response_recorded": _("Geen antwoord van het schoolbestuur vastgelegd als bevinding"),
        "informationrequest.shared_with_reporter": _("Vragen en antwoorden gedeeld met de melder"),
        "informationrequest.unshared_with_reporter": _("Vragen en antwoorden niet meer gedeeld met de melder"),
    }
    return titles.get(action)


def _by(entry: AuditEntry) -> str:
    if entry.actor_kind == ActorKind.SCHOOL:
        return _("Schoolbestuur")
    if entry.actor_kind == ActorKind.SYSTEM:
        return _("Het systeem")
    if entry.actor is not None:
        return entry.actor.get_full_name() or entry.actor.username
    return str(ActorKind(entry.actor_kind).label) if entry.actor_kind in ActorKind.values else ""


def _timeline(
    case: Case, *, request_ids: list[int], party_ids: list[int], consent_ids: list[int]
) -> list[TimelineEntry]:
    def objects(model: str, pks: list[int]) -> Q:
        return Q(object_app_label="investigations", object_model=model, object_pk__in=[str(pk) for pk in pks])

    wanted = (
        objects("informationrequest", request_ids)
        | objects("party", party_ids)
        | objects("consent", consent_ids)
        | Q(
            object_app_label="cases",
            object_model="case",
            object_pk=str(case.pk),
            actor_kind=ActorKind.SCHOOL,
            details__information_request__in=request_ids,
        )
    )
    # select_related: each entry names the staff member who acted.
    # Staff reads are left out up front, so they cannot crowd the events out of the shown window.
    entries = (
        AuditEntry.objects.filter(wanted)
        .exclude(~Q(actor_kind=ActorKind.SCHOOL), action__endswith=".read")
        .select_related("actor")
    )
    timeline = []
    for entry in entries.order_by("-sequence")[:TIMELINE_SHOWN]:
        title = _entry_title(entry)
        if title is not None:
            timeline.append(TimelineEntry(at=entry.occurred_at, title=title, by=_by(entry)))
    return timeline


def _request_refusal(case: Case) -> str:
    if case.status not in REQUEST_CASE_STATES:
        return _("Start eerst het onderzoek. Daarna kunt u het schoolbestuur om informatie vragen.")
    if case.school_id is None:
        return _("De melder heeft de school niet genoemd. U kunt daarom geen vragen sturen aan een schoolbestuur.")
    return ""


def workspace_get(*, case: Case, user: User, now: datetime | None = None) -> Workspace:
    """The investigation workspace of the case for its handler: parties, consents, requests, timeline. Audited."""
    case_content_check(case=case, user=user)
    now = now or timezone.now()
    audit_read(actor=Actor.staff(user), obj=case, details={"view": "investigation"})
    parties = list(Party.objects.filter(case=case))
    consents = list(Consent.objects.filter(case=case))
    # prefetch: the number of questions of each request without a query per request.
    requests = list(
        InformationRequest.objects.filter(case=case).prefetch_related("questions").order_by("-created_at", "-pk")
    )
    today = local_date(now)
    refusal = _request_refusal(case)
    return Workspace(
        case=case,
        parties=[_party_row(party) for party in parties],
        consents=[_consent_row(consent) for consent in consents],
        requests=[_request_row(r, today=today, questions=len(r.questions.all())) for r in requests],
        timeline=_timeline(
            case,
            request_ids=[r.pk for r in requests],
            party_ids=[p.pk for p in parties],
            consent_ids=[c.pk for c in consents],
        ),
        may_request=not refusal,
        request_refusal=refusal,
    )


def request_for_handler(*, case: Case, request_id: int, user: User) -> InformationRequest:
    """An information request of this case for its handler; NotFound when it is not one of the case's. Audited."""
    case_content_check(case=case, user=user)
    # select_related: the pages name the school; prefetch: the questions are always shown.
    request = (
        InformationRequest.objects.select_related("case__school__board", "summary_consent")
        .prefetch_related("questions")
        .filter(case=case, pk=request_id)
        .first()
    )
    if request is None:
        raise NotFound(_("Dit verzoek om informatie hoort niet bij deze zaak."))
    audit_read(actor=Actor.staff(user), obj=request, details={"case": case.pk})
    return request


def party_for_handler(*, case: Case, party_id: int, user: User) -> Party:
    """A party of this case with its contact details, for its handler. Audited."""
    case_content_check(case=case, user=user)
    party = Party.objects.filter(case=case, pk=party_id).first()
    if party is None:
        raise NotFound(_("Deze betrokkene hoort niet bij deze zaak."))
    audit_read(actor=Actor.staff(user), obj=party, details={"case": case.pk})
    return party


def consent_for_handler(*, case: Case, consent_id: int, user: User) -> Consent:
    case_content_check(case=case, user=user)
    consent = Consent.objects.filter(case=case, pk=consent_id).first()
    if consent is None:
        raise NotFound(_("Deze toestemming hoort niet bij deze zaak."))
    return consent


def consents_active(*, case: Case, subject: ConsentSubject) -> list[Consent]:
    """The consents of this subject the reporter has not withdrawn, newest first: the choices in a form."""
    return list(
        Consent.objects.filter(case=case, subject=subject, withdrawn_at__isnull=True).order_by("-given_at", "-pk")
    )


@dataclass(frozen=True)
class QuestionDetail:
    position: int
    text: str
    answer: str
    answered_at: datetime | None


@dataclass(frozen=True)
class DocumentRow:
    pk: int
    title: str
    filename: str
    size: int
    received_on: date
    integrity_failed: bool


@dataclass(frozen=True)
class RequestDetail:
    request: InformationRequest
    status_label: str
    questions: list[QuestionDetail]
    documents: list[DocumentRow]
    overdue: bool
    more_time_pending: bool
    more_time_decision_label: str
    consent: ConsentRow | None
    links_issued: int
    link_used_at: datetime | None
    timeline: list[TimelineEntry]

    @property
    def may_withdraw(self) -> bool:
        return self.request.status in (RequestStatus.DRAFT, RequestStatus.SENT)

    @property
    def may_edit(self) -> bool:
        return self.request.status == RequestStatus.DRAFT

    @property
    def may_reissue_link(self) -> bool:
        return self.request.status == RequestStatus.SENT and bool(self.request.contact_email)


def request_detail_get(*, case: Case, request_id: int, user: User, now: datetime | None = None) -> RequestDetail:
    """One request in full for the handler: questions with the school's answers, documents, more time. Audited."""
    request = request_for_handler(case=case, request_id=request_id, user=user)
    now = now or timezone.now()
    questions: list[RequestQuestion] = list(request.questions.all())
    documents = Evidence.objects.filter(information_request=request, source=EvidenceSource.SCHOOL).defer("data")
    links = list(request.access_links.order_by("created_at"))
    decision = request.more_time_decision
    return RequestDetail(
        request=request,
        status_label=str(RequestStatus(request.status).label),
        questions=[QuestionDetail(q.position, q.text, q.answer, q.answered_at) for q in questions],
        documents=[
            DocumentRow(d.pk, d.title, d.filename, d.size, d.received_on, d.integrity_failed_at is not None)
            for d in documents
        ],
        overdue=request_overdue(status=request.status, due_on=request.due_on, today=local_date(now)),
        more_time_pending=request.status == RequestStatus.SENT and decision == MoreTimeDecision.PENDING,
        more_time_decision_label=str(MoreTimeDecision(decision).label) if decision in MoreTimeDecision.values else "",
        consent=_consent_row(request.summary_consent) if request.summary_consent else None,
        links_issued=len(links),
        link_used_at=max((link.used_at for link in links if link.used_at), default=None),
        timeline=_timeline(case, request_ids=[request.pk], party_ids=[], consent_ids=[]),
    )
