"""R10.2: the closure call list as R12.3 CSV and as a bilingual PDF with masked HKIDs."""

from __future__ import annotations

import csv
import re
import shutil
import subprocess
from dataclasses import replace
from datetime import date, datetime, time
from pathlib import Path

import pytest

from fc_admin.domain.hkid import check_character, mask_hkid
from fc_admin.domain.hktime import HONG_KONG
from fc_admin.exchange.call_list import (
    CALL_LIST_HEADER,
    CallListError,
    CallListRow,
    write_call_list_csv,
    write_call_list_pdf,
)
from fc_admin.exchange.pdf_fonts import ENV_VAR

POPPLER = pytest.mark.skipif(
    any(shutil.which(tool) is None for tool in ("pdftotext", "pdffonts", "pdfinfo")),
    reason="poppler-utils not installed (scripts/bootstrap.sh installs it)",
)


def hkid(prefix: str, number: int) -> str:
    digits = f"{number:06d}"
    return f"{prefix}{digits}({check_character(prefix, digits)})"


FULL_HKIDS = (hkid("K", 123456), hkid("XY", 987654), hkid("R", 555123), hkid("A", 246810))
DAY = date(2025, 1, 24)  # a Friday
REASON = "Typhoon signal No. 8 / 八號烈風或暴風信號"
LONG_NAME = (
    "WOLFESCHLEGELSTEINHAUSENBERGERDORFF-AUGUSTINE, Maximilian Alexander Christopher "
    "Jonathan Bartholomew"
)
PRINTED_AT = datetime(2025, 1, 24, 7, 5, tzinfo=HONG_KONG)


@pytest.fixture(autouse=True)
def _bundled_font(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ENV_VAR, raising=False)


def row(**changes: object) -> CallListRow:
    base = CallListRow(
        clinic_code="CW",
        clinic_name_en="Chai Wan Families Clinic",
        clinic_name_zh="柴灣公務員診所",
        day=DAY,
        session="AM",
        start_time=time(9, 15),
        booking_ref="OL250124CW0001",
        name_en="CHAN, Tai Man",
        name_zh="陳大文",
        hkid_masked=mask_hkid(FULL_HKIDS[0]),
        contact_phone="+852 9123 4567",
        channel="online",
        closure_reason=REASON,
    )
    return replace(base, **changes)  # type: ignore[arg-type]


ROWS = (
    row(session="PM", start_time=time(14, 0), booking_ref="OL250124CW0009"),
    row(
        booking_ref="MT250124CW0003",
        start_time=time(10, 30),
        name_en="LEUNG, Ka Yee",
        name_zh="梁綫𨋢",
        hkid_masked=mask_hkid(FULL_HKIDS[1]),
        contact_phone="98765432",
        channel="manual",
    ),
    row(
        booking_ref="AT250124CW0002",
        start_time=time(9, 0),
        name_en=LONG_NAME,
        name_zh="",
        hkid_masked=mask_hkid(FULL_HKIDS[2]),
        contact_phone="",
        channel="atbs",
    ),
    row(),
)


def run(*args: str) -> str:
    return subprocess.run(list(args), capture_output=True, text=True, check=True).stdout


def text_of(path: Path, layout: bool = True) -> str:
    return run("pdftotext", *(["-layout"] if layout else []), str(path), "-")


def write_pdf(
    path: Path, rows: tuple[CallListRow, ...] | list[CallListRow], **extra: object
) -> int:
    options: dict[str, object] = {
        "title_clinic_en": "Chai Wan Families Clinic",
        "title_clinic_zh": "柴灣公務員診所",
        "day": DAY,
        "printed_by": "WONG Siu Ling (clinic)",
        "printed_at": PRINTED_AT,
        **extra,
    }
    return write_call_list_pdf(rows, path, **options)  # type: ignore[arg-type]


# --- CSV (R12.3) -------------------------------------------------------------------------------


def test_csv_bom_crlf_every_field_quoted(tmp_path: Path) -> None:
    path = tmp_path / "call.csv"
    assert write_call_list_csv([row()], path) == 1
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    lines = data[3:].split(b"\r\n")
    assert lines[-1] == b"" and all(b"\n" not in line for line in lines)
    assert lines[0] == b",".join(b'"' + name.encode() + b'"' for name in CALL_LIST_HEADER)
    assert (
        lines[1]
        == (
            '"CW","2025-01-24","AM","09:15","OL250124CW0001","CHAN, Tai Man","陳大文","K123XXX(X)",'
            f'"\'+852 9123 4567","online","{REASON}"'
        ).encode()
    )


def test_csv_rows_in_time_order_and_readable(tmp_path: Path) -> None:
    path = tmp_path / "call.csv"
    assert write_call_list_csv(ROWS, path) == 4
    with path.open(encoding="utf-8-sig", newline="") as handle:
        records = list(csv.reader(handle))
    assert records[0] == list(CALL_LIST_HEADER)
    assert [r[3] for r in records[1:]] == ["09:00", "09:15", "10:30", "14:00"]
    assert [r[6] for r in records[1:]] == ["", "陳大文", "梁綫𨋢", "陳大文"]
    assert records[1][8] == ""  # no phone
    assert records[3][8] == "98765432"


def test_csv_formula_like_cells_defused(tmp_path: Path) -> None:
    path = tmp_path / "call.csv"
    write_call_list_csv([row(name_en='=HYPERLINK("x")', closure_reason="-staff training")], path)
    with path.open(encoding="utf-8-sig", newline="") as handle:
        record = list(csv.reader(handle))[1]
    assert record[5] == '\'=HYPERLINK("x")'
    assert record[10] == "'-staff training"


def test_csv_empty_list_has_the_header(tmp_path: Path) -> None:
    path = tmp_path / "call.csv"
    assert write_call_list_csv([], path) == 0
    assert path.read_bytes().count(b"\r\n") == 1


def test_csv_refuses_an_unmasked_hkid(tmp_path: Path) -> None:
    path = tmp_path / "call.csv"
    with pytest.raises(CallListError) as caught:
        write_call_list_csv([row(hkid_masked=FULL_HKIDS[0])], path)
    assert FULL_HKIDS[0] not in str(caught.value)
    assert "OL250124CW0001" in str(caught.value)
    assert not path.exists()


def test_csv_masks_hkids_typed_into_free_text(tmp_path: Path) -> None:
    path = tmp_path / "call.csv"
    write_call_list_csv([row(closure_reason=f"ask {FULL_HKIDS[3]} first")], path)
    text = path.read_text(encoding="utf-8-sig")
    assert FULL_HKIDS[3] not in text
    assert "ask A246XXX(X) first" in text


# --- PDF ---------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("call") / "call.pdf"
    with pytest.MonkeyPatch.context() as patch:
        patch.delenv(ENV_VAR, raising=False)
        assert write_pdf(path, ROWS) == 1
    return path


@POPPLER
def test_pdf_a4_landscape_one_page(pdf: Path) -> None:
    info = run("pdfinfo", str(pdf))
    assert re.search(r"^Pages:\s+1$", info, re.M)
    assert re.search(r"^Page size:\s+841\.\d+ x 595\.\d+ pts \(A4\)", info, re.M)


@POPPLER
def test_pdf_font_embedded_and_nothing_else(pdf: Path) -> None:
    rows = run("pdffonts", str(pdf)).splitlines()[2:]
    assert rows, "no font listed"
    for line in rows:
        assert "+UMingHK-1" in line
        assert line.split()[-5:-2] == ["yes", "yes", "yes"]  # embedded, subset, ToUnicode


@POPPLER
def test_pdf_text_bilingual_with_every_person(pdf: Path) -> None:
    text = text_of(pdf)
    flat = " ".join(text_of(pdf, layout=False).split())
    for expected in (
        "RESTRICTED (STAFF)",
        "Call list – closure / 停診致電名單",
        "Chai Wan Families Clinic",
        "柴灣公務員診所",
        "Friday 24 January 2025",
        "2025年1月24日（星期五）",
        REASON,
        "CHAN, Tai Man",
        "陳大文",
        "LEUNG, Ka Yee",
        "梁綫𨋢",
        "WOLFESCHLEGELSTEINHAUSENBERGERDORF",
        "K123XXX(X)",
        "XY987XXX(X)",
        "R555XXX(X)",
        "+852 9123 4567",
        "98765432",
        "OL250124CW0001",
        "MT250124CW0003",
        "AT250124CW0002",
        "OL250124CW0009",
        "Session AM",
        "Session PM",
        "Called",
        "WONG Siu Ling (clinic)",
        "24 January 2025 07:05",
    ):
        assert expected in text or expected in flat, expected
    assert re.search(r"page 1 of 1", text, re.I)


@POPPLER
def test_pdf_grouped_by_session_in_time_order(pdf: Path) -> None:
    text = text_of(pdf)
    order = [
        text.index(ref)
        for ref in ("AT250124CW0002", "OL250124CW0001", "MT250124CW0003", "OL250124CW0009")
    ]
    assert order == sorted(order)
    assert text.index("Session AM") < order[0] and order[2] < text.index("Session PM") < order[3]
    assert "3 appointments / 3 個預約" in text and "1 appointment / 1 個預約" in text


@POPPLER
def test_pdf_never_a_full_hkid(pdf: Path) -> None:
    text = text_of(pdf) + text_of(pdf, layout=False)
    for full in FULL_HKIDS:
        assert full not in text
        assert full.replace("(", "").replace(")", "") not in text
    assert FULL_HKIDS[0][:7] not in text  # not even the six digits


@POPPLER
def test_pdf_masks_hkids_in_free_text(tmp_path: Path) -> None:
    path = tmp_path / "call.pdf"
    write_pdf(
        path,
        [row(name_en=f"CHAN {FULL_HKIDS[3]}")],
        printed_by=f"clerk {FULL_HKIDS[3]}",
        closure_reason=f"staff training {FULL_HKIDS[3]}",
    )
    text = text_of(path)
    assert FULL_HKIDS[3] not in text
    assert text.count("A246XXX(X)") >= 3


@POPPLER
def test_pdf_empty_list_says_nobody_is_affected(tmp_path: Path) -> None:
    path = tmp_path / "call.pdf"
    assert write_pdf(path, [], closure_reason="Black rainstorm / 黑色暴雨") == 1
    text = text_of(path)
    assert "No appointments are affected" in text
    assert "沒有受影響的預約" in text
    assert "Black rainstorm / 黑色暴雨" in text
    assert "RESTRICTED (STAFF)" in text
    assert re.search(r"page 1 of 1", text, re.I)


@POPPLER
def test_pdf_many_rows_run_over_pages_with_page_x_of_y(tmp_path: Path) -> None:
    many = [
        row(
            booking_ref=f"OL250124CW{i:04d}",
            start_time=time(9 + i // 16, (i % 4) * 15),
            session="AM" if i < 40 else "PM",
            hkid_masked=mask_hkid(hkid("K", 300000 + i)),
        )
        for i in range(80)
    ]
    path = tmp_path / "call.pdf"
    pages = write_pdf(path, many)
    assert pages >= 3
    info = run("pdfinfo", str(path))
    assert re.search(rf"^Pages:\s+{pages}$", info, re.M)
    for number in range(1, pages + 1):
        page = run("pdftotext", "-layout", "-f", str(number), "-l", str(number), str(path), "-")
        assert f"Page {number} of {pages}" in page
        assert "RESTRICTED (STAFF)" in page
        assert "Booking ref." in page  # the column heads repeat
    flat = text_of(path)
    assert all(f"OL250124CW{i:04d}" in flat for i in range(80))


def test_pdf_refuses_an_unmasked_hkid(tmp_path: Path) -> None:
    path = tmp_path / "call.pdf"
    with pytest.raises(CallListError) as caught:
        write_pdf(path, [row(hkid_masked=FULL_HKIDS[1])])
    assert FULL_HKIDS[1] not in str(caught.value)
    assert not path.exists()


def test_pdf_refuses_rows_of_another_day_or_clinic(tmp_path: Path) -> None:
    path = tmp_path / "call.pdf"
    with pytest.raises(CallListError, match="another day: 2025-01-27"):
        write_pdf(path, [row(), row(day=date(2025, 1, 27))])
    with pytest.raises(CallListError, match="one clinic, not of CW, FL"):
        write_pdf(path, [row(), row(clinic_code="FL")])
    assert not path.exists()


def test_pdf_refuses_a_character_the_font_lacks(tmp_path: Path) -> None:
    path = tmp_path / "call.pdf"
    with pytest.raises(CallListError) as caught:
        write_pdf(path, [row(name_zh="陳😀")])
    assert "OL250124CW0001: name_zh" in str(caught.value)
    assert "U+1F600" in str(caught.value)
    assert not path.exists()


def test_pdf_needs_an_aware_printed_at(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="printed_at"):
        write_pdf(tmp_path / "call.pdf", [row()], printed_at=datetime(2025, 1, 24, 7, 5))


def test_pdf_replaces_an_older_file_whole(tmp_path: Path) -> None:
    path = tmp_path / "call.pdf"
    path.write_bytes(b"old")
    write_pdf(path, [row()])
    assert path.read_bytes().startswith(b"%PDF")
    assert [p.name for p in tmp_path.iterdir()] == ["call.pdf"]  # no temporary left
