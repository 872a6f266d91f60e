import pytest
from django.db import DatabaseError


@pytest.mark.django_db
def test_health_ok(client):
    """/health answers 200 with every part ok when the database answers and is migrated."""
    response = client.get("/health")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "migrations": "ok"}


@pytest.mark.django_db
def test_health_reports_database_failure(client, monkeypatch):
    """/health answers 503 and names the failing part when the database does not answer."""

    def broken_cursor(*args, **kwargs):
        raise DatabaseError("down")

    monkeypatch.setattr("meldpunt.core.views.connection.cursor", broken_cursor)
    response = client.get("/health")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "error"
    assert body["database"].startswith("error")
