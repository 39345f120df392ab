"""R4.1: Hong Kong general holidays and working days."""

from __future__ import annotations

from datetime import date, timedelta

import holidays
import pytest
from hypothesis import given
from hypothesis import strategies as st

from fc_admin.domain.calendar import Holiday, WorkingCalendar, general_holidays

# The gazetted general holidays other than Sundays (Cap. 149).
GAZETTE_2025 = {
    date(2025, 1, 1),
    date(2025, 1, 29), date(2025, 1, 30), date(2025, 1, 31),  # Lunar New Year
    date(2025, 4, 4),  # Ching Ming
    date(2025, 4, 18),  # Good Friday
    date(2025, 4, 19),  # the day following Good Friday
    date(2025, 4, 21),  # Easter Monday
    date(2025, 5, 1),
    date(2025, 5, 5),  # the Birthday of the Buddha
    date(2025, 5, 31),  # Tuen Ng
    date(2025, 7, 1),
    date(2025, 10, 1),
    date(2025, 10, 7),  # the day following Mid-Autumn
    date(2025, 10, 29),  # Chung Yeung
    date(2025, 12, 25), date(2025, 12, 26),
}  # fmt: skip

GAZETTE_2026 = {
    date(2026, 1, 1),
    date(2026, 2, 17), date(2026, 2, 18), date(2026, 2, 19),  # Lunar New Year
    date(2026, 4, 3),  # Good Friday
    date(2026, 4, 4),  # the day following Good Friday
    # Ching Ming (5 Apr) is a Sunday and Easter Monday is 6 Apr: 6 and 7 Apr are both holidays.
    date(2026, 4, 6), date(2026, 4, 7),
    date(2026, 5, 1),
    date(2026, 5, 25),  # the day following the Birthday of the Buddha (Sunday 24 May)
    date(2026, 6, 19),  # Tuen Ng
    date(2026, 7, 1),
    date(2026, 9, 26),  # the day following Mid-Autumn
    date(2026, 10, 1),
    date(2026, 10, 19),  # the day following Chung Yeung (Sunday 18 Oct)
    date(2026, 12, 25), date(2026, 12, 26),
}  # fmt: skip

CAL = WorkingCalendar()


def _names(year: int) -> dict[date, tuple[str, str]]:
    return {h.date: (h.name_en, h.name_zh) for h in general_holidays(year)}


# --- general holidays -------------------------------------------------------------------


def test_r4_1_general_holidays_2025_match_gazette() -> None:
    assert {h.date for h in general_holidays(2025)} == GAZETTE_2025


def test_r4_1_general_holidays_2026_match_gazette() -> None:
    assert {h.date for h in general_holidays(2026)} == GAZETTE_2026


def test_r4_1_general_holidays_sorted_and_not_added() -> None:
    result = general_holidays(2025)
    assert [h.date for h in result] == sorted(GAZETTE_2025)
    assert not any(h.added for h in result)


def test_r4_1_general_holidays_have_english_and_chinese_names() -> None:
    names = _names(2025)
    assert names[date(2025, 4, 18)] == ("Good Friday", "耶穌受難節")
    assert names[date(2025, 4, 19)] == ("The day following Good Friday", "耶穌受難節翌日")
    assert names[date(2025, 4, 21)] == ("Easter Monday", "復活節星期一")
    assert names[date(2025, 1, 29)] == ("Lunar New Year's Day", "農曆年初一")
    assert names[date(2025, 10, 7)] == (
        "The day following the Chinese Mid-Autumn Festival",
        "中秋節翌日",
    )


def test_r4_1_2026_substitute_day_names() -> None:
    # Ching Ming falls on Sunday 5 Apr and Easter Monday on 6 Apr, so 6 Apr is the day following
    # Ching Ming and Easter Monday moves to the day following it, 7 Apr (as in 2015).
    names = _names(2026)
    assert names[date(2026, 4, 6)][0] == "The day following Ching Ming Festival"
    assert names[date(2026, 4, 7)][0] == "The day following Easter Monday"
    assert names[date(2026, 5, 25)][0] == "The day following the Birthday of the Buddha"
    assert names[date(2026, 10, 19)][0] == "The day following Chung Yeung Festival"


def test_r4_1_general_holidays_returns_a_fresh_list_each_time() -> None:
    first = general_holidays(2025)
    first.clear()
    assert len(general_holidays(2025)) == len(GAZETTE_2025)


def test_r4_1_statutory_default_category_would_be_wrong() -> None:
    # The package's default category is the statutory (labour) holidays: no Good Friday, no day
    # following Good Friday, no Easter Monday. Government offices close on all three.
    statutory = holidays.country_holidays("HK", years=2025)
    for d in (date(2025, 4, 18), date(2025, 4, 19), date(2025, 4, 21)):
        assert d not in statutory
        assert CAL.is_general_holiday(d)
    assert not CAL.is_working_day(date(2025, 4, 18))
    assert not CAL.is_working_day(date(2025, 4, 21))


# --- working days -----------------------------------------------------------------------


def test_r4_1_weekdays_are_working_days() -> None:
    # Mon 20 to Fri 24 Jan 2025, no holidays that week.
    for day in range(20, 25):
        assert CAL.is_working_day(date(2025, 1, day))


def test_r4_1_saturday_and_sunday_are_not_working_days() -> None:
    assert not CAL.is_working_day(date(2025, 1, 25))
    assert not CAL.is_working_day(date(2025, 1, 26))
    assert not CAL.is_general_holiday(date(2025, 1, 25))


def test_r4_1_general_holiday_on_weekday_is_not_a_working_day() -> None:
    assert not CAL.is_working_day(date(2025, 1, 29))
    assert CAL.is_general_holiday(date(2025, 1, 29))
    assert CAL.is_working_day(date(2025, 1, 28))


def test_r4_1_added_day_is_not_a_working_day() -> None:
    typhoon = date(2025, 3, 12)  # a Wednesday
    cal = WorkingCalendar({typhoon: ("Special holiday", "特別假期")})
    assert CAL.is_working_day(typhoon)
    assert not cal.is_working_day(typhoon)
    assert cal.is_added_day(typhoon)
    assert not cal.is_general_holiday(typhoon)


def test_r4_1_calendar_copies_the_added_days() -> None:
    extra = {date(2025, 3, 12): ("Special holiday", "特別假期")}
    cal = WorkingCalendar(extra)
    extra[date(2025, 3, 13)] = ("Another", "另一")
    assert cal.is_working_day(date(2025, 3, 13))


def test_r4_1_holidays_lists_general_and_added_days_sorted() -> None:
    extra = {
        date(2025, 3, 12): ("Special holiday", "特別假期"),
        date(2026, 3, 12): ("Next year", "明年"),  # another year: not listed for 2025
        date(2025, 4, 18): ("Duplicate of Good Friday", "重複"),  # already a general holiday
    }
    listed = WorkingCalendar(extra).holidays(2025)
    assert [h.date for h in listed] == sorted(GAZETTE_2025 | {date(2025, 3, 12)})
    added = [h for h in listed if h.added]
    assert added == [Holiday(date(2025, 3, 12), "Special holiday", "特別假期", added=True)]
    good_friday = next(h for h in listed if h.date == date(2025, 4, 18))
    assert good_friday.name_en == "Good Friday"
    assert not good_friday.added


def test_r4_1_holidays_do_not_list_ordinary_weekends() -> None:
    listed = {h.date for h in CAL.holidays(2025)}
    assert date(2025, 1, 25) not in listed  # an ordinary Saturday
    assert date(2025, 5, 31) in listed  # Tuen Ng on a Saturday is still listed


def test_r4_1_holiday_on() -> None:
    cal = WorkingCalendar({date(2025, 3, 12): ("Special holiday", "特別假期")})
    good_friday = cal.holiday_on(date(2025, 4, 18))
    assert good_friday is not None and good_friday.name_en == "Good Friday"
    special = cal.holiday_on(date(2025, 3, 12))
    assert special is not None and special.added
    assert cal.holiday_on(date(2025, 1, 25)) is None


def test_r4_2_working_days_after_skips_lunar_new_year() -> None:
    # Tue 28 Jan 2025; 29-31 Jan are Lunar New Year, 1-2 Feb a weekend.
    assert CAL.working_days_after(date(2025, 1, 28), 1) == date(2025, 2, 3)
    assert CAL.working_days_after(date(2025, 1, 23), 1) == date(2025, 1, 24)
    assert CAL.working_days_after(date(2025, 1, 24), 1) == date(2025, 1, 27)


def test_r4_2_working_days_after_counts_from_a_non_working_start() -> None:
    # Start on Saturday 25 Jan: the 1st working day after is Monday 27 Jan.
    assert CAL.working_days_after(date(2025, 1, 25), 1) == date(2025, 1, 27)


def test_r4_2_working_days_after_rejects_n_below_1() -> None:
    with pytest.raises(ValueError):
        CAL.working_days_after(date(2025, 1, 23), 0)


def test_r4_1_next_working_days() -> None:
    assert CAL.next_working_days(date(2025, 1, 23), 4) == [
        date(2025, 1, 24),
        date(2025, 1, 27),
        date(2025, 1, 28),
        date(2025, 2, 3),
    ]
    assert CAL.next_working_days(date(2025, 1, 23), 0) == []
    with pytest.raises(ValueError):
        CAL.next_working_days(date(2025, 1, 23), -1)


def test_r4_1_next_working_days_crosses_year_end() -> None:
    # Wed 24 Dec 2025; 25-26 Dec holidays, 27-28 weekend, 1 Jan 2026 a holiday.
    assert CAL.next_working_days(date(2025, 12, 24), 4) == [
        date(2025, 12, 29),
        date(2025, 12, 30),
        date(2025, 12, 31),
        date(2026, 1, 2),
    ]


def test_r4_1_working_days_between() -> None:
    assert CAL.working_days_between(date(2025, 1, 23), date(2025, 2, 3)) == 4
    assert CAL.working_days_between(date(2025, 1, 23), date(2025, 1, 23)) == 0
    assert CAL.working_days_between(date(2025, 2, 3), date(2025, 1, 23)) == 0
    # The end counts, the start does not.
    assert CAL.working_days_between(date(2025, 1, 23), date(2025, 1, 24)) == 1
    assert CAL.working_days_between(date(2025, 1, 22), date(2025, 1, 23)) == 1


# --- properties -------------------------------------------------------------------------

dates = st.dates(min_value=date(2020, 1, 1), max_value=date(2035, 12, 31))
added_days = st.dictionaries(dates, st.just(("Added day", "新增日子")), max_size=10)


@given(dates, st.integers(min_value=1, max_value=40), added_days)
def test_r4_1_working_days_after_properties(
    start: date, n: int, extra: dict[date, tuple[str, str]]
) -> None:
    cal = WorkingCalendar(extra)
    result = cal.working_days_after(start, n)
    assert result > start
    assert cal.is_working_day(result)
    assert cal.working_days_between(start, result) == n
    assert cal.next_working_days(start, n)[-1] == result
    # The day before the result still had only n - 1 working days.
    assert cal.working_days_between(start, result - timedelta(days=1)) == n - 1


@given(dates, added_days)
def test_r4_1_added_days_are_never_working_days(
    d: date, extra: dict[date, tuple[str, str]]
) -> None:
    cal = WorkingCalendar(extra)
    for added in extra:
        assert not cal.is_working_day(added)
    # Adding days never turns a non-working day into a working day.
    if cal.is_working_day(d):
        assert CAL.is_working_day(d)


@given(dates)
def test_r4_1_working_day_definition(d: date) -> None:
    expected = d.weekday() < 5 and not CAL.is_general_holiday(d)
    assert CAL.is_working_day(d) == expected


@given(dates, dates)
def test_r4_1_working_days_between_is_additive(a: date, b: date) -> None:
    start, end = min(a, b), max(a, b)
    middle = start + timedelta(days=(end - start).days // 2)
    assert CAL.working_days_between(start, end) == CAL.working_days_between(
        start, middle
    ) + CAL.working_days_between(middle, end)
