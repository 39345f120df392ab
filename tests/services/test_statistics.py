"""R12.2, F5: monthly statistics per department, on SQLite and PostgreSQL."""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from openpyxl import load_workbook

from fc_admin.domain.calendar import WorkingCalendar
from fc_admin.domain.deadlines import notification_deadline
from fc_admin.domain.hktime import HONG_KONG
from fc_admin.domain.roles import Role
from fc_admin.exchange.statistics_csv import STATISTICS_HEADER
from fc_admin.models import Account, Application, ApplicationMember, AuditRecord
from fc_admin.services import Services
from fc_admin.services.errors import PermissionDenied
from fc_admin.services.statistics import MonthlyRow, p90, parse_month
from tests.conftest import ADMIN, actor_for
from tests.services.factories import add_account, add_application, add_source, family

FEB = date(2025, 2, 1)
CAL = WorkingCalendar()


def hk(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=HONG_KONG)  # type: ignore[misc]


def _member(db: Any, member_id: int, **values: Any) -> None:
    with db.write() as s:
        s.execute(
            sa.update(ApplicationMember).where(ApplicationMember.id == member_id).values(**values)
        )


def _done(db: Any, form_id: str) -> None:
    with db.write() as s:
        s.execute(
            sa.update(Application).where(Application.form_id == form_id).values(status="DONE")
        )


def _account(db: Any, member_id: int, hkid_: str, issued: date, activated: datetime | None) -> None:
    add_account(db, member_id, hkid_, f"FC{member_id:08d}")
    with db.write() as s:
        s.execute(
            sa.update(Account)
            .where(Account.member_id == member_id)
            .values(
                issued_on=issued, activated_at=activated, status="ACTIVE" if activated else "ISSUED"
            )
        )


def _form(db: Any, form_id: str, dept: str, people: list[Any], received: date) -> dict[str, int]:
    return add_application(
        db, form_id, dept, people, received=received, deadline=notification_deadline(received, CAL)
    )


@pytest.fixture
def world(services: Services) -> Services:
    db = services.db
    for code in ("LCSD", "HKPF", "ImmD"):
        add_source(db, code)
    a = family("A", 100001)
    b = family("B", 200001)
    c = family("C", 300001)
    d = family("D", 400001)
    e = family("E", 500001)
    f = family("F", 600001)
    # F1: received Thu 23 Jan, LNY 29-31 Jan in between; complete Tue 4 Feb: 24, 27, 28 Jan,
    # 3, 4 Feb = 5 working days.
    f1 = _form(db, "F1", "LCSD", [a["principal"], a["spouse"]], date(2025, 1, 23))
    _member(db, f1[a["principal"].hkid], outcome="ELIGIBLE", verified_at=hk(2025, 2, 3, 9),
            decision="approve", decided_at=hk(2025, 2, 3, 10))  # fmt: skip
    _member(db, f1[a["spouse"].hkid], outcome="MISMATCH", verified_at=hk(2025, 2, 3, 9),
            decision="reject", decided_at=hk(2025, 2, 4, 17))  # fmt: skip
    _done(db, "F1")
    # F2: received Mon 3 Feb, approved 00:30 on 4 Feb Hong Kong time (3 Feb in UTC): 1 day.
    f2 = _form(db, "F2", "LCSD", [b["principal"]], date(2025, 2, 3))
    _member(db, f2[b["principal"].hkid], outcome="ELIGIBLE",
            verified_at=datetime(2025, 1, 31, 23, 0, tzinfo=UTC),  # 1 Feb 07:00 in Hong Kong
            decision="approve", decided_at=hk(2025, 2, 4, 0, 30))  # fmt: skip
    _done(db, "F2")
    # F3: received Fri 24 Jan, deadline Tue 18 Feb, complete Thu 20 Feb: 16 days, missed.
    f3 = _form(db, "F3", "LCSD", [c["principal"]], date(2025, 1, 24))
    _member(db, f3[c["principal"].hkid], outcome="ELIGIBLE", verified_at=hk(2025, 1, 27, 9),
            decision="approve", decided_at=hk(2025, 2, 20, 11))  # fmt: skip
    _done(db, "F3")
    # F4: received Wed 5 Feb, queried 6 Feb, still open after its deadline (25 Feb): missed.
    f4 = _form(db, "F4", "LCSD", [d["principal"]], date(2025, 2, 5))
    _member(db, f4[d["principal"].hkid], outcome="REVIEW", verified_at=hk(2025, 2, 5, 12),
            decision="query", decided_at=hk(2025, 2, 6, 9))  # fmt: skip
    # F5, F6: HKPF, received on the last day of February and in January.
    _form(db, "F5", "HKPF", [e["principal"]], date(2025, 2, 28))
    f6 = _form(db, "F6", "HKPF", [f["principal"]], date(2025, 1, 6))
    _member(db, f6[f["principal"].hkid], outcome="ELIGIBLE", verified_at=hk(2025, 1, 6, 12))
    # Accounts: issued 5 Feb, activated 10 Feb; issued 28 Feb, activated 00:10 on 1 March in
    # Hong Kong (still 28 Feb in UTC): not a February activation.
    _account(db, f1[a["principal"].hkid], a["principal"].hkid, date(2025, 2, 5), hk(2025, 2, 10, 9))
    _account(
        db, f2[b["principal"].hkid], b["principal"].hkid, date(2025, 2, 28), hk(2025, 3, 1, 0, 10)
    )
    services.clock.at = hk(2025, 3, 3, 9)  # type: ignore[attr-defined]
    return services


def test_r4_2_deadlines_of_the_data_set() -> None:
    assert notification_deadline(date(2025, 1, 24), CAL) == date(2025, 2, 18)
    assert notification_deadline(date(2025, 2, 5), CAL) == date(2025, 2, 25)
    assert CAL.working_days_between(date(2025, 1, 23), date(2025, 2, 4)) == 5


def test_f5_february_every_column(world: Services) -> None:
    rows = world.statistics.monthly(ADMIN, FEB)
    assert [r.department for r in rows] == ["HKPF", "ImmD", "LCSD"]
    hkpf, immd, lcsd = rows
    assert lcsd == MonthlyRow(
        month="2025-02",
        department="LCSD",
        received=2,  # F2, F4 (F1, F3 were received in January)
        eligible=2,  # F1's principal; F2's, verified 1 Feb in Hong Kong
        rejected=1,
        queried=1,
        issued=2,
        activated=1,  # the other one on 1 March in Hong Kong
        median_working_days=5.0,  # F2 1, F1 5, F3 16
        p90_working_days=16.0,
        deadline_missed=2,  # F3 completed late, F4 still open
    )
    assert hkpf == MonthlyRow("2025-02", "HKPF", 1, 0, 0, 0, 0, 0, None, None, 0)
    assert immd == MonthlyRow("2025-02", "ImmD", 0, 0, 0, 0, 0, 0, None, None, 0)


def test_f5_january_and_march(world: Services) -> None:
    jan = {r.department: r for r in world.statistics.monthly(ADMIN, date(2025, 1, 15))}
    assert (jan["LCSD"].received, jan["LCSD"].eligible, jan["LCSD"].median_working_days) == (
        2, 1, None,
    )  # fmt: skip
    assert (jan["HKPF"].received, jan["HKPF"].eligible) == (1, 1)
    assert jan["LCSD"].deadline_missed == 0
    # F6 (received 6 Jan) had its deadline on 24 Jan and is still open: missed in January.
    assert jan["HKPF"].deadline_missed == 1
    mar = {r.department: r for r in world.statistics.monthly(ADMIN, date(2025, 3, 1))}
    assert mar["LCSD"].activated == 1
    assert mar["HKPF"].deadline_missed == 0  # F5's deadline (19 Mar) has not passed yet


def test_f5_undecided_form_before_its_deadline_is_not_missed(world: Services) -> None:
    world.clock.at = hk(2025, 2, 25, 18)  # type: ignore[attr-defined]
    lcsd = world.statistics.monthly(ADMIN, FEB)[-1]
    assert lcsd.deadline_missed == 1  # F3 only: F4's deadline is today


def test_percentiles() -> None:
    assert p90([3]) == 3
    assert p90(list(range(1, 11))) == 9
    assert p90(list(range(1, 12))) == 10
    assert p90([16, 1, 5]) == 16


def test_parse_month() -> None:
    assert parse_month("2025-02") == FEB
    for bad in ("2025-13", "2025-2", "Feb 2025", "", "2025-02-01"):
        with pytest.raises(Exception, match="not a month"):
            parse_month(bad)


def test_f5_needs_export_permission(world: Services, tmp_path: Path) -> None:
    clinic = actor_for(Role.CLINIC, "SKM")
    with pytest.raises(PermissionDenied):
        world.statistics.monthly(clinic, FEB)
    with pytest.raises(PermissionDenied):
        world.statistics.export(clinic, FEB, tmp_path / "s.csv")
    assert not (tmp_path / "s.csv").exists()


def test_r12_3_f5_csv_file_and_audit(world: Services, tmp_path: Path) -> None:
    out = tmp_path / "stats.csv"
    assert world.statistics.export(ADMIN, FEB, out) == 3
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    lines = text.split("\r\n")
    assert lines[0] == ",".join(f'"{c}"' for c in STATISTICS_HEADER)
    assert lines[3] == '"2025-02","LCSD","2","2","1","1","2","1","5","16","2"'
    assert lines[1] == '"2025-02","HKPF","1","0","0","0","0","0","","","0"'
    assert lines[-1] == "" and "\n" not in text.replace("\r\n", "")
    records = list(csv.DictReader(io.StringIO(text, newline="")))
    assert [r["department"] for r in records] == ["HKPF", "ImmD", "LCSD"]
    with world.db.read() as s:
        record = s.execute(
            sa.select(AuditRecord).where(AuditRecord.action == "export.statistics")
        ).scalar_one()
        assert record.actor == ADMIN.username
        assert '"month":"2025-02"' in (record.after or "").replace(" ", "")


def test_f5_xlsx_workbook(world: Services, tmp_path: Path) -> None:
    out = tmp_path / "stats.xlsx"
    assert world.statistics.export(ADMIN, FEB, out, "xlsx") == 3
    sheet = load_workbook(out).active
    assert sheet is not None
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert tuple(values[0]) == STATISTICS_HEADER
    assert values[3] == ["2025-02", "LCSD", 2, 2, 1, 1, 2, 1, 5, 16, 2]
    assert values[1][8] is None
    assert sheet.freeze_panes == "A2"


def test_r4_1_added_non_working_day_counts(world: Services) -> None:
    world.calendar.add_non_working_day(ADMIN, date(2025, 1, 27), "Typhoon signal No. 8")
    lcsd = world.statistics.monthly(ADMIN, FEB)[-1]
    # F2 1 day; F1 and F3 one day fewer: 4 and 15.
    assert (lcsd.median_working_days, lcsd.p90_working_days) == (4.0, 15.0)
