import pytest

from meldpunt.privacy.actors import Actor
from meldpunt.privacy.selectors import audit_entries_for_actor, audit_entries_for_object
from meldpunt.privacy.services import audit_read, audit_record
from meldpunt.privacy.tests.sample_app.models import Sample

pytestmark = pytest.mark.django_db


def test_entries_for_object_list_who_saw_it_oldest_first(handler):
    """A reporter can be shown every entry about their own case, and none about another."""
    mine, other = Sample.objects.create(label="mijn"), Sample.objects.create(label="ander")
    first = audit_read(actor=Actor.staff(handler), obj=mine)
    audit_read(actor=Actor.staff(handler), obj=other)
    second = audit_record(actor=Actor.reporter("MSV-2025-000001"), action="sample.read", obj=mine)
    assert list(audit_entries_for_object(obj=mine)) == [first, second]


def test_entries_for_actor_by_account_or_by_reference(handler):
    """Staff are found by account; reporters and others by kind and reference."""
    sample = Sample.objects.create(label="x")
    by_staff = audit_read(actor=Actor.staff(handler), obj=sample)
    by_reporter = audit_read(actor=Actor.reporter("MSV-2025-000001"), obj=sample)
    audit_read(actor=Actor.reporter("MSV-2025-000002"), obj=sample)
    audit_read(actor=Actor.support_person("MSV-2025-000001"), obj=sample)
    assert list(audit_entries_for_actor(actor=Actor.staff(handler))) == [by_staff]
    assert list(audit_entries_for_actor(actor=Actor.reporter("MSV-2025-000001"))) == [by_reporter]
