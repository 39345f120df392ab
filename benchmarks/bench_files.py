"""``demo files --people N``: rosters, signed e-forms and the bookings feed (no limit given).

Baseline: writing the same number of files of the same sizes with plain ``write`` calls, i.e. the
file system's share of the time.
"""

from __future__ import annotations

from pathlib import Path

from benchmarks.common import Result, Sizes, run_worker

NAME = "files"


def run(sizes: Sizes, workdir: Path) -> list[Result]:
    target = workdir / "files"
    target.mkdir()
    outcome = run_worker(["files", str(target), str(sizes.files_people), "1"])
    mib = outcome["bytes"] / (1 << 20)
    return [
        Result(
            NAME,
            f"demo files --people {sizes.files_people:,}",
            outcome["write_s"],
            "s",
            baseline=outcome["baseline_s"],
            baseline_what="plain writes of the same files and bytes",
            note=(
                f"{outcome['files']:,} files, {mib:,.1f} MiB "
                f"({mib / outcome['write_s']:,.1f} MiB/s), {outcome['eforms']:,} e-forms, "
                f"{outcome['booking_rows']:,} feed rows"
            ),
            details=outcome,
        ),
        Result(
            NAME,
            f"peak RSS, demo files --people {sizes.files_people:,}",
            outcome["peak_rss_mib"],
            "MiB",
        ),
    ]
