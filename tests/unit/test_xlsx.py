"""R12.3 as a workbook (fc_admin.exchange.xlsx): typed cells, leading zeros, dates, no formulas."""

from __future__ import annotations

import zipfile
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook

from fc_admin.domain.hktime import HONG_KONG
from fc_admin.exchange.statistics_csv import (
    STATISTICS_HEADER,
    MonthlyRow,
    write_statistics_csv,
    write_statistics_xlsx,
)
from fc_admin.exchange.xlsx import DATE_FORMAT, excel_text, write_xlsx

MOMENT = datetime(2025, 1, 8, 10, 30, tzinfo=HONG_KONG)
HEADER = ["staff_no", "hkid", "name_zh", "received", "flagged_at", "count", "note"]
ROWS: list[list[object]] = [
    ["007123", "A123XXX(X)", "陳大文", date(2025, 1, 23), MOMENT, 3, None],
    ["=1+2", "+852", "-5", date(2024, 12, 31), None, -2, '@SUM(A1)'],
    ["\tx", "\rcarriage", "=HYPERLINK(\"http://x\",\"y\")", date(2025, 2, 1), None, 0.5, "plain"],
]  # fmt: skip


@pytest.fixture
def book(tmp_path: Path) -> Path:
    out = tmp_path / "list.xlsx"
    assert write_xlsx(out, HEADER, ROWS, sheet_title="Queries") == 3
    return out


def test_cells_keep_their_types(book: Path) -> None:
    sheet = load_workbook(book)["Queries"]
    staff = sheet["A2"]
    assert (staff.value, staff.data_type) == ("007123", "s")  # leading zeros kept, text
    assert sheet["B2"].value == "A123XXX(X)"
    assert sheet["C2"].value == "陳大文"
    received = sheet["D2"]
    assert received.is_date and received.value == datetime(2025, 1, 23)
    assert received.number_format == DATE_FORMAT
    assert sheet["E2"].value == datetime(2025, 1, 8, 10, 30)  # Hong Kong wall-clock time
    assert sheet["E2"].is_date
    assert (sheet["F2"].value, sheet["F2"].data_type) == (3, "n")
    assert sheet["F3"].value == -2  # numbers are numbers, even negative
    assert sheet["F4"].value == 0.5
    assert sheet["G2"].value is None


def test_r12_3_no_cell_is_a_formula(book: Path) -> None:
    sheet = load_workbook(book).active
    assert sheet is not None
    assert [sheet[c].value for c in ("A3", "B3", "C3", "G3", "A4", "B4", "C4")] == [
        "'=1+2",
        "'+852",
        "'-5",
        "'@SUM(A1)",
        "'\tx",
        "'\ncarriage",  # XML reads a stored CR back as LF; the guard is what matters
        '\'=HYPERLINK("http://x","y")',
    ]
    for row in sheet.iter_rows():
        for cell in row:
            assert cell.data_type != "f"
    with zipfile.ZipFile(book) as archive:
        xml = archive.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in xml and "<f " not in xml


def test_header_bold_frozen_and_widths(book: Path) -> None:
    sheet = load_workbook(book).active
    assert sheet is not None
    assert [c.value for c in sheet[1]] == HEADER
    assert all(c.font.bold for c in sheet[1])
    assert not sheet["A2"].font.bold
    assert sheet.freeze_panes == "A2"
    widths = {k: v.width for k, v in sheet.column_dimensions.items()}
    assert widths["D"] >= len("yyyy-mm-dd")
    assert widths["C"] >= 6  # 陳大文: three wide characters
    assert widths["G"] >= len("@SUM(A1)") + 1


def test_excel_text() -> None:
    assert excel_text("=A1") == "'=A1"
    assert excel_text("A=1") == "A=1"
    assert excel_text("") == ""


def test_ragged_row_leaves_no_file(tmp_path: Path) -> None:
    out = tmp_path / "bad.xlsx"
    with pytest.raises(ValueError, match="row 2"):
        write_xlsx(out, ["a", "b"], [["1", "2"], ["3"]])
    assert list(tmp_path.iterdir()) == []


ROW = MonthlyRow("2025-02", "=CMD", 2, 1, 0, 0, 0, 0, 2.5, 4.0, 1)


def test_f5_csv_r12_3(tmp_path: Path) -> None:
    out = tmp_path / "s.csv"
    assert write_statistics_csv(out, [ROW]) == 1
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    assert data.decode("utf-8-sig") == (
        ",".join(f'"{c}"' for c in STATISTICS_HEADER)
        + "\r\n"
        + '"2025-02","\'=CMD","2","1","0","0","0","0","2.5","4","1"\r\n'
    )


def test_f5_xlsx_numbers(tmp_path: Path) -> None:
    out = tmp_path / "s.xlsx"
    assert write_statistics_xlsx(out, [ROW]) == 1
    sheet = load_workbook(out)["Statistics"]
    assert [c.value for c in sheet[2]] == ["2025-02", "'=CMD", 2, 1, 0, 0, 0, 0, 2.5, 4, 1]
