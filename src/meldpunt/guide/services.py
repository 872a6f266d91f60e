"""Writes of the guide: versions of the decision table, and sending an advice to the visitor once."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Max
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from meldpunt.accounts.models import User
from meldpunt.core.errors import MeldpuntError, NotFound
from meldpunt.core.throttle import Limit, throttle_hit, throttle_retry_after
from meldpunt.guide.models import DecisionTableVersion
from meldpunt.guide.rules import CONTENT_MAX_CHARS, Advice, Problem, table_validate
from meldpunt.guide.selectors import require_administrator, shipped_table_content
from meldpunt.network.display import organisation_view
from meldpunt.network.models import Organisation
from meldpunt.privacy.actors import Actor
from meldpunt.privacy.services import audit_record

NOTE_MAX = 300
# Sending the advice to oneself: a handful per client per hour is plenty, and stops using us as a mail relay.
ADVICE_EMAIL_LIMIT = Limit("guide.advice_email", max_hits=5, window=timedelta(hours=1))


class DecisionTableInvalid(MeldpuntError):
    """The table has problems; `problems` names each one in plain words."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        super().__init__(_("De beslistabel klopt nog niet. Los de problemen hieronder op."))
        self.problems = list(problems)


@transaction.atomic
def guide_table_load_if_empty() -> DecisionTableVersion | None:
    """Store the shipped table as version 1 when no version exists yet; None when there was one already."""
    if DecisionTableVersion.objects.exists():
        return None
    # Stored notes are Dutch whatever the language of the request (administrators write theirs in Dutch too).
    version = DecisionTableVersion(
        number=1, note="Meegeleverde tabel", is_current=True, content=shipped_table_content()
    )
    version.full_clean()
    version.save()
    return version


def _version_add(*, actor: User, content: Any, note: str, restored_from: int | None) -> DecisionTableVersion:
    """The new current version; the lock on the current one makes two simultaneous saves take turns."""
    current = DecisionTableVersion.objects.select_for_update().filter(is_current=True).first()
    if current is not None and current.content == content:
        raise MeldpuntError(_("Deze tabel is gelijk aan de versie die nu in gebruik is. Er is niets opgeslagen."))
    number = (DecisionTableVersion.objects.aggregate(last=Max("number"))["last"] or 0) + 1
    if current is not None:
        current.is_current = False
        current.save(update_fields=["is_current"])
    version = DecisionTableVersion(
        number=number, created_by=actor, note=note, is_current=True, content=content, restored_from=restored_from
    )
    version.full_clean()
    version.save()
    audit_record(
        actor=Actor.staff(actor),
        action="guide.table_restore" if restored_from else "guide.table_save",
        obj=version,
        details={"number": number, "restored_from": restored_from},
    )
    return version


@transaction.atomic
def decision_table_save(*, actor: User, content: Any, note: str) -> DecisionTableVersion:
    """Save a checked table as the new current version; the previous versions stay and can be restored."""
    require_administrator(actor)
    note = note.strip()
    if not note:
        raise MeldpuntError(_("Schrijf kort op wat u heeft veranderd."), field="note")
    if len(note) > NOTE_MAX:
        raise MeldpuntError(
            _("Gebruik voor de toelichting ten hoogste %(max)d tekens.") % {"max": NOTE_MAX}, field="note"
        )
    if len(json.dumps(content, ensure_ascii=False)) > CONTENT_MAX_CHARS:
        raise MeldpuntError(_("De tabel is te groot om op te slaan."), field="content")
    _table, problems = table_validate(content)
    if problems:
        raise DecisionTableInvalid(problems)
    guide_table_load_if_empty()
    return _version_add(actor=actor, content=content, note=note, restored_from=None)


@transaction.atomic
def decision_table_restore(*, actor: User, number: int) -> DecisionTableVersion:
    """Make an earlier version current again, as a new version with the same content (history stays intact)."""
    require_administrator(actor)
    guide_table_load_if_empty()
    earlier = DecisionTableVersion.objects.filter(number=number).first()
    if earlier is None:
        raise NotFound(_("Versie %(number)d van de beslistabel bestaat niet.") % {"number": number})
    if earlier.is_current:
        raise MeldpuntError(_("Versie %(number)d is al in gebruik.") % {"number": number})
    _table, problems = table_validate(earlier.content)
    if problems:
        raise DecisionTableInvalid(problems)
    note = f"Versie {number} teruggezet"
    return _version_add(actor=actor, content=earlier.content, note=note, restored_from=number)


def advice_email_send(
    *, to: str, client: str, advice: Advice, organisations: Sequence[Organisation], language: str
) -> None:
    """Send the advice once to the address the visitor gave, and keep nothing: not the address, not the advice.

    Sent right away instead of through the task queue on purpose: a queued task would store the address
    and the advice in the database until it ran. Only the throttle counts the client (a keyed hash).
    """
    address = to.strip()
    try:
        if len(address) > 254:
            raise ValidationError("too long")
        validate_email(address)
    except ValidationError as invalid:
        raise MeldpuntError(_("Geef een geldig e-mailadres, zoals naam@voorbeeld.nl."), field="email") from invalid
    retry_after = throttle_retry_after(limit=ADVICE_EMAIL_LIMIT, key=client)
    if retry_after is not None:
        raise MeldpuntError(
            _("U heeft het advies al een paar keer gemaild. Probeer het over %(minutes)d minuten opnieuw.")
            % {"minutes": max(1, -(-retry_after // 60))},
            field="email",
        )
    with translation.override(language):
        context = {
            "advice_text": advice.rule.advice.get(language),
            "show_emergency": advice.show_emergency,
            "steps": [(step.title.get(language), step.text.get(language)) for step in advice.next_steps],
            "organisations": [organisation_view(organisation, language=language) for organisation in organisations],
            "guide_url": settings.SITE_URL.rstrip("/") + reverse("guide:start"),
            "report_url": settings.SITE_URL.rstrip("/") + reverse("intake:start") if advice.show_meldpunt else "",
        }
        subject = _("Uw advies van de wegwijzer van het Meldpunt")
        body = render_to_string("guide/email/advice.txt", context)
    EmailMessage(subject=subject, body=body, from_email=settings.DEFAULT_FROM_EMAIL, to=[address]).send()
    throttle_hit(limit=ADVICE_EMAIL_LIMIT, key=client)
