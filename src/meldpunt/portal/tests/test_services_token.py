import pytest
from django.test import override_settings

from meldpunt.portal.models import ReporterToken
from meldpunt.portal.services import reporter_token_case, reporter_token_issue

pytestmark = pytest.mark.django_db


@override_settings(REPORTER_TOKEN_MINUTES=30)
def test_token_opens_the_case_until_it_expires(submitted, time_machine):
    """A token gives its case for REPORTER_TOKEN_MINUTES, then nothing."""
    time_machine.move_to("2026-11-30 10:00 +01:00", tick=False)
    token, expires_at = reporter_token_issue(case=submitted.case)
    assert expires_at.isoformat() == "2026-11-30T09:30:00+00:00"
    time_machine.move_to("2026-11-30 10:29:59 +01:00", tick=False)
    assert reporter_token_case(token=token).pk == submitted.case.pk
    time_machine.move_to("2026-11-30 10:30:00 +01:00", tick=False)
    assert reporter_token_case(token=token) is None


def test_tokens_are_random_and_stored_hashed(submitted):
    """Two tokens differ, and the table holds only their SHA-256 hashes."""
    first, _ = reporter_token_issue(case=submitted.case)
    second, _ = reporter_token_issue(case=submitted.case)
    assert first != second and len(first) >= 40
    stored = set(ReporterToken.objects.values_list("token_hash", flat=True))
    assert first not in stored and second not in stored and all(len(h) == 64 for h in stored)


@pytest.mark.parametrize("token", ["", "nonsense", "x" * 1000])
def test_unknown_tokens_give_nothing(submitted, token):
    """A token that was never issued gives no case."""
    reporter_token_issue(case=submitted.case)
    assert reporter_token_case(token=token) is None


def test_expired_tokens_are_cleared_at_the_next_issue(submitted, time_machine):
    """Issuing a token removes the case's expired ones, so the table does not grow without end."""
    time_machine.move_to("2026-11-30 10:00 +01:00", tick=False)
    reporter_token_issue(case=submitted.case)
    time_machine.move_to("2026-11-30 12:00 +01:00", tick=False)
    reporter_token_issue(case=submitted.case)
    assert ReporterToken.objects.count() == 1
