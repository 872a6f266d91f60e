"""Access codes: shown once, at least 64 bits of entropy, unambiguous to read aloud, stored as Argon2id."""

import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

# Crockford base32: no I, L, O or U, so nobody confuses 1/I/L or 0/O when typing a code over.
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
GROUPS = 4
GROUP_SIZE = 4  # 16 symbols x 5 bits = 80 bits
# OWASP's Argon2id minimum (19 MiB, 2 passes): slow for a guesser, fast enough for one sign-in.
_HASHER = PasswordHasher(time_cost=2, memory_cost=19_456, parallelism=1)
# Verified when a reference does not exist, so a wrong pair costs the same time either way.
_DUMMY_HASH = _HASHER.hash("0000-0000-0000-0000")


def access_code_new() -> str:
    symbols = "".join(secrets.choice(ALPHABET) for _ in range(GROUPS * GROUP_SIZE))
    return "-".join(symbols[i : i + GROUP_SIZE] for i in range(0, len(symbols), GROUP_SIZE))


def access_code_normalise(typed: str) -> str:
    """What people type: lower case, spaces, no dashes, O for 0, I/L for 1."""
    cleaned = "".join(ch for ch in typed.upper() if ch.isalnum())
    cleaned = cleaned.translate(str.maketrans("OIL", "011"))
    return "-".join(cleaned[i : i + GROUP_SIZE] for i in range(0, len(cleaned), GROUP_SIZE))


def access_code_hash(code: str) -> str:
    return _HASHER.hash(access_code_normalise(code))


def access_code_matches(code: str, stored_hash: str | None) -> bool:
    """Constant work whether or not a hash exists for the reference."""
    try:
        return _HASHER.verify(stored_hash or _DUMMY_HASH, access_code_normalise(code)) and stored_hash is not None
    except (VerificationError, InvalidHashError):
        return False
