import re

import pytest
from django.core import mail
from django.test import override_settings
from django_tasks import default_task_backend

from meldpunt.portal.models import SignInLink
from meldpunt.portal.services import SignInRefused, SignInThrottled, sign_in_link_redeem, sign_in_link_request
from meldpunt.privacy.models import AuditEntry

from .factories import DESCRIPTION, EMAIL

CLIENT = "203.0.113.8"
LINK = re.compile(r"http://testserver/mijn-melding/inloglink/([A-Za-z0-9_-]{40,})")
pytestmark = pytest.mark.django_db(transaction=True)


def _token_from_last_email() -> str:
    match = LINK.search(mail.outbox[-1].body)
    assert match, mail.outbox[-1].body
    return match.group(1)


@pytest.fixture(autouse=True)
def _site_url(settings):
    settings.SITE_URL = "http://testserver"


def test_link_is_emailed_and_signs_in_once(submitted):
    """The link goes to the address given at intake, signs in once, and then never again."""
    mail.outbox.clear()
    sign_in_link_request(reference=submitted.case.reference.lower(), client=CLIENT)
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [EMAIL]
    token = _token_from_last_email()
    assert sign_in_link_redeem(token=token).pk == submitted.case.pk
    with pytest.raises(SignInRefused):
        sign_in_link_redeem(token=token)
    assert AuditEntry.objects.filter(action="case.reporter_sign_in", details={"method": "link"}).count() == 1


def test_only_the_hash_of_the_token_is_stored(submitted):
    """Neither the link table nor the email's subject holds the token itself."""
    mail.outbox.clear()
    sign_in_link_request(reference=submitted.case.reference, client=CLIENT)
    token = _token_from_last_email()
    link = SignInLink.objects.get()
    assert link.token_hash and token not in link.token_hash and len(link.token_hash) == 64
    assert token not in mail.outbox[0].subject


def test_link_expires_after_thirty_minutes(submitted, time_machine):
    """A link used more than 30 minutes after it was sent is refused."""
    time_machine.move_to("2026-11-30 10:00 +01:00", tick=False)
    mail.outbox.clear()
    sign_in_link_request(reference=submitted.case.reference, client=CLIENT)
    token = _token_from_last_email()
    time_machine.move_to("2026-11-30 10:30:01 +01:00", tick=False)
    with pytest.raises(SignInRefused):
        sign_in_link_redeem(token=token)


def test_link_works_just_before_it_expires(submitted, time_machine):
    """29 minutes after it was sent the link still works."""
    time_machine.move_to("2026-11-30 10:00 +01:00", tick=False)
    mail.outbox.clear()
    sign_in_link_request(reference=submitted.case.reference, client=CLIENT)
    token = _token_from_last_email()
    time_machine.move_to("2026-11-30 10:29 +01:00", tick=False)
    assert sign_in_link_redeem(token=token).pk == submitted.case.pk


@pytest.mark.parametrize("token", ["", "x" * 43, "x" * 500])
def test_made_up_tokens_are_refused(submitted, token):
    """A token that was never sent, or an absurdly long one, is refused."""
    with pytest.raises(SignInRefused):
        sign_in_link_redeem(token=token)


def test_nothing_is_sent_without_a_case_or_an_email(make_report):
    """An unknown reference or a case without an email address gets no email, and no error either."""
    without_email = make_report(contact={})
    mail.outbox.clear()
    sign_in_link_request(reference="MSV-2026-999999", client=CLIENT)
    sign_in_link_request(reference=without_email.case.reference, client=CLIENT)
    assert mail.outbox == [] and not SignInLink.objects.exists()


def test_link_email_holds_no_case_content(make_report, school):
    """The link email names no reference, description, school or contact details."""
    submitted = make_report(school="32JK00", share_identity_with_school=True)
    mail.outbox.clear()
    sign_in_link_request(reference=submitted.case.reference, client=CLIENT)
    message = mail.outbox[0]
    for secret in (submitted.case.reference, DESCRIPTION[:20], "Verwondering", "32JK00", "98765432", EMAIL):
        assert secret not in message.body and secret not in message.subject


def test_a_few_links_per_reference_then_silence(submitted):
    """After three requests for one reference in 15 minutes no more emails go out, without telling."""
    mail.outbox.clear()
    for number in range(5):
        sign_in_link_request(reference=submitted.case.reference, client=f"198.51.100.{number}")
    assert len(mail.outbox) == 3


@override_settings(REPORTER_SIGNIN_FAILURES_PER_CLIENT=30)
def test_a_client_asking_too_often_is_throttled(submitted):
    """One client may ask ten times in 15 minutes; the eleventh request is throttled."""
    for number in range(10):
        sign_in_link_request(reference=f"MSV-2026-{number:06d}", client=CLIENT)
    with pytest.raises(SignInThrottled):
        sign_in_link_request(reference=submitted.case.reference, client=CLIENT)


def test_queue_never_holds_the_token(submitted, settings):
    """With a real queue, the enqueued task carries the link's id, not a token or a link."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    sign_in_link_request(reference=submitted.case.reference, client=CLIENT)
    (result,) = [r for r in default_task_backend.results if r.kwargs.get("notice") == "sign_in_link"]
    assert set(result.kwargs) == {"case_id", "notice", "sign_in_link_id"}
    assert SignInLink.objects.get().token_hash is None
