"""Emails to reporters. They say only that there is news and where to look: never case content,
names, the school or the reference (DESIGN.md, security and privacy)."""

import enum

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation


class Notice(enum.StrEnum):
    ACKNOWLEDGEMENT = "acknowledgement"
    NEWS = "news"
    SIGN_IN_LINK = "sign_in_link"
    FOLLOW_UP = "follow_up"  # a follow-up question waits in the portal


def portal_url(path: str | None = None) -> str:
    return settings.SITE_URL.rstrip("/") + (path or reverse("portal:sign_in"))


def notice_email(*, notice: Notice, to: str, language: str, link_path: str | None = None) -> EmailMessage:
    """The email for one notice, in the reporter's language; the body holds no case data by construction."""
    with translation.override(language):
        context = {"portal_url": portal_url(link_path), "notice": notice.value}
        subject = render_to_string(f"portal/email/{notice.value}_subject.txt", context).strip()
        body = render_to_string(f"portal/email/{notice.value}.txt", context)
    return EmailMessage(subject=subject, body=body, from_email=settings.DEFAULT_FROM_EMAIL, to=[to])
