"""Content-free emails about findings to school contacts and handlers, sent through the tasks queue.

They say only that there is something to read and where to sign in: no case reference, no school, no
text (an email leaves our systems). Enqueued after the transaction that made the news commits.
"""

import enum
import logging
import smtplib

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django_tasks import task

from meldpunt.accounts.constants import Role
from meldpunt.accounts.models import User

logger = logging.getLogger(__name__)
SCHOOL_PORTAL_PATH = "/school/"


class StaffNotice(enum.StrEnum):
    DRAFT_SENT = "draft_sent"  # to the school: draft findings to comment on
    FINAL_ISSUED = "final_issued"  # to the school: the final findings are there
    COMMENT_RECEIVED = "comment_received"  # to the handler: a side commented


SCHOOL_NOTICES = frozenset({StaffNotice.DRAFT_SENT, StaffNotice.FINAL_ISSUED})


def _link(notice: StaffNotice) -> str:
    path = SCHOOL_PORTAL_PATH if notice in SCHOOL_NOTICES else reverse("cases:queue")
    return settings.SITE_URL.rstrip("/") + path


def notice_email(*, notice: StaffNotice, to: str) -> EmailMessage:
    # Staff and school contacts have no language setting: the site's language, Dutch.
    with translation.override(settings.LANGUAGE_CODE):
        context = {"link": _link(notice)}
        subject = render_to_string(f"findings/email/{notice.value}_subject.txt", context).strip()
        body = render_to_string(f"findings/email/{notice.value}.txt", context)
    return EmailMessage(subject=subject, body=body, from_email=settings.DEFAULT_FROM_EMAIL, to=[to])


def _send(users: list[User], notice: StaffNotice) -> int:
    sent = 0
    for user in users:
        try:
            notice_email(notice=notice, to=user.email).send()
        except (smtplib.SMTPException, OSError):
            # One failing address must not keep the others from hearing; the pages show the news anyway.
            logger.warning("findings notice not delivered", extra={"notice": notice.value, "user_id": user.pk})
        else:
            sent += 1
    return sent


@task()
def school_contacts_notify(*, board_id: int, notice: str) -> int:
    """Email every active contact of the school board; returns how many emails went out."""
    contacts = list(
        User.objects.filter(role=Role.SCHOOL_CONTACT, board_id=board_id, is_active=True)
        .exclude(email="")
        .order_by("pk")
    )
    return _send(contacts, StaffNotice(notice))


@task()
def staff_notify(*, user_id: int, notice: str) -> int:
    users = list(User.objects.filter(pk=user_id, is_active=True).exclude(email=""))
    return _send(users, StaffNotice(notice))
