"""Reporter emails delivered through real SMTP: a local server started by the test receives them."""

import email
import email.policy
import logging
import socket
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import timedelta

import pytest
from aiosmtpd.controller import Controller
from django.utils import timezone
from django_tasks import default_task_backend
from django_tasks.base import TaskResultStatus
from django_tasks.signals import task_finished

from meldpunt.cases.services import case_message_from_handler_send
from meldpunt.portal.notifications import Notice
from meldpunt.portal.services import SignInRefused, sign_in_link_redeem, sign_in_link_request
from meldpunt.portal.tasks import MAX_ATTEMPTS, reporter_notify

from .factories import DESCRIPTION, EMAIL, PHONE

pytestmark = pytest.mark.django_db(transaction=True)


@dataclass
class Mailbox:
    """An SMTP handler that keeps what it receives, and can refuse the next few deliveries."""

    received: list[email.message.EmailMessage] = field(default_factory=list)
    refuse_next: int = 0

    async def handle_DATA(self, server, session, envelope) -> str:
        if self.refuse_next:
            self.refuse_next -= 1
            return "451 4.3.0 Try again later"
        self.received.append(email.message_from_bytes(envelope.content, policy=email.policy.default))
        return "250 OK"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def smtp(settings) -> Iterator[Mailbox]:
    mailbox = Mailbox()
    controller = Controller(mailbox, hostname="127.0.0.1", port=_free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = controller.port
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_TIMEOUT = 5
    try:
        yield mailbox
    finally:
        controller.stop()


@pytest.fixture
def dummy_queue(settings):
    """A queue that keeps tasks instead of running them, like the database queue before its worker runs."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    default_task_backend.clear()
    yield default_task_backend
    default_task_backend.clear()


def _body(message: email.message.EmailMessage) -> str:
    return message.get_body(preferencelist=("plain",)).get_content()


def test_acknowledgement_and_news_arrive_without_case_content(smtp, make_report, school, assigned_handler, caplog):
    """The acknowledgement and the news email reach the SMTP server and hold no case content at all."""
    caplog.set_level(logging.DEBUG)
    submitted = make_report(school="32JK00", share_identity_with_school=True)
    handler = assigned_handler(submitted.case)
    case_message_from_handler_send(case=submitted.case, author=handler, body="Hoi, wil je me morgen bellen?")

    assert [m["To"] for m in smtp.received] == [EMAIL, EMAIL]
    acknowledgement, news = smtp.received
    assert "ontvangen" in acknowledgement["Subject"] and "nieuws" in news["Subject"]
    forbidden = (
        DESCRIPTION[:25],
        "morgen bellen",
        submitted.case.reference,
        submitted.access_code,
        "Verwondering",
        "ALTEVEER",
        "32JK00",
        PHONE,
        "98765432",
        EMAIL,
        "Henk",
        "Vries",
    )
    for message in smtp.received:
        text = _body(message) + message["Subject"]
        for secret in forbidden:
            assert secret not in text, secret
        assert "/mijn-melding/" in _body(message)
    # Nor in any log line the application wrote meanwhile (mail.log is the test's own SMTP server).
    logged = "\n".join(
        record.getMessage() + " " + str(record.__dict__) for record in caplog.records if record.name != "mail.log"
    )
    for secret in forbidden:
        assert secret not in logged, secret


def test_english_reporter_gets_english_email(smtp, make_report, assigned_handler):
    """A report made in English gets its emails in English."""
    submitted = make_report(language="en")
    case_message_from_handler_send(case=submitted.case, author=assigned_handler(submitted.case), body="Hi")
    assert smtp.received[-1]["Subject"] == "There is news about your report"


def test_failed_delivery_is_retried_with_back_off(smtp, dummy_queue, make_report, time_machine):
    """A refused delivery queues the same notice again after 2 minutes; the retry then arrives."""
    time_machine.move_to("2026-11-30 10:00 +01:00", tick=False)
    case = make_report().case
    (queued,) = dummy_queue.results  # the acknowledgement, waiting for a worker
    smtp.refuse_next = 1
    reporter_notify.call(**queued.kwargs)
    assert smtp.received == []
    retry = dummy_queue.results[-1]
    assert retry.kwargs == {**queued.kwargs, "attempt": 2, "link_path": None, "sign_in_link_id": None}
    assert retry.task.run_after == timezone.now() + timedelta(minutes=2)

    reporter_notify.call(**retry.kwargs)
    assert len(smtp.received) == 1 and smtp.received[0]["To"] == EMAIL
    assert case.pk == queued.kwargs["case_id"]


def test_back_off_doubles_and_gives_up(smtp, dummy_queue, make_report, time_machine):
    """Each retry waits twice as long (2, 4, 8, 16, 32 minutes); after the sixth attempt the task fails."""
    time_machine.move_to("2026-11-30 10:00 +01:00", tick=False)
    make_report()
    smtp.refuse_next = MAX_ATTEMPTS
    kwargs = dummy_queue.results[0].kwargs
    delays = []
    for _attempt in range(1, MAX_ATTEMPTS):
        reporter_notify.call(**kwargs)
        retry = dummy_queue.results[-1]
        delays.append(retry.task.run_after - timezone.now())
        kwargs = retry.kwargs
    assert delays == [timedelta(minutes=m) for m in (2, 4, 8, 16, 32)]
    queued = len(dummy_queue.results)
    with pytest.raises(Exception, match="451"):
        reporter_notify.call(**kwargs)
    assert len(dummy_queue.results) == queued  # no seventh attempt
    assert smtp.received == []


def test_queue_that_cannot_defer_fails_the_task_and_keeps_the_request(smtp, make_report, assigned_handler, caplog):
    """With the immediate backend no retry can wait: the task fails visibly, the message is still stored."""
    submitted = make_report()
    handler = assigned_handler(submitted.case)
    smtp.refuse_next = 1
    results = []

    def record(sender, task_result, **kwargs):
        results.append(task_result)

    task_finished.connect(record)
    try:
        with caplog.at_level(logging.WARNING, logger="meldpunt.portal.tasks"):
            message = case_message_from_handler_send(case=submitted.case, author=handler, body="Hallo")
    finally:
        task_finished.disconnect(record)
    assert message.pk is not None
    (result,) = results
    assert result.status == TaskResultStatus.FAILED
    assert result.errors[0].exception_class_path == "smtplib.SMTPDataError"
    assert any(r.getMessage() == "reporter notice not delivered, no retry left" for r in caplog.records)
    assert [m["Subject"] for m in smtp.received] == ["We hebben uw melding ontvangen"]


def test_sign_in_link_retry_mints_a_new_token(smtp, dummy_queue, submitted, settings):
    """A retried sign-in email carries a fresh token; the token of the failed attempt never works."""
    settings.SITE_URL = "http://testserver"
    dummy_queue.clear()
    sign_in_link_request(reference=submitted.case.reference, client="203.0.113.1")
    (queued,) = dummy_queue.results
    assert queued.kwargs["notice"] == Notice.SIGN_IN_LINK
    smtp.refuse_next = 1
    reporter_notify.call(**queued.kwargs)
    reporter_notify.call(**dummy_queue.results[-1].kwargs)
    (delivered,) = smtp.received
    token = _body(delivered).split("/mijn-melding/inloglink/")[1].split()[0]
    assert sign_in_link_redeem(token=token).pk == submitted.case.pk
    with pytest.raises(SignInRefused):
        sign_in_link_redeem(token=token)
