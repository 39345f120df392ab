"""R7.2 and R8 through the services, on both databases, with the real Hong Kong general holidays.

Every example of R8 in spec/domain.md, on the clinics' real operating days: a working day (R4.1,
the ``holidays`` package's general holidays through the working calendar) on which the clinic's
template has sessions (R10.1) and that is not closed (R10.2). Each window is read twice, through
``services.booking.window`` and through ``services.appointments.availability``, and they must agree.

CW and FL go live on Monday 20 January 2025 (R7.1); HK is not live. 2025 general holidays used:
29-31 January (Lunar New Year, Wednesday to Friday), 4 April (Ching Ming, a Friday), 18 April
(Good Friday, missing from the statutory holidays: R4.1 says use the general ones).
"""

from __future__ import annotations

from datetime import date, datetime, time

import pytest

from fc_admin.domain.booking_window import Channel
from fc_admin.domain.session_templates import SessionSpec, WeeklyTemplate
from fc_admin.services import Services
from fc_admin.services.appointments import BookingRefused
from tests.conftest import ADMIN
from tests.services.booking_support import CW_STAFF, HK_STAFF, hk, rostered

D = date


def window(services: Services, clinic: str, channel: Channel, at: datetime) -> list[date]:
    """The R8 window through both services; they must agree."""
    dates = services.booking.window(clinic, channel, at)
    availability = services.appointments.availability(clinic, channel, at)
    assert list(availability.dates) == dates
    # Every slot listed is on a date of the window, and every date of the window has slots.
    assert {s.day for s in availability.slots} == set(dates)
    return dates


def weekdays_template(days: tuple[int, ...]) -> WeeklyTemplate:
    """The standard sessions (F8 example) on ``days`` only (0 = Monday)."""
    return WeeklyTemplate(
        (
            SessionSpec("AM", days, time(9), time(13), 15, 4, 2),
            SessionSpec("PM", days, time(14), time(17), 15, 4, 2),
        )
    )


# --- R8.1 live window ----------------------------------------------------------------------------


@pytest.mark.parametrize("channel", [Channel.ONLINE, Channel.MANUAL])
def test_r8_1_live_window_is_d_and_d_plus_1(services: Services, channel: Channel) -> None:
    # Wednesday 22 January 2025 at CW (live since Monday 20th).
    assert window(services, "CW", channel, hk(2025, 1, 22)) == [D(2025, 1, 22), D(2025, 1, 23)]


@pytest.mark.parametrize("channel", [Channel.ONLINE, Channel.MANUAL])
def test_r8_1_friday_offers_friday_only(services: Services, channel: Channel) -> None:
    assert window(services, "CW", channel, hk(2025, 1, 24)) == [D(2025, 1, 24)]


@pytest.mark.parametrize("channel", [Channel.ONLINE, Channel.MANUAL])
def test_r8_1_saturday_offers_nothing(services: Services, channel: Channel) -> None:
    assert window(services, "CW", channel, hk(2025, 1, 25)) == []


def test_r8_1_sunday_offers_monday_only(services: Services) -> None:
    assert window(services, "CW", Channel.ONLINE, hk(2025, 1, 26)) == [D(2025, 1, 27)]


def test_r8_1_day_before_lunar_new_year_offers_that_day_only(services: Services) -> None:
    # Tuesday 28 January; 29-31 January are general holidays.
    assert window(services, "CW", Channel.ONLINE, hk(2025, 1, 28)) == [D(2025, 1, 28)]
    assert window(services, "FL", Channel.MANUAL, hk(2025, 1, 28)) == [D(2025, 1, 28)]


def test_r8_1_day_before_ching_ming_offers_that_day_only(services: Services) -> None:
    # Thursday 3 April; Friday 4 April 2025 is Ching Ming Festival.
    assert window(services, "CW", Channel.ONLINE, hk(2025, 4, 3)) == [D(2025, 4, 3)]


def test_r8_1_r4_1_good_friday_is_a_general_holiday(services: Services) -> None:
    # Good Friday is a general holiday but not a statutory one: the calendar must use the former.
    assert window(services, "CW", Channel.ONLINE, hk(2025, 4, 17)) == [D(2025, 4, 17)]


def test_r8_1_on_a_holiday_before_another_holiday_offers_nothing(services: Services) -> None:
    assert window(services, "CW", Channel.ONLINE, hk(2025, 1, 29)) == []
    # Friday 31 January (holiday) -> Saturday: nothing either.
    assert window(services, "CW", Channel.ONLINE, hk(2025, 1, 31)) == []


def test_r8_1_on_a_holiday_offers_the_next_day_if_it_operates(services: Services) -> None:
    # Good Friday 18 April -> Saturday 19 (a holiday too): nothing; Easter Monday 21 -> Tue 22.
    assert window(services, "CW", Channel.ONLINE, hk(2025, 4, 18)) == []
    assert window(services, "CW", Channel.ONLINE, hk(2025, 4, 21)) == [D(2025, 4, 22)]


def test_r8_1_booking_outside_the_live_window_is_refused(services: Services) -> None:
    (person,) = rostered(services.db, 1)
    with pytest.raises(BookingRefused, match="outside the booking window"):
        services.appointments.book(
            CW_STAFF, "CW", person, D(2025, 1, 27), time(9), Channel.MANUAL, at=hk(2025, 1, 24)
        )
    with pytest.raises(BookingRefused, match="general holiday"):
        services.appointments.book(
            CW_STAFF, "CW", person, D(2025, 1, 29), time(9), Channel.MANUAL, at=hk(2025, 1, 28)
        )
    with pytest.raises(BookingRefused, match="no sessions"):
        services.appointments.book(
            CW_STAFF, "CW", person, D(2025, 1, 25), time(9), Channel.MANUAL, at=hk(2025, 1, 24)
        )
    booked = services.appointments.book(
        CW_STAFF, "CW", person, D(2025, 1, 24), time(14), Channel.MANUAL, at=hk(2025, 1, 24)
    )
    assert booked.day == D(2025, 1, 24) and booked.status == "BOOKED"


# --- R8.2 manual telephone, clinic not live -------------------------------------------------------


def test_r8_2_manual_not_live_d_and_next_7_working_days(services: Services) -> None:
    # Thursday 23 January at HK (not live): D, then 7 working days skipping Lunar New Year.
    assert window(services, "HK", Channel.MANUAL, hk(2025, 1, 23)) == [
        D(2025, 1, 23),
        D(2025, 1, 24),
        D(2025, 1, 27),
        D(2025, 1, 28),
        D(2025, 2, 3),
        D(2025, 2, 4),
        D(2025, 2, 5),
        D(2025, 2, 6),
    ]


def test_r8_2_manual_not_live_on_saturday_is_the_next_7_working_days(services: Services) -> None:
    assert window(services, "HK", Channel.MANUAL, hk(2025, 1, 25)) == [
        D(2025, 1, 27),
        D(2025, 1, 28),
        D(2025, 2, 3),
        D(2025, 2, 4),
        D(2025, 2, 5),
        D(2025, 2, 6),
        D(2025, 2, 7),
    ]


def test_r8_2_manual_not_live_books_the_last_day_not_the_one_after(services: Services) -> None:
    (person,) = rostered(services.db, 1)
    at = hk(2025, 1, 23)
    with pytest.raises(BookingRefused, match="outside the booking window"):
        services.appointments.book(
            HK_STAFF, "HK", person, D(2025, 2, 7), time(9), Channel.MANUAL, at=at
        )
    row = services.appointments.book(
        HK_STAFF, "HK", person, D(2025, 2, 6), time(9), Channel.MANUAL, at=at
    )
    assert row.day == D(2025, 2, 6) and row.channel == "manual"


# --- R8.3 ATBS, clinic not live -------------------------------------------------------------------


def test_r8_3_atbs_not_live_next_24_hours_and_7_working_days(services: Services) -> None:
    at = hk(2025, 1, 24, 15, 0)  # Friday afternoon
    assert window(services, "HK", Channel.ATBS, at) == [
        D(2025, 1, 24),
        D(2025, 1, 27),
        D(2025, 1, 28),
        D(2025, 2, 3),
        D(2025, 2, 4),
        D(2025, 2, 5),
        D(2025, 2, 6),
        D(2025, 2, 7),
    ]
    slots = services.appointments.availability("HK", Channel.ATBS, at).slots
    today = {s.start: s.state for s in slots if s.day == D(2025, 1, 24)}
    # Within the next 24 hours only what starts after T (R8.4): 15:15 onwards today.
    assert today[time(14, 45)] == "past" and today[time(15, 0)] == "past"
    assert today[time(15, 15)] == "open" and today[time(16, 45)] == "open"


def test_r8_3_atbs_thursday_afternoon_reaches_friday_morning(services: Services) -> None:
    at = hk(2025, 1, 23, 16, 0)
    slots = services.appointments.availability("HK", Channel.ATBS, at).slots
    friday = {s.start: s.state for s in slots if s.day == D(2025, 1, 24)}
    assert friday[time(9, 0)] == "open"  # 17 hours ahead, within the 24 hours
    (person,) = rostered(services.db, 1)
    row = services.appointments.book(
        HK_STAFF, "HK", person, D(2025, 1, 24), time(9), Channel.ATBS, at=at
    )
    assert row.channel == "atbs"


# --- R8.4 same-day slots only after T -------------------------------------------------------------


def test_r8_4_a_slot_starting_exactly_at_t_is_not_bookable(services: Services) -> None:
    at = hk(2025, 1, 22, 10, 0)
    states = {
        s.start: s.state
        for s in services.appointments.availability("CW", Channel.ONLINE, at).slots
        if s.day == D(2025, 1, 22)
    }
    assert states[time(9, 45)] == "past"
    assert states[time(10, 0)] == "past"  # starts exactly at T
    assert states[time(10, 15)] == "open"
    tomorrow = [
        s.state
        for s in services.appointments.availability("CW", Channel.ONLINE, at).slots
        if s.day == D(2025, 1, 23)
    ]
    assert set(tomorrow) == {"open"}  # D+1 slots all open, also those earlier in the day
    a, b = rostered(services.db, 2)
    with pytest.raises(BookingRefused, match="already started or passed"):
        services.appointments.book(
            CW_STAFF, "CW", a, D(2025, 1, 22), time(10), Channel.MANUAL, at=at
        )
    row = services.appointments.book(
        CW_STAFF, "CW", b, D(2025, 1, 22), time(10, 15), Channel.MANUAL, at=at
    )
    assert row.start_time == time(10, 15)


def test_r8_4_a_minute_later_the_slot_that_began_is_past(services: Services) -> None:
    at = hk(2025, 1, 22, 10, 7)
    states = {
        s.start: s.state
        for s in services.appointments.availability("CW", Channel.MANUAL, at).slots
        if s.day == D(2025, 1, 22)
    }
    assert states[time(10, 0)] == "past" and states[time(10, 15)] == "open"


def test_r8_4_after_the_last_slot_today_stays_listed_but_not_bookable(services: Services) -> None:
    at = hk(2025, 1, 22, 17, 30)
    availability = services.appointments.availability("CW", Channel.MANUAL, at)
    assert availability.dates == (D(2025, 1, 22), D(2025, 1, 23))
    assert {s.state for s in availability.slots if s.day == D(2025, 1, 22)} == {"past"}


# --- operating days: working day + sessions + not closed ------------------------------------------


def test_r8_r10_2_a_closed_day_leaves_the_live_window(services: Services) -> None:
    services.capacity.close(ADMIN, "CW", D(2025, 1, 23), None, "staff training")
    assert window(services, "CW", Channel.ONLINE, hk(2025, 1, 22)) == [D(2025, 1, 22)]
    # Another clinic is not affected.
    assert window(services, "FL", Channel.ONLINE, hk(2025, 1, 22)) == [
        D(2025, 1, 22),
        D(2025, 1, 23),
    ]


def test_r8_r10_2_one_closed_session_keeps_the_day_and_both_remove_it(services: Services) -> None:
    services.capacity.close(ADMIN, "CW", D(2025, 1, 23), "AM", "black rainstorm")
    assert window(services, "CW", Channel.ONLINE, hk(2025, 1, 22)) == [
        D(2025, 1, 22),
        D(2025, 1, 23),
    ]
    states = {
        (s.session, s.state)
        for s in services.appointments.availability("CW", Channel.ONLINE, hk(2025, 1, 22)).slots
        if s.day == D(2025, 1, 23)
    }
    assert states == {("AM", "closed"), ("PM", "open")}
    services.capacity.close(ADMIN, "CW", D(2025, 1, 23), "PM", "black rainstorm")
    assert window(services, "CW", Channel.ONLINE, hk(2025, 1, 22)) == [D(2025, 1, 22)]


def test_r8_2_a_closed_day_is_removed_not_replaced(services: Services) -> None:
    services.capacity.close(ADMIN, "HK", D(2025, 1, 27), None, "typhoon signal No. 8")
    assert window(services, "HK", Channel.MANUAL, hk(2025, 1, 23)) == [
        D(2025, 1, 23),
        D(2025, 1, 24),
        D(2025, 1, 28),
        D(2025, 2, 3),
        D(2025, 2, 4),
        D(2025, 2, 5),
        D(2025, 2, 6),
    ]


def test_r8_r10_1_a_template_without_friday_sessions_removes_fridays(services: Services) -> None:
    mon_to_thu = weekdays_template((0, 1, 2, 3))
    services.capacity.load_template(ADMIN, "CW", D(2025, 1, 1), mon_to_thu)
    services.capacity.load_template(ADMIN, "HK", D(2025, 1, 1), mon_to_thu)
    assert window(services, "CW", Channel.ONLINE, hk(2025, 1, 24)) == []
    assert window(services, "CW", Channel.ONLINE, hk(2025, 1, 23)) == [D(2025, 1, 23)]
    assert window(services, "HK", Channel.MANUAL, hk(2025, 1, 23)) == [
        D(2025, 1, 23),
        D(2025, 1, 27),
        D(2025, 1, 28),
        D(2025, 2, 3),
        D(2025, 2, 4),
        D(2025, 2, 5),
        D(2025, 2, 6),
    ]
    (person,) = rostered(services.db, 1)
    with pytest.raises(BookingRefused, match="no sessions"):
        services.appointments.book(
            HK_STAFF, "HK", person, D(2025, 1, 24), time(9), Channel.MANUAL, at=hk(2025, 1, 23)
        )


def test_r8_saturday_sessions_do_not_make_saturday_an_operating_day(services: Services) -> None:
    every_day = weekdays_template((0, 1, 2, 3, 4, 5, 6))
    services.capacity.load_template(ADMIN, "CW", D(2025, 1, 1), every_day)
    assert window(services, "CW", Channel.ONLINE, hk(2025, 1, 24)) == [D(2025, 1, 24)]
    assert window(services, "CW", Channel.ONLINE, hk(2025, 1, 25)) == []


def test_r8_r4_1_an_added_non_working_day_closes_every_clinic(services: Services) -> None:
    services.calendar.add_non_working_day(ADMIN, D(2025, 1, 23), "Extra holiday", "額外假期")
    assert window(services, "CW", Channel.ONLINE, hk(2025, 1, 22)) == [D(2025, 1, 22)]
    assert D(2025, 1, 23) not in window(services, "HK", Channel.MANUAL, hk(2025, 1, 22))


# --- R7.2 the channels switch on the go-live day --------------------------------------------------


def test_r7_2_before_go_live_online_refused_and_atbs_books(services: Services) -> None:
    friday = hk(2025, 1, 17)  # CW goes live on Monday 20 January
    assert window(services, "CW", Channel.ONLINE, friday) == []
    assert window(services, "CW", Channel.ATBS, friday)[:3] == [
        D(2025, 1, 17),
        D(2025, 1, 20),
        D(2025, 1, 21),
    ]
    a, b = rostered(services.db, 2)
    with pytest.raises(BookingRefused, match="not live on online booking yet"):
        services.appointments.book(
            CW_STAFF, "CW", a, D(2025, 1, 17), time(14), Channel.ONLINE, at=friday
        )
    row = services.appointments.book(
        CW_STAFF, "CW", b, D(2025, 1, 17), time(14), Channel.ATBS, at=friday
    )
    assert row.channel == "atbs"


def test_r7_2_from_go_live_online_books_and_atbs_refused(services: Services) -> None:
    monday = hk(2025, 1, 20)
    assert window(services, "CW", Channel.ONLINE, monday) == [D(2025, 1, 20), D(2025, 1, 21)]
    assert window(services, "CW", Channel.ATBS, monday) == []
    # Manual telephone switches from the not-live window to the live one.
    assert window(services, "CW", Channel.MANUAL, monday) == [D(2025, 1, 20), D(2025, 1, 21)]
    a, b = rostered(services.db, 2)
    with pytest.raises(BookingRefused, match="ATBS no longer books CW"):
        services.appointments.book(
            CW_STAFF, "CW", a, D(2025, 1, 21), time(9), Channel.ATBS, at=monday
        )
    row = services.appointments.book(
        CW_STAFF, "CW", b, D(2025, 1, 21), time(9), Channel.ONLINE, at=monday
    )
    assert row.channel == "online"


def test_r7_2_a_later_go_live_date_moves_the_switch(services: Services) -> None:
    services.clinics.set_go_live(ADMIN, "HK", D(2025, 2, 3))
    assert window(services, "HK", Channel.ONLINE, hk(2025, 1, 28)) == []
    assert len(window(services, "HK", Channel.ATBS, hk(2025, 1, 28))) == 8
    assert window(services, "HK", Channel.ONLINE, hk(2025, 2, 3)) == [
        D(2025, 2, 3),
        D(2025, 2, 4),
    ]
    assert window(services, "HK", Channel.ATBS, hk(2025, 2, 3)) == []


def test_r7_2_r8_window_judged_on_the_hong_kong_date(services: Services) -> None:
    # 23:30 UTC on Sunday 19 January is 07:30 on Monday 20 January in Hong Kong: live.
    from datetime import UTC

    at = datetime(2025, 1, 19, 23, 30, tzinfo=UTC)
    assert window(services, "CW", Channel.ONLINE, at) == [D(2025, 1, 20), D(2025, 1, 21)]
