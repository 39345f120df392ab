"""R3.3: English and Chinese name equivalence, and the similarity shown for review (R3.2)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fc_admin.domain.names import (
    NameComparison,
    compare_names,
    name_similarity,
    names_equivalent_en,
    names_equivalent_zh,
    normalise_name_en,
    normalise_name_zh,
)


@pytest.mark.parametrize(
    ("raw", "normalised"),
    [
        ("CHAN, Tai Man", "chan tai man"),
        ("CHAN,Tai-man", "chan tai man"),
        ("  chan   TAI  man  ", "chan tai man"),
        ("CHAN , - Tai -- Man", "chan tai man"),
        ("CHAN\tTai\u00a0Man", "chan tai man"),
        ("ＣＨＡＮ，Ｔａｉ　Ｍａｎ", "chan tai man"),  # full width, NFKC first
        ("STRASSE", "strasse"),
        ("Straße", "strasse"),  # case folding, not lower()
        ("", ""),
    ],
)
def test_r3_3_normalise_english_name(raw: str, normalised: str) -> None:
    assert normalise_name_en(raw) == normalised


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("CHAN, Tai-man", "Tai Man CHAN"),  # the example of R3.3
        ("CHAN, Tai Man", "chan tai man"),
        ("CHAN, Tai Man", "Man Tai Chan"),
        ("HO, Chun Wai", "HO Chun-Wai"),
        ("AU-YEUNG, Siu Ming", "Siu Ming Au Yeung"),
    ],
)
def test_r3_3_english_names_equivalent_in_any_order(a: str, b: str) -> None:
    assert names_equivalent_en(a, b)
    assert names_equivalent_en(b, a)
    assert name_similarity(a, b) == 1.0


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("CHAN, Tai Man", "CHAN, Taiman"),  # joined given names are a different spelling
        ("CHAN, Tai Man", "CHAN, Tai"),
        ("CHAN Chan", "CHAN"),  # parts compared as a multiset, not a set
        ("CHAN, Tai Man", "CHEN, Tai Man"),
    ],
)
def test_r3_3_english_names_that_differ(a: str, b: str) -> None:
    assert not names_equivalent_en(a, b)
    assert name_similarity(a, b) < 1.0


def test_r3_2_similarity_ranks_a_typo_above_another_person() -> None:
    typo = name_similarity("CHAN, Tai Man", "CHAN, Tai Mun")
    other = name_similarity("CHAN, Tai Man", "WONG, Siu Ling")
    assert 0.8 <= typo < 1.0
    assert other < 0.5
    assert typo == round(typo, 2)


def test_r3_2_long_names_differing_by_one_letter_never_show_full_similarity() -> None:
    # 250 characters, one different: the raw ratio rounds to 1.00.
    a = "CHAN, " + "Wing " * 48 + "Man"
    b = "CHAN, " + "Wing " * 48 + "Mun"
    assert not names_equivalent_en(a, b)
    assert name_similarity(a, b) == 0.99


@given(st.lists(st.sampled_from(["CHAN", "Tai", "Man", "WONG", "Siu", "Ling"]), max_size=5))
def test_r3_3_order_of_parts_never_matters(parts: list[str]) -> None:
    assert names_equivalent_en(", ".join(parts), " ".join(reversed(parts)))


@given(st.text(max_size=30), st.text(max_size=30))
def test_r3_2_similarity_is_symmetric_and_between_0_and_1(a: str, b: str) -> None:
    assert 0.0 <= name_similarity(a, b) <= 1.0
    assert name_similarity(a, b) == name_similarity(b, a)
    assert (name_similarity(a, b) == 1.0) == names_equivalent_en(a, b)


@pytest.mark.parametrize(
    ("a", "b", "equal"),
    [
        ("陳大文", "陳 大 文", True),
        ("陳大文", " 陳大文\u3000", True),
        ("陳大文", "陈大文", False),  # simplified is another character: exact comparison
        ("何俊偉", "何俊伟", False),
        ("⽅小明", "方小明", True),  # KANGXI RADICAL SQUARE (U+2F45) is 方 under NFKC
        ("", "", True),
        (None, "", True),
        ("陳大文", "", False),
    ],
)
def test_r3_3_chinese_names_exact_after_nfkc_and_spaces(
    a: str | None, b: str | None, equal: bool
) -> None:
    assert names_equivalent_zh(a, b) is equal


def test_r3_3_normalise_chinese_name() -> None:
    assert normalise_name_zh(" 陳　大文 ") == "陳大文"
    assert normalise_name_zh(None) == ""


def test_r3_2_compare_names_all_equal() -> None:
    result = compare_names("CHAN, Tai-man", "陳大文", "Tai Man CHAN", "陳 大文")
    assert result == NameComparison(en_equal=True, zh_equal=True, similarity=1.0)
    assert result.equivalent


def test_r3_2_compare_names_chinese_not_compared_when_one_side_has_none() -> None:
    for form_zh, roster_zh in (("陳大文", ""), (None, "陳大文"), ("", None), (" ", "陳大文")):
        result = compare_names("CHAN, Tai Man", form_zh, "CHAN, Tai Man", roster_zh)
        assert result.zh_equal is None
        assert result.equivalent


def test_r3_2_compare_names_chinese_differs() -> None:
    result = compare_names("CHAN, Tai Man", "陳大文", "CHAN, Tai Man", "陳大明")
    assert result.en_equal
    assert result.zh_equal is False
    assert not result.equivalent


def test_r3_2_compare_names_english_differs_gives_similarity() -> None:
    result = compare_names("CHAN, Tai Man", "陳大文", "CHAN, Tai Mun", "陳大文")
    assert not result.en_equal
    assert result.zh_equal is True
    assert 0.0 < result.similarity < 1.0
    assert not result.equivalent
