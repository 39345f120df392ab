"""R1: ages, age-out dates and who is eligible on a date; R3.2 outcome vocabulary."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fc_admin.domain.eligibility import (
    CHILD_OVER_21,
    CHILD_STATUS_MISSING,
    INACTIVE,
    INELIGIBILITY_REASONS,
    MISMATCH_REASONS,
    PRINCIPAL_INACTIVE,
    PRINCIPAL_NOT_ON_ROSTER,
    Outcome,
    RosterFacts,
    age_on,
    age_out_dates,
    birthday,
    judge_eligibility,
)

ON = date(2025, 1, 8)


def child(
    dob: date,
    child_status: str | None = None,
    *,
    status: str = "active",
    principal_status: str | None = "active",
) -> RosterFacts:
    return RosterFacts("dependant", "child", status, child_status, dob, principal_status)


# --- ages -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("dob", "on", "age"),
    [
        (date(2006, 1, 8), date(2025, 1, 8), 19),  # birthday today
        (date(2006, 1, 9), date(2025, 1, 8), 18),  # birthday tomorrow
        (date(2006, 1, 7), date(2025, 1, 8), 19),
        (date(2000, 12, 31), date(2025, 1, 1), 24),
        (date(2025, 1, 8), date(2025, 1, 8), 0),
    ],
)
def test_r1_4_age_on_a_date(dob: date, on: date, age: int) -> None:
    assert age_on(dob, on) == age


def test_r1_4_leap_day_birthday_is_1_march_in_other_years() -> None:
    dob = date(2004, 2, 29)
    assert age_on(dob, date(2023, 2, 28)) == 18
    assert age_on(dob, date(2023, 3, 1)) == 19
    assert age_on(dob, date(2024, 2, 28)) == 19
    assert age_on(dob, date(2024, 2, 29)) == 20  # a leap year: the day itself
    assert birthday(dob, 19) == date(2023, 3, 1)
    assert birthday(dob, 20) == date(2024, 2, 29)
    assert birthday(dob, 21) == date(2025, 3, 1)


def test_r1_4_age_before_birth_is_negative_not_an_error() -> None:
    assert age_on(date(2025, 5, 1), date(2025, 1, 1)) == -1


def test_r1_4_birthday_rejects_negative_age() -> None:
    with pytest.raises(ValueError):
        birthday(date(2000, 1, 1), -1)


@given(
    st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)),
    st.integers(min_value=0, max_value=100),
)
def test_r1_4_age_turns_on_the_birthday(dob: date, age: int) -> None:
    day = birthday(dob, age)
    assert age_on(dob, day) == age
    if age > 0:
        assert age_on(dob, day - timedelta(days=1)) == age - 1


# --- age-out dates ---------------------------------------------------------------------------


def test_r1_4_child_ages_out_on_19th_and_21st_birthdays() -> None:
    assert age_out_dates(date(2012, 2, 28), "child") == (date(2031, 2, 28), date(2033, 2, 28))
    assert age_out_dates(date(2008, 2, 29), "child") == (date(2027, 3, 1), date(2029, 3, 1))


@pytest.mark.parametrize("relationship", ["self", "spouse"])
def test_r1_4_no_age_out_dates_for_adults(relationship: str) -> None:
    assert age_out_dates(date(1980, 4, 12), relationship) == (None, None)


# --- judge_eligibility -----------------------------------------------------------------------


@pytest.mark.parametrize("category", ["officer", "pensioner", "survivor"])
def test_r1_1_active_principal_is_eligible(category: str) -> None:
    facts = RosterFacts(category, "self", "active", None, date(1948, 11, 20))
    assert judge_eligibility(facts, ON) == []


@pytest.mark.parametrize("category", ["officer", "pensioner", "survivor"])
def test_r1_3_inactive_principal_or_suspended_pension_is_ineligible(category: str) -> None:
    facts = RosterFacts(category, "self", "inactive", None, date(1948, 11, 20))
    assert judge_eligibility(facts, ON) == [INACTIVE]


def test_r1_2_spouse_of_active_principal_is_eligible_at_any_age() -> None:
    facts = RosterFacts("dependant", "spouse", "active", None, date(1940, 1, 1), "active")
    assert judge_eligibility(facts, ON) == []


def test_r1_3_dependant_of_inactive_principal_is_ineligible() -> None:
    spouse = RosterFacts("dependant", "spouse", "active", None, date(1950, 1, 1), "inactive")
    assert judge_eligibility(spouse, ON) == [PRINCIPAL_INACTIVE]
    assert judge_eligibility(child(date(2012, 2, 28), principal_status="inactive"), ON) == [
        PRINCIPAL_INACTIVE
    ]


def test_r1_3_dependant_without_principal_row_is_not_eligible() -> None:
    facts = RosterFacts("dependant", "spouse", "active", None, date(1950, 1, 1), None)
    assert judge_eligibility(facts, ON) == [PRINCIPAL_NOT_ON_ROSTER]


def test_r1_3_inactive_dependant_is_ineligible() -> None:
    assert judge_eligibility(child(date(2012, 2, 28), status="inactive"), ON) == [INACTIVE]


def test_r1_2_child_under_19_is_eligible_without_status() -> None:
    assert judge_eligibility(child(date(2006, 1, 9)), ON) == []  # 19 tomorrow


def test_r1_2_child_turning_19_today_needs_fte_or_infirm() -> None:
    dob = date(2006, 1, 8)
    assert judge_eligibility(child(dob), ON) == [CHILD_STATUS_MISSING]
    assert judge_eligibility(child(dob, "fte"), ON) == []
    assert judge_eligibility(child(dob, "infirm"), ON) == []


def test_r1_2_child_aged_20_still_eligible_with_status() -> None:
    dob = date(2004, 1, 9)  # 21 tomorrow
    assert judge_eligibility(child(dob, "fte"), ON) == []
    assert judge_eligibility(child(dob), ON) == [CHILD_STATUS_MISSING]


@pytest.mark.parametrize("child_status", [None, "fte", "infirm"])
def test_r1_2_child_aged_21_is_ineligible_whatever_the_status(child_status: str | None) -> None:
    assert judge_eligibility(child(date(2004, 1, 8), child_status), ON) == [CHILD_OVER_21]


def test_r1_2_leap_day_child_turns_21_on_1_march() -> None:
    dob = date(2004, 2, 29)
    assert judge_eligibility(child(dob, "fte"), date(2025, 2, 28)) == []
    assert judge_eligibility(child(dob, "fte"), date(2025, 3, 1)) == [CHILD_OVER_21]


def test_r1_all_reasons_are_given_together() -> None:
    facts = child(date(2000, 1, 1), status="inactive", principal_status="inactive")
    assert judge_eligibility(facts, ON) == [INACTIVE, PRINCIPAL_INACTIVE, CHILD_OVER_21]


# --- vocabulary ------------------------------------------------------------------------------


def test_r3_2_outcomes_are_the_six_of_the_spec() -> None:
    assert [outcome.value for outcome in Outcome] == [
        "ELIGIBLE",
        "REVIEW",
        "MISMATCH",
        "NOT_FOUND",
        "INELIGIBLE",
        "DUPLICATE",
    ]
    assert Outcome.ELIGIBLE == "ELIGIBLE"
    assert Outcome("NOT_FOUND") is Outcome.NOT_FOUND


def test_f4_reason_codes_are_issue_codes() -> None:
    issue_codes = {
        "DOB_MISMATCH",
        "NAME_MISMATCH",
        "RELATIONSHIP_MISMATCH",
        "PRINCIPAL_MISMATCH",
        "CHILD_STATUS_MISSING",
    }
    assert issue_codes <= MISMATCH_REASONS | INELIGIBILITY_REASONS
    assert not MISMATCH_REASONS & INELIGIBILITY_REASONS
