"""Background delivery of reporter emails through the tasks queue, after the transaction commits.

A failed SMTP delivery is retried with back-off (2, 4, 8, 16, 32 minutes) by enqueueing the task
again with `run_after`. A backend that cannot defer (the immediate backend of the tests) gets no
retry: retrying at once would only hold up the request that queued the email, so the task fails,
visibly in the log and in its result, and the request itself goes on.
"""

import logging
import smtplib
from datetime import timedelta

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django_tasks import task

from meldpunt.cases.models import Case
from meldpunt.portal.notifications import Notice, notice_email

logger = logging.getLogger(__name__)
MAX_ATTEMPTS = 6


def retry_delay(attempt: int) -> timedelta:
    """How long to wait after failed attempt number `attempt` (1-based)."""
    return timedelta(minutes=2**attempt)


def _sign_in_link_path(*, case_id: int, sign_in_link_id: int) -> str | None:
    # Imported here: the portal services enqueue this task, so they cannot be imported at module level.
    from meldpunt.portal.services import sign_in_link_token_mint

    token = sign_in_link_token_mint(link_id=sign_in_link_id, case_id=case_id)
    return reverse("portal:link_landing", kwargs={"token": token}) if token else None


@task()
def reporter_notify(
    *,
    case_id: int,
    notice: str,
    attempt: int = 1,
    link_path: str | None = None,
    sign_in_link_id: int | None = None,
) -> None:
    """Send one notice to the reporter's email address, if they gave one; retry with back-off on SMTP failure.

    For a sign-in link only the link's id travels through the queue: the token is made here, just
    before sending, so no usable secret is ever stored in the task table.
    """
    case = Case.objects.filter(pk=case_id).only("pk", "language", "contact_email").first()
    if case is None or not case.contact_email:
        return
    if sign_in_link_id is not None:
        link_path = _sign_in_link_path(case_id=case_id, sign_in_link_id=sign_in_link_id)
        if link_path is None:
            return  # the link was used or removed meanwhile: nothing to send
    message = notice_email(notice=Notice(notice), to=case.contact_email, language=case.language, link_path=link_path)
    try:
        message.send()
    except (smtplib.SMTPException, OSError):
        # Asked before `using(run_after=...)`: that call itself refuses a backend that cannot defer.
        if attempt >= MAX_ATTEMPTS or not reporter_notify.get_backend().supports_defer:
            logger.error(
                "reporter notice not delivered, no retry left",
                extra={"case_id": case_id, "notice": notice, "attempt": attempt},
            )
            raise
        logger.warning(
            "reporter notice failed, retry queued", extra={"case_id": case_id, "notice": notice, "attempt": attempt}
        )
        reporter_notify.using(run_after=timezone.now() + retry_delay(attempt)).enqueue(
            case_id=case_id,
            notice=notice,
            attempt=attempt + 1,
            link_path=None if sign_in_link_id is not None else link_path,
            sign_in_link_id=sign_in_link_id,
        )
        return
    logger.info("reporter notice sent", extra={"case_id": case_id, "notice": notice, "attempt": attempt})


def reporter_news_announce(*, case: Case) -> None:
    """Tell the reporter there is news (a handler's message, a new status), once the transaction commits.

    Call it inside the transaction that made the news: when that rolls back, no email goes out.
    Nothing is queued for a reporter who gave no email address.
    """
    if not case.contact_email:
        return
    case_id = case.pk
    transaction.on_commit(lambda: reporter_notify.enqueue(case_id=case_id, notice=Notice.NEWS))
