"""R4.2, R4.3: the 14-working-day notification deadline; R5.3: the activation deadline."""

from __future__ import annotations

from calendar import monthrange
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fc_admin.domain.calendar import WorkingCalendar
from fc_admin.domain.deadlines import (
    DeadlineState,
    activation_deadline,
    deadline_state,
    notification_deadline,
    working_days_left,
)

CAL = WorkingCalendar()

dates = st.dates(min_value=date(2020, 1, 1), max_value=date(2035, 12, 31))

# --- R4.2 notification deadline ----------------------------------------------------------


def test_r4_2_spec_example_received_thursday_23_jan_2025() -> None:
    # 29-31 Jan 2025 are Lunar New Year: the 14th working day after 23 Jan is Mon 17 Feb.
    assert notification_deadline(date(2025, 1, 23), CAL) == date(2025, 2, 17)


def test_r4_2_receipt_day_itself_never_counts() -> None:
    # Received Monday 3 Mar 2025 (a working day): 14 working days later is Fri 21 Mar.
    assert notification_deadline(date(2025, 3, 3), CAL) == date(2025, 3, 21)


def test_r4_2_received_on_a_weekend() -> None:
    # Received Saturday 1 Mar 2025: counting starts Monday 3 Mar, 14th is Thu 20 Mar.
    assert notification_deadline(date(2025, 3, 1), CAL) == date(2025, 3, 20)


def test_r4_2_easter_2025_is_skipped() -> None:
    # Received Tue 8 Apr 2025; 18, 19 (Sat) and 21 Apr are general holidays (R4.1).
    # Working days: 9,10,11,14,15,16,17,22,23,24,25,28,29,30 -> 30 Apr.
    assert notification_deadline(date(2025, 4, 8), CAL) == date(2025, 4, 30)


def test_r4_2_added_non_working_day_moves_the_deadline() -> None:
    cal = WorkingCalendar({date(2025, 2, 5): ("Special holiday", "特別假期")})
    assert notification_deadline(date(2025, 1, 23), cal) == date(2025, 2, 18)


def test_r4_2_working_days_is_configurable() -> None:
    assert notification_deadline(date(2025, 1, 23), CAL, working_days=1) == date(2025, 1, 24)
    assert notification_deadline(date(2025, 1, 23), CAL, working_days=4) == date(2025, 2, 3)


@given(dates)
def test_r4_2_deadline_is_exactly_14_working_days_after_receipt(received: date) -> None:
    deadline = notification_deadline(received, CAL)
    assert CAL.is_working_day(deadline)
    assert CAL.working_days_between(received, deadline) == 14
    assert working_days_left(deadline, received, CAL) == 14


# --- R4.3 working days left and state ----------------------------------------------------

DEADLINE = date(2025, 2, 17)  # Monday


@pytest.mark.parametrize(
    ("today", "left"),
    [
        (date(2025, 1, 23), 14),  # receipt day
        (date(2025, 2, 11), 4),  # Tue: 12, 13, 14, 17
        (date(2025, 2, 12), 3),
        (date(2025, 2, 15), 1),  # Saturday: only Monday 17 is left
        (date(2025, 2, 14), 1),
        (date(2025, 2, 17), 0),  # the deadline itself
        (date(2025, 2, 18), -1),
        (date(2025, 2, 22), -4),  # Saturday after: 18, 19, 20, 21 overdue
    ],
)
def test_r4_3_working_days_left(today: date, left: int) -> None:
    assert working_days_left(DEADLINE, today, CAL) == left


@pytest.mark.parametrize(
    ("today", "state"),
    [
        (date(2025, 1, 23), DeadlineState.ON_TRACK),
        (date(2025, 2, 11), DeadlineState.ON_TRACK),  # 4 left
        (date(2025, 2, 12), DeadlineState.AT_RISK),  # 3 left
        (date(2025, 2, 15), DeadlineState.AT_RISK),
        (date(2025, 2, 17), DeadlineState.AT_RISK),  # due today is not yet overdue
        (date(2025, 2, 18), DeadlineState.OVERDUE),
    ],
)
def test_r4_3_deadline_state(today: date, state: DeadlineState) -> None:
    assert deadline_state(DEADLINE, today, CAL) == state


def test_r4_3_overdue_on_the_weekend_after_a_friday_deadline() -> None:
    friday = date(2025, 2, 14)
    saturday = date(2025, 2, 15)
    # No working day has passed since the deadline, but the deadline has.
    assert working_days_left(friday, saturday, CAL) == 0
    assert deadline_state(friday, saturday, CAL) == DeadlineState.OVERDUE


def test_r4_3_at_risk_threshold_is_configurable() -> None:
    today = date(2025, 2, 11)  # 4 working days left
    assert deadline_state(DEADLINE, today, CAL, at_risk_days=4) == DeadlineState.AT_RISK
    assert deadline_state(DEADLINE, today, CAL, at_risk_days=3) == DeadlineState.ON_TRACK
    assert deadline_state(DEADLINE, DEADLINE, CAL, at_risk_days=0) == DeadlineState.AT_RISK


def test_r4_3_holidays_count_against_nothing() -> None:
    # On Tue 28 Jan 2025, with Lunar New Year ahead, only 3 working days remain to Wed 5 Feb.
    assert working_days_left(date(2025, 2, 5), date(2025, 1, 28), CAL) == 3
    assert deadline_state(date(2025, 2, 5), date(2025, 1, 28), CAL) == DeadlineState.AT_RISK


def test_r4_3_state_values_are_stable_strings() -> None:
    assert [s.value for s in DeadlineState] == ["on_track", "at_risk", "overdue"]


@given(dates, dates)
def test_r4_3_working_days_left_is_antisymmetric(a: date, b: date) -> None:
    assert working_days_left(a, b, CAL) == -working_days_left(b, a, CAL)


@given(dates, dates)
def test_r4_3_state_agrees_with_days_left(deadline: date, today: date) -> None:
    state = deadline_state(deadline, today, CAL)
    left = working_days_left(deadline, today, CAL)
    if today > deadline:
        assert state is DeadlineState.OVERDUE
        assert left <= 0
    elif left <= 3:
        assert state is DeadlineState.AT_RISK
    else:
        assert state is DeadlineState.ON_TRACK


# --- R5.3 activation deadline -----------------------------------------------------------


@pytest.mark.parametrize(
    ("issued", "deadline"),
    [
        (date(2025, 6, 30), date(2026, 2, 28)),  # spec example
        (date(2025, 8, 31), date(2026, 4, 30)),  # spec example
        (date(2025, 1, 15), date(2025, 9, 15)),
        (date(2023, 6, 30), date(2024, 2, 29)),  # leap year
        (date(2025, 5, 31), date(2026, 1, 31)),  # crosses the year, no clamping
        (date(2025, 4, 30), date(2025, 12, 30)),
        (date(2025, 12, 31), date(2026, 8, 31)),
    ],
)
def test_r5_3_activation_deadline_8_months_clamped(issued: date, deadline: date) -> None:
    assert activation_deadline(issued) == deadline


def test_r5_3_months_is_configurable() -> None:
    assert activation_deadline(date(2025, 1, 31), months=1) == date(2025, 2, 28)
    assert activation_deadline(date(2025, 1, 31), months=12) == date(2026, 1, 31)
    assert activation_deadline(date(2025, 1, 31), months=0) == date(2025, 1, 31)
    with pytest.raises(ValueError):
        activation_deadline(date(2025, 1, 31), months=-1)


@given(dates)
def test_r5_3_activation_deadline_properties(issued: date) -> None:
    result = activation_deadline(issued)
    months_apart = (result.year - issued.year) * 12 + result.month - issued.month
    assert months_apart == 8
    last_day = monthrange(result.year, result.month)[1]
    assert result.day == min(issued.day, last_day)
    assert result - issued > timedelta(days=240)
