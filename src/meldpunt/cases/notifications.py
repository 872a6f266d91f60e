"""Emails to staff about a single event, sent through the tasks queue after the transaction commits.

Like the daily digests they hold no case content and not even the case reference (an inbox next to a
handler's name would tie a person to a case): only that something needs attention, and where to sign in.
"""

import logging
import smtplib

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django_tasks import task

from meldpunt.accounts.models import User

logger = logging.getLogger(__name__)


@task()
def handler_follow_up_notify(*, user_id: int) -> None:
    """Tell a handler that a closed case of theirs was reopened after the reporter's follow-up answer."""
    user = User.objects.filter(pk=user_id, is_active=True).exclude(email="").first()
    if user is None:
        return
    context = {"queue_url": settings.SITE_URL.rstrip("/") + reverse("cases:queue")}
    # Staff have no language setting: the email is in the site's language, Dutch.
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string("cases/follow_up/email/handler_reopened_subject.txt", context).strip()
        body = render_to_string("cases/follow_up/email/handler_reopened.txt", context)
    message = EmailMessage(subject=subject, body=body, from_email=settings.DEFAULT_FROM_EMAIL, to=[user.email])
    try:
        message.send()
    except (smtplib.SMTPException, OSError):
        # The reopened case is in the handler's queue and tomorrow's digest either way.
        logger.warning("follow-up notice to handler not delivered", extra={"user_id": user_id})
        return
    logger.info("follow-up notice to handler sent", extra={"user_id": user_id})
