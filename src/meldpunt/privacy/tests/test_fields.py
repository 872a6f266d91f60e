import datetime
import decimal

import pytest
from django.core import serializers
from django.core.exceptions import ValidationError
from django.db import connection, models
from django.test.utils import isolate_apps

from meldpunt.privacy.crypto import DecryptionError
from meldpunt.privacy.fields import EncryptedLookupError, EncryptedTextField, encrypted_fields
from meldpunt.privacy.models import KeyCheck
from meldpunt.privacy.tests.conftest import raw_column, raw_execute
from meldpunt.privacy.tests.sample_app.models import Sample

pytestmark = pytest.mark.django_db

VALUES = {
    "text": "Mijn kind wordt al maanden gepest op school. ✓ Ünïcode\nmet regels",
    "char": "Jansen",
    "email": "ouder@example.nl",
    "data": {"naam": "Jansen", "leeftijd": 12, "lijst": [1, 2.5, None, True], "genest": {"a": "ü"}},
}


def reloaded(sample: Sample) -> Sample:
    return Sample.objects.get(pk=sample.pk)


@pytest.mark.parametrize("field", sorted(VALUES))
def test_every_field_type_round_trips(field):
    """What is written through an encrypted field is read back unchanged."""
    sample = Sample.objects.create(**{field: VALUES[field]})
    assert getattr(reloaded(sample), field) == VALUES[field]


@pytest.mark.parametrize("field", sorted(VALUES))
def test_raw_database_read_shows_no_plaintext(field):
    """A SELECT on the column returns a v1 token, never the plaintext or any recognisable part of it."""
    sample = Sample.objects.create(**{field: VALUES[field]})
    stored = raw_column("privacy_sample_sample", field, sample.pk)
    assert stored.startswith("v1.test1.")
    for fragment in ("Jansen", "gepest", "ouder", "example", "leeftijd"):
        assert fragment not in stored


def test_none_is_stored_as_null():
    """None is SQL NULL (not an encrypted value) and reads back as None."""
    sample = Sample.objects.create(text=None, email=None, data=None)
    for column in ("text", "email", "data"):
        assert raw_column("privacy_sample_sample", column, sample.pk) is None
    again = reloaded(sample)
    assert (again.text, again.email, again.data) == (None, None, None)


def test_empty_string_is_encrypted_too():
    """The empty string is encrypted like any value, so a blanked column is detected, and reads back as ""."""
    sample = Sample.objects.create(char="", text="")
    assert raw_column("privacy_sample_sample", "char", sample.pk).startswith("v1.test1.")
    again = reloaded(sample)
    assert (again.char, again.text) == ("", "")


def test_raw_empty_string_in_the_column_does_not_read():
    """A value nobody encrypted (a raw "" written around the application) is refused, not read as empty."""
    sample = Sample.objects.create(char="x")
    raw_execute("UPDATE privacy_sample_sample SET char = '' WHERE id = %s", [sample.pk])
    with pytest.raises(DecryptionError, match=r"privacy_sample\.Sample\.char"):
        reloaded(sample)


@pytest.mark.parametrize("value", [{}, [], 0, "", "tekst", [{"a": []}], False])
def test_json_field_round_trips_falsy_and_nested_values(value):
    """Every JSON value except null round-trips, falsy ones included."""
    sample = Sample.objects.create(data=value)
    assert reloaded(sample).data == value


def test_json_field_serialises_dates_and_decimals_as_text():
    """Dates and decimals are serialised the Django way (as strings) before encryption."""
    sample = Sample.objects.create(data={"op": datetime.date(2025, 3, 1), "bedrag": decimal.Decimal("1.50")})
    assert reloaded(sample).data == {"op": "2025-03-01", "bedrag": "1.50"}


def test_update_and_bulk_update_encrypt():
    """QuerySet.update() and bulk_update() write tokens too, not plaintext."""
    first, second = Sample.objects.create(label="1"), Sample.objects.create(label="2")
    Sample.objects.filter(pk=first.pk).update(text="bijgewerkt")
    second.text = "in bulk"
    Sample.objects.bulk_update([second], ["text"])
    assert raw_column("privacy_sample_sample", "text", first.pk).startswith("v1.")
    assert raw_column("privacy_sample_sample", "text", second.pk).startswith("v1.")
    assert [sample.text for sample in Sample.objects.order_by("label")] == ["bijgewerkt", "in bulk"]


def test_tampered_ciphertext_fails_with_a_clear_error():
    """A changed byte in a stored value makes reading it fail, naming the field."""
    sample = Sample.objects.create(text="origineel")
    token = raw_column("privacy_sample_sample", "text", sample.pk)
    tampered = token[:-3] + ("AAA" if token[-3:] != "AAA" else "BBB")
    raw_execute("UPDATE privacy_sample_sample SET text = %s WHERE id = %s", [tampered, sample.pk])
    with pytest.raises(DecryptionError, match=r"Cannot decrypt privacy_sample\.Sample\.text"):
        reloaded(sample)


def test_ciphertext_moved_to_another_field_does_not_decrypt():
    """A value copied into another column of the same row fails: it is bound to its own field."""
    sample = Sample.objects.create(text="vertrouwelijk", char="kort")
    raw_execute("UPDATE privacy_sample_sample SET char = text WHERE id = %s", [sample.pk])
    with pytest.raises(DecryptionError, match=r"privacy_sample\.Sample\.char: authentication failed"):
        reloaded(sample)


def test_ciphertext_moved_to_another_model_does_not_decrypt():
    """A value copied into a column of another model fails: it is bound to its model too."""
    sample = Sample.objects.create(text="vertrouwelijk")
    check = KeyCheck.objects.get()
    raw_execute(
        "UPDATE privacy_keycheck SET canary = %s WHERE id = %s",
        [raw_column("privacy_sample_sample", "text", sample.pk), check.pk],
    )
    with pytest.raises(DecryptionError, match=r"privacy\.KeyCheck\.canary"):
        KeyCheck.objects.get(pk=check.pk)


@pytest.mark.parametrize(
    "lookup",
    [
        {"text": "x"},
        {"text__exact": "x"},
        {"char__icontains": "x"},
        {"email__in": ["a@b.nl"]},
        {"text__startswith": "v1."},
        {"char__lower": "x"},
        {"data__key": "x"},
        {"text__gt": "a"},
    ],
)
def test_lookups_on_encrypted_fields_are_refused(lookup):
    """Filtering on an encrypted field raises a clear error instead of silently matching nothing."""
    with pytest.raises(EncryptedLookupError, match="is encrypted, so the database cannot filter on it"):
        list(Sample.objects.filter(**lookup))


def test_isnull_lookup_works():
    """isnull is the one lookup that works: NULL is stored as NULL."""
    Sample.objects.create(label="leeg")
    Sample.objects.create(label="vol", text="iets")
    assert list(Sample.objects.filter(text__isnull=True).values_list("label", flat=True)) == ["leeg"]
    assert list(Sample.objects.exclude(text__isnull=True).values_list("label", flat=True)) == ["vol"]


def test_char_field_max_length_applies_to_the_plaintext():
    """max_length limits what the user typed; the longer token fits because the column is text."""
    sample = Sample(char="x" * 20)
    sample.full_clean()
    sample.save()
    assert len(raw_column("privacy_sample_sample", "char", sample.pk)) > 20
    with pytest.raises(ValidationError) as excinfo:
        Sample(char="x" * 21).full_clean()
    assert "char" in excinfo.value.message_dict


def test_email_field_validates_the_address():
    """An encrypted email field still refuses a value that is not an email address."""
    with pytest.raises(ValidationError) as excinfo:
        Sample(email="geen-adres").full_clean()
    assert "email" in excinfo.value.message_dict


def test_json_field_refuses_values_json_cannot_hold():
    """A value JSON cannot represent is refused during validation."""
    with pytest.raises(ValidationError) as excinfo:
        Sample(data={"x": float("nan")}).full_clean()
    assert "data" in excinfo.value.message_dict


def test_columns_are_text_on_every_database():
    """Every encrypted field is a text column, whatever its kind (same on SQLite and PostgreSQL)."""
    for name in VALUES:
        field = Sample._meta.get_field(name)
        assert field.db_type(connection) == connection.data_types["TextField"]


def test_encrypted_fields_discovers_every_field_once():
    """Rotation finds every encrypted field through the app registry."""
    found = {field.location for _, field in encrypted_fields()}
    assert {
        "privacy.KeyCheck.canary",
        "privacy_sample.Sample.text",
        "privacy_sample.Sample.char",
        "privacy_sample.Sample.email",
        "privacy_sample.Sample.data",
    } <= found


@isolate_apps("meldpunt.privacy")
def test_encryption_context_keeps_values_readable_after_a_rename():
    """A renamed field that keeps its old name as encryption_context reads what was written before."""

    class Before(models.Model):  # noqa: DJ008
        note = EncryptedTextField()

        class Meta:
            app_label = "privacy"

    class After(models.Model):  # noqa: DJ008
        remark = EncryptedTextField(encryption_context="privacy.Before.note")

        class Meta:
            app_label = "privacy"

    token = Before._meta.get_field("note").get_db_prep_value("tekst", connection)
    assert After._meta.get_field("remark").from_db_value(token, None, connection) == "tekst"
    _, path, _, kwargs = After._meta.get_field("remark").deconstruct()
    assert path == "meldpunt.privacy.fields.EncryptedTextField"
    assert kwargs["encryption_context"] == "privacy.Before.note"


@isolate_apps("meldpunt.privacy")
def test_checks_refuse_unique_indexed_and_ordered_encrypted_fields():
    """manage.py check refuses unique, indexed and ordering-by encrypted fields: they cannot work."""

    class Wrong(models.Model):  # noqa: DJ008
        code = EncryptedTextField(unique=True)
        note = EncryptedTextField(db_index=True)

        class Meta:
            app_label = "privacy"
            ordering = ["-note"]

    ids = {message.id for message in Wrong._meta.get_field("code").check()}
    assert "privacy.E010" in ids
    ids = {message.id for message in Wrong._meta.get_field("note").check()}
    assert {"privacy.E011", "privacy.E012"} <= ids


def test_serializers_round_trip_every_field_type():
    """dumpdata/loaddata-style serialisation writes plain values and loading encrypts them again."""
    sample = Sample.objects.create(**VALUES)
    dumped = serializers.serialize("json", [sample])
    Sample.objects.all().delete()
    for restored in serializers.deserialize("json", dumped):
        restored.save()
    again = reloaded(sample)
    assert {name: getattr(again, name) for name in VALUES} == VALUES
    assert raw_column("privacy_sample_sample", "data", sample.pk).startswith("v1.")
