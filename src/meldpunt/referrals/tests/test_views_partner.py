import pytest
from django.urls import reverse
from django.utils import timezone

from meldpunt.accounts.tests.helpers import make_staff_user
from meldpunt.privacy.actors import ActorKind
from meldpunt.privacy.models import AuditEntry
from meldpunt.referrals.constants import ReferralStatus

from .conftest import organisation_make

pytestmark = pytest.mark.django_db(transaction=True)


def _url(name, referral=None):
    return reverse(f"partner:{name}", kwargs={"referral_id": referral.pk} if referral else {})


def test_partner_inbox_detail_accept_report(setting, signed_in, send):
    """The partner sees the referral, accepts it and reports back through the pages; each read is audited."""
    referral = send()
    client = signed_in(setting.partner)
    inbox = client.get(_url("referrals")).content.decode()
    assert f"Doorverwijzing {referral.pk}" in inbox and "Nieuw: wacht op uw reactie" in inbox
    assert "Ouder zoekt steun" not in inbox  # the list has no content
    detail = client.get(_url("referral", referral)).content.decode()
    assert "Ouder zoekt steun bij gesprekken met de school." in detail and "Aannemen" in detail
    assert setting.case.reference not in detail
    assert AuditEntry.objects.filter(action="referral.read", actor_kind=ActorKind.PARTNER).count() == 1
    assert client.post(_url("accept", referral)).status_code == 302
    response = client.post(
        _url("report", referral),
        {
            "report-contact_made": "yes",
            "report-contact_made_on": timezone.localdate().strftime("%d-%m-%Y"),
            "report-support_offered": "Gesprekken",
            "report-buddy_assigned": "yes",
            "report-buddy_name": "Bram Buddy",
            "report-buddy_email": "bram@steun.example",
        },
    )
    assert response.status_code == 302
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.ACCEPTED and referral.buddy_name == "Bram Buddy"
    assert 'value="Bram Buddy"' in client.get(_url("referral", referral)).content.decode()


def test_report_errors_come_back_on_the_page(setting, signed_in, send):
    """A report without answers comes back with the error summary, "Fout:" in the title."""
    referral = send()
    client = signed_in(setting.partner)
    client.post(_url("accept", referral))
    response = client.post(_url("report", referral), {"report-support_offered": "x"})
    html = response.content.decode()
    assert response.status_code == 200 and "<title>Fout:" in html
    assert "Geef aan of er contact is gelegd met de melder." in html


def test_decline_needs_a_reason_on_the_page(setting, signed_in, send):
    """Declining without a reason shows the error; with a reason the referral is declined."""
    referral = send()
    client = signed_in(setting.partner)
    response = client.post(_url("decline", referral), {"decline-reason": ""})
    assert response.status_code == 200 and "Schrijf waarom u de doorverwijzing afwijst." in response.content.decode()
    assert client.post(_url("decline", referral), {"decline-reason": "Vol"}).status_code == 302
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.DECLINED


def test_other_organisation_gets_404(setting, signed_in, send):
    """A partner of another organisation gets 404 on the referral's pages and sees an empty inbox."""
    referral = send()
    client = signed_in(make_staff_user("partner", partner=organisation_make("Andere Stichting")))
    assert "Er zijn nog geen doorverwijzingen" in client.get(_url("referrals")).content.decode()
    for name in ("referral", "accept", "decline", "report"):
        method = client.get if name == "referral" else client.post
        assert method(_url(name, referral)).status_code == 404, name
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.SENT


def test_staff_without_partner_role_are_refused(setting, signed_in, send):
    """A handler has no partner inbox (403) and no partner view of a referral (404)."""
    referral = send()
    client = signed_in(setting.handler)
    assert client.get(_url("referrals")).status_code == 403
    assert client.get(_url("referral", referral)).status_code == 404


def test_absurd_ids_are_404(setting, signed_in):
    """A referral number beyond what the database can hold is not found, never a server error."""
    huge = 10**30
    assert signed_in(setting.partner).get(f"/partner/{huge}/").status_code == 404
    url = reverse("referrals:close", kwargs={"reference": setting.case.reference, "referral_id": huge})
    assert signed_in(setting.handler).post(url).status_code == 404
