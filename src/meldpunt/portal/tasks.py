"""Background delivery of reporter emails through the tasks queue, after the transaction commits."""

import logging
import smtplib
from datetime import timedelta

from django.utils import timezone
from django_tasks import task

from meldpunt.cases.models import Case
from meldpunt.portal.notifications import Notice, notice_email

logger = logging.getLogger(__name__)
MAX_ATTEMPTS = 6


@task()
def reporter_notify(*, case_id: int, notice: str, attempt: int = 1, link_path: str | None = None) -> None:
    """Send one notice to the reporter's email address, if they gave one; retry with back-off on SMTP failure."""
    case = Case.objects.filter(pk=case_id).only("pk", "language", "contact_email").first()
    if case is None or not case.contact_email:
        return
    message = notice_email(notice=Notice(notice), to=case.contact_email, language=case.language, link_path=link_path)
    try:
        message.send()
    except (smtplib.SMTPException, OSError) as exc:
        logger.warning("reporter notice failed", extra={"case_id": case_id, "notice": notice, "attempt": attempt})
        if attempt >= MAX_ATTEMPTS:
            raise
        retry = reporter_notify.using(run_after=timezone.now() + timedelta(minutes=2**attempt))
        if not retry.get_backend().supports_defer:
            raise exc
        retry.enqueue(case_id=case_id, notice=notice, attempt=attempt + 1, link_path=link_path)
        return
    logger.info("reporter notice sent", extra={"case_id": case_id, "notice": notice})
