"""R11 / F7: the daily appointment list as R12.3 CSV and as a bilingual A4 PDF, HKIDs masked."""

from __future__ import annotations

import csv
import re
import shutil
import subprocess
from dataclasses import replace
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

import pytest

from fc_admin.domain.hkid import check_character, mask_hkid
from fc_admin.domain.hktime import HONG_KONG
from fc_admin.exchange.daily_list import (
    DAILY_LIST_HEADER,
    DailyList,
    DailyListError,
    DailyListRow,
    DailySession,
    write_daily_list_csv,
    write_daily_list_pdf,
)
from fc_admin.exchange.pdf_fonts import ENV_VAR

POPPLER = pytest.mark.skipif(
    any(shutil.which(tool) is None for tool in ("pdftotext", "pdffonts", "pdfinfo")),
    reason="poppler-utils not installed",
)
FULL_HKID = re.compile(r"[A-Z]{1,2}[0-9]{6}\s*\(?[0-9A]\)")
DAY = date(2025, 1, 24)  # a Friday
PRINTED_AT = datetime(2025, 1, 24, 7, 5, tzinfo=HONG_KONG)
LONG_NAME = (
    "WOLFESCHLEGELSTEINHAUSENBERGERDORFF-AUGUSTINE, Maximilian Alexander Christopher "
    "Jonathan Bartholomew"
)


@pytest.fixture(autouse=True)
def _bundled_font(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ENV_VAR, raising=False)


def hkid(prefix: str, number: int) -> str:
    digits = f"{number:06d}"
    return f"{prefix}{digits}({check_character(prefix, digits)})"


def row(number: int, session: str = "AM", start: time = time(9), **changes: Any) -> DailyListRow:
    base = DailyListRow(
        session=session,
        start_time=start,
        booking_ref=f"CW250124-{number:05d}",
        name_en=f"CHAN, Tai Man {number}",
        name_zh="陳大文",
        hkid_masked=mask_hkid(hkid("K", 200000 + number)),
        category="officer",
        channel="manual",
        status="BOOKED",
    )
    return replace(base, **changes) if changes else base


def daily(
    sessions: tuple[DailySession, ...], cancelled: tuple[DailyListRow, ...] = (), **changes: Any
) -> DailyList:
    base = DailyList(
        "CW", "Chai Wan Families Clinic", "柴灣公務員診所", DAY, True, sessions, cancelled
    )
    return replace(base, **changes) if changes else base


SMALL = daily(
    (
        DailySession(
            "AM",
            time(9),
            time(13),
            (
                row(1, start=time(9), name_zh="梁綫𨋢", channel="online"),
                row(2, start=time(9, 15), name_en=LONG_NAME),
                row(3, start=time(9, 15), category="dependant", channel="atbs"),
            ),
        ),
        DailySession(
            "PM",
            time(14),
            time(17),
            (row(4, "PM", time(14, 30), name_en="=HYPERLINK(1)", name_zh="-陳"),),
            closed=True,
            closure_reason="Typhoon signal No. 8",
        ),
    ),
    cancelled=(row(5, start=time(10), status="CANCELLED", name_en="LEE, Cancelled Person"),),
)


def run(*command: str) -> str:
    return subprocess.run(command, check=True, capture_output=True, text=True).stdout


def text_of(path: Path) -> str:
    return run("pdftotext", "-layout", str(path), "-")


def pages_of(path: Path) -> int:
    match = re.search(r"^Pages:\s+(\d+)$", run("pdfinfo", str(path)), re.M)
    assert match
    return int(match[1])


# --- CSV (F7) ----------------------------------------------------------------------------------


def test_csv_bom_crlf_quoted_and_in_order(tmp_path: Path) -> None:
    path = tmp_path / "daily.csv"
    assert write_daily_list_csv(SMALL, path) == 5
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert raw.count(b"\r\n") == 6 and raw.count(b"\n") == 6
    lines = raw.decode("utf-8-sig").split("\r\n")
    assert lines[0] == ",".join(f'"{h}"' for h in DAILY_LIST_HEADER)
    assert all(line.startswith('"') and line.endswith('"') for line in lines[:-1])
    records = list(csv.DictReader(lines[1:-1], fieldnames=DAILY_LIST_HEADER))
    assert [r["booking_ref"][-1] for r in records] == ["1", "2", "3", "4", "5"]
    assert records[0] == {
        "clinic": "CW",
        "date": "2025-01-24",
        "session": "AM",
        "time": "09:00",
        "booking_ref": "CW250124-00001",
        "name_en": "CHAN, Tai Man 1",
        "name_zh": "梁綫𨋢",
        "hkid_masked": "K200XXX(X)",
        "category": "officer",
        "channel": "online",
        "status": "BOOKED",
    }
    assert records[-1]["status"] == "CANCELLED"
    # R12.3: no cell starts like a formula.
    assert records[3]["name_en"] == "'=HYPERLINK(1)" and records[3]["name_zh"] == "'-陳"
    assert not FULL_HKID.search(raw.decode("utf-8-sig"))


def test_csv_refuses_an_unmasked_hkid(tmp_path: Path) -> None:
    bad = daily((DailySession("AM", time(9), time(13), (row(1, hkid_masked=hkid("K", 1)),)),))
    with pytest.raises(DailyListError) as caught:
        write_daily_list_csv(bad, tmp_path / "d.csv")
    assert hkid("K", 1) not in str(caught.value)
    assert not (tmp_path / "d.csv").exists()


# --- PDF ---------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def small_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("daily") / "daily.pdf"
    with pytest.MonkeyPatch.context() as patch:
        patch.delenv(ENV_VAR, raising=False)
        assert write_daily_list_pdf(SMALL, path, printed_by="CW clerk", printed_at=PRINTED_AT) == 1
    return path


@POPPLER
def test_pdf_header_rows_and_sections(small_pdf: Path) -> None:
    text = text_of(small_pdf)
    flat = " ".join(text.split())
    for expected in (
        "RESTRICTED (STAFF)",
        "Daily appointment list / 每日預約名單",
        "Chai Wan Families Clinic 柴灣公務員診所",
        "Friday 24 January 2025 / 2025年1月24日 星期五",
        "Printed by 列印者: CW clerk · 24 January 2025 07:05 (Hong Kong time 香港時間)",
        "Page 1 of 1 / 第1頁，共1頁",
        "Session AM / 時段 AM · 09:00–13:00",
        "CLOSED / 停診: Typhoon signal No. 8",
        "Total 合共 AM: 3 appointment(s) 個預約 (online 網上 1 · telephone 電話 2)",
        "Total 合共 PM: 1 appointment(s)",
        "Cancelled appointments / 已取消的預約 · 1 appointment(s)",
        "梁綫𨋢",
        "WOLFESCHLEGELSTEIN",
        "Bartholomew",
    ):
        assert expected in flat, expected
    for number in range(1, 6):
        assert f"CW250124-{number:05d}" in text
    assert text.count("K200XXX(X)") == 5
    assert not FULL_HKID.search(text)
    # The cancelled section comes after every session.
    assert text.index("Cancelled appointments") > text.index("CW250124-00004")
    assert text.index("LEE, Cancelled Person") > text.index("Cancelled appointments")
    # Session rows in time order.
    assert text.index("CW250124-00001") < text.index("CW250124-00002") < text.index("00003")


@POPPLER
def test_pdf_a4_font_embedded(small_pdf: Path) -> None:
    assert re.search(
        r"^Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)", run("pdfinfo", str(small_pdf)), re.M
    )
    fonts = run("pdffonts", str(small_pdf)).splitlines()[2:]
    assert fonts
    for line in fonts:
        assert "+UMingHK-1" in line
        assert line.split()[-5:-2] == ["yes", "yes", "yes"]


@POPPLER
def test_pdf_long_list_runs_over_pages_with_heads_repeated(tmp_path: Path) -> None:
    am = tuple(
        row(
            n,
            start=time(9 + n // 20, (n % 4) * 15),
            name_en=f"NAME{n:03d}, Person",
            name_zh=f"陳{n:03d}",
            hkid_masked=mask_hkid(hkid("XY", 300000 + n)),
        )
        for n in range(150)
    )
    path = tmp_path / "long.pdf"
    pages = write_daily_list_pdf(
        daily((DailySession("AM", time(9), time(17), am),)),
        path,
        printed_by="CW clerk",
        printed_at=PRINTED_AT,
    )
    assert pages == pages_of(path) >= 3
    per_page = text_of(path).split("\f")[:pages]
    for number, page in enumerate(per_page, start=1):
        assert f"Page {number} of {pages}" in page
        assert "Booking ref." in page and "Attended" in page  # the column heads on every page
        assert "RESTRICTED (STAFF)" in page
    assert "(continued / 續)" in per_page[1]
    text = "".join(per_page)
    for n in range(150):
        assert f"NAME{n:03d}, Person" in text and f"陳{n:03d}" in text
    assert text.count("XY300XXX(X)") == 150
    assert not FULL_HKID.search(text)


@POPPLER
def test_pdf_a_date_without_sessions_says_so(tmp_path: Path) -> None:
    path = tmp_path / "none.pdf"
    empty = daily(
        (),
        day=date(2025, 1, 25),
        live=False,
        no_sessions_en="No sessions: the clinic does not open on Saturdays.",
        no_sessions_zh="沒有應診時段：診所逢星期六不應診。",
    )
    assert write_daily_list_pdf(empty, path, printed_by="x", printed_at=PRINTED_AT) == 1
    flat = " ".join(text_of(path).split())
    assert "No sessions: the clinic does not open on Saturdays." in flat
    assert "沒有應診時段：診所逢星期六不應診。" in flat
    assert "Saturday 25 January 2025 / 2025年1月25日 星期六" in flat
    assert "telephone bookings only" in flat


def test_pdf_refuses_a_character_the_font_lacks(tmp_path: Path) -> None:
    bad = daily((DailySession("AM", time(9), time(13), (row(1, name_zh="陳😀"),)),))
    with pytest.raises(DailyListError) as caught:
        write_daily_list_pdf(bad, tmp_path / "d.pdf", printed_by="x", printed_at=PRINTED_AT)
    message = str(caught.value)
    assert "AR PL UMing HK" in message and "U+1F600" in message
    assert "CW250124-00001: name_zh" in message
    assert not (tmp_path / "d.pdf").exists()


def test_pdf_refuses_an_unmasked_hkid_and_a_naive_time(tmp_path: Path) -> None:
    bad = daily((DailySession("AM", time(9), time(13), (row(1, hkid_masked=hkid("K", 7)),)),))
    with pytest.raises(DailyListError):
        write_daily_list_pdf(bad, tmp_path / "d.pdf", printed_by="x", printed_at=PRINTED_AT)
    with pytest.raises(ValueError, match="printed_at"):
        write_daily_list_pdf(
            SMALL, tmp_path / "d.pdf", printed_by="x", printed_at=datetime(2025, 1, 1)
        )
    assert not (tmp_path / "d.pdf").exists()
