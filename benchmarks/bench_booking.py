"""Booking under load (R10.3): 8 booking processes at once, the console's availability, and the
utilisation calendar, on a database holding a realistic volume of appointments.

The data: a current roster of ``seed_people`` officers (600,000 at full size), every clinic on a
template of 40 seats a slot (20 online), loaded through ``CapacityService.load_template``, and
about 50,000 appointments (at full size) written with Core inserts into HK's first quarter of
2025, 30 a slot, with their seat counters (past days attended, no-show or cancelled; later days
booked or cancelled). "Now" is Monday 10 February 2025, 08:00 in Hong Kong.

Timed:

(a) 8 processes (multiprocessing ``spawn``, each with its own ``Database`` and ``Services``, as 8
    desktops would be) released together by a barrier, each booking its own callers by manual
    telephone through ``AppointmentService.book`` as fast as it can, two processes per clinic (HK,
    KLN, NT, SK: not live, so the R8.2 window of 8 days) walking the same slots in the same order,
    so that they contend for the same seat counters. Figure: bookings per second of all 8
    together, from the first start to the last finish (limit: at least 200/s on PostgreSQL).
    Afterwards every seat counter is checked against the appointments: zero overbooking.
(b) ``AppointmentService.availability`` for HK's manual window (8 dates, 224 slots) as the console
    asks it for a caller, median and 95th percentile of 200 calls (limit 50 ms); also
    ``lookup`` (the audited HKID search the console makes first), for information.
(c) ``CapacityService.utilisation`` of HK for the quarter (limit 200 ms), median and p95 of 20.

Baselines, same run: the raw SQL reading the same seat counters (b) and the same GROUP BY (c) on
an open DBAPI connection.
"""

from __future__ import annotations

import multiprocessing
import os
import queue
import statistics
import time as time_module
import traceback
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from benchmarks.common import FULL, Result, Sizes, median, stopwatch

NAME = "booking"
PROCESSES = 8
LIMIT_RATE = 200.0  # bookings per second, at least (PostgreSQL)
LIMIT_AVAILABILITY_S = 0.050
LIMIT_UTILISATION_S = 0.200
FULL_APPOINTMENTS = 50_000
FULL_PER_PROCESS = 400
AVAILABILITY_CALLS = 200
UTILISATION_CALLS = 20
CAPACITY, ONLINE = 40, 20
PER_SLOT = 30  # appointments written into each filled slot of HK's quarter
FILLED_CLINIC = "HK"
BOOKING_CLINICS = ("HK", "KLN", "NT", "SK")  # not live: manual telephone, R8.2 window
QUARTER = (date(2025, 1, 1), date(2025, 3, 31))
_SOURCE = "BENCH"
_BATCH = 10_000


def _now() -> datetime:
    from fc_admin.domain.hktime import HONG_KONG

    return datetime(2025, 2, 10, 8, 0, tzinfo=HONG_KONG)


def _scaled(full: int, sizes: Sizes, least: int) -> int:
    return max(least, round(full * sizes.seed_people / FULL.seed_people))


def person_hkid(n: int) -> str:
    """The ``n``-th roster person's HKID: valid (R9.1), scattered over the index."""
    from fc_admin.domain.hkid import check_character

    digits = f"{(n * 7_919) % 1_000_000:06d}"
    prefix = "BCDEGHKMPRSTWZ"[n // 1_000_000 % 14]
    return f"{prefix}{digits}({check_character(prefix, digits)})"


# --- the data -------------------------------------------------------------------------------------
def _tables() -> dict[str, sa.Table]:
    from fc_admin.models import Appointment, RosterImport, RosterPerson, RosterSource, SlotSeats

    return {
        m.__tablename__: m.__table__  # type: ignore[misc]
        for m in (Appointment, RosterImport, RosterPerson, RosterSource, SlotSeats)
    }


def build_roster(db: Any, people: int) -> float:
    """A current roster of ``people`` active officers; seconds."""
    t = _tables()
    now = _now()
    with stopwatch() as elapsed, db.write() as session:
        session.execute(
            sa.insert(t["roster_source"]),
            [
                {
                    "code": _SOURCE,
                    "name_en": "Benchmark department",
                    "name_zh": "",
                    "is_pensions": False,
                }
            ],
        )
        import_id = session.execute(
            sa.insert(t["roster_import"]).returning(t["roster_import"].c.id),
            [
                {
                    "source_code": _SOURCE,
                    "file_name": "bench.csv",
                    "as_of_date": now.date(),
                    "imported_at": now,
                    "imported_by": "benchmark",
                    "row_count": people,
                    "counts_json": "{}",
                    "is_current": True,
                }
            ],
        ).scalar_one()
        rows: list[dict[str, Any]] = []
        for n in range(people):
            hkid = person_hkid(n)
            rows.append(
                {
                    "import_id": import_id,
                    "source_code": _SOURCE,
                    "staff_no": f"S{n:07d}",
                    "hkid": hkid,
                    "name_en": f"CHAN, Officer {n}",
                    "name_zh": "陳大文",
                    "date_of_birth": date(1970 + n % 30, 1 + n % 12, 1 + n % 28),
                    "category": "officer",
                    "relationship": "self",
                    "principal_hkid": hkid,
                    "child_status": None,
                    "status": "active",
                    "status_date": None,
                }
            )
            if len(rows) >= _BATCH:
                session.execute(sa.insert(t["roster_person"]), rows)
                rows.clear()
        if rows:
            session.execute(sa.insert(t["roster_person"]), rows)
    return elapsed()


def load_templates(db: Any) -> None:
    """Every clinic on 40 seats a slot (20 online), from 1 January 2025 (R10.1, F8)."""
    from fc_admin.domain.session_templates import SessionSpec, WeeklyTemplate
    from fc_admin.services import Services
    from fc_admin.services.actor import Actor
    from fc_admin.services.clock import FixedClock

    days = (0, 1, 2, 3, 4)
    template = WeeklyTemplate(
        (
            SessionSpec("AM", days, time(9), time(13), 15, CAPACITY, ONLINE),
            SessionSpec("PM", days, time(14), time(17), 15, CAPACITY, ONLINE),
        )
    )
    services = Services(db, FixedClock(_now()))
    admin = Actor("cli:benchmark", None)
    for clinic in ("CW", "HK", "KLN", "NT", "FL", "SK"):
        services.capacity.load_template(admin, clinic, QUARTER[0], template)


def fill_appointments(db: Any, total: int) -> float:
    """``total`` appointments in HK's quarter, ``PER_SLOT`` a slot in time order, with their seat
    counters; person ``n`` has the ``n``-th appointment. Seconds."""
    from fc_admin.domain.calendar import WorkingCalendar
    from fc_admin.domain.hktime import HONG_KONG

    t = _tables()
    calendar = WorkingCalendar()
    today = _now().date()
    starts = [time(9 + m // 60, m % 60) for m in range(0, 240, 15)]
    starts += [time(14 + m // 60, m % 60) for m in range(0, 180, 15)]

    def slots() -> Iterator[tuple[date, time]]:
        day = QUARTER[0]
        while day <= QUARTER[1]:
            if calendar.is_working_day(day):
                for start in starts:
                    yield day, start
            day += timedelta(days=1)

    n = 0
    appointments: list[dict[str, Any]] = []
    counters: list[dict[str, Any]] = []
    with stopwatch() as elapsed, db.write() as session:
        for day, start in slots():
            if n >= total:
                break
            active = 0
            for k in range(min(PER_SLOT, total - n)):
                roll = (n * 37 + k) % 100
                if day < today:
                    status = "CANCELLED" if roll < 10 else "NO_SHOW" if roll < 15 else "ATTENDED"
                else:
                    status = "CANCELLED" if roll < 7 else "BOOKED"
                active += status != "CANCELLED"
                booked_at = datetime.combine(
                    day - timedelta(days=1 + roll % 7), time(9), tzinfo=HONG_KONG
                )
                appointments.append(
                    {
                        "booking_ref": f"{FILLED_CLINIC}{day:%y%m%d}-F{n:06d}",
                        "request_id": None,
                        "clinic_code": FILLED_CLINIC,
                        "day": day,
                        "start_time": start,
                        "session_name": "AM" if start < time(13) else "PM",
                        "hkid": person_hkid(n),
                        "name_en": f"CHAN, Officer {n}",
                        "name_zh": "陳大文",
                        "category": "officer",
                        "channel": "manual" if roll % 3 else "atbs",
                        "status": status,
                        "booked_at": booked_at,
                        "booked_by": "clinic.hk",
                        "contact_phone": f"9{n % 10_000_000:07d}",
                        "status_changed_by": None if status == "BOOKED" else "clinic.hk",
                        "status_changed_at": None if status == "BOOKED" else booked_at,
                        "cancel_reason": "caller asked" if status == "CANCELLED" else None,
                    }
                )
                n += 1
            counters.append(
                {
                    "clinic_code": FILLED_CLINIC,
                    "day": day,
                    "start_time": start,
                    "pool": "telephone",  # HK is not live: every seat is a telephone seat
                    "capacity": CAPACITY,
                    "taken": active,
                }
            )
            if len(appointments) >= _BATCH:
                session.execute(sa.insert(t["appointment"]), appointments)
                appointments.clear()
        if appointments:
            session.execute(sa.insert(t["appointment"]), appointments)
        if counters:
            session.execute(sa.insert(t["slot_seats"]), counters)
    return elapsed()


# --- (a) 8 booking processes ----------------------------------------------------------------------
@dataclass
class WorkerReport:
    index: int
    started: float = 0.0  # time.time() when the barrier let it go
    finished: float = 0.0
    booked: int = 0
    full: int = 0  # refused because a slot was full (then the next slot is tried)
    latencies: list[float] = field(default_factory=list)
    refusals: list[str] = field(default_factory=list)
    crash: str | None = None


def booking_worker(
    url: str, index: int, first_person: int, count: int, barrier: Any, results: Any
) -> None:
    """One desk: books persons ``first_person`` .. ``+count`` at its clinic, slot after slot."""
    report = WorkerReport(index)
    try:
        from fc_admin.db import Database
        from fc_admin.domain.booking_window import Channel
        from fc_admin.domain.roles import Role
        from fc_admin.services import Services
        from fc_admin.services.actor import Actor
        from fc_admin.services.appointments import BookingRefused
        from fc_admin.services.clock import FixedClock

        clinic = BOOKING_CLINICS[index % len(BOOKING_CLINICS)]
        db = Database(url)
        services = Services(db, FixedClock(_now()))
        actor = Actor(f"bench.desk{index}", Role.CLINIC, clinic, f"desk {index}")
        availability = services.appointments.availability(clinic, Channel.MANUAL)  # warm up
        # Day after day, slot after slot: the two desks of a clinic want the same seats.
        order = sorted({(s.day, s.start) for s in availability.slots if s.bookable})
        position = 0
        barrier.wait(timeout=300)
        report.started = time_module.time()
        for n in range(first_person, first_person + count):
            while position < len(order):
                day, start = order[position]
                began = time_module.perf_counter()
                try:
                    services.appointments.book(
                        actor, clinic, person_hkid(n), day, start, Channel.MANUAL
                    )
                except BookingRefused as refused:
                    if " is full for " in str(refused):
                        report.full += 1
                        position += 1
                        continue
                    report.refusals.append(str(refused))
                    break
                report.latencies.append(time_module.perf_counter() - began)
                report.booked += 1
                # The next caller takes the next slot of the day list (both desks do the same).
                position = (position + 1) % len(order)
                break
        report.finished = time_module.time()
        db.dispose()
    except BaseException:
        report.crash = traceback.format_exc()
        barrier.abort()
    results.put(report)


def run_workers(url: str, first_person: int, per_process: int) -> list[WorkerReport]:
    ctx = multiprocessing.get_context("spawn")
    barrier = ctx.Barrier(PROCESSES)
    results = ctx.Queue()
    processes = [
        ctx.Process(
            target=booking_worker,
            args=(url, i, first_person + i * per_process, per_process, barrier, results),
            daemon=True,
        )
        for i in range(PROCESSES)
    ]
    for p in processes:
        p.start()
    reports: list[WorkerReport] = []
    try:
        for _ in processes:
            reports.append(results.get(timeout=1800))
    except queue.Empty:
        raise RuntimeError(
            f"only {len(reports)} of {PROCESSES} booking processes reported"
        ) from None
    finally:
        for p in processes:
            p.join(timeout=60)
            if p.is_alive():
                p.kill()
    crashed = [r for r in reports if r.crash]
    if crashed:
        raise RuntimeError(f"booking process {crashed[0].index} crashed:\n{crashed[0].crash}")
    return sorted(reports, key=lambda r: r.index)


def overbooking_problems(db: Any) -> tuple[int, int]:
    """(slot counters checked, counters wrong): taken over capacity, or not the number of active
    appointments of the slot and pool, or active appointments without a counter (R10.3)."""
    from fc_admin.models import Appointment, SlotSeats

    pool = sa.case((Appointment.channel == "online", "online"), else_="telephone")
    with db.read() as session:
        counts = {
            (r[0], r[1], r[2], r[3]): r[4]
            for r in session.execute(
                sa.select(
                    Appointment.clinic_code,
                    Appointment.day,
                    Appointment.start_time,
                    pool,
                    sa.func.count(),
                )
                .where(Appointment.status != "CANCELLED")
                .group_by(Appointment.clinic_code, Appointment.day, Appointment.start_time, pool)
            )
        }
        stored = {
            (s.clinic_code, s.day, s.start_time, s.pool): (s.taken, s.capacity)
            for s in session.execute(sa.select(SlotSeats)).scalars()
        }
    wrong = sum(
        1
        for key, (taken, capacity) in stored.items()
        if taken > capacity or taken != counts.get(key, 0)
    )
    wrong += sum(1 for key in counts if key not in stored)
    return len(stored), wrong


# --- (b), (c) the console and the calendar --------------------------------------------------------
def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def _timed(calls: int, call: Callable[[int], object]) -> list[float]:
    call(0)  # the first use: statement compile, connection
    timings = []
    for i in range(calls):
        began = time_module.perf_counter()
        call(i)
        timings.append(time_module.perf_counter() - began)
    return timings


def _raw(db: Any, sql: str, params: dict[str, Any], runs: int) -> float:
    """Median seconds of ``sql`` on one open connection (the database's own share)."""
    timings = []
    with db.engine.connect() as conn:
        statement = sa.text(sql)
        conn.execute(statement, params).all()
        for _ in range(runs):
            began = time_module.perf_counter()
            conn.execute(statement, params).all()
            timings.append(time_module.perf_counter() - began)
    return median(timings)


def measure(label: str, url: str, sizes: Sizes, limit_rate: float | None) -> list[Result]:
    from fc_admin.db import Database
    from fc_admin.domain.booking_window import Channel
    from fc_admin.domain.roles import Role
    from fc_admin.schema import upgrade
    from fc_admin.services import Services
    from fc_admin.services.actor import Actor
    from fc_admin.services.clock import FixedClock

    total = _scaled(FULL_APPOINTMENTS, sizes, 100)
    per_process = _scaled(FULL_PER_PROCESS, sizes, 10)
    people = max(sizes.seed_people, total + PROCESSES * per_process + 10)
    full = total >= FULL_APPOINTMENTS

    db = Database(url)
    upgrade(db)
    roster_s = build_roster(db, people)
    load_templates(db)
    fill_s = fill_appointments(db, total)
    if db.dialect == "postgresql":
        engine = sa.create_engine(url, isolation_level="AUTOCOMMIT")
        with engine.connect() as conn:  # what autovacuum does on a live server
            conn.exec_driver_sql("VACUUM ANALYZE")
        engine.dispose()
    results = [
        Result(
            NAME,
            f"{label}: {people:,} roster people, {total:,} appointments (set-up)",
            roster_s + fill_s,
            "s",
            note=f"roster {roster_s:.1f} s, appointments {fill_s:.1f} s",
        )
    ]

    # (a)
    reports = run_workers(url, total, per_process)
    booked = sum(r.booked for r in reports)
    refusals = [text for r in reports for text in r.refusals]
    elapsed = max(r.finished for r in reports) - min(r.started for r in reports)
    rate = booked / elapsed if elapsed > 0 else 0.0
    latencies = [x for r in reports for x in r.latencies]
    checked, wrong = overbooking_problems(db)
    per_worker = ", ".join(str(r.booked) for r in reports)
    note = (
        f"{booked:,} bookings in {elapsed:.2f} s by {PROCESSES} processes ({per_worker}); "
        f"book() median {median(latencies) * 1000:.1f} ms, "
        f"p95 {_percentile(latencies, 0.95) * 1000:.1f} ms; "
        f"{sum(r.full for r in reports)} 'full' refusals; "
        f"{checked:,} seat counters checked, {wrong} wrong; {os.cpu_count()} CPUs"
    )
    if limit_rate is not None:
        note += f"; limit: at least {limit_rate:.0f}/s"
    status = ""
    if wrong or refusals or booked != PROCESSES * per_process:
        status = "failed"
        note += f"; OVERBOOKING OR REFUSALS: {wrong} wrong counters, {refusals[:3]}"
    elif limit_rate is not None:
        status = "ok" if rate >= limit_rate else "OVER LIMIT"
    results.append(
        Result(
            NAME,
            f"{label}: {PROCESSES} processes booking at once, bookings per second",
            rate,
            "bookings/s",
            limit_rate,
            status=status or "info",
            note=note,
            details={
                "bookings": booked,
                "seconds": elapsed,
                "per_process": [r.booked for r in reports],
                "book_median_s": median(latencies),
                "book_p95_s": _percentile(latencies, 0.95),
                "counters_checked": checked,
                "counters_wrong": wrong,
            },
        )
    )

    # (b)
    services = Services(db, FixedClock(_now()))
    desk = Actor("bench.console", Role.CLINIC, FILLED_CLINIC, "console")
    start = _now()
    window = services.appointments.availability(FILLED_CLINIC, Channel.MANUAL, start)
    timings = _timed(
        AVAILABILITY_CALLS,
        lambda i: services.appointments.availability(
            FILLED_CLINIC, Channel.MANUAL, start + timedelta(minutes=i % 600)
        ),
    )
    seats_sql = (
        "SELECT day, start_time, taken FROM slot_seats WHERE clinic_code = :c "
        "AND pool = 'telephone' AND day >= :a AND day <= :b"
    )
    baseline = _raw(
        db, seats_sql, {"c": FILLED_CLINIC, "a": window.dates[0], "b": window.dates[-1]}, 50
    )
    results.append(
        Result(
            NAME,
            f"{label}: availability, {len(window.dates)} dates, {len(window.slots)} slots "
            f"(median of {AVAILABILITY_CALLS})",
            median(timings),
            "s",
            LIMIT_AVAILABILITY_S if full else None,
            baseline,
            "raw SELECT of the same seat counters, open connection",
            note=f"p95 {_percentile(timings, 0.95) * 1000:.1f} ms; "
            f"{statistics.fmean(timings) * 1000:.1f} ms mean",
            details={"p95_s": _percentile(timings, 0.95)},
        )
    )
    results.append(
        Result(
            NAME,
            f"{label}: availability p95 of {AVAILABILITY_CALLS}",
            _percentile(timings, 0.95),
            "s",
            LIMIT_AVAILABILITY_S if full else None,
            baseline,
            "raw SELECT of the same seat counters, open connection",
        )
    )
    lookups = _timed(50, lambda i: services.appointments.lookup(desk, person_hkid(i)))
    results.append(
        Result(
            NAME,
            f"{label}: caller lookup (roster + appointments + audit record), median of 50",
            median(lookups),
            "s",
            note=f"p95 {_percentile(lookups, 0.95) * 1000:.1f} ms; an audited write (R13.3)",
        )
    )

    # (c)
    timings = _timed(
        UTILISATION_CALLS,
        lambda i: services.capacity.utilisation(FILLED_CLINIC, QUARTER[0], QUARTER[1]),
    )
    group_sql = (
        "SELECT day, channel, count(*) FROM appointment WHERE clinic_code = :c AND day >= :a "
        "AND day <= :b AND status <> 'CANCELLED' GROUP BY day, channel"
    )
    baseline = _raw(db, group_sql, {"c": FILLED_CLINIC, "a": QUARTER[0], "b": QUARTER[1]}, 10)
    quarter = services.capacity.utilisation(FILLED_CLINIC, QUARTER[0], QUARTER[1])
    in_quarter = sum(d.booked_total for d in quarter)
    results.append(
        Result(
            NAME,
            f"{label}: utilisation of {FILLED_CLINIC} for a quarter, {in_quarter:,} active "
            f"appointments (median of {UTILISATION_CALLS})",
            median(timings),
            "s",
            LIMIT_UTILISATION_S if full else None,
            baseline,
            "raw GROUP BY of the same appointments, open connection",
            note=f"p95 {_percentile(timings, 0.95) * 1000:.1f} ms",
            details={"p95_s": _percentile(timings, 0.95)},
        )
    )
    db.dispose()
    return results


def run(sizes: Sizes, workdir: Path, postgres_url: str | None = None) -> list[Result]:
    results = measure("SQLite", f"sqlite:///{workdir / 'booking.sqlite3'}", sizes, None)
    if postgres_url:
        results += _run_postgres(postgres_url, sizes)
    return results


def _run_postgres(server_url: str, sizes: Sizes) -> list[Result]:
    name = f"fc_bench_{uuid.uuid4().hex[:10]}"
    admin = sa.create_engine(server_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    url = sa.make_url(server_url).set(database=name).render_as_string(hide_password=False)
    try:
        return measure("PostgreSQL", url, sizes, LIMIT_RATE)
    finally:
        with admin.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()


if __name__ == "__main__":  # python -m benchmarks.bench_booking [PEOPLE] [--postgres URL]
    import sys
    import tempfile
    from dataclasses import replace

    args = sys.argv[1:]
    pg = args[args.index("--postgres") + 1] if "--postgres" in args else None
    numbers = [a for a in args if a.isdigit()]
    chosen = replace(FULL, seed_people=int(numbers[0])) if numbers else FULL
    with tempfile.TemporaryDirectory(prefix="fc-admin-bench-booking-") as folder:
        for r in run(chosen, Path(folder), pg):
            print(f"{r.figure}: {r.value} {r.unit} (limit {r.limit}) {r.status} {r.note}")
