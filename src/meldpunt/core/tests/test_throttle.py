from datetime import timedelta

import pytest
from django.test import RequestFactory, override_settings
from django.utils import timezone

from meldpunt.core.models import ThrottleHit
from meldpunt.core.throttle import Limit, client_address, throttle_hit, throttle_retry_after

LIMIT = Limit("test", max_hits=3, window=timedelta(minutes=15))


@pytest.mark.django_db
def test_limit_reached_after_max_hits_and_frees_up_after_the_window():
    """A key is throttled after max_hits within the window, and free again once the oldest hit ages out."""
    start = timezone.now()
    for minute in range(3):
        assert throttle_retry_after(limit=LIMIT, key="k", now=start + timedelta(minutes=minute)) is None
        throttle_hit(limit=LIMIT, key="k", now=start + timedelta(minutes=minute))
    wait = throttle_retry_after(limit=LIMIT, key="k", now=start + timedelta(minutes=3))
    assert wait == 12 * 60
    assert throttle_retry_after(limit=LIMIT, key="k", now=start + timedelta(minutes=15, seconds=1)) is None
    assert throttle_retry_after(limit=LIMIT, key="other", now=start + timedelta(minutes=3)) is None


@pytest.mark.django_db
def test_keys_are_stored_hashed():
    """The throttle table never holds an address or reference in the clear."""
    throttle_hit(limit=LIMIT, key="203.0.113.9")
    assert not ThrottleHit.objects.filter(key_hash__contains="203.0.113.9").exists()


@override_settings(TRUSTED_PROXIES=["10.0.0.1"])
def test_client_address_trusts_only_configured_proxies():
    """X-Forwarded-For is believed only from a trusted proxy; otherwise the connecting address counts."""
    factory = RequestFactory()
    via_proxy = factory.get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.7, 10.0.0.1")
    assert client_address(via_proxy) == "198.51.100.7"
    direct = factory.get("/", REMOTE_ADDR="192.0.2.5", HTTP_X_FORWARDED_FOR="198.51.100.7")
    assert client_address(direct) == "192.0.2.5"
