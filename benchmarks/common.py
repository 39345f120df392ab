"""What every benchmark shares: sizes, result rows, running a worker in a fresh process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

PROJECT_ROOT = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class Sizes:
    startup_people: int = 2_000  # what `gui --demo` seeds
    files_people: int = 600_000
    seed_people: int = 600_000
    seed_small_people: int = 60_000  # RSS at a tenth of the size: memory must not grow
    audit_records: int = 1_000_000
    startup_runs: int = 3
    query_runs: int = 5


FULL = Sizes()
QUICK = Sizes(
    files_people=60_000,
    seed_people=60_000,
    seed_small_people=6_000,
    audit_records=100_000,
    startup_runs=2,
    query_runs=3,
)


@dataclass
class Result:
    """One row of the table: a measured figure, its limit and a baseline of the same run."""

    benchmark: str
    figure: str
    value: float | None
    unit: str
    limit: float | None = None
    baseline: float | None = None
    baseline_what: str = ""
    status: str = ""  # ok | OVER LIMIT | info | skipped | failed
    note: str = ""
    details: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.status:
            return
        if self.value is None:
            self.status = "skipped"
        elif self.limit is None:
            self.status = "info"
        else:
            self.status = "ok" if self.value <= self.limit else "OVER LIMIT"

    def as_json(self) -> dict[str, Any]:
        return asdict(self)


@contextmanager
def stopwatch() -> Iterator[Callable[[], float]]:
    """``with stopwatch() as elapsed: ...; elapsed()`` -> seconds (frozen at exit)."""
    start = time.perf_counter()
    end: list[float] = []
    yield lambda: (end[0] if end else time.perf_counter()) - start
    end.append(time.perf_counter())


def run_worker(
    args: list[str], env: dict[str, str] | None = None, timeout: float = 900
) -> dict[str, Any]:
    """Run ``python -m benchmarks.worker ARGS`` in a fresh process; its last stdout line is JSON.

    A fresh process per measurement keeps peak RSS (``ru_maxrss``) about that measurement alone.
    """
    full_env = dict(os.environ)
    full_env.update(env or {})
    full_env["PYTHONPATH"] = os.pathsep.join(
        p for p in (str(PROJECT_ROOT), full_env.get("PYTHONPATH", "")) if p
    )
    proc = subprocess.run(
        [sys.executable, "-m", "benchmarks.worker", *args],
        cwd=PROJECT_ROOT,
        env=full_env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    lines = [line for line in proc.stdout.splitlines() if line.strip()]
    if proc.returncode != 0 or not lines:
        raise RuntimeError(
            f"benchmark worker {' '.join(args)} failed (exit {proc.returncode}):\n"
            f"{proc.stderr.strip()[-3000:]}"
        )
    result: dict[str, Any] = json.loads(lines[-1])
    return result


def median(values: list[float]) -> float:
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[middle]
    return (ordered[middle - 1] + ordered[middle]) / 2
