"""R10.1 session templates, R10.2 closures and their call lists, utilisation; both databases.

The test clock is Wednesday 8 January 2025, 10:00 in Hong Kong. HK is not live (R7.1), so its
manual-telephone window is 8 January and the next 7 working days (9-17 January) and all four
seats of a slot are telephone seats (F8).
"""

from __future__ import annotations

import csv
from datetime import date, time
from pathlib import Path

import pytest

from fc_admin.domain.booking_window import Channel
from fc_admin.domain.session_templates import SessionSpec, WeeklyTemplate
from fc_admin.services import Services
from fc_admin.services.appointments import BookingRefused
from fc_admin.services.errors import InvalidInput, NotFound, PermissionDenied
from tests.conftest import ADMIN
from tests.services.booking_support import (
    CW_STAFF,
    HK_STAFF,
    audit_records,
    hk,
    rostered,
)

D = date
ALL_CLINICS = ("CW", "HK", "KLN", "NT", "FL", "SK")


def am_only(capacity: int = 6, online: int = 3, minutes: int = 30) -> WeeklyTemplate:
    return WeeklyTemplate(
        (SessionSpec("AM", (0, 1, 2, 3, 4), time(9), time(12), minutes, capacity, online),)
    )


def standard(capacity: int = 4, online: int = 2) -> WeeklyTemplate:
    days = (0, 1, 2, 3, 4)
    return WeeklyTemplate(
        (
            SessionSpec("AM", days, time(9), time(13), 15, capacity, online),
            SessionSpec("PM", days, time(14), time(17), 15, capacity, online),
        )
    )


def book_hk(services: Services, person: str, day: date, start: time, phone: str = "") -> str:
    return services.appointments.book(
        HK_STAFF, "HK", person, day, start, Channel.MANUAL, contact_phone=phone or None
    ).booking_ref


# --- R10.1 templates ------------------------------------------------------------------------------


def test_r10_1_the_standard_template_is_in_force(services: Services) -> None:
    row = services.capacity.template_on("HK", D(2025, 1, 9))
    assert row is not None and row.valid_from == D(2024, 1, 1)
    am = row.template.session("AM")
    pm = row.template.session("PM")
    assert am is not None and pm is not None
    assert (am.capacity, am.online, am.slot_minutes) == (4, 2, 15)
    assert len(am.slot_starts()) == 16 and len(pm.slot_starts()) == 12
    assert services.capacity.template_on("HK", D(2023, 12, 29)) is None


def test_r10_1_a_later_template_does_not_change_earlier_days(services: Services) -> None:
    services.capacity.load_template(ADMIN, "HK", D(2025, 1, 13), am_only())
    assert services.capacity.template_on("HK", D(2025, 1, 10)).valid_from == D(2024, 1, 1)  # type: ignore[union-attr]
    assert services.capacity.template_on("HK", D(2025, 1, 13)).valid_from == D(2025, 1, 13)  # type: ignore[union-attr]
    slots = services.appointments.availability("HK", Channel.MANUAL).slots
    friday = [s for s in slots if s.day == D(2025, 1, 10)]
    monday = [s for s in slots if s.day == D(2025, 1, 13)]
    assert len(friday) == 28 and {(s.capacity, s.seats) for s in friday} == {(4, 4)}
    assert [s.start for s in monday] == [time(9), time(9, 30), time(10), time(10, 30),
                                         time(11), time(11, 30)]  # fmt: skip
    assert {(s.capacity, s.seats) for s in monday} == {(6, 6)}
    days = {u.day: u for u in services.capacity.utilisation("HK", D(2025, 1, 10), D(2025, 1, 13))}
    assert days[D(2025, 1, 10)].capacity == 112 and days[D(2025, 1, 13)].capacity == 36
    # Another clinic keeps its own template.
    assert services.capacity.template_on("KLN", D(2025, 1, 13)).valid_from == D(2024, 1, 1)  # type: ignore[union-attr]


def test_r10_1_loading_again_on_the_same_date_replaces_that_template(services: Services) -> None:
    services.capacity.load_template(ADMIN, "HK", D(2025, 1, 13), am_only(capacity=6))
    services.capacity.load_template(ADMIN, "HK", D(2025, 1, 13), am_only(capacity=8, online=4))
    rows = services.capacity.templates("HK")
    assert [r.valid_from for r in rows] == [D(2024, 1, 1), D(2025, 1, 13)]
    session = rows[-1].template.session("AM")
    assert session is not None and (session.capacity, session.online) == (8, 4)
    records = audit_records(services.db, "capacity.template")
    assert len(records) == 2
    assert records[0].before is None
    assert records[1].before is not None and "capacity = 6" in records[1].before
    assert records[1].entity_id == "HK" and records[1].actor == ADMIN.username


def test_r10_1_a_template_that_would_orphan_booked_appointments_is_refused(
    services: Services,
) -> None:
    (person,) = rostered(services.db, 1)
    ref = book_hk(services, person, D(2025, 1, 14), time(14))  # PM, Tuesday
    with pytest.raises(InvalidInput, match="drop 1 booked appointment") as caught:
        services.capacity.load_template(ADMIN, "HK", D(2025, 1, 13), am_only())
    assert ref in str(caught.value) and "2025-01-14 14:00" in str(caught.value)
    assert [r.valid_from for r in services.capacity.templates("HK")] == [D(2024, 1, 1)]
    assert audit_records(services.db, "capacity.template") == []
    # From the day after the appointment it is fine; and so is a template keeping its slot.
    services.capacity.load_template(ADMIN, "HK", D(2025, 1, 15), am_only())
    services.capacity.load_template(ADMIN, "HK", D(2025, 1, 13), standard(capacity=5))
    # Once the appointment is cancelled, the AM-only template may start before it.
    services.appointments.cancel(HK_STAFF, ref, "caller asked")
    services.capacity.load_template(ADMIN, "HK", D(2025, 1, 13), am_only())
    assert [r.valid_from for r in services.capacity.templates("HK")] == [
        D(2024, 1, 1),
        D(2025, 1, 13),
        D(2025, 1, 15),
    ]


def test_r10_1_r10_3_a_template_leaving_a_slot_overfull_is_refused(services: Services) -> None:
    people = rostered(services.db, 3)
    for person in people:
        book_hk(services, person, D(2025, 1, 14), time(9))
    with pytest.raises(InvalidInput, match="more bookings than seats"):
        services.capacity.load_template(ADMIN, "HK", D(2025, 1, 13), standard(capacity=2))
    services.capacity.load_template(ADMIN, "HK", D(2025, 1, 13), standard(capacity=3))


@pytest.mark.parametrize(
    ("sessions", "reason"),
    [
        ((SessionSpec("AM", (0,), time(9), time(13), 15, 4, 5),), r"online \(5\) is more than"),
        (
            (
                SessionSpec("AM", (0, 1), time(9), time(13), 15, 4, 2),
                SessionSpec("MID", (1,), time(12), time(14), 15, 4, 2),
            ),
            "overlap on Tue",
        ),
        ((SessionSpec("AM", (0,), time(9, 10), time(13), 15, 4, 2),), "not on the 15-minute"),
        ((), "no \\[\\[session\\]\\]"),
        ((SessionSpec("AM", (0,), time(9), time(13), 15, 0, 0),), "capacity must be 1"),
    ],
)
def test_r10_1_f8_an_invalid_template_is_refused(
    services: Services, sessions: tuple[SessionSpec, ...], reason: str
) -> None:
    with pytest.raises(InvalidInput, match=reason):
        services.capacity.load_template(ADMIN, "HK", D(2025, 2, 3), WeeklyTemplate(sessions))
    assert len(services.capacity.templates("HK")) == 1
    assert audit_records(services.db, "capacity.template") == []


def test_r13_2_only_an_administrator_manages_capacity(services: Services) -> None:
    with pytest.raises(PermissionDenied):
        services.capacity.load_template(HK_STAFF, "HK", D(2025, 2, 3), am_only())
    with pytest.raises(PermissionDenied):
        services.capacity.close(HK_STAFF, "HK", D(2025, 1, 9), None, "typhoon")
    assert services.capacity.closures() == []


# --- R10.2 closures -------------------------------------------------------------------------------


def test_r10_2_closing_a_day_lists_the_booked_appointments_to_call(services: Services) -> None:
    a, b, c, d = rostered(services.db, 4)
    ref_a = book_hk(services, a, D(2025, 1, 9), time(10), "9123 4567")
    ref_b = book_hk(services, b, D(2025, 1, 9), time(9), "+852 2345 6789")
    ref_c = book_hk(services, c, D(2025, 1, 9), time(14, 30))
    ref_d = book_hk(services, d, D(2025, 1, 9), time(11))
    services.appointments.cancel(HK_STAFF, ref_d, "caller asked")
    result = services.capacity.close(ADMIN, "HK", D(2025, 1, 9), None, "typhoon signal No. 8")
    assert result.closure.session_name is None and result.closure.affected == 3
    entries = result.affected
    assert [e.booking_ref for e in entries] == [ref_b, ref_a, ref_c]  # by time; not cancelled
    first = entries[0]
    assert first.hkid_masked == b[:4] + "XXX(X)"
    assert first.contact_phone == "+852 2345 6789" and entries[2].contact_phone == ""
    assert first.name_en == "CHAN, Officer 101" and first.name_zh == "陳公務員"
    assert (first.clinic_code, first.clinic_name_en) == ("HK", "Hong Kong Families Clinic")
    assert first.clinic_name_zh == "香港公務員診所"
    assert first.closure_reason == "typhoon signal No. 8"
    assert [(e.session, e.start_time) for e in entries] == [
        ("AM", time(9)),
        ("AM", time(10)),
        ("PM", time(14, 30)),
    ]
    assert services.capacity.call_list(HK_STAFF, result.closure.id) == entries
    # No full HKID anywhere in the call list (R9.3).
    assert not any(p in repr(entries) for p in (a, b, c))
    (record,) = audit_records(services.db, "capacity.close")
    assert record.entity_id == "HK" and record.after is not None
    assert '"affected":3' in record.after and '"session":"ALL"' in record.after


def test_r10_2_a_closed_day_takes_no_new_bookings(services: Services) -> None:
    (person,) = rostered(services.db, 1)
    services.capacity.close(ADMIN, "HK", D(2025, 1, 9), None, "staff training")
    with pytest.raises(BookingRefused, match="closed"):
        book_hk(services, person, D(2025, 1, 9), time(9))
    day = [
        s
        for s in services.appointments.availability("HK", Channel.MANUAL).slots
        if s.day == D(2025, 1, 9)
    ]
    assert day == []  # no longer an operating day: not in the window (R8)


def test_r10_2_closing_one_session_affects_that_session_only(services: Services) -> None:
    a, b, c = rostered(services.db, 3)
    book_hk(services, a, D(2025, 1, 9), time(9))
    ref_pm = book_hk(services, b, D(2025, 1, 9), time(15), "6123 4567")
    result = services.capacity.close(ADMIN, "HK", D(2025, 1, 9), "PM", "black rainstorm")
    assert [e.booking_ref for e in result.affected] == [ref_pm]
    assert result.closure.session_name == "PM"
    with pytest.raises(BookingRefused, match="the PM session of HK on 2025-01-09 is closed"):
        book_hk(services, c, D(2025, 1, 9), time(16))
    assert book_hk(services, c, D(2025, 1, 9), time(12, 45))


def test_r10_2_an_unknown_session_is_refused_with_the_known_ones(services: Services) -> None:
    with pytest.raises(InvalidInput, match=r"HK has no session EVENING on 2025-01-09 .*AM, PM"):
        services.capacity.close(ADMIN, "HK", D(2025, 1, 9), "EVENING", "typhoon")
    assert services.capacity.closures() == []


def test_r10_2_closing_twice_is_refused(services: Services) -> None:
    services.capacity.close(ADMIN, "HK", D(2025, 1, 9), "AM", "typhoon")
    with pytest.raises(InvalidInput, match="already closed"):
        services.capacity.close(ADMIN, "HK", D(2025, 1, 9), "AM", "typhoon again")
    # The PM is still open, so the rest of the day can still be closed ...
    services.capacity.close(ADMIN, "HK", D(2025, 1, 9), None, "typhoon all day")
    # ... and after that nothing more.
    for session in (None, "PM"):
        with pytest.raises(InvalidInput, match="already closed"):
            services.capacity.close(ADMIN, "HK", D(2025, 1, 9), session, "again")
    assert len(services.capacity.closures("HK")) == 2


@pytest.mark.parametrize("day", [D(2025, 1, 11), D(2025, 1, 29)], ids=["saturday", "lunar_ny"])
def test_r10_2_a_day_without_sessions_cannot_be_closed(services: Services, day: date) -> None:
    with pytest.raises(InvalidInput, match="nothing to close"):
        services.capacity.close(ADMIN, "HK", day, None, "typhoon")


def test_r10_2_a_closure_needs_a_reason(services: Services) -> None:
    with pytest.raises(InvalidInput, match="needs a reason"):
        services.capacity.close(ADMIN, "HK", D(2025, 1, 9), None, "   ")


def test_r10_2_reopening_withdraws_the_closure(services: Services) -> None:
    (person,) = rostered(services.db, 1)
    closure = services.capacity.close(ADMIN, "HK", D(2025, 1, 9), None, "typhoon").closure
    services.capacity.reopen(ADMIN, closure.id)
    assert services.capacity.closures("HK") == []
    assert book_hk(services, person, D(2025, 1, 9), time(9))
    (record,) = audit_records(services.db, "capacity.reopen")
    assert record.before is not None and '"reason":"typhoon"' in record.before
    with pytest.raises(NotFound):
        services.capacity.reopen(ADMIN, closure.id)
    with pytest.raises(PermissionDenied):
        services.capacity.reopen(HK_STAFF, closure.id)


def test_r10_2_closures_are_listed_with_their_affected_counts(services: Services) -> None:
    a, b = rostered(services.db, 2)
    book_hk(services, a, D(2025, 1, 9), time(9))
    book_hk(services, b, D(2025, 1, 10), time(9))
    services.capacity.close(ADMIN, "HK", D(2025, 1, 9), "AM", "typhoon")
    services.capacity.close(ADMIN, "HK", D(2025, 1, 10), "PM", "training")
    services.capacity.close(ADMIN, "KLN", D(2025, 1, 9), None, "typhoon")
    listed = services.capacity.closures("HK")
    assert [(c.day, c.session_name, c.affected) for c in listed] == [
        (D(2025, 1, 9), "AM", 1),
        (D(2025, 1, 10), "PM", 0),
    ]
    assert len(services.capacity.closures()) == 3
    assert len(services.capacity.closures(start=D(2025, 1, 10), end=D(2025, 1, 10))) == 1


def test_r13_2_clinic_staff_see_the_call_lists_of_their_own_clinic(services: Services) -> None:
    closure = services.capacity.close(ADMIN, "HK", D(2025, 1, 9), None, "typhoon").closure
    assert services.capacity.call_list(HK_STAFF, closure.id) == []
    with pytest.raises(PermissionDenied, match="works for clinic CW, not HK"):
        services.capacity.call_list(CW_STAFF, closure.id)


def test_r10_2_r9_3_the_call_list_csv_has_masked_hkids_and_is_audited(
    services: Services, tmp_path: Path
) -> None:
    a, b = rostered(services.db, 2)
    book_hk(services, a, D(2025, 1, 9), time(9), "9123 4567")
    book_hk(services, b, D(2025, 1, 9), time(9, 15), "2345 6789")
    closure = services.capacity.close(ADMIN, "HK", D(2025, 1, 9), None, "typhoon").closure
    path = tmp_path / "call-list.csv"
    assert services.capacity.export_call_list(HK_STAFF, closure.id, path, "csv") == 2
    text = path.read_text(encoding="utf-8-sig")
    assert a not in text and b not in text and a.replace("(", "").replace(")", "") not in text
    rows = list(csv.reader(text.splitlines()))
    assert len(rows) == 3
    assert a[:4] + "XXX(X)" in rows[1] and "9123 4567" in rows[1]
    (record,) = audit_records(services.db, "call_list.export")
    assert record.actor == HK_STAFF.username and '"rows":2' in (record.after or "")


def test_r10_2_general_holidays_close_every_clinic(services: Services) -> None:
    for clinic in ALL_CLINICS:
        days = services.capacity.utilisation(clinic, D(2025, 1, 28), D(2025, 2, 3))
        shown = {u.day: u for u in days}
        for holiday in (D(2025, 1, 29), D(2025, 1, 30), D(2025, 1, 31)):
            u = shown[holiday]
            assert u.holiday and not u.operating and u.capacity == 0, (clinic, holiday)
        assert shown[D(2025, 1, 28)].operating and shown[D(2025, 2, 3)].operating
        assert not shown[D(2025, 2, 1)].holiday  # an ordinary Saturday is not a holiday
    (person,) = rostered(services.db, 1)
    with pytest.raises(BookingRefused, match="Lunar New Year"):
        services.appointments.book(
            HK_STAFF, "HK", person, D(2025, 1, 29), time(9), Channel.MANUAL, at=hk(2025, 1, 28)
        )


# --- utilisation ----------------------------------------------------------------------------------


def test_utilisation_counts_active_bookings_per_channel_and_pool(services: Services) -> None:
    a, b, c = rostered(services.db, 3)
    at = hk(2025, 1, 20)  # CW's go-live day
    services.appointments.book(CW_STAFF, "CW", a, D(2025, 1, 21), time(9), Channel.ONLINE, at=at)
    services.appointments.book(CW_STAFF, "CW", b, D(2025, 1, 21), time(9), Channel.MANUAL, at=at)
    cancelled = services.appointments.book(
        CW_STAFF, "CW", c, D(2025, 1, 21), time(10), Channel.MANUAL, at=at
    )
    services.appointments.cancel(CW_STAFF, cancelled.booking_ref, "caller asked", at=at)
    services.capacity.close(ADMIN, "CW", D(2025, 1, 22), "AM", "training")
    days = {u.day: u for u in services.capacity.utilisation("CW", D(2025, 1, 17), D(2025, 1, 22))}
    before = days[D(2025, 1, 17)]
    assert (before.live, before.capacity, before.online_seats, before.telephone_seats) == (
        False,
        112,
        0,
        112,
    )
    weekend = days[D(2025, 1, 18)]
    assert not weekend.operating and weekend.capacity == 0 and not weekend.holiday
    live = days[D(2025, 1, 21)]
    assert (live.live, live.online_seats, live.telephone_seats) == (True, 56, 56)
    assert live.booked == {"online": 1, "manual": 1} and live.booked_total == 2
    closed = days[D(2025, 1, 22)]
    assert closed.capacity == 48 and closed.closed_sessions == ("AM",) and closed.operating


def test_utilisation_period_must_be_sane(services: Services) -> None:
    with pytest.raises(InvalidInput):
        services.capacity.utilisation("HK", D(2025, 2, 1), D(2025, 1, 1))
    with pytest.raises(InvalidInput):
        services.capacity.utilisation("HK", D(2025, 1, 1), D(2026, 6, 1))
    with pytest.raises(NotFound):
        services.capacity.utilisation("XX", D(2025, 1, 1), D(2025, 1, 2))
