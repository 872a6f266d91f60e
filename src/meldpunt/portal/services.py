"""Writes of the reporter portal: signing in without an account, the reporter's own messages and files,
support persons, and the short-lived tokens of the reporter API.

Every secret a visitor holds (access codes, sign-in link tokens, API tokens) is stored only as a hash.
A failed sign-in gives one answer whether or not the reference exists, costs the same work either way,
and is counted per reference (real or made up alike) and per client (CONTRACT.md, throttling).
"""

import hashlib
import secrets
from collections.abc import Sequence
from datetime import datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from meldpunt.cases.constants import MessageDirection
from meldpunt.cases.models import Attachment, Case, Message
from meldpunt.cases.services import FollowUpAnswered, follow_up_answer
from meldpunt.core.errors import MeldpuntError, NotFound, PermissionDenied
from meldpunt.core.throttle import Limit, throttle_hit, throttle_retry_after
from meldpunt.intake.attachments import CheckedAttachment
from meldpunt.intake.codes import ALPHABET, access_code_hash, access_code_matches, access_code_new
from meldpunt.intake.services import attachment_associated_data
from meldpunt.portal.conversation import message_body_clean
from meldpunt.portal.models import ReporterToken, SignInLink, SupportAccess
from meldpunt.portal.notifications import Notice
from meldpunt.portal.tasks import reporter_notify
from meldpunt.portal.visitors import Visitor, VisitorKind
from meldpunt.privacy.actors import Actor
from meldpunt.privacy.crypto import encrypt_bytes
from meldpunt.privacy.services import audit_record

SIGN_IN_WINDOW = timedelta(minutes=15)
SIGN_IN_LINK_MINUTES = 30
# Sign-in links cost an email each: a few per reference and per client in the window is plenty.
SIGN_IN_LINK_REQUESTS_PER_REFERENCE = 3
SIGN_IN_LINK_REQUESTS_PER_CLIENT = 10
SUPPORT_ID_PREFIX = "STP"
SUPPORT_PERSONS_MAX = 3
REPORTER_FILES_MAX = 30
# Longer input cannot be a real reference or code; cutting it keeps hashing and throttle keys bounded.
TYPED_REFERENCE_MAX = 40
TYPED_CODE_MAX = 100
_DASHES = str.maketrans(dict.fromkeys("‐‑‒–—−", "-"))


class SignInRefused(MeldpuntError):
    """The pair does not match. One message for an unknown reference and a wrong code alike."""

    def __init__(self) -> None:
        super().__init__(_("Het kenmerk of de toegangscode klopt niet. Controleer ze en probeer het opnieuw."))


class SignInThrottled(MeldpuntError):
    """Too many failed attempts for this reference or from this client; try again after a while."""

    def __init__(self, retry_after_seconds: int) -> None:
        minutes = max(1, -(-retry_after_seconds // 60))
        super().__init__(
            ngettext(
                "Er is te vaak een verkeerde code ingevuld. Probeer het over %(minutes)d minuut opnieuw.",
                "Er is te vaak een verkeerde code ingevuld. Probeer het over %(minutes)d minuten opnieuw.",
                minutes,
            )
            % {"minutes": minutes}
        )
        self.retry_after_seconds = retry_after_seconds


def reference_normalise(typed: str) -> str:
    """What people type: lower case, spaces anywhere, a typographic dash instead of "-"."""
    return "".join(typed.split()).upper().translate(_DASHES)[:TYPED_REFERENCE_MAX]


def _secret_hash(secret: str) -> str:
    # Tokens are 256 random bits: a plain SHA-256 is enough, unlike the short access codes (Argon2id).
    return hashlib.sha256(secret.encode()).hexdigest()


def _reference_limit() -> Limit:
    return Limit("reporter.signin.reference", settings.REPORTER_SIGNIN_FAILURES_PER_REFERENCE, SIGN_IN_WINDOW)


def _client_limit() -> Limit:
    return Limit("reporter.signin.client", settings.REPORTER_SIGNIN_FAILURES_PER_CLIENT, SIGN_IN_WINDOW)


def _refuse_when_throttled(*limits_and_keys: tuple[Limit, str]) -> None:
    waits = [throttle_retry_after(limit=limit, key=key) for limit, key in limits_and_keys]
    longest = max((wait for wait in waits if wait is not None), default=None)
    if longest is not None:
        raise SignInThrottled(longest)


def _failure_count(*, reference: str, client: str) -> None:
    throttle_hit(limit=_reference_limit(), key=reference)
    throttle_hit(limit=_client_limit(), key=client)


def _check_pair(*, reference: str, access_code: str, client: str, stored_hash: str | None) -> None:
    """Verify the code against the stored hash (or a dummy one: same work); count a failure and refuse."""
    if not access_code_matches(access_code[:TYPED_CODE_MAX], stored_hash):
        _failure_count(reference=reference, client=client)
        raise SignInRefused


# Not atomic on purpose: a failed attempt must stay counted although the sign-in raises.
def reporter_sign_in(*, reference: str, access_code: str, client: str) -> Case:
    """The reporter's case for a matching reference and access code; raises SignInRefused or SignInThrottled."""
    key = reference_normalise(reference)
    _refuse_when_throttled((_reference_limit(), key), (_client_limit(), client))
    case = Case.objects.filter(reference=key).first()
    _check_pair(
        reference=key, access_code=access_code, client=client, stored_hash=case.access_code_hash if case else None
    )
    assert case is not None  # _check_pair refuses when there is no case
    audit_record(actor=Actor.reporter(case.reference), action="case.reporter_sign_in", obj=case)
    return case


def visitor_sign_in(*, reference: str, access_code: str, client: str) -> Visitor:
    """Sign in on the portal page: a case reference for the reporter, a support id for a support person.

    Both kinds share the throttles, the refusal message and the cost of a wrong pair.
    """
    key = reference_normalise(reference)
    if not key.startswith(f"{SUPPORT_ID_PREFIX}-"):
        return Visitor(
            case=reporter_sign_in(reference=key, access_code=access_code, client=client), kind=VisitorKind.REPORTER
        )
    _refuse_when_throttled((_reference_limit(), key), (_client_limit(), client))
    access = SupportAccess.objects.select_related("case").filter(public_id=key, revoked_at__isnull=True).first()
    _check_pair(
        reference=key, access_code=access_code, client=client, stored_hash=access.access_code_hash if access else None
    )
    assert access is not None
    audit_record(actor=Actor.support_person(access.public_id), action="case.support_person_sign_in", obj=access.case)
    return Visitor(case=access.case, kind=VisitorKind.SUPPORT_PERSON, support_id=access.public_id)


def _link_limits(*, reference: str, client: str) -> tuple[tuple[Limit, str], tuple[Limit, str]]:
    return (
        (Limit("reporter.link.reference", SIGN_IN_LINK_REQUESTS_PER_REFERENCE, SIGN_IN_WINDOW), reference),
        (Limit("reporter.link.client", SIGN_IN_LINK_REQUESTS_PER_CLIENT, SIGN_IN_WINDOW), client),
    )


def sign_in_link_request(*, reference: str, client: str) -> None:
    """Email a one-time sign-in link when the reference exists and has an email address; else do nothing.

    The caller answers the same in every case. Raises SignInThrottled only for the client's own
    limit, which says nothing about the reference; past the reference's limit nothing more is sent.
    """
    key = reference_normalise(reference)
    per_reference, per_client = _link_limits(reference=key, client=client)
    _refuse_when_throttled(per_client)
    throttle_hit(limit=per_client[0], key=client)
    if throttle_retry_after(limit=per_reference[0], key=key) is not None:
        return
    throttle_hit(limit=per_reference[0], key=key)
    case = Case.objects.filter(reference=key).first()
    if case is None or not case.contact_email:
        return
    with transaction.atomic():
        link = SignInLink.objects.create(case=case, requested_at=timezone.now())
        audit_record(actor=Actor.reporter(case.reference), action="case.sign_in_link_requested", obj=case)
        case_id, link_id = case.pk, link.pk
        transaction.on_commit(
            lambda: reporter_notify.enqueue(case_id=case_id, notice=Notice.SIGN_IN_LINK, sign_in_link_id=link_id)
        )


def sign_in_link_token_mint(*, link_id: int, case_id: int) -> str | None:
    """A fresh token for an unused link, valid 30 minutes from now; None when the link is gone or used.

    Called by the task that sends the email, so the token exists only in the worker's memory and in
    the email. A retried delivery mints again, which makes the earlier token worthless.
    """
    token = secrets.token_urlsafe(32)
    updated = SignInLink.objects.filter(pk=link_id, case_id=case_id, used_at__isnull=True).update(
        token_hash=_secret_hash(token), expires_at=timezone.now() + timedelta(minutes=SIGN_IN_LINK_MINUTES)
    )
    return token if updated else None


@transaction.atomic
def sign_in_link_redeem(*, token: str) -> Case:
    """The case of a valid, unused, unexpired link, which is used up by this call; else SignInRefused."""
    if not token or len(token) > 200:
        raise SignInRefused
    digest = _secret_hash(token)
    now = timezone.now()
    # One conditional UPDATE: of two simultaneous clicks exactly one wins.
    if not SignInLink.objects.filter(token_hash=digest, used_at__isnull=True, expires_at__gt=now).update(used_at=now):
        raise SignInRefused
    case = SignInLink.objects.select_related("case").get(token_hash=digest).case
    audit_record(
        actor=Actor.reporter(case.reference), action="case.reporter_sign_in", obj=case, details={"method": "link"}
    )
    return case


@transaction.atomic
def reporter_token_issue(*, case: Case) -> tuple[str, datetime]:
    """A new bearer token for the reporter API and when it expires; expired tokens of the case are dropped."""
    now = timezone.now()
    token = secrets.token_urlsafe(32)
    expires_at = now + timedelta(minutes=settings.REPORTER_TOKEN_MINUTES)
    ReporterToken.objects.filter(case=case, expires_at__lte=now).delete()
    ReporterToken.objects.create(case=case, token_hash=_secret_hash(token), issued_at=now, expires_at=expires_at)
    return token, expires_at


def reporter_token_case(*, token: str) -> Case | None:
    """The case a bearer token belongs to, or None for an unknown or expired token."""
    if not token or len(token) > 200:
        return None
    row = (
        ReporterToken.objects.select_related("case")
        .filter(token_hash=_secret_hash(token), expires_at__gt=timezone.now())
        .first()
    )
    return row.case if row else None


def _require_reporter(visitor: Visitor) -> None:
    if visitor.read_only:
        raise PermissionDenied(_("Een steunpersoon kan meekijken, maar geen berichten sturen of bestanden toevoegen."))


@transaction.atomic
def reporter_message_send(*, visitor: Visitor, body: object) -> Message:
    """Store the reporter's message to the handler; raises MessageRefused for an empty or too long text."""
    _require_reporter(visitor)
    text = message_body_clean(body)
    message = Message.objects.create(
        case=visitor.case, direction=MessageDirection.FROM_REPORTER, body=text, sent_at=timezone.now()
    )
    audit_record(actor=visitor.actor, action="case.message_sent", obj=visitor.case)
    return message


@transaction.atomic
def reporter_attachments_add(*, visitor: Visitor, attachments: Sequence[CheckedAttachment]) -> list[Attachment]:
    """Store checked files from the reporter, encrypted and bound to the case, as the intake does."""
    _require_reporter(visitor)
    case = visitor.case
    if not attachments:
        raise MeldpuntError(_("Kies een of meer bestanden."), field="files")
    already = Attachment.objects.filter(case=case, from_reporter=True).count()
    if already + len(attachments) > REPORTER_FILES_MAX:
        raise MeldpuntError(
            _("U kunt hoogstens %(max)d bestanden sturen. Stuur ons een bericht als u meer wilt laten zien.")
            % {"max": REPORTER_FILES_MAX},
            field="files",
        )
    now = timezone.now()
    stored = []
    for attachment in attachments:
        digest = hashlib.sha256(attachment.data).hexdigest()
        stored.append(
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
                from_reporter=True,
            )
        )
    audit_record(actor=visitor.actor, action="case.files_added", obj=case, details={"files": len(stored)})
    return stored


def reporter_follow_up_answer(
    *,
    visitor: Visitor,
    follow_up_id: int,
    still_safe: bool,
    agreements_kept: str,
    consequences: bool,
    consequences_for: str = "",
    detail: str = "",
) -> FollowUpAnswered:
    """The reporter answers a follow-up question in the portal; a support person cannot answer for them.

    What the answer sets in motion (a new linked case, a reopened case) is the cases app's follow-up service.
    """
    if visitor.read_only:
        raise PermissionDenied(_("Alleen de melder kan de vragen van de nazorg beantwoorden."))
    return follow_up_answer(
        case=visitor.case,
        follow_up_id=follow_up_id,
        actor=visitor.actor,
        still_safe=still_safe,
        agreements_kept=agreements_kept,
        consequences=consequences,
        consequences_for=consequences_for,
        detail=detail,
    )


def _support_id_new() -> str:
    symbols = "".join(secrets.choice(ALPHABET) for _ in range(8))
    return f"{SUPPORT_ID_PREFIX}-{symbols[:4]}-{symbols[4:]}"


def support_access_invite(*, visitor: Visitor) -> tuple[SupportAccess, str]:
    """A read-only access for a support person: its id and access code (shown once to the reporter)."""
    _require_reporter(visitor)
    code = access_code_new()
    code_hash = access_code_hash(code)  # slow on purpose: hashed before the transaction opens
    for _attempt in range(5):
        try:
            with transaction.atomic():
                active = SupportAccess.objects.filter(case=visitor.case, revoked_at__isnull=True).count()
                if active >= SUPPORT_PERSONS_MAX:
                    raise MeldpuntError(
                        _("U kunt hoogstens %(max)d steunpersonen tegelijk uitnodigen. Trek eerst een toegang in.")
                        % {"max": SUPPORT_PERSONS_MAX}
                    )
                access = SupportAccess.objects.create(
                    case=visitor.case,
                    public_id=_support_id_new(),
                    access_code_hash=code_hash,
                    created_at=timezone.now(),
                )
                audit_record(
                    actor=visitor.actor,
                    action="case.support_person_invited",
                    obj=visitor.case,
                    details={"support_id": access.public_id},
                )
                return access, code
        except IntegrityError:
            continue  # the random id was taken (1 in 2^40 per existing id): draw another
    raise MeldpuntError(_("Het lukte niet om een steunpersoon uit te nodigen. Probeer het opnieuw."))


@transaction.atomic
def support_access_revoke(*, visitor: Visitor, support_id: str) -> SupportAccess:
    """End a support person's access at once; their open portal session ends on their next page."""
    _require_reporter(visitor)
    access = SupportAccess.objects.filter(case=visitor.case, public_id=support_id, revoked_at__isnull=True).first()
    if access is None:
        raise NotFound(_("Deze steunpersoon heeft al geen toegang meer."))
    access.revoked_at = timezone.now()
    access.save(update_fields=["revoked_at"])
    audit_record(
        actor=visitor.actor,
        action="case.support_person_revoked",
        obj=visitor.case,
        details={"support_id": access.public_id},
    )
    return access


def support_access_grant_for_buddy(*, case: Case, granted_by: Actor) -> tuple[SupportAccess, str]:
    """A read-only access for a buddy the meldpunt links to the case (referrals): its id and access code.

    Like `support_access_invite`, but started by the handler. The caller decides who gets the code;
    the referrals app shows it to the reporter, who passes it on, and never emails it. The refusals
    are the reporter's own texts: the caller checks the limit first and says it in its own words.
    """
    code = access_code_new()
    code_hash = access_code_hash(code)
    for _attempt in range(5):
        try:
            with transaction.atomic():
                active = SupportAccess.objects.filter(case=case, revoked_at__isnull=True).count()
                if active >= SUPPORT_PERSONS_MAX:
                    raise MeldpuntError(
                        _("U kunt hoogstens %(max)d steunpersonen tegelijk uitnodigen. Trek eerst een toegang in.")
                        % {"max": SUPPORT_PERSONS_MAX}
                    )
                access = SupportAccess.objects.create(
                    case=case, public_id=_support_id_new(), access_code_hash=code_hash, created_at=timezone.now()
                )
                audit_record(
                    actor=granted_by,
                    action="case.support_person_invited",
                    obj=case,
                    details={"support_id": access.public_id, "buddy": True},
                )
                return access, code
        except IntegrityError:
            continue  # the random id was taken: draw another
    raise MeldpuntError(_("Het lukte niet om een steunpersoon uit te nodigen. Probeer het opnieuw."))
