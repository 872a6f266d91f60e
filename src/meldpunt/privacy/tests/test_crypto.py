import base64

import pytest
from django.core.exceptions import ImproperlyConfigured

from meldpunt.privacy.crypto import (
    DecryptionError,
    current_key_id,
    decrypt_bytes,
    decrypt_token,
    encrypt_bytes,
    encrypt_token,
    key_ring,
    parse_key_ring,
    token_key_id,
)
from meldpunt.privacy.tests.conftest import KEY_A, KEY_B

GOOD = base64.b64encode(b"k" * 32).decode()


def test_first_key_encrypts_and_every_key_decrypts():
    """The first listed key is the current key; every listed key is available for decryption."""
    ring = parse_key_ring(f"new:{GOOD}, old:{base64.b64encode(b'o' * 32).decode()}")
    assert ring.current_id == "new"
    assert ring.key_ids == ("new", "old")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("", "is empty"),
        (" , ", "is empty"),
        ("no-colon-here", "entry 1 is malformed"),
        (f"ok:{GOOD},:{GOOD}", "entry 2 is malformed"),
        (f"bad id:{GOOD}", "entry 1 is malformed"),
        (f"k1:{GOOD},", "entry 2 is malformed"),
        ("k1:not*base64", "key 'k1' is not valid base64"),
        (f"k1:{base64.b64encode(b'short').decode()}", "key 'k1' is 5 bytes; AES-256 needs exactly 32"),
        (f"k1:{GOOD},k1:{GOOD}", "key id 'k1' appears more than once"),
    ],
)
def test_malformed_key_settings_are_refused_with_a_clear_message(raw, expected):
    """A malformed entry, a key that is not 32 bytes and a duplicate id stop the start-up and say why."""
    with pytest.raises(ImproperlyConfigured, match=expected) as excinfo:
        parse_key_ring(raw)
    assert GOOD not in str(excinfo.value)


def test_token_round_trip_and_format():
    """A token is v1.<key id>.<base64url> and decrypts to the plaintext with the same associated data."""
    token = encrypt_token(b"geheim", associated_data=b"app.Model.field")
    version, key_id, body = token.split(".")
    assert (version, key_id) == ("v1", current_key_id())
    assert "=" not in body and "+" not in body and "/" not in body
    assert decrypt_token(token, associated_data=b"app.Model.field") == b"geheim"


def test_every_value_gets_a_fresh_nonce():
    """Encrypting the same plaintext twice gives different tokens (a fresh 96-bit nonce each time)."""
    tokens = {encrypt_token(b"same", associated_data=b"x") for _ in range(20)}
    assert len(tokens) == 20


def test_other_associated_data_does_not_decrypt():
    """A token bound to one place fails to decrypt in another."""
    token = encrypt_token(b"geheim", associated_data=b"app.Model.a")
    with pytest.raises(DecryptionError, match="belongs to another field"):
        decrypt_token(token, associated_data=b"app.Model.b")


@pytest.mark.parametrize("position", [5, 20, -1])
def test_tampered_token_does_not_decrypt(position):
    """Changing any character of the ciphertext makes decryption fail instead of returning other text."""
    token = encrypt_token(b"geheim", associated_data=b"x")
    header, body = token[:9], token[9:]
    index = position % len(body)
    flipped = "A" if body[index] != "A" else "B"
    tampered = header + body[:index] + flipped + body[index + 1 :]
    with pytest.raises(DecryptionError):
        decrypt_token(tampered, associated_data=b"x")


@pytest.mark.parametrize("value", ["", "plain text", "v2.test1.AAAA", "v1..AAAA", "v1.test1.", "v1.test1.!!!!"])
def test_values_that_are_not_tokens_do_not_decrypt(value):
    """Anything that is not a well-formed token is refused with DecryptionError."""
    with pytest.raises(DecryptionError):
        decrypt_token(value, associated_data=b"x")


def test_unknown_key_is_named(settings):
    """A token under a key that is no longer configured names that key."""
    settings.ENCRYPTION_KEYS = KEY_A
    token = encrypt_token(b"geheim", associated_data=b"x")
    settings.ENCRYPTION_KEYS = KEY_B
    with pytest.raises(DecryptionError, match="key 'keyA', which is not in MELDPUNT_ENCRYPTION_KEYS"):
        decrypt_token(token, associated_data=b"x")


def test_key_ring_is_reread_when_the_setting_changes(settings):
    """The parsed key ring is cached, and forgotten when ENCRYPTION_KEYS changes."""
    assert key_ring() is key_ring()
    settings.ENCRYPTION_KEYS = f"{KEY_B},{KEY_A}"
    assert current_key_id() == "keyB"
    assert token_key_id(encrypt_token(b"x", associated_data=b"x")) == "keyB"


def test_bytes_round_trip_with_explicit_associated_data():
    """File contents encrypt to a binary blob that only decrypts with the same associated data."""
    data = bytes(range(256)) * 10
    blob = encrypt_bytes(data, associated_data=b"cases.Attachment:1")
    assert blob.startswith(f"v1.{current_key_id()}.".encode())
    assert data not in blob
    assert decrypt_bytes(blob, associated_data=b"cases.Attachment:1") == data
    assert token_key_id(blob) == current_key_id()
    with pytest.raises(DecryptionError):
        decrypt_bytes(blob, associated_data=b"cases.Attachment:2")
    tampered = blob[:-1] + bytes([blob[-1] ^ 1])
    with pytest.raises(DecryptionError):
        decrypt_bytes(tampered, associated_data=b"cases.Attachment:1")


def test_empty_bytes_round_trip():
    """Empty file contents are encrypted too and read back empty."""
    blob = encrypt_bytes(b"", associated_data=b"a")
    assert decrypt_bytes(blob, associated_data=b"a") == b""
