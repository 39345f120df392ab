"""The audit page's first page over 1,000,000 audit records: limit 150 ms.

The log is built quickly but honestly: one transaction of Core inserts with a valid hash chain
(:class:`fc_admin.services.audit_bulk.BulkAuditWriter`), a realistic mix of actors and actions, one
record every 15 seconds. Then ``AuditService.page(admin, filter, 0, 200)`` plus ``.count(filter)``
(what the page shows first: 200 rows and "of N") is timed cold (a new ``Database`` object, new
connection, empty statement cache; the operating system's file cache is warm) and warm, with no
filter and with a filter on one actor. Baseline: the same two queries in raw SQL on a new
``sqlite3`` (or ``psycopg``) connection.
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import sqlalchemy as sa

from benchmarks.common import Result, Sizes, median, stopwatch

NAME = "audit"
LIMIT_S = 0.150
PAGE = 200
FILTER_ACTOR = "verifier.lam"

_ACTORS = (
    [f"clerk.{n}" for n in ("chan", "lee", "wong", "ho", "ng", "lau")]
    + [f"verifier.{n}" for n in ("wong", "cheung", "lam", "tsang", "yeung", "fung", "tang")]
    + [f"supervisor.{n}" for n in ("ho", "kwok")]
    + [f"clinic.{c}" for c in ("cw", "fl", "hk", "kln", "nt", "sk")]
    + ["admin.tsang", "cli:ops", "system:nightly-import"]
)
_ACTIONS = (
    ("application.import", "application"),
    ("member.verify", "application_member"),
    ("member.decide", "application_member"),
    ("activation.issue", "account"),
    ("appointment.book", "appointment"),
    ("appointment.cancel", "appointment"),
    ("daily_list.print", "daily_list"),
    ("hkid.search", "search"),
    ("user.sign_in", "staff_user"),
    ("roster.import", "roster_import"),
    ("export.queries", "export"),
)


def build_log(db_url: str, records: int) -> float:
    """Fill an upgraded database with ``records`` chained audit records; returns seconds."""
    from fc_admin.db import Database
    from fc_admin.services.audit_bulk import BulkAuditWriter

    rng = random.Random("fc-admin benchmark audit log")
    start = datetime(2024, 6, 1, tzinfo=UTC)
    db = Database(db_url)
    with stopwatch() as elapsed, db.write() as session:
        writer = BulkAuditWriter(session, start, "system:benchmark", batch_size=10_000)
        for n in range(records):
            action, entity_type = _ACTIONS[int(rng.random() * len(_ACTIONS))]
            writer.add(
                action,
                entity_type,
                f"{entity_type[:3].upper()}{n:08d}",
                after={"n": n, "state": "ok" if n % 7 else "changed"},
                at=start + timedelta(seconds=15 * n),
                actor=_ACTORS[int(rng.random() * len(_ACTORS))],
            )
        writer.flush()
    db.dispose()
    return elapsed()


class _FirstPage:
    """Times what the audit page does first, on a new Database (cold) or a kept one (warm)."""

    def __init__(self, db_url: str) -> None:
        from fc_admin.db import Database
        from fc_admin.domain.roles import Role
        from fc_admin.services.actor import Actor

        self.url = db_url
        self.admin = Actor("admin.tsang", Role.ADMIN)
        self.kept = Database(db_url)

    def _once(self, db: object, actor: str | None) -> float:
        from fc_admin.db import Database
        from fc_admin.services.audit import AuditFilter, AuditService
        from fc_admin.services.clock import SystemClock

        assert isinstance(db, Database)
        service = AuditService(db, SystemClock())
        flt = AuditFilter(actor=actor)
        with stopwatch() as elapsed:
            rows = service.page(self.admin, flt, 0, PAGE)
            total = service.count(self.admin, flt)
        assert len(rows) == min(PAGE, total)
        return elapsed()

    def cold(self, actor: str | None) -> float:
        from fc_admin.db import Database

        fresh = Database(self.url)
        try:
            return self._once(fresh, actor)
        finally:
            fresh.dispose()

    def warm(self, actor: str | None) -> float:
        return self._once(self.kept, actor)

    def close(self) -> None:
        self.kept.dispose()


def _raw_sqlite(path: Path, actor: str | None) -> float:
    import sqlite3

    where, params = ("WHERE actor = ?", (actor,)) if actor else ("", ())
    with stopwatch() as elapsed:
        conn = sqlite3.connect(path)
        conn.execute(
            "SELECT id, at, actor, action, entity_type, entity_id, before, after, prev_hash, hash "
            f"FROM audit_record {where} ORDER BY id DESC LIMIT {PAGE}",
            params,
        ).fetchall()
        conn.execute(f"SELECT count(*) FROM audit_record {where}", params).fetchone()
        conn.close()
    return elapsed()


def _raw_postgres(url: str, actor: str | None) -> float:
    import psycopg

    dsn = sa.make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
    where, params = ("WHERE actor = %s", (actor,)) if actor else ("", ())
    with stopwatch() as elapsed, psycopg.connect(dsn) as conn:
        conn.execute(
            "SELECT id, at, actor, action, entity_type, entity_id, before, after, prev_hash, hash "
            f"FROM audit_record {where} ORDER BY id DESC LIMIT {PAGE}",
            params,
        ).fetchall()
        conn.execute(f"SELECT count(*) FROM audit_record {where}", params).fetchone()
    return elapsed()


def _measure(
    label: str, db_url: str, raw: Callable[[str | None], float], sizes: Sizes
) -> list[Result]:
    page = _FirstPage(db_url)
    results = []
    try:
        for actor in (None, FILTER_ACTOR):
            what = f"actor = {actor}" if actor else "no filter"
            baseline = median([raw(actor) for _ in range(sizes.query_runs)])
            cold = [page.cold(actor) for _ in range(sizes.query_runs)]
            page.warm(actor)  # the kept Database's first use
            warm = [page.warm(actor) for _ in range(sizes.query_runs)]
            baseline_what = f"raw SQL, same two queries, new {label} connection"
            results.append(
                Result(
                    NAME,
                    f"{label}: first page + count, {what}, cold",
                    median(cold),
                    "s",
                    LIMIT_S,
                    baseline,
                    baseline_what,
                    note="new Database object each run (median)",
                    details={"runs_s": cold},
                )
            )
            results.append(
                Result(
                    NAME,
                    f"{label}: first page + count, {what}, warm",
                    median(warm),
                    "s",
                    LIMIT_S,
                    baseline,
                    baseline_what,
                    details={"runs_s": warm},
                )
            )
    finally:
        page.close()
    return results


def run(sizes: Sizes, workdir: Path, postgres_url: str | None = None) -> list[Result]:
    from fc_admin.db import Database
    from fc_admin.schema import upgrade

    path = workdir / "audit.sqlite3"
    url = f"sqlite:///{path}"
    db = Database(url)
    upgrade(db)
    db.dispose()
    built = build_log(url, sizes.audit_records)
    results = [
        Result(
            NAME,
            f"SQLite: build {sizes.audit_records:,} chained records (set-up)",
            built,
            "s",
            note=f"{sizes.audit_records / built:,.0f} records/s",
        )
    ]
    results += _measure("SQLite", url, lambda actor: _raw_sqlite(path, actor), sizes)
    if postgres_url:
        results += _run_postgres(postgres_url, sizes)
    return results


def _run_postgres(server_url: str, sizes: Sizes) -> list[Result]:
    from fc_admin.db import Database
    from fc_admin.schema import upgrade

    name = f"fc_bench_{uuid.uuid4().hex[:10]}"
    admin = sa.create_engine(server_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    url = sa.make_url(server_url).set(database=name).render_as_string(hide_password=False)
    try:
        db = Database(url)
        upgrade(db)
        db.dispose()
        built = build_log(url, sizes.audit_records)
        engine = sa.create_engine(url, isolation_level="AUTOCOMMIT")
        with engine.connect() as conn:  # what autovacuum does on a live server
            conn.exec_driver_sql("VACUUM ANALYZE audit_record")
        engine.dispose()
        results = [
            Result(
                NAME,
                f"PostgreSQL: build {sizes.audit_records:,} chained records (set-up)",
                built,
                "s",
                note=f"{sizes.audit_records / built:,.0f} records/s; then VACUUM ANALYZE",
            )
        ]
        results += _measure("PostgreSQL", url, lambda actor: _raw_postgres(url, actor), sizes)
        return results
    finally:
        with admin.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()
