"""The daily deadline reminders (issue 4, part 8), run by cron through `manage.py reminders_send`.

First every open case gets its priority, next due date and school days missed recomputed: time alone
brings deadlines closer or makes them late, and that raises the priority the queue sorts on. Then the
follow-up questions that are due go out to the reporters (portal and a content-free email). Then each
handler with something due within two working days (or late, or an agreement over time) gets a digest,
and each coordinator one with the number of open cases without a handler, of cases that are late and
of children out of school for four weeks or more.

The digests hold counts and a link to the queue, nothing else. Not even case references: an email
leaves our systems (mail servers, phones, forwarding), and a reference next to a handler's name in
an inbox already ties a person to a case. The list itself is one click away, behind the sign-in.
"""

import logging
import smtplib
from datetime import datetime

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django_tasks import task

from meldpunt.cases.deadlines import local_date
from meldpunt.cases.queue import Assigned, QueueFilters, Sort, filters_query
from meldpunt.cases.selectors import DIGEST_WORKING_DAYS, reminder_digests
from meldpunt.cases.services import case_derived_refresh_all_open, follow_ups_ask
from meldpunt.interventions.services import agreements_follow_up
from meldpunt.investigations.tasks import information_requests_remind

logger = logging.getLogger(__name__)


def _queue_url(query: str) -> str:
    return settings.SITE_URL.rstrip("/") + reverse("cases:queue") + (f"?{query}" if query else "")


def _digest_email(*, template: str, to: str, context: dict[str, object]) -> EmailMessage:
    # Staff have no language setting: the digest is in the site's language, Dutch.
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string(f"cases/queue/email/{template}_subject.txt", context).strip()
        body = render_to_string(f"cases/queue/email/{template}.txt", context)
    return EmailMessage(subject=subject, body=body, from_email=settings.DEFAULT_FROM_EMAIL, to=[to])


def _send(message: EmailMessage, *, kind: str, user_id: int) -> bool:
    """One failed address must not hold up the others; tomorrow's digest counts again."""
    try:
        message.send()
    except (smtplib.SMTPException, OSError):
        logger.warning("deadline digest not delivered", extra={"digest": kind, "user_id": user_id})
        return False
    return True


def reminders_send(*, now: datetime) -> dict[str, int]:
    # Agreements first: they flag overdue ones on their cases, which the refresh then weighs in triage.
    agreements = agreements_follow_up(today=local_date(now))
    requests_reminded = information_requests_remind(today=local_date(now))
    refreshed = case_derived_refresh_all_open(now=now)
    follow_ups_asked = follow_ups_ask(today=local_date(now), now=now)
    handlers, coordinators = reminder_digests(today=local_date(now))
    handler_emails = 0
    for digest in handlers:
        context = {
            "due_soon": digest.due_soon,
            "overdue": digest.overdue,
            "agreements_overdue": digest.agreements_overdue,
            "working_days": DIGEST_WORKING_DAYS,
            "queue_url": _queue_url(filters_query(QueueFilters(due_within_days=3), Sort.DEADLINE)),
        }
        message = _digest_email(template="handler_digest", to=digest.handler.email, context=context)
        handler_emails += _send(message, kind="handler", user_id=digest.handler.pk)
    coordinator_emails = 0
    if coordinators.unassigned or coordinators.overdue or coordinators.out_of_school_long:
        context = {
            "unassigned": coordinators.unassigned,
            "overdue": coordinators.overdue,
            "out_of_school_long": coordinators.out_of_school_long,
            "unassigned_url": _queue_url(filters_query(QueueFilters(assigned=Assigned.NO), Sort.PRIORITY)),
            "overdue_url": _queue_url(filters_query(QueueFilters(overdue=True), Sort.DEADLINE)),
            "out_of_school_url": _queue_url(filters_query(QueueFilters(out_of_school=True), Sort.PRIORITY)),
        }
        for coordinator in coordinators.coordinators:
            message = _digest_email(template="coordinator_digest", to=coordinator.email, context=context)
            coordinator_emails += _send(message, kind="coordinator", user_id=coordinator.pk)
    summary = {
        "agreements_reminded": agreements.reminded,
        "information_requests_reminded": requests_reminded,
        "refreshed": refreshed,
        "follow_ups_asked": follow_ups_asked,
        "handler_emails": handler_emails,
        "coordinator_emails": coordinator_emails,
    }
    logger.info("deadline reminders sent", extra=summary)
    return summary


@task()
def deadline_reminders_send() -> dict[str, int]:
    """Refresh every open case's cached values, ask the due follow-up questions, then email the digests."""
    return reminders_send(now=timezone.now())
