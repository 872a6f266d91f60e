import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from meldpunt.privacy import services
from meldpunt.privacy.crypto import token_key_id
from meldpunt.privacy.models import KeyCheck
from meldpunt.privacy.selectors import encrypted_values_key_use
from meldpunt.privacy.services import encrypted_values_rotate, key_check_ensure
from meldpunt.privacy.tests.conftest import KEY_A, KEY_B, raw_column, raw_execute
from meldpunt.privacy.tests.sample_app.models import Sample

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _without_the_test_key_check():
    """The test database's key check uses the test key, which these tests do not configure."""
    KeyCheck.objects.all().delete()


def samples_under_key_a(settings, count=3):
    settings.ENCRYPTION_KEYS = KEY_A
    key_check_ensure()
    return [
        Sample.objects.create(label=str(n), text=f"tekst {n}", char=f"c{n}", email=f"p{n}@example.nl", data={"n": n})
        for n in range(count)
    ]


def stored_key_ids(sample):
    return {
        token_key_id(raw_column("privacy_sample_sample", column, sample.pk))
        for column in ("text", "char", "email", "data")
    }


def test_rotation_keeps_every_value_readable(settings):
    """Write under A, configure B,A, rotate, configure B alone: every value still reads."""
    samples = samples_under_key_a(settings)
    settings.ENCRYPTION_KEYS = f"{KEY_B},{KEY_A}"
    report = encrypted_values_rotate(batch_size=2)
    assert report.current_key_id == "keyB"
    by_field = {field.field: field for field in report.fields}
    for name in ("text", "char", "email", "data"):
        assert by_field[f"privacy_sample.Sample.{name}"].rotated == 3
    settings.ENCRYPTION_KEYS = KEY_B
    for sample in samples:
        assert stored_key_ids(sample) == {"keyB"}
        again = Sample.objects.get(pk=sample.pk)
        n = int(again.label)
        expected = (f"tekst {n}", f"c{n}", f"p{n}@example.nl", {"n": n})
        assert (again.text, again.char, again.email, again.data) == expected
    assert {check.key_id for check in KeyCheck.objects.all()} >= {"keyA", "keyB"}


def test_rotation_is_idempotent(settings):
    """A second run finds nothing left to do and changes no stored token."""
    samples = samples_under_key_a(settings)
    settings.ENCRYPTION_KEYS = f"{KEY_B},{KEY_A}"
    encrypted_values_rotate()
    before = raw_column("privacy_sample_sample", "text", samples[0].pk)
    again = encrypted_values_rotate()
    assert again.rotated == 0
    assert raw_column("privacy_sample_sample", "text", samples[0].pk) == before


def test_null_values_are_left_alone(settings):
    """NULL is not a value under any key: rotation skips it and it stays NULL."""
    settings.ENCRYPTION_KEYS = KEY_A
    sample = Sample.objects.create(label="leeg")
    settings.ENCRYPTION_KEYS = f"{KEY_B},{KEY_A}"
    encrypted_values_rotate()
    assert raw_column("privacy_sample_sample", "text", sample.pk) is None


def test_concurrent_write_is_not_overwritten(settings, monkeypatch):
    """A value rewritten while the rotation runs keeps the new write: updates are conditional."""
    [sample] = samples_under_key_a(settings, count=1)
    settings.ENCRYPTION_KEYS = f"{KEY_B},{KEY_A}"
    real_encrypt = services.encrypt_token
    raced = []

    def encrypt_while_someone_writes(plaintext, *, associated_data):
        if associated_data == b"privacy_sample.Sample.text" and not raced:
            raced.append(True)
            Sample.objects.filter(pk=sample.pk).update(text="nieuw, tijdens de rotatie")
        return real_encrypt(plaintext, associated_data=associated_data)

    monkeypatch.setattr(services, "encrypt_token", encrypt_while_someone_writes)
    report = encrypted_values_rotate()
    text = next(field for field in report.fields if field.field == "privacy_sample.Sample.text")
    assert (text.rotated, text.changed_meanwhile) == (0, 1)
    assert Sample.objects.get(pk=sample.pk).text == "nieuw, tijdens de rotatie"
    assert stored_key_ids(sample) == {"keyB"}


def test_unreadable_values_are_counted_and_left_alone(settings):
    """A value that does not decrypt is reported by id and not touched; the others are rotated."""
    _, bad = samples_under_key_a(settings, count=2)
    raw_execute("UPDATE privacy_sample_sample SET text = 'v1.keyA.AAAA' WHERE id = %s", [bad.pk])
    settings.ENCRYPTION_KEYS = f"{KEY_B},{KEY_A}"
    report = encrypted_values_rotate()
    text = next(field for field in report.fields if field.field == "privacy_sample.Sample.text")
    assert (text.rotated, text.failed, text.failed_pks) == (1, 1, (str(bad.pk),))
    assert raw_column("privacy_sample_sample", "text", bad.pk) == "v1.keyA.AAAA"


def test_key_use_counts_values_per_old_key(settings):
    """The check lists, per field, how many values still use which old key."""
    samples_under_key_a(settings, count=2)
    settings.ENCRYPTION_KEYS = f"{KEY_B},{KEY_A}"
    uses = {use.field: use for use in encrypted_values_key_use()}
    assert uses["privacy_sample.Sample.email"].outdated_by_key == {"keyA": 2}
    encrypted_values_rotate()
    assert all(use.outdated == 0 for use in encrypted_values_key_use())


def test_command_rotates_and_prints_counts_per_field(settings, capsys):
    """encryption_rotate prints what it did per model and field."""
    samples_under_key_a(settings, count=2)
    settings.ENCRYPTION_KEYS = f"{KEY_B},{KEY_A}"
    call_command("encryption_rotate", "--batch-size", "1")
    out = capsys.readouterr().out
    assert "Current key: keyB" in out
    assert "privacy_sample.Sample.text: 2 re-encrypted, 0 changed meanwhile" in out
    assert "Done: " in out


def test_command_check_exits_1_while_values_use_old_keys(settings, capsys):
    """--check changes nothing and exits 1 while values use old keys, 0 once all use the current key."""
    [sample] = samples_under_key_a(settings, count=1)
    settings.ENCRYPTION_KEYS = f"{KEY_B},{KEY_A}"
    with pytest.raises(CommandError, match="values still use old keys") as excinfo:
        call_command("encryption_rotate", "--check")
    assert excinfo.value.returncode == 1
    assert "privacy_sample.Sample.text: 1 on old keys (keyA: 1)" in capsys.readouterr().out
    assert stored_key_ids(sample) == {"keyA"}
    call_command("encryption_rotate")
    call_command("encryption_rotate", "--check")
    assert "Every value uses the current key" in capsys.readouterr().out


def test_command_exits_non_zero_when_values_cannot_be_read(settings):
    """A rotation that leaves unreadable values behind fails, so the old key is not removed by mistake."""
    [sample] = samples_under_key_a(settings, count=1)
    raw_execute("UPDATE privacy_sample_sample SET char = 'v1.keyA.AAAA' WHERE id = %s", [sample.pk])
    settings.ENCRYPTION_KEYS = f"{KEY_B},{KEY_A}"
    with pytest.raises(CommandError, match="could not be decrypted"):
        call_command("encryption_rotate")


def test_help_documents_the_procedure():
    """The command's help names the three steps of replacing a key."""
    from meldpunt.privacy.management.commands.encryption_rotate import Command

    text = Command().create_parser("manage.py", "encryption_rotate").format_help()
    assert "1. Put the new key" in text
    assert "2. Run this command" in text
    assert "3. Run it with --check" in text
