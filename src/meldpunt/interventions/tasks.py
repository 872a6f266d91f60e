"""Content-free emails about agreements to handlers and school contacts, through the tasks queue.

They say only that an agreement needs attention and where to sign in: no case reference, no school,
no text. Enqueued after the transaction that made the news commits.
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
    AGREEMENT_DUE_HANDLER = "agreement_due_handler"  # to the handler: agreements due within two working days
    AGREEMENT_DUE_SCHOOL = "agreement_due_school"  # to the school: an agreement of the board is due soon
    REPORTER_ANSWERED = "reporter_answered"  # to the handler: the reporter said whether an agreement happened


def _link(notice: StaffNotice) -> str:
    path = SCHOOL_PORTAL_PATH if notice is StaffNotice.AGREEMENT_DUE_SCHOOL else reverse("cases:queue")
    return settings.SITE_URL.rstrip("/") + path


def notice_email(*, notice: StaffNotice, to: str, count: int) -> EmailMessage:
    # Staff and school contacts have no language setting: the site's language, Dutch.
    with translation.override(settings.LANGUAGE_CODE):
        context = {"link": _link(notice), "count": count}
        subject = render_to_string(f"interventions/email/{notice.value}_subject.txt", context).strip()
        body = render_to_string(f"interventions/email/{notice.value}.txt", context)
    return EmailMessage(subject=subject, body=body, from_email=settings.DEFAULT_FROM_EMAIL, to=[to])


def _send(users: list[User], notice: StaffNotice, count: int) -> int:
    sent = 0
    for user in users:
        try:
            notice_email(notice=notice, to=user.email, count=count).send()
        except (smtplib.SMTPException, OSError):
            # One failing address must not keep the others from hearing; the pages show the same.
            logger.warning("agreement notice not delivered", extra={"notice": notice.value, "user_id": user.pk})
        else:
            sent += 1
    return sent


@task()
def school_contacts_notify(*, board_id: int, notice: str, count: int = 1) -> int:
    """Email every active contact of the school board; returns how many emails went out."""
    contacts = list(
        User.objects.filter(role=Role.SCHOOL_CONTACT, board_id=board_id, is_active=True)
        .exclude(email="")
        .order_by("pk")
    )
    return _send(contacts, StaffNotice(notice), count)


@task()
def staff_notify(*, user_id: int, notice: str, count: int = 1) -> int:
    users = list(User.objects.filter(pk=user_id, is_active=True).exclude(email=""))
    return _send(users, StaffNotice(notice), count)
