import base64

import pyotp
import pytest
from django_otp.oath import TOTP

from meldpunt.accounts.second_factor import (
    InvalidSecret,
    base32_to_hex,
    group,
    hex_to_base32,
    provisioning_uri,
    qr_svg,
    recovery_code_display,
    recovery_code_normalise,
)
from meldpunt.accounts.tests.helpers import STAFF_TOTP_SECRET, totp_now

DEMO_SECRET = "MELDPUNTDEMOTOTP"


def test_demo_secret_converts_to_the_key_authenticator_apps_use():
    """The demo base32 secret becomes the hex key whose TOTP codes match what an app computes."""
    key_hex = base32_to_hex(DEMO_SECRET)
    assert bytes.fromhex(key_hex) == base64.b32decode(DEMO_SECRET)
    totp = TOTP(bytes.fromhex(key_hex))
    assert f"{totp.token():06d}" == totp_now(DEMO_SECRET)


@pytest.mark.parametrize("typed", ["melDPUNT demo totp", "MELD-PUNT-DEMO-TOTP", "MELDPUNTDEMOTOTP===="])
def test_base32_secret_is_accepted_however_it_is_typed(typed):
    """Spaces, dashes, lower case and padding do not change the secret."""
    assert base32_to_hex(typed) == base32_to_hex(DEMO_SECRET)


@pytest.mark.parametrize("bad", ["", "   ", "not base32!", "MELDPUNT1"])
def test_text_that_is_not_base32_is_refused(bad):
    """Only base32 letters and digits make a secret."""
    with pytest.raises(InvalidSecret):
        base32_to_hex(bad)


def test_hex_and_base32_round_trip():
    """A stored hex key shows as the same base32 secret that created it."""
    assert hex_to_base32(base32_to_hex(DEMO_SECRET)) == DEMO_SECRET


def test_secret_is_shown_in_groups_of_four():
    """Groups of four are easier to type over."""
    assert group("ABCDEFGHIJ") == "ABCD EFGH IJ"


def test_provisioning_uri_names_issuer_and_account():
    """The QR code tells the app the issuer, the account and the secret."""
    uri = provisioning_uri(secret_base32=STAFF_TOTP_SECRET, account="coordinator")
    assert uri.startswith("otpauth://totp/Meldpunt%3Acoordinator?")
    parsed = pyotp.parse_uri(uri)
    assert parsed.secret == STAFF_TOTP_SECRET
    assert parsed.issuer == "Meldpunt"


def test_qr_code_is_inline_svg_without_script():
    """The QR code is markup made on the server: no script, no external image."""
    svg = qr_svg("otpauth://totp/x?secret=AAAA", title="QR")
    assert svg.startswith("<svg")
    assert "<script" not in svg
    assert "href" not in svg


def test_recovery_code_is_read_back_however_it_is_typed():
    """A displayed code typed with spaces, dashes or capitals matches the stored code."""
    assert recovery_code_display("abcdefgh") == "ABCD EFGH"
    assert recovery_code_normalise(" ABCD-efgh ") == "abcdefgh"
    assert recovery_code_normalise("ABCD EFGH") == "abcdefgh"
