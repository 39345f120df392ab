"""R10.3-R10.5 appointments: seats, pools, one a day, states, staff rights, audit, the F3 feed.

Both databases (``services``). The test clock is Wednesday 8 January 2025, 10:00 in Hong Kong.
HK is not live (R7.1): its slots have 4 telephone seats and its manual window is 8-17 January.
CW goes live on Monday 20 January: from then a slot has 2 online and 2 telephone seats (F8).
"""

from __future__ import annotations

from datetime import date, datetime, time
from pathlib import Path

import pytest

from fc_admin.domain.booking_window import Channel
from fc_admin.domain.hkid import mask_hkid
from fc_admin.exchange.errors import FileRejected
from fc_admin.services import Services
from fc_admin.services.appointments import BookingRefused
from fc_admin.services.errors import InvalidInput, NotFound, PermissionDenied
from tests.conftest import ADMIN
from tests.services.booking_support import (
    CW_STAFF,
    HK_STAFF,
    OPERATOR,
    active_counts,
    appointment_count,
    audit_records,
    hk,
    officer,
    roster_people,
    rostered,
    seats,
)
from tests.services.factories import Person

D = date
JAN9 = D(2025, 1, 9)
NINE = time(9)


def book_hk(
    services: Services,
    person: str,
    day: date = JAN9,
    start: time = NINE,
    *,
    at: datetime | None = None,
    contact_phone: str | None = None,
) -> str:
    return services.appointments.book(
        HK_STAFF, "HK", person, day, start, Channel.MANUAL, at=at, contact_phone=contact_phone
    ).booking_ref


def assert_seats_match_appointments(services: Services) -> None:
    """slot_seats.taken equals the active appointments of each slot and pool (R10.3)."""
    counts = active_counts(services.db)
    for key, (taken, capacity) in seats(services.db).items():
        assert taken == counts.get(key, 0), key
        assert taken <= capacity, key
    for key, n in counts.items():
        assert seats(services.db)[key][0] == n, key


# --- R10.3 capacity and seat pools ----------------------------------------------------------------


def test_r10_3_a_full_slot_is_refused(services: Services) -> None:
    people = rostered(services.db, 5)
    for person in people[:4]:
        book_hk(services, person)
    with pytest.raises(BookingRefused, match="the 09:00 slot on 2025-01-09 is full for manual"):
        book_hk(services, people[4])
    slot = next(
        s
        for s in services.appointments.availability("HK", Channel.MANUAL).slots
        if (s.day, s.start) == (JAN9, NINE)
    )
    assert (slot.state, slot.seats, slot.taken, slot.remaining) == ("full", 4, 4, 0)
    assert seats(services.db)[("HK", JAN9, NINE, "telephone")] == (4, 4)
    assert appointment_count(services.db) == 4
    assert_seats_match_appointments(services)


def test_r10_3_after_go_live_two_online_and_two_telephone_seats(services: Services) -> None:
    a, b, c, d, e = rostered(services.db, 5)
    at = hk(2025, 1, 20)
    day = D(2025, 1, 21)

    def book(person: str, channel: Channel) -> str:
        return services.appointments.book(CW_STAFF, "CW", person, day, NINE, channel, at=at).channel

    assert [book(a, Channel.ONLINE), book(b, Channel.ONLINE)] == ["online", "online"]
    with pytest.raises(BookingRefused, match="full for online"):
        book(c, Channel.ONLINE)

    def slot(channel: Channel) -> tuple[str, int, int]:
        s = next(
            s
            for s in services.appointments.availability("CW", channel, at).slots
            if (s.day, s.start) == (day, NINE)
        )
        return s.state, s.seats, s.remaining

    assert slot(Channel.ONLINE) == ("full", 2, 0)
    assert slot(Channel.MANUAL) == ("open", 2, 2)  # the telephone seats are still there
    assert [book(c, Channel.MANUAL), book(d, Channel.MANUAL)] == ["manual", "manual"]
    with pytest.raises(BookingRefused, match="full for manual"):
        book(e, Channel.MANUAL)
    assert seats(services.db)[("CW", day, NINE, "online")] == (2, 2)
    assert seats(services.db)[("CW", day, NINE, "telephone")] == (2, 2)
    assert_seats_match_appointments(services)


def test_r10_3_before_go_live_all_four_seats_are_telephone(services: Services) -> None:
    people = rostered(services.db, 6)
    at = hk(2025, 1, 17)  # Friday before CW's go-live
    day = D(2025, 1, 17)
    channels = [Channel.MANUAL, Channel.ATBS, Channel.MANUAL, Channel.ATBS]
    for person, channel in zip(people, channels, strict=False):
        services.appointments.book(CW_STAFF, "CW", person, day, time(14), channel, at=at)
    with pytest.raises(BookingRefused, match="full for atbs"):  # ATBS and manual share a pool
        services.appointments.book(CW_STAFF, "CW", people[4], day, time(14), Channel.ATBS, at=at)
    with pytest.raises(BookingRefused, match="not live on online booking yet"):
        services.appointments.book(
            CW_STAFF, "CW", people[5], day, time(14, 15), Channel.ONLINE, at=at
        )
    assert seats(services.db)[("CW", day, time(14), "telephone")] == (4, 4)
    assert ("CW", day, time(14), "online") not in seats(services.db)


def test_r10_3_f8_the_pools_follow_the_day_of_the_slot_not_the_day_of_booking(
    services: Services,
) -> None:
    # Booked on Friday 17 January (not live) for Tuesday 21 (live): 2 telephone seats only.
    a, b, c = rostered(services.db, 3)
    at = hk(2025, 1, 17)
    for person in (a, b):
        services.appointments.book(
            CW_STAFF, "CW", person, D(2025, 1, 21), NINE, Channel.MANUAL, at=at
        )
    with pytest.raises(BookingRefused, match="full"):
        services.appointments.book(CW_STAFF, "CW", c, D(2025, 1, 21), NINE, Channel.ATBS, at=at)


def test_r10_3_one_active_appointment_per_person_per_day(services: Services) -> None:
    (person,) = rostered(services.db, 1)
    ref = book_hk(services, person)
    with pytest.raises(BookingRefused, match=rf"already has an appointment on 2025-01-09 \({ref}"):
        book_hk(services, person, start=time(14))
    # At another clinic the same day: refused too.
    with pytest.raises(BookingRefused, match="one a day"):
        services.appointments.book(OPERATOR, "KLN", person, JAN9, time(10), Channel.MANUAL)
    # Another day is fine.
    assert book_hk(services, person, day=D(2025, 1, 10))
    assert appointment_count(services.db) == 2
    assert_seats_match_appointments(services)


def test_r10_3_cancelling_frees_the_seat_and_the_day(services: Services) -> None:
    people = rostered(services.db, 5)
    refs = [book_hk(services, p) for p in people[:4]]
    with pytest.raises(BookingRefused, match="full"):
        book_hk(services, people[4])
    services.appointments.cancel(HK_STAFF, refs[0], "caller asked")
    assert seats(services.db)[("HK", JAN9, NINE, "telephone")] == (3, 4)
    book_hk(services, people[4])  # the freed seat
    book_hk(services, people[0], start=time(15))  # the freed day
    assert_seats_match_appointments(services)


# --- R10.4 states, R10.5 staff cancel any ---------------------------------------------------------


def test_r10_4_cancel_records_who_when_and_why(services: Services) -> None:
    (person,) = rostered(services.db, 1)
    ref = book_hk(services, person)
    at = hk(2025, 1, 8, 11, 30)
    row = services.appointments.cancel(HK_STAFF, ref, "  feels better  ", at=at)
    assert row.status == "CANCELLED"
    assert row.status_changed_by == HK_STAFF.username
    assert row.status_changed_at == at
    assert row.cancel_reason == "feels better"
    stored = services.appointments.get(ref)
    assert (stored.status, stored.cancel_reason, stored.status_changed_at) == (
        "CANCELLED",
        "feels better",
        at,
    )
    (record,) = audit_records(services.db, "appointment.cancel")
    assert record.entity_id == ref and record.actor == HK_STAFF.username
    assert record.after is not None and '"reason":"feels better"' in record.after
    with pytest.raises(BookingRefused, match="is CANCELLED, not booked"):
        services.appointments.cancel(HK_STAFF, ref, "again")


def test_r10_4_a_cancellation_needs_a_reason(services: Services) -> None:
    (person,) = rostered(services.db, 1)
    ref = book_hk(services, person)
    with pytest.raises(BookingRefused, match="needs a reason"):
        services.appointments.cancel(HK_STAFF, ref, "  ")
    assert services.appointments.get(ref).status == "BOOKED"
    with pytest.raises(NotFound):
        services.appointments.cancel(HK_STAFF, "HK250109-ZZZZZ", "no such")


def test_r10_4_attendance_on_or_after_the_day(services: Services) -> None:
    a, b = rostered(services.db, 2)
    ref_a = book_hk(services, a)
    ref_b = book_hk(services, b, start=time(9, 15))
    with pytest.raises(BookingRefused, match="on or after the day"):
        services.appointments.record_attendance(HK_STAFF, ref_a, True)
    on_the_day = hk(2025, 1, 9, 12)
    attended = services.appointments.record_attendance(HK_STAFF, ref_a, True, at=on_the_day)
    missed = services.appointments.record_attendance(HK_STAFF, ref_b, False, at=on_the_day)
    assert (attended.status, missed.status) == ("ATTENDED", "NO_SHOW")
    assert attended.status_changed_by == HK_STAFF.username
    with pytest.raises(BookingRefused, match="is ATTENDED, not booked"):
        services.appointments.cancel(HK_STAFF, ref_a, "too late")
    with pytest.raises(BookingRefused, match="is NO_SHOW"):
        services.appointments.record_attendance(HK_STAFF, ref_b, True, at=on_the_day)
    # An attended appointment is still that day's one appointment (R10.3).
    with pytest.raises(BookingRefused, match="one a day"):
        book_hk(services, a, start=time(15), at=on_the_day)
    assert [r.action for r in audit_records(services.db, "appointment.attendance")] == [
        "appointment.attendance"
    ] * 2


def test_r10_5_staff_cancel_any_appointment_online_included(services: Services) -> None:
    a, b = rostered(services.db, 2)
    at = hk(2025, 1, 20)
    online = services.appointments.book(
        CW_STAFF, "CW", a, D(2025, 1, 21), NINE, Channel.ONLINE, at=at
    )
    manual = services.appointments.book(
        CW_STAFF, "CW", b, D(2025, 1, 21), NINE, Channel.MANUAL, at=at
    )
    assert (
        services.appointments.cancel(CW_STAFF, online.booking_ref, "clinic closed", at=at).status
        == "CANCELLED"
    )
    assert (
        services.appointments.cancel(OPERATOR, manual.booking_ref, "clinic closed", at=at).status
        == "CANCELLED"
    )
    assert seats(services.db)[("CW", D(2025, 1, 21), NINE, "online")] == (0, 2)


# --- change ---------------------------------------------------------------------------------------


def test_change_moves_the_seat_and_is_audited(services: Services) -> None:
    (person,) = rostered(services.db, 1)
    ref = book_hk(services, person)
    row = services.appointments.change(
        HK_STAFF, ref, D(2025, 1, 10), time(10), contact_phone="9876 5432"
    )
    assert (row.booking_ref, row.day, row.start_time, row.session_name) == (
        ref,
        D(2025, 1, 10),
        time(10),
        "AM",
    )
    assert row.contact_phone == "9876 5432"
    assert seats(services.db)[("HK", JAN9, NINE, "telephone")] == (0, 4)
    assert seats(services.db)[("HK", D(2025, 1, 10), time(10), "telephone")] == (1, 4)
    (record,) = audit_records(services.db, "appointment.change")
    assert record.before == '{"day":"2025-01-09","time":"09:00"}'
    assert record.after == '{"day":"2025-01-10","time":"10:00"}'


def test_change_to_a_full_slot_keeps_the_old_appointment(services: Services) -> None:
    people = rostered(services.db, 5)
    for person in people[:4]:
        book_hk(services, person, start=time(10))
    ref = book_hk(services, people[4])
    with pytest.raises(BookingRefused, match="full"):
        services.appointments.change(HK_STAFF, ref, JAN9, time(10))
    kept = services.appointments.get(ref)
    assert (kept.day, kept.start_time, kept.status) == (JAN9, NINE, "BOOKED")
    assert_seats_match_appointments(services)
    with pytest.raises(BookingRefused, match="already at that time"):
        services.appointments.change(HK_STAFF, ref, JAN9, NINE)
    with pytest.raises(BookingRefused, match="outside the booking window"):
        services.appointments.change(HK_STAFF, ref, D(2025, 1, 20), NINE)


def test_change_to_a_day_with_another_appointment_is_refused(services: Services) -> None:
    (person,) = rostered(services.db, 1)
    first = book_hk(services, person)
    book_hk(services, person, day=D(2025, 1, 10))
    with pytest.raises(BookingRefused, match="one a day"):
        services.appointments.change(HK_STAFF, first, D(2025, 1, 10), time(11))
    assert_seats_match_appointments(services)


# --- idempotency ---------------------------------------------------------------------------------


def test_request_id_books_once_for_a_repeated_request(services: Services) -> None:
    (person,) = rostered(services.db, 1)
    first = services.appointments.book(
        HK_STAFF, "HK", person, JAN9, NINE, Channel.MANUAL, request_id="console-42"
    )
    again = services.appointments.book(
        HK_STAFF, "HK", person, JAN9, NINE, Channel.MANUAL, request_id="console-42"
    )
    assert again.booking_ref == first.booking_ref
    assert appointment_count(services.db) == 1
    assert seats(services.db)[("HK", JAN9, NINE, "telephone")] == (1, 4)
    assert len(audit_records(services.db, "appointment.book")) == 1


# --- who may be booked ----------------------------------------------------------------------------


def test_r1_someone_not_on_any_roster_is_refused(services: Services) -> None:
    stranger = officer(999).hkid
    with pytest.raises(BookingRefused, match=r"not on any department's roster") as caught:
        book_hk(services, stranger)
    assert stranger not in str(caught.value) and mask_hkid(stranger) in str(caught.value)
    assert appointment_count(services.db) == 0
    assert seats(services.db).get(("HK", JAN9, NINE, "telephone"), (0, 4))[0] == 0


def test_r1_3_an_inactive_person_is_refused(services: Services) -> None:
    retired = officer(500, status="inactive")
    roster_people(services.db, [retired])
    with pytest.raises(BookingRefused, match=r"not eligible on 2025-01-09.*INACTIVE"):
        book_hk(services, retired.hkid)


def test_r1_2_a_child_of_19_needs_full_time_education(services: Services) -> None:
    principal = officer(600)
    child = Person(
        officer(601).hkid,
        "CHAN, Siu Ming",
        D(2005, 6, 1),  # 19 on 9 January 2025
        relationship="child",
        category="dependant",
        principal_hkid=principal.hkid,
    )
    student = child.but(hkid=officer(602).hkid, child_status="fte")
    roster_people(services.db, [principal, child, student])
    with pytest.raises(BookingRefused, match="CHILD_STATUS_MISSING"):
        book_hk(services, child.hkid)
    assert book_hk(services, student.hkid)


def test_an_invalid_hkid_is_refused(services: Services) -> None:
    with pytest.raises(BookingRefused, match="the HKID is not valid"):
        book_hk(services, "A123456(7)")


@pytest.mark.parametrize("phone", ["call me", "1234", "9123 4567 8901 2345 678", "9123-4567#"])
def test_a_contact_number_must_be_a_telephone_number(services: Services, phone: str) -> None:
    (person,) = rostered(services.db, 1)
    with pytest.raises(BookingRefused, match="is not a telephone number"):
        book_hk(services, person, contact_phone=phone)
    assert appointment_count(services.db) == 0


def test_a_good_contact_number_is_kept(services: Services) -> None:
    (person,) = rostered(services.db, 1)
    ref = book_hk(services, person, contact_phone=" +852 9123-4567 ")
    assert services.appointments.get(ref).contact_phone == "+852 9123-4567"


# --- R13.2 who may book ---------------------------------------------------------------------------


def test_r13_2_clinic_staff_book_for_their_own_clinic_only(services: Services) -> None:
    (person,) = rostered(services.db, 1)
    with pytest.raises(PermissionDenied, match="works for clinic HK, not KLN"):
        services.appointments.book(HK_STAFF, "KLN", person, JAN9, NINE, Channel.MANUAL)
    ref = book_hk(services, person)
    with pytest.raises(PermissionDenied, match="works for clinic CW, not HK"):
        services.appointments.cancel(CW_STAFF, ref, "not mine")
    with pytest.raises(PermissionDenied, match="works for clinic CW, not HK"):
        services.appointments.change(CW_STAFF, ref, D(2025, 1, 10), NINE)
    with pytest.raises(PermissionDenied):
        services.appointments.book(ADMIN, "HK", person, D(2025, 1, 10), NINE, Channel.MANUAL)
    assert services.appointments.get(ref).status == "BOOKED"


# --- the caller, and the audit trail --------------------------------------------------------------


def test_lookup_shows_roster_eligibility_and_appointments_and_is_audited(
    services: Services,
) -> None:
    (person,) = rostered(services.db, 1)
    ref = book_hk(services, person)
    info = services.appointments.lookup(HK_STAFF, person.replace("(", "").replace(")", "").lower())
    assert info.hkid == person and info.hkid_masked == mask_hkid(person)
    assert info.found and info.eligible and info.best is not None
    assert info.best.name_en == "CHAN, Officer 100" and info.best.source_code == "HKPF"
    assert [a.booking_ref for a in info.appointments] == [ref]
    unknown = services.appointments.lookup(HK_STAFF, officer(998).hkid)
    assert not unknown.found and not unknown.eligible and unknown.best is None
    records = audit_records(services.db, "person.lookup")
    assert [r.entity_id for r in records] == [mask_hkid(person), mask_hkid(officer(998).hkid)]
    assert records[0].after == '{"appointments":1,"found":true}'


def test_r13_3_r9_3_every_change_is_audited_without_a_full_hkid(services: Services) -> None:
    a, b = rostered(services.db, 2)
    services.appointments.lookup(HK_STAFF, a)
    ref = book_hk(services, a, contact_phone="9123 4567")
    services.appointments.change(HK_STAFF, ref, D(2025, 1, 10), NINE)
    services.appointments.cancel(HK_STAFF, ref, f"duplicate of {b}")  # an HKID in free text
    services.capacity.load_template(
        ADMIN, "KLN", D(2025, 2, 3), services.capacity.templates("KLN")[0].template
    )
    book_hk(services, b, day=D(2025, 1, 13))
    # Chinese, quotes and a backslash: the chain hashes the canonical JSON byte for byte.
    services.capacity.close(ADMIN, "HK", D(2025, 1, 13), None, '颱風 "八號" signal \\ 8')
    actions = [r.action for r in audit_records(services.db)]
    for action in (
        "person.lookup",
        "appointment.book",
        "appointment.change",
        "appointment.cancel",
        "capacity.template",
        "capacity.close",
    ):
        assert action in actions, action
    forms = [h for p in (a, b) for h in (p, p.replace("(", "").replace(")", ""))]
    for record in audit_records(services.db):
        text = " ".join(str(v) for v in (record.entity_id, record.before, record.after))
        assert not any(f in text for f in forms), (record.action, text)
    assert services.audit.verify().ok


# --- F3 the online bookings feed ------------------------------------------------------------------

FEED_HEADER = "booking_ref,hkid,clinic,date,start_time,channel,status,booked_at\n"


def feed(tmp_path: Path, name: str, rows: list[str]) -> Path:
    path = tmp_path / name
    path.write_text(FEED_HEADER + "".join(r + "\n" for r in rows), encoding="utf-8")
    return path


def row(ref: str, person: str, start: str = "09:00", status: str = "booked", day: str = "") -> str:
    moment = "2025-01-20T09:00:00+08:00"
    return f"{ref},{person},CW,{day or '2025-01-21'},{start},online,{status},{moment}"


def test_f3_a_good_feed_books_and_cancels(services: Services, tmp_path: Path) -> None:
    a, b, c = rostered(services.db, 3)
    path = feed(
        tmp_path,
        "feed-0120.csv",
        [
            row("OB0001", a),
            row("OB0002", b),
            row("OB0003", c, "09:15"),
            row("OB0001", a, status="cancelled"),
        ],
    )
    result = services.appointments.import_feed(ADMIN, path)
    assert (result.booked, result.cancelled, result.unchanged) == (3, 1, 0)
    got = services.appointments.get("OB0002")
    assert (got.channel, got.status, got.name_en, got.booked_by) == (
        "online",
        "BOOKED",
        "CHAN, Officer 101",
        "feed:admin1",
    )
    assert services.appointments.get("OB0001").status == "CANCELLED"
    assert seats(services.db)[("CW", D(2025, 1, 21), NINE, "online")] == (1, 2)
    assert_seats_match_appointments(services)
    # Importing the same file again changes nothing.
    again = services.appointments.import_feed(ADMIN, path)
    assert (again.booked, again.cancelled, again.unchanged) == (0, 0, 4)
    assert appointment_count(services.db) == 3
    assert_seats_match_appointments(services)
    assert len(audit_records(services.db, "appointments.import")) == 2


def test_f3_r10_3_an_overfilling_row_refuses_the_whole_file(
    services: Services, tmp_path: Path
) -> None:
    a, b, c = rostered(services.db, 3)
    path = feed(tmp_path, "feed.csv", [row("OB0001", a), row("OB0002", b), row("OB0003", c)])
    with pytest.raises(FileRejected) as caught:
        services.appointments.import_feed(ADMIN, path)
    (problem,) = caught.value.problems
    assert problem.line == 4 and "full for online" in problem.reason
    assert "feed.csv line 4" in str(caught.value)
    assert appointment_count(services.db) == 0
    assert seats(services.db).get(("CW", D(2025, 1, 21), NINE, "online"), (0, 2))[0] == 0


def test_f3_every_bad_row_is_listed_with_its_line_and_nothing_changes(
    services: Services, tmp_path: Path
) -> None:
    a, b, c = rostered(services.db, 3)
    earlier = services.appointments.book(
        CW_STAFF, "CW", c, D(2025, 1, 21), time(14), Channel.MANUAL, at=hk(2025, 1, 20)
    )
    path = feed(
        tmp_path,
        "feed.csv",
        [
            row("OB0001", a),  # line 2: fine
            row("OB0002", a, "10:00"),  # line 3: a second appointment that day
            row("OB9999", b, status="cancelled"),  # line 4: never booked
            row("OB0003", c, "11:00"),  # line 5: c has a telephone appointment that day
            row("OB0004", b, "13:00"),  # line 6: no slot at 13:00
        ],
    )
    with pytest.raises(FileRejected) as caught:
        services.appointments.import_feed(ADMIN, path)
    problems = {p.line or 0: p.reason for p in caught.value.problems}
    assert sorted(problems) == [3, 4, 5, 6]
    assert "already has an appointment on 2025-01-21" in problems[3]
    assert "OB9999, which was never booked" in problems[4]
    assert earlier.booking_ref in problems[5]
    assert "no slot at 13:00" in problems[6]
    message = str(caught.value)
    assert a not in message and c not in message  # R9.3
    assert appointment_count(services.db) == 1
    assert_seats_match_appointments(services)
    assert audit_records(services.db, "appointments.import") == []


def test_f3_a_malformed_file_is_refused_by_the_reader(services: Services, tmp_path: Path) -> None:
    (a,) = rostered(services.db, 1)
    path = feed(tmp_path, "feed.csv", [row("OB0001", a, "9am")])
    with pytest.raises(FileRejected, match="line 2, column start_time"):
        services.appointments.import_feed(ADMIN, path)
    assert appointment_count(services.db) == 0


def test_f3_importing_needs_the_import_permission(services: Services, tmp_path: Path) -> None:
    (a,) = rostered(services.db, 1)
    with pytest.raises(PermissionDenied):
        services.appointments.import_feed(CW_STAFF, feed(tmp_path, "f.csv", [row("OB1", a)]))


def test_r10_3_r7_1_a_go_live_date_that_would_overfill_a_slot_is_refused(
    services: Services,
) -> None:
    # HK is not live: four telephone bookings fill the 09:00 slot of Tuesday 14 January.
    people = rostered(services.db, 4)
    for person in people:
        book_hk(services, person, day=D(2025, 1, 14))
    # Going live on the 13th would leave 4 telephone bookings in 2 telephone seats, and the
    # 2 online seats would then take 2 more: 6 people in a slot of 4.
    with pytest.raises(InvalidInput, match=r"2025-01-14 09:00 telephone: 4 booked, 2 seats"):
        services.clinics.set_go_live(ADMIN, "HK", D(2025, 1, 13))
    assert services.clinics.get("HK").go_live_date is None
    # From the 15th nothing is affected.
    services.clinics.set_go_live(ADMIN, "HK", D(2025, 1, 15))
    # CW: two online bookings on Tuesday 21st; moving go-live past that day takes their seats.
    a, b = rostered(services.db, 2, start=700)
    for person in (a, b):
        services.appointments.book(
            CW_STAFF, "CW", person, D(2025, 1, 21), NINE, Channel.ONLINE, at=hk(2025, 1, 20)
        )
    with pytest.raises(InvalidInput, match="online: 2 booked, 0 seats"):
        services.clinics.set_go_live(ADMIN, "CW", D(2025, 1, 22))
    with pytest.raises(InvalidInput, match="online: 2 booked, 0 seats"):
        services.clinics.set_go_live(ADMIN, "CW", None)
    assert services.clinics.get("CW").go_live_date == D(2025, 1, 20)


def test_an_unknown_clinic_is_named_with_the_known_ones(services: Services) -> None:
    (person,) = rostered(services.db, 1)
    with pytest.raises(NotFound, match=r"unknown clinic code XY .*CW, HK"):
        services.appointments.book(OPERATOR, "XY", person, JAN9, NINE, Channel.MANUAL)
    # Codes are read in any case.
    assert services.appointments.book(OPERATOR, " hk ", person, JAN9, NINE, Channel.MANUAL)
