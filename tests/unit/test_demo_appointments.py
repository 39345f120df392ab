"""The demo appointment planner: no overbooking, one a person a day, R8 windows, R7.2 channels."""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime, time, timedelta

import pytest

from fc_admin.demo.appointments import (
    FUTURE_REACH,
    HISTORY_DAYS,
    Booker,
    BookerPool,
    ClinicPlan,
    DayPlan,
    FeedImports,
    PlannedAppointment,
    plan_days,
)
from fc_admin.demo.people import FamilyGenerator
from fc_admin.domain.booking_window import Channel, bookable_dates, channels_serving, is_live
from fc_admin.domain.calendar import WorkingCalendar
from fc_admin.domain.hkid import is_valid_hkid
from fc_admin.domain.hktime import HONG_KONG, hk_date
from fc_admin.domain.schedule import ClinicSchedule
from fc_admin.domain.session_templates import SeatPool, SessionSpec, WeeklyTemplate

STANDARD = WeeklyTemplate(
    (
        SessionSpec("AM", (0, 1, 2, 3, 4), time(9), time(13), 15, 4, 2),
        SessionSpec("PM", (0, 1, 2, 3, 4), time(14), time(17), 15, 4, 2),
    )
)
BIGGER = WeeklyTemplate(
    tuple(SessionSpec(s.name, s.days, s.start, s.end, 15, 6, 3) for s in STANDARD.sessions)
)
CALENDAR = WorkingCalendar()
# A Tuesday of the first rollout week: CW live since Monday, HK live with a bigger template from
# Thursday (both in the window of the history), SK never live.
NOW = datetime(2025, 1, 21, 10, 40, tzinfo=HONG_KONG)
CW_LIVE = date(2025, 1, 20)
GO_LIVE: dict[str, date | None] = {"CW": CW_LIVE, "HK": date(2024, 12, 2), "SK": None}


def _clinics(go_live: dict[str, date | None] = GO_LIVE) -> list[ClinicPlan]:
    plans = []
    for code, live in go_live.items():
        templates = [(date(2024, 1, 1), STANDARD)]
        if code == "HK":
            templates.append((date(2025, 1, 23), BIGGER))  # R10.1: from a later date
        schedule = ClinicSchedule(code, live, templates, {}, CALENDAR)
        plans.append(ClinicPlan(code, live, schedule, f"clinic.{code.lower()}"))
    return plans


def _bookers(people: int, now: datetime = NOW) -> list[Booker]:
    today = hk_date(now)
    pool = BookerPool(7, people, today - timedelta(days=HISTORY_DAYS), today)
    for family in FamilyGenerator(7, today).families(people):
        pool.offer(family)
    return pool.bookers


@pytest.fixture(scope="module")
def bookers() -> list[Booker]:
    return _bookers(4_000)


def _plan(
    bookers: list[Booker], now: datetime = NOW, clinics: list[ClinicPlan] | None = None
) -> tuple[list[DayPlan], FeedImports]:
    feed = FeedImports()
    days = list(plan_days(7, now, clinics or _clinics(), bookers, CALENDAR, feed))
    return days, feed


@pytest.fixture(scope="module")
def planned(bookers: list[Booker]) -> tuple[list[DayPlan], FeedImports]:
    return _plan(bookers)


def _all(days: list[DayPlan]) -> list[PlannedAppointment]:
    return [a for d in days for a in d.appointments]


def test_booker_pool_is_a_sample_of_eligible_people(bookers: list[Booker]) -> None:
    assert 2_500 < len(bookers) < 4_000  # most people are eligible (R1)
    assert len({b.hkid for b in bookers}) == len(bookers)
    assert all(is_valid_hkid(b.hkid) for b in bookers)
    digits = [b.phone.replace(" ", "") for b in bookers]
    assert all(len(d) == 8 and d.isdigit() and d[0] in "235689" for d in digits)
    # A large roster offers about POOL_TARGET people, not all of them.
    big = BookerPool(1, 600_000, date(2025, 1, 1), date(2025, 3, 1))
    assert big._share == pytest.approx(0.05)


def test_no_pool_overfilled_and_counters_match(planned: tuple[list[DayPlan], FeedImports]) -> None:
    days, _ = planned
    for day in days:
        active = Counter(
            (a.clinic, a.start, a.pool) for a in day.appointments if a.status != "CANCELLED"
        )
        seen = Counter((a.clinic, a.start, a.pool) for a in day.appointments)
        counted = {(s.clinic, s.start, s.pool): s for s in day.seats}
        assert set(counted) == set(seen)  # a counter for every slot and pool with a booking
        for key, seat in counted.items():
            assert seat.taken == active[key] <= seat.capacity  # R10.3


def test_no_pool_ever_held_more_than_its_seats(planned: tuple[list[DayPlan], FeedImports]) -> None:
    """R10.3 through the history: a cancelled booking held its seat until it was cancelled."""
    days, _ = planned
    for day in days:
        capacity = {(s.clinic, s.start, s.pool): s.capacity for s in day.seats}
        events: dict[tuple[str, time, SeatPool], list[tuple[datetime, int]]] = {}
        for a in day.appointments:
            held = events.setdefault((a.clinic, a.start, a.pool), [])
            held.append((a.booked_at, 1))
            if a.status == "CANCELLED":
                assert a.changed_at is not None
                held.append((a.changed_at, -1))
        for key, held in events.items():
            seats = 0
            for _, change in sorted(held, key=lambda e: (e[0], e[1])):  # frees before takes
                seats += change
                assert seats <= capacity[key], key


def test_seat_pools_follow_go_live_and_template(planned: tuple[list[DayPlan], FeedImports]) -> None:
    days, _ = planned
    for day in days:
        for seat in day.seats:
            live = is_live(GO_LIVE[seat.clinic], day.day)
            per_slot = 6 if seat.clinic == "HK" and day.day >= date(2025, 1, 23) else 4
            if seat.pool is SeatPool.ONLINE:
                assert live and seat.capacity == per_slot // 2  # F8, R7.2
            else:
                assert seat.capacity == (per_slot - per_slot // 2 if live else per_slot)


def test_one_active_appointment_a_person_a_day(planned: tuple[list[DayPlan], FeedImports]) -> None:
    days, _ = planned
    for day in days:
        people = Counter(a.booker.hkid for a in day.appointments if a.status != "CANCELLED")
        assert not people or max(people.values()) == 1  # R10.3


def test_every_booking_inside_its_channel_window(
    planned: tuple[list[DayPlan], FeedImports],
) -> None:
    days, _ = planned
    clinics = {c.code: c for c in _clinics()}
    appointments = _all(days)
    assert appointments
    for a in appointments:
        clinic = clinics[a.clinic]
        on = hk_date(a.booked_at)
        assert a.booked_at < NOW
        assert a.channel in channels_serving(clinic.go_live, on)  # R7.2
        window = bookable_dates(
            a.channel, clinic.go_live, a.booked_at, clinic.schedule.is_operating_day, CALENDAR
        )
        assert a.day in window, (a.channel, a.clinic, a.day, a.booked_at)  # R8
        start = datetime.combine(a.day, a.start, tzinfo=HONG_KONG)
        assert a.booked_at < start  # R8.4
        assert clinic.schedule.slot(a.day, a.start) is not None
        if a.channel is Channel.MANUAL:
            assert CALENDAR.is_working_day(on) and time(9) <= a.booked_at.time() <= time(17)


def test_states_and_who(planned: tuple[list[DayPlan], FeedImports]) -> None:
    days, _ = planned
    appointments = _all(days)
    today = hk_date(NOW)
    states = Counter(a.status for a in appointments)
    total = len(appointments)
    assert 0.05 < states["NO_SHOW"] / (states["NO_SHOW"] + states["ATTENDED"]) < 0.11
    assert 0.03 < states["CANCELLED"] / total < 0.07
    for a in appointments:
        if a.status == "BOOKED":
            assert a.day >= today and a.changed_at is None
        elif a.status == "CANCELLED":
            assert a.changed_at is not None and a.booked_at < a.changed_at < NOW
            assert a.changed_at < datetime.combine(a.day, a.start, tzinfo=HONG_KONG)
            assert a.cancel_reason
        else:
            assert a.day <= today and a.changed_at is not None and a.changed_at < NOW
            assert a.changed_by == f"clinic.{a.clinic.lower()}"
        assert (
            a.booked_by
            == {
                Channel.ONLINE: "feed:cli:scheduler",
                Channel.ATBS: "system:atbs",
                Channel.MANUAL: f"clinic.{a.clinic.lower()}",
            }[a.channel]
        )


def test_channel_mix_and_utilisation(planned: tuple[list[DayPlan], FeedImports]) -> None:
    days, _ = planned
    today = hk_date(NOW)
    channels: dict[str, Counter[str]] = {"live": Counter(), "not live": Counter()}
    fills: list[float] = []
    for day in days:
        if day.day >= today:
            continue
        for a in day.appointments:
            if a.status != "CANCELLED":
                live = is_live(GO_LIVE[a.clinic], a.day)
                channels["live" if live else "not live"][a.channel] += 1
        for clinic in _clinics():
            seats = sum(s.capacity for s in clinic.schedule.slots(day.day))
            taken = sum(
                1 for a in day.appointments if a.clinic == clinic.code and a.status != "CANCELLED"
            )
            if seats:
                assert 0.45 < taken / seats <= 1, (clinic.code, day.day)
                fills.append(taken / seats)
    assert 0.7 < sum(fills) / len(fills) < 0.85  # 60-95% drawn per clinic-day
    after, before = channels["live"], channels["not live"]
    assert 0.5 < after["online"] / sum(after.values()) < 0.65 and after["atbs"] == 0  # R7.2
    assert before["online"] == 0 and 0.3 < before["atbs"] / sum(before.values()) < 0.5


def test_upcoming_days_fill_as_the_windows_opened(
    planned: tuple[list[DayPlan], FeedImports],
) -> None:
    days, _ = planned
    today = hk_date(NOW)
    booked = Counter((a.clinic, a.day) for a in _all(days) if a.day > today)
    # R8.1: CW (live) books today and tomorrow only; SK (not live) the next 7 working days.
    sk_days = CALENDAR.next_working_days(today, 7)
    assert date(2025, 1, 22) in {d for c, d in booked if c == "CW"}
    # Later CW days were booked by telephone before go-live (R8.2, R8.3), none since.
    for a in _all(days):
        if a.clinic == "CW" and a.day > date(2025, 1, 22):
            assert a.channel is not Channel.ONLINE and hk_date(a.booked_at) < CW_LIVE
    assert {d for c, d in booked if c == "SK"} <= set(sk_days)
    # Nearer days are fuller: the window has been open longer.
    assert booked[("SK", sk_days[0])] > booked[("SK", sk_days[-1])]
    assert max(d.day for d in days) == today + timedelta(days=FUTURE_REACH)


def test_references_unique_and_online_numbered_in_booking_order(
    planned: tuple[list[DayPlan], FeedImports],
) -> None:
    days, _ = planned
    appointments = _all(days)
    refs = [a.booking_ref for a in appointments]
    assert len(set(refs)) == len(refs) and all(len(r) <= 20 for r in refs)
    online: dict[tuple[str, date], list[PlannedAppointment]] = {}
    for a in appointments:
        if a.channel is Channel.ONLINE:
            online.setdefault((a.clinic, a.day), []).append(a)
        else:
            assert a.booking_ref.startswith(f"{a.clinic}{a.day:%y%m%d}-")
    assert online
    for (clinic, day), made in online.items():
        made.sort(key=lambda a: a.booking_ref)
        assert [a.booking_ref for a in made] == [
            f"OL{day:%y%m%d}{clinic}{n:04d}" for n in range(1, len(made) + 1)
        ]
        assert [a.booked_at for a in made] == sorted(a.booked_at for a in made)


def test_feed_imports_count_the_online_rows(planned: tuple[list[DayPlan], FeedImports]) -> None:
    days, feed = planned
    online = [a for a in _all(days) if a.channel is Channel.ONLINE]
    assert sum(b for b, _ in feed.runs.values()) == len(online)
    assert sum(c for _, c in feed.runs.values()) == sum(a.status == "CANCELLED" for a in online)
    assert all(run <= NOW and run.minute % 15 == 0 for run in feed.runs)
    for a in online:
        assert FeedImports.run_after(a.booked_at) in feed.runs
        if a.changed_at is not None and a.status != "CANCELLED":
            assert a.changed_at > FeedImports.run_after(a.booked_at)  # imported, then attended


def test_deterministic(bookers: list[Booker]) -> None:
    def key(days: list[DayPlan]) -> list[tuple[object, ...]]:
        return [(a.booking_ref, a.booker.hkid, a.status, a.booked_at) for a in _all(days)]

    a, _ = _plan(bookers)
    b, _ = _plan(bookers)
    assert key(a) == key(b)


def test_a_small_roster_does_not_book_everyone_daily() -> None:
    few = _bookers(120)
    days, _ = _plan(few)
    for day in days:
        # PERSON_DAY_SHARE of the bookers at most, on average; never more than all of them.
        assert len(day.appointments) <= len(few)
    per_day = [len(d.appointments) for d in days if d.appointments]
    assert per_day and sum(per_day) / len(per_day) <= 0.35 * len(few)


def test_no_bookers_no_appointments() -> None:
    days, feed = _plan([])
    assert not _all(days) and not feed.runs


def test_import_run_times() -> None:
    at = datetime(2025, 1, 21, 10, 0, tzinfo=HONG_KONG)
    assert FeedImports.run_after(at) == at
    assert FeedImports.run_after(at + timedelta(minutes=1)) == at + timedelta(minutes=15)
    late = datetime(2025, 1, 21, 23, 50, tzinfo=HONG_KONG)
    assert FeedImports.run_after(late) == datetime(2025, 1, 22, 0, 0, tzinfo=HONG_KONG)
