"""The application queue with 100,000 forms on SQLite: first page <= 150 ms; a filter or sort
change <= 200 ms.

The data: demo families (:mod:`fc_admin.demo.people`) on their sources' current rosters, and
100,000 forms (:class:`fc_admin.demo.forms.FormMaker`, with the demo's slips and repeated forms)
of families of two or more (most single pensioners are left out, so the forms average about two
and a half members: about 250,000 members). Forms were received over the past 30 days, the
deadline of each from the working calendar (R4.2); older forms are mostly done, most forms are
assigned to an officer. Every member is verified by ``VerificationService`` (every outcome of
R3.2 is present), written with Core bulk inserts in one transaction.

Timed, as the queue page does it, median of ``query_runs``:

- first page: ``ApplicationService.page`` (first 100 by deadline) + ``count`` + ``counts`` (the
  header's figures), cold (a new ``Database`` object each run) and warm (one kept);
- a filter change (page + count, warm): outcome ``REVIEW``; risk at risk or overdue (R4.3);
  one department; a search by name (text);
- a sort change (page + count, warm): received date, newest first.

Baseline, in the same run: the raw ``SELECT * FROM application ORDER BY notification_deadline, id
LIMIT 100`` through ``sqlite3`` on a new connection (what reading a page alone costs).

The plans of the page and count queries (SQLite's ``EXPLAIN QUERY PLAN``) are in the JSON details
of every figure. For a figure over its limit the note says why (the plans) and what would fix it:
the time with each candidate index, and with all of them, created ad hoc in the benchmark's
database (never in the schema: that is the migrations' job), and, for a filter on the members, the
count written as a semi-join in raw SQL (what a change of the query would give instead).

Sizes: 100,000 forms at the full size; scaled with ``--people`` otherwise (a tenth when quick), and
the limits apply to the full size only.
"""

from __future__ import annotations

import random
import time as time_module
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from benchmarks.common import FULL, Result, Sizes, median, stopwatch

NAME = "queue"
LIMIT_FIRST_S = 0.150
LIMIT_CHANGE_S = 0.200
FULL_FORMS = 100_000
PAGE = 100
_SEED = 11
_BATCH = 10_000
_RECEIVED_OVER_DAYS = 30
_PAIR_SHARE = 0.75  # of two-member forms kept (with no single-member forms: ~2.5 a form)
_OFFICERS = ("verifier.wong", "verifier.cheung", "verifier.lam", "supervisor.ho")
_NOW = datetime(2025, 3, 14, 2, 0, tzinfo=UTC)  # Friday 14 March 2025, 10:00 in Hong Kong
DEPARTMENT = "HKPF"  # the largest department
NAME_SEARCH = "chan, ka"  # a common surname and given syllable, as an officer types it

_RAW_PAGE = f"SELECT * FROM application ORDER BY notification_deadline, id LIMIT {PAGE}"


def forms_for(sizes: Sizes) -> int:
    """100,000 forms at full size, scaled with the seed size otherwise (a tenth when quick)."""
    return max(50, round(FULL_FORMS * sizes.seed_people / FULL.seed_people))


# --- the data -------------------------------------------------------------------------------------
def build(db_url: str, wanted_forms: int, now: datetime) -> dict[str, Any]:
    """Rosters, ``wanted_forms`` forms with their members, statuses and assignments; then every
    member verified. Seconds and counts."""
    from fc_admin.db import Database
    from fc_admin.demo.forms import FormMaker
    from fc_admin.demo.people import FamilyGenerator
    from fc_admin.demo.sources import SOURCES
    from fc_admin.domain.calendar import WorkingCalendar
    from fc_admin.domain.deadlines import notification_deadline
    from fc_admin.domain.hktime import HONG_KONG, hk_date
    from fc_admin.models import (
        Application,
        ApplicationMember,
        Clinic,
        RosterImport,
        RosterPerson,
        RosterSource,
    )
    from fc_admin.services.actor import Actor
    from fc_admin.services.clock import FixedClock
    from fc_admin.services.verification import VerificationService

    tables: dict[str, sa.Table] = {
        m.__tablename__: m.__table__  # type: ignore[misc]
        for m in (Application, ApplicationMember, RosterImport, RosterPerson, RosterSource)
    }
    today = hk_date(now)
    calendar = WorkingCalendar()
    deadlines: dict[date, date] = {}
    elapsed_days: dict[date, int] = {}
    rng = random.Random(f"fc-admin-bench-queue:{_SEED}")
    db = Database(db_url)
    people = members = forms = 0
    with stopwatch() as build_s, db.write() as session:
        clinics = sorted(session.execute(sa.select(Clinic.code)).scalars())
        session.execute(
            sa.insert(tables["roster_source"]),
            [
                {
                    "code": s.code,
                    "name_en": s.name_en,
                    "name_zh": s.name_zh,
                    "is_pensions": s.is_pensions,
                }
                for s in SOURCES
            ],
        )
        import_ids: dict[str, int] = {}
        for s in SOURCES:
            import_ids[s.code] = session.execute(
                sa.insert(tables["roster_import"]).returning(tables["roster_import"].c.id),
                [
                    {
                        "source_code": s.code,
                        "file_name": f"{s.code}.csv",
                        "as_of_date": today,
                        "imported_at": now,
                        "imported_by": "benchmark",
                        "row_count": 0,
                        "counts_json": "{}",
                        "is_current": True,
                    }
                ],
            ).scalar_one()
        generator = FamilyGenerator(_SEED, today)
        maker = FormMaker(_SEED, today, share=1.0, in_person_share=0.25)
        roster: list[dict[str, Any]] = []
        applications: list[dict[str, Any]] = []
        form_members: list[list[dict[str, Any]]] = []

        def flush_applications() -> int:
            if not applications:
                return 0
            table = tables["application"]
            ids = (
                session.execute(
                    sa.insert(table).returning(table.c.id, sort_by_parameter_order=True),
                    applications,
                )
                .scalars()
                .all()
            )
            rows = []
            for app_id, app_members in zip(ids, form_members, strict=True):
                for row in app_members:
                    row["application_id"] = app_id
                    rows.append(row)
            session.execute(sa.insert(tables["application_member"]), rows)
            applications.clear()
            form_members.clear()
            return len(rows)

        number = 0
        while forms < wanted_forms:
            family = generator.family(number)
            number += 1
            for p in family.members:
                roster.append(
                    {
                        "import_id": import_ids[family.source],
                        "source_code": p.source,
                        "staff_no": p.staff_no,
                        "hkid": p.hkid,
                        "name_en": p.name.en,
                        "name_zh": p.name.zh,
                        "date_of_birth": p.date_of_birth,
                        "category": p.category,
                        "relationship": p.relationship,
                        "principal_hkid": p.principal_hkid,
                        "child_status": p.child_status,
                        "status": p.status,
                        "status_date": p.status_date,
                    }
                )
            people += len(family.members)
            first: datetime | None = None
            for form in maker.forms_for(family):
                size = len(form.members)
                if not form.repeat and (size == 1 or (size == 2 and rng.random() > _PAIR_SHARE)):
                    break  # this family is not among the forms (nor its later form)
                if forms >= wanted_forms:
                    break
                forms += 1
                if first is None:
                    day = today - timedelta(days=int(rng.random() ** 1.5 * _RECEIVED_OVER_DAYS))
                else:
                    day = min(hk_date(first) + timedelta(days=1 + int(rng.random() * 5)), today)
                minute = 8 * 60 + int(rng.random() * 15 * 60)
                submitted = datetime.combine(
                    day, time(minute // 60, minute % 60), tzinfo=HONG_KONG
                ).astimezone(UTC)
                submitted = min(submitted, now)
                first = first or submitted
                received = hk_date(submitted)
                if received not in deadlines:
                    deadlines[received] = notification_deadline(received, calendar)
                    elapsed_days[received] = calendar.working_days_between(received, today)
                elapsed = elapsed_days[received]
                done_share = 0.9 if elapsed >= 10 else 0.5 if elapsed >= 5 else 0.1
                done = rng.random() < done_share
                assigned = done or rng.random() < 0.8
                paper = form.channel == "in_person"
                applications.append(
                    {
                        "form_id": f"{'PF' if paper else 'EF'}{received:%Y%m%d}-{forms:06d}",
                        "channel": form.channel,
                        "submitted_at": submitted,
                        "received_date": received,
                        "notification_deadline": deadlines[received],
                        "applicant_hkid": form.applicant_hkid,
                        "applicant_email": form.applicant_email,
                        "applicant_mobile": form.applicant_mobile,
                        "clinic_code": clinics[forms % len(clinics)] if paper and clinics else None,
                        "keyed_by": "clerk.chan" if paper else None,
                        "signature_key_id": None if paper else "eform-demo-11",
                        "status": "DONE" if done else "OPEN",
                        "assigned_to": _OFFICERS[forms % len(_OFFICERS)] if assigned else None,
                        "imported_at": submitted,
                        "version": 1,
                    }
                )
                form_members.append(
                    [
                        {
                            "position": position,
                            "hkid": m.hkid,
                            "name_en": m.name_en,
                            "name_zh": m.name_zh,
                            "date_of_birth": m.date_of_birth,
                            "category": m.category,
                            "relationship": m.relationship,
                            "principal_hkid": m.principal_hkid,
                            "department": m.department,
                            "staff_no": m.staff_no,
                            "email": m.email,
                            "child_status": m.child_status,
                            "outcome": None,
                            "outcome_reasons": "[]",
                            "name_similarity": None,
                            "verified_at": None,
                            "decision": None,
                            "decision_reason": None,
                            "decision_note": None,
                            "decided_by": None,
                            "decided_at": None,
                            "version": 1,
                        }
                        for position, m in enumerate(form.members, start=1)
                    ]
                )
            if len(roster) >= _BATCH:
                session.execute(sa.insert(tables["roster_person"]), roster)
                roster.clear()
            if len(applications) >= _BATCH // 3:
                members += flush_applications()
        if roster:
            session.execute(sa.insert(tables["roster_person"]), roster)
        members += flush_applications()
    with stopwatch() as verify_s:
        results = VerificationService(db, FixedClock(now)).verify(Actor("cli:benchmark", None))
    with stopwatch() as decide_s, db.write() as session:
        # The members of the forms done were decided (approved, as most are).
        application = tables["application"]
        member = tables["application_member"]
        session.execute(
            sa.update(member)
            .where(
                member.c.application_id.in_(
                    sa.select(application.c.id).where(application.c.status == "DONE")
                )
            )
            .values(decision="approve", decided_by="verifier.wong", decided_at=now)
        )
    db.dispose()
    outcomes: dict[str, int] = {}
    for r in results:
        outcomes[str(r.outcome)] = outcomes.get(str(r.outcome), 0) + 1
    return {
        "build_s": build_s() + verify_s() + decide_s(),
        "insert_s": build_s(),
        "verify_s": verify_s(),
        "forms": forms,
        "members": members,
        "roster_people": people,
        "outcomes": outcomes,
    }


# --- the measurements ----------------------------------------------------------------------------
Index = tuple[str, str]  # (table, columns) of an index tried ad hoc
_DEADLINE_INDEX: Index = ("application", "notification_deadline, id")
_SEMI_JOIN = (
    "SELECT count(*) FROM application WHERE id IN "
    "(SELECT application_id FROM application_member WHERE {where})"
)


@dataclass(frozen=True)
class Case:
    label: str
    flt: Any  # a QueueFilter
    # Indexes to try when the figure is over its limit: each alone, then all together.
    candidates: tuple[Index, ...] = ()
    # The count written as a semi-join (raw SQL and parameters), timed too when over the limit:
    # what a change of the query, rather than an index, would give.
    semi_join: tuple[str, tuple[Any, ...]] | None = None


def _cases() -> list[Case]:
    from fc_admin.services.applications import QueueFilter, RiskFilter, SortKey

    return [
        Case(
            "filter: outcome REVIEW",
            QueueFilter(outcome="REVIEW"),
            (_DEADLINE_INDEX, ("application_member", "outcome, application_id")),
            (_SEMI_JOIN.format(where="outcome = ?"), ("REVIEW",)),
        ),
        Case(
            "filter: at risk or overdue",
            QueueFilter(risk=RiskFilter.AT_RISK_OR_OVERDUE),
            (_DEADLINE_INDEX,),
        ),
        Case(
            f"filter: department {DEPARTMENT}",
            QueueFilter(department=DEPARTMENT),
            (_DEADLINE_INDEX, ("application_member", "department, application_id")),
            (_SEMI_JOIN.format(where="department = ?"), (DEPARTMENT,)),
        ),
        Case(
            f"filter: name search '{NAME_SEARCH}'",
            QueueFilter(text=NAME_SEARCH),
            (_DEADLINE_INDEX, ("application_member", "application_id, name_en, name_zh")),
            (
                "SELECT count(*) FROM application WHERE lower(form_id) LIKE ? OR id IN "
                "(SELECT application_id FROM application_member "
                "WHERE lower(name_en) LIKE ? OR name_zh LIKE ?)",
                (f"%{NAME_SEARCH}%",) * 3,
            ),
        ),
        Case(
            "sort: received, newest first",
            QueueFilter(sort=SortKey.RECEIVED, descending=True),
            (("application", "received_date, id"),),
        ),
    ]


@dataclass(frozen=True)
class Timing:
    total: float
    page: float
    count: float
    counts: float
    rows: int
    matching: int


class _Queue:
    """The queue as the page uses it: one kept Database (warm), or a new one per run (cold)."""

    def __init__(self, url: str, now: datetime) -> None:
        from fc_admin.db import Database
        from fc_admin.domain.roles import Role
        from fc_admin.services.actor import Actor
        from fc_admin.services.clock import FixedClock

        self.url = url
        self.clock = FixedClock(now)
        self.actor = Actor("verifier.bench", Role.VERIFIER, None, "Benchmark")
        self.kept = Database(url)

    def _once(self, db: object, flt: Any, with_counts: bool) -> Timing:
        """``page`` (first 100) + ``count`` (+ ``counts``), on a new ApplicationService."""
        from fc_admin.db import Database
        from fc_admin.services.applications import ApplicationService

        assert isinstance(db, Database)
        start = time_module.perf_counter()
        service = ApplicationService(db, self.clock)
        rows = service.page(self.actor, flt, 0, PAGE)
        paged = time_module.perf_counter()
        total = service.count(self.actor, flt)
        counted = time_module.perf_counter()
        if with_counts:
            service.counts(self.actor)
        end = time_module.perf_counter()
        assert len(rows) == min(PAGE, total)
        counts = end - counted if with_counts else 0.0
        return Timing(end - start, paged - start, counted - paged, counts, len(rows), total)

    def cold(self, flt: Any) -> Timing:
        from fc_admin.db import Database

        fresh = Database(self.url)
        try:
            return self._once(fresh, flt, True)
        finally:
            fresh.dispose()

    def warm(self, flt: Any, with_counts: bool) -> Timing:
        return self._once(self.kept, flt, with_counts)

    def statements(self, flt: Any) -> dict[str, tuple[str, tuple[Any, ...]]]:
        """The queue's own queries of a page + count with ``flt`` (recorded as they went to the
        driver, with their parameters): ``page``, ``members`` and ``count``."""
        recorded: list[tuple[str, tuple[Any, ...]]] = []

        def record(
            _conn: Any, _cursor: Any, statement: str, parameters: Any, _ctx: Any, _many: bool
        ) -> None:
            recorded.append((statement, tuple(parameters or ())))

        sa.event.listen(self.kept.engine, "before_cursor_execute", record)
        try:
            self.warm(flt, False)
        finally:
            sa.event.remove(self.kept.engine, "before_cursor_execute", record)
        found: dict[str, tuple[str, tuple[Any, ...]]] = {}
        for statement, parameters in recorded:
            text = " ".join(statement.split())
            if text.startswith("SELECT count(*)") and "FROM application" in text:
                found["count"] = (statement, parameters)
            elif text.startswith("SELECT application.") and "LIMIT" in text:
                found["page"] = (statement, parameters)
            elif text.startswith("SELECT application_member."):
                found["members"] = (statement, parameters)
        return found

    def close(self) -> None:
        self.kept.dispose()


def _plans(path: Path, statements: dict[str, tuple[str, tuple[Any, ...]]]) -> dict[str, list[str]]:
    """SQLite's EXPLAIN QUERY PLAN of each statement."""
    import sqlite3

    conn = sqlite3.connect(path)
    try:
        return {
            name: [row[3] for row in conn.execute(f"EXPLAIN QUERY PLAN {sql}", params)]
            for name, (sql, params) in statements.items()
        }
    finally:
        conn.close()


def _raw_page(path: Path) -> float:
    import sqlite3

    with stopwatch() as elapsed:
        conn = sqlite3.connect(path)
        rows = conn.execute(_RAW_PAGE).fetchall()
        conn.close()
    assert len(rows) <= PAGE
    return elapsed()


def _with_indexes(path: Path, indexes: tuple[Index, ...], measure: Callable[[], float]) -> float:
    """``measure()`` with ``indexes`` created ad hoc (and ANALYZE run), then dropped again."""
    import sqlite3

    names = []
    conn = sqlite3.connect(path)
    for table, columns in indexes:
        name = f"ix_bench_{table}_" + "_".join(c.strip() for c in columns.split(","))
        conn.execute(f"CREATE INDEX {name} ON {table} ({columns})")
        names.append(name)
    conn.execute("ANALYZE")
    conn.commit()
    conn.close()
    try:
        return measure()
    finally:
        conn = sqlite3.connect(path)
        for name in names:
            conn.execute(f"DROP INDEX {name}")
        conn.execute("DROP TABLE IF EXISTS sqlite_stat1")
        conn.commit()
        conn.close()


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:,.1f} ms"


def _split(timings: list[Timing]) -> str:
    page = median([t.page for t in timings])
    count = median([t.count for t in timings])
    text = f"page {_ms(page)} + count {_ms(count)}"
    if any(t.counts for t in timings):
        text += f" + counts {_ms(median([t.counts for t in timings]))}"
    return text


def _raw_count(path: Path, sql: str, params: tuple[Any, ...]) -> float:
    import sqlite3

    conn = sqlite3.connect(path)
    try:
        with stopwatch() as elapsed:
            conn.execute(sql, params).fetchone()
        return elapsed()
    finally:
        conn.close()


def _explain_if_over(
    result: Result,
    path: Path,
    plans: dict[str, list[str]],
    candidates: tuple[Index, ...],
    once: Callable[[], float],
    runs: int,
    semi_join: tuple[str, tuple[Any, ...]] | None = None,
) -> Result:
    """For a figure over its limit: the plans (why), and the time with each candidate index and
    with all of them, created ad hoc in the benchmark's database (what would fix it)."""
    if result.status != "OVER LIMIT" or result.value is None:
        return result
    value = result.value
    why = "; ".join(f"{name}: {' / '.join(steps)}" for name, steps in plans.items())
    tried: list[tuple[Index, ...]] = [(index,) for index in candidates]
    if len(candidates) > 1:
        tried.append(candidates)
    gains = []
    for indexes in tried:
        with_index = _with_indexes(path, indexes, lambda: median([once() for _ in range(runs)]))
        what = " + ".join(f"{table} ({columns})" for table, columns in indexes)
        gains.append({"indexes": [list(i) for i in indexes], "with_index_s": with_index})
        result.note += f"; with index {what}: {_ms(with_index)} ({value / with_index:.1f}x)"
    if semi_join is not None:
        sql, params = semi_join
        plain = median([_raw_count(path, sql, params) for _ in range(runs)])
        indexed = _with_indexes(
            path, candidates, lambda: median([_raw_count(path, sql, params) for _ in range(runs)])
        )
        result.note += (
            f"; the count as a semi-join (raw SQL '{sql}'): {_ms(plain)}, with all the indexes "
            f"above {_ms(indexed)}"
        )
        result.details["semi_join"] = {"sql": sql, "s": plain, "with_indexes_s": indexed}
    result.note += f"; plans: {why}"
    result.details["indexes_tried"] = gains
    return result


def run(sizes: Sizes, workdir: Path) -> list[Result]:
    from fc_admin.db import Database
    from fc_admin.schema import upgrade
    from fc_admin.services.applications import QueueFilter

    wanted = forms_for(sizes)
    full = wanted >= FULL_FORMS
    path = workdir / "queue.sqlite3"
    url = f"sqlite:///{path}"
    db = Database(url)
    upgrade(db)
    db.dispose()
    built = build(url, wanted, _NOW)
    forms = built["forms"]
    outcomes = ", ".join(f"{k} {v:,}" for k, v in sorted(built["outcomes"].items()))
    results = [
        Result(
            NAME,
            f"SQLite: build {forms:,} forms, {built['members']:,} members (set-up)",
            built["build_s"],
            "s",
            note=(
                f"{built['roster_people']:,} roster rows; inserts {built['insert_s']:.1f} s, "
                f"verification {built['verify_s']:.1f} s; outcomes {outcomes}"
            ),
        )
    ]
    runs = sizes.query_runs
    baseline = median([_raw_page(path) for _ in range(runs)])
    baseline_what = f"raw '{_RAW_PAGE}' through sqlite3, new connection"
    queue = _Queue(url, _NOW)
    try:
        first = QueueFilter()
        plans = _plans(path, queue.statements(first))
        cold = [queue.cold(first) for _ in range(runs)]
        queue.warm(first, True)  # the kept Database's first use
        warm = [queue.warm(first, True) for _ in range(runs)]
        for label, timings in (("cold", cold), ("warm", warm)):
            fresh = label == "cold"

            def first_again(fresh: bool = fresh) -> float:
                return (queue.cold(first) if fresh else queue.warm(first, True)).total

            result = Result(
                NAME,
                f"SQLite: first page + count + counts, {timings[0].matching:,} forms, {label}",
                median([t.total for t in timings]),
                "s",
                LIMIT_FIRST_S if full else None,
                baseline,
                baseline_what,
                note=("new Database object each run; " if fresh else "") + _split(timings),
                details={"runs_s": [t.total for t in timings], "plans": plans},
            )
            results.append(
                _explain_if_over(result, path, plans, (_DEADLINE_INDEX,), first_again, runs)
            )
        for case in _cases():
            plans = _plans(path, queue.statements(case.flt))
            queue.warm(case.flt, False)  # the statement's first compile
            timings = [queue.warm(case.flt, False) for _ in range(runs)]

            def again(flt: Any = case.flt) -> float:
                return queue.warm(flt, False).total

            result = Result(
                NAME,
                f"SQLite: {case.label}, page + count, warm",
                median([t.total for t in timings]),
                "s",
                LIMIT_CHANGE_S if full else None,
                baseline,
                baseline_what,
                note=f"{timings[0].matching:,} forms match; {_split(timings)}",
                details={"runs_s": [t.total for t in timings], "plans": plans},
            )
            results.append(
                _explain_if_over(result, path, plans, case.candidates, again, runs, case.semi_join)
            )
    finally:
        queue.close()
    return results


if __name__ == "__main__":  # python -m benchmarks.bench_queue [FORMS]
    import sys
    import tempfile
    from dataclasses import replace

    wanted_forms = int(sys.argv[1]) if len(sys.argv) > 1 else FULL_FORMS
    people = round(wanted_forms * FULL.seed_people / FULL_FORMS)
    with tempfile.TemporaryDirectory(prefix="fc-admin-bench-queue-") as folder:
        for r in run(replace(FULL, seed_people=people), Path(folder)):
            shown = f"{r.value * 1000:,.1f} ms" if r.value is not None and r.unit == "s" else "-"
            print(f"{r.figure}: {shown} (limit {r.limit}, baseline {r.baseline}) {r.note}")
