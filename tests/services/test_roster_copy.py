"""R3.1 / F1 on PostgreSQL: the rows go in by COPY and are stored as the SQLite path stores them."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from fc_admin.db import Database
from fc_admin.exchange.errors import FileRejected
from fc_admin.exchange.roster_csv import read_roster
from fc_admin.models import RosterImport, RosterPerson
from fc_admin.services import roster_load
from fc_admin.services.clock import FixedClock
from fc_admin.services.rosters import RosterService
from tests.conftest import NOW
from tests.services.test_rosters import CLERK, HEADER, family_rows, hkid, write_csv

_COLUMNS = (
    RosterPerson.hkid,
    RosterPerson.source_code,
    RosterPerson.staff_no,
    RosterPerson.name_en,
    RosterPerson.name_zh,
    RosterPerson.date_of_birth,
    RosterPerson.category,
    RosterPerson.relationship,
    RosterPerson.principal_hkid,
    RosterPerson.child_status,
    RosterPerson.status,
    RosterPerson.status_date,
)


@pytest.fixture
def pg_db(pg_url: str) -> Iterator[Database]:
    db = Database(pg_url)
    yield db
    db.dispose()


def _odd_families(source: str) -> list[str]:
    """Families whose values a bulk path could get wrong: HKSCS, escapes, NULLs, dates."""
    lines = []
    for n in range(5):
        principal = hkid("K", 500_000 + 3 * n)
        spouse = hkid("M", 500_001 + 3 * n)
        child = hkid("R", 500_002 + 3 * n)
        lines += [
            f'{source},DH-{n:02d},{principal},"O\'NEIL {n}, ""Jr"" \\ back\tslash",梁綫𨋢,'
            f"1975-05-0{n + 1},officer,self,{principal},,active,2024-12-3{n % 2}",
            f'{source},,{spouse},"LINE {n},\nBREAK",,03/02/1977,dependant,spouse,{principal},,'
            "inactive,",
            f'{source},,{child},"=1+1, \\N {n}",NULL,2006-01-0{n + 1},dependant,child,'
            f"{principal},{'infirm' if n % 2 else 'fte'},active,",
        ]
    return lines


def _stored(db: Database, source: str) -> list[tuple[Any, ...]]:
    with db.read() as session:
        current = session.execute(
            sa.select(RosterImport.id).where(
                RosterImport.source_code == source, RosterImport.is_current.is_(True)
            )
        ).scalar_one()
        rows = session.execute(
            sa.select(*_COLUMNS)
            .where(RosterPerson.import_id == current)
            .order_by(RosterPerson.hkid)
        ).all()
    return [tuple(row) for row in rows]


@pytest.mark.postgres
def test_r3_1_postgresql_copy_stores_what_sqlite_stores(
    sqlite_db: Database,
    pg_db: Database,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Runs of one chunk (5,000 rows): several COPY statements, each sorted by HKID.
    monkeypatch.setattr(roster_load, "RUN_CHARS", 1)
    copies: list[int] = []
    copy_run = roster_load._PostgresSink._copy

    def counting_copy(self: Any, rows: list[Any]) -> None:
        copies.append(len(rows))
        copy_run(self, rows)

    monkeypatch.setattr(roster_load._PostgresSink, "_copy", counting_copy)
    lines = [HEADER, *family_rows("DH", 1, 4000), *_odd_families("DH")]
    path = write_csv(tmp_path / "DH.csv", lines)

    sqlite_result = RosterService(sqlite_db, FixedClock(NOW)).import_roster(CLERK, path, "DH")
    assert copies == []
    pg_result = RosterService(pg_db, FixedClock(NOW)).import_roster(CLERK, path, "DH")
    assert sqlite_result.rows == pg_result.rows == 12_015
    assert copies == [5000, 5000, 2015]

    on_sqlite = _stored(sqlite_db, "DH")
    on_postgres = _stored(pg_db, "DH")
    assert len(on_postgres) == 12_015
    assert on_postgres == on_sqlite

    # And both are what the reader checked, value for value (dates as dates, empty as None).
    reader = read_roster(path, "DH")
    expected = sorted(
        (
            row[2],
            row[0],
            row[1],
            row[3],
            row[4],
            date.fromisoformat(row[5]),
            row[6],
            row[7],
            row[8],
            row[9],
            row[10],
            date.fromisoformat(row[11]) if row[11] is not None else None,
        )
        for chunk in reader.values()
        for row in chunk
    )
    assert on_postgres == expected

    by_hkid = {row[0]: row for row in on_postgres}
    first = by_hkid[hkid("K", 500_000)]
    assert first[3] == 'O\'NEIL 0, "Jr" \\ back\tslash'
    assert first[4] == "梁綫𨋢"
    assert first[9] is None and first[11] == date(2024, 12, 30)
    spouse = by_hkid[hkid("M", 500_001)]
    assert (spouse[2], spouse[3], spouse[4], spouse[5]) == (
        None,
        "LINE 0,\nBREAK",
        "",
        date(1977, 2, 3),
    )
    child = by_hkid[hkid("R", 500_002)]
    assert (child[3], child[4], child[9], child[11]) == ("=1+1, \\N 0", "NULL", "fte", None)


@pytest.mark.postgres
def test_r3_1_postgresql_copy_replaces_and_refuses_atomically(
    pg_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A refused file after COPY runs went in leaves the previous roster, row for row.
    monkeypatch.setattr(roster_load, "RUN_CHARS", 1)
    rosters = RosterService(pg_db, FixedClock(NOW))
    good = write_csv(tmp_path / "DH.csv", [HEADER, *_odd_families("DH")])
    rosters.import_roster(CLERK, good, "DH")
    before = _stored(pg_db, "DH")
    bad_lines = [HEADER, *family_rows("DH", 1, 4000)]
    bad_lines[-1] = bad_lines[-1].replace("2015-03-03", "2015-02-30")
    with pytest.raises(FileRejected):
        rosters.import_roster(CLERK, write_csv(tmp_path / "DH-bad.csv", bad_lines), "DH")
    assert _stored(pg_db, "DH") == before
    with pg_db.read() as session:
        assert session.execute(sa.select(sa.func.count(RosterPerson.id))).scalar_one() == 15


def test_r3_1_same_hkid_in_a_run_already_sent_is_a_refused_file(
    any_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The reader finds the same HKID twice only at the end of the file; by then the database
    # may have refused a run for it. The file is refused with its problems (HKIDs masked), not
    # with the database's message, and nothing changes.
    monkeypatch.setattr(roster_load, "RUN_CHARS", 1)
    rosters = RosterService(any_db, FixedClock(NOW))
    rosters.import_roster(
        CLERK, write_csv(tmp_path / "DH.csv", [HEADER, *_odd_families("DH")]), "DH"
    )
    before = _stored(any_db, "DH")
    lines = [HEADER, *family_rows("DH", 1, 4000)]
    lines.insert(100, lines[1])  # in the first run of 5,000 rows; three runs follow it
    with pytest.raises(FileRejected) as refused:
        rosters.import_roster(CLERK, write_csv(tmp_path / "DH-same.csv", lines), "DH")
    assert [(p.line, p.column) for p in refused.value.problems] == [(101, "hkid")]
    assert hkid("A", 3) not in str(refused.value.problems[0])
    assert _stored(any_db, "DH") == before
