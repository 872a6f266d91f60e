import re

import pytest
from django.urls import reverse
from django.utils import timezone

from meldpunt.accounts.tests.helpers import make_staff_user
from meldpunt.cases.constants import Status
from meldpunt.investigations.constants import PartyRole
from meldpunt.investigations.models import Party
from meldpunt.privacy.models import AuditEntry
from meldpunt.referrals.models import Referral
from meldpunt.referrals.services import referral_accept, referral_report

from .conftest import EMAIL, PHONE

pytestmark = pytest.mark.django_db(transaction=True)


def _url(name, setting, **kwargs):
    return reverse(f"referrals:{name}", kwargs={"reference": setting.case.reference, **kwargs})


def _title(response) -> str:
    return re.search(r"<title>(.*?)</title>", response.content.decode(), re.S).group(1).strip()


def _form(setting, **overrides):
    return {
        "kind": "network_organisation",
        "organisation": str(setting.organisation.pk),
        "summary": f"Marieke Jansen ({EMAIL}, {PHONE}) zoekt steun.",
        "consent_choice": "intake",
        **overrides,
    }


def test_form_preview_send(setting, signed_in):
    """Form, then a preview of exactly what the partner sees (redacted), then Send stores it and shows it."""
    Party.objects.create(case=setting.case, role=PartyRole.REPORTER, name="Marieke Jansen", added_at=timezone.now())
    client = signed_in(setting.handler)
    page = client.get(_url("new", setting))
    html = page.content.decode()
    assert page.status_code == 200 and "Stichting Steun op School" in html
    assert "pesten of psychisch geweld" in html and "Gegeven bij de melding op" in html
    assert 'name="close_case"' in html  # the case is in intake
    response = client.post(_url("new", setting), _form(setting))
    assert response.status_code == 302 and response["Location"] == _url("preview", setting)
    assert not Referral.objects.exists()
    preview = client.get(_url("preview", setting)).content.decode()
    assert "Controleer de doorverwijzing" in preview and "[naam weggelaten]" in preview
    for secret in ("Marieke", EMAIL, PHONE):
        assert secret not in preview, secret
    assert "De melder gaf toestemming op" in preview
    response = client.post(_url("send", setting))
    assert response.status_code == 302 and response["Location"] == _url("case", setting)
    referral = Referral.objects.get()
    overview = client.get(_url("case", setting)).content.decode()
    assert "Stichting Steun op School" in overview and "Verstuurd" in overview and "nog niet" in overview
    assert "[naam weggelaten]" in overview
    assert client.get(_url("preview", setting))["Location"] == _url("new", setting)  # the draft is gone
    assert AuditEntry.objects.filter(action="referral.sent", object_pk=str(referral.pk)).exists()
    views = AuditEntry.objects.filter(action="case.read", actor=setting.handler).values_list("details", flat=True)
    assert {"view": "referral_preview"} in list(views) and {"view": "referrals"} in list(views)


def test_form_refuses_without_consent(setting, signed_in):
    """Without consent the form comes back with an error summary and "Fout:" in the title; nothing is stored."""
    setting.case.consent_referral = False
    setting.case.save(update_fields=["consent_referral"])
    client = signed_in(setting.handler)
    response = client.post(_url("new", setting), _form(setting, consent_choice=""))
    html = response.content.decode()
    assert response.status_code == 200 and _title(response).startswith("Fout:")
    assert "Zonder toestemming van de melder kunt u niet doorverwijzen" in html
    assert 'href="#id_consent_choice_0"' in html
    assert client.post(_url("send", setting)).status_code == 302
    assert not Referral.objects.exists()


def test_form_keeps_the_draft_when_changing(setting, signed_in):
    """Back from the preview, the form shows what the handler filled in."""
    client = signed_in(setting.handler)
    client.post(_url("new", setting), _form(setting, summary="Eerste versie van de tekst."))
    assert "Eerste versie van de tekst." in client.get(_url("new", setting)).content.decode()


def test_close_case_from_the_form(setting, signed_in):
    """Ticking "close as referred" in intake ends the case as referred when sending."""
    client = signed_in(setting.handler)
    client.post(_url("new", setting), _form(setting, close_case="on"))
    assert "wordt afgesloten als doorverwezen" in client.get(_url("preview", setting)).content.decode()
    client.post(_url("send", setting))
    setting.case.refresh_from_db()
    assert setting.case.status == Status.REFERRED


def test_buddy_link_from_the_overview(setting, signed_in, send):
    """After a report with a buddy, the overview offers the link; posting it creates the support access."""
    referral = send()
    referral_accept(referral=referral, user=setting.partner)
    referral_report(
        referral=referral,
        user=setting.partner,
        contact_made=True,
        contact_made_on=timezone.localdate(),
        support_offered="Buddy",
        buddy_assigned=True,
        buddy_name="Bram Buddy",
        buddy_email="bram@steun.example",
    )
    client = signed_in(setting.handler)
    html = client.get(_url("case", setting)).content.decode()
    assert "Koppel de buddy als steunpersoon van de melder" in html and "Bram Buddy" in html
    response = client.post(_url("buddy_link", setting, referral_id=referral.pk))
    assert response.status_code == 302
    referral.refresh_from_db()
    assert referral.buddy_access is not None
    html = client.get(_url("case", setting)).content.decode()
    assert "Gekoppeld als steunpersoon van de melder." in html
    assert "Koppel de buddy" not in html and referral.buddy_access_code not in html


def test_other_staff_are_refused(setting, signed_in, send):
    """Another handler and an unassigned coordinator get 403 on every referral page of the case."""
    referral = send()
    for role in ("handler", "coordinator"):
        client = signed_in(make_staff_user(role))
        assert client.get(_url("case", setting)).status_code == 403
        assert client.get(_url("new", setting)).status_code == 403
        assert client.post(_url("close", setting, referral_id=referral.pk)).status_code == 403


def test_unknown_referral_of_the_case_is_404(setting, signed_in):
    """Closing a referral id that is not of this case is a 404."""
    client = signed_in(setting.handler)
    assert client.post(_url("close", setting, referral_id=99999)).status_code == 404
