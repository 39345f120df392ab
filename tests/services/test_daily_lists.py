"""R11: the daily list service on both databases: sessions, order, cancelled, rights, audit.

The test clock is Wednesday 8 January 2025, 10:00 HKT. HK is not live: manual telephone books
9 January. CW is live from 20 January.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from datetime import date, time
from pathlib import Path

import pytest

from fc_admin.domain.booking_window import Channel
from fc_admin.domain.roles import Role
from fc_admin.services import Services
from fc_admin.services.errors import NotFound, PermissionDenied
from tests.conftest import ADMIN, actor_for
from tests.services.booking_support import (
    CW_STAFF,
    HK_STAFF,
    OPERATOR,
    audit_records,
    hk,
    rostered,
)

JAN9 = date(2025, 1, 9)  # Thursday
FULL_HKID = re.compile(r"[A-Z]{1,2}[0-9]{6}\s*\(?[0-9A]\)")


def book(services: Services, person: str, start: time, phone: str | None = None) -> str:
    return services.appointments.book(
        HK_STAFF, "HK", person, JAN9, start, Channel.MANUAL, contact_phone=phone
    ).booking_ref


@pytest.fixture
def booked(services: Services) -> dict[str, str]:
    people = rostered(services.db, 5)
    refs = {
        "pm": book(services, people[0], time(14)),
        "am_late": book(services, people[1], time(9, 15), phone="91234567"),
        "am_a": book(services, people[2], time(9)),
        "am_b": book(services, people[3], time(9)),
        "gone": book(services, people[4], time(10)),
    }
    services.appointments.cancel(HK_STAFF, refs["gone"], "caller asked")
    return refs


def test_r11_sessions_in_time_order_rows_by_time_then_ref(
    services: Services, booked: dict[str, str]
) -> None:
    daily = services.daily_lists.daily_list(HK_STAFF, "hk", JAN9)
    assert (daily.clinic_code, daily.day, daily.live) == ("HK", JAN9, False)
    assert daily.clinic_name_zh and daily.clinic_name_en
    assert [(s.name, s.start, s.end, s.closed) for s in daily.sessions] == [
        ("AM", time(9), time(13), False),
        ("PM", time(14), time(17), False),
    ]
    am, pm = daily.sessions
    nine = sorted([booked["am_a"], booked["am_b"]])
    assert [r.booking_ref for r in am.rows] == [*nine, booked["am_late"]]
    assert [r.booking_ref for r in pm.rows] == [booked["pm"]]
    assert (am.total, pm.total, daily.total) == (3, 1, 4)
    assert am.by_channel() == {"manual": 3}
    assert [(r.booking_ref, r.status) for r in daily.cancelled] == [(booked["gone"], "CANCELLED")]
    for r in daily.all_rows():
        assert re.fullmatch(r"K[0-9]{3}XXX\(X\)", r.hkid_masked)
        assert r.name_zh == "陳公務員" and r.category
    assert daily.no_sessions_en == ""


def test_r11_closed_session_marked_with_its_reason(
    services: Services, booked: dict[str, str]
) -> None:
    services.capacity.close(ADMIN, "HK", JAN9, "PM", "Typhoon signal No. 8")
    am, pm = services.daily_lists.daily_list(HK_STAFF, "HK", JAN9).sessions
    assert not am.closed
    assert (pm.closed, pm.closure_reason, pm.total) == (True, "Typhoon signal No. 8", 1)


def test_r11_dates_without_sessions_say_why(services: Services) -> None:
    saturday = services.daily_lists.daily_list(OPERATOR, "HK", date(2025, 1, 11))
    assert saturday.sessions == () and saturday.cancelled == ()
    assert "Saturday" in saturday.no_sessions_en and "星期六" in saturday.no_sessions_zh
    new_year = services.daily_lists.daily_list(OPERATOR, "CW", date(2025, 1, 29))
    assert new_year.sessions == ()
    assert "holiday" in new_year.no_sessions_en and "假期" in new_year.no_sessions_zh
    before_templates = services.daily_lists.daily_list(OPERATOR, "CW", date(2023, 6, 1))
    assert "no session template" in before_templates.no_sessions_en


def test_r13_2_permission_and_own_clinic_only(services: Services, booked: dict[str, str]) -> None:
    with pytest.raises(PermissionDenied):
        services.daily_lists.daily_list(actor_for(Role.CLERK), "HK", JAN9)
    with pytest.raises(PermissionDenied, match="works for clinic CW, not HK"):
        services.daily_lists.daily_list(CW_STAFF, "HK", JAN9)
    with pytest.raises(PermissionDenied):
        services.daily_lists.export(CW_STAFF, "HK", JAN9, Path("/nonexistent/x.csv"), "csv")
    with pytest.raises(NotFound):
        services.daily_lists.daily_list(OPERATOR, "ZZ", JAN9)
    assert services.daily_lists.daily_list(actor_for(Role.SUPERVISOR), "HK", JAN9).total == 4
    assert audit_records(services.db, "daily_list.export") == []


def test_r11_every_print_and_export_audited(
    services: Services, booked: dict[str, str], tmp_path: Path
) -> None:
    csv_path = tmp_path / "hk.csv"
    assert services.daily_lists.export(HK_STAFF, "HK", JAN9, csv_path, "csv") == 5
    text = csv_path.read_text(encoding="utf-8-sig")
    assert booked["gone"] in text and "CANCELLED" in text
    assert "91234567" not in text and "1980-01-01" not in text  # R11: no phone, no DOB
    assert not FULL_HKID.search(text)
    (export,) = audit_records(services.db, "daily_list.export")
    assert (export.actor, export.entity_type, export.entity_id) == (
        "clinic.hk",
        "clinic_day",
        "HK:2025-01-09",
    )
    assert json.loads(export.after or "{}") == {"format": "csv", "file": "hk.csv", "rows": 5}

    pdf_path = tmp_path / "hk.pdf"
    assert services.daily_lists.export(HK_STAFF, "HK", JAN9, pdf_path, "pdf") == 5
    (printed,) = audit_records(services.db, "daily_list.print")
    assert json.loads(printed.after or "{}")["format"] == "pdf"
    if shutil.which("pdftotext"):
        out = subprocess.run(
            ["pdftotext", "-layout", str(pdf_path), "-"], capture_output=True, text=True
        ).stdout
        assert "HK clerk" in out and "8 January 2025 10:00" in out  # who and when (HKT)
        assert "91234567" not in out and not FULL_HKID.search(out)


def test_live_clinics_on_a_date(services: Services) -> None:
    assert services.daily_lists.live_clinics(date(2025, 1, 19)) == []
    assert set(services.daily_lists.live_clinics(date(2025, 1, 20))) == {"CW", "FL"}


def test_a_live_clinic_list_counts_online_and_telephone(services: Services) -> None:
    people = rostered(services.db, 2, prefix="R")
    at = hk(2025, 1, 23)
    services.appointments.book(
        CW_STAFF, "CW", people[0], date(2025, 1, 24), time(9), Channel.ONLINE, at=at
    )
    services.appointments.book(
        CW_STAFF, "CW", people[1], date(2025, 1, 24), time(9), Channel.MANUAL, at=at
    )
    daily = services.daily_lists.daily_list(CW_STAFF, "CW", date(2025, 1, 24))
    assert daily.live and daily.sessions[0].by_channel() == {"online": 1, "manual": 1}
