"""F3: reading the online bookings feed - every row checked, all problems at once, all or none."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

import pytest

from fc_admin.demo.files import write_demo_files
from fc_admin.domain.hkid import check_character
from fc_admin.domain.hktime import HONG_KONG
from fc_admin.exchange.bookings_feed import FEED_COLUMNS, FeedRow, read_bookings_feed
from fc_admin.exchange.errors import FileProblem, FileRejected
from fc_admin.exchange.roster_csv import MAX_PROBLEMS

HEADER = "booking_ref,hkid,clinic,date,start_time,channel,status,booked_at"


def hkid(prefix: str, number: int) -> str:
    digits = f"{number:06d}"
    return f"{prefix}{digits}({check_character(prefix, digits)})"


P1, P2 = hkid("K", 100001), hkid("XY", 987654)
ROW1 = f"OL250124CW0001,{P1},CW,2025-01-24,09:15,online,booked,2025-01-23T10:02:00+08:00"
ROW2 = f"OL250124CW0002,{P2},cw,2025-01-24,14:00,online,booked,2025-01-24T01:30:00Z"
CANCEL1 = f"OL250124CW0001,{P1},CW,2025-01-24,09:15,online,cancelled,2025-01-23T10:02:00+08:00"


def write(tmp_path: Path, *lines: str, name: str = "feed.csv", bom: bool = False) -> Path:
    path = tmp_path / name
    data = ("\r\n".join(lines) + "\r\n").encode()
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + data)
    return path


def rejected(path: Path) -> list[FileProblem]:
    with pytest.raises(FileRejected) as caught:
        read_bookings_feed(path)
    problems = caught.value.problems
    assert problems and all(p.file == path.name for p in problems)
    return problems


def only(path: Path) -> FileProblem:
    problems = rejected(path)
    assert len(problems) == 1, problems
    return problems[0]


def row_with(column: str, value: str, base: str = ROW1) -> str:
    fields = base.split(",")
    fields[FEED_COLUMNS.index(column)] = value
    return ",".join(fields)


# --- good files --------------------------------------------------------------------------------


def test_good_file(tmp_path: Path) -> None:
    rows = read_bookings_feed(write(tmp_path, HEADER, ROW1, ROW2, CANCEL1))
    assert rows[0] == FeedRow(
        line=2,
        booking_ref="OL250124CW0001",
        hkid=P1,
        clinic="CW",
        day=date(2025, 1, 24),
        start_time=time(9, 15),
        channel="online",
        status="booked",
        booked_at=datetime(2025, 1, 23, 10, 2, tzinfo=HONG_KONG),
    )
    assert rows[1].clinic == "CW"  # upper-cased
    assert rows[1].booked_at == datetime(2025, 1, 24, 9, 30, tzinfo=HONG_KONG)
    assert rows[1].booked_at.utcoffset() == timedelta(0)
    assert [(r.line, r.status) for r in rows] == [(2, "booked"), (3, "booked"), (4, "cancelled")]


def test_bom_and_lf(tmp_path: Path) -> None:
    path = tmp_path / "feed.csv"
    path.write_bytes(b"\xef\xbb\xbf" + f"{HEADER}\n{ROW1}\n".encode())
    [row] = read_bookings_feed(path)
    assert row.booking_ref == "OL250124CW0001"


def test_hkid_normalised(tmp_path: Path) -> None:
    raw = P1.replace("(", "").replace(")", "").lower()  # k1000016
    [row] = read_bookings_feed(write(tmp_path, HEADER, row_with("hkid", f" {raw} ")))
    assert row.hkid == P1


def test_header_case_and_spaces_tolerated(tmp_path: Path) -> None:
    header = ", ".join(name.upper() for name in FEED_COLUMNS)
    assert len(read_bookings_feed(write(tmp_path, header, ROW1))) == 1


def test_blank_trailing_lines_ignored(tmp_path: Path) -> None:
    rows = read_bookings_feed(write(tmp_path, HEADER, ROW1, "", ",,,,,,,", ""))
    assert len(rows) == 1


def test_header_only_is_an_empty_feed(tmp_path: Path) -> None:
    assert read_bookings_feed(write(tmp_path, HEADER)) == []


@pytest.mark.parametrize(
    ("column", "value", "expected"),
    [
        ("booking_ref", "A", "A"),
        ("booking_ref", "ab-12_34/5678901234X", "ab-12_34/5678901234X"),
        ("start_time", "23:59", time(23, 59)),
        ("status", "Cancelled", "cancelled"),
        ("channel", "ONLINE", "online"),
        ("booked_at", "2025-01-23 10:02+08:00", datetime(2025, 1, 23, 10, 2, tzinfo=HONG_KONG)),
        (
            "booked_at",
            "2025-01-23T02:02:00.5+00:00",
            datetime(2025, 1, 23, 2, 2, 0, 500000, UTC),
        ),
    ],
)
def test_accepted_values(tmp_path: Path, column: str, value: str, expected: object) -> None:
    [row] = read_bookings_feed(write(tmp_path, HEADER, row_with(column, value)))
    attribute = {"start_time": "start_time", "booked_at": "booked_at"}.get(column, column)
    assert getattr(row, attribute) == expected


def test_the_demo_feed_reads(tmp_path: Path) -> None:
    summary = write_demo_files(tmp_path / "demo", people=200)
    rows = read_bookings_feed(summary.bookings)
    assert len(rows) == summary.booking_rows > 0
    assert sum(r.status == "cancelled" for r in rows) == summary.cancellations


# --- the file ----------------------------------------------------------------------------------


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "feed.csv"
    path.write_bytes(b"")
    problem = only(path)
    assert problem.line is None and "empty" in problem.reason


def test_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "feed.csv"
    path.write_bytes(f"{HEADER}\r\n{ROW1}\r\n".encode() + "OL1,陳,CW".encode("big5hkscs"))
    problem = only(path)
    assert problem.line == 3 and "not UTF-8" in problem.reason


def test_missing_column(tmp_path: Path) -> None:
    header = HEADER.replace(",channel", "")
    problem = only(write(tmp_path, header, ROW1))
    assert (problem.line, problem.column) == (1, "channel")
    assert "no column 'channel'" in problem.reason


def test_unknown_column(tmp_path: Path) -> None:
    problem = only(write(tmp_path, HEADER + ",notes", ROW1 + ",x"))
    assert (problem.line, problem.column) == (1, "notes")
    assert "unknown column 'notes'" in problem.reason


def test_renamed_column_gives_both(tmp_path: Path) -> None:
    problems = rejected(write(tmp_path, HEADER.replace("start_time", "time"), ROW1))
    assert {p.column for p in problems} == {"start_time", "time"}


def test_repeated_column(tmp_path: Path) -> None:
    problems = rejected(write(tmp_path, HEADER + ",status", ROW1 + ",booked"))
    assert [p.reason for p in problems] == ["column 'status' appears more than once"]


def test_columns_out_of_order(tmp_path: Path) -> None:
    header = HEADER.replace("hkid,clinic", "clinic,hkid")
    problem = only(write(tmp_path, header, ROW1))
    assert problem.line == 1 and "out of order" in problem.reason


def test_wrong_field_count(tmp_path: Path) -> None:
    problem = only(write(tmp_path, HEADER, ROW1 + ",extra"))
    assert problem.line == 2 and "9 fields but the header has 8" in problem.reason


def test_bad_csv_quoting(tmp_path: Path) -> None:
    path = tmp_path / "feed.csv"
    path.write_text(f'{HEADER}\n{ROW1}\n"OL2"x,{P1}\n', encoding="utf-8")
    with pytest.raises(FileRejected):
        read_bookings_feed(path)


# --- each bad field ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("column", "value", "reason"),
    [
        ("booking_ref", "", "empty is not a booking reference"),
        ("booking_ref", "X" * 21, "is not a booking reference"),
        ("booking_ref", "OL 1", "is not a booking reference"),
        ("booking_ref", "OL#1", "is not a booking reference"),
        ("hkid", "", "the HKID is empty"),
        ("clinic", "", "empty is not a clinic code"),
        ("clinic", "Chai Wan", "is not a clinic code"),
        ("date", "24/01/2025", "'24/01/2025' is not a date YYYY-MM-DD"),
        ("date", "20250124", "not a date YYYY-MM-DD"),
        ("date", "2025-02-30", "'2025-02-30' is not a day of the calendar"),
        ("start_time", "9:15", "'9:15' is not a time HH:MM"),
        ("start_time", "09:15:00", "not a time HH:MM"),
        ("start_time", "24:00", "not a time HH:MM"),
        ("channel", "atbs", "'atbs' is not online"),
        ("channel", "", "empty is not online"),
        ("status", "attended", "'attended' is not one of: booked, cancelled"),
        ("booked_at", "2025-01-23T10:02:00", "is not a date and time with an offset"),
        ("booked_at", "2025-01-23", "is not a date and time with an offset"),
        ("booked_at", "yesterday", "is not a date and time with an offset"),
        ("booked_at", "2025-01-32T10:02:00+08:00", "is not a moment of the calendar"),
    ],
)
def test_each_bad_field(tmp_path: Path, column: str, value: str, reason: str) -> None:
    problem = only(write(tmp_path, HEADER, ROW1, row_with(column, value, ROW2)))
    assert (problem.line, problem.column) == (3, column)
    assert reason in problem.reason
    assert f"feed.csv line 3, column {column}: " in str(problem)


def test_every_problem_of_a_row_and_of_the_file(tmp_path: Path) -> None:
    bad = row_with("date", "2025-13-01", row_with("status", "maybe", ROW2))
    problems = rejected(write(tmp_path, HEADER, row_with("clinic", "?"), bad))
    assert [(p.line, p.column) for p in problems] == [(2, "clinic"), (3, "date"), (3, "status")]


def test_problems_are_capped(tmp_path: Path) -> None:
    lines = [row_with("booking_ref", f"R{i}", row_with("channel", "atbs")) for i in range(1200)]
    with pytest.raises(FileRejected) as caught:
        read_bookings_feed(write(tmp_path, HEADER, *lines))
    assert len(caught.value.problems) == MAX_PROBLEMS
    assert caught.value.total == 1200
    assert "and 1180 more" in str(caught.value)


# --- references within the file ----------------------------------------------------------------


def test_booking_ref_booked_twice(tmp_path: Path) -> None:
    again = row_with("hkid", P2)
    problem = only(write(tmp_path, HEADER, ROW1, ROW2, again))
    assert (problem.line, problem.column) == (4, "booking_ref")
    assert "'OL250124CW0001' is booked twice: also on line 2" in problem.reason


def test_booking_ref_cancelled_twice(tmp_path: Path) -> None:
    problem = only(write(tmp_path, HEADER, ROW1, CANCEL1, CANCEL1))
    assert problem.line == 4 and "cancelled twice: also on line 3" in problem.reason


def test_cancellation_of_an_earlier_feed_is_fine(tmp_path: Path) -> None:
    [row] = read_bookings_feed(write(tmp_path, HEADER, CANCEL1))
    assert row.status == "cancelled"


def test_cancellation_before_its_booking(tmp_path: Path) -> None:
    problem = only(write(tmp_path, HEADER, CANCEL1, ROW1))
    assert problem.line == 3 and "booked after its cancellation on line 2" in problem.reason


def test_cancellation_that_does_not_match_its_booking(tmp_path: Path) -> None:
    other = row_with("start_time", "09:30", row_with("hkid", P2, CANCEL1))
    problems = rejected(write(tmp_path, HEADER, ROW1, other))
    assert [(p.line, p.column) for p in problems] == [(3, "hkid"), (3, "start_time")]
    assert "which has 09:15" in problems[1].reason
    assert "K100XXX(X)" in problems[0].reason


# --- R9.3: never a full HKID -------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [
        hkid("K", 100001)[:-2] + "5)",  # a wrong check character
        "K1000015",  # the same, without brackets
        "K100 0015",  # with a space
        "KK1000015Z",  # a stray letter
        "1K1000015",
    ],
)
def test_the_message_never_holds_a_full_hkid(tmp_path: Path, value: str) -> None:
    problem = only(write(tmp_path, HEADER, row_with("hkid", value)))
    assert problem.column == "hkid" and "not a valid HKID" in problem.reason
    text = str(problem)
    for full in (value, value.replace(" ", ""), "100001", "1000015"):
        assert full not in text, text


def test_mismatch_and_duplicate_messages_mask_hkids(tmp_path: Path) -> None:
    other = row_with("hkid", P2, CANCEL1)
    with pytest.raises(FileRejected) as caught:
        read_bookings_feed(write(tmp_path, HEADER, ROW1, other, ROW1))
    text = str(caught.value)
    assert P1 not in text and P2 not in text
    assert P1[:-2].replace("(", "") not in text
