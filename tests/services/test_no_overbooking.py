"""R10.3 under real concurrency: 8 OS processes booking the same few slots at the same moment.

Each process (multiprocessing ``spawn``: a fresh interpreter, like another desktop) opens its own
Database and Services on the same database (one SQLite file; one PostgreSQL database), gets
ready, waits at a barrier with the others, then books as fast as it can. Afterwards the database
must show no slot over its pool's capacity, seat counters equal to the appointments, every refusal
a proper "full" (or "one a day") refusal rather than a crash, and every process with bookings.
"""

from __future__ import annotations

import multiprocessing
import queue
from collections import Counter
from datetime import date, time

import pytest
import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from fc_admin.db import Database
from fc_admin.domain.booking_window import Channel
from fc_admin.domain.session_templates import SessionSpec, WeeklyTemplate
from fc_admin.models import SlotSeats
from fc_admin.services import Services
from fc_admin.services.clock import FixedClock
from tests.conftest import ADMIN
from tests.services.booking_support import (
    CW_STAFF,
    active_counts,
    appointment_count,
    hk,
    rostered,
    seats,
)
from tests.services.booking_worker import Attempt, WorkerReport, book_attempts

PROCESSES = 8
PEOPLE_PER_PROCESS = 8
AT = hk(2025, 1, 20, 10)  # CW's go-live day: online and manual telephone book CW
DAY = date(2025, 1, 21)
STARTS = (time(9), time(9, 15), time(9, 30), time(9, 45))  # the few slots everyone wants
CAPACITY, ONLINE = 6, 3  # per slot: 3 online + 3 telephone seats, 24 seats in all

pytestmark = pytest.mark.slow


def _run(url: str, plans: list[list[Attempt]]) -> list[WorkerReport]:
    ctx = multiprocessing.get_context("spawn")
    barrier = ctx.Barrier(len(plans))
    results = ctx.Queue()
    processes = [
        ctx.Process(
            target=book_attempts, args=(url, i, "CW", AT, plan, barrier, results), daemon=True
        )
        for i, plan in enumerate(plans)
    ]
    for p in processes:
        p.start()
    reports = []
    try:
        for _ in processes:
            reports.append(results.get(timeout=240))
    except queue.Empty:
        pytest.fail(f"only {len(reports)} of {len(processes)} booking processes reported")
    finally:
        for p in processes:
            p.join(timeout=30)
            if p.is_alive():
                p.kill()
    return sorted(reports, key=lambda r: r.index)


def _template(db: Database) -> None:
    """CW's slots with 6 seats, 3 of them online (F8), from before the test dates."""
    days = (0, 1, 2, 3, 4)
    template = WeeklyTemplate(
        (
            SessionSpec("AM", days, time(9), time(13), 15, CAPACITY, ONLINE),
            SessionSpec("PM", days, time(14), time(17), 15, CAPACITY, ONLINE),
        )
    )
    Services(db, FixedClock(AT)).capacity.load_template(ADMIN, "CW", date(2025, 1, 1), template)


def test_r10_3_eight_processes_never_overbook_a_slot(any_db_url: str) -> None:
    db = Database(any_db_url)
    _template(db)
    people = rostered(db, PROCESSES * PEOPLE_PER_PROCESS)
    plans = [
        [
            Attempt(
                people[p * PEOPLE_PER_PROCESS + n],
                (Channel.ONLINE if n % 2 else Channel.MANUAL).value,
                DAY,
                STARTS,  # everyone tries 09:00 first, then the next slot, ...
            )
            for n in range(PEOPLE_PER_PROCESS)
        ]
        for p in range(PROCESSES)
    ]
    reports = _run(any_db_url, plans)

    for r in reports:
        assert r.crash is None, f"process {r.index} crashed:\n{r.crash}"
        assert r.other_refusals == [], (r.index, r.other_refusals)
        assert r.one_a_day == 0
        assert r.booked, f"process {r.index} booked nothing: {[len(x.booked) for x in reports]}"
    booked = [b for r in reports for b in r.booked]
    assert len({ref for ref, *_ in booked}) == len(booked)
    # 32 people want each pool, 12 seats each: every seat is taken, and no more.
    assert len(booked) == len(STARTS) * CAPACITY == appointment_count(db, "BOOKED")
    per_slot = Counter((day, start, channel) for _, day, start, channel in booked)
    for (_, _, channel), n in per_slot.items():
        assert n <= (ONLINE if channel == "online" else CAPACITY - ONLINE)
    counts = active_counts(db)
    stored = seats(db)
    assert set(counts) == set(stored)
    for key, (taken, capacity) in stored.items():
        pool = key[3]
        assert capacity == (ONLINE if pool == "online" else CAPACITY - ONLINE)
        assert taken == counts[key] <= capacity, key
    # Every refusal was "full": attempts = bookings + refusals.
    tries = sum(r.full for r in reports) + len(booked)
    assert tries >= PROCESSES * PEOPLE_PER_PROCESS
    assert Services(db, FixedClock(AT)).audit.verify().ok  # the chain survived the race
    db.dispose()


def test_r10_3_one_person_booked_by_eight_processes_at_once_gets_one(any_db_url: str) -> None:
    db = Database(any_db_url)
    (person,) = rostered(db, 1)
    starts = [time(9 + n // 4, 15 * (n % 4)) for n in range(PROCESSES)]  # 8 different slots
    plans = [[Attempt(person, Channel.MANUAL.value, DAY, (start,))] for start in starts]
    reports = _run(any_db_url, plans)
    for r in reports:
        assert r.crash is None, f"process {r.index} crashed:\n{r.crash}"
        assert r.other_refusals == [] and r.full == 0, (r.index, r.other_refusals)
    assert sum(len(r.booked) for r in reports) == 1
    assert sum(r.one_a_day for r in reports) == PROCESSES - 1
    assert appointment_count(db) == 1
    assert sum(taken for taken, _ in seats(db).values()) == 1
    db.dispose()


def test_r10_3_the_database_refuses_taken_over_capacity(any_db: Database) -> None:
    services = Services(any_db, FixedClock(AT))
    (person,) = rostered(any_db, 1)
    services.appointments.book(CW_STAFF, "CW", person, DAY, time(9), Channel.MANUAL)
    key = (
        (SlotSeats.clinic_code == "CW")
        & (SlotSeats.day == DAY)
        & (SlotSeats.start_time == time(9))
        & (SlotSeats.pool == "telephone")
    )
    for values in (
        {"taken": SlotSeats.capacity + 1},
        {"taken": -1},
        {"capacity": 0},
    ):
        with pytest.raises(IntegrityError), any_db.write() as s:
            s.execute(sa.update(SlotSeats).where(key).values(**values))
    assert seats(any_db)[("CW", DAY, time(9), "telephone")] == (1, 2)
