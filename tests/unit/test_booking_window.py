"""R7.2: channels per rollout stage; R8: booking windows."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fc_admin.domain.booking_window import (
    HONG_KONG,
    Channel,
    bookable_dates,
    channels_serving,
    hk_date,
    is_live,
    slot_bookable,
)
from fc_admin.domain.calendar import WorkingCalendar

CAL = WorkingCalendar()
GO_LIVE = date(2025, 1, 20)  # CW and FL (R7.1)


def hk(d: date, hour: int = 10, minute: int = 0) -> datetime:
    return datetime.combine(d, time(hour, minute), tzinfo=HONG_KONG)


def dates_for(channel: Channel, go_live: date | None, at: datetime) -> list[date]:
    return bookable_dates(channel, go_live, at, CAL.is_working_day, CAL)


# --- R7 rollout -------------------------------------------------------------------------


def test_r7_1_live_from_go_live_inclusive() -> None:
    assert not is_live(GO_LIVE, date(2025, 1, 19))
    assert is_live(GO_LIVE, date(2025, 1, 20))
    assert is_live(GO_LIVE, date(2025, 1, 21))


def test_r7_1_no_go_live_date_is_never_live() -> None:
    assert not is_live(None, date(2030, 1, 1))


def test_r7_2_before_go_live_manual_and_atbs() -> None:
    expected = frozenset({Channel.MANUAL, Channel.ATBS})
    assert channels_serving(GO_LIVE, date(2025, 1, 19)) == expected
    assert channels_serving(None, date(2025, 1, 19)) == expected


def test_r7_2_from_go_live_online_and_manual() -> None:
    expected = frozenset({Channel.ONLINE, Channel.MANUAL})
    assert channels_serving(GO_LIVE, date(2025, 1, 20)) == expected
    assert channels_serving(GO_LIVE, date(2026, 1, 20)) == expected


def test_r7_2_channel_values_are_stable_strings() -> None:
    assert [c.value for c in Channel] == ["online", "manual", "atbs"]


# --- R8.1 live window -------------------------------------------------------------------


def test_r8_1_friday_offers_friday_only() -> None:
    assert dates_for(Channel.ONLINE, GO_LIVE, hk(date(2025, 1, 24))) == [date(2025, 1, 24)]


def test_r8_1_thursday_offers_thursday_and_friday() -> None:
    assert dates_for(Channel.ONLINE, GO_LIVE, hk(date(2025, 1, 23))) == [
        date(2025, 1, 23),
        date(2025, 1, 24),
    ]


def test_r8_1_saturday_offers_nothing() -> None:
    assert dates_for(Channel.ONLINE, GO_LIVE, hk(date(2025, 1, 25))) == []


def test_r8_1_sunday_offers_monday() -> None:
    assert dates_for(Channel.ONLINE, GO_LIVE, hk(date(2025, 1, 26))) == [date(2025, 1, 27)]


def test_r8_1_day_before_holiday_offers_that_day_only() -> None:
    # 29 Jan 2025 is Lunar New Year's Day.
    assert dates_for(Channel.ONLINE, GO_LIVE, hk(date(2025, 1, 28))) == [date(2025, 1, 28)]


def test_r8_1_on_a_holiday_offers_next_day_if_working() -> None:
    # Easter Monday 21 Apr 2025 -> Tuesday 22 Apr only.
    assert dates_for(Channel.ONLINE, GO_LIVE, hk(date(2025, 4, 21))) == [date(2025, 4, 22)]


def test_r8_1_manual_at_live_clinic_uses_live_window() -> None:
    # Friday: the not-live manual window would offer 8 dates; the live window offers Friday.
    assert dates_for(Channel.MANUAL, GO_LIVE, hk(date(2025, 1, 24))) == [date(2025, 1, 24)]
    assert dates_for(Channel.MANUAL, GO_LIVE, hk(date(2025, 1, 23))) == [
        date(2025, 1, 23),
        date(2025, 1, 24),
    ]


def test_r8_1_go_live_date_equal_to_d_counts_as_live() -> None:
    monday = date(2025, 1, 20)
    assert dates_for(Channel.ONLINE, monday, hk(monday)) == [monday, date(2025, 1, 21)]
    assert dates_for(Channel.ATBS, monday, hk(monday)) == []


def test_r8_1_clinic_closure_removes_the_day() -> None:
    # The clinic is closed on Thursday 23 Jan (R10.2): only Friday is left.
    closed = date(2025, 1, 23)
    result = bookable_dates(
        Channel.ONLINE,
        GO_LIVE,
        hk(closed),
        lambda d: d != closed and CAL.is_working_day(d),
        CAL,
    )
    assert result == [date(2025, 1, 24)]


def test_r8_operating_day_must_be_a_working_day() -> None:
    # A callback that claims every day operates cannot make a Saturday or holiday bookable.
    result = bookable_dates(Channel.ONLINE, GO_LIVE, hk(date(2025, 1, 24)), lambda d: True, CAL)
    assert result == [date(2025, 1, 24)]
    result = bookable_dates(Channel.ONLINE, GO_LIVE, hk(date(2025, 1, 28)), lambda d: True, CAL)
    assert result == [date(2025, 1, 28)]


def test_r8_added_non_working_day_is_not_bookable() -> None:
    cal = WorkingCalendar({date(2025, 1, 24): ("Special holiday", "特別假期")})
    result = bookable_dates(Channel.ONLINE, GO_LIVE, hk(date(2025, 1, 23)), cal.is_working_day, cal)
    assert result == [date(2025, 1, 23)]


# --- R8.2 manual telephone, clinic not live ---------------------------------------------

MANUAL_THU_23 = [
    date(2025, 1, 23),
    date(2025, 1, 24),
    date(2025, 1, 27),
    date(2025, 1, 28),
    # 29-31 Jan Lunar New Year
    date(2025, 2, 3),
    date(2025, 2, 4),
    date(2025, 2, 5),
    date(2025, 2, 6),
]


def test_r8_2_manual_not_live_d_and_next_7_working_days() -> None:
    assert dates_for(Channel.MANUAL, None, hk(date(2025, 1, 23))) == MANUAL_THU_23


def test_r8_2_manual_before_go_live_date() -> None:
    later = date(2025, 3, 1)
    assert dates_for(Channel.MANUAL, later, hk(date(2025, 1, 23))) == MANUAL_THU_23


def test_r8_2_manual_not_live_on_saturday_is_the_next_7_working_days() -> None:
    expected = [*MANUAL_THU_23[2:], date(2025, 2, 7)]
    assert dates_for(Channel.MANUAL, None, hk(date(2025, 1, 25))) == expected


def test_r8_2_manual_not_live_skips_closed_days_without_replacing_them() -> None:
    # The 7 working days are counted on the calendar; a closed clinic day is just left out.
    closed = date(2025, 1, 27)
    result = bookable_dates(
        Channel.MANUAL,
        None,
        hk(date(2025, 1, 23)),
        lambda d: d != closed and CAL.is_working_day(d),
        CAL,
    )
    assert result == [d for d in MANUAL_THU_23 if d != closed]


# --- R8.3 ATBS, clinic not live ---------------------------------------------------------


def test_r8_3_atbs_not_live_thursday() -> None:
    assert dates_for(Channel.ATBS, None, hk(date(2025, 1, 23))) == MANUAL_THU_23


def test_r8_3_atbs_not_live_friday_late() -> None:
    # Friday 23:00: the next 24 hours reach into Saturday, which does not operate.
    assert dates_for(Channel.ATBS, None, hk(date(2025, 1, 24), 23)) == [
        date(2025, 1, 24),
        date(2025, 1, 27),
        date(2025, 1, 28),
        date(2025, 2, 3),
        date(2025, 2, 4),
        date(2025, 2, 5),
        date(2025, 2, 6),
        date(2025, 2, 7),
    ]


def test_r8_3_atbs_next_day_is_listed_once() -> None:
    # D+1 is both within 24 hours of T and the first of the next 7 working days.
    result = dates_for(Channel.ATBS, None, hk(date(2025, 1, 23)))
    assert result.count(date(2025, 1, 24)) == 1


def test_r7_2_atbs_from_go_live_offers_nothing() -> None:
    assert dates_for(Channel.ATBS, GO_LIVE, hk(date(2025, 1, 23))) == []


def test_r7_2_online_before_go_live_offers_nothing() -> None:
    assert dates_for(Channel.ONLINE, None, hk(date(2025, 1, 23))) == []
    assert dates_for(Channel.ONLINE, GO_LIVE, hk(date(2025, 1, 17))) == []


# --- Hong Kong date of T ----------------------------------------------------------------


def test_r8_utc_just_after_hk_midnight_is_the_next_hk_date() -> None:
    # 16:30 UTC Thursday 23 Jan = 00:30 Friday 24 Jan in Hong Kong (UTC+8).
    at = datetime(2025, 1, 23, 16, 30, tzinfo=UTC)
    assert hk_date(at) == date(2025, 1, 24)
    assert dates_for(Channel.ONLINE, GO_LIVE, at) == [date(2025, 1, 24)]


def test_r8_utc_just_before_hk_midnight_is_the_same_hk_date() -> None:
    at = datetime(2025, 1, 23, 15, 59, tzinfo=UTC)  # 23:59 Thursday in Hong Kong
    assert hk_date(at) == date(2025, 1, 23)
    assert dates_for(Channel.ONLINE, GO_LIVE, at) == [date(2025, 1, 23), date(2025, 1, 24)]


def test_r8_go_live_judged_on_hk_date() -> None:
    # 17:00 UTC on 19 Jan is 01:00 on go-live day 20 Jan in Hong Kong: online is live.
    at = datetime(2025, 1, 19, 17, 0, tzinfo=UTC)
    assert dates_for(Channel.ONLINE, GO_LIVE, at) == [date(2025, 1, 20), date(2025, 1, 21)]


def test_r8_naive_datetime_is_refused() -> None:
    with pytest.raises(ValueError):
        dates_for(Channel.ONLINE, GO_LIVE, datetime(2025, 1, 23, 10, 0))
    with pytest.raises(ValueError):
        hk_date(datetime(2025, 1, 23, 10, 0))


# --- R8.4 same-day slots ----------------------------------------------------------------


def test_r8_4_slot_bookable_only_if_it_starts_after_t() -> None:
    at = hk(date(2025, 1, 23), 10, 0)
    assert slot_bookable(hk(date(2025, 1, 23), 10, 15), at)
    assert not slot_bookable(hk(date(2025, 1, 23), 10, 0), at)  # starting now: too late
    assert not slot_bookable(hk(date(2025, 1, 23), 9, 45), at)
    assert slot_bookable(hk(date(2025, 1, 24), 9, 0), at)


def test_r8_4_slot_bookable_compares_instants_across_zones() -> None:
    slot = hk(date(2025, 1, 23), 10, 0)  # 02:00 UTC
    assert not slot_bookable(slot, datetime(2025, 1, 23, 2, 0, tzinfo=UTC))
    assert slot_bookable(slot, datetime(2025, 1, 23, 1, 59, tzinfo=UTC))
    assert not slot_bookable(slot, datetime(2025, 1, 23, 3, 1, tzinfo=timezone(timedelta(hours=1))))


def test_r8_4_slot_bookable_refuses_naive_datetimes() -> None:
    with pytest.raises(ValueError):
        slot_bookable(datetime(2025, 1, 23, 10, 15), hk(date(2025, 1, 23)))
    with pytest.raises(ValueError):
        slot_bookable(hk(date(2025, 1, 23)), datetime(2025, 1, 23, 10, 0))


# --- properties -------------------------------------------------------------------------

moments = st.datetimes(
    min_value=datetime(2024, 1, 1), max_value=datetime(2027, 12, 31), timezones=st.just(UTC)
)
go_lives = st.none() | st.dates(min_value=date(2024, 1, 1), max_value=date(2027, 12, 31))


@given(st.sampled_from(list(Channel)), go_lives, moments)
def test_r8_results_sorted_unique_operating_and_within_window(
    channel: Channel, go_live: date | None, at: datetime
) -> None:
    d = hk_date(at)
    result = dates_for(channel, go_live, at)
    assert result == sorted(set(result))
    assert all(CAL.is_working_day(x) for x in result)
    if channel not in channels_serving(go_live, d):
        assert result == []
    elif is_live(go_live, d):
        # R8.1: never beyond D+1.
        assert set(result) <= {d, d + timedelta(days=1)}
    else:
        # R8.2, R8.3: D (if operating) and exactly the next 7 working days.
        expected = CAL.next_working_days(d, 7)
        assert [x for x in result if x != d] == expected
        assert (d in result) == CAL.is_working_day(d)
