"""R4.1, R4.2 in the GUI: holidays of a year, added non-working days, the deadline calculator."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtWidgets import QDialog

from fc_admin.domain.roles import Role
from fc_admin.services import Services
from fc_admin.services.actor import Actor
from fc_admin.services.audit import AuditFilter
from fc_admin.views.calendar_page import CalendarPage, NonWorkingDayDialog
from fc_admin.views.formatting import to_qdate
from tests.views.conftest import Boxes, add_user


def _page(qtbot, services: Services, actor: Actor) -> CalendarPage:
    page = CalendarPage(services, actor)
    qtbot.addWidget(page)
    return page


def _row_texts(page: CalendarPage, day: date) -> list[str]:
    row = page.model.find_row(day)
    assert row >= 0, f"{day} is not listed"
    return [str(page.model.data(page.model.index(row, c))) for c in range(4)]


def test_r4_1_general_holidays_of_the_year(qtbot, services: Services, admin: Actor) -> None:
    page = _page(qtbot, services, admin)
    assert page.year == 2025
    assert _row_texts(page, date(2025, 4, 18)) == [
        "2025-04-18 (Fri)",
        "Good Friday",
        "耶穌受難節",
        "General holiday",
    ]
    # Lunar New Year 29-31 Jan 2025 are general holidays (the R4.2 example relies on them).
    for day in (29, 30, 31):
        assert page.model.find_row(date(2025, 1, day)) >= 0
    page.year_spin.setValue(2026)
    assert all(h.date.year == 2026 for h in page.model.rows)
    assert page.calendar.yearShown() == 2026


def test_r4_1_holidays_are_marked_in_the_calendar(qtbot, services: Services, admin: Actor) -> None:
    page = _page(qtbot, services, admin)
    fmt = page.calendar.dateTextFormat(to_qdate(date(2025, 4, 18)))
    assert fmt.toolTip() == "Good Friday"
    assert page.calendar.dateTextFormat(to_qdate(date(2025, 4, 15))).toolTip() == ""


def test_r4_1_admin_adds_and_removes_a_non_working_day(
    qtbot, services: Services, admin: Actor, boxes: Boxes
) -> None:
    page = _page(qtbot, services, admin)
    day = date(2025, 9, 10)
    assert page.add_non_working_day(day, "Typhoon", "颱風")
    assert boxes.errors == []
    assert _row_texts(page, day) == [
        "2025-09-10 (Wed)",
        "Typhoon",
        "颱風",
        "Added non-working day",
    ]
    assert page.selected_holiday().date == day
    assert page.remove_button.isEnabled()
    assert page.calendar.dateTextFormat(to_qdate(day)).toolTip() == "Typhoon"

    assert page.remove_selected()
    assert boxes.questions and "2025-09-10 (Wed)" in boxes.questions[0]
    assert page.model.find_row(day) == -1
    actions = [r.action for r in services.audit.page(admin, AuditFilter(), 0, 10)]
    assert actions[:2] == ["calendar.remove_non_working_day", "calendar.add_non_working_day"]


def test_remove_asks_first_and_keeps_the_day_when_declined(
    qtbot, services: Services, admin: Actor, boxes: Boxes
) -> None:
    page = _page(qtbot, services, admin)
    day = date(2025, 9, 10)
    page.add_non_working_day(day, "Typhoon", "")
    boxes.answer = False
    assert not page.remove_selected()
    assert page.model.find_row(day) >= 0


def test_general_holidays_cannot_be_removed(qtbot, services: Services, admin: Actor) -> None:
    page = _page(qtbot, services, admin)
    page.select_date(date(2025, 4, 18))
    assert not page.remove_button.isEnabled()
    assert not page.remove_selected()


def test_adding_a_general_holiday_again_is_refused_with_the_reason(
    qtbot, services: Services, admin: Actor, boxes: Boxes
) -> None:
    page = _page(qtbot, services, admin)
    assert not page.add_non_working_day(date(2025, 12, 25), "Christmas", "")
    assert boxes.errors == ["2025-12-25 is already a general holiday"]


def test_add_through_the_dialog(
    qtbot, services: Services, admin: Actor, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = _page(qtbot, services, admin)

    def fill(dialog: NonWorkingDayDialog) -> int:
        dialog.date_edit.setDate(to_qdate(date(2025, 11, 3)))
        dialog.name_en_edit.setText("  Extra day ")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(NonWorkingDayDialog, "exec", fill)
    page.add_interactively()
    assert _row_texts(page, date(2025, 11, 3))[1] == "Extra day"


def test_dialog_needs_a_name(qtbot) -> None:
    dialog = NonWorkingDayDialog(date(2025, 5, 2))
    qtbot.addWidget(dialog)
    ok = dialog.buttons.button(dialog.buttons.StandardButton.Ok)
    assert not ok.isEnabled()
    dialog.name_en_edit.setText("Reason")
    assert ok.isEnabled()
    assert dialog.values() == (date(2025, 5, 2), "Reason", "")


def test_r4_2_deadline_calculator(qtbot, services: Services, admin: Actor) -> None:
    page = _page(qtbot, services, admin)
    page.received_edit.setDate(to_qdate(date(2025, 1, 23)))
    assert page.deadline == date(2025, 2, 17)
    assert page.deadline_label.text().startswith("Monday, 17 February 2025")


def test_r4_2_added_day_moves_the_deadline(qtbot, services: Services, admin: Actor) -> None:
    page = _page(qtbot, services, admin)
    page.received_edit.setDate(to_qdate(date(2025, 1, 23)))
    page.add_non_working_day(date(2025, 2, 3), "Extra", "")
    assert page.deadline == date(2025, 2, 18)


def test_r13_2_non_admin_has_no_calendar_buttons(qtbot, services: Services) -> None:
    verifier = add_user(services, "verifier1", Role.VERIFIER)
    page = _page(qtbot, services, verifier)
    assert page.add_button.isHidden() and page.remove_button.isHidden()
    assert page.model.rowCount() > 10
