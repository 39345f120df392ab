"""``python -m benchmarks [--quick] [--only NAME] ...``: run, print a table, save JSON.

Exit status 0 when every figure is within its limit, 1 when one is over or a benchmark failed.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import sys
import tempfile
import traceback
from dataclasses import asdict, replace
from datetime import UTC, datetime
from pathlib import Path

from benchmarks import (
    bench_activations,
    bench_audit,
    bench_booking,
    bench_daily_list,
    bench_files,
    bench_queue,
    bench_roster,
    bench_seed,
    bench_startup,
    bench_statistics,
    bench_verify,
)
from benchmarks.common import FULL, PROJECT_ROOT, QUICK, Result, Sizes

NAMES = (
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
)
DEFAULT_RESULTS = PROJECT_ROOT / "benchmarks" / "results" / "latest.json"
DEFAULT_PG = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


def _parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="smaller sizes (a smoke run)")
    parser.add_argument(
        "--only",
        action="append",
        choices=NAMES,
        metavar="NAME",
        help=f"run only this benchmark (repeatable): {', '.join(NAMES)}",
    )
    parser.add_argument(
        "--people", type=int, help="people for 'files' and 'seed' (the memory run uses a tenth)"
    )
    parser.add_argument("--audit-records", type=int, help="audit records for 'audit'")
    parser.add_argument("--startup-runs", type=int, help="start-ups to take the median of")
    parser.add_argument(
        "--postgres",
        nargs="?",
        const=DEFAULT_PG,
        metavar="URL",
        help="also time the audit page on PostgreSQL (a temporary database on "
        f"this server; default {DEFAULT_PG})",
    )
    parser.add_argument(
        "--results", type=Path, default=DEFAULT_RESULTS, help="where to write the JSON results"
    )
    parser.add_argument("--keep", action="store_true", help="keep the work folder")
    return parser.parse_args(argv)


def _sizes(args: argparse.Namespace) -> Sizes:
    sizes = QUICK if args.quick else FULL
    if args.people is not None:
        sizes = replace(
            sizes,
            files_people=args.people,
            seed_people=args.people,
            seed_small_people=max(args.people // 10, 1),
        )
    if args.audit_records is not None:
        sizes = replace(sizes, audit_records=args.audit_records)
    if args.startup_runs is not None:
        sizes = replace(sizes, startup_runs=args.startup_runs)
    return sizes


def _format(value: float | None, unit: str) -> str:
    if value is None:
        return "-"
    if unit == "s" and value < 1:
        return f"{value * 1000:,.1f} ms"
    return f"{value:,.2f} {unit}" if unit == "s" else f"{value:,.1f} {unit}"


def _table(results: list[Result]) -> str:
    header = ("benchmark", "figure", "measured", "limit", "baseline", "x base", "status")
    rows = [header]
    for r in results:
        ratio = (
            f"{r.value / r.baseline:,.1f}x"
            if r.value is not None and r.baseline and r.unit == "s"
            else ""
        )
        rows.append(
            (
                r.benchmark,
                r.figure,
                _format(r.value, r.unit),
                _format(r.limit, r.unit),
                _format(r.baseline, r.unit),
                ratio,
                r.status,
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    lines = []
    for index, row in enumerate(rows):
        lines.append("  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)).rstrip())
        if index == 0:
            lines.append("  ".join("-" * w for w in widths))
    notes = [f"  {r.benchmark} / {r.figure}: {r.note}" for r in results if r.note]
    baselines = sorted(
        {f"  {r.benchmark}: baseline = {r.baseline_what}" for r in results if r.baseline_what}
    )
    return "\n".join([*lines, "", "baselines:", *baselines, "notes:", *notes])


def main(argv: list[str] | None = None) -> int:
    args = _parse(sys.argv[1:] if argv is None else argv)
    sizes = _sizes(args)
    selected = args.only or list(NAMES)
    workdir = Path(tempfile.mkdtemp(prefix="fc-admin-bench-"))
    results: list[Result] = []
    try:
        for name in NAMES:
            if name not in selected:
                continue
            print(f"running {name} ...", file=sys.stderr, flush=True)
            try:
                if name == "startup":
                    results += bench_startup.run(sizes, workdir)
                elif name == "files":
                    results += bench_files.run(sizes, workdir)
                elif name == "seed":
                    results += bench_seed.run(sizes, workdir)
                elif name == "roster":
                    results += bench_roster.run(sizes, workdir, args.postgres)
                elif name == "verify":
                    results += bench_verify.run(sizes, workdir, args.postgres)
                elif name == "queue":
                    results += bench_queue.run(sizes, workdir)
                elif name == "activations":
                    results += bench_activations.run(sizes, workdir, args.postgres)
                elif name == "booking":
                    results += bench_booking.run(sizes, workdir, args.postgres)
                elif name == "daily_list":
                    results += bench_daily_list.run(sizes, workdir, args.postgres)
                elif name == "statistics":
                    results += bench_statistics.run(sizes, workdir, args.postgres)
                else:
                    results += bench_audit.run(sizes, workdir, args.postgres)
            except Exception as exc:  # one broken benchmark must not hide the others
                traceback.print_exc()
                results.append(
                    Result(
                        name,
                        "(benchmark)",
                        None,
                        "",
                        status="failed",
                        note=f"{type(exc).__name__}: {exc}"[:500],
                    )
                )
    finally:
        if args.keep:
            print(f"work folder kept: {workdir}", file=sys.stderr)
        else:
            shutil.rmtree(workdir, ignore_errors=True)

    print(_table(results))
    document = {
        "generated_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "mode": "quick" if args.quick else "full",
        "sizes": asdict(sizes),
        "machine": {
            "python": sys.version.split()[0],
            "platform": platform.platform(),
            "processor": platform.processor() or platform.machine(),
            "cpus": os.cpu_count(),
        },
        "results": [r.as_json() for r in results],
    }
    args.results.parent.mkdir(parents=True, exist_ok=True)
    args.results.write_text(
        json.dumps(document, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    print(f"\nresults written to {args.results}", file=sys.stderr)
    return 1 if any(r.status in ("OVER LIMIT", "failed") for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
