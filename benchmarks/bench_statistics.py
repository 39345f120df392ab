"""Monthly statistics (R12.2, F5) over 100,000 forms: ``StatisticsService.monthly`` <= 2.0 s.

The data: the queue benchmark's builder (:func:`benchmarks.bench_queue.build`): demo families on
their sources' current rosters and 100,000 forms received over the 30 days before 14 March 2025,
every member verified, the members of the forms done decided (approved). On top, so that every
column has work: one form done in ten has its members rejected instead, and one open form in
ten has its members queried (decided at the same moment as the approvals).

Timed, median of 3 (after one untimed call: the statements' first compile):
``StatisticsService.monthly(actor, month)`` for the busiest month (the most forms received).

Baseline, same run: a raw ``count(*)`` of the forms received in that month, open connection.

Sizes: 100,000 forms at full size; scaled with ``--people`` otherwise (a tenth when quick), and
the limit applies to the full size only. On SQLite, and on PostgreSQL with ``--postgres``.
"""

from __future__ import annotations

import time as time_module
import uuid
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any, cast

import sqlalchemy as sa

from benchmarks.bench_queue import _NOW, FULL_FORMS, build, forms_for
from benchmarks.common import Result, Sizes, median, stopwatch

NAME = "statistics"
LIMIT_S = 2.0
RUNS = 3
_RAW = "SELECT count(*) FROM application WHERE received_date >= :a AND received_date < :b"


def _next_month(first: date) -> date:
    return date(first.year + first.month // 12, first.month % 12 + 1, 1)


def more_decisions(db: Any) -> float:
    """Rejections (one form done in ten) and queries (one open form in ten); seconds."""
    from fc_admin.models import Application, ApplicationMember

    application = cast(sa.Table, Application.__table__)
    member = cast(sa.Table, ApplicationMember.__table__)
    with stopwatch() as elapsed, db.write() as session:
        for status, decision in (("DONE", "reject"), ("OPEN", "query")):
            chosen = sa.select(application.c.id).where(
                application.c.status == status, application.c.id % 10 == 0
            )
            session.execute(
                sa.update(member)
                .where(member.c.application_id.in_(chosen))
                .values(
                    decision=decision,
                    decision_reason="not on the roster" if decision == "reject" else None,
                    decided_by="verifier.lam",
                    decided_at=_NOW,
                )
            )
    return elapsed()


def busiest_month(db: Any) -> tuple[date, int]:
    """The month with the most forms received, and how many."""
    from fc_admin.models import Application

    months: Counter[date] = Counter()
    with db.read() as session:
        for day, count in session.execute(
            sa.select(Application.received_date, sa.func.count()).group_by(
                Application.received_date
            )
        ):
            received = day if isinstance(day, date) else date.fromisoformat(str(day))
            months[received.replace(day=1)] += count
    month, count = months.most_common(1)[0]
    return month, count


def _raw(db: Any, month: date, runs: int) -> float:
    timings = []
    params = {"a": month, "b": _next_month(month)}
    with db.engine.connect() as conn:
        statement = sa.text(_RAW)
        conn.execute(statement, params).all()
        for _ in range(runs):
            began = time_module.perf_counter()
            conn.execute(statement, params).all()
            timings.append(time_module.perf_counter() - began)
    return median(timings)


def measure(label: str, url: str, sizes: Sizes) -> list[Result]:
    from fc_admin.db import Database
    from fc_admin.domain.roles import Role
    from fc_admin.schema import upgrade
    from fc_admin.services import Services
    from fc_admin.services.actor import Actor
    from fc_admin.services.clock import FixedClock

    wanted = forms_for(sizes)
    full = wanted >= FULL_FORMS
    db = Database(url)
    upgrade(db)
    db.dispose()
    built = build(url, wanted, _NOW)
    db = Database(url)
    decide_s = more_decisions(db)
    if db.dialect == "postgresql":
        engine = sa.create_engine(url, isolation_level="AUTOCOMMIT")
        with engine.connect() as conn:  # what autovacuum does on a live server
            conn.exec_driver_sql("VACUUM ANALYZE")
        engine.dispose()
    results = [
        Result(
            NAME,
            f"{label}: build {built['forms']:,} forms, {built['members']:,} members (set-up)",
            built["build_s"] + decide_s,
            "s",
            note=(
                f"{built['roster_people']:,} roster rows; inserts {built['insert_s']:.1f} s, "
                f"verification {built['verify_s']:.1f} s, extra decisions {decide_s:.1f} s"
            ),
        )
    ]
    month, received = busiest_month(db)
    services = Services(db, FixedClock(_NOW))
    actor = Actor("supervisor.bench", Role.SUPERVISOR, None, "Benchmark")
    rows = services.statistics.monthly(actor, month)  # the statements' first compile
    timings = []
    for _ in range(RUNS):
        with stopwatch() as elapsed:
            rows = services.statistics.monthly(actor, month)
        timings.append(elapsed())
    counted = sum(r.received for r in rows)
    note = (
        f"month {month:%Y-%m}: {received:,} forms received, {len(rows)} departments; "
        f"received {counted:,}, eligible {sum(r.eligible for r in rows):,}, "
        f"rejected {sum(r.rejected for r in rows):,}, queried {sum(r.queried for r in rows):,}, "
        f"deadline missed {sum(r.deadline_missed for r in rows):,}; runs "
        + ", ".join(f"{t * 1000:,.0f} ms" for t in timings)
    )
    status = ""
    if counted != received:
        status = "failed"
        note += f"; WRONG COUNT: {counted:,} received in the rows, {received:,} in the table"
    results.append(
        Result(
            NAME,
            f"{label}: monthly statistics of {month:%Y-%m}, {built['forms']:,} forms "
            f"(median of {RUNS})",
            median(timings),
            "s",
            LIMIT_S if full else None,
            _raw(db, month, 10),
            f"raw '{_RAW}' on an open connection",
            status=status,
            note=note,
            details={"runs_s": timings, "month": f"{month:%Y-%m}", "rows": len(rows)},
        )
    )
    db.dispose()
    return results


def run(sizes: Sizes, workdir: Path, postgres_url: str | None = None) -> list[Result]:
    results = measure("SQLite", f"sqlite:///{workdir / 'statistics.sqlite3'}", sizes)
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
        return measure("PostgreSQL", url, sizes)
    finally:
        with admin.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()


if __name__ == "__main__":  # python -m benchmarks.bench_statistics [FORMS] [--postgres URL]
    import sys
    import tempfile
    from dataclasses import replace

    from benchmarks.common import FULL

    args = sys.argv[1:]
    pg = args[args.index("--postgres") + 1] if "--postgres" in args else None
    numbers = [a for a in args if a.isdigit()]
    people = round(int(numbers[0]) * FULL.seed_people / FULL_FORMS) if numbers else None
    chosen = replace(FULL, seed_people=people) if people else FULL
    with tempfile.TemporaryDirectory(prefix="fc-admin-bench-statistics-") as tmp:
        for r in run(chosen, Path(tmp), pg):
            print(f"{r.figure}: {r.value} {r.unit} (limit {r.limit}) {r.status} {r.note}")
