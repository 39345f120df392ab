"""Roster import (F1, R3.1) of 600,000 rows: SQLite within 5x the ``sqlite3`` command line's
``.import`` of the same file into a bare table; PostgreSQL within 3x ``psql``'s ``\\copy`` of the
same file into a bare table; peak memory of the importing process at most 300 MiB.

The file is one department's roster (``HKPF``) of synthetic families (:mod:`fc_admin.demo.people`:
officers, spouses, children; valid, unique HKIDs), written as UTF-8 CSV with every F1 column. Each
import runs in a fresh process (``python -m benchmarks.bench_roster ...``) so its peak RSS
(``VmHWM``) is its own. The worker also times the F1 reader alone over the same file (no
database; the rows as the import takes them, :meth:`RosterReader.values`), which shows how much of
the import is parsing and checking rows in Python, and checks that ``roster_person`` holds every
row afterwards.

Baselines are the databases' own bulk loaders, without any of the checks F1 asks for: they only
split the CSV into text columns. If the ``sqlite3`` or ``psql`` program is not installed, that
baseline is skipped (``apt-get install sqlite3``) and its row has no limit.
"""

from __future__ import annotations

import csv
import json
import os
import shutil
import subprocess
import sys
import time
import uuid
from datetime import date
from pathlib import Path
from typing import Any

from benchmarks.common import PROJECT_ROOT, Result, Sizes, stopwatch

NAME = "roster"
SOURCE = "HKPF"
SQLITE_TIMES_BASELINE = 5.0
POSTGRES_TIMES_BASELINE = 3.0
RSS_LIMIT_MIB = 300.0
F1_HEADER = (
    "source",
    "staff_no",
    "hkid",
    "name_en",
    "name_zh",
    "date_of_birth",
    "category",
    "relationship",
    "principal_hkid",
    "child_status",
    "status",
    "status_date",
)
_BARE_COLUMNS = ", ".join(f"{column} TEXT" for column in F1_HEADER)


# --- the file -----------------------------------------------------------------------------------
def write_roster_file(path: Path, rows: int, seed: int = 1) -> dict[str, int]:
    """A valid F1 roster of ``SOURCE`` with ``rows`` rows (whole families); counts per category.

    The demo families come from several sources; here every principal is one department's
    officer, so the file is one roster (F1: a department lists serving officers).
    """
    from fc_admin.demo.people import FamilyGenerator

    counts: dict[str, int] = {}
    staff = 0
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(F1_HEADER)
        for family in FamilyGenerator(seed, date(2025, 1, 24)).families(rows):
            for p in family.members:
                category, staff_no = p.category, p.staff_no
                if p.relationship == "self":
                    category = "officer"
                    staff += 1
                    staff_no = f"PF{staff:06d}"
                counts[category] = counts.get(category, 0) + 1
                writer.writerow(
                    (
                        SOURCE,
                        staff_no or "",
                        p.hkid,
                        p.name.en,
                        p.name.zh,
                        p.date_of_birth.isoformat(),
                        category,
                        p.relationship,
                        p.principal_hkid,
                        p.child_status or "",
                        p.status,
                        p.status_date.isoformat() if p.status_date else "",
                    )
                )
    return counts


# --- one measurement in a fresh process ---------------------------------------------------------
def _peak_rss_mib() -> float:
    """VmHWM of this process (see benchmarks/worker.py: ru_maxrss carries the parent's peak)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def _worker_import(url: str, file: str, replace: bool) -> None:
    from datetime import datetime

    import sqlalchemy as sa

    from fc_admin.db import Database
    from fc_admin.domain.hktime import HONG_KONG
    from fc_admin.exchange.roster_csv import read_roster
    from fc_admin.models import RosterPerson
    from fc_admin.schema import upgrade
    from fc_admin.services.actor import Actor
    from fc_admin.services.clock import FixedClock
    from fc_admin.services.rosters import RosterService

    path = Path(file)
    db = Database(url)
    upgrade(db)
    rss_ready = _peak_rss_mib()

    started = time.perf_counter()
    reader = read_roster(path, SOURCE)
    for _chunk in reader.values():
        pass
    reader_s = time.perf_counter() - started
    assert reader.problem_count == 0, reader.problems[:5]
    del reader

    service = RosterService(db, FixedClock(datetime(2025, 1, 24, 10, 0, tzinfo=HONG_KONG)))
    operator = Actor("cli:benchmark", None)
    started = time.perf_counter()
    result = service.import_roster(operator, path, SOURCE)
    import_s = time.perf_counter() - started
    rss_import = _peak_rss_mib()
    with db.read() as session:
        stored = session.execute(
            sa.select(sa.func.count()).where(RosterPerson.source_code == SOURCE)
        ).scalar_one()
    assert stored == result.rows, (stored, result.rows)
    replace_s = None
    if replace:
        started = time.perf_counter()
        service.import_roster(operator, path, SOURCE)
        replace_s = time.perf_counter() - started
    db.dispose()
    print(
        json.dumps(
            {
                "rows": result.rows,
                "counts": result.counts,
                "reader_s": reader_s,
                "import_s": import_s,
                "replace_s": replace_s,
                "rss_ready_mib": rss_ready,
                "peak_rss_import_mib": rss_import,
                "peak_rss_mib": _peak_rss_mib(),
            }
        ),
        flush=True,
    )


def _run_child(args: list[str], timeout: float = 1800) -> dict[str, Any]:
    """``python -m benchmarks.bench_roster ARGS`` in a fresh process; its last line is JSON."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(
        p for p in (str(PROJECT_ROOT), env.get("PYTHONPATH", "")) if p
    )
    proc = subprocess.run(
        [sys.executable, "-m", "benchmarks.bench_roster", *args],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    lines = [line for line in proc.stdout.splitlines() if line.strip()]
    if proc.returncode != 0 or not lines:
        raise RuntimeError(
            f"roster benchmark worker {args[0]} failed (exit {proc.returncode}):\n"
            f"{proc.stderr.strip()[-3000:]}"
        )
    result: dict[str, Any] = json.loads(lines[-1])
    return result


# --- baselines ----------------------------------------------------------------------------------
def _sqlite_cli_import(path: Path, database: Path) -> float | None:
    """Seconds for ``sqlite3 DB .import`` of the file into a bare table (same pragmas as ours)."""
    program = shutil.which("sqlite3")
    if program is None:
        return None
    script = (
        "PRAGMA journal_mode = WAL;\n"
        "PRAGMA synchronous = FULL;\n"
        f"CREATE TABLE roster ({_BARE_COLUMNS});\n"
        ".mode csv\n"
        f".import --skip 1 '{path}' roster\n"
    )
    with stopwatch() as elapsed:
        subprocess.run(
            [program, str(database)],
            input=script,
            text=True,
            check=True,
            capture_output=True,
            timeout=600,
        )
    return elapsed()


def _psql_copy(path: Path, url: str) -> float | None:
    """Seconds for ``psql -c "\\copy ..."`` of the file into a bare table."""
    import sqlalchemy as sa

    program = shutil.which("psql")
    if program is None:
        return None
    parsed = sa.make_url(url)
    env = dict(os.environ)
    if parsed.password:
        env["PGPASSWORD"] = str(parsed.password)
    base = [
        program,
        "-X",
        "-q",
        "-v",
        "ON_ERROR_STOP=1",
        "-h",
        parsed.host or "localhost",
        "-p",
        str(parsed.port or 5432),
        "-U",
        parsed.username or "postgres",
        "-d",
        parsed.database or "postgres",
    ]
    subprocess.run(
        [*base, "-c", f"CREATE TABLE bare_roster ({_BARE_COLUMNS})"],
        env=env,
        check=True,
        capture_output=True,
        timeout=60,
    )
    with stopwatch() as elapsed:
        subprocess.run(
            [*base, "-c", f"\\copy bare_roster FROM '{path}' WITH (FORMAT csv, HEADER true)"],
            env=env,
            check=True,
            capture_output=True,
            timeout=600,
        )
    return elapsed()


# --- the benchmark ------------------------------------------------------------------------------
def _time_result(
    label: str,
    measured: dict[str, Any],
    baseline: float | None,
    times: float,
    baseline_what: str,
    missing: str,
) -> Result:
    rows = measured["rows"]
    note = (
        f"{rows / measured['import_s']:,.0f} rows/s; the F1 reader alone (parse and check, no "
        f"database) takes {measured['reader_s']:.2f} s of it"
    )
    if baseline is None:
        return Result(
            NAME, label, measured["import_s"], "s", note=f"{note}; {missing}", details=measured
        )
    return Result(
        NAME,
        label,
        measured["import_s"],
        "s",
        times * baseline,
        baseline,
        baseline_what,
        note=f"limit {times:g}x the baseline; {note}",
        details=measured,
    )


def run(sizes: Sizes, workdir: Path, postgres_url: str | None = None) -> list[Result]:
    rows = sizes.files_people
    file = workdir / f"{SOURCE}-roster.csv"
    with stopwatch() as generated:
        counts = write_roster_file(file, rows)
    mib = file.stat().st_size / (1 << 20)
    results = [
        Result(
            NAME,
            f"write a {rows:,}-row F1 roster (set-up)",
            generated(),
            "s",
            note=f"{mib:,.1f} MiB, {', '.join(f'{k} {v:,}' for k, v in sorted(counts.items()))}",
        )
    ]

    database = workdir / "roster.sqlite3"
    measured = _run_child(["import", f"sqlite:///{database}", str(file), "replace"])
    cli = _sqlite_cli_import(file, workdir / "roster-cli.sqlite3")
    results.append(
        _time_result(
            f"SQLite: import a {rows:,}-row roster",
            measured,
            cli,
            SQLITE_TIMES_BASELINE,
            "sqlite3 command line: .import of the same file into a bare table",
            "baseline skipped: the sqlite3 program is not installed (apt-get install sqlite3)",
        )
    )
    results.append(
        Result(
            NAME,
            f"SQLite: replace it by a new {rows:,}-row roster",
            measured["replace_s"],
            "s",
            note="same file again: the previous roster's persons are deleted in the transaction",
        )
    )
    results.append(
        Result(
            NAME,
            f"peak RSS, roster import {rows:,} rows",
            measured["peak_rss_mib"],
            "MiB",
            RSS_LIMIT_MIB,
            measured["rss_ready_mib"],
            "the importing process before it imports (Python, our modules, the schema)",
            note="VmHWM of the importing process (SQLite, import and replace)",
        )
    )
    if postgres_url:
        results += _run_postgres(postgres_url, file, rows)
    return results


def _run_postgres(server_url: str, file: Path, rows: int) -> list[Result]:
    import sqlalchemy as sa

    name = f"fc_bench_{uuid.uuid4().hex[:10]}"
    admin = sa.create_engine(server_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    url = sa.make_url(server_url).set(database=name).render_as_string(hide_password=False)
    try:
        measured = _run_child(["import", url, str(file), "once"])
        baseline = _psql_copy(file, url)
        return [
            _time_result(
                f"PostgreSQL: import a {rows:,}-row roster",
                measured,
                baseline,
                POSTGRES_TIMES_BASELINE,
                "psql \\copy of the same file into a bare table",
                "baseline skipped: the psql program is not installed",
            ),
            Result(
                NAME,
                f"peak RSS, roster import {rows:,} rows (PostgreSQL)",
                measured["peak_rss_mib"],
                "MiB",
                RSS_LIMIT_MIB,
                measured["rss_ready_mib"],
                "the importing process before it imports (Python, our modules, the schema)",
            ),
        ]
    finally:
        with admin.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()


def main(argv: list[str]) -> None:
    kind, *args = argv
    if kind == "import":
        _worker_import(args[0], args[1], replace=args[2] == "replace")
    else:
        raise SystemExit(f"unknown roster benchmark worker {kind!r}")


if __name__ == "__main__":
    main(sys.argv[1:])
