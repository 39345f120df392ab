"""spec/cli.md: session templates, closures and appointments on the command line (R8, R10)."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import sys
from datetime import date
from pathlib import Path

import pytest

from fc_admin.db import Database
from fc_admin.services import Services
from fc_admin.services.audit import AuditFilter
from tests.cli.test_cli import isolated, run, run_json  # noqa: F401  (autouse fixture)
from tests.conftest import ADMIN
from tests.services.factories import hkid

# Six officers of one department: enough to fill a 4-seat slot and have people left over.
PEOPLE = [hkid("K", 300001 + i) for i in range(6)]
REF = re.compile(r"[A-Z]{2,3}\d{6}-[A-Z2-9]{5}")

# Monday 20 Jan 2025 10:00: HK is not live (manual books D and the next 7 working days); CW went
# live that day (online and manual book D and D+1 that are operating days, R8.1).
MONDAY = "2025-01-20T10:00"
THURSDAY = "2025-01-23T10:00"

STANDARD = """\
[[session]]
name = "AM"
days = ["Mon", "Tue", "Wed", "Thu", "Fri"]
start = "09:00"
end = "13:00"
slot_minutes = 15
capacity = 4
online = 2
"""


@pytest.fixture
def roster(capsys: pytest.CaptureFixture[str], isolated: Path) -> list[str]:  # noqa: F811
    """The six officers imported as the LCSD roster (F1) through the command line."""
    path = isolated / "LCSD.csv"
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(
            [
                "source",
                "staff_no",
                "hkid",
                "name_en",
                "name_zh",
                "date_of_birth",
                "category",
                "relationship",
                "principal_hkid",
                "child_status",
                "status",
                "status_date",
            ]
        )
        for i, person in enumerate(PEOPLE):
            writer.writerow(
                [
                    "LCSD",
                    f"L30000{i}",
                    person,
                    f"CHEUNG, Officer {chr(65 + i)}",
                    "",
                    "1980-01-01",
                    "officer",
                    "self",
                    person,
                    "",
                    "active",
                    "",
                ]
            )
    code, _out, err = run(capsys, "roster", "import", str(path), "--source", "LCSD")
    assert code == 0, err
    return PEOPLE


def book(
    capsys: pytest.CaptureFixture[str],
    person: str,
    *,
    clinic: str = "HK",
    day: str = "2025-01-21",
    at: str = MONDAY,
    time: str = "10:00",
    channel: str = "manual",
    extra: tuple[str, ...] = (),
) -> tuple[int, str, str]:
    return run(
        capsys,
        "appointments",
        "book",
        "--clinic",
        clinic,
        "--hkid",
        person,
        "--date",
        day,
        "--time",
        time,
        "--channel",
        channel,
        "--at",
        at,
        *extra,
    )


def services() -> tuple[Database, Services]:
    db = Database(os.environ["FC_ADMIN_DATABASE_URL"])
    return db, Services(db)


def window(capsys: pytest.CaptureFixture[str], clinic: str, channel: str, at: str) -> list[str]:
    code, doc = run_json(
        capsys, "booking", "window", "--clinic", clinic, "--channel", channel, "--at", at
    )
    assert code == 0
    return doc["dates"]  # type: ignore[index,no-any-return]


# --- capacity template (F8, R10.1) ------------------------------------------------------------


def test_r10_1_template_loaded_and_described(
    capsys: pytest.CaptureFixture[str],
    isolated: Path,  # noqa: F811
) -> None:
    path = isolated / "hk.toml"
    path.write_text(
        "# HK from February: Saturday mornings too\n"
        + STANDARD.replace('"Fri"]', '"Fri", "Sat"]')
        + '\n[[session]]\nname = "PM"\ndays = ["Mon", "Wed"]\nstart = "14:00"\nend = "17:00"\n'
        "slot_minutes = 20\ncapacity = 3\nonline = 1\n",
        encoding="utf-8",
    )
    code, doc = run_json(capsys, "capacity", "template", "hk", "--from", "2025-02-03", str(path))
    assert code == 0
    assert doc["clinic"] == "HK" and doc["valid_from"] == "2025-02-03"  # type: ignore[index]
    assert doc["sessions"] == [  # type: ignore[index]
        {
            "name": "AM",
            "days": ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat"],
            "start": "09:00",
            "end": "13:00",
            "slot_minutes": 15,
            "capacity": 4,
            "online": 2,
            "slots": 16,
        },
        {
            "name": "PM",
            "days": ["Mon", "Wed"],
            "start": "14:00",
            "end": "17:00",
            "slot_minutes": 20,
            "capacity": 3,
            "online": 1,
            "slots": 9,
        },
    ]
    assert doc["slots_per_day"] == {  # type: ignore[index]
        "Mon": 25,
        "Tue": 16,
        "Wed": 25,
        "Thu": 16,
        "Fri": 16,
        "Sat": 16,
        "Sun": 0,
    }
    # Loading again from the same date replaces it; the text names what was loaded.
    code, out, _err = run(capsys, "capacity", "template", "HK", "--from", "2025-02-03", str(path))
    assert code == 0
    assert "valid from 2025-02-03" in out and "Mon 25" in out and "Sun 0" in out
    db, svc = services()
    try:
        loaded = svc.capacity.templates("HK")
        assert [t.valid_from.isoformat() for t in loaded] == ["2024-01-01", "2025-02-03"]
        assert loaded[-1].source_text.startswith("# HK from February")  # the file as written
        assert loaded[-1].created_by.startswith("cli:")
    finally:
        db.dispose()


def test_f8_bad_template_refused_with_every_reason_nothing_changed(
    capsys: pytest.CaptureFixture[str],
    isolated: Path,  # noqa: F811
) -> None:
    assert run(capsys, "db", "upgrade")[0] == 0
    path = isolated / "bad.toml"
    path.write_text(
        STANDARD.replace("online = 2", "online = 5")
        + '\n[[session]]\nname = "MID"\ndays = ["Mon"]\nstart = "12:00"\nend = "14:00"\n'
        "slot_minutes = 20\ncapacity = 2\nonline = 0\n",
        encoding="utf-8",
    )
    code, out, err = run(capsys, "capacity", "template", "CW", "--from", "2025-02-03", str(path))
    assert code == 1 and out == ""
    assert "bad.toml line 8, column AM.online: online (5) is more than capacity (4)" in err
    assert re.search(
        r"bad\.toml line \d+, column MID[.a-z_]*: .*'AM' and 'MID' overlap on Mon", err
    )
    assert "template refused, nothing changed" in err and "Traceback" not in err
    db, svc = services()
    try:
        assert [t.valid_from.isoformat() for t in svc.capacity.templates("CW")] == ["2024-01-01"]
    finally:
        db.dispose()
    # A missing file and a bad date are refused too; --from is required (usage).
    assert run(capsys, "capacity", "template", "CW", "--from", "2025-02-03", "nope.toml")[0] == 1
    code, _out, err = run(capsys, "capacity", "template", "CW", "--from", "3/2/2025", str(path))
    assert code == 1 and "not a valid date" in err
    assert run(capsys, "capacity", "template", "CW", str(path))[0] == 2


def test_r10_1_template_that_would_orphan_bookings_is_refused(
    capsys: pytest.CaptureFixture[str],
    roster: list[str],
    isolated: Path,  # noqa: F811
) -> None:
    assert book(capsys, roster[0], time="11:00")[0] == 0
    path = isolated / "short.toml"
    path.write_text(STANDARD.replace('end = "13:00"', 'end = "10:00"'), encoding="utf-8")
    code, _out, err = run(capsys, "capacity", "template", "HK", "--from", "2025-01-20", str(path))
    assert code == 1 and "would drop 1 booked appointment" in err
    # From a later date it is fine: the booked day keeps its template.
    code, _out, err = run(capsys, "capacity", "template", "HK", "--from", "2025-01-27", str(path))
    assert code == 0, err


# --- appointments book / cancel (R8, R10.3) -----------------------------------------------------


def test_r10_book_prints_the_reference_and_is_audited(
    capsys: pytest.CaptureFixture[str], roster: list[str]
) -> None:
    code, out, err = book(capsys, roster[0], extra=("--phone", "9123 4567"))
    assert code == 0, err
    assert REF.fullmatch(out.strip()), out  # only the reference on stdout
    assert out.strip().startswith("HK250121-")
    assert "K300XXX(X)" in err and roster[0] not in out + err  # R9.3
    code, doc = run_json(
        capsys,
        "appointments",
        "book",
        "--clinic",
        "hk",
        "--hkid",
        roster[1].replace("(", "").replace(")", "").lower(),  # R9.2: normalised
        "--date",
        "2025-01-21",
        "--time",
        "9:15",
        "--channel",
        "atbs",
        "--at",
        MONDAY,
    )
    assert code == 0
    assert isinstance(doc, dict) and REF.fullmatch(doc.pop("booking_ref"))
    assert doc == {
        "clinic": "HK",
        "date": "2025-01-21",
        "time": "09:15",
        "channel": "atbs",
        "hkid": "K300XXX(X)",
    }
    db, svc = services()
    try:
        rows = svc.appointments.day_appointments("HK", date(2025, 1, 21))
        assert {(r.start_time.isoformat("minutes"), r.channel) for r in rows} == {
            ("10:00", "manual"),
            ("09:15", "atbs"),
        }
        assert {r.contact_phone for r in rows} == {"9123 4567", ""}
        audit = svc.audit.page(ADMIN, AuditFilter(), 0, 10)
        assert [a.action for a in audit][:2] == ["appointment.book", "appointment.book"]
        assert all(a.actor.startswith("cli:") for a in audit[:2])
    finally:
        db.dispose()


def test_r10_3_one_appointment_a_day_per_person(
    capsys: pytest.CaptureFixture[str], roster: list[str]
) -> None:
    assert book(capsys, roster[0])[0] == 0
    code, out, err = book(capsys, roster[0], time="14:00")
    assert code == 1 and out == ""
    assert "already has an appointment on 2025-01-21" in err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    # Another clinic the same day is no different; another day is fine.
    assert book(capsys, roster[0], clinic="KLN")[0] == 1
    assert book(capsys, roster[0], day="2025-01-22")[0] == 0


def test_r10_3_full_slot_refused_and_cancel_frees_the_seat(
    capsys: pytest.CaptureFixture[str], roster: list[str]
) -> None:
    refs = []
    for person in roster[:4]:  # capacity 4, all telephone before go-live (R7.2)
        code, out, err = book(capsys, person)
        assert code == 0, err
        refs.append(out.strip())
    code, _out, err = book(capsys, roster[4])
    assert code == 1 and "the 10:00 slot on 2025-01-21 is full for manual bookings" in err
    assert book(capsys, roster[4], channel="atbs")[0] == 1  # ATBS shares the telephone seats

    code, out, err = run(
        capsys, "appointments", "cancel", refs[0], "--reason", "patient asked", "--at", MONDAY
    )
    assert code == 0, err
    assert out.startswith(f"{refs[0]} cancelled")
    code, out, err = book(capsys, roster[4])
    assert code == 0, err
    # The cancelled person may book again that day: a cancelled appointment is not active.
    assert book(capsys, roster[0], time="10:15")[0] == 0

    code, doc = run_json(capsys, "appointments", "cancel", refs[1], "--reason", "moved abroad")
    assert code == 0
    assert doc["status"] == "CANCELLED" and doc["reason"] == "moved abroad"  # type: ignore[index]
    assert doc["booking_ref"] == refs[1] and doc["hkid"] == "K300XXX(X)"  # type: ignore[index]


def test_r10_5_cancel_refusals(capsys: pytest.CaptureFixture[str], roster: list[str]) -> None:
    _code, out, _err = book(capsys, roster[0])
    ref = out.strip()
    code, _out, err = run(capsys, "appointments", "cancel", "HK250121-ZZZZZ", "--reason", "x")
    assert code == 1 and "there is no appointment HK250121-ZZZZZ" in err
    code, _out, err = run(capsys, "appointments", "cancel", ref, "--reason", "  ")
    assert code == 1 and "needs a reason" in err
    assert run(capsys, "appointments", "cancel", ref, "--reason", "ill")[0] == 0
    code, _out, err = run(capsys, "appointments", "cancel", ref, "--reason", "again")
    assert code == 1 and "is CANCELLED, not booked" in err
    assert run(capsys, "appointments", "cancel", ref)[0] == 2  # --reason is required


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        # Lunar New Year's Day: a general holiday closes every clinic (R10.2).
        ({"day": "2025-01-29", "at": "2025-01-28T10:00"}, "is a general holiday"),
        # HK is not live: online does not serve it (R7.2).
        ({"channel": "online"}, "HK is not live on online booking yet"),
        # CW is live from 20 Jan: ATBS no longer books it (R7.2).
        ({"clinic": "CW", "channel": "atbs"}, "ATBS no longer books CW"),
        # Live window: D and D+1 only (R8.1).
        ({"clinic": "CW", "day": "2025-01-22"}, "outside the booking window"),
        # R8.4: a same-day slot must start after "now".
        ({"day": "2025-01-20", "time": "09:45"}, "already started or passed"),
        ({"time": "10:05"}, "no slot at 10:05"),
        ({"time": "25:00"}, "not a time HH:MM"),
        ({"day": "2025-02-30"}, "not a valid date"),
        ({"day": "2025-01-25"}, "no sessions on 2025-01-25 (Saturday)"),
        ({"clinic": "XX"}, "unknown clinic code XX"),
        ({"extra": ("--phone", "call me")}, "is not a telephone number"),
    ],
)
def test_r8_r10_refused_bookings_exit_1_with_the_reason(
    capsys: pytest.CaptureFixture[str],
    roster: list[str],
    kwargs: dict[str, object],
    message: str,
) -> None:
    code, out, err = book(capsys, roster[0], **kwargs)  # type: ignore[arg-type]
    assert code == 1 and out == ""
    assert message in err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_r1_not_on_a_roster_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    code, _out, err = book(capsys, "A123456(3)")
    assert code == 1 and "A123XXX(X) is not on any department's roster" in err
    assert "A123456" not in err  # R9.3
    code, _out, err = book(capsys, "A123456(4)")
    assert code == 1 and "HKID is not valid" in err


def test_book_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert book(capsys, "A123456(3)", channel="fax")[0] == 2
    assert run(capsys, "appointments", "book", "--clinic", "HK", "--hkid", "A123456(3)")[0] == 2


def test_request_id_books_once(capsys: pytest.CaptureFixture[str], roster: list[str]) -> None:
    first = book(capsys, roster[0], extra=("--request-id", "job-42"))
    again = book(capsys, roster[0], extra=("--request-id", "job-42"))
    assert first[0] == again[0] == 0 and first[1] == again[1]


def test_r13_2_clinic_staff_book_only_their_clinic(
    capsys: pytest.CaptureFixture[str], roster: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO("a-long-password\n"))
    assert run(capsys, "users", "add", "wong.kln", "--role", "clinic", "--clinic", "KLN")[0] == 0
    code, _out, err = book(capsys, roster[0], extra=("--as", "wong.kln"))
    assert code == 1 and "works for clinic KLN, not HK" in err
    assert book(capsys, roster[0], clinic="KLN", extra=("--as", "wong.kln"))[0] == 0
    # The clinic role books but does not manage capacity.
    code, _out, err = run(
        capsys, "capacity", "close", "KLN", "2025-01-22", "--reason", "x", "--as", "wong.kln"
    )
    assert code == 1 and "not allowed" in err


# --- closures (R10.2) and the booking window on operating days (R8) ------------------------------


def test_r10_2_close_lists_the_affected_appointments(
    capsys: pytest.CaptureFixture[str],
    roster: list[str],
    isolated: Path,  # noqa: F811
) -> None:
    _code, out, _err = book(capsys, roster[0], extra=("--phone", "9123 4567"))
    first = out.strip()
    _code, out, _err = book(capsys, roster[1], time="09:00")
    second = out.strip()
    assert book(capsys, roster[2], time="14:00")[0] == 0  # PM: not affected by an AM closure

    code, doc = run_json(
        capsys,
        "capacity",
        "close",
        "hk",
        "2025-01-21",
        "--session",
        "AM",
        "--reason",
        "Typhoon signal No. 8",
        "--at",
        "2025-01-20T18:00",
    )
    assert code == 0
    assert doc == {
        "clinic": "HK",
        "date": "2025-01-21",
        "session": "AM",
        "reason": "Typhoon signal No. 8",
        "affected": [
            {
                "booking_ref": second,
                "time": "09:00",
                "name_en": "CHEUNG, Officer B",
                "hkid_masked": "K300XXX(X)",
                "contact_phone": "",
            },
            {
                "booking_ref": first,
                "time": "10:00",
                "name_en": "CHEUNG, Officer A",
                "hkid_masked": "K300XXX(X)",
                "contact_phone": "9123 4567",
            },
        ],
    }
    # No new booking in the closed session; the PM session still books.
    code, _out, err = book(capsys, roster[3], time="11:00")
    assert code == 1 and "the AM session of HK on 2025-01-21 is closed" in err
    assert book(capsys, roster[3], time="15:00")[0] == 0
    code, _out, err = run(
        capsys, "capacity", "close", "HK", "2025-01-21", "--session", "AM", "--reason", "again"
    )
    assert code == 1 and "already closed" in err
    code, _out, err = run(
        capsys, "capacity", "close", "HK", "2025-01-21", "--session", "EVE", "--reason", "x"
    )
    assert code == 1 and "no session EVE" in err and "AM, PM" in err

    # The whole rest of the day; text output: a count, then one line to call per appointment.
    code, out, err = run(capsys, "capacity", "close", "HK", "2025-01-21", "--reason", "Signal 8")
    assert code == 0, err
    lines = out.strip().splitlines()
    assert lines[0] == "HK closed on 2025-01-21 (whole day): Signal 8"
    assert lines[1].startswith("4 booked appointment(s) affected")
    assert len(lines) == 6 and all("K300XXX(X)" in line for line in lines[2:])
    assert all(p not in out for p in roster)  # R9.3

    # The call list of the AM closure as CSV (optional extra command).
    target = isolated / "calls.csv"
    code, doc = run_json(
        capsys,
        "capacity",
        "call-list",
        "HK",
        "2025-01-21",
        "--session",
        "AM",
        "--csv",
        str(target),
    )
    assert code == 0
    assert doc["files"] == [{"kind": "csv", "file": str(target), "rows": 2}]  # type: ignore[index]
    text = target.read_text(encoding="utf-8-sig")
    assert first in text and second in text and "9123 4567" in text
    assert all(p not in text for p in roster)
    code, _out, err = run(capsys, "capacity", "call-list", "HK", "2025-01-22", "--csv", "x.csv")
    assert code == 1 and "no closure" in err
    assert run(capsys, "capacity", "call-list", "HK", "2025-01-21")[0] == 2


def test_r8_booking_window_skips_a_closed_day(capsys: pytest.CaptureFixture[str]) -> None:
    # CW is live: D and D+1 that are operating days (R8.1).
    assert window(capsys, "CW", "online", THURSDAY) == ["2025-01-23", "2025-01-24"]
    code, _out, err = run(
        capsys, "capacity", "close", "CW", "2025-01-24", "--session", "AM", "--reason", "training"
    )
    assert code == 0, err
    # One session closed: the day still operates.
    assert window(capsys, "CW", "online", THURSDAY) == ["2025-01-23", "2025-01-24"]
    code, _out, err = run(capsys, "capacity", "close", "CW", "2025-01-24", "--reason", "training")
    assert code == 0, err
    assert window(capsys, "CW", "online", THURSDAY) == ["2025-01-23"]
    assert window(capsys, "CW", "manual", THURSDAY) == ["2025-01-23"]

    # HK is not live: D and the next 7 working days; Lunar New Year (29-31 Jan) is never listed,
    # and a closed day is left out.
    before = window(capsys, "HK", "manual", MONDAY)
    assert "2025-01-22" in before and "2025-01-29" not in before
    assert run(capsys, "capacity", "close", "HK", "2025-01-22", "--reason", "black rain")[0] == 0
    after = window(capsys, "HK", "manual", MONDAY)
    assert "2025-01-22" not in after and "2025-01-21" in after and "2025-01-23" in after


# --- the online bookings feed (F3) ------------------------------------------------------------

FEED_HEADER = "booking_ref,hkid,clinic,date,start_time,channel,status,booked_at\n"


def test_f3_import_feed(
    capsys: pytest.CaptureFixture[str],
    roster: list[str],
    isolated: Path,  # noqa: F811
) -> None:
    feed = isolated / "feed.csv"
    feed.write_text(
        FEED_HEADER
        + f'OB1,"{roster[0]}",CW,2025-01-23,09:00,online,booked,2025-01-22T20:15:00+08:00\n'
        + f'OB2,"{roster[1]}",CW,2025-01-23,09:00,online,booked,2025-01-22T20:16:00+08:00\n'
        + f'OB3,"{roster[2]}",CW,2025-01-24,09:00,online,booked,2025-01-22T20:17:00+08:00\n'
        + f'OB3,"{roster[2]}",CW,2025-01-24,09:00,online,cancelled,2025-01-22T21:00:00+08:00\n',
        encoding="utf-8",
    )
    code, out, err = run(capsys, "appointments", "import", str(feed))
    assert code == 0, err
    assert out.strip() == "feed.csv: 3 booked, 1 cancelled, 0 unchanged"
    # The same feed again changes nothing.
    code, doc = run_json(capsys, "appointments", "import", str(feed))
    assert code == 0
    assert doc == {"file": "feed.csv", "booked": 0, "cancelled": 0, "unchanged": 4}
    # The feed's online seats count (R10.3): CW 09:00 on the 23rd has 2 online seats, both taken.
    code, _out, err = book(
        capsys,
        roster[3],
        clinic="CW",
        day="2025-01-23",
        at="2025-01-23T08:00",
        time="09:00",
        channel="online",
    )
    assert code == 1 and "full for online bookings" in err
    # Imported appointments can be cancelled by staff like any other.
    code, _out, err = run(capsys, "appointments", "cancel", "OB1", "--reason", "duplicate")
    assert code == 0, err


def test_f3_feed_with_one_bad_row_imports_nothing(
    capsys: pytest.CaptureFixture[str],
    roster: list[str],
    isolated: Path,  # noqa: F811
) -> None:
    assert book(capsys, roster[0], clinic="CW", day="2025-01-23", at=THURSDAY, time="11:00")[0] == 0
    feed = isolated / "bad-feed.csv"
    feed.write_text(
        FEED_HEADER
        + f'OB1,"{roster[1]}",CW,2025-01-23,09:00,online,booked,2025-01-22T20:15:00+08:00\n'
        # line 3: a second appointment that day for roster[0] (R10.3)
        + f'OB2,"{roster[0]}",CW,2025-01-23,09:15,online,booked,2025-01-22T20:16:00+08:00\n'
        + f'OB3,"{roster[2]}",CW,2025-01-24,09:00,online,booked,2025-01-22T20:17:00+08:00\n',
        encoding="utf-8",
    )
    code, out, err = run(capsys, "appointments", "import", str(feed))
    assert code == 1 and out == ""
    assert re.search(r"bad-feed\.csv line 3\b.*already has an appointment on 2025-01-23", err)
    assert "feed refused, nothing imported" in err and "Traceback" not in err
    assert roster[0] not in err  # R9.3
    code, _out, err = run(capsys, "appointments", "cancel", "OB1", "--reason", "x")
    assert code == 1 and "there is no appointment OB1" in err  # nothing of the file went in

    # A malformed row is reported with its line and column by the reader.
    feed.write_text(
        FEED_HEADER
        + f'OB1,"{roster[1]}",CW,2025-01-23,09:00,online,booked,2025-01-22T20:15:00+08:00\n'
        + f'OB2,"{roster[2]}",CW,2025-01-23,9 am,online,booked,2025-01-22T20:16:00+08:00\n',
        encoding="utf-8",
    )
    code, _out, err = run(capsys, "appointments", "import", str(feed))
    assert code == 1 and re.search(r"bad-feed\.csv line 3, column start_time", err)
    code, _out, err = run(capsys, "appointments", "import", str(isolated / "none.csv"))
    assert code == 1 and "no such file" in err


def test_json_output_is_only_json(capsys: pytest.CaptureFixture[str], roster: list[str]) -> None:
    code, out, err = book(capsys, roster[0], extra=("--json",))
    assert code == 0
    assert json.loads(out)["time"] == "10:00"
    assert err == ""
