"""The benchmark runner keeps working: ``python -m benchmarks --quick`` on tiny sizes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]


def test_benchmarks_quick_run_on_tiny_sizes(tmp_path: Path) -> None:
    results = tmp_path / "results.json"
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "benchmarks",
            "--quick",
            "--people",
            "1500",
            "--audit-records",
            "3000",
            "--startup-runs",
            "1",
            "--results",
            str(results),
        ],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=180,
    )
    # 0: all within limits; 1: a limit missed on this machine. Anything else is a crash.
    assert proc.returncode in (0, 1), proc.stderr[-3000:]
    document = json.loads(results.read_text(encoding="utf-8"))
    rows = document["results"]
    assert {r["benchmark"] for r in rows} == {
        "startup",
        "files",
        "seed",
        "audit",
        "roster",
        "verify",
        "queue",
        "activations",
        "booking",
        "daily_list",
        "statistics",
    }
    failed = [r for r in rows if r["status"] == "failed"]
    assert not failed, failed
    for row in rows:
        assert row["status"] in ("ok", "OVER LIMIT", "info", "skipped")
        if row["status"] != "skipped":
            assert row["value"] is not None
            assert row["value"] > 0 or row["unit"] == "MiB"  # a growth of memory may be < 0
    timed = [r for r in rows if r["limit"] is not None and r["unit"] == "s"]
    assert timed and all(r["baseline"] for r in timed)  # every limit has its baseline
    assert "demo seed --people 1,500" in proc.stdout  # the table is printed
