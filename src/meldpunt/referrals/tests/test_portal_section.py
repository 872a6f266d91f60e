import pytest
from django.test import Client
from django.utils import timezone

from meldpunt.portal.visitors import Visitor, VisitorKind
from meldpunt.referrals.portal_section import reporter_section
from meldpunt.referrals.selectors import partner_referral_open
from meldpunt.referrals.services import referral_accept, referral_report, referral_send

from .conftest import network_input

pytestmark = pytest.mark.django_db(transaction=True)


def test_no_section_without_referrals(setting):
    """A case that was never referred shows no referral section."""
    assert reporter_section(case=setting.case, visitor=Visitor(setting.case, VisitorKind.REPORTER)) is None


def test_reporter_sees_what_was_shared_with_whom_and_what_came_of_it(setting, send):
    """The portal page lists the organisation, the shared text, the basis, who opened it when, and the feedback."""
    referral = send()
    partner_referral_open(user=setting.partner, referral_id=referral.pk)
    referral_accept(referral=referral, user=setting.partner)
    referral_report(
        referral=referral,
        user=setting.partner,
        contact_made=True,
        contact_made_on=timezone.localdate(),
        support_offered="Twee gesprekken met een ervaringsdeskundige.",
        buddy_assigned=True,
        buddy_name="Bram Buddy",
        buddy_email="",
    )
    referral_send(
        case=setting.case,
        user=setting.handler,
        data=network_input(setting, kind="police", organisation_id=None, legal_ground="Meldcode, stap 5"),
    )
    client = Client()
    client.post("/mijn-melding/", {"reference": setting.case.reference, "access_code": setting.submitted.access_code})
    html = client.get("/mijn-melding/melding").content.decode()
    today = timezone.localdate()
    months = [
        "januari",
        "februari",
        "maart",
        "april",
        "mei",
        "juni",
        "juli",
        "augustus",
        "september",
        "oktober",
        "november",
        "december",
    ]
    day = f"{today.day} {months[today.month - 1]} {today.year}"
    for expected in (
        'id="doorverwijzingen"',
        "Stichting Steun op School",
        "Ouder zoekt steun bij gesprekken met de school.",
        "Met uw toestemming",
        f"Bekeken door Stichting Steun op School op {day}",
        "Aangenomen",
        f"Ja, op {day}",
        "Twee gesprekken met een ervaringsdeskundige.",
        "Bram Buddy",
        "Politie",
        "Zonder uw toestemming, omdat de wet dit vraagt: Meldcode, stap 5",
    ):
        assert expected in html, expected
    assert setting.handler.first_name not in html  # staff names never reach the reporter


def test_support_person_sees_it_read_only(setting, send):
    """A support person sees the same list (without any buddy code)."""
    send()
    section = reporter_section(case=setting.case, visitor=Visitor(setting.case, VisitorKind.SUPPORT_PERSON, "STP-X"))
    assert section is not None and section.context["referrals"][0].recipient == "Stichting Steun op School"
