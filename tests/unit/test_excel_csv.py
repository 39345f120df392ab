"""R12.3: CSV for Excel - BOM, CRLF, every field quoted, no formula cells, no half files."""

from __future__ import annotations

import csv
from collections.abc import Iterator, Sequence
from datetime import date, datetime
from pathlib import Path

import pytest

from fc_admin.domain.hktime import HONG_KONG
from fc_admin.exchange.excel_csv import excel_safe, write_excel_csv


def read_back(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle))


def test_r12_3_bom_crlf_and_every_field_quoted(tmp_path: Path) -> None:
    path = tmp_path / "out.csv"
    count = write_excel_csv(path, ["a", "b"], [["1", 2], [None, "x,y"]])
    assert count == 2
    assert path.read_bytes() == (b'\xef\xbb\xbf"a","b"\r\n"1","2"\r\n"","x,y"\r\n')


def test_r12_3_chinese_name_round_trips(tmp_path: Path) -> None:
    path = tmp_path / "out.csv"
    write_excel_csv(path, ["name_en", "name_zh"], [["CHAN, Tai Man", "陳大文"], ["X", "綫𨋢"]])
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    assert "陳大文".encode() in data
    assert read_back(path) == [["name_en", "name_zh"], ["CHAN, Tai Man", "陳大文"], ["X", "綫𨋢"]]


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+85291234567", "'+85291234567"),
        ("-1", "'-1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tcmd", "'\tcmd"),
        ("\rcmd", "'\rcmd"),
        (-5, "'-5"),
        ("CHAN, Tai-man", "CHAN, Tai-man"),  # a hyphen inside is harmless
        ("a=b", "a=b"),
        ("", ""),
        (None, ""),
        (42, "42"),
    ],
)
def test_r12_3_excel_safe(value: object, cell: str) -> None:
    assert excel_safe(value) == cell


def test_r12_3_dates_and_times_iso() -> None:
    assert excel_safe(date(2025, 1, 8)) == "2025-01-08"
    assert excel_safe(datetime(2025, 1, 8, 10, 0, tzinfo=HONG_KONG)) == "2025-01-08T10:00:00+08:00"


def test_r12_3_injection_prefix_in_file(tmp_path: Path) -> None:
    path = tmp_path / "out.csv"
    write_excel_csv(path, ["=header"], [["=1+1"], ["@x"], ["-2"]])
    assert read_back(path) == [["'=header"], ["'=1+1"], ["'@x"], ["'-2"]]
    text = path.read_bytes().decode("utf-8-sig")
    for line in text.split("\r\n")[:-1]:
        assert line.startswith("\"'")


def test_r12_3_embedded_newlines_and_quotes_survive(tmp_path: Path) -> None:
    path = tmp_path / "out.csv"
    write_excel_csv(path, ["detail"], [['He said "no"\nthen left']])
    assert read_back(path) == [["detail"], ['He said "no"\nthen left']]
    assert b'"He said ""no""\nthen left"\r\n' in path.read_bytes()


def test_r12_3_rows_may_be_a_generator(tmp_path: Path) -> None:
    def rows() -> Iterator[Sequence[object]]:
        for number in range(1000):
            yield (number, f"name {number}")

    path = tmp_path / "out.csv"
    assert write_excel_csv(path, ["n", "name"], rows()) == 1000
    assert len(read_back(path)) == 1001


def test_r12_3_header_only(tmp_path: Path) -> None:
    path = tmp_path / "out.csv"
    assert write_excel_csv(path, ["a"], []) == 0
    assert path.read_bytes() == b'\xef\xbb\xbf"a"\r\n'


def test_r12_3_no_half_file_when_writing_fails(tmp_path: Path) -> None:
    path = tmp_path / "out.csv"
    path.write_bytes(b"previous export")

    def rows() -> Iterator[Sequence[object]]:
        yield ("1",)
        raise RuntimeError("database went away")

    with pytest.raises(RuntimeError):
        write_excel_csv(path, ["a"], rows())
    assert path.read_bytes() == b"previous export"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.csv"]


def test_r12_3_row_of_the_wrong_width_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "out.csv"
    with pytest.raises(ValueError, match="row 2 has 1 cells but the header has 2"):
        write_excel_csv(path, ["a", "b"], [("1", "2"), ("3",)])
    assert not path.exists()
    assert list(tmp_path.iterdir()) == []


def test_r12_3_replaces_an_existing_file(tmp_path: Path) -> None:
    path = tmp_path / "out.csv"
    write_excel_csv(path, ["a"], [["old"]])
    write_excel_csv(path, ["a"], [["new"]])
    assert read_back(path) == [["a"], ["new"]]
    assert path.read_bytes()[:3] == b"\xef\xbb\xbf"
