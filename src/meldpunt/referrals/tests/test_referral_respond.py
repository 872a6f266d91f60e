import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from meldpunt.accounts.tests.helpers import make_staff_user
from meldpunt.core.errors import MeldpuntError, NotFound, PermissionDenied
from meldpunt.privacy.actors import ActorKind
from meldpunt.privacy.models import AuditEntry
from meldpunt.referrals.constants import ReferralStatus
from meldpunt.referrals.rules import ReferralRefused
from meldpunt.referrals.selectors import partner_inbox, partner_referral_get, partner_referral_open
from meldpunt.referrals.services import referral_accept, referral_close, referral_decline, referral_report

from .conftest import organisation_make

pytestmark = pytest.mark.django_db(transaction=True)


def _report(referral, user, **overrides):
    values = {
        "contact_made": True,
        "contact_made_on": timezone.localdate(),
        "support_offered": "Twee gesprekken en hulp bij een brief aan het bestuur.",
        "buddy_assigned": True,
        "buddy_name": "Bram Buddy",
        "buddy_email": "bram@steun.example",
        **overrides,
    }
    return referral_report(referral=referral, user=user, **values)


def test_partner_accepts_and_handler_is_told_without_content(setting, send):
    """Accepting is stored and audited as the partner; handler and reporter get an email only that there is news."""
    referral = send()
    mail.outbox.clear()
    accepted = referral_accept(referral=referral, user=setting.partner)
    assert accepted.status == ReferralStatus.ACCEPTED and accepted.decided_by == setting.partner
    entry = AuditEntry.objects.get(action="referral.accepted")
    assert (entry.actor_kind, entry.actor) == (ActorKind.PARTNER, setting.partner)
    assert sorted(m.to[0] for m in mail.outbox) == sorted([setting.handler.email, "ouder.melder@example.nl"])
    for message in mail.outbox:
        assert setting.case.reference not in message.body and "Stichting" not in message.body
        assert "Ouder zoekt" not in message.body


def test_decline_needs_a_reason(setting, send):
    """A decline without a reason is refused; with one, the reason is kept (encrypted) and audited."""
    referral = send()
    with pytest.raises(MeldpuntError) as refused:
        referral_decline(referral=referral, user=setting.partner, reason="  ")
    assert refused.value.field == "reason"
    declined = referral_decline(referral=referral, user=setting.partner, reason="Geen plek deze maand.")
    assert (declined.status, declined.decline_reason) == (ReferralStatus.DECLINED, "Geen plek deze maand.")
    assert AuditEntry.objects.filter(action="referral.declined", actor_kind=ActorKind.PARTNER).exists()
    with pytest.raises(ReferralRefused):
        referral_accept(referral=referral, user=setting.partner)


def test_report_back_after_accepting(setting, send):
    """Reporting back needs an accepted referral; the fields are stored and the report is audited."""
    referral = send()
    with pytest.raises(ReferralRefused):
        _report(referral, setting.partner)
    referral_accept(referral=referral, user=setting.partner)
    reported = _report(referral, setting.partner)
    assert reported.contact_made and reported.contact_made_on == timezone.localdate()
    assert reported.buddy_assigned and (reported.buddy_name, reported.buddy_email) == (
        "Bram Buddy",
        "bram@steun.example",
    )
    assert reported.reported_by == setting.partner and reported.reported_at is not None
    entry = AuditEntry.objects.get(action="referral.reported")
    assert entry.details == {"contact_made": True, "buddy_assigned": True}


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"contact_made": None}, "contact_made"),
        ({"contact_made_on": None}, "contact_made_on"),
        ({"contact_made": False}, "contact_made_on"),
        ({"contact_made_on": dt.date.today() + dt.timedelta(days=2)}, "contact_made_on"),
        ({"contact_made_on": dt.date.today() - dt.timedelta(days=30)}, "contact_made_on"),
        ({"buddy_name": ""}, "buddy_name"),
        ({"buddy_email": "geen-adres"}, "buddy_email"),
        ({"buddy_assigned": False}, "buddy_name"),
    ],
)
def test_report_back_checks_its_fields(setting, send, overrides, field):
    """Contact needs a date (not in the future, not before the referral); a buddy needs a name and a valid address."""
    referral = send()
    referral_accept(referral=referral, user=setting.partner)
    with pytest.raises(MeldpuntError) as refused:
        _report(referral, setting.partner, **overrides)
    assert refused.value.field == field


def test_other_organisation_sees_nothing(setting, send):
    """A partner of another organisation cannot find, open or answer the referral; a handler neither."""
    referral = send()
    stranger = make_staff_user("partner", partner=organisation_make("Andere Stichting"))
    assert partner_inbox(user=stranger) == []
    for user in (stranger, setting.handler):
        with pytest.raises(NotFound):
            partner_referral_get(user=user, referral_id=referral.pk)
        with pytest.raises(NotFound):
            partner_referral_open(user=user, referral_id=referral.pk)
        with pytest.raises(PermissionDenied):
            referral_accept(referral=referral, user=user)
    with pytest.raises(PermissionDenied):
        partner_inbox(user=setting.handler)
    assert not AuditEntry.objects.filter(action="referral.read").exists()


def test_partner_read_is_audited_as_partner(setting, send):
    """Opening a referral writes a read by the partner organisation to the audit log."""
    referral = send()
    assert [row.number for row in partner_inbox(user=setting.partner)] == [referral.pk]
    page = partner_referral_open(user=setting.partner, referral_id=referral.pk)
    assert page.may_decide and not page.may_report
    entry = AuditEntry.objects.get(action="referral.read")
    assert (entry.actor_kind, entry.actor, entry.object_pk) == (ActorKind.PARTNER, setting.partner, str(referral.pk))


def test_handler_closes_a_referral(setting, send):
    """The handler closes a referral; after that the partner can no longer report back."""
    referral = send()
    referral_accept(referral=referral, user=setting.partner)
    with pytest.raises(PermissionDenied):
        referral_close(referral=referral, user=setting.partner)
    closed = referral_close(referral=referral, user=setting.handler)
    assert closed.status == ReferralStatus.CLOSED and closed.closed_at is not None
    assert AuditEntry.objects.filter(action="referral.closed", actor=setting.handler).exists()
    with pytest.raises(ReferralRefused):
        _report(referral, setting.partner)
