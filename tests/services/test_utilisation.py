"""Utilisation figures (R7.2, R10.1–R10.4) from services.capacity.utilisation, on both databases.

The standard template (migration 0005): Monday to Friday, AM 09:00–13:00 and PM 14:00–17:00 in
15-minute slots of 4 seats, 2 of them online: 16 + 12 = 28 slots, 112 seats a day, 56 online
once the clinic is live (R7.2; before go-live every seat is a telephone seat).
"""

from __future__ import annotations

from datetime import date as D
from datetime import time

from fc_admin.domain.booking_window import Channel
from fc_admin.domain.session_templates import SessionSpec, WeeklyTemplate
from fc_admin.services import Services
from fc_admin.services.capacity import DayUtilisation
from tests.conftest import ADMIN
from tests.services.booking_support import CW_STAFF, HK_STAFF, hk, rostered

STANDARD_DAY = 112  # 28 slots x 4 seats
AM_SEATS = 64  # 16 slots x 4
PM_SEATS = 48  # 12 slots x 4


def _by_day(services: Services, clinic: str, start: D, end: D) -> dict[D, DayUtilisation]:
    return {u.day: u for u in services.capacity.utilisation(clinic, start, end)}


def test_r10_1_standard_weekday_has_112_seats_online_only_from_go_live(
    services: Services,
) -> None:
    days = services.capacity.utilisation("CW", D(2025, 1, 13), D(2025, 1, 26))
    assert [d.day for d in days] == [D(2025, 1, 13 + i) for i in range(14)]  # every date
    by_day = {d.day: d for d in days}
    for day in (D(2025, 1, 13), D(2025, 1, 17)):  # before CW's go-live (2025-01-20)
        u = by_day[day]
        assert (u.live, u.operating, u.capacity, u.online_seats, u.telephone_seats) == (
            False,
            True,
            STANDARD_DAY,
            0,
            STANDARD_DAY,
        )
    for day in (D(2025, 1, 20), D(2025, 1, 24)):  # R7.2: live from the go-live day itself
        u = by_day[day]
        assert (u.live, u.operating, u.capacity, u.online_seats, u.telephone_seats) == (
            True,
            True,
            STANDARD_DAY,
            56,
            56,
        )
    for day in (D(2025, 1, 18), D(2025, 1, 19), D(2025, 1, 25), D(2025, 1, 26)):
        u = by_day[day]
        assert (u.operating, u.capacity, u.holiday, u.booked_total) == (False, 0, False, 0)


def test_r10_2_general_holidays_have_no_capacity(services: Services) -> None:
    by_day = {u.day: u for u in services.capacity.utilisation("HK", D(2025, 1, 1), D(2025, 1, 31))}
    for day in (D(2025, 1, 1), D(2025, 1, 29), D(2025, 1, 30), D(2025, 1, 31)):
        u = by_day[day]
        assert (u.holiday, u.operating, u.capacity, u.online_seats) == (True, False, 0, 0)
    # January 2025: 23 weekdays less 4 general holidays = 19 operating days.
    assert sum(1 for u in by_day.values() if u.operating) == 19
    assert sum(u.capacity for u in by_day.values()) == 19 * STANDARD_DAY
    assert all(u.online_seats == 0 for u in by_day.values())  # HK has no go-live date


def test_r7_2_setting_a_go_live_date_moves_the_online_seats(services: Services) -> None:
    services.clinics.set_go_live(ADMIN, "HK", D(2025, 2, 17))
    days = services.capacity.utilisation("HK", D(2025, 2, 14), D(2025, 2, 17))
    assert [(d.live, d.online_seats) for d in days] == [
        (False, 0),
        (False, 0),  # Saturday
        (False, 0),  # Sunday
        (True, 56),
    ]


def test_r10_2_closures_reduce_capacity_and_their_bookings_are_to_call(
    services: Services,
) -> None:
    a, b = rostered(services.db, 2)
    at = hk(2025, 1, 20, 8)
    services.appointments.book(CW_STAFF, "CW", a, D(2025, 1, 21), time(9), Channel.ONLINE, at=at)
    services.appointments.book(CW_STAFF, "CW", b, D(2025, 1, 21), time(15), Channel.MANUAL, at=at)
    services.capacity.close(ADMIN, "CW", D(2025, 1, 20), "PM", "staff training")
    services.capacity.close(ADMIN, "CW", D(2025, 1, 21), None, "typhoon signal No. 8")
    by_day = _by_day(services, "CW", D(2025, 1, 20), D(2025, 1, 21))
    pm_closed = by_day[D(2025, 1, 20)]
    assert (pm_closed.capacity, pm_closed.online_seats, pm_closed.telephone_seats) == (
        AM_SEATS,
        32,
        32,
    )
    assert pm_closed.closed_sessions == ("PM",) and pm_closed.operating
    closed = by_day[D(2025, 1, 21)]
    assert (closed.capacity, closed.operating, closed.closed_sessions) == (0, False, ("",))
    assert not closed.holiday
    # The two people booked before the typhoon are still there, to be called (R10.2), but they
    # use none of the capacity that remains open: no day shows more booked than its seats.
    assert closed.booked == {} and closed.affected == 2
    assert all(d.booked_total <= d.capacity for d in by_day.values())


def test_r10_4_cancelled_appointments_are_not_counted_attended_ones_are(
    services: Services,
) -> None:
    a, b, c, d = rostered(services.db, 4)
    at = hk(2025, 1, 8, 10)  # before go-live: telephone channels (R7.2, R8.2, R8.3)
    day = D(2025, 1, 9)
    services.appointments.book(CW_STAFF, "CW", a, day, time(9), Channel.ATBS, at=at)
    services.appointments.book(CW_STAFF, "CW", b, day, time(9), Channel.ATBS, at=at)
    attended = services.appointments.book(CW_STAFF, "CW", c, day, time(14), Channel.MANUAL, at=at)
    gone = services.appointments.book(CW_STAFF, "CW", d, day, time(9, 15), Channel.MANUAL, at=at)
    services.appointments.cancel(CW_STAFF, gone.booking_ref, "caller asked", at=at)
    services.appointments.record_attendance(
        CW_STAFF, attended.booking_ref, True, at=hk(2025, 1, 9, 15)
    )
    (u,) = services.capacity.utilisation("CW", day, day)
    assert u.booked == {"atbs": 2, "manual": 1}
    assert u.booked_total == 3 and u.capacity == STANDARD_DAY


def test_r10_1_a_later_template_changes_capacity_from_its_date_only(services: Services) -> None:
    smaller = WeeklyTemplate(
        (
            SessionSpec("AM", (0, 1, 2, 3, 4), time(9), time(12), 30, 2, 1),  # 6 slots x 2
        )
    )
    services.capacity.load_template(ADMIN, "KLN", D(2025, 3, 3), smaller)
    by_day = _by_day(services, "KLN", D(2025, 2, 28), D(2025, 3, 3))
    assert by_day[D(2025, 2, 28)].capacity == STANDARD_DAY
    assert by_day[D(2025, 3, 3)].capacity == 12
    assert by_day[D(2025, 3, 3)].online_seats == 0  # KLN is not live: all telephone


def test_clinics_are_counted_apart(services: Services) -> None:
    (a,) = rostered(services.db, 1)
    services.clinics.set_go_live(ADMIN, "HK", D(2025, 1, 20))
    services.appointments.book(
        HK_STAFF, "HK", a, D(2025, 1, 21), time(9), Channel.ONLINE, at=hk(2025, 1, 21, 8)
    )
    assert services.capacity.utilisation("CW", D(2025, 1, 21), D(2025, 1, 21))[0].booked == {}
    assert services.capacity.utilisation("HK", D(2025, 1, 21), D(2025, 1, 21))[0].booked == {
        "online": 1
    }
