"""Counting attempts in a sliding window, shared by every app server through the database."""

import hashlib
import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from meldpunt.core.models import ThrottleHit


@dataclass(frozen=True)
class Limit:
    scope: str
    max_hits: int
    window: timedelta


def _key_hash(key: str) -> str:
    # Keyed with the secret key: a stolen table does not reveal which addresses or references were tried.
    return hashlib.blake2b(key.encode(), key=settings.SECRET_KEY.encode()[:64], digest_size=32).hexdigest()


def throttle_retry_after(*, limit: Limit, key: str, now: datetime | None = None) -> int | None:
    """Seconds until another attempt is allowed, or None when the key is under its limit."""
    now = now or timezone.now()
    hits = list(
        ThrottleHit.objects.filter(scope=limit.scope, key_hash=_key_hash(key), at__gt=now - limit.window)
        .order_by("-at")
        .values_list("at", flat=True)[: limit.max_hits]
    )
    if len(hits) < limit.max_hits:
        return None
    # The window frees up when the oldest of the last `max_hits` attempts falls out of it.
    return max(1, math.ceil((hits[-1] + limit.window - now).total_seconds()))


@transaction.atomic
def throttle_hit(*, limit: Limit, key: str, now: datetime | None = None) -> None:
    now = now or timezone.now()
    ThrottleHit.objects.create(scope=limit.scope, key_hash=_key_hash(key), at=now)
    # Keep the table small: drop this key's hits that no longer count.
    ThrottleHit.objects.filter(scope=limit.scope, key_hash=_key_hash(key), at__lte=now - limit.window).delete()


def client_address(request: HttpRequest) -> str:
    """The connecting address, or the one a trusted proxy forwards (CONTRACT.md, throttling)."""
    remote = request.META.get("REMOTE_ADDR", "")
    if remote in settings.TRUSTED_PROXIES:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        # Walk back from the nearest hop, skipping our own proxies; the first other address is the client.
        for hop in reversed(hops):
            if hop not in settings.TRUSTED_PROXIES:
                return hop
    return remote
