"""spec/cli.md: ``fc-admin export statistics --month YYYY-MM --out FILE`` (F5, R12.2)."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest
import sqlalchemy as sa
from openpyxl import load_workbook

from fc_admin.db import Database
from fc_admin.models import AuditRecord
from tests.cli.test_cli import isolated, run, run_json  # noqa: F401  (autouse fixture)
from tests.services.factories import add_application, add_source, family


@pytest.fixture
def data(capsys: pytest.CaptureFixture[str]) -> Database:
    assert run(capsys, "db", "upgrade")[0] == 0
    db = Database(os.environ["FC_ADMIN_DATABASE_URL"])
    add_source(db, "LCSD")
    add_source(db, "HKPF")
    for n, received in enumerate((date(2025, 2, 3), date(2025, 2, 28), date(2025, 3, 3))):
        add_application(
            db, f"EF-{n}", "LCSD", [family("A", 100001 + 10 * n)["principal"]], received=received
        )
    return db


def _audits(db: Database) -> list[str]:
    with db.read() as s:
        return list(
            s.execute(
                sa.select(AuditRecord.after).where(AuditRecord.action == "export.statistics")
            ).scalars()
        )


def test_csv_by_default_json_and_audited(
    capsys: pytest.CaptureFixture[str],
    isolated: Path,  # noqa: F811
    data: Database,
) -> None:
    out = isolated / "stats-2025-02.csv"
    code, doc = run_json(capsys, "export", "statistics", "--month", "2025-02", "--out", str(out))
    assert code == 0
    assert doc == {"month": "2025-02", "file": str(out), "kind": "csv", "rows": 2}
    text = out.read_bytes().decode("utf-8-sig")
    assert text.split("\r\n")[1:3] == [
        '"2025-02","HKPF","0","0","0","0","0","0","","","0"',
        '"2025-02","LCSD","2","0","0","0","0","0","","","0"',
    ]
    assert len(_audits(data)) == 1


def test_xlsx_when_the_file_says_so(
    capsys: pytest.CaptureFixture[str],
    isolated: Path,  # noqa: F811
    data: Database,
) -> None:
    out = isolated / "stats.XLSX"
    code, stdout, _ = run(capsys, "export", "statistics", "--month", "2025-03", "--out", str(out))
    assert code == 0
    assert f"2 rows written to {out}" in stdout
    sheet = load_workbook(out)["Statistics"]
    assert [c.value for c in sheet[3]][:3] == ["2025-03", "LCSD", 1]
    assert '"kind":"xlsx"' in _audits(data)[0].replace(" ", "")


@pytest.mark.parametrize("month", ["2025-13", "2025/02", "Feb", "2025-02-01"])
def test_bad_month_exits_1(
    capsys: pytest.CaptureFixture[str],
    isolated: Path,  # noqa: F811
    data: Database,
    month: str,
) -> None:
    out = isolated / "s.csv"
    code, _out, err = run(capsys, "export", "statistics", "--month", month, "--out", str(out))
    assert code == 1
    assert "not a month" in err and len(err.strip().splitlines()) == 1
    assert not out.exists()
    assert _audits(data) == []
