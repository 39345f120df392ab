"""R10.1 and R10.2 in the GUI: the Capacity page's templates, TOML loading, closures, call lists.

The test clock is Wednesday 8 January 2025, 10:00 in Hong Kong. HK is not live, so its manual
telephone window is 8 January and the next 7 working days; every clinic has the standard template
of migration 0005 (Mon–Fri AM 09:00–13:00, PM 14:00–17:00) from 2024-01-01.
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from datetime import date, time
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog

from fc_admin.domain.booking_window import Channel
from fc_admin.domain.hkid import mask_hkid
from fc_admin.domain.roles import Role
from fc_admin.exchange.errors import FileProblem
from fc_admin.services import Services
from fc_admin.services.actor import Actor
from fc_admin.views import capacity_page, closure_dialogs, template_editor
from fc_admin.views.capacity_page import (
    CapacityPage,
    ClosuresTableModel,
    TemplatesTableModel,
)
from fc_admin.views.closure_dialogs import CallListDialog, CallListTableModel, CloseDialog
from fc_admin.views.task_runner import TaskRunner
from fc_admin.views.template_editor import CAPACITY, ONLINE, TemplateEditorDialog
from tests.services.booking_support import HK_STAFF, audit_records, rostered
from tests.views.conftest import Boxes, add_user

TUESDAY = date(2025, 1, 14)
PHONE = "9123 4567"

BAD_TOML = """\
[[session]]
name = "AM"
days = ["Mon", "Tue", "Wed", "Thu", "Fri"]
start = "09:00"
end = "13:00"
slot_minutes = 15
capacity = 4
online = 6

[[session]]
name = "PM"
days = ["Mon", "Funday"]
start = "14:00"
end = "17:00"
slot_minutes = 15
capacity = 4
online = 2
"""

GOOD_TOML = """\
# HK from February: mornings only, longer slots
[[session]]
name = "AM"
days = ["Mon", "Tue", "Wed", "Thu", "Fri"]
start = "09:00"
end = "12:00"
slot_minutes = 30
capacity = 6
online = 3
"""

Driver = Callable[[QDialog], bool]


def make_page(qtbot, services: Services, actor: Actor, runner: TaskRunner) -> CapacityPage:
    page = CapacityPage(services, actor, runner)
    qtbot.addWidget(page)
    page.select_clinic("HK")
    return page


def drive_dialogs(monkeypatch: pytest.MonkeyPatch, *drivers: Driver) -> list[QDialog]:
    """Replace the modal runs: the n-th dialog the page opens goes to the n-th driver."""
    seen: list[QDialog] = []

    def run(dialog: QDialog) -> bool:
        seen.append(dialog)
        assert len(seen) <= len(drivers), f"unexpected dialog {dialog!r}"
        return drivers[len(seen) - 1](dialog)

    monkeypatch.setattr(capacity_page, "exec_dialog", run)
    return seen


def book(services: Services, person: str, day: date = TUESDAY, at: time = time(9)) -> str:
    return services.appointments.book(
        HK_STAFF, "HK", person, day, at, Channel.MANUAL, contact_phone=PHONE
    ).booking_ref


def cells(model, column: int) -> list[str]:  # type: ignore[no-untyped-def]
    return [str(model.index(r, column).data()) for r in range(model.rowCount())]


# --- templates (R10.1) ----------------------------------------------------------------------------


def test_r10_1_the_templates_are_listed_with_the_one_in_force_marked(
    qtbot, qtmodeltester, services: Services, admin: Actor, runner: TaskRunner
) -> None:
    page = make_page(qtbot, services, admin, runner)
    model = page.templates_model
    assert cells(model, TemplatesTableModel.VALID_FROM) == ["2024-01-01 (Mon)"]
    assert cells(model, TemplatesTableModel.STATUS) == ["In force today"]
    assert cells(model, TemplatesTableModel.SESSIONS) == [
        "AM Mon–Fri 09:00–13:00, 15 min × 4 (2 online); PM Mon–Fri 14:00–17:00, 15 min × 4 "
        "(2 online)"
    ]
    assert not page.new_button.isHidden() and not page.load_button.isHidden()
    assert not page.view_button.isEnabled()
    qtmodeltester.check(model, force_py=True)


def test_r10_1_a_template_saved_in_the_editor_applies_from_its_date_only(
    qtbot, services: Services, admin: Actor, runner: TaskRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    def edit(dialog: QDialog) -> bool:
        assert isinstance(dialog, TemplateEditorDialog)
        # Prefilled from the template in force, from next Monday.
        assert [s.name for s in dialog.template().sessions] == ["AM", "PM"]
        assert dialog.valid_from == date(2025, 1, 13)
        dialog.model.setData(dialog.model.index(0, CAPACITY), 6)
        dialog.model.setData(dialog.model.index(0, ONLINE), 3)
        dialog.save()
        return dialog.result() == QDialog.DialogCode.Accepted

    seen = drive_dialogs(monkeypatch, edit)
    page = make_page(qtbot, services, admin, runner)
    page.new_button.click()
    assert len(seen) == 1
    model = page.templates_model
    assert cells(model, TemplatesTableModel.VALID_FROM) == ["2024-01-01 (Mon)", "2025-01-13 (Mon)"]
    assert cells(model, TemplatesTableModel.STATUS) == ["In force today", "Upcoming"]
    assert cells(model, TemplatesTableModel.LOADED_BY) == ["system", admin.username]
    assert page.selected_template() is not None
    assert page.selected_template().valid_from == date(2025, 1, 13)  # type: ignore[union-attr]
    # R10.1: the later template from its date, the earlier days keep theirs.
    later = services.capacity.template_on("HK", date(2025, 1, 20))
    earlier = services.capacity.template_on("HK", date(2025, 1, 10))
    assert later is not None and later.valid_from == date(2025, 1, 13)
    assert later.template.session("AM").capacity == 6  # type: ignore[union-attr]
    assert earlier is not None and earlier.valid_from == date(2024, 1, 1)
    assert earlier.template.session("AM").capacity == 4  # type: ignore[union-attr]


def test_view_opens_the_selected_template_read_only(
    qtbot, services: Services, admin: Actor, runner: TaskRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    def view(dialog: QDialog) -> bool:
        assert isinstance(dialog, TemplateEditorDialog)
        assert dialog.read_only and dialog.save_button is None
        assert dialog.model.rowCount() == 2
        return False

    seen = drive_dialogs(monkeypatch, view)
    page = make_page(qtbot, services, admin, runner)
    page.templates_view.selectRow(0)
    assert page.view_button.isEnabled()
    page.view_button.click()
    assert len(seen) == 1


def test_f8_a_bad_toml_file_shows_every_reason_and_loads_nothing(
    qtbot,
    services: Services,
    admin: Actor,
    runner: TaskRunner,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    path = tmp_path / "hk-template.toml"
    path.write_text(BAD_TOML, encoding="utf-8")
    shown: list[list[FileProblem]] = []
    monkeypatch.setattr(
        template_editor, "show_file_problems", lambda _p, problems, _t: shown.append(problems)
    )
    monkeypatch.setattr(capacity_page, "choose_template_file", lambda _p, _s: str(path))
    seen = drive_dialogs(monkeypatch)  # no editor may open
    page = make_page(qtbot, services, admin, runner)
    page.load_button.click()
    assert seen == [] and len(shown) == 1
    found = {(p.file, p.line, p.column) for p in shown[0]}
    assert ("hk-template.toml", 8, "AM.online") in found
    assert ("hk-template.toml", 12, "PM.days") in found
    reasons = " / ".join(p.reason for p in shown[0])
    assert "online (6) is more than capacity (4)" in reasons and "'Funday' is not a day" in reasons
    # The dialog shows them as a table: file, line, session.field, reason.
    dialog = template_editor.FileProblemsDialog(shown[0], len(shown[0]))
    qtbot.addWidget(dialog)
    assert dialog.model.index(0, 0).data() == "hk-template.toml"
    assert {dialog.model.index(r, 2).data() for r in range(dialog.model.rowCount())} == {
        "AM.online",
        "PM.days",
    }
    # Nothing loaded.
    assert [t.valid_from for t in services.capacity.templates("HK")] == [date(2024, 1, 1)]
    assert audit_records(services.db, "capacity.template") == []


def test_f8_a_good_toml_file_opens_in_the_editor_and_keeps_its_text(
    qtbot,
    services: Services,
    admin: Actor,
    runner: TaskRunner,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    path = tmp_path / "hk-feb.toml"
    path.write_text(GOOD_TOML, encoding="utf-8")

    def edit(dialog: QDialog) -> bool:
        assert isinstance(dialog, TemplateEditorDialog)
        assert [s.name for s in dialog.template().sessions] == ["AM"]
        dialog.set_valid_from(date(2025, 2, 3))
        dialog.save()
        return dialog.result() == QDialog.DialogCode.Accepted

    drive_dialogs(monkeypatch, edit)
    page = make_page(qtbot, services, admin, runner)
    page.load_template_file(str(path))
    row = services.capacity.template_on("HK", date(2025, 2, 3))
    assert row is not None and row.valid_from == date(2025, 2, 3)
    assert row.source_text == GOOD_TOML  # the file's own text, comment and all
    assert page.templates_model.rowCount() == 2


# --- closures (R10.2) -----------------------------------------------------------------------------


def test_r10_2_closing_a_session_lists_the_booked_people_to_phone(
    qtbot,
    qtmodeltester,
    services: Services,
    admin: Actor,
    runner: TaskRunner,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    morning, afternoon = rostered(services.db, 2)
    ref = book(services, morning, at=time(9, 30))
    book(services, afternoon, at=time(14))  # PM stays open: not on the list
    call_lists: list[CallListDialog] = []

    def close(dialog: QDialog) -> bool:
        assert isinstance(dialog, CloseDialog)
        dialog.set_day(TUESDAY)
        # The sessions the day has, from the template in force (R10.1).
        options = [dialog.session_combo.itemData(i) for i in range(dialog.session_combo.count())]
        assert options == ["", "AM", "PM"]
        assert not dialog.ok_button.isEnabled()  # no reason yet
        assert [dialog.reason_combo.itemText(i) for i in range(3)] == [
            "Typhoon signal No. 8",
            "Black rainstorm warning",
            "Staff training",
        ]
        dialog.choose_session("AM")
        dialog.reason_combo.setCurrentIndex(0)
        assert dialog.ok_button.isEnabled()
        dialog.ok_button.click()
        return dialog.result() == QDialog.DialogCode.Accepted

    def call_list(dialog: QDialog) -> bool:
        assert isinstance(dialog, CallListDialog)
        call_lists.append(dialog)
        return False

    drive_dialogs(monkeypatch, close, call_list)
    page = make_page(qtbot, services, admin, runner)
    page.close_button.click()

    (shown,) = call_lists
    model = shown.model
    assert model.rowCount() == 1
    assert [model.index(0, c).data() for c in range(model.columnCount())] == [
        "09:30",
        "AM",
        ref,
        "CHAN, Officer 100",
        "陳公務員",
        mask_hkid(morning),
        PHONE,
        "Manual telephone",
    ]
    assert morning not in {str(model.index(0, c).data()) for c in range(model.columnCount())}
    qtmodeltester.check(model, force_py=True)
    # The closure is listed, selected, with its affected count.
    closures = page.closures_model
    assert cells(closures, ClosuresTableModel.DAY) == ["2025-01-14 (Tue)"]
    assert cells(closures, ClosuresTableModel.SCOPE) == ["AM"]
    assert cells(closures, ClosuresTableModel.REASON) == ["Typhoon signal No. 8"]
    assert cells(closures, ClosuresTableModel.AFFECTED) == ["1"]
    assert cells(closures, ClosuresTableModel.CLOSED_BY) == [admin.username]
    assert page.selected_closure() is not None
    qtmodeltester.check(closures, force_py=True)
    (record,) = audit_records(services.db, "capacity.close")
    assert record.actor == admin.username


def test_r10_2_a_day_without_sessions_cannot_be_closed(
    qtbot, services: Services, admin: Actor
) -> None:
    dialog = CloseDialog(services, admin, "HK", "HK", date(2025, 1, 11))  # a Saturday
    qtbot.addWidget(dialog)
    dialog.set_reason("Staff training")
    assert dialog.session_combo.count() == 0 and not dialog.ok_button.isEnabled()
    assert "no session on 2025-01-11 (Sat)" in dialog.day_note.text()
    dialog.set_day(date(2025, 1, 29))  # Lunar New Year's Day: every clinic is closed
    assert dialog.session_combo.count() == 0 and not dialog.ok_button.isEnabled()
    assert "2025-01-29 (Wed) is a holiday" in dialog.day_note.text()
    # Closing the same session twice: the service's refusal stays in the dialog.
    services.capacity.close(admin, "HK", TUESDAY, None, "Staff training")
    dialog.set_day(TUESDAY)
    dialog.choose_session("AM")
    dialog.save()
    assert dialog.closure_result is None and not dialog.error_label.isHidden()
    assert "already closed" in dialog.error_label.text()


@pytest.mark.parametrize("kind", ["csv", "pdf"])
def test_r10_2_r9_3_the_call_list_exports_masked_and_is_audited(
    qtbot,
    services: Services,
    admin: Actor,
    runner: TaskRunner,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    kind: str,
) -> None:
    (person,) = rostered(services.db, 1)
    ref = book(services, person)
    closure = services.capacity.close(admin, "HK", TUESDAY, None, "Black rainstorm warning")
    target = tmp_path / f"calls.{kind}"
    monkeypatch.setattr(closure_dialogs, "choose_call_list_file", lambda _p, _s, _k: str(target))
    dialogs: list[CallListDialog] = []

    def export(dialog: QDialog) -> bool:
        assert isinstance(dialog, CallListDialog)
        dialogs.append(dialog)
        button = dialog.csv_button if kind == "csv" else dialog.pdf_button
        button.click()
        qtbot.waitUntil(lambda: dialog.last_export is not None, timeout=20_000)
        return False

    drive_dialogs(monkeypatch, export)
    page = make_page(qtbot, services, admin, runner)
    page.select_closure(closure.closure.id)
    assert page.call_list_button.isEnabled()
    page.call_list_button.click()
    (dialog,) = dialogs
    assert dialog.last_export == (kind, target, 1)
    assert "Wrote 1 row(s)" in dialog.status_label.text()
    if kind == "csv":
        text = target.read_text(encoding="utf-8-sig")
        assert mask_hkid(person) in text and person not in text
        rows = list(csv.reader(text.splitlines()))
        assert any(ref in row for row in rows)
        assert any(PHONE in cell for row in rows for cell in row)
    else:
        data = target.read_bytes()
        assert data.startswith(b"%PDF") and person.encode() not in data
    (record,) = audit_records(services.db, "call_list.export")
    assert record.actor == admin.username and record.entity_id == str(closure.closure.id)


def test_r10_2_reopen_withdraws_a_closure_after_confirming(
    qtbot, services: Services, admin: Actor, runner: TaskRunner, boxes: Boxes
) -> None:
    closure = services.capacity.close(admin, "HK", TUESDAY, "PM", "Staff training")
    page = make_page(qtbot, services, admin, runner)
    page.select_closure(closure.closure.id)
    boxes.answer = False
    page.reopen_button.click()
    assert page.closures_model.rowCount() == 1
    boxes.answer = True
    page.reopen_button.click()
    assert len(boxes.questions) == 2 and "Reopen" in boxes.questions[0]
    assert page.closures_model.rowCount() == 0
    assert services.capacity.closures("HK") == []
    assert len(audit_records(services.db, "capacity.reopen")) == 1


# --- who may do what (R13.2) ----------------------------------------------------------------------


def test_r13_2_others_see_the_page_read_only(
    qtbot, services: Services, runner: TaskRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    closure = services.capacity.close(
        Actor("cli:ops", None), "HK", TUESDAY, None, "Typhoon signal No. 8"
    )
    seen = drive_dialogs(monkeypatch, lambda _d: False)
    clerk = add_user(services, "clerk1", Role.CLERK)
    page = make_page(qtbot, services, clerk, runner)
    for button in (page.new_button, page.load_button, page.close_button, page.reopen_button):
        assert button.isHidden()
    assert page.call_list_button.isHidden()  # a clerk has no call lists
    assert not page.read_only_note.isHidden()
    assert page.templates_model.rowCount() == 1 and page.closures_model.rowCount() == 1
    page.new_template()
    page.close_day()
    assert seen == []
    # Clinic staff of HK: read-only, but the call list of their own clinic is theirs.
    staff = add_user(services, "clinic.hk", Role.CLINIC, "HK")
    staff_page = make_page(qtbot, services, staff, runner)
    assert staff_page.clinic_code == "HK"
    assert staff_page.new_button.isHidden() and staff_page.close_button.isHidden()
    staff_page.select_closure(closure.closure.id)
    assert not staff_page.call_list_button.isHidden()
    staff_page.call_list_button.click()
    assert len(seen) == 1 and isinstance(seen[0], CallListDialog)
    staff_page.select_clinic("KLN")
    assert staff_page.call_list_button.isHidden()


def test_the_call_list_model_passes_qt_model_tester(qtmodeltester) -> None:
    qtmodeltester.check(CallListTableModel(), force_py=True)
