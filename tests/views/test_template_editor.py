"""R10.1, F8 in the GUI: the weekly session template grid, checked live, saved through the service.

The test clock is Wednesday 8 January 2025; every clinic has the standard template of migration
0005 (Mon–Fri AM 09:00–13:00 and PM 14:00–17:00, 15-minute slots, capacity 4, 2 online).
"""

from __future__ import annotations

from datetime import date, time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QSpinBox, QTimeEdit

from fc_admin.domain.booking_window import Channel
from fc_admin.domain.session_templates import SessionSpec, WeeklyTemplate
from fc_admin.exchange.session_template_toml import parse_session_template
from fc_admin.services import Services
from fc_admin.services.actor import Actor
from fc_admin.views import template_editor
from fc_admin.views.template_editor import (
    CAPACITY,
    DAY_COLUMNS,
    END,
    NAME,
    ONLINE,
    SLOT,
    START,
    SessionTableModel,
    TemplateEditorDialog,
    next_monday,
    weekday_previews,
)
from tests.services.booking_support import HK_STAFF, audit_records, rostered

MONDAY = date(2025, 1, 13)


def standard(services: Services) -> WeeklyTemplate:
    row = services.capacity.template_on("HK", date(2025, 1, 8))
    assert row is not None
    return row.template


def editor(
    qtbot, services: Services, actor: Actor, template: WeeklyTemplate | None, **kwargs
) -> TemplateEditorDialog:
    dialog = TemplateEditorDialog(
        services, actor, "HK", "Hong Kong Families Clinic", template, MONDAY, **kwargs
    )
    qtbot.addWidget(dialog)
    return dialog


def test_the_session_model_passes_qt_model_tester(
    qtbot, qtmodeltester, services: Services, admin: Actor
) -> None:
    model = SessionTableModel()
    model.set_template(standard(services))
    qtmodeltester.check(model, force_py=True)
    model.add_session()
    qtmodeltester.check(model, force_py=True)


def test_f8_the_grid_shows_the_template_and_a_preview_per_weekday(
    qtbot, services: Services, admin: Actor
) -> None:
    dialog = editor(qtbot, services, admin, standard(services))
    model = dialog.model
    assert model.rowCount() == 2
    assert [model.index(0, c).data() for c in (NAME, START, END, SLOT, CAPACITY, ONLINE)] == [
        "AM", "09:00", "13:00", "15", "4", "2",
    ]  # fmt: skip
    checked = [model.index(1, c).data(Qt.ItemDataRole.CheckStateRole) for c in DAY_COLUMNS]
    assert checked == [Qt.CheckState.Checked] * 5 + [Qt.CheckState.Unchecked] * 2
    assert dialog.preview_lines[0] == (
        "Mon: AM 09:00–13:00 16 slots × 4 = 64 seats (32 online); "
        "PM 14:00–17:00 12 slots × 4 = 48 seats (24 online)"
    )
    assert dialog.preview_lines[5:] == ["Sat: closed", "Sun: closed"]
    assert dialog.problems == [] and dialog.save_button is not None
    assert dialog.save_button.isEnabled()
    assert dialog.valid_from == MONDAY


def test_next_monday_is_always_ahead() -> None:
    assert next_monday(date(2025, 1, 8)) == date(2025, 1, 13)  # a Wednesday
    assert next_monday(date(2025, 1, 13)) == date(2025, 1, 20)  # a Monday: the one after
    assert next_monday(date(2025, 1, 12)) == date(2025, 1, 13)  # a Sunday


def test_f8_online_above_capacity_is_shown_and_save_disabled(
    qtbot, services: Services, admin: Actor
) -> None:
    dialog = editor(qtbot, services, admin, standard(services))
    assert dialog.save_button is not None
    assert dialog.model.setData(dialog.model.index(1, ONLINE), 5)
    assert dialog.problems == ["Row 2 (PM): online (5) is more than capacity (4)"]
    assert dialog.problems_list.item(0).text() == dialog.problems[0]
    assert not dialog.problems_list.isHidden()
    assert not dialog.save_button.isEnabled()
    assert not dialog.toml_button.isEnabled()
    assert dialog.model.has_problem(1, ONLINE) and dialog.model.has_problem(1, CAPACITY)
    assert not dialog.model.has_problem(0, ONLINE)
    assert dialog.model.index(1, ONLINE).data(Qt.ItemDataRole.BackgroundRole) is not None
    assert "more than capacity" in dialog.model.index(1, ONLINE).data(Qt.ItemDataRole.ToolTipRole)
    # Saving anyway (Enter on a disabled button does nothing; the method refuses too).
    dialog.save()
    assert dialog.saved_row is None and len(services.capacity.templates("HK")) == 1
    # Raising the capacity fixes it.
    dialog.model.setData(dialog.model.index(1, CAPACITY), 5)
    assert dialog.problems == [] and dialog.save_button.isEnabled()
    assert dialog.problems_list.isHidden()
    assert not dialog.model.has_problem(1, ONLINE)


def test_f8_overlapping_sessions_and_starts_off_the_grid_are_refused(
    qtbot, services: Services, admin: Actor
) -> None:
    dialog = editor(qtbot, services, admin, standard(services))
    assert dialog.save_button is not None
    dialog.model.setData(dialog.model.index(1, START), "12:00")  # PM now overlaps AM
    assert dialog.problems == [
        "Row 2 (PM): sessions 'AM' and 'PM' overlap on Mon, Tue, Wed, Thu, Fri"
    ]
    assert not dialog.save_button.isEnabled()
    # Both sessions' times are highlighted.
    for row in (0, 1):
        assert dialog.model.has_problem(row, START) and dialog.model.has_problem(row, END)
    dialog.save()
    assert dialog.saved_row is None
    # Off Tuesday and Thursday the overlap shrinks; moving PM past AM ends it.
    dialog.model.setData(dialog.model.index(1, START), "14:05")
    assert dialog.problems == ["Row 2 (PM): start 14:05 is not on the 15-minute slot grid"]
    assert dialog.model.has_problem(1, START) and not dialog.model.has_problem(0, START)
    dialog.model.setData(dialog.model.index(1, START), "14:00")
    assert dialog.problems == [] and dialog.save_button.isEnabled()
    assert not dialog.model.setData(dialog.model.index(1, START), "25:00")  # not a time


def test_the_grid_is_keyboard_usable(qtbot, services: Services, admin: Actor) -> None:
    dialog = editor(qtbot, services, admin, standard(services))
    dialog.show()
    qtbot.waitExposed(dialog)
    view = dialog.view
    # A spin box for seats: type a number, Enter commits it.
    view.setCurrentIndex(dialog.model.index(0, ONLINE))
    qtbot.keyClick(view, Qt.Key.Key_F2)
    spin = view.findChild(QSpinBox)
    assert spin is not None and spin.maximum() >= 500
    spin.setValue(9)
    qtbot.keyClick(spin, Qt.Key.Key_Return)  # the delegate commits on the next event loop turn
    qtbot.waitUntil(lambda: dialog.model.draft(0).online == 9)
    assert dialog.problems == ["Row 1 (AM): online (9) is more than capacity (4)"]
    # A time field for the times.
    view.setCurrentIndex(dialog.model.index(0, END))
    qtbot.keyClick(view, Qt.Key.Key_F2)
    time_edit = view.findChild(QTimeEdit)
    assert time_edit is not None and time_edit.displayFormat() == "HH:mm"
    # Space ticks a day.
    saturday = DAY_COLUMNS[5]
    view.setCurrentIndex(dialog.model.index(0, saturday))
    qtbot.keyClick(view, Qt.Key.Key_Space)
    assert 5 in dialog.model.draft(0).days
    qtbot.keyClick(view, Qt.Key.Key_Space)
    assert 5 not in dialog.model.draft(0).days
    # Insert adds a session and opens its name; Delete removes the current one.
    qtbot.keyClick(view, Qt.Key.Key_Insert)
    assert dialog.model.rowCount() == 3
    assert view.currentIndex().row() == 2 and view.currentIndex().column() == NAME
    assert "Row 3: the session has no name" in dialog.problems
    name_editor = view.findChild(QLineEdit)
    assert name_editor is not None and name_editor.maxLength() == 20
    qtbot.keyClicks(name_editor, "EVE")
    qtbot.keyClick(name_editor, Qt.Key.Key_Delete)  # edits the text, not the grid
    assert dialog.model.rowCount() == 3
    qtbot.keyClick(name_editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.model.draft(2).name == "EVE")
    view.setCurrentIndex(dialog.model.index(2, CAPACITY))
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert dialog.model.rowCount() == 2


def test_r10_1_saving_loads_the_template_from_its_date(
    qtbot, services: Services, admin: Actor
) -> None:
    dialog = editor(qtbot, services, admin, standard(services))
    dialog.model.setData(dialog.model.index(0, CAPACITY), 6)
    dialog.model.setData(dialog.model.index(0, ONLINE), 3)
    dialog.save()
    assert dialog.result() == TemplateEditorDialog.DialogCode.Accepted
    assert dialog.saved_row is not None and dialog.saved_row.valid_from == MONDAY
    later = services.capacity.template_on("HK", MONDAY)
    earlier = services.capacity.template_on("HK", date(2025, 1, 10))
    assert later is not None and earlier is not None
    am = later.template.session("AM")
    assert am is not None and (am.capacity, am.online) == (6, 3)
    assert earlier.valid_from == date(2024, 1, 1)
    assert earlier.template.session("AM").capacity == 4  # type: ignore[union-attr]
    assert [r.actor for r in audit_records(services.db, "capacity.template")] == [admin.username]


def test_r10_1_a_refusal_by_the_service_stays_in_the_dialog(
    qtbot, services: Services, admin: Actor
) -> None:
    (person,) = rostered(services.db, 1)
    booked = services.appointments.book(
        HK_STAFF, "HK", person, date(2025, 1, 14), time(14), Channel.MANUAL
    )
    dialog = editor(qtbot, services, admin, standard(services))
    dialog.view.setCurrentIndex(dialog.model.index(1, NAME))
    dialog.remove_current_session()  # drop PM, which holds the appointment
    assert dialog.problems == []
    dialog.save()
    assert dialog.result() != TemplateEditorDialog.DialogCode.Accepted
    assert dialog.saved_row is None
    assert not dialog.error_label.isHidden()
    assert booked.booking_ref in dialog.error_label.text()
    assert dialog.error_label.text().startswith("The template would drop 1 booked appointment")
    # Nothing typed is lost, nothing is loaded.
    assert dialog.model.rowCount() == 1 and dialog.model.draft(0).name == "AM"
    assert [t.valid_from for t in services.capacity.templates("HK")] == [date(2024, 1, 1)]
    # From the day after the appointment it loads.
    dialog.set_valid_from(date(2025, 1, 15))
    dialog.save()
    assert dialog.saved_row is not None and dialog.saved_row.valid_from == date(2025, 1, 15)


def test_f8_save_as_toml_writes_a_file_that_loads_back(
    qtbot, services: Services, admin: Actor, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "hk.toml"
    monkeypatch.setattr(template_editor, "choose_toml_save_file", lambda _p, _s: str(target))
    dialog = editor(qtbot, services, admin, standard(services))
    dialog.model.setData(dialog.model.index(0, DAY_COLUMNS[5]), Qt.CheckState.Checked.value,
                         Qt.ItemDataRole.CheckStateRole)  # fmt: skip
    dialog.toml_button.click()
    parsed = parse_session_template(target.read_bytes(), "hk.toml")
    assert parsed == dialog.template()
    assert parsed.session("AM").days == (0, 1, 2, 3, 4, 5)  # type: ignore[union-attr]


def test_a_read_only_editor_edits_nothing(qtbot, services: Services, admin: Actor) -> None:
    template = WeeklyTemplate((SessionSpec("AM", (0,), time(9), time(12), 30, 6, 3),))
    dialog = editor(qtbot, services, admin, template, read_only=True)
    assert dialog.save_button is None and dialog.add_button.isHidden()
    index = dialog.model.index(0, CAPACITY)
    assert not dialog.model.flags(index) & Qt.ItemFlag.ItemIsEditable
    assert not dialog.model.setData(index, 8)
    assert dialog.model.draft(0).capacity == 6
    assert weekday_previews(template)[0] == "Mon: AM 09:00–12:00 6 slots × 6 = 36 seats (18 online)"
