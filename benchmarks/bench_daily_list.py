"""The daily list of a busy clinic-day: 1,500 appointments printed as a PDF <= 1.0 s (R11).

The data: a current roster of 1,500 officers (:func:`benchmarks.bench_booking.build_roster`), a
session template of 40 seats a 15-minute slot (08:00-13:00 and 14:00-19:00: 40 slots, 1,600
seats) loaded through ``CapacityService.load_template``, and 1,500 appointments of one day at HK
(7 % of them cancelled, listed apart), written with Core bulk inserts with their seat counters.

Timed, median of 3: ``DailyListService.export(actor, clinic, day, path, 'pdf')`` as the clinic's
staff print it (the list, the PDF and the audit record); the CSV export (F7) for information. The
PDF's page count (``pdfinfo``, else its ``/Type /Page`` objects) must be more than one.

Baseline, same run: the raw SELECT of the day's appointments on an open connection.

Sizes: 1,500 appointments at full size; scaled with ``--people`` otherwise (a tenth when quick),
and the limit applies to the full size only. On SQLite, and on PostgreSQL with ``--postgres``.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import time as time_module
import uuid
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from benchmarks.bench_booking import _now, _scaled, _tables, build_roster, person_hkid
from benchmarks.common import Result, Sizes, median, stopwatch

NAME = "daily_list"
LIMIT_PDF_S = 1.0
FULL_APPOINTMENTS = 1_500
RUNS = 3
CLINIC = "HK"
DAY = date(2025, 2, 12)  # a Wednesday, a working day
VALID_FROM = date(2025, 1, 1)
CAPACITY, ONLINE, SLOT_MINUTES = 40, 20, 15
_RAW = (
    "SELECT * FROM appointment WHERE clinic_code = :c AND day = :d ORDER BY start_time, booking_ref"
)


def _starts() -> list[time]:
    morning = [time(8 + m // 60, m % 60) for m in range(0, 5 * 60, SLOT_MINUTES)]
    afternoon = [time(14 + m // 60, m % 60) for m in range(0, 5 * 60, SLOT_MINUTES)]
    return morning + afternoon


def load_template(db: Any) -> None:
    """HK on 40 seats a 15-minute slot, 08:00-13:00 and 14:00-19:00, Monday to Friday."""
    from fc_admin.domain.session_templates import SessionSpec, WeeklyTemplate
    from fc_admin.services import Services
    from fc_admin.services.actor import Actor
    from fc_admin.services.clock import FixedClock

    days = (0, 1, 2, 3, 4)
    template = WeeklyTemplate(
        (
            SessionSpec("AM", days, time(8), time(13), SLOT_MINUTES, CAPACITY, ONLINE),
            SessionSpec("PM", days, time(14), time(19), SLOT_MINUTES, CAPACITY, ONLINE),
        )
    )
    services = Services(db, FixedClock(_now()))
    services.capacity.load_template(Actor("cli:benchmark", None), CLINIC, VALID_FROM, template)


def fill_day(db: Any, total: int) -> float:
    """``total`` appointments of HK on ``DAY``, slot after slot (40 a slot), with their seat
    counters; person ``n`` has the ``n``-th appointment. Seconds."""
    from fc_admin.domain.hktime import HONG_KONG

    t = _tables()
    starts = _starts()
    if total > len(starts) * CAPACITY:
        raise ValueError(f"{total} appointments do not fit in {len(starts)} slots")
    appointments: list[dict[str, Any]] = []
    counters: list[dict[str, Any]] = []
    with stopwatch() as elapsed, db.write() as session:
        n = 0
        for start in starts:
            if n >= total:
                break
            active = 0
            for _ in range(min(CAPACITY, total - n)):
                roll = (n * 37) % 100
                status = "CANCELLED" if roll < 7 else "BOOKED"
                active += status != "CANCELLED"
                booked_at = datetime.combine(
                    DAY - timedelta(days=1 + roll % 7), time(9), tzinfo=HONG_KONG
                )
                appointments.append(
                    {
                        "booking_ref": f"{CLINIC}{DAY:%y%m%d}-D{n:06d}",
                        "request_id": None,
                        "clinic_code": CLINIC,
                        "day": DAY,
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
                    "clinic_code": CLINIC,
                    "day": DAY,
                    "start_time": start,
                    "pool": "telephone",  # HK is not live: every seat is a telephone seat
                    "capacity": CAPACITY,
                    "taken": active,
                }
            )
        session.execute(sa.insert(t["appointment"]), appointments)
        session.execute(sa.insert(t["slot_seats"]), counters)
    return elapsed()


def pdf_pages(path: Path) -> int:
    """Pages of a PDF: ``pdfinfo`` when installed, else its ``/Type /Page`` objects."""
    if shutil.which("pdfinfo"):
        proc = subprocess.run(
            ["pdfinfo", str(path)], capture_output=True, text=True, timeout=60, check=False
        )
        found = re.search(r"^Pages:\s+(\d+)", proc.stdout, re.MULTILINE)
        if proc.returncode == 0 and found:
            return int(found.group(1))
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", path.read_bytes()))


def _raw(db: Any, runs: int) -> float:
    """Median seconds of the raw SELECT of the day's appointments on one open connection."""
    timings = []
    params = {"c": CLINIC, "d": DAY}
    with db.engine.connect() as conn:
        statement = sa.text(_RAW)
        conn.execute(statement, params).all()
        for _ in range(runs):
            began = time_module.perf_counter()
            conn.execute(statement, params).all()
            timings.append(time_module.perf_counter() - began)
    return median(timings)


def measure(label: str, url: str, sizes: Sizes, workdir: Path) -> list[Result]:
    from fc_admin.db import Database
    from fc_admin.domain.roles import Role
    from fc_admin.schema import upgrade
    from fc_admin.services import Services
    from fc_admin.services.actor import Actor
    from fc_admin.services.clock import FixedClock

    total = _scaled(FULL_APPOINTMENTS, sizes, 60)
    full = total >= FULL_APPOINTMENTS
    db = Database(url)
    upgrade(db)
    roster_s = build_roster(db, total)
    load_template(db)
    fill_s = fill_day(db, total)
    if db.dialect == "postgresql":
        engine = sa.create_engine(url, isolation_level="AUTOCOMMIT")
        with engine.connect() as conn:  # what autovacuum does on a live server
            conn.exec_driver_sql("VACUUM ANALYZE")
        engine.dispose()
    results = [
        Result(
            NAME,
            f"{label}: {total:,} roster people, {total:,} appointments on one day (set-up)",
            roster_s + fill_s,
            "s",
            note=f"roster {roster_s:.1f} s, appointments {fill_s:.2f} s",
        )
    ]
    services = Services(db, FixedClock(_now()))
    actor = Actor("clinic.hk", Role.CLINIC, CLINIC, "Clinic HK")
    baseline = _raw(db, 10)
    baseline_what = f"raw '{_RAW}' on an open connection"
    folder = workdir / f"daily-list-{label.lower()}"
    folder.mkdir(parents=True, exist_ok=True)

    for kind in ("pdf", "csv"):
        timings: list[float] = []
        written = 0
        path = folder / f"daily-list-{CLINIC}-{DAY.isoformat()}.{kind}"
        for _ in range(RUNS):
            with stopwatch() as elapsed:
                written = services.daily_lists.export(actor, CLINIC, DAY, path, kind)
            timings.append(elapsed())
        size_kib = path.stat().st_size / 1024
        note = (
            f"{written:,} rows written; runs "
            + ", ".join(f"{t * 1000:,.0f} ms" for t in timings)
            + f" (the first includes the statements' compile); {size_kib:,.0f} KiB"
        )
        status = ""
        details: dict[str, Any] = {"runs_s": timings, "rows": written, "bytes": size_kib * 1024}
        if written != total:
            status = "failed"
            note += f"; WRONG ROW COUNT: {written} written, {total} appointments"
        if kind == "pdf":
            pages = pdf_pages(path)
            details["pages"] = pages
            note += f"; {pages} pages"
            if pages <= 1:
                status = "failed"
                note += "; the PDF should have more than one page"
            figure = f"{label}: daily list PDF, {total:,} appointments (median of {RUNS})"
            limit = LIMIT_PDF_S if full else None
        else:
            figure = f"{label}: daily list CSV (F7), {total:,} appointments (median of {RUNS})"
            limit = None
        results.append(
            Result(
                NAME,
                figure,
                median(timings),
                "s",
                limit,
                baseline,
                baseline_what,
                status=status,
                note=note,
                details=details,
            )
        )
    db.dispose()
    return results


def run(sizes: Sizes, workdir: Path, postgres_url: str | None = None) -> list[Result]:
    url = f"sqlite:///{workdir / 'daily_list.sqlite3'}"
    results = measure("SQLite", url, sizes, workdir)
    if postgres_url:
        results += _run_postgres(postgres_url, sizes, workdir)
    return results


def _run_postgres(server_url: str, sizes: Sizes, workdir: Path) -> list[Result]:
    name = f"fc_bench_{uuid.uuid4().hex[:10]}"
    admin = sa.create_engine(server_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    url = sa.make_url(server_url).set(database=name).render_as_string(hide_password=False)
    try:
        return measure("PostgreSQL", url, sizes, workdir)
    finally:
        with admin.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()


if __name__ == "__main__":  # python -m benchmarks.bench_daily_list [--postgres URL]
    import sys
    import tempfile

    from benchmarks.common import FULL

    args = sys.argv[1:]
    pg = args[args.index("--postgres") + 1] if "--postgres" in args else None
    with tempfile.TemporaryDirectory(prefix="fc-admin-bench-daily-list-") as tmp:
        for r in run(FULL, Path(tmp), pg):
            print(f"{r.figure}: {r.value} {r.unit} (limit {r.limit}) {r.status} {r.note}")
