"""Signing in to the school portal with a single-use link plus a code, for a board without an account.

The link's token arrives by email; the code by phone from the handler. Both are stored only as
hashes. A wrong code counts against the link (after five the link is dead) and against the client
(core.throttle); a right one uses the link up: from then on the browser's session is bound to that
one request, until the session ends or the link expires.
"""

from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from meldpunt.core.errors import MeldpuntError
from meldpunt.core.throttle import Limit, throttle_hit, throttle_retry_after
from meldpunt.intake.codes import access_code_matches
from meldpunt.investigations.constants import RequestStatus
from meldpunt.investigations.models import SchoolAccessLink
from meldpunt.investigations.services.requests import LINK_CODE_MAX_FAILURES, school_access_link_hash
from meldpunt.privacy.actors import Actor, ActorKind
from meldpunt.privacy.services import audit_record

CLIENT_LIMIT = Limit("school.link.client", 20, timedelta(minutes=15))
TYPED_CODE_MAX = 40
TOKEN_MAX = 200


class LinkRefused(MeldpuntError):
    """One message for an unknown, used, expired or blocked link and a wrong code alike."""

    def __init__(self) -> None:
        super().__init__(
            _(
                "De code klopt niet, of de link werkt niet meer. Controleer de code. Lukt het niet? "
                "Bel de behandelaar voor een nieuwe link."
            ),
            field="code",
        )


class LinkThrottled(MeldpuntError):
    def __init__(self, retry_after_seconds: int) -> None:
        minutes = max(1, -(-retry_after_seconds // 60))
        super().__init__(
            ngettext(
                "Er is te vaak een verkeerde code ingevuld. Probeer het over %(minutes)d minuut opnieuw.",
                "Er is te vaak een verkeerde code ingevuld. Probeer het over %(minutes)d minuten opnieuw.",
                minutes,
            )
            % {"minutes": minutes},
            field="code",
        )
        self.retry_after_seconds = retry_after_seconds


def link_actor(link: SchoolAccessLink) -> Actor:
    return Actor(kind=ActorKind.SCHOOL, ref=f"school-link-{link.pk}")


def _usable(link: SchoolAccessLink | None, now: datetime) -> bool:
    return (
        link is not None
        and link.used_at is None
        and link.expires_at > now
        and link.failed_attempts < LINK_CODE_MAX_FAILURES
        and link.request.status == RequestStatus.SENT
    )


# Not atomic as a whole on purpose: a failed attempt must stay counted although the sign-in raises.
def school_link_redeem(*, token: str, code: str, client: str, now: datetime | None = None) -> SchoolAccessLink:
    """The link for a matching token and code, used up by this call; raises LinkRefused or LinkThrottled."""
    now = now or timezone.now()
    wait = throttle_retry_after(limit=CLIENT_LIMIT, key=client, now=now)
    if wait is not None:
        raise LinkThrottled(wait)
    link = None
    if token and len(token) <= TOKEN_MAX:
        link = (
            SchoolAccessLink.objects.select_related("request").filter(token_hash=school_access_link_hash(token)).first()
        )
    usable = _usable(link, now)
    # The code is checked (or a dummy one, at the same cost) whether or not the link is usable.
    if not access_code_matches(code[:TYPED_CODE_MAX], link.code_hash if usable and link else None):
        throttle_hit(limit=CLIENT_LIMIT, key=client, now=now)
        if usable and link is not None:
            with transaction.atomic():
                SchoolAccessLink.objects.filter(pk=link.pk).update(failed_attempts=F("failed_attempts") + 1)
                audit_record(
                    actor=link_actor(link),
                    action="informationrequest.link_code_refused",
                    obj=link.request,
                    details={"link": link.pk},
                )
        raise LinkRefused
    assert link is not None
    with transaction.atomic():
        # One conditional UPDATE: of two simultaneous sign-ins exactly one wins.
        if not SchoolAccessLink.objects.filter(pk=link.pk, used_at__isnull=True).update(used_at=now):
            raise LinkRefused
        link.used_at = now
        audit_record(
            actor=link_actor(link),
            action="informationrequest.link_redeemed",
            obj=link.request,
            details={"link": link.pk},
        )
    return link
