"""``demo seed --people 600000`` on SQLite: limit 60 s; peak memory must not grow with people.

Each run is a fresh process, so its peak RSS is its own. Baselines: for time, inserting the same
number of roster-shaped rows with ``sqlite3.executemany`` into a table with the same indexes and
pragmas (the database's share); for memory, a process that imports the same code and creates the
schema but seeds nothing (the fixed cost of Python and SQLAlchemy). Seeding adds, once, the 64 MiB
working memory of the one Argon2id hash of the demo password (RFC 9106 low-memory parameters).

Peak RSS is the kernel's ``VmHWM`` of the worker process where available: on Linux
``getrusage().ru_maxrss`` carries the forking parent's peak over fork and exec.
"""

from __future__ import annotations

from pathlib import Path

from benchmarks.common import Result, Sizes, run_worker

NAME = "seed"
LIMIT_S = 60.0
LIMIT_PEOPLE = 600_000
# Our own criterion for "memory does not grow": ten times the people, at most this much more RSS.
RSS_GROWTH_LIMIT_MIB = 32.0


def run(sizes: Sizes, workdir: Path) -> list[Result]:
    big = run_worker(["seed", str(workdir / "seed-big.sqlite3"), str(sizes.seed_people), "1"])
    raw = run_worker(["seed-baseline", str(workdir / "seed-raw.sqlite3"), str(sizes.seed_people)])
    small = run_worker(
        ["seed", str(workdir / "seed-small.sqlite3"), str(sizes.seed_small_people), "1"]
    )
    idle = run_worker(["idle", str(workdir / "seed-idle.sqlite3")])

    # The limit is for 600,000 people; a smaller (quick) run only reports, with the time that
    # rate would give at 600,000 (fixed costs, such as one Argon2 hash, make that pessimistic).
    rate = big["people"] / big["seed_s"]
    limit: float | None = LIMIT_S
    scaled = ""
    if sizes.seed_people < LIMIT_PEOPLE:
        limit = None
        scaled = (
            f"; limit {LIMIT_S:.0f} s is for {LIMIT_PEOPLE:,} people, this rate would "
            f"take {LIMIT_PEOPLE / rate:,.1f} s"
        )
    return [
        Result(
            NAME,
            f"demo seed --people {sizes.seed_people:,} (SQLite)",
            big["seed_s"],
            "s",
            limit,
            raw["insert_s"],
            "sqlite3 executemany of as many roster rows, same indexes",
            note=(
                f"{rate:,.0f} people/s; {big['families']:,} families, "
                f"{big['applications']:,} applications, {big['audit_records']:,} audit records"
                f"{scaled}; schema upgrade {big['upgrade_s']:.2f} s not counted"
            ),
            details={"big": big, "raw": raw},
        ),
        Result(
            NAME,
            f"peak RSS, seed {sizes.seed_small_people:,} people",
            small["peak_rss_mib"],
            "MiB",
            baseline=idle["peak_rss_mib"],
            baseline_what="same imports and schema, no people",
            details={"small": small, "idle": idle},
        ),
        Result(
            NAME,
            f"peak RSS, seed {sizes.seed_people:,} people",
            big["peak_rss_mib"],
            "MiB",
            baseline=idle["peak_rss_mib"],
            baseline_what="same imports and schema, no people",
            note="about 64 MiB above the baseline: Argon2id's working memory for the one hash",
        ),
        Result(
            NAME,
            f"RSS growth {sizes.seed_small_people:,} -> {sizes.seed_people:,} people",
            big["peak_rss_mib"] - small["peak_rss_mib"],
            "MiB",
            RSS_GROWTH_LIMIT_MIB,
            note="limit is ours: memory must not grow with the number of people",
        ),
    ]
