"""Reading the online bookings feed of the online booking system (formats.md F3).

A feed is a CSV file in UTF-8 (a byte-order mark allowed) with the header ``booking_ref, hkid,
clinic, date, start_time, channel, status, booked_at`` in that order. Each row is a booking
(``booked``) or the cancellation of an earlier ``booking_ref`` (``cancelled``), all made online.

The reader checks the file and every row and gives back all of its rows, or none: a bad file
raises :class:`~fc_admin.exchange.errors.FileRejected` with every problem found (up to
:data:`~fc_admin.exchange.roster_csv.MAX_PROBLEMS`, the rest counted), each with the file name,
line, column and reason. HKIDs are never quoted in full (R9.3).

Checked here: the encoding, the header, the form of each value, and the references within the
file (a ``booking_ref`` booked twice or cancelled twice, a cancellation before its booking or
naming another person, clinic or time than the booking). Whether the clinic exists and the rules
of R10.3 (capacity, one appointment a person a day) are the booking service's, against the
database.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from typing import Final

from fc_admin.domain.hkid import InvalidHkid, mask_hkid, normalise_hkid
from fc_admin.exchange.errors import FileProblem, FileRejected, quote_value, safe_hkid_text
from fc_admin.exchange.roster_csv import MAX_PROBLEMS

__all__ = ["FEED_COLUMNS", "FeedRow", "read_bookings_feed"]

# F3: the columns, in this order.
FEED_COLUMNS: Final = (
    "booking_ref",
    "hkid",
    "clinic",
    "date",
    "start_time",
    "channel",
    "status",
    "booked_at",
)
STATUSES: Final = ("booked", "cancelled")
CHANNELS: Final = ("online",)  # F3: the online booking system books online only

_BOOKING_REF: Final = re.compile(r"[A-Za-z0-9_/-]{1,20}")
_CLINIC: Final = re.compile(r"[A-Z0-9]{1,8}")  # clinic.code is String(8)
_DATE: Final = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_HH_MM: Final = re.compile(r"([01][0-9]|2[0-3]):([0-5][0-9])")
# ISO 8601 date and time with an offset (Z or ±HH:MM); seconds and fractions optional.
_MOMENT: Final = re.compile(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]{1,6})?)?"
    r"(?:Z|[+-][0-9]{2}:?[0-9]{2})",
    re.IGNORECASE,
)

_BOM: Final = "\ufeff"


@dataclass(frozen=True)
class FeedRow:
    """One checked row of a feed: HKID canonical (R9.2), clinic code upper case."""

    line: int
    booking_ref: str
    hkid: str
    clinic: str
    day: date
    start_time: time
    channel: str
    status: str  # "booked" or "cancelled"
    booked_at: datetime  # aware


class _Problems:
    def __init__(self, file_name: str) -> None:
        self.file_name = file_name
        self.kept: list[FileProblem] = []
        self.count = 0

    def add(self, line: int | None, column: str | None, reason: str) -> None:
        self.count += 1
        if len(self.kept) < MAX_PROBLEMS:
            self.kept.append(FileProblem(self.file_name, line, column, reason))

    def reject(self) -> FileRejected:
        return FileRejected(sorted(self.kept, key=lambda p: p.line or 0), total=self.count)


def read_bookings_feed(path: Path) -> list[FeedRow]:
    """The rows of the F3 feed ``path`` in file order; :class:`FileRejected` if anything is wrong.

    Blank lines are ignored. A file with a header and no rows gives an empty list (a day without
    online bookings). ``OSError`` if the file cannot be read.
    """
    problems = _Problems(path.name)
    data = path.read_bytes()
    text = _decode(data, problems)
    if text is None:
        raise problems.reject()
    rows = _read(text, problems)
    if problems.count:
        raise problems.reject()
    return rows


def _decode(data: bytes, problems: _Problems) -> str | None:
    try:
        return data.decode("utf-8").removeprefix(_BOM)
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        bad = data[exc.start : exc.end][:4].hex(" ")
        problems.add(
            line, None, f"not UTF-8 text: byte {bad} cannot be decoded (F3 feeds are UTF-8)"
        )
        return None


def _read(text: str, problems: _Problems) -> list[FeedRow]:
    rows: list[FeedRow] = []
    records = csv.reader(text.splitlines(keepends=True))
    header_ok = False
    # booking_ref -> the row that booked it, and the line of its cancellation.
    booked: dict[str, FeedRow] = {}
    cancelled: dict[str, int] = {}
    cancelled_before: dict[str, int] = {}  # cancelled, then booked further down: reported
    previous_end = 0
    try:
        for fields in records:
            line = previous_end + 1  # a quoted field may span lines: the record's first
            previous_end = records.line_num
            if not any(field.strip() for field in fields):
                continue  # blank lines (and rows of empty cells) carry nothing
            if not header_ok:
                if not _check_header(line, fields, problems):
                    return []
                header_ok = True
                continue
            row = _check_row(line, fields, problems)
            if row is None:
                continue
            _check_reference(row, booked, cancelled, cancelled_before, problems)
            rows.append(row)
    except csv.Error as exc:
        problems.add(
            records.line_num, None, f"the file is not valid CSV here ({exc}); reading stopped"
        )
        return []
    if not header_ok:
        problems.add(None, None, "the file is empty; a header row is required")
    return rows


def _check_header(line: int, fields: list[str], problems: _Problems) -> bool:
    columns = [name.strip().lower() for name in fields]
    if columns == list(FEED_COLUMNS):
        return True
    expected = ", ".join(FEED_COLUMNS)
    missing = [name for name in FEED_COLUMNS if name not in columns]
    unknown = [name for name in columns if name not in FEED_COLUMNS]
    repeated = sorted(
        {name for name in columns if name in FEED_COLUMNS and columns.count(name) > 1}
    )
    for name in missing:
        problems.add(line, name, f"the header has no column {quote_value(name)}")
    for name in unknown:
        shown = quote_value(name) if name else "(no name)"
        problems.add(line, name or None, f"unknown column {shown}; F3 has exactly: {expected}")
    for name in repeated:
        problems.add(line, name, f"column {quote_value(name)} appears more than once")
    if not (missing or unknown or repeated):
        problems.add(line, None, f"the columns are out of order; F3 has them as: {expected}")
    return False


def _check_row(line: int, fields: list[str], problems: _Problems) -> FeedRow | None:
    """The row, or None after reporting every problem it has."""
    if len(fields) != len(FEED_COLUMNS):
        problems.add(
            line, None, f"the row has {len(fields)} fields but the header has {len(FEED_COLUMNS)}"
        )
        return None
    before = problems.count
    raw = dict(zip(FEED_COLUMNS, (field.strip() for field in fields), strict=True))

    def bad(column: str, reason: str) -> None:
        problems.add(line, column, reason)

    def shown(column: str) -> str:
        return quote_value(raw[column]) if raw[column] else "empty"

    booking_ref = raw["booking_ref"]
    if not _BOOKING_REF.fullmatch(booking_ref):
        bad(
            "booking_ref",
            f"{shown('booking_ref')} is not a booking reference "
            "(1 to 20 letters, digits, '-', '_' or '/')",
        )

    hkid: str | None = None
    if not raw["hkid"]:
        bad("hkid", "the HKID is empty")
    else:
        try:
            hkid = normalise_hkid(raw["hkid"])
        except InvalidHkid as exc:
            # R9.3: never the value in full, even a wrong one.
            bad("hkid", f"{safe_hkid_text(raw['hkid'])} is not a valid HKID: {exc.reason}")

    clinic = raw["clinic"].upper()
    if not _CLINIC.fullmatch(clinic):
        bad("clinic", f"{shown('clinic')} is not a clinic code (e.g. CW, KLN)")

    day: date | None = None
    if _DATE.fullmatch(raw["date"]):
        try:
            day = date.fromisoformat(raw["date"])
        except ValueError:
            bad("date", f"{shown('date')} is not a day of the calendar")
    else:
        bad("date", f"{shown('date')} is not a date YYYY-MM-DD")

    start: time | None = None
    match = _HH_MM.fullmatch(raw["start_time"])
    if match is not None:
        start = time(int(match[1]), int(match[2]))
    else:
        bad("start_time", f"{shown('start_time')} is not a time HH:MM (24-hour)")

    channel = raw["channel"].lower()
    if channel not in CHANNELS:
        bad("channel", f"{shown('channel')} is not online; the feed has online bookings only")

    status = raw["status"].lower()
    if status not in STATUSES:
        bad("status", f"{shown('status')} is not one of: {', '.join(STATUSES)}")

    booked_at: datetime | None = None
    if _MOMENT.fullmatch(raw["booked_at"]):
        try:
            booked_at = datetime.fromisoformat(raw["booked_at"].upper().replace("Z", "+00:00"))
        except ValueError:
            bad("booked_at", f"{shown('booked_at')} is not a moment of the calendar")
    else:
        bad(
            "booked_at",
            f"{shown('booked_at')} is not a date and time with an offset "
            "(ISO 8601, e.g. 2025-01-20T09:15:00+08:00)",
        )

    if problems.count != before:
        return None
    assert hkid is not None and day is not None and start is not None and booked_at is not None
    return FeedRow(
        line=line,
        booking_ref=booking_ref,
        hkid=hkid,
        clinic=clinic,
        day=day,
        start_time=start,
        channel=channel,
        status=status,
        booked_at=booked_at,
    )


def _check_reference(
    row: FeedRow,
    booked: dict[str, FeedRow],
    cancelled: dict[str, int],
    cancelled_before: dict[str, int],
    problems: _Problems,
) -> None:
    """The references within the file: booked once, cancelled once, after the booking (F3)."""
    ref = row.booking_ref
    if row.status == "booked":
        first = booked.get(ref)
        if first is not None:
            problems.add(
                row.line,
                "booking_ref",
                f"{quote_value(ref)} is booked twice: also on line {first.line}",
            )
            return
        booked[ref] = row
        if ref in cancelled_before:
            problems.add(
                row.line,
                "booking_ref",
                f"{quote_value(ref)} is booked after its cancellation on line "
                f"{cancelled_before[ref]}; a cancellation follows its booking",
            )
        return
    if ref in cancelled:
        problems.add(
            row.line,
            "booking_ref",
            f"{quote_value(ref)} is cancelled twice: also on line {cancelled[ref]}",
        )
        return
    cancelled[ref] = row.line
    original = booked.get(ref)
    if original is None:
        # A booking of an earlier feed, or one further down (reported when it comes).
        cancelled_before[ref] = row.line
        return
    for column, mine, theirs in (
        ("hkid", row.hkid, original.hkid),
        ("clinic", row.clinic, original.clinic),
        ("date", row.day, original.day),
        ("start_time", row.start_time, original.start_time),
    ):
        if mine != theirs:
            what = mask_hkid(str(theirs)) if column == "hkid" else _text(theirs)
            problems.add(
                row.line,
                column,
                f"the cancellation of {quote_value(ref)} does not match its booking on line "
                f"{original.line}, which has {what}",
            )


def _text(value: object) -> str:
    if isinstance(value, time):
        return f"{value:%H:%M}"
    if isinstance(value, date):
        return value.isoformat()
    return str(value)
