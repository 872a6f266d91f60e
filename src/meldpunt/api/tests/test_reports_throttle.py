import pytest

from meldpunt.api.tests.reports_fixtures import post_json, school_fixture, valid_report_fixture  # noqa: F401  (fixtures)
from meldpunt.cases.models import Case


@pytest.mark.django_db
def test_the_eleventh_accepted_report_within_an_hour_gets_429(client, school, valid_report, settings):
    """Ten accepted reports from one client pass, the eleventh gets 429 with Retry-After; bad bodies never count."""
    assert settings.INTAKE_REPORTS_PER_HOUR == 10
    for number in range(10):
        assert post_json(client, valid_report).status_code == 201, number
        assert post_json(client, {**valid_report, "reporter_role": "teacher"}).status_code == 400
        assert post_json(client, b"not json").status_code == 400
    response = post_json(client, valid_report)
    assert response.status_code == 429
    assert 3500 <= int(response["Retry-After"]) <= 3600
    assert list(response.json()["errors"]) == ["__all__"]
    assert "60 minuten" in response.json()["errors"]["__all__"][0]
    assert Case.objects.count() == 10


@pytest.mark.django_db
def test_a_throttled_client_still_hears_what_is_wrong_with_its_body(client, school, valid_report, settings):
    """At its limit a client sending a bad body gets the 400 with field errors, not 429."""
    settings.INTAKE_REPORTS_PER_HOUR = 1
    assert post_json(client, valid_report).status_code == 201
    response = post_json(client, {**valid_report, "attendance": "sometimes"})
    assert response.status_code == 400 and "attendance" in response.json()["errors"]


@pytest.mark.django_db
def test_the_limit_is_per_client(client, school, valid_report, settings):
    """Another connecting address has its own count."""
    settings.INTAKE_REPORTS_PER_HOUR = 1
    assert post_json(client, valid_report, REMOTE_ADDR="192.0.2.1").status_code == 201
    assert post_json(client, valid_report, REMOTE_ADDR="192.0.2.1").status_code == 429
    assert post_json(client, valid_report, REMOTE_ADDR="192.0.2.2").status_code == 201


@pytest.mark.django_db
def test_the_throttle_message_is_in_the_request_language(client, school, valid_report, settings):
    """The 429 message follows the body's language."""
    settings.INTAKE_REPORTS_PER_HOUR = 1
    post_json(client, valid_report)
    response = post_json(client, {**valid_report, "language": "en"})
    assert response.status_code == 429
    assert response.json()["errors"]["__all__"] == [
        "You have sent many reports in a short time. Please try again in 60 minutes."
    ]
