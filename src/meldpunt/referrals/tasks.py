"""Emails about referrals, sent through the tasks queue once the transaction commits.

They say only that there is something to look at and where to sign in: never the summary, a name,
the school or the case reference (DESIGN.md, security and privacy). Partners and handlers get them
in the site's language; a buddy in the reporter's language, the best guess we have.
"""

import enum
import logging
import smtplib

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django_tasks import task

from meldpunt.accounts.constants import Role
from meldpunt.accounts.models import User
from meldpunt.referrals.models import Referral

logger = logging.getLogger(__name__)


class Notice(enum.StrEnum):
    NEW_REFERRAL = "new_referral"  # to the organisation's partners
    PARTNER_RESPONDED = "partner_responded"  # to the case's handler
    BUDDY_LINKED = "buddy_linked"  # to the buddy


def _site(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def _recipients(referral: Referral, notice: Notice) -> tuple[list[str], str, str]:
    """Addresses, the link in the email, and its language."""
    if notice is Notice.NEW_REFERRAL:
        partners = User.objects.filter(partner_id=referral.organisation_id, role=Role.PARTNER, is_active=True)
        emails = sorted({user.email for user in partners if user.email})
        return emails, _site(reverse("partner:referrals")), settings.LANGUAGE_CODE
    if notice is Notice.PARTNER_RESPONDED:
        handler = referral.case.assigned_handler
        emails = [handler.email] if handler is not None and handler.is_active and handler.email else []
        return emails, _site(reverse("accounts:home")), settings.LANGUAGE_CODE
    emails = [referral.buddy_email] if referral.buddy_email else []
    return emails, _site(reverse("portal:sign_in")), referral.case.language


@task()
def referral_notify(*, referral_id: int, notice: str) -> None:
    """Send one content-free notice about a referral; a failed address is logged and the others still go."""
    referral = Referral.objects.select_related("case__assigned_handler").filter(pk=referral_id).first()
    if referral is None:
        return
    kind = Notice(notice)
    emails, link, language = _recipients(referral, kind)
    with translation.override(language):
        context = {"link": link}
        subject = render_to_string(f"referrals/email/{kind.value}_subject.txt", context).strip()
        body = render_to_string(f"referrals/email/{kind.value}.txt", context)
    for email in emails:
        try:
            EmailMessage(subject=subject, body=body, from_email=settings.DEFAULT_FROM_EMAIL, to=[email]).send()
        except (smtplib.SMTPException, OSError):
            logger.warning("referral notice not delivered", extra={"referral_id": referral_id, "notice": notice})


def referral_notice_after_commit(*, referral: Referral, notice: Notice) -> None:
    """Queue the notice when the surrounding transaction commits; nothing goes out if it rolls back."""
    referral_id = referral.pk
    transaction.on_commit(lambda: referral_notify.enqueue(referral_id=referral_id, notice=notice.value))
