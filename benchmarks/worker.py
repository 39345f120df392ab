"""One measurement in a fresh process: ``python -m benchmarks.worker KIND ...``.

Prints one JSON line on stdout. Imports are inside the functions, so that a start-up measurement
pays only for what the application itself imports.
"""

from __future__ import annotations

import json
import sys
import time

PROCESS_ENTERED = time.time()  # after interpreter start-up, before any import of ours


def _peak_rss_mib() -> float:
    """Peak resident memory of this process, MiB.

    On Linux ``getrusage().ru_maxrss`` keeps the high-water mark of the process that forked us
    (it survives fork and exec), so a child of a big parent reports the parent's peak: the
    kernel's per-address-space ``VmHWM`` is used instead. Elsewhere, ``ru_maxrss``.
    """
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    # Linux reports KiB, macOS bytes.
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def _ru_maxrss_mib() -> float:
    import resource

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def _emit(payload: dict[str, object]) -> None:
    print(json.dumps(payload), flush=True)


# --- demo seed ----------------------------------------------------------------------------------
def seed(path: str, people: int, seed_value: int) -> None:
    from datetime import datetime

    from fc_admin.db import Database
    from fc_admin.domain.hktime import HONG_KONG
    from fc_admin.schema import upgrade
    from fc_admin.services.clock import FixedClock
    from fc_admin.services.demo import seed_demo_database

    db = Database(f"sqlite:///{path}")
    started = time.perf_counter()
    upgrade(db)
    upgraded = time.perf_counter()
    rss_before = _peak_rss_mib()
    clock = FixedClock(datetime(2025, 1, 24, 10, 0, tzinfo=HONG_KONG))
    summary = seed_demo_database(db, clock, people=people, seed=seed_value)
    seeded = time.perf_counter()
    db.dispose()
    _emit(
        {
            "upgrade_s": upgraded - started,
            "seed_s": seeded - upgraded,
            "rss_before_seed_mib": rss_before,
            "peak_rss_mib": _peak_rss_mib(),
            "ru_maxrss_mib": _ru_maxrss_mib(),
            "people": summary.people,
            "families": summary.families,
            "applications": summary.applications,
            "audit_records": summary.audit_records,
        }
    )


def idle(path: str) -> None:
    """The fixed memory of a seeding process: the same imports and schema, no people."""
    from fc_admin.db import Database
    from fc_admin.schema import upgrade
    from fc_admin.services import demo  # noqa: F401 - imported for its memory

    db = Database(f"sqlite:///{path}")
    upgrade(db)
    db.dispose()
    _emit({"peak_rss_mib": _peak_rss_mib(), "ru_maxrss_mib": _ru_maxrss_mib()})


def seed_baseline(path: str, rows: int) -> None:
    """Physical floor: the same number of roster-shaped rows with sqlite3 executemany, into a
    table with the same indexes, same pragmas (WAL, synchronous=FULL), one transaction."""
    import sqlite3

    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute(
        "CREATE TABLE person (id INTEGER PRIMARY KEY, import_id INTEGER NOT NULL, "
        "source_code VARCHAR(12) NOT NULL, staff_no VARCHAR(20), hkid VARCHAR(12) NOT NULL, "
        "name_en VARCHAR(160) NOT NULL, name_zh VARCHAR(60) NOT NULL, date_of_birth DATE NOT NULL, "
        "category VARCHAR(12) NOT NULL, relationship VARCHAR(8) NOT NULL, "
        "principal_hkid VARCHAR(12) NOT NULL, child_status VARCHAR(8), status VARCHAR(8) NOT NULL, "
        "status_date DATE, UNIQUE (import_id, hkid))"
    )
    conn.execute("CREATE INDEX ix_person_hkid ON person (hkid)")
    conn.execute("CREATE INDEX ix_person_import_principal ON person (import_id, principal_hkid)")

    def generate() -> object:
        for n in range(rows):
            # Scattered like real HKIDs, so the index inserts land all over the tree.
            hkid = f"A{(n * 7_919) % 10_000_000:07d}(0)"
            yield (
                n % 11,
                "HKPF",
                "PF123456",
                hkid,
                "CHAN, Tai Man",
                "陳大文",
                "1980-01-01",
                "officer",
                "self",
                hkid,
                None,
                "active",
                None,
            )

    started = time.perf_counter()
    conn.execute("BEGIN IMMEDIATE")
    conn.executemany(
        "INSERT INTO person (import_id, source_code, staff_no, hkid, name_en, name_zh, "
        "date_of_birth, category, relationship, principal_hkid, child_status, status, "
        "status_date) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        generate(),  # type: ignore[arg-type]
    )
    conn.execute("COMMIT")
    elapsed = time.perf_counter() - started
    conn.close()
    _emit({"insert_s": elapsed, "rows": rows})


# --- demo files ---------------------------------------------------------------------------------
def files(directory: str, people: int, seed_value: int) -> None:
    import os
    from pathlib import Path

    from fc_admin.services.demo import write_demo_files

    target = Path(directory)
    started = time.perf_counter()
    summary = write_demo_files(target / "demo", people=people, seed=seed_value)
    elapsed = time.perf_counter() - started
    sizes = [p.stat().st_size for p in sorted((target / "demo").rglob("*")) if p.is_file()]
    peak = _peak_rss_mib()

    # Physical floor: the same number of files of the same sizes, written with plain writes.
    plain = target / "plain"
    plain.mkdir()
    chunk = b"x" * (1 << 20)
    started = time.perf_counter()
    for index, size in enumerate(sizes):
        with open(plain / f"{index}.bin", "wb") as f:
            remaining = size
            while remaining > 0:
                written = f.write(chunk[: min(remaining, len(chunk))])
                remaining -= written
    baseline = time.perf_counter() - started
    _emit(
        {
            "write_s": elapsed,
            "baseline_s": baseline,
            "files": len(sizes),
            "bytes": sum(sizes),
            "people": summary.people,
            "eforms": summary.eforms,
            "booking_rows": summary.booking_rows,
            "peak_rss_mib": peak,
            "cpu_count": os.cpu_count() or 0,
        }
    )


# --- start-up -----------------------------------------------------------------------------------
def startup(url: str, admin: str, bare: bool) -> None:
    """Time to the first paint of the main window's first page (or of a bare window)."""
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QStackedWidget, QWidget

    phases: dict[str, float] = {"entered": PROCESS_ENTERED}
    app = QApplication([sys.argv[0]])
    phases["qapplication"] = time.time()
    window: QMainWindow
    if bare:
        window = QMainWindow()
        window.setCentralWidget(QLabel("fc-admin"))
        window.resize(1280, 800)
    else:
        try:
            from fc_admin.app import build_main_window
        except ImportError as exc:
            _emit({"skipped": f"not available: {exc}"})
            return
        from fc_admin.db import Database
        from fc_admin.domain.roles import Role
        from fc_admin.services import Services
        from fc_admin.services.actor import Actor
        from fc_admin.services.clock import SystemClock
        from fc_admin.settings import Settings

        phases["imports"] = time.time()
        settings = Settings(database_url=url)
        try:  # what run_gui does before the window, when the application provides it
            from fc_admin.views.resources import icon, install_translators

            app.setWindowIcon(icon("app"))
            install_translators(app, settings.language)
        except ImportError:
            pass
        services = Services(Database(url), SystemClock())
        actor = Actor(admin, Role.ADMIN, None, "Demo administrator")
        window = build_main_window(services, actor, settings, demo=True)
        phases["window_built"] = time.time()

    stack = window.findChild(QStackedWidget)

    def first_page() -> QWidget | None:
        if stack is None:
            return window.centralWidget()
        page = stack.currentWidget()
        # The main window builds a page when it is first shown: a bare placeholder is not it.
        return None if page is None or type(page) is QWidget else page

    class PaintWatcher(QObject):
        painted: float | None = None

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if self.painted is None and event.type() == QEvent.Type.Paint:
                page = first_page()
                if (
                    page is not None
                    and isinstance(watched, QWidget)
                    and (watched is page or page.isAncestorOf(watched))
                ):
                    self.painted = time.time()
                    QTimer.singleShot(0, app.quit)
            return False

    watcher = PaintWatcher()
    app.installEventFilter(watcher)
    window.show()
    phases["shown"] = time.time()
    QTimer.singleShot(20_000, app.quit)  # never hang the benchmark run
    app.exec()
    app.removeEventFilter(watcher)
    if watcher.painted is None:
        _emit({"failed": "no paint of the first page within 20 s", "phases": phases})
        return
    phases["painted"] = watcher.painted
    _emit({"painted": watcher.painted, "phases": phases, "page": type(first_page()).__name__})


def main(argv: list[str]) -> None:
    kind, *args = argv
    if kind == "seed":
        seed(args[0], int(args[1]), int(args[2]))
    elif kind == "idle":
        idle(args[0])
    elif kind == "seed-baseline":
        seed_baseline(args[0], int(args[1]))
    elif kind == "files":
        files(args[0], int(args[1]), int(args[2]))
    elif kind == "startup":
        startup(args[0], args[1], bare=False)
    elif kind == "startup-bare":
        startup("", "", bare=True)
    else:
        raise SystemExit(f"unknown worker kind {kind!r}")


if __name__ == "__main__":
    main(sys.argv[1:])
