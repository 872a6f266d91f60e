import pytest
from django.core import mail
from django.db import transaction

from meldpunt.cases.models import StatusChange
from meldpunt.portal.tasks import reporter_news_announce

pytestmark = pytest.mark.django_db(transaction=True)


def test_status_change_news_goes_out_after_commit(submitted):
    """A status change announced inside its transaction is emailed only once that transaction commits."""
    mail.outbox.clear()
    with transaction.atomic():
        StatusChange.objects.create(
            case=submitted.case, from_status="received", to_status="intake", at=submitted.case.received_at
        )
        reporter_news_announce(case=submitted.case)
        assert mail.outbox == []
    assert len(mail.outbox) == 1
    assert "nieuws" in mail.outbox[0].subject.lower()


def test_no_news_when_the_transaction_rolls_back(submitted):
    """When the change is rolled back, no email goes out."""
    mail.outbox.clear()
    with pytest.raises(RuntimeError), transaction.atomic():
        reporter_news_announce(case=submitted.case)
        raise RuntimeError("rolled back")
    assert mail.outbox == []


def test_no_news_without_an_email_address(make_report):
    """A reporter who gave no email address gets nothing queued."""
    case = make_report(contact={}).case
    with transaction.atomic():
        reporter_news_announce(case=case)
    assert mail.outbox == []
