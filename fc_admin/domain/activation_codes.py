"""Account IDs and single-use activation codes (R5.1, R5.2). Pure: no database, no I/O.

The alphabet leaves out the characters people confuse on paper and on screen: 0/O and 1/I/L
(R5.2). A code is :data:`CODE_LENGTH` characters drawn with :mod:`secrets`; it is shown in groups
of four (``ABCD-EFGH-JKMN-PQRS``) and read back ignoring case, spaces and hyphens.

Why a salted HMAC-SHA256 and not Argon2 (the password hash of R13.1): a password is chosen by a
person and has little entropy, so its hash must be slow to make each guess of an offline attacker
expensive. An activation code is chosen by :mod:`secrets` with 16 x log2(31) = 79 bits of
entropy: exhausting even half of that space at 10^11 SHA-256 per second (a rack of GPUs) takes
about 10^5 years, far beyond the 8-month life of the code (R5.3). Online guessing is stopped
after 5 wrong tries (the account locks). A slow hash would add nothing to that, and at ~50 ms per
Argon2 hash it would cost ~8 minutes per 10,000 codes, against the issue's 60 s. The per-account
random salt stops one precomputed table serving every account, and binding the account ID into
the MAC stops a hash copied onto another account from verifying there.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
import unicodedata
from typing import Final

__all__ = [
    "ACCOUNT_ID_PREFIX",
    "ALPHABET",
    "CODE_LENGTH",
    "VOID_HASH",
    "format_code",
    "hash_code",
    "is_account_id",
    "new_account_id",
    "new_code",
    "normalise_account_id",
    "normalise_code",
    "verify_code",
]

# R5.2: digits 2-9 and the capital letters without I, L and O (0/O and 1/I/L look alike).
ALPHABET: Final = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH: Final = 16  # 16 x log2(31) ~ 79 bits (R5.2 asks for at least 10 characters)
CODE_GROUP: Final = 4  # shown as ABCD-EFGH-JKMN-PQRS

# Account IDs: "FC" and 8 random characters of the same alphabet: 31^8 ~ 8.5 x 10^11 values, so
# a collision (retried by the caller) is rare even with millions of accounts, and nothing in the
# ID can be traced back to the person (R5.1: not derived from the HKID).
ACCOUNT_ID_PREFIX: Final = "FC"
ACCOUNT_ID_RANDOM: Final = 8

# The stored hash of a code that no longer works (used, or replaced by a new one).
VOID_HASH: Final = "void"

_HASH_SCHEME: Final = "hs256"
_SALT_BYTES: Final = 16
_SEPARATORS = re.compile(r"[\s\-‐‑‒–—_.]+")
_ACCOUNT_ID = re.compile(rf"{ACCOUNT_ID_PREFIX}[{ALPHABET}]{{{ACCOUNT_ID_RANDOM}}}")


def new_code(length: int = CODE_LENGTH) -> str:
    """A fresh activation code: ``length`` characters of :data:`ALPHABET` from :mod:`secrets`."""
    if length < 10:
        raise ValueError("R5.2: an activation code has at least 10 characters")
    return "".join(secrets.choice(ALPHABET) for _ in range(length))


def new_account_id() -> str:
    """A random account ID such as ``FC7K2MXQ9D`` (unique only with the database's help)."""
    return ACCOUNT_ID_PREFIX + "".join(secrets.choice(ALPHABET) for _ in range(ACCOUNT_ID_RANDOM))


def format_code(code: str) -> str:
    """``ABCDEFGHJKMNPQRS`` -> ``ABCD-EFGH-JKMN-PQRS``: easier to read aloud and to type."""
    return "-".join(code[i : i + CODE_GROUP] for i in range(0, len(code), CODE_GROUP))


def _compact(text: str) -> str:
    return _SEPARATORS.sub("", unicodedata.normalize("NFKC", text)).upper()


def normalise_code(text: str) -> str:
    """What a person typed, as the code it stands for: full-width forms folded (NFKC), spaces
    and hyphens dropped, upper case. Nothing is guessed: an ``O`` stays an ``O`` (and fails)."""
    return _compact(text)


def normalise_account_id(text: str) -> str:
    return _compact(text)


def is_account_id(text: str) -> bool:
    return _ACCOUNT_ID.fullmatch(text) is not None


def _mac(salt: bytes, account_id: str, code: str) -> bytes:
    message = f"{account_id}\x00{code}".encode("ascii", "replace")
    return hmac.new(salt, message, hashlib.sha256).digest()


def hash_code(account_id: str, code: str) -> str:
    """The value to store for ``code`` of ``account_id``: ``hs256$<salt hex>$<mac hex>``."""
    salt = secrets.token_bytes(_SALT_BYTES)
    return f"{_HASH_SCHEME}${salt.hex()}${_mac(salt, account_id, normalise_code(code)).hex()}"


def verify_code(stored: str, account_id: str, code: str) -> bool:
    """Whether ``code`` (as typed) is the code whose hash is ``stored``; constant time in the
    code. A void or malformed stored value never verifies."""
    parts = stored.split("$")
    if len(parts) != 3 or parts[0] != _HASH_SCHEME:
        return False
    try:
        salt = bytes.fromhex(parts[1])
        expected = bytes.fromhex(parts[2])
    except ValueError:
        return False
    actual = _mac(salt, account_id, normalise_code(code))
    return hmac.compare_digest(actual, expected)
