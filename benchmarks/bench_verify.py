"""``fc-admin verify`` of 300,000 members (100,000 forms of three) on SQLite: limit 10 s.

The data: demo families (:mod:`fc_admin.demo.people`) on their sources' rosters, every family
applying once (:class:`fc_admin.demo.forms.FormMaker` with a share of 1, so the forms carry the
demo's slips: names in another order or mistyped, dates of birth off, unlisted new-borns), written
with Core bulk inserts in one transaction. Demo families are small (many pensioners and survivors
without dependants listed), so their forms average about two members: forms are added until there
are 300,000 members, which takes about 160,000 forms. The work is per member, so that is at least
as hard as 100,000 forms of three. One form in a hundred also lists a member of the form before
it, as somebody applying twice does (R2.4: the duplicates query has something to find).

Timed: ``VerificationService.verify`` as ``fc-admin verify`` runs it, one unit of work (the
streamed joined SELECT, the duplicates query, the rules in Python, the executemany UPDATE, the
audit record and the commit), on a new ``Database`` object.

Baselines, on a new ``sqlite3`` connection: the same joined SELECT in raw SQL fetching every row
(what reading alone costs), and an executemany UPDATE of as many members by id (what writing alone
costs). Their sum is the physical floor; the rest is the rules.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from benchmarks.common import FULL, Result, Sizes, stopwatch

NAME = "verify"
LIMIT_S = 10.0
FULL_MEMBERS = 300_000
_BATCH = 10_000
_SEED = 7
_REAPPLY_EVERY = 100  # one form in this many also lists a member of the form before it

_RAW_SELECT = """
SELECT m.id, a.form_id, m.hkid, m.name_en, m.name_zh, m.date_of_birth, m.category,
       m.relationship, m.principal_hkid, m.department,
       p.id, p.source_code, p.name_en, p.name_zh, p.date_of_birth, p.category, p.relationship,
       p.principal_hkid, p.child_status, p.status, pr.status
FROM application_member AS m
JOIN application AS a ON a.id = m.application_id
LEFT OUTER JOIN roster_person AS p
  ON p.hkid = m.hkid AND p.import_id IN (SELECT id FROM roster_import WHERE is_current = 1)
LEFT OUTER JOIN roster_person AS pr ON pr.import_id = p.import_id AND pr.hkid = p.principal_hkid
WHERE m.decision IS NULL OR m.decision = 'query'
ORDER BY m.id, p.id
"""


def members_for(sizes: Sizes) -> int:
    """300,000 members at full size, scaled with the seed size otherwise (a tenth when quick)."""
    return max(1, round(FULL_MEMBERS * sizes.seed_people / FULL.seed_people))


def build(db_url: str, wanted_members: int, as_of: date) -> dict[str, Any]:
    """Sources, one current roster each, and forms until ``wanted_members``; seconds, counts."""
    from fc_admin.db import Database
    from fc_admin.demo.forms import FormMaker
    from fc_admin.demo.people import FamilyGenerator
    from fc_admin.demo.sources import SOURCES
    from fc_admin.models import (
        Application,
        ApplicationMember,
        RosterImport,
        RosterPerson,
        RosterSource,
    )

    tables: dict[str, sa.Table] = {
        m.__tablename__: m.__table__  # type: ignore[misc]
        for m in (Application, ApplicationMember, RosterImport, RosterPerson, RosterSource)
    }
    now = datetime.combine(as_of, datetime.min.time(), tzinfo=UTC)
    db = Database(db_url)
    people = members = forms = pending_members = 0
    with stopwatch() as elapsed, db.write() as session:
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
                        "as_of_date": as_of,
                        "imported_at": now,
                        "imported_by": "benchmark",
                        "row_count": 0,
                        "counts_json": "{}",
                        "is_current": True,
                    }
                ],
            ).scalar_one()
        generator = FamilyGenerator(_SEED, as_of)
        maker = FormMaker(_SEED, as_of, share=1.0, in_person_share=0.25)
        roster: list[dict[str, Any]] = []
        applications: list[dict[str, Any]] = []
        form_members: list[list[dict[str, Any]]] = []
        previous: dict[str, Any] = {}

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

        while members + pending_members < wanted_members:
            number = forms
            forms += 1
            family = generator.family(number)
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
            form = maker.form_for(family)
            assert form is not None  # share 1: every family applies
            applications.append(
                {
                    "form_id": f"EF{as_of:%Y%m%d}-{number:06d}",
                    "channel": form.channel,
                    "submitted_at": now,
                    "received_date": as_of,
                    "notification_deadline": as_of,
                    "applicant_hkid": form.applicant_hkid,
                    "applicant_email": form.applicant_email,
                    "applicant_mobile": form.applicant_mobile,
                    "clinic_code": None,
                    "keyed_by": None,
                    "signature_key_id": None,
                    "status": "OPEN",
                    "assigned_to": None,
                    "imported_at": now,
                    "version": 1,
                }
            )
            rows = [
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
            # Now and then somebody applies again on a new form (R2.4: DUPLICATE).
            if number % _REAPPLY_EVERY == _REAPPLY_EVERY - 1 and previous and len(rows) < 6:
                rows.append({**previous, "position": len(rows) + 1})
            previous = dict(rows[-1])
            form_members.append(rows)
            pending_members += len(rows)
            if len(roster) >= _BATCH:
                session.execute(sa.insert(tables["roster_person"]), roster)
                roster.clear()
            if len(applications) >= _BATCH // 3:
                members += flush_applications()
                pending_members = 0
        if roster:
            session.execute(sa.insert(tables["roster_person"]), roster)
        members += flush_applications()
    db.dispose()
    return {"build_s": elapsed(), "forms": forms, "members": members, "roster_people": people}


def verify_once(db_url: str, at: datetime) -> dict[str, Any]:
    """``fc-admin verify`` as an operator, on a new Database object; seconds and outcomes."""
    from fc_admin.db import Database
    from fc_admin.services.actor import Actor
    from fc_admin.services.clock import FixedClock
    from fc_admin.services.verification import VerificationService, outcome_counts

    db = Database(db_url)
    try:
        service = VerificationService(db, FixedClock(at))
        with stopwatch() as elapsed:
            results = service.verify(Actor("cli:benchmark", None), at)
        return {"verify_s": elapsed(), "members": len(results), "outcomes": outcome_counts(results)}
    finally:
        db.dispose()


def raw_select_sqlite(path: Path) -> tuple[float, int]:
    import sqlite3

    with stopwatch() as elapsed:
        conn = sqlite3.connect(path)
        rows = conn.execute(_RAW_SELECT).fetchall()
        conn.close()
    return elapsed(), len(rows)


def raw_update_sqlite(path: Path) -> float:
    """As many single-row UPDATEs by id as there are members, one transaction, rolled back."""
    import sqlite3

    conn = sqlite3.connect(path, isolation_level=None)
    ids = [row[0] for row in conn.execute("SELECT id FROM application_member")]
    params = [("ELIGIBLE", "[]", 1.0, "2025-01-08 02:00:00.000000", i) for i in ids]
    with stopwatch() as elapsed:
        conn.execute("BEGIN IMMEDIATE")
        conn.executemany(
            "UPDATE application_member SET outcome = ?, outcome_reasons = ?, "
            "name_similarity = ?, verified_at = ?, version = version + 1 WHERE id = ?",
            params,
        )
    conn.execute("ROLLBACK")
    conn.close()
    return elapsed()


def raw_select_postgres(url: str) -> tuple[float, int]:
    import psycopg

    dsn = sa.make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
    with stopwatch() as elapsed, psycopg.connect(dsn) as conn:
        rows = conn.execute(_RAW_SELECT.replace("is_current = 1", "is_current")).fetchall()
    return elapsed(), len(rows)


def _measure(
    label: str,
    url: str,
    wanted: int,
    raw_select: Callable[[], tuple[float, int]],
    raw_update: Callable[[], float] | None,
    limit: float | None,
) -> list[Result]:
    as_of = date(2025, 1, 8)
    at = datetime(2025, 1, 8, 2, 0, tzinfo=UTC)  # 10:00 in Hong Kong
    built = build(url, wanted, as_of)
    forms = built["forms"]
    select_s, selected = raw_select()
    update_s = raw_update() if raw_update is not None else None
    run = verify_once(url, at)
    rate = run["members"] / run["verify_s"]
    counts = ", ".join(f"{k} {v:,}" for k, v in run["outcomes"].items() if v)
    scaled = ""
    if run["members"] < FULL_MEMBERS:
        scaled = (
            f"; limit {LIMIT_S:.0f} s is for {FULL_MEMBERS:,} members, this rate would "
            f"take {FULL_MEMBERS / rate:,.1f} s"
        )
    floor = select_s + (update_s or 0.0)
    results = [
        Result(
            NAME,
            f"{label}: build {forms:,} forms, {built['members']:,} members (set-up)",
            built["build_s"],
            "s",
            note=f"{built['roster_people']:,} roster rows",
        ),
        Result(
            NAME,
            f"{label}: verify {forms:,} forms ({run['members']:,} members)",
            run["verify_s"],
            "s",
            limit,
            select_s,
            "raw joined SELECT of every waiting member with its roster rows, all rows fetched",
            note=f"{rate:,.0f} members/s; {counts}{scaled}",
            details={
                "build": built,
                "run": run,
                "raw_select_rows": selected,
                "raw_update_s": update_s,
            },
        ),
    ]
    if update_s is not None:
        results.append(
            Result(
                NAME,
                f"{label}: physical floor (raw SELECT + raw executemany UPDATE)",
                floor,
                "s",
                note=f"SELECT {select_s:.2f} s + UPDATE {update_s:.2f} s; "
                f"verify is {run['verify_s'] / floor:.1f}x the floor",
            )
        )
    return results


def run(sizes: Sizes, workdir: Path, postgres_url: str | None = None) -> list[Result]:
    from fc_admin.db import Database
    from fc_admin.schema import upgrade

    wanted = members_for(sizes)
    limit = LIMIT_S if wanted >= FULL_MEMBERS else None
    path = workdir / "verify.sqlite3"
    url = f"sqlite:///{path}"
    db = Database(url)
    upgrade(db)
    db.dispose()
    results = _measure(
        "SQLite",
        url,
        wanted,
        lambda: raw_select_sqlite(path),
        lambda: raw_update_sqlite(path),
        limit,
    )
    if postgres_url:
        results += _run_postgres(postgres_url, wanted)
    return results


def _run_postgres(server_url: str, wanted: int) -> list[Result]:
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

        def analysed_select() -> tuple[float, int]:
            analyse = sa.create_engine(url, isolation_level="AUTOCOMMIT")
            with analyse.connect() as conn:
                conn.exec_driver_sql("ANALYZE")
            analyse.dispose()
            return raw_select_postgres(url)

        return _measure("PostgreSQL", url, wanted, analysed_select, None, None)
    finally:
        with admin.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()


if __name__ == "__main__":  # python -m benchmarks.bench_verify [MEMBERS [POSTGRES_URL]]
    import sys
    import tempfile
    from dataclasses import replace

    wanted = int(sys.argv[1]) if len(sys.argv) > 1 else FULL_MEMBERS
    people = round(wanted * FULL.seed_people / FULL_MEMBERS)
    pg = sys.argv[2] if len(sys.argv) > 2 else None
    with tempfile.TemporaryDirectory(prefix="fc-admin-bench-verify-") as folder:
        for result in run(replace(FULL, seed_people=people), Path(folder), pg):
            shown = f"{result.value:,.2f} {result.unit}" if result.value is not None else "-"
            print(
                f"{result.figure}: {shown} (limit {result.limit}, baseline {result.baseline}) "
                f"{result.note}"
            )
