import pytest
from django.core import mail
from django.utils import timezone

from meldpunt.core.errors import MeldpuntError, PermissionDenied
from meldpunt.portal.models import SupportAccess
from meldpunt.portal.services import visitor_sign_in
from meldpunt.portal.visitors import Visitor, VisitorKind
from meldpunt.privacy.models import AuditEntry
from meldpunt.referrals.portal_section import reporter_section
from meldpunt.referrals.rules import ReferralRefused
from meldpunt.referrals.services import referral_accept, referral_buddy_link, referral_report

pytestmark = pytest.mark.django_db(transaction=True)
BUDDY_EMAIL = "bram@steun.example"


@pytest.fixture
def reported(setting, send):
    """A referral the partner accepted and reported back on, with a buddy who has an email address."""
    referral = send()
    referral_accept(referral=referral, user=setting.partner)
    return referral_report(
        referral=referral,
        user=setting.partner,
        contact_made=True,
        contact_made_on=timezone.localdate(),
        support_offered="Een buddy voor de gesprekken.",
        buddy_assigned=True,
        buddy_name="Bram Buddy",
        buddy_email=BUDDY_EMAIL,
    )


def _invitation(setting, kind=VisitorKind.REPORTER, support_id=""):
    section = reporter_section(case=setting.case, visitor=Visitor(setting.case, kind, support_id))
    return section.context["referrals"][0].buddy_invitation


def test_link_buddy_as_support_person(setting, reported):
    """Linking makes a read-only support access; the buddy's email has no code, the reporter sees it instead."""
    mail.outbox.clear()
    access = referral_buddy_link(referral=reported, user=setting.handler)
    reported.refresh_from_db()
    assert reported.buddy_access == access and access.case == setting.case and access.is_active
    assert AuditEntry.objects.filter(action="referral.buddy_linked", actor=setting.handler).exists()
    assert AuditEntry.objects.filter(action="case.support_person_invited", object_pk=str(setting.case.pk)).exists()
    assert [m.to for m in mail.outbox] == [[BUDDY_EMAIL]]
    message = mail.outbox[0]
    assert reported.buddy_access_code not in message.body and access.public_id not in message.body
    assert setting.case.reference not in message.body and "/mijn-melding/" in message.body
    invitation = _invitation(setting)
    assert (invitation.support_id, invitation.code) == (access.public_id, reported.buddy_access_code)


def test_code_hidden_from_support_person_and_after_first_sign_in(setting, reported):
    """A support person never sees the buddy's code; once the buddy signed in, the reporter no longer does."""
    access = referral_buddy_link(referral=reported, user=setting.handler)
    reported.refresh_from_db()
    assert _invitation(setting, VisitorKind.SUPPORT_PERSON, access.public_id) is None
    visitor = visitor_sign_in(reference=access.public_id, access_code=reported.buddy_access_code, client="test")
    assert visitor.read_only and visitor.case == setting.case
    assert _invitation(setting) is None


def test_code_hidden_after_revocation(setting, reported):
    """A revoked buddy access is no longer offered to pass on."""
    access = referral_buddy_link(referral=reported, user=setting.handler)
    SupportAccess.objects.filter(pk=access.pk).update(revoked_at=timezone.now())
    assert _invitation(setting) is None


def test_link_refused_without_buddy_twice_or_by_others(setting, send, reported):
    """No buddy (or no address), a second link, or another user than the handler: refused."""
    with pytest.raises(PermissionDenied):
        referral_buddy_link(referral=reported, user=setting.partner)
    referral_buddy_link(referral=reported, user=setting.handler)
    with pytest.raises(MeldpuntError):
        referral_buddy_link(referral=reported, user=setting.handler)
    fresh = send()
    with pytest.raises(ReferralRefused):
        referral_buddy_link(referral=fresh, user=setting.handler)
    assert SupportAccess.objects.count() == 1


def test_partner_cannot_swap_a_linked_buddy(setting, reported):
    """Once linked, the partner cannot remove the buddy or change their address in a new report."""
    referral_buddy_link(referral=reported, user=setting.handler)
    with pytest.raises(MeldpuntError) as refused:
        referral_report(
            referral=reported,
            user=setting.partner,
            contact_made=True,
            contact_made_on=timezone.localdate(),
            support_offered="",
            buddy_assigned=True,
            buddy_name="Iemand Anders",
            buddy_email="anders@steun.example",
        )
    assert refused.value.field == "buddy_assigned"
