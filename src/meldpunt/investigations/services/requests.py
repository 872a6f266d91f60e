"""Information requests to the school board (issue 5, part 2): compose, send, answer, more time, non-response.

The handler writes questions and a summary the reporter agreed to share (a recorded consent is
required), previews exactly what the school will see, and sends. The board's school contacts get an
email without content; a board without an account (or when the handler asks for it) gets a
single-use link by email plus a separate code that the handler passes on by phone. The school answers
each question, adds documents and may ask for more time, which the handler grants or refuses. After
the due date without an answer the request is overdue, and the handler may record the silence as a
finding. Every step is audited; every email is sent after the transaction commits.
"""

import hashlib
import secrets
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from meldpunt.accounts.constants import Role
from meldpunt.accounts.models import User
from meldpunt.accounts.permissions import Action, role_may
from meldpunt.cases.constants import Status
from meldpunt.cases.deadlines import add_working_days, is_working_day, local_date
from meldpunt.cases.models import Case
from meldpunt.core.errors import NotFound
from meldpunt.intake.attachments import CheckedAttachment
from meldpunt.intake.codes import ALPHABET, GROUP_SIZE, access_code_hash
from meldpunt.investigations.constants import (
    ConsentSubject,
    EvidenceSource,
    MoreTimeDecision,
    PartyAccess,
    PartyRole,
    RequestStatus,
)
from meldpunt.investigations.models import Consent, Evidence, InformationRequest, RequestQuestion, SchoolAccessLink
from meldpunt.investigations.notifications import SchoolNotice
from meldpunt.investigations.selectors.shared import (
    SchoolVisitor,
    party_access,
    request_overdue,
    school_visitor_may_open,
)
from meldpunt.investigations.services.chronology import InvestigationError, case_work_check, text_clean
from meldpunt.investigations.services.evidence import evidence_register
from meldpunt.investigations.services.parties import consent_active, consent_record, parties_ensure
from meldpunt.investigations.tasks import handler_notify, school_link_send, school_notify
from meldpunt.portal.tasks import reporter_news_announce
from meldpunt.privacy.actors import Actor
from meldpunt.privacy.services import audit_record

SUMMARY_MAX_CHARS = 10_000
QUESTION_MAX_CHARS = 2_000
ANSWER_MAX_CHARS = 10_000
REASON_MAX_CHARS = 2_000
FINDING_MAX_CHARS = 10_000
QUESTIONS_MAX = 10
DOCUMENTS_PER_REQUEST_MAX = 20
DEFAULT_DUE_WORKING_DAYS = 10
MORE_TIME_MAX_WORKING_DAYS = 20
LINK_VALID_DAYS = 14
LINK_CODE_SYMBOLS = 8  # two groups of four: short enough to read out by phone; the link token is the other half
LINK_CODE_MAX_FAILURES = 5
# Fact-finding runs once the case is taken on and until it is closed.
REQUEST_CASE_STATES = frozenset({Status.INVESTIGATION, Status.INTERVENTION, Status.FOLLOW_UP, Status.REOPENED})


def default_due_on(*, today: date) -> date:
    """The default answer date: ten working days from today (weekends and public holidays skipped)."""
    return add_working_days(today, DEFAULT_DUE_WORKING_DAYS)


def _case_check(case: Case, user: User) -> None:
    case_work_check(case=case, user=user)
    if case.status not in REQUEST_CASE_STATES:
        raise InvestigationError(_("Start eerst het onderzoek. Daarna kunt u het schoolbestuur om informatie vragen."))
    if case.school_id is None:
        raise InvestigationError(
            _("De melder heeft de school niet genoemd. U kunt daarom geen vragen sturen aan een schoolbestuur.")
        )


def _due_check(due_on: date, *, today: date, field: str = "due_on") -> None:
    if due_on <= today:
        raise InvestigationError(_("Kies een datum na vandaag."), field=field)
    if not is_working_day(due_on):
        raise InvestigationError(
            _("Kies een werkdag: geen zaterdag, zondag of feestdag. De eerstvolgende werkdag is %(day)s.")
            % {"day": add_working_days(due_on, 1).strftime("%d-%m-%Y")},
            field=field,
        )


def _email_clean(value: str | None, *, field: str) -> str:
    email = (value or "").strip()
    if email:
        try:
            validate_email(email)
        except ValidationError as invalid:
            raise InvestigationError(
                _("Vul een geldig e-mailadres in, zoals naam@voorbeeld.nl."), field=field
            ) from invalid
    return email


def _questions_clean(questions: Sequence[str]) -> list[str]:
    texts = [
        text_clean(question, field=f"question_{index}", max_chars=QUESTION_MAX_CHARS)
        for index, question in enumerate(questions, start=1)
    ]
    kept = [text for text in texts if text]
    if not kept:
        raise InvestigationError(_("Stel ten minste één vraag aan het schoolbestuur."), field="question_1")
    if len(kept) > QUESTIONS_MAX:
        raise InvestigationError(_("Stel hoogstens %(max)d vragen in één verzoek.") % {"max": QUESTIONS_MAX})
    return kept


def school_contacts(*, case: Case) -> list[User]:
    """The active school-contact accounts of the case's board: they get the emails about its requests."""
    board_id = case.school_board_id
    if board_id is None:
        return []
    return list(User.objects.filter(role=Role.SCHOOL_CONTACT, board_id=board_id, is_active=True).order_by("pk"))


@dataclass(frozen=True)
class RequestDraft:
    """What the handler writes in a request."""

    summary: str
    questions: Sequence[str]
    due_on: date
    contact_email: str = ""


@transaction.atomic
def information_request_draft_save(
    *,
    case: Case,
    user: User,
    draft: RequestDraft,
    consent: Consent | None = None,
    new_consent_how: str = "",
    new_consent_given_on: date | None = None,
    request: InformationRequest | None = None,
    now: datetime | None = None,
) -> InformationRequest:
    """Save a new or changed draft. The reporter's consent to share the summary is required: an existing
    one, or one recorded here (`new_consent_how`). The reporter and the board become parties if not yet."""
    _case_check(case, user)
    now = now or timezone.now()
    if request is not None and (request.case_id != case.pk or request.status != RequestStatus.DRAFT):
        raise InvestigationError(
            _("Alleen een concept kunt u nog aanpassen. Dit verzoek is al verstuurd of ingetrokken.")
        )
    summary = text_clean(
        draft.summary,
        field="summary",
        max_chars=SUMMARY_MAX_CHARS,
        required_message=_("Schrijf de samenvatting die de school mag lezen."),
    )
    questions = _questions_clean(draft.questions)
    _due_check(draft.due_on, today=local_date(now))
    contact_email = _email_clean(draft.contact_email, field="contact_email")
    if consent is not None:
        if not consent_active(case=case, consent=consent, subject=ConsentSubject.SUMMARY_WITH_SCHOOL):
            raise InvestigationError(
                _(
                    "Deze toestemming geldt niet (meer) voor het delen van een samenvatting. "
                    "Kies een andere of leg een nieuwe vast."
                ),
                field="consent",
            )
    elif new_consent_how.strip():
        consent = consent_record(
            case=case,
            user=user,
            subject=ConsentSubject.SUMMARY_WITH_SCHOOL,
            how_given=new_consent_how,
            given_on=new_consent_given_on,
            now=now,
        )
    else:
        raise InvestigationError(
            _(
                "De melder moet toestemming geven om deze samenvatting met de school te delen. "
                "Kies die toestemming, of schrijf op hoe de melder haar gaf."
            ),
            field="consent",
        )
    parties_ensure(case=case, user=user, now=now)
    if request is None:
        request = InformationRequest.objects.create(
            case=case,
            shared_summary=summary,
            summary_consent=consent,
            contact_email=contact_email or None,
            due_on=draft.due_on,
            created_at=now,
            created_by=user,
        )
        action = "informationrequest.drafted"
    else:
        request.shared_summary = summary
        request.summary_consent = consent
        request.contact_email = contact_email or None
        request.due_on = draft.due_on
        request.save(update_fields=["shared_summary", "summary_consent", "contact_email", "due_on"])
        request.questions.all().delete()
        action = "informationrequest.draft_changed"
    RequestQuestion.objects.bulk_create(
        RequestQuestion(request=request, position=position, text=text)
        for position, text in enumerate(questions, start=1)
    )
    audit_record(
        actor=Actor.staff(user),
        action=action,
        obj=request,
        details={"case": case.pk, "questions": len(questions), "consent": consent.pk, "due_on": draft.due_on},
    )
    return request


def _request_locked(request: InformationRequest) -> InformationRequest:
    # Locked, so two clicks on "send" (or a decision during a school's answer) cannot both pass the status check.
    return (
        InformationRequest.objects.select_for_update(of=("self",))
        .select_related("case__school__board")
        .get(pk=request.pk)
    )


def _secret_hash(secret: str) -> str:
    # Tokens are 256 random bits: a plain SHA-256 is enough (the short code gets Argon2id).
    return hashlib.sha256(secret.encode()).hexdigest()


def _link_code_new() -> str:
    symbols = "".join(secrets.choice(ALPHABET) for _ in range(LINK_CODE_SYMBOLS))
    return "-".join(symbols[i : i + GROUP_SIZE] for i in range(0, len(symbols), GROUP_SIZE))


def _link_issue(request: InformationRequest, *, actor: Actor, now: datetime) -> str:
    """A new single-use link for the request (earlier unused links stop working); returns the code, once.

    The link's token is made by the task that emails it, so it exists only in that email; until then
    the stored hash belongs to a token nobody has.
    """
    if not request.contact_email:
        raise InvestigationError(
            _(
                "Vul bij het verzoek het e-mailadres van de contactpersoon van het schoolbestuur in. "
                "Daar gaat de eenmalige link naartoe."
            ),
            field="contact_email",
        )
    request.access_links.filter(used_at__isnull=True, expires_at__gt=now).update(expires_at=now)
    code = _link_code_new()
    link = SchoolAccessLink.objects.create(
        request=request,
        token_hash=_secret_hash(secrets.token_urlsafe(32)),
        code_hash=access_code_hash(code),
        created_at=now,
        expires_at=now + timedelta(days=LINK_VALID_DAYS),
    )
    audit_record(actor=actor, action="informationrequest.link_issued", obj=request, details={"link": link.pk})
    link_id = link.pk
    transaction.on_commit(lambda: school_link_send.enqueue(link_id=link_id))
    return code


def school_access_link_token_mint(*, link_id: int, now: datetime | None = None) -> str | None:
    """A fresh token for an unused, unexpired link; None when it is gone. Called just before the email goes out."""
    now = now or timezone.now()
    token = secrets.token_urlsafe(32)
    updated = SchoolAccessLink.objects.filter(pk=link_id, used_at__isnull=True, expires_at__gt=now).update(
        token_hash=_secret_hash(token)
    )
    return token if updated else None


def school_access_link_hash(token: str) -> str:
    return _secret_hash(token)


@dataclass(frozen=True)
class RequestSent:
    request: InformationRequest
    access_code: str | None  # the code of the single-use link, to give by phone; shown once, stored only hashed


@transaction.atomic
def information_request_send(
    *, request: InformationRequest, user: User, single_use_link: bool = False, now: datetime | None = None
) -> RequestSent:
    """Send a draft: the school contacts get an email without content; a single-use link goes out when the
    board has no active school-contact account or the handler asks for one."""
    now = now or timezone.now()
    request = _request_locked(request)
    case = request.case
    _case_check(case, user)
    if request.status != RequestStatus.DRAFT:
        raise InvestigationError(_("Dit verzoek is al verstuurd of ingetrokken."))
    if not consent_active(case=case, consent=request.summary_consent, subject=ConsentSubject.SUMMARY_WITH_SCHOOL):
        raise InvestigationError(
            _("De toestemming van de melder om de samenvatting te delen is ingetrokken. Pas het verzoek aan.")
        )
    if request.due_on is None:
        raise InvestigationError(_("Kies een datum waarop het antwoord er uiterlijk moet zijn."), field="due_on")
    try:
        _due_check(request.due_on, today=local_date(now))
    except InvestigationError as refusal:
        raise InvestigationError(
            _("De datum voor het antwoord ligt niet meer op een werkdag na vandaag. Pas het verzoek aan.")
        ) from refusal
    if party_access(case, PartyRole.SCHOOL_BOARD) != PartyAccess.SHARED:
        raise InvestigationError(
            _("Het schoolbestuur mag nu niets zien van deze zaak. Pas dat eerst aan bij de betrokkenen.")
        )
    contacts = school_contacts(case=case)
    with_link = single_use_link or not contacts
    request.status = RequestStatus.SENT
    request.sent_at = now
    request.save(update_fields=["status", "sent_at"])
    actor = Actor.staff(user)
    code = _link_issue(request, actor=actor, now=now) if with_link else None
    audit_record(
        actor=actor,
        action="informationrequest.sent",
        obj=request,
        details={
            "case": case.pk,
            "school_contacts": len(contacts),
            "single_use_link": with_link,
            "due_on": request.due_on,
        },
    )
    if contacts:
        request_id = request.pk
        transaction.on_commit(lambda: school_notify.enqueue(request_id=request_id, notice=SchoolNotice.NEW_REQUEST))
    return RequestSent(request=request, access_code=code)


@transaction.atomic
def school_access_link_reissue(*, request: InformationRequest, user: User, now: datetime | None = None) -> str:
    """A new single-use link and code for a sent request (the old code was lost, or the link used up)."""
    now = now or timezone.now()
    request = _request_locked(request)
    case_work_check(case=request.case, user=user)
    if request.status != RequestStatus.SENT:
        raise InvestigationError(_("Een nieuwe link kan alleen voor een verstuurd verzoek dat nog open staat."))
    return _link_issue(request, actor=Actor.staff(user), now=now)


def _school_news(request: InformationRequest) -> None:
    request_id = request.pk
    transaction.on_commit(lambda: school_notify.enqueue(request_id=request_id, notice=SchoolNotice.NEWS))


@transaction.atomic
def information_request_withdraw(
    *, request: InformationRequest, user: User, now: datetime | None = None
) -> InformationRequest:
    """Withdraw a draft or an open request; its links stop working and the school no longer sees its content."""
    now = now or timezone.now()
    request = _request_locked(request)
    case_work_check(case=request.case, user=user)
    if request.status not in (RequestStatus.DRAFT, RequestStatus.SENT):
        raise InvestigationError(_("Alleen een concept of een open verzoek kunt u intrekken."))
    was_sent = request.status == RequestStatus.SENT
    request.status = RequestStatus.WITHDRAWN
    request.save(update_fields=["status"])
    request.access_links.filter(expires_at__gt=now).update(expires_at=now)
    audit_record(
        actor=Actor.staff(user), action="informationrequest.withdrawn", obj=request, details={"case": request.case_id}
    )
    if was_sent:
        _school_news(request)
    return request


@transaction.atomic
def information_request_more_time_decide(
    *,
    request: InformationRequest,
    user: User,
    grant: bool,
    new_due_on: date | None = None,
    now: datetime | None = None,
) -> InformationRequest:
    """Grant (with the date asked for, or another later working day) or refuse the school's request for more time."""
    now = now or timezone.now()
    request = _request_locked(request)
    case_work_check(case=request.case, user=user)
    if request.status != RequestStatus.SENT or request.more_time_decision != MoreTimeDecision.PENDING:
        raise InvestigationError(_("Er is geen vraag om meer tijd waarover u nog moet beslissen."))
    previous_due = request.due_on
    if grant:
        due = new_due_on or request.more_time_until
        if due is None:
            raise InvestigationError(_("Kies de nieuwe datum voor het antwoord."), field="new_due_on")
        _due_check(due, today=local_date(now), field="new_due_on")
        if previous_due is not None and due <= previous_due:
            raise InvestigationError(
                _("Kies een datum na de huidige datum voor het antwoord (%(date)s).")
                % {"date": previous_due.strftime("%d-%m-%Y")},
                field="new_due_on",
            )
        request.due_on = due
        request.reminder_sent_at = None  # a new reminder before the new date
    request.more_time_decision = MoreTimeDecision.GRANTED if grant else MoreTimeDecision.REFUSED
    request.more_time_decided_at = now
    request.more_time_decided_by = user
    request.save(
        update_fields=[
            "due_on",
            "reminder_sent_at",
            "more_time_decision",
            "more_time_decided_at",
            "more_time_decided_by",
        ]
    )
    audit_record(
        actor=Actor.staff(user),
        action="informationrequest.more_time_decided",
        obj=request,
        details={
            "case": request.case_id,
            "decision": request.more_time_decision,
            "asked_until": request.more_time_until,
            "previous_due_on": previous_due,
            "due_on": request.due_on,
        },
    )
    _school_news(request)
    return request


@transaction.atomic
def information_request_non_response_record(
    *, request: InformationRequest, user: User, finding: str, now: datetime | None = None
) -> InformationRequest:
    """After the due date without an answer, the handler records the silence as a finding; the request closes."""
    now = now or timezone.now()
    request = _request_locked(request)
    case_work_check(case=request.case, user=user)
    if not request_overdue(status=request.status, due_on=request.due_on, today=local_date(now)):
        raise InvestigationError(
            _("Dit kan pas als de datum voor het antwoord voorbij is en het schoolbestuur niet heeft geantwoord.")
        )
    text = text_clean(
        finding,
        field="finding",
        max_chars=FINDING_MAX_CHARS,
        required_message=_(
            "Beschrijf wat u vaststelt, bijvoorbeeld dat het schoolbestuur niet antwoordde na een herinnering."
        ),
    )
    request.non_response_finding = text
    request.status = RequestStatus.NOT_ANSWERED
    request.save(update_fields=["non_response_finding", "status"])
    request.access_links.filter(expires_at__gt=now).update(expires_at=now)
    audit_record(
        actor=Actor.staff(user),
        action="informationrequest.non_response_recorded",
        obj=request,
        details={"case": request.case_id},
    )
    _school_news(request)
    return request


@transaction.atomic
def information_request_share_with_reporter(
    *, request: InformationRequest, user: User, shared: bool
) -> InformationRequest:
    """Share the questions and the school's answers with the reporter (hearing both sides), or stop sharing them."""
    request = _request_locked(request)
    case_work_check(case=request.case, user=user)
    if request.sent_at is None:
        raise InvestigationError(_("Verstuur het verzoek eerst. Een concept deelt u niet met de melder."))
    if request.shared_with_reporter == shared:
        return request
    request.shared_with_reporter = shared
    request.save(update_fields=["shared_with_reporter"])
    audit_record(
        actor=Actor.staff(user),
        action="informationrequest.shared_with_reporter" if shared else "informationrequest.unshared_with_reporter",
        obj=request,
        details={"case": request.case_id},
    )
    if shared:
        reporter_news_announce(case=request.case)
    return request


@transaction.atomic
def information_request_reminder_mark(*, request_id: int, now: datetime) -> bool:
    """Note that the school was reminded of this request's due date; False when it already was (or it closed)."""
    updated = InformationRequest.objects.filter(
        pk=request_id, status=RequestStatus.SENT, reminder_sent_at__isnull=True
    ).update(reminder_sent_at=now)
    if not updated:
        return False
    request = InformationRequest.objects.get(pk=request_id)
    audit_record(
        actor=Actor.system("information_requests_remind"),
        action="informationrequest.reminder_sent",
        obj=request,
        details={"case": request.case_id, "due_on": request.due_on},
    )
    return True


# The school's side.


def _school_request_locked(*, request_id: int, visitor: SchoolVisitor, now: datetime) -> InformationRequest:
    """The request to write on, locked; NotFound unless the visitor may open it; refused unless it is still open."""
    request = (
        InformationRequest.objects.select_for_update(of=("self",))
        .select_related("case__school__board")
        .filter(pk=request_id)
        .first()
    )
    if request is None or not school_visitor_may_open(visitor=visitor, request=request, now=now):
        raise NotFound(_("Dit verzoek bestaat niet, of u kunt het niet openen."))
    if visitor.user is not None and not role_may(visitor.user, Action.SCHOOL_RESPOND, request.case):
        raise NotFound(_("Dit verzoek bestaat niet, of u kunt het niet openen."))
    if request.status != RequestStatus.SENT:
        raise InvestigationError(_("Dit verzoek is gesloten. U kunt er niets meer aan veranderen."))
    return request


def _handler_news(request: InformationRequest) -> None:
    request_id = request.pk
    transaction.on_commit(lambda: handler_notify.enqueue(request_id=request_id))


@transaction.atomic
def information_request_answers_save(
    *,
    request_id: int,
    visitor: SchoolVisitor,
    answers: Mapping[int, str],
    submit: bool,
    now: datetime | None = None,
) -> InformationRequest:
    """Save the school's answers (by question id); `submit` sends them all to the meldpunt, which needs an
    answer to every question. The handler gets an email without content."""
    now = now or timezone.now()
    request = _school_request_locked(request_id=request_id, visitor=visitor, now=now)
    questions = {question.pk: question for question in request.questions.all()}
    unknown = set(answers) - set(questions)
    if unknown:
        raise InvestigationError(_("Deze vraag hoort niet bij dit verzoek."))
    changed = 0
    for question_id, typed in answers.items():
        question = questions[question_id]
        text = text_clean(typed, field=f"answer_{question_id}", max_chars=ANSWER_MAX_CHARS)
        if text == question.answer:
            continue
        question.answer = text
        question.answered_at = now if text else None
        question.answered_by = visitor.user if text else None
        question.save(update_fields=["answer", "answered_at", "answered_by"])
        changed += 1
    if submit:
        missing = [question for question in questions.values() if not question.answer]
        if missing:
            raise InvestigationError(
                _("Beantwoord eerst alle vragen. Vraag %(number)d heeft nog geen antwoord.")
                % {"number": missing[0].position},
                field=f"answer_{missing[0].pk}",
            )
        request.status = RequestStatus.ANSWERED
        request.answered_at = now
        request.save(update_fields=["status", "answered_at"])
        # A link visitor may read back what was sent for a little while, then the link is spent.
        closing = now + timedelta(hours=1)
        request.access_links.filter(expires_at__gt=closing).update(expires_at=closing)
    audit_record(
        actor=visitor.actor,
        action="informationrequest.answered" if submit else "informationrequest.answers_saved",
        obj=request,
        details={"case": request.case_id, "changed": changed},
    )
    if submit:
        _handler_news(request)
    return request


@transaction.atomic
def information_request_more_time_ask(
    *,
    request_id: int,
    visitor: SchoolVisitor,
    until: date,
    reason: str,
    now: datetime | None = None,
) -> InformationRequest:
    """The school asks to answer later, until a working day it names, and says why; the handler decides."""
    now = now or timezone.now()
    request = _school_request_locked(request_id=request_id, visitor=visitor, now=now)
    if request.more_time_decision == MoreTimeDecision.PENDING:
        raise InvestigationError(_("U heeft al om meer tijd gevraagd. De behandelaar beslist daar nog over."))
    today = local_date(now)
    _due_check(until, today=today, field="until")
    due = request.due_on or today
    if until <= due:
        raise InvestigationError(
            _("Kies een datum na de huidige datum voor het antwoord (%(date)s).") % {"date": due.strftime("%d-%m-%Y")},
            field="until",
        )
    latest = add_working_days(due, MORE_TIME_MAX_WORKING_DAYS)
    if until > latest:
        raise InvestigationError(
            _("U kunt hoogstens %(days)d werkdagen extra vragen: tot en met %(date)s.")
            % {"days": MORE_TIME_MAX_WORKING_DAYS, "date": latest.strftime("%d-%m-%Y")},
            field="until",
        )
    request.more_time_reason = text_clean(
        reason,
        field="reason",
        max_chars=REASON_MAX_CHARS,
        required_message=_("Schrijf waarom u meer tijd nodig heeft."),
    )
    request.more_time_requested_at = now
    request.more_time_until = until
    request.more_time_decision = MoreTimeDecision.PENDING
    request.more_time_decided_at = None
    request.more_time_decided_by = None
    request.save(
        update_fields=[
            "more_time_reason",
            "more_time_requested_at",
            "more_time_until",
            "more_time_decision",
            "more_time_decided_at",
            "more_time_decided_by",
        ]
    )
    audit_record(
        actor=visitor.actor,
        action="informationrequest.more_time_asked",
        obj=request,
        details={"case": request.case_id, "until": until, "due_on": request.due_on},
    )
    _handler_news(request)
    return request


@transaction.atomic
def information_request_document_add(
    *,
    request_id: int,
    visitor: SchoolVisitor,
    title: str,
    attachment: CheckedAttachment,
    now: datetime | None = None,
) -> Evidence:
    """A document from the school for this request: into the evidence register, as received from the school today."""
    now = now or timezone.now()
    request = _school_request_locked(request_id=request_id, visitor=visitor, now=now)
    if (
        Evidence.objects.filter(information_request=request, source=EvidenceSource.SCHOOL).count()
        >= DOCUMENTS_PER_REQUEST_MAX
    ):
        raise InvestigationError(
            _("U kunt hoogstens %(max)d documenten bij één verzoek sturen.") % {"max": DOCUMENTS_PER_REQUEST_MAX},
            field="file",
        )
    # Counted up front, so the register's own check on the date sees the same day as this service.
    received_on = local_date(now)
    return evidence_register(
        case=request.case,
        title=title,
        attachment=attachment,
        source=EvidenceSource.SCHOOL,
        received_on=received_on,
        actor=visitor.actor,
        user=visitor.user,
        information_request=request,
        shared_with_school=True,
        shared_with_reporter=False,
    )
