"""Sending the advice to oneself: one mail, nothing stored, throttled per client."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.core import mail
from django.test import Client
from django.urls import reverse

from meldpunt.core.models import ThrottleHit
from meldpunt.guide.tests.guide_walk import PARENT_STUCK, answer_all

pytestmark = pytest.mark.django_db

ADDRESS = "ouder.geheim@example.nl"


def _row_counts() -> dict[str, int]:
    return {model._meta.label: model._default_manager.count() for model in apps.get_models()}


def test_sending_the_advice_sends_exactly_one_mail_and_stores_nothing(client: Client, network):
    """One mail with the advice goes to the address; no table but the throttle gains a row, and the session
    does not hold the address."""
    answer_all(client, PARENT_STUCK)
    client.get(reverse("guide:advice"))
    before = _row_counts()
    response = client.post(reverse("guide:advice_email"), {"email": ADDRESS})
    assert response.status_code == 302
    assert response["Location"] == reverse("guide:advice")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [ADDRESS]
    assert "Praat met de vertrouwenspersoon van de school" in message.body
    assert "Ouders & Onderwijs" in message.body
    assert "/melden/" in message.body
    assert "Ik ben ouder of verzorger" not in message.body  # the answers themselves are not in the mail
    after = _row_counts()
    changed = {label for label in after if after[label] != before[label]}
    assert changed <= {ThrottleHit._meta.label, "sessions.Session"}
    assert ADDRESS not in str(dict(client.session.items()))
    assert not any(ADDRESS in str(value) for value in ThrottleHit.objects.values_list("key_hash", flat=True))
    page = client.get(reverse("guide:advice")).content.decode()
    assert "Het advies is verstuurd." in page and ADDRESS not in page


def test_the_mail_starts_with_the_emergency_numbers_after_danger(client: Client, network):
    """When someone is in danger the mail names 112 and the other numbers before the advice."""
    answer_all(client, {**PARENT_STUCK, "danger": ["yes"]})
    client.post(reverse("guide:advice_email"), {"email": ADDRESS})
    body = mail.outbox[0].body
    assert body.index("112") < body.index("0800-0432") < body.index("Wat u kunt doen")


def test_a_wrong_address_is_refused_with_an_error_summary_and_no_mail(client: Client, network):
    """ "geen-adres" gets a clear message linked to the field; nothing is sent."""
    answer_all(client, PARENT_STUCK)
    response = client.post(reverse("guide:advice_email"), {"email": "geen-adres"})
    html = response.content.decode()
    assert response.status_code == 400
    assert "<title>Fout: " in html
    assert 'href="#id_email"' in html and "Geef een geldig e-mailadres, zoals naam@voorbeeld.nl." in html
    assert mail.outbox == []


def test_sending_is_throttled_per_client(client: Client, network):
    """After five mails in an hour the sixth is refused with when to try again."""
    answer_all(client, PARENT_STUCK)
    for _ in range(5):
        assert client.post(reverse("guide:advice_email"), {"email": ADDRESS}).status_code == 302
    response = client.post(reverse("guide:advice_email"), {"email": ADDRESS})
    assert response.status_code == 400
    assert "Probeer het over" in response.content.decode()
    assert len(mail.outbox) == 5


def test_sending_before_the_advice_is_complete_leads_to_the_open_question(client: Client):
    """Without complete answers there is no advice to send: the visitor goes to the open question."""
    response = client.post(reverse("guide:advice_email"), {"email": ADDRESS})
    assert response.status_code == 302
    assert mail.outbox == []
