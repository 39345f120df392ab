"""Hong Kong Identity Card numbers (R9): check character, normalisation, masking.

Pure functions, no I/O. The canonical stored form is the printed one, ``A123456(3)`` (R9.2);
anything leaving the application (paper, exports, logs) uses :func:`mask_hkid` (R9.3).
"""

from __future__ import annotations

import re
import string
import unicodedata
from dataclasses import dataclass
from functools import cache

__all__ = [
    "HkidCheck",
    "InvalidHkid",
    "check_character",
    "check_hkid",
    "is_valid_hkid",
    "mask_hkid",
    "normalise_hkid",
]

# R9.1: a one-letter prefix is padded on the left with a space, which counts 36.
_SPACE_VALUE = 36
# R9.1: weights 9, 8, ... 2 over the eight positions (two prefix slots, six digits).
_WEIGHTS = (9, 8, 7, 6, 5, 4, 3, 2)

_FORMAT_REASON = "expected 1-2 letters, 6 digits and a check character"

# After normalisation (R9.2) the last character may or may not be in brackets; both forms are
# accepted, a lone bracket is not.
_HKID_RE = re.compile(r"([A-Z]{1,2})([0-9]{6})(?:\(([0-9A])\)|([0-9A]))")
_PREFIX_RE = re.compile(r"[A-Z]{1,2}")
_DIGITS_RE = re.compile(r"[0-9]{6}")


class InvalidHkid(ValueError):
    """A value that is not a valid HKID number; ``reason`` says why, in short English."""

    value: str
    reason: str

    def __init__(self, value: str, reason: str) -> None:
        super().__init__(f"{value!r}: {reason}")
        self.value = value
        self.reason = reason


@dataclass(frozen=True)
class HkidCheck:
    """The outcome of checking one input, for screens that show why a value is rejected."""

    input: str
    valid: bool
    canonical: str | None
    reason: str | None


def _char_value(ch: str) -> int:
    # R9.1: letters A-Z count 10-35 (A=10), the padding space counts 36, digits their value.
    if ch == " ":
        return _SPACE_VALUE
    if "A" <= ch <= "Z":
        return ord(ch) - ord("A") + 10
    return ord(ch) - ord("0")


def check_character(prefix: str, digits: str) -> str:
    """The check character (``'0'``-``'9'`` or ``'A'``) for a prefix and six digits (R9.1).

    ``prefix`` is one or two capital letters, ``digits`` six ASCII digits; anything else raises
    :class:`InvalidHkid`.
    """
    if _PREFIX_RE.fullmatch(prefix) is None or _DIGITS_RE.fullmatch(digits) is None:
        raise InvalidHkid(prefix + digits, _FORMAT_REASON)
    # R9.1: the eight positions are two prefix slots (left-padded with a space) and six digits.
    body = prefix.rjust(2) + digits
    total = sum(w * _char_value(ch) for w, ch in zip(_WEIGHTS, body, strict=True))
    check = (11 - total % 11) % 11
    # R9.1: a check value of 10 is written as A.
    return "A" if check == 10 else str(check)


# Fast path: input already in the canonical printed form (what rosters, forms and the database
# hold) is checked with one regular expression and table look-ups instead of normalised.
_CANONICAL_RE = re.compile(r"([A-Z]{1,2})([0-9]{3})([0-9]{3})\(([0-9A])\)")


@cache
def _check_tables() -> tuple[dict[str, int], tuple[int, ...], tuple[int, ...], tuple[str, ...]]:
    """R9.1 as sums by part: the two prefix slots, the first and the last three digits.

    ``check[prefix[p] + high[int(d[:3])] + low[int(d[3:])]]`` is the check character of the
    prefix ``p`` and the digits ``d``: the weighted sum of the eight positions, split in three.
    """
    letters = string.ascii_uppercase
    prefix = {
        p: sum(w * _char_value(ch) for w, ch in zip(_WEIGHTS[:2], p.rjust(2), strict=True))
        for p in [*letters, *(a + b for a in letters for b in letters)]
    }

    def digit_sums(weights: tuple[int, ...]) -> tuple[int, ...]:
        return tuple(
            sum(w * int(ch) for w, ch in zip(weights, f"{n:03d}", strict=True)) for n in range(1000)
        )

    high, low = digit_sums(_WEIGHTS[2:5]), digit_sums(_WEIGHTS[5:])
    top = max(prefix.values()) + max(high) + max(low)
    # R9.1: (11 - sum mod 11) mod 11, and a check value of 10 is written as A.
    check = tuple(
        "A" if (11 - total % 11) % 11 == 10 else str((11 - total % 11) % 11)
        for total in range(top + 1)
    )
    return prefix, high, low, check


def _is_canonical(text: str) -> bool:
    """Whether ``text`` is a valid HKID already in its canonical printed form (R9.1, R9.2)."""
    match = _CANONICAL_RE.fullmatch(text)
    if match is None:
        return False
    prefix, high, low, given = match.groups()
    prefix_sums, high_sums, low_sums, check = _check_tables()
    return check[prefix_sums[prefix] + high_sums[int(high)] + low_sums[int(low)]] == given


def _canonical(raw: str) -> str:
    """Normalise and validate; return the canonical form or raise :class:`InvalidHkid`."""
    if _is_canonical(raw):
        return raw
    # R9.2: NFKC first, so full-width letters, digits and brackets become ASCII.
    text = unicodedata.normalize("NFKC", raw)
    # R9.2: remove all whitespace (str.split() knows every Unicode space, e.g. U+3000).
    text = "".join(text.split())
    if not text:
        raise InvalidHkid(raw, "empty")
    # Reject non-ASCII before upper-casing: str.upper() maps some non-Latin letters onto ASCII
    # ones (dotless 'ı' -> 'I'), which must not turn a foreign string into an HKID.
    if not text.isascii():
        raise InvalidHkid(raw, _FORMAT_REASON)
    text = text.upper()
    match = _HKID_RE.fullmatch(text)
    if match is None:
        raise InvalidHkid(raw, _FORMAT_REASON)
    prefix, digits, bracketed, bare = match.groups()
    given = bracketed if bracketed is not None else bare
    expected = check_character(prefix, digits)
    if given != expected:
        raise InvalidHkid(raw, f"check character should be {expected}, not {given}")
    # R9.2: stored in the canonical printed form, brackets around the check character.
    return f"{prefix}{digits}({expected})"


def normalise_hkid(raw: str) -> str:
    """The canonical printed form ``A123456(3)`` of ``raw`` (R9.2); :class:`InvalidHkid` if invalid.

    Accepts full-width characters, any whitespace, lower case, and the check character with
    or without brackets.
    """
    return _canonical(raw)


def is_valid_hkid(raw: str) -> bool:
    """Whether ``raw`` normalises to a valid HKID (R9.1, R9.2)."""
    try:
        _canonical(raw)
    except InvalidHkid:
        return False
    return True


def check_hkid(raw: str) -> HkidCheck:
    """Check ``raw`` without raising: the canonical form if valid, else the reason."""
    try:
        canonical = _canonical(raw)
    except InvalidHkid as exc:
        return HkidCheck(input=raw, valid=False, canonical=None, reason=exc.reason)
    return HkidCheck(input=raw, valid=True, canonical=canonical, reason=None)


def mask_hkid(hkid: str) -> str:
    """The masked form for paper, exports and logs (R9.3): ``A123456(3)`` -> ``A123XXX(X)``.

    Accepts canonical or raw input (normalised first). An invalid value raises
    :class:`InvalidHkid` rather than being masked, so that garbage is never printed as if it
    were a masked HKID. Note that the exception message quotes the input: callers that log
    must log ``exc.reason``, not ``str(exc)``.
    """
    canonical = _canonical(hkid)
    # The canonical form is letters, six digits, "(c)": the prefix is everything before the
    # first digit.
    digits_start = 2 if canonical[1].isalpha() else 1
    prefix = canonical[:digits_start]
    shown = canonical[digits_start : digits_start + 3]
    # R9.3: the letters and the first three digits are kept; the last three digits and the
    # check character are hidden.
    return f"{prefix}{shown}XXX(X)"
