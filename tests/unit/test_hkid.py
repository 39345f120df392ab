"""R9: HKID check character, normalisation and masking."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fc_admin.domain.hkid import (
    HkidCheck,
    InvalidHkid,
    check_character,
    check_hkid,
    is_valid_hkid,
    mask_hkid,
    normalise_hkid,
)

LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def _oracle_is_valid(prefix: str, digits: str, check: str) -> bool:
    """An independent statement of R9.1: with the check character weighted 1 (A = 10), the
    weighted sum of all nine positions is a multiple of 11."""
    slots = [36] if len(prefix) == 1 else []
    slots += [LETTERS.index(c) + 10 for c in prefix]
    slots += [int(c) for c in digits]
    slots.append(10 if check == "A" else int(check))
    return sum(w * v for w, v in zip(range(9, 0, -1), slots, strict=True)) % 11 == 0


@st.composite
def valid_parts(draw: st.DrawFn) -> tuple[str, str, str]:
    prefix = draw(st.text(alphabet=LETTERS, min_size=1, max_size=2))
    digits = draw(st.text(alphabet="0123456789", min_size=6, max_size=6))
    check = next(c for c in "0123456789A" if _oracle_is_valid(prefix, digits, c))
    return prefix, digits, check


# --- R9.1 check character ---------------------------------------------------------------


@pytest.mark.parametrize(
    "hkid", ["K200001(6)", "K200002(4)", "R200003(1)", "D200004(1)", "A123456(3)", "AB987654(3)"]
)
def test_r9_1_known_valid_samples(hkid: str) -> None:
    assert is_valid_hkid(hkid)
    assert normalise_hkid(hkid) == hkid


def test_r9_1_check_character_of_known_samples() -> None:
    assert check_character("K", "200001") == "6"
    assert check_character("K", "200002") == "4"
    assert check_character("R", "200003") == "1"
    assert check_character("D", "200004") == "1"
    assert check_character("AB", "987654") == "3"


def test_r9_1_check_value_10_is_written_as_a() -> None:
    # 36*9 + 10*8 + 1*7 + 4*2 = 419; 419 mod 11 = 1; 11 - 1 = 10 -> "A".
    assert check_character("A", "100004") == "A"
    assert normalise_hkid("A100004(A)") == "A100004(A)"
    assert normalise_hkid("a100004a") == "A100004(A)"


def test_r9_1_check_value_11_becomes_0() -> None:
    # 33*9 + 34*8 + 1*7 + 9*2 = 594 = 54*11, so (11 - 0) mod 11 = 0.
    assert check_character("XY", "100009") == "0"
    assert is_valid_hkid("XY100009(0)")


def test_r9_1_one_letter_prefix_is_padded_with_a_space_worth_36() -> None:
    # If the pad were worth 0 instead of 36 (36 mod 11 = 3, times 9), the check would differ.
    assert check_character("K", "200001") != check_character("AK", "200001")
    assert check_character("K", "200001") == "6"


@pytest.mark.parametrize(
    ("prefix", "digits"),
    [
        ("", "123456"),
        ("ABC", "123456"),
        ("a", "123456"),
        ("A", "12345"),
        ("A", "1234567"),
        ("A", "12345X"),
        ("1", "123456"),
    ],
)
def test_r9_1_check_character_rejects_malformed_parts(prefix: str, digits: str) -> None:
    with pytest.raises(InvalidHkid):
        check_character(prefix, digits)


@given(valid_parts())
def test_r9_1_check_character_agrees_with_independent_oracle(parts: tuple[str, str, str]) -> None:
    prefix, digits, check = parts
    assert check_character(prefix, digits) == check


@given(
    st.text(alphabet=LETTERS, min_size=1, max_size=2),
    st.text(alphabet="0123456789", min_size=6, max_size=6),
)
def test_r9_1_exactly_one_check_character_is_valid(prefix: str, digits: str) -> None:
    valid = [c for c in "0123456789A" if is_valid_hkid(f"{prefix}{digits}({c})")]
    assert valid == [check_character(prefix, digits)]


# --- R9.1 / R9.2 validation and normalisation -------------------------------------------


@pytest.mark.parametrize(
    "raw",
    [
        "Ａ１２３４５６（３）",  # full-width letters, digits and brackets
        "a123456 3",
        "a123456(3)",
        "A1234563",
        " A 123 456 ( 3 ) ",
        "A123456\t(3)\n",
        "A\u3000123456\u00a0(3)",  # ideographic and no-break spaces
        "ａ１２３４５６３",
    ],
)
def test_r9_2_input_variants_normalise_to_canonical_form(raw: str) -> None:
    assert normalise_hkid(raw) == "A123456(3)"


def test_r9_2_two_letter_prefix_normalises() -> None:
    assert normalise_hkid("ab 987654 3") == "AB987654(3)"


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        ("", "empty"),
        ("   \t ", "empty"),
        ("A123456(4)", "check character should be 3, not 4"),
        ("A123456", "expected 1-2 letters, 6 digits and a check character"),
        ("ABC123456(3)", "expected 1-2 letters, 6 digits and a check character"),
        ("A12345(3)", "expected 1-2 letters, 6 digits and a check character"),
        ("1234567(3)", "expected 1-2 letters, 6 digits and a check character"),
        ("A123456(3", "expected 1-2 letters, 6 digits and a check character"),
        ("A123456 3)", "expected 1-2 letters, 6 digits and a check character"),
        ("A123456[3]", "expected 1-2 letters, 6 digits and a check character"),
        ("A123456(B)", "expected 1-2 letters, 6 digits and a check character"),
        ("A123456(33)", "expected 1-2 letters, 6 digits and a check character"),
        ("ı123456(3)", "expected 1-2 letters, 6 digits and a check character"),  # dotless i
        ("A١٢٣٤٥٦(3)", "expected 1-2 letters, 6 digits and a check character"),  # Arabic digits
    ],
)
def test_r9_1_invalid_values_are_rejected_with_reason(raw: str, reason: str) -> None:
    with pytest.raises(InvalidHkid) as info:
        normalise_hkid(raw)
    assert info.value.reason == reason
    assert str(info.value) == f"{raw!r}: {reason}"
    assert isinstance(info.value, ValueError)
    assert not is_valid_hkid(raw)
    assert check_hkid(raw) == HkidCheck(input=raw, valid=False, canonical=None, reason=reason)


def test_r9_2_check_hkid_reports_canonical_form() -> None:
    assert check_hkid(" k200001 6") == HkidCheck(
        input=" k200001 6", valid=True, canonical="K200001(6)", reason=None
    )


@given(valid_parts(), st.booleans(), st.booleans(), st.sampled_from(["", " ", "  ", "\t"]))
def test_r9_2_every_valid_hkid_round_trips_through_normalise(
    parts: tuple[str, str, str], brackets: bool, lower: bool, space: str
) -> None:
    prefix, digits, check = parts
    canonical = f"{prefix}{digits}({check})"
    tail = f"({check})" if brackets else check
    raw = f"{space}{prefix}{space}{digits[:3]}{space}{digits[3:]}{space}{tail}{space}"
    if lower:
        raw = raw.lower()
    assert normalise_hkid(raw) == canonical
    assert normalise_hkid(canonical) == canonical


@given(valid_parts(), st.integers(min_value=0, max_value=6), st.integers(min_value=1, max_value=9))
def test_r9_1_changing_any_one_digit_makes_it_invalid(
    parts: tuple[str, str, str], position: int, delta: int
) -> None:
    prefix, digits, check = parts
    if position < 6:
        changed = list(digits)
        changed[position] = str((int(changed[position]) + delta) % 10)
        raw = f"{prefix}{''.join(changed)}({check})"
    else:
        # Position 6 stands for the check character, if it is a digit.
        new_check = str(delta) if check == "A" else str((int(check) + delta) % 10)
        raw = f"{prefix}{digits}({new_check})"
    assert not is_valid_hkid(raw)


# --- R9.3 masking -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "masked"),
    [
        ("A123456(3)", "A123XXX(X)"),
        ("AB987654(3)", "AB987XXX(X)"),
        ("a123456 3", "A123XXX(X)"),  # raw input is normalised first
        ("Ａ１２３４５６（３）", "A123XXX(X)"),
        ("A100004(A)", "A100XXX(X)"),
    ],
)
def test_r9_3_mask_keeps_letters_and_first_three_digits(value: str, masked: str) -> None:
    assert mask_hkid(value) == masked


@pytest.mark.parametrize("value", ["A123456(4)", "", "not an hkid", "A123"])
def test_r9_3_mask_of_invalid_value_raises(value: str) -> None:
    with pytest.raises(InvalidHkid):
        mask_hkid(value)


@given(valid_parts())
def test_r9_3_mask_never_reveals_last_three_digits_or_check(parts: tuple[str, str, str]) -> None:
    prefix, digits, check = parts
    masked = mask_hkid(f"{prefix}{digits}({check})")
    assert masked == f"{prefix}{digits[:3]}XXX(X)"
    # Only the first three digits survive: no other digit and no check character appears.
    assert [c for c in masked if c.isdigit()] == list(digits[:3])
    assert masked.endswith("XXX(X)")


@given(valid_parts(), st.text(alphabet="0123456789", min_size=3, max_size=3))
def test_r9_3_hkids_differing_only_in_hidden_part_mask_alike(
    parts: tuple[str, str, str], other_tail: str
) -> None:
    prefix, digits, check = parts
    other_digits = digits[:3] + other_tail
    other = f"{prefix}{other_digits}({check_character(prefix, other_digits)})"
    assert mask_hkid(f"{prefix}{digits}({check})") == mask_hkid(other)
