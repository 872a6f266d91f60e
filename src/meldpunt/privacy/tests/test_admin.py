import pytest
from django.contrib import admin
from django.test import RequestFactory

from meldpunt.privacy.models import AuditEntry

pytestmark = pytest.mark.django_db


def test_audit_log_is_read_only_in_the_admin_for_everyone(django_user_model, chain):
    """Not even a superuser may add, change or delete an audit entry in the admin."""
    model_admin = admin.site._registry[AuditEntry]
    request = RequestFactory().get("/")
    request.user = django_user_model.objects.create_superuser(
        username="privacy-root", password="not-used-here-123", role="administrator"
    )
    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_change_permission(request, chain[0])
    assert not model_admin.has_delete_permission(request, chain[0])
    assert model_admin.has_view_permission(request, chain[0])
    assert not model_admin.get_actions(request)
    assert set(model_admin.get_readonly_fields(request, chain[0])) >= {"entry_hash", "previous_hash", "reason"}
