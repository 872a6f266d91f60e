"""Background emails about information requests, and the daily reminder before a request's due date.

Every email goes out after the transaction that caused it commits (services enqueue these tasks in
`transaction.on_commit`), holds no case content (see notifications.py), and one failed address does
not hold up the others: the failure is logged without the address.
"""

import logging
import smtplib
from datetime import date, timedelta

from django.core.mail import EmailMessage
from django.urls import reverse
from django.utils import timezone
from django_tasks import task

from meldpunt.accounts.constants import Role
from meldpunt.accounts.models import User
from meldpunt.cases.deadlines import local_date, working_days_in
from meldpunt.investigations.constants import RequestStatus
from meldpunt.investigations.models import InformationRequest, SchoolAccessLink
from meldpunt.investigations.notifications import SchoolNotice, handler_notice_email, school_notice_email

logger = logging.getLogger(__name__)
REMINDER_WORKING_DAYS = 2


def _send(message: EmailMessage, *, kind: str, request_id: int) -> bool:
    try:
        message.send()
    except (smtplib.SMTPException, OSError):
        logger.warning("information request email not delivered", extra={"notice": kind, "request_id": request_id})
        return False
    return True


def school_recipients(request: InformationRequest, *, accounts_only: bool = False) -> list[str]:
    """The board's active school contacts; without any, the contact address given for the single-use link."""
    board_id = request.case.school_board_id
    emails = (
        list(
            User.objects.filter(role=Role.SCHOOL_CONTACT, board_id=board_id, is_active=True)
            .exclude(email="")
            .order_by("pk")
            .values_list("email", flat=True)
        )
        if board_id is not None
        else []
    )
    if emails or accounts_only:
        return emails
    return [request.contact_email] if request.contact_email else []


def _request(request_id: int) -> InformationRequest | None:
    # select_related: the recipients are found through the case's school board.
    return InformationRequest.objects.select_related("case__school").filter(pk=request_id).first()


@task()
def school_notify(*, request_id: int, notice: str) -> int:
    """Tell the board's school contacts that there is something in the school portal; returns the emails sent."""
    request = _request(request_id)
    if request is None:
        return 0
    kind = SchoolNotice(notice)
    recipients = school_recipients(request, accounts_only=kind is SchoolNotice.NEW_REQUEST)
    return sum(
        _send(school_notice_email(notice=kind, to=to), kind=kind.value, request_id=request_id) for to in recipients
    )


@task()
def school_link_send(*, link_id: int) -> bool:
    """Email a single-use link to the request's contact address. The token is made here, just before sending,
    so no usable secret sits in the task queue; a retried delivery makes the earlier token worthless."""
    # Imported here: the request services enqueue this task, so they cannot be imported at module level.
    from meldpunt.investigations.services.requests import school_access_link_token_mint

    link = SchoolAccessLink.objects.select_related("request").filter(pk=link_id).first()
    if link is None or not link.request.contact_email:
        return False
    token = school_access_link_token_mint(link_id=link_id)
    if token is None:
        return False  # used or expired meanwhile
    path = reverse("schoolportal:link", kwargs={"token": token})
    message = school_notice_email(notice=SchoolNotice.LINK, to=link.request.contact_email, link_path=path)
    return _send(message, kind=SchoolNotice.LINK.value, request_id=link.request_id)


@task()
def handler_notify(*, request_id: int) -> bool:
    """Tell the case's handler that the school reacted (answers, a question for more time); the email names no case."""
    request = InformationRequest.objects.select_related("case__assigned_handler").filter(pk=request_id).first()
    handler = request.case.assigned_handler if request is not None else None
    if request is None or handler is None or not handler.is_active or not handler.email:
        return False
    return _send(handler_notice_email(to=handler.email), kind="handler_news", request_id=request_id)


def reminder_due(*, due_on: date, today: date) -> bool:
    """Two working days (or fewer) before the due date, and not after it."""
    return today <= due_on and working_days_in(today, due_on) <= REMINDER_WORKING_DAYS


def information_requests_remind(*, today: date) -> int:
    """Remind the school, once per due date, two working days before it; returns how many requests were reminded.

    For the daily `reminders_send` (or `manage.py information_requests_remind`). A request whose due
    date moved (more time granted) is reminded again before the new date.
    """
    # Imported here: the request services enqueue this module's tasks.
    from meldpunt.investigations.services.requests import information_request_reminder_mark

    # Two working days span at most a long weekend with holidays: a week ahead is a safe upper bound.
    candidates = InformationRequest.objects.filter(
        status=RequestStatus.SENT,
        reminder_sent_at__isnull=True,
        due_on__gte=today,
        due_on__lte=today + timedelta(days=7),
    ).select_related("case__school")
    reminded = 0
    for request in candidates:
        assert request.due_on is not None
        if not reminder_due(due_on=request.due_on, today=today):
            continue
        if not information_request_reminder_mark(request_id=request.pk, now=timezone.now()):
            continue  # another run reminded it meanwhile
        for to in school_recipients(request):
            _send(school_notice_email(notice=SchoolNotice.REMINDER, to=to), kind="reminder", request_id=request.pk)
        reminded += 1
    logger.info("information request reminders sent", extra={"reminded": reminded})
    return reminded


@task()
def information_requests_remind_task() -> int:
    return information_requests_remind(today=local_date(timezone.now()))
