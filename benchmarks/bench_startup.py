"""Start-up to a usable main window on demo data; limit 1.5 s.

Measured from before the process is spawned to the first paint of the main window's first page
(``fc_admin.app.build_main_window(..., demo=True)`` on a database seeded like ``gui --demo``), in
a fresh process with ``QT_QPA_PLATFORM=offscreen``. Baseline: the same for a bare ``QApplication``
and ``QMainWindow`` with a label, i.e. the cost of Python and Qt alone.
"""

from __future__ import annotations

import time
from datetime import datetime
from pathlib import Path
from typing import Any

from benchmarks.common import Result, Sizes, median, run_worker, stopwatch

NAME = "startup"
LIMIT_S = 1.5
_ENV = {"QT_QPA_PLATFORM": "offscreen"}


def _timed_start(args: list[str]) -> tuple[float | None, dict[str, Any]]:
    spawned = time.time()
    outcome = run_worker(args, env=_ENV, timeout=120)
    if "painted" not in outcome:
        return None, outcome
    phases = {k: round(v - spawned, 4) for k, v in outcome.get("phases", {}).items()}
    return float(outcome["painted"]) - spawned, {**outcome, "phases": phases}


def run(sizes: Sizes, workdir: Path) -> list[Result]:
    from fc_admin.db import Database
    from fc_admin.domain.hktime import HONG_KONG
    from fc_admin.schema import upgrade
    from fc_admin.services.clock import FixedClock
    from fc_admin.services.demo import seed_demo_database

    path = workdir / "startup-demo.sqlite3"
    db = Database(f"sqlite:///{path}")
    with stopwatch() as prepared:
        upgrade(db)
        summary = seed_demo_database(
            db, FixedClock(datetime(2025, 1, 24, 10, tzinfo=HONG_KONG)), sizes.startup_people
        )
    db.dispose()
    results = [
        Result(
            NAME,
            f"gui --demo data: upgrade + seed {sizes.startup_people:,} people",
            prepared(),
            "s",
            note=(
                "done on a worker thread behind a splash, before the window; "
                "not in the figure below"
            ),
        )
    ]

    bare_times = []
    for _ in range(sizes.startup_runs):
        elapsed, _detail = _timed_start(["startup-bare"])
        if elapsed is not None:
            bare_times.append(elapsed)
    baseline = median(bare_times) if bare_times else None

    app_times: list[float] = []
    details: list[dict[str, Any]] = []
    skipped = failed = ""
    for _ in range(sizes.startup_runs):
        elapsed, detail = _timed_start(["startup", f"sqlite:///{path}", summary.admin_username])
        if "skipped" in detail:
            skipped = str(detail["skipped"])
            break
        if elapsed is None:
            failed = str(detail.get("failed", detail))
            break
        app_times.append(elapsed)
        details.append(detail)
    figure = f"process start -> first paint of the first page (median of {sizes.startup_runs})"
    baseline_what = "bare QApplication + QMainWindow, same measurement"
    if skipped:
        results.append(
            Result(
                NAME,
                figure,
                None,
                "s",
                LIMIT_S,
                baseline,
                baseline_what,
                status="skipped",
                note=skipped,
            )
        )
    elif failed:
        results.append(
            Result(
                NAME,
                figure,
                None,
                "s",
                LIMIT_S,
                baseline,
                baseline_what,
                status="failed",
                note=failed,
            )
        )
    else:
        value = median(app_times)
        representative = min(details, key=lambda d: abs(d["phases"]["painted"] - value))
        results.append(
            Result(
                NAME,
                figure,
                value,
                "s",
                LIMIT_S,
                baseline,
                baseline_what,
                note=f"first page: {representative.get('page')}",
                details={
                    "runs_s": app_times,
                    "bare_runs_s": bare_times,
                    "phases_s": representative["phases"],
                },
            )
        )
    return results
