"""R8, R10.1, R10.2: a clinic's operating days and slots from templates, holidays and closures."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, time

from fc_admin.domain.calendar import WorkingCalendar
from fc_admin.domain.hktime import HONG_KONG
from fc_admin.domain.schedule import ALL_DAY, ClinicSchedule
from fc_admin.domain.session_templates import SeatPool, SessionSpec, WeeklyTemplate

WEEKDAYS = (0, 1, 2, 3, 4)
AM = SessionSpec("AM", WEEKDAYS, time(9, 0), time(13, 0), 15, 4, 2)
PM = SessionSpec("PM", WEEKDAYS, time(14, 0), time(17, 0), 15, 4, 2)
F8 = WeeklyTemplate((AM, PM))
# From 3 Feb 2025: mornings only, 30-minute slots.
MORNINGS = WeeklyTemplate((replace(AM, slot_minutes=30, capacity=6, online=3),))

CAL = WorkingCalendar()
GO_LIVE = date(2025, 1, 20)  # CW and FL (R7.1)
MON_13_JAN = date(2025, 1, 13)
FRI_24_JAN = date(2025, 1, 24)
SAT_25_JAN = date(2025, 1, 25)
LUNAR_NEW_YEAR = date(2025, 1, 29)  # Wednesday, the first day of Lunar New Year (R4.1)
MON_3_FEB = date(2025, 2, 3)


def schedule(
    templates: list[tuple[date, WeeklyTemplate]] | None = None,
    closures: dict[date, frozenset[str | None]] | None = None,
    go_live: date | None = GO_LIVE,
    calendar: WorkingCalendar = CAL,
) -> ClinicSchedule:
    return ClinicSchedule(
        "CW",
        go_live,
        templates if templates is not None else [(date(2025, 1, 1), F8)],
        closures or {},
        calendar,
    )


# --- R10.1: the template in force on a day ----------------------------------------------------


def test_no_template_before_the_first_valid_from() -> None:
    s = schedule([(date(2025, 1, 20), F8)])
    assert s.template_on(date(2025, 1, 17)) is None
    assert s.sessions_on(date(2025, 1, 17)) == []
    assert not s.is_operating_day(date(2025, 1, 17))
    assert s.template_on(date(2025, 1, 20)) is F8  # valid from that day inclusive


def test_template_on_picks_the_newest_valid_from_on_or_before_the_day() -> None:
    s = schedule([(MON_3_FEB, MORNINGS), (date(2025, 1, 1), F8)])  # any order
    assert s.template_on(FRI_24_JAN) is F8
    assert s.template_on(date(2025, 1, 28)) is F8
    assert s.template_on(MON_3_FEB) is MORNINGS
    assert s.template_on(date(2025, 6, 2)) is MORNINGS


def test_a_later_template_does_not_change_earlier_days() -> None:
    before = schedule([(date(2025, 1, 1), F8)])
    after = schedule([(date(2025, 1, 1), F8), (MON_3_FEB, MORNINGS)])
    for day in (FRI_24_JAN, date(2025, 1, 28)):
        assert after.slots(day) == before.slots(day)
        assert after.sessions_on(day) == [AM, PM]
    assert [s.name for s in after.sessions_on(MON_3_FEB)] == ["AM"]
    assert len(after.slots(MON_3_FEB)) == 8  # 09:00-13:00 in 30-minute slots


# --- R10.2 / R4.1: holidays, weekends and closures --------------------------------------------


def test_a_general_holiday_has_no_sessions() -> None:
    s = schedule()
    assert CAL.is_general_holiday(LUNAR_NEW_YEAR)
    assert LUNAR_NEW_YEAR.weekday() == 2  # a Wednesday, in the template
    assert s.sessions_on(LUNAR_NEW_YEAR) == []
    assert s.slots(LUNAR_NEW_YEAR) == []
    assert not s.is_operating_day(LUNAR_NEW_YEAR)


def test_an_added_non_working_day_has_no_sessions() -> None:
    calendar = WorkingCalendar({FRI_24_JAN: ("Special holiday", "特別假期")})
    s = schedule(calendar=calendar)
    assert s.sessions_on(FRI_24_JAN) == []
    assert not s.is_operating_day(FRI_24_JAN)


def test_a_weekend_has_no_sessions_even_in_the_template() -> None:
    saturday = SessionSpec("SAT", (5,), time(9, 0), time(12, 0), 15, 4, 2)
    s = schedule([(date(2025, 1, 1), WeeklyTemplate((AM, PM, saturday)))])
    # R8: an operating day is a working day (R4.1).
    assert s.sessions_on(SAT_25_JAN) == []
    assert not s.is_operating_day(SAT_25_JAN)


def test_an_all_day_closure_closes_every_session() -> None:
    s = schedule(closures={FRI_24_JAN: frozenset({ALL_DAY})})
    assert s.is_closed(FRI_24_JAN, "AM") and s.is_closed(FRI_24_JAN, "PM")
    assert s.open_sessions(FRI_24_JAN) == []
    assert not s.is_operating_day(FRI_24_JAN)
    slots = s.slots(FRI_24_JAN)
    assert len(slots) == 28 and all(slot.closed for slot in slots)  # listed, marked closed
    assert s.is_operating_day(date(2025, 1, 23))  # other days untouched


def test_a_single_session_closure_closes_that_session_only() -> None:
    s = schedule(closures={FRI_24_JAN: frozenset({"PM"})})
    assert s.is_closed(FRI_24_JAN, "PM")
    assert not s.is_closed(FRI_24_JAN, "AM")
    assert s.open_sessions(FRI_24_JAN) == [AM]
    assert s.is_operating_day(FRI_24_JAN)
    closed = {slot.session for slot in s.slots(FRI_24_JAN) if slot.closed}
    assert closed == {"PM"}


def test_closing_every_session_by_name_closes_the_day() -> None:
    s = schedule(closures={FRI_24_JAN: frozenset({"AM", "PM"})})
    assert not s.is_operating_day(FRI_24_JAN)


def test_is_operating_day_on_an_ordinary_week() -> None:
    s = schedule()
    operating = [d for d in range(20, 27) if s.is_operating_day(date(2025, 1, d))]
    assert operating == [20, 21, 22, 23, 24]


# --- slots and seats (F8, R7.2) ----------------------------------------------------------------


def test_slots_in_time_order_with_their_ends() -> None:
    slots = schedule().slots(FRI_24_JAN)
    assert len(slots) == 16 + 12
    assert [slot.start for slot in slots] == sorted(slot.start for slot in slots)
    first, last = slots[0], slots[-1]
    assert (first.session, first.start, first.end) == ("AM", time(9, 0), time(9, 15))
    assert (last.session, last.start, last.end) == ("PM", time(16, 45), time(17, 0))
    assert first.starts_at().tzinfo is HONG_KONG
    assert first.starts_at().hour == 9


def test_seats_before_go_live_all_telephone() -> None:
    slot = schedule().slot(MON_13_JAN, time(9, 0))
    assert slot is not None
    assert slot.capacity == 4
    assert slot.seats == {SeatPool.ONLINE: 0, SeatPool.TELEPHONE: 4}


def test_seats_from_go_live_online_share_reserved() -> None:
    s = schedule()
    on_go_live = s.slot(GO_LIVE, time(9, 0))
    later = s.slot(FRI_24_JAN, time(14, 0))
    assert on_go_live is not None and later is not None
    assert on_go_live.seats == {SeatPool.ONLINE: 2, SeatPool.TELEPHONE: 2}
    assert later.seats == {SeatPool.ONLINE: 2, SeatPool.TELEPHONE: 2}


def test_a_clinic_not_yet_live_has_telephone_seats_only() -> None:
    slot = schedule(go_live=None).slot(FRI_24_JAN, time(9, 0))
    assert slot is not None
    assert slot.seats == {SeatPool.ONLINE: 0, SeatPool.TELEPHONE: 4}


def test_slot_lookup_misses_times_off_the_grid_and_between_sessions() -> None:
    s = schedule()
    assert s.slot(FRI_24_JAN, time(9, 5)) is None
    assert s.slot(FRI_24_JAN, time(13, 0)) is None  # the lunch break
    assert s.slot(FRI_24_JAN, time(12, 45)) is not None
