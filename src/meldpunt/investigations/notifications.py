"""Emails about information requests. They say only that there is something to read and where to sign in:
never case content, names, the school, the case reference or the questions (DESIGN.md, security and privacy)."""

import enum

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation


class SchoolNotice(enum.StrEnum):
    NEW_REQUEST = "new_request"  # a request for information waits in the school portal
    REMINDER = "reminder"  # the answer is due within two working days
    NEWS = "news"  # the handler decided on more time, withdrew the request, or closed it
    LINK = "link"  # a single-use link for a board without an account


def site_url(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def _email(*, template: str, to: str, context: dict[str, object]) -> EmailMessage:
    # Staff and school contacts have no language setting: these emails are in the site's language, Dutch.
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string(f"investigations/email/{template}_subject.txt", context).strip()
        body = render_to_string(f"investigations/email/{template}.txt", context)
    return EmailMessage(subject=subject, body=body, from_email=settings.DEFAULT_FROM_EMAIL, to=[to])


def school_notice_email(*, notice: SchoolNotice, to: str, link_path: str | None = None) -> EmailMessage:
    """One notice to a school contact; a link notice carries the single-use link, nothing else."""
    context = {
        "portal_url": site_url(reverse("schoolportal:home")),
        "link_url": site_url(link_path) if link_path else "",
        "with_account": notice is not SchoolNotice.LINK,
    }
    return _email(template=f"school_{notice.value}", to=to, context=context)


def handler_notice_email(*, to: str) -> EmailMessage:
    """There is news in one of the handler's cases: a link to the work queue, no reference."""
    return _email(template="handler_news", to=to, context={"queue_url": site_url(reverse("cases:queue"))})
