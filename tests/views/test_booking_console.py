"""The telephone booking console (R1, R8, R9, R10, R13.2): look a caller up by HKID, book,
change and cancel by keyboard, once per request, with the refusals read to the caller.

The test clock is Wednesday 8 January 2025, 10:00 in Hong Kong. CW is not live yet (go-live
20 January), so the manual telephone window is today and the next 7 working days (R8.2), with the
standard template: 09:00-13:00 and 14:00-17:00 in 15-minute slots of 4 telephone seats.
"""

from __future__ import annotations

from datetime import date, datetime, time

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialogButtonBox

from fc_admin.domain.booking_window import Channel
from fc_admin.domain.hktime import HONG_KONG
from fc_admin.domain.roles import Role
from fc_admin.services import Services
from fc_admin.services.actor import Actor
from fc_admin.services.appointments import AppointmentRow, SlotAvailability
from fc_admin.services.audit import AuditFilter
from fc_admin.services.clock import FixedClock
from fc_admin.views import booking_dialogs
from fc_admin.views.booking_console_page import BookingConsolePage, hkid_feedback
from fc_admin.views.booking_dialogs import CancelDialog, ChangeChoice, ChangeDialog
from fc_admin.views.booking_models import CallerAppointmentsModel, SlotTableModel
from fc_admin.views.task_runner import TaskRunner
from tests.conftest import ADMIN, OPERATOR, actor_for
from tests.services.factories import Person, add_roster, add_source, family, hkid
from tests.views.conftest import add_user

TODAY = date(2025, 1, 8)
TOMORROW = date(2025, 1, 9)
FAMILY = family("A", 100)
PRINCIPAL = FAMILY["principal"]  # CHAN, Tai Man, eligible
INACTIVE = Person(
    hkid("B", 200),
    "LEE, Ka Yan",
    date(1960, 5, 1),
    status="inactive",
    name_zh="李嘉欣",
    staff_no="S000200",
)
NOBODY = hkid("C", 300)  # on no roster
PHONE = "9123 4567"
CLINIC_CW = actor_for(Role.CLINIC, "CW")


@pytest.fixture
def rostered(services: Services) -> Services:
    add_source(services.db, "LCSD")
    add_roster(services.db, "LCSD", [*FAMILY.values(), INACTIVE])
    return services


def make_page(
    qtbot,
    services: Services,
    actor: Actor,
    runner: TaskRunner,  # type: ignore[no-untyped-def]
    show: bool = False,
) -> BookingConsolePage:
    page = BookingConsolePage(services, actor, runner)
    qtbot.addWidget(page)
    page.resize(1080, 720)
    if show:
        page.show()
        qtbot.waitExposed(page)
        page.activateWindow()
        qtbot.waitUntil(lambda: page.hkid_edit.hasFocus())
    return page


def wait(qtbot, runner: TaskRunner) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: runner.active_count == 0, timeout=10_000)


def look_up(page: BookingConsolePage, hkid_text: str) -> None:
    page.hkid_edit.setText(hkid_text)
    page.look_up()


def book(
    qtbot,
    page: BookingConsolePage,
    runner: TaskRunner,
    day: date,
    start: time,  # type: ignore[no-untyped-def]
    phone: str = PHONE,
) -> None:
    assert page.select_slot(day, start)
    page.phone_edit.setText(phone)
    page.book()
    wait(qtbot, runner)


def shown_slot(page: BookingConsolePage, start: time) -> SlotAvailability:
    row = page.slot_model.find_slot(page.shown_day or TODAY, start)
    assert row >= 0
    return page.slot_model.row_at(row)


def booked(services: Services, person: str = PRINCIPAL.hkid) -> list[AppointmentRow]:
    return [
        a for a in services.appointments.appointments_of(OPERATOR, person) if a.status == "BOOKED"
    ]


def audit_count(services: Services, action: str) -> int:
    return services.audit.count(ADMIN, AuditFilter(action=action))


# --- HKID and the caller (R9, R1) ------------------------------------------------------------


def test_r9_1_typing_an_invalid_hkid_shows_the_reason(
    qtbot, rostered: Services, runner: TaskRunner
) -> None:
    page = make_page(qtbot, rostered, CLINIC_CW, runner, show=True)
    qtbot.keyClicks(page.hkid_edit, "A12")
    assert page.hkid_check.text().startswith("Keep typing")  # not wrong yet
    page.hkid_edit.clear()
    qtbot.keyClicks(page.hkid_edit, "A1234567")  # A123456(3) is right
    assert "check character should be 3" in page.hkid_check.text()
    page.hkid_edit.setText("12345678")
    assert "expected 1–2 letters, 6 digits and a check character" in page.hkid_check.text()
    page.hkid_edit.setText("a123456 3")  # R9.2: normalised while typed
    assert page.hkid_check.text() == "✓ A123XXX(X)"  # R9.3: clinic staff see it masked

    # Enter on an incomplete number refuses it with the reason and searches nothing.
    page.hkid_edit.setText("A12")
    qtbot.keyClick(page.hkid_edit, Qt.Key.Key_Return)
    assert "Not a valid HKID" in page.message
    assert page.caller is None
    assert audit_count(rostered, "person.lookup") == 0


def test_r1_lookup_shows_the_caller_and_eligibility_and_is_audited(
    qtbot, rostered: Services, runner: TaskRunner
) -> None:
    page = make_page(qtbot, rostered, CLINIC_CW, runner, show=True)
    qtbot.keyClicks(page.hkid_edit, PRINCIPAL.hkid.lower())
    qtbot.keyClick(page.hkid_edit, Qt.Key.Key_Return)
    assert page.name_en_label.text() == "CHAN, Tai Man"
    assert page.name_zh_label.text() == "陳大文"
    assert page.category_label.text() == "Serving officer"
    assert page.relationship_label.text() == "Self"
    assert page.source_label.text() == "LCSD"
    assert page.eligibility_label.text().startswith("Eligible on 2025-01-08 (Wed)")
    # R9.3: clinic staff see the masked HKID.
    assert page.hkid_label.text() == "A000XXX(X)"
    # R13.3: an HKID search is audited.
    assert audit_count(rostered, "person.lookup") == 1
    # The officer goes straight on to the first open slot: 10:15 (09:00-10:00 have started).
    assert page.slot_view.hasFocus()
    assert page.selected_slot() is not None
    assert page.selected_slot().start == time(10, 15)  # type: ignore[union-attr]


def test_r9_3_roles_that_may_see_the_full_hkid_see_it(
    qtbot, rostered: Services, runner: TaskRunner
) -> None:
    page = make_page(qtbot, rostered, OPERATOR, runner)
    look_up(page, PRINCIPAL.hkid)
    assert page.hkid_label.text() == PRINCIPAL.hkid
    assert page.hkid_check.text() == f"✓ {PRINCIPAL.hkid}"


def test_r1_inactive_caller_is_not_eligible_and_booking_is_refused(
    qtbot, rostered: Services, runner: TaskRunner
) -> None:
    page = make_page(qtbot, rostered, CLINIC_CW, runner)
    look_up(page, INACTIVE.hkid)
    assert page.name_en_label.text() == "LEE, Ka Yan"
    text = page.eligibility_label.text()
    assert text.startswith("Not eligible on 2025-01-08")
    assert "Inactive on the roster" in text  # the reason code in words
    book(qtbot, page, runner, TODAY, time(11, 0))
    assert page.message.startswith("Not booked:")
    assert "not eligible on 2025-01-08 according to the roster" in page.message
    assert booked(rostered, INACTIVE.hkid) == []
    assert shown_slot(page, time(11, 0)).remaining == 4


def test_r1_caller_on_no_roster(qtbot, rostered: Services, runner: TaskRunner) -> None:
    page = make_page(qtbot, rostered, CLINIC_CW, runner)
    look_up(page, NOBODY)
    assert page.name_en_label.text() == ""
    assert "Not on any department's roster" in page.eligibility_label.text()
    book(qtbot, page, runner, TODAY, time(11, 0))
    assert "is not on any department's roster" in page.message
    assert booked(rostered, NOBODY) == []


def test_changing_the_hkid_clears_the_last_caller(
    qtbot, rostered: Services, runner: TaskRunner
) -> None:
    page = make_page(qtbot, rostered, CLINIC_CW, runner)
    look_up(page, PRINCIPAL.hkid)
    assert page.caller is not None
    book(qtbot, page, runner, TODAY, time(11, 0))
    assert page.reference
    page.hkid_edit.setText(INACTIVE.hkid)
    assert page.caller is None
    assert page.reference == ""
    assert page.appointments_model.rowCount() == 0
    assert page.name_en_label.text() == ""
    # Booking now would be for nobody: it asks for a lookup instead.
    page.book()
    assert "Look up the caller first" in page.message
    assert runner.active_count == 0


# --- availability (R8, R10) --------------------------------------------------------------------


def test_r8_2_window_dates_and_telephone_seats(
    qtbot, rostered: Services, runner: TaskRunner
) -> None:
    page = make_page(qtbot, rostered, CLINIC_CW, runner)
    assert page.window_dates == (
        date(2025, 1, 8),
        date(2025, 1, 9),
        date(2025, 1, 10),
        date(2025, 1, 13),
        date(2025, 1, 14),
        date(2025, 1, 15),
        date(2025, 1, 16),
        date(2025, 1, 17),
    )
    assert page.dates_list.count() == 8
    assert page.dates_list.item(0).text() == "1 · 01-08 (Wed) · 23 open"
    assert page.shown_day == TODAY
    model = page.slot_model
    assert model.rowCount() == 28
    first_open = model.index(model.find_slot(TODAY, time(10, 15)), SlotTableModel.SEATS_LEFT)
    assert model.data(first_open) == "4 of 4"
    assert page.empty_label.isHidden()


def test_r8_4_a_started_same_day_slot_is_not_bookable(
    qtbot, rostered: Services, runner: TaskRunner, clock: FixedClock
) -> None:
    page = make_page(qtbot, rostered, CLINIC_CW, runner, show=True)
    model = page.slot_model
    past = model.find_slot(TODAY, time(9, 45))
    assert model.row_at(past).state == "past"
    assert model.data(model.index(past, SlotTableModel.STATE)) == "Started"
    flags = model.flags(model.index(past, 0))
    assert not flags & Qt.ItemFlag.ItemIsSelectable
    assert not flags & Qt.ItemFlag.ItemIsEnabled
    assert "before it starts" in model.data(model.index(past, 0), Qt.ItemDataRole.ToolTipRole)
    assert not page.select_slot(TODAY, time(9, 45))
    # The keyboard skips the greyed rows: Up from the first open slot stays there.
    look_up(page, PRINCIPAL.hkid)
    qtbot.keyClick(page.slot_view, Qt.Key.Key_Up)
    assert page.selected_slot().start == time(10, 15)  # type: ignore[union-attr]

    # Time passes while the console is open: 10:15 has started; F5 shows it, and a booking
    # of it refused by the service is shown with its reason.
    clock.at = datetime(2025, 1, 8, 10, 20, tzinfo=HONG_KONG)
    page.phone_edit.setText(PHONE)
    page.book()  # the slot as the page last saw it
    wait(qtbot, runner)
    assert "has already started or passed" in page.message
    assert shown_slot(page, time(10, 15)).state == "past"  # refreshed after the refusal
    assert booked(rostered) == []


def test_r8_1_empty_window_is_explained(
    qtbot, rostered: Services, runner: TaskRunner, clock: FixedClock
) -> None:
    # Saturday 25 January: CW is live (since the 20th), and neither D nor D+1 is an operating day.
    clock.at = datetime(2025, 1, 25, 10, 0, tzinfo=HONG_KONG)
    page = make_page(qtbot, rostered, CLINIC_CW, runner)
    assert page.window_dates == ()
    assert page.dates_list.count() == 0
    assert page.slot_model.rowCount() == 0
    assert "No bookable dates" in page.empty_label.text()
    assert not page.empty_label.isHidden()
    assert page.window_label.text().startswith("Live on online booking")


def test_alt_digit_picks_a_window_date(qtbot, rostered: Services, runner: TaskRunner) -> None:
    page = make_page(qtbot, rostered, CLINIC_CW, runner, show=True)
    qtbot.keyClick(page.hkid_edit, Qt.Key.Key_3, Qt.KeyboardModifier.AltModifier)
    assert page.shown_day == date(2025, 1, 10)
    assert {s.day for s in page.slot_model.rows} == {date(2025, 1, 10)}
    assert page.slot_view.hasFocus()
    assert page.selected_slot().start == time(9, 0)  # type: ignore[union-attr]
    qtbot.keyClick(page.slot_view, Qt.Key.Key_9, Qt.KeyboardModifier.AltModifier)  # no 9th
    assert page.shown_day == date(2025, 1, 10)


# --- booking -----------------------------------------------------------------------------------


def test_booking_by_keyboard_creates_the_appointment_and_shows_its_reference(
    qtbot, rostered: Services, runner: TaskRunner
) -> None:
    page = make_page(qtbot, rostered, CLINIC_CW, runner, show=True)
    qtbot.keyClicks(page.hkid_edit, PRINCIPAL.hkid)
    qtbot.keyClick(page.hkid_edit, Qt.Key.Key_Return)
    qtbot.keyClick(page.slot_view, Qt.Key.Key_Down)  # 10:15 -> 10:30
    # Enter on a slot without a phone number asks for one (the call list needs it).
    qtbot.keyClick(page.slot_view, Qt.Key.Key_Return)
    assert "contact phone number" in page.message
    assert page.phone_edit.hasFocus()
    assert runner.active_count == 0
    qtbot.keyClicks(page.phone_edit, PHONE)
    qtbot.keyClick(page.phone_edit, Qt.Key.Key_Return)
    wait(qtbot, runner)

    appointments = booked(rostered)
    assert len(appointments) == 1
    made = appointments[0]
    assert (made.clinic_code, made.day, made.start_time) == ("CW", TODAY, time(10, 30))
    assert made.channel == "manual"
    assert made.contact_phone == PHONE
    assert made.booked_by == CLINIC_CW.username
    assert page.reference == f"Booking reference: {made.booking_ref}"
    assert "Chai Wan Families Clinic 柴灣公務員診所" in page.message
    # The seat is taken: 3 of 4 left; the caller's appointments show it.
    assert shown_slot(page, time(10, 30)).remaining == 3
    model = page.slot_model
    row = model.find_slot(TODAY, time(10, 30))
    assert model.data(model.index(row, SlotTableModel.SEATS_LEFT)) == "3 of 4"
    assert [a.booking_ref for a in page.appointments_model.rows] == [made.booking_ref]
    assert page.selected_appointment() == made
    assert page.change_button.isEnabled() and page.cancel_button.isEnabled()


def test_ctrl_b_books_ctrl_n_starts_a_new_caller_ctrl_h_goes_to_the_hkid(
    qtbot, rostered: Services, runner: TaskRunner
) -> None:
    page = make_page(qtbot, rostered, CLINIC_CW, runner, show=True)
    look_up(page, PRINCIPAL.hkid)
    page.phone_edit.setText(PHONE)
    qtbot.keyClick(page.slot_view, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    wait(qtbot, runner)
    assert len(booked(rostered)) == 1
    qtbot.keyClick(page.slot_view, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert page.hkid_edit.text() == ""
    assert page.phone_edit.text() == ""
    assert page.caller is None
    assert page.reference == ""
    assert page.appointments_model.rowCount() == 0
    assert page.hkid_edit.hasFocus()
    page.slot_view.setFocus()
    qtbot.keyClick(page.slot_view, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)
    assert page.hkid_edit.hasFocus()


def test_pressing_book_twice_quickly_books_once(
    qtbot, rostered: Services, runner: TaskRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    requests: list[str | None] = []
    real_book = rostered.appointments.book

    def spy(*args: object, **kwargs: object) -> AppointmentRow:
        requests.append(kwargs.get("request_id"))  # type: ignore[arg-type]
        return real_book(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(rostered.appointments, "book", spy)
    page = make_page(qtbot, rostered, CLINIC_CW, runner)
    look_up(page, PRINCIPAL.hkid)
    assert page.select_slot(TODAY, time(11, 0))
    page.phone_edit.setText(PHONE)
    page.book_button.click()
    # In flight: the button is disabled and a second press does nothing.
    assert page.busy
    assert not page.book_button.isEnabled()
    page.book_button.click()
    page.book()
    wait(qtbot, runner)
    assert len(requests) == 1
    first_ref = booked(rostered)[0].booking_ref

    # The same booking pressed again (a retry): the same request ID, the same appointment.
    page.book()
    wait(qtbot, runner)
    assert len(requests) == 2
    assert requests[0] is not None and requests[0] == requests[1]
    assert [a.booking_ref for a in booked(rostered)] == [first_ref]
    assert page.reference == f"Booking reference: {first_ref}"
    assert audit_count(rostered, "appointment.book") == 1
    assert shown_slot(page, time(11, 0)).remaining == 3


def test_r10_3_a_second_slot_the_same_day_is_refused_with_the_reason(
    qtbot, rostered: Services, runner: TaskRunner
) -> None:
    page = make_page(qtbot, rostered, CLINIC_CW, runner)
    look_up(page, PRINCIPAL.hkid)
    book(qtbot, page, runner, TODAY, time(10, 15))
    first = booked(rostered)[0]
    book(qtbot, page, runner, TODAY, time(15, 0))
    assert page.message.startswith(
        "Not booked: A000XXX(X) already has an appointment on 2025-01-08"
    )
    assert first.booking_ref in page.message
    assert page.reference == ""
    assert [a.booking_ref for a in booked(rostered)] == [first.booking_ref]
    assert shown_slot(page, time(15, 0)).remaining == 4
    # Another day is fine, and a new request ID is used for it.
    book(qtbot, page, runner, TOMORROW, time(9, 0))
    assert len(booked(rostered)) == 2


def test_a_bad_contact_number_is_refused_before_booking(
    qtbot, rostered: Services, runner: TaskRunner
) -> None:
    page = make_page(qtbot, rostered, CLINIC_CW, runner)
    look_up(page, PRINCIPAL.hkid)
    book(qtbot, page, runner, TODAY, time(11, 0), phone="12345")
    assert "8 to 15 digits" in page.phone_check.text()
    assert booked(rostered) == []


def test_r10_3_a_full_slot_is_greyed_and_refused(
    qtbot, rostered: Services, runner: TaskRunner
) -> None:
    # Four other people fill the 11:00 telephone seats.
    others = [Person(hkid("D", 400 + i), f"WONG, Person {i}", date(1980, 1, 1)) for i in range(4)]
    add_source(rostered.db, "PEN")
    add_roster(rostered.db, "PEN", others)
    page = make_page(qtbot, rostered, CLINIC_CW, runner)
    for person in others:
        look_up(page, person.hkid)
        book(qtbot, page, runner, TODAY, time(11, 0))
    slot = shown_slot(page, time(11, 0))
    assert (slot.state, slot.remaining) == ("full", 0)
    look_up(page, PRINCIPAL.hkid)
    assert not page.select_slot(TODAY, time(11, 0))


# --- change and cancel (R10.4, R10.5) -------------------------------------------------------------


def test_r10_5_cancel_with_a_reason_frees_the_seat(
    qtbot, rostered: Services, runner: TaskRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = make_page(qtbot, rostered, CLINIC_CW, runner)
    look_up(page, PRINCIPAL.hkid)
    book(qtbot, page, runner, TODAY, time(11, 0))
    ref = booked(rostered)[0].booking_ref
    assert shown_slot(page, time(11, 0)).remaining == 3

    # The officer changes their mind in the dialog: nothing happens.
    monkeypatch.setattr(booking_dialogs, "ask_cancel_reason", lambda _p, _a: None)
    page.cancel_button.click()
    assert runner.active_count == 0
    assert len(booked(rostered)) == 1

    asked: list[str] = []

    def ask(_parent: object, appointment: AppointmentRow) -> str:
        asked.append(appointment.booking_ref)
        return "caller is travelling"

    monkeypatch.setattr(booking_dialogs, "ask_cancel_reason", ask)
    assert page.select_appointment(ref)
    page.cancel_button.click()
    wait(qtbot, runner)
    assert asked == [ref]
    cancelled = rostered.appointments.get(ref)
    assert cancelled.status == "CANCELLED"
    assert cancelled.cancel_reason == "caller is travelling"
    assert cancelled.status_changed_by == CLINIC_CW.username
    assert shown_slot(page, time(11, 0)).remaining == 4
    assert page.appointments_model.rowCount() == 0
    assert page.message.startswith(f"Cancelled {ref}")
    assert not page.cancel_button.isEnabled()

    # Booking the same slot again is a new booking, not the cancelled one returned.
    page.book()
    wait(qtbot, runner)
    again = booked(rostered)
    assert len(again) == 1 and again[0].booking_ref != ref


def test_change_moves_the_appointment(
    qtbot, rostered: Services, runner: TaskRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = make_page(qtbot, rostered, CLINIC_CW, runner)
    look_up(page, PRINCIPAL.hkid)
    book(qtbot, page, runner, TODAY, time(11, 0))
    ref = booked(rostered)[0].booking_ref
    monkeypatch.setattr(
        booking_dialogs,
        "ask_change",
        lambda _p, _s, _a: ChangeChoice(TOMORROW, time(14, 30), "2345 6789"),
    )
    page.change_button.click()
    wait(qtbot, runner)
    moved = rostered.appointments.get(ref)
    assert (moved.day, moved.start_time, moved.status) == (TOMORROW, time(14, 30), "BOOKED")
    assert moved.contact_phone == "2345 6789"
    assert page.reference == f"Booking reference: {ref}"
    assert page.message.startswith(f"Moved {ref} to 2025-01-09 (Thu) at 14:30")
    # The seat moved with it.
    assert page.select_slot(TODAY, time(11, 0))
    assert shown_slot(page, time(11, 0)).remaining == 4
    assert page.select_slot(TOMORROW, time(14, 30))
    assert shown_slot(page, time(14, 30)).remaining == 3
    assert [a.start_time for a in page.appointments_model.rows] == [time(14, 30)]


def test_a_refused_change_keeps_the_appointment(
    qtbot, rostered: Services, runner: TaskRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = make_page(qtbot, rostered, CLINIC_CW, runner)
    look_up(page, PRINCIPAL.hkid)
    book(qtbot, page, runner, TODAY, time(11, 0))
    ref = booked(rostered)[0].booking_ref
    monkeypatch.setattr(
        booking_dialogs,
        "ask_change",
        lambda _p, _s, _a: ChangeChoice(TODAY, time(9, 0), ""),  # started already
    )
    page.change_button.click()
    wait(qtbot, runner)
    assert page.message.startswith("Not changed:")
    assert "has already started or passed" in page.message
    assert rostered.appointments.get(ref).start_time == time(11, 0)


# --- clinics (R13.2) ---------------------------------------------------------------------------


def test_r13_2_clinic_staff_see_only_their_clinic(
    qtbot, rostered: Services, runner: TaskRunner
) -> None:
    page = make_page(qtbot, rostered, actor_for(Role.CLINIC, "KLN"), runner)
    assert page.clinic_codes() == ["KLN"]
    assert not page.clinic_combo.isEnabled()
    assert page.clinic_code == "KLN"


def test_others_choose_among_the_six_and_the_slots_follow(
    qtbot, rostered: Services, runner: TaskRunner
) -> None:
    page = make_page(qtbot, rostered, OPERATOR, runner)
    assert page.clinic_codes() == ["CW", "HK", "KLN", "NT", "FL", "SK"]
    assert page.clinic_combo.isEnabled()
    look_up(page, PRINCIPAL.hkid)
    book(qtbot, page, runner, TODAY, time(11, 0))
    assert shown_slot(page, time(11, 0)).remaining == 3
    assert page.set_clinic("SK")
    assert page._availability is not None and page._availability.clinic_code == "SK"
    assert shown_slot(page, time(11, 0)).remaining == 4


def test_a_clinic_officer_cannot_change_another_clinics_appointment(
    qtbot, rostered: Services, runner: TaskRunner
) -> None:
    rostered.appointments.book(
        OPERATOR,
        "HK",
        PRINCIPAL.hkid,
        TOMORROW,
        time(9, 0),
        channel=Channel.MANUAL,
        contact_phone=PHONE,
    )
    page = make_page(qtbot, rostered, CLINIC_CW, runner)
    look_up(page, PRINCIPAL.hkid)
    assert [a.clinic_code for a in page.appointments_model.rows] == ["HK"]
    assert page.selected_appointment() is not None
    assert not page.change_button.isEnabled()
    assert not page.cancel_button.isEnabled()


def test_f5_refreshes_the_seats_other_desks_took(
    qtbot, rostered: Services, runner: TaskRunner
) -> None:
    page = make_page(qtbot, rostered, CLINIC_CW, runner, show=True)
    assert shown_slot(page, time(12, 0)).remaining == 4
    rostered.appointments.book(
        OPERATOR,
        "CW",
        FAMILY["spouse"].hkid,
        TODAY,
        time(12, 0),
        channel=Channel.MANUAL,
        contact_phone=PHONE,
    )
    qtbot.keyClick(page.hkid_edit, Qt.Key.Key_F5)
    assert shown_slot(page, time(12, 0)).remaining == 3


# --- the models and dialogs ----------------------------------------------------------------------


def test_models_pass_the_model_tester(
    qtbot, qtmodeltester, rostered: Services, runner: TaskRunner
) -> None:
    page = make_page(qtbot, rostered, CLINIC_CW, runner)
    look_up(page, PRINCIPAL.hkid)
    book(qtbot, page, runner, TODAY, time(11, 0))
    assert page.slot_model.rowCount() > 0 and page.appointments_model.rowCount() == 1
    qtmodeltester.check(page.slot_model)
    qtmodeltester.check(page.appointments_model)
    empty_slots = SlotTableModel()
    qtmodeltester.check(empty_slots)
    assert empty_slots.flags(QModelIndex()) == Qt.ItemFlag.NoItemFlags
    qtmodeltester.check(CallerAppointmentsModel())
    appointments = page.appointments_model
    assert appointments.data(appointments.index(0, CallerAppointmentsModel.WHEN)) == (
        "2025-01-08 (Wed) 11:00"
    )
    assert appointments.data(appointments.index(0, CallerAppointmentsModel.CHANNEL)) == (
        "Telephone"
    )
    assert PHONE in appointments.data(appointments.index(0, 0), Qt.ItemDataRole.ToolTipRole)


def test_cancel_dialog_needs_a_reason(qtbot, rostered: Services, runner: TaskRunner) -> None:
    page = make_page(qtbot, rostered, CLINIC_CW, runner)
    look_up(page, PRINCIPAL.hkid)
    book(qtbot, page, runner, TODAY, time(11, 0))
    appointment = booked(rostered)[0]
    dialog = CancelDialog(appointment)
    qtbot.addWidget(dialog)
    dialog.cancel_appointment_button.click()
    assert dialog.result() == 0
    assert "needs a reason" in dialog.error_label.text()
    dialog.reason_combo.setCurrentIndex(1)
    assert dialog.reason == "Requested by the caller"
    dialog.cancel_appointment_button.click()
    assert dialog.result() == 1


def test_change_dialog_offers_open_slots_but_not_the_current_one(
    qtbot, rostered: Services, runner: TaskRunner
) -> None:
    page = make_page(qtbot, rostered, CLINIC_CW, runner)
    look_up(page, PRINCIPAL.hkid)
    book(qtbot, page, runner, TODAY, time(11, 0))
    appointment = booked(rostered)[0]
    dialog = ChangeDialog(rostered, appointment)
    qtbot.addWidget(dialog)
    assert dialog.date_combo.count() == 8
    assert dialog.phone_edit.text() == PHONE
    assert not dialog.select(TODAY, time(9, 0))  # started
    assert dialog.select(TODAY, time(11, 0))
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert "appointment's time now" in dialog.error_label.text()
    assert dialog.select(date(2025, 1, 13), time(16, 45))
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert dialog.result() == 1
    assert dialog.choice() == ChangeChoice(date(2025, 1, 13), time(16, 45), PHONE)


def test_hkid_feedback_on_enter_calls_an_incomplete_number_wrong() -> None:
    assert hkid_feedback("A12")[2] is None
    assert hkid_feedback("A12")[0].startswith("Keep typing")
    assert hkid_feedback("A12", final=True)[0].startswith("✗ Not a valid HKID")
    assert hkid_feedback(" ") == ("", "", None)
    assert hkid_feedback("Ａ１２３４５６（３）")[2] == "A123456(3)"  # full-width (R9.2)


def test_the_console_shortcuts_do_not_clash_with_the_main_window(
    qtbot, rostered: Services, runner: TaskRunner, make_window
) -> None:
    """Two shortcuts on one key are ambiguous in Qt: neither fires (Ctrl+L locks the window)."""
    window = make_window(CLINIC_CW)
    page = make_page(qtbot, rostered, CLINIC_CW, runner)
    window_keys = {
        action.shortcut().toString()
        for action in window.findChildren(QAction)
        if not action.shortcut().isEmpty()
    }
    assert "Ctrl+L" in window_keys
    page_keys = {shortcut.key().toString() for shortcut in page.shortcuts}
    assert {"Ctrl+H", "Ctrl+B", "Ctrl+N", "F5", "Alt+1", "Alt+9"} <= page_keys
    assert page_keys.isdisjoint(window_keys)


def test_in_the_main_window_the_page_books_and_ctrl_l_still_locks(
    qtbot, rostered: Services, make_window
) -> None:
    clinic = add_user(rostered, "clinic.cw", Role.CLINIC, "CW")
    window = make_window(clinic)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    page = window.show_page("booking")
    assert isinstance(page, BookingConsolePage)
    page.hkid_edit.setFocus()
    qtbot.waitUntil(lambda: page.hkid_edit.hasFocus())
    qtbot.keyClicks(page.hkid_edit, PRINCIPAL.hkid)
    qtbot.keyClick(page.hkid_edit, Qt.Key.Key_Return)
    page.phone_edit.setText(PHONE)
    qtbot.keyClick(page.slot_view, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.runner.active_count == 0, timeout=10_000)
    assert len(booked(rostered)) == 1
    # Another desk books meanwhile; coming back to the page shows it.
    rostered.appointments.book(
        OPERATOR,
        "CW",
        FAMILY["spouse"].hkid,
        TODAY,
        time(10, 15),
        Channel.MANUAL,
        contact_phone=PHONE,
    )
    window.show_page("clinics")
    window.show_page("booking")
    assert shown_slot(page, time(10, 15)).remaining == 2
    qtbot.keyClick(page.slot_view, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert window.locked
