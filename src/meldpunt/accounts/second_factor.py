"""Second-factor secrets and codes in the shapes people and apps need. Pure: no database, no request."""

import base64
import binascii
from urllib.parse import quote, urlencode

import segno

ISSUER = "Meldpunt"


class InvalidSecret(ValueError):
    """The text is not a base32 secret."""


def base32_to_hex(secret_base32: str) -> str:
    """django-otp stores keys as hex; people and authenticator apps use base32 (RFC 4648)."""
    cleaned = "".join(secret_base32.split()).replace("-", "").upper().rstrip("=")
    if not cleaned:
        raise InvalidSecret(secret_base32)
    padded = cleaned + "=" * (-len(cleaned) % 8)
    try:
        return base64.b32decode(padded).hex()
    except (binascii.Error, ValueError) as exc:
        raise InvalidSecret(secret_base32) from exc


def hex_to_base32(key_hex: str) -> str:
    return base64.b32encode(bytes.fromhex(key_hex)).decode("ascii").rstrip("=")


def group(text: str, size: int = 4) -> str:
    """Groups of four are easy to read aloud and to type over from a screen."""
    return " ".join(text[i : i + size] for i in range(0, len(text), size))


def provisioning_uri(*, secret_base32: str, account: str, issuer: str = ISSUER, digits: int = 6, step: int = 30) -> str:
    """The otpauth:// URI of the Google Authenticator key-URI format, which every TOTP app reads."""
    label = quote(f"{issuer}:{account}")
    params = urlencode(
        {"secret": secret_base32, "issuer": issuer, "algorithm": "SHA1", "digits": digits, "period": step}
    )
    return f"otpauth://totp/{label}?{params}"


def qr_svg(uri: str, *, title: str) -> str:
    """An inline SVG made on the server: no script and no image request that could leak the secret."""
    qr = segno.make(uri, error="m")
    svg: str = qr.svg_inline(scale=5, border=4, dark="#000", light="#fff", title=title, svgclass="meldpunt-qr")
    return svg


RECOVERY_CODE_COUNT = 10


def recovery_code_display(code: str) -> str:
    """Stored codes are 8 base32 letters and digits; shown as two groups so they are easy to copy."""
    return group(code.upper())


def recovery_code_normalise(text: str) -> str:
    """Accept a code however it was typed: any case, with or without spaces and dashes."""
    return "".join(text.split()).replace("-", "").lower()
