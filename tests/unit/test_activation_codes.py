"""R5.1, R5.2: account IDs and activation codes: the alphabet, randomness, the stored hash."""

from __future__ import annotations

import hmac
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fc_admin.domain.activation_codes import (
    ACCOUNT_ID_PREFIX,
    ALPHABET,
    CODE_LENGTH,
    VOID_HASH,
    format_code,
    hash_code,
    is_account_id,
    new_account_id,
    new_code,
    normalise_account_id,
    normalise_code,
    verify_code,
)

codes = st.text(alphabet=ALPHABET, min_size=CODE_LENGTH, max_size=CODE_LENGTH)


def test_r5_2_alphabet_has_no_look_alikes() -> None:
    assert not set("0O1IL") & set(ALPHABET)
    assert len(set(ALPHABET)) == len(ALPHABET) == 31
    assert "".join(sorted(ALPHABET)) == ALPHABET


def test_r5_2_codes_are_long_and_have_ample_entropy() -> None:
    code = new_code()
    assert len(code) == CODE_LENGTH >= 10
    assert set(code) <= set(ALPHABET)
    assert CODE_LENGTH * math.log2(len(ALPHABET)) > 79
    with pytest.raises(ValueError, match="at least 10"):
        new_code(9)


def test_r5_2_codes_come_from_secrets(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []

    def choice(seq: str) -> str:
        calls.append(seq)
        return seq[0]

    monkeypatch.setattr("fc_admin.domain.activation_codes.secrets.choice", choice)
    assert new_code() == "2" * CODE_LENGTH
    assert calls == [ALPHABET] * CODE_LENGTH


def test_r5_2_codes_do_not_repeat() -> None:
    assert len({new_code() for _ in range(2000)}) == 2000


def test_r5_1_account_ids_are_random_and_well_formed() -> None:
    ids = {new_account_id() for _ in range(2000)}
    assert len(ids) == 2000
    for account_id in list(ids)[:50]:
        assert account_id.startswith(ACCOUNT_ID_PREFIX) and len(account_id) == 10
        assert is_account_id(account_id)
    assert not is_account_id("FC1234567O")  # 1 and O are not in the alphabet
    assert not is_account_id("A123456(3)")
    assert not is_account_id("FC2345678")


def test_normalising_what_people_type() -> None:
    assert normalise_code("abcd-efgh jkmn–pqrs") == "ABCDEFGHJKMNPQRS"
    assert normalise_code("ＡＢＣＤ－ＥＦＧＨ") == "ABCDEFGH"  # full-width forms (NFKC)
    assert normalise_code("O0") == "O0"  # nothing is guessed
    assert normalise_account_id(" fc7k2m-xq9d ") == "FC7K2MXQ9D"


def test_format_code_groups_of_four() -> None:
    assert format_code("ABCDEFGHJKMNPQRS") == "ABCD-EFGH-JKMN-PQRS"
    assert normalise_code(format_code("ABCDEFGHJKMNPQRS")) == "ABCDEFGHJKMNPQRS"


@given(codes)
def test_r5_2_only_the_right_code_of_the_right_account_verifies(code: str) -> None:
    stored = hash_code("FC7K2MXQ9D", code)
    assert verify_code(stored, "FC7K2MXQ9D", code)
    assert verify_code(stored, "FC7K2MXQ9D", format_code(code).lower())
    assert not verify_code(stored, "FC7K2MXQ9E", code)  # a hash copied to another account
    other = ("3" if code[0] == "2" else "2") + code[1:]
    assert not verify_code(stored, "FC7K2MXQ9D", other)


def test_r5_2_the_stored_hash_is_salted_and_holds_no_code() -> None:
    code = new_code()
    first = hash_code("FC7K2MXQ9D", code)
    second = hash_code("FC7K2MXQ9D", code)
    assert first != second  # per-account random salt
    assert code not in first and code.lower() not in first
    assert first.startswith("hs256$") and len(first) <= 200  # fits account.code_hash


@pytest.mark.parametrize("stored", [VOID_HASH, "", "hs256$zz$zz", "md5$00$00", "hs256$00"])
def test_void_or_malformed_hashes_never_verify(stored: str) -> None:
    assert not verify_code(stored, "FC7K2MXQ9D", "ABCD")


def test_verification_compares_in_constant_time(monkeypatch: pytest.MonkeyPatch) -> None:
    used: list[int] = []
    real = hmac.compare_digest

    def spy(a: bytes, b: bytes) -> bool:
        used.append(1)
        return real(a, b)

    monkeypatch.setattr("fc_admin.domain.activation_codes.hmac.compare_digest", spy)
    code = new_code()
    assert verify_code(hash_code("FC7K2MXQ9D", code), "FC7K2MXQ9D", code)
    assert used == [1]
