"""R6, R7 in the GUI: the clinics table, the live-on preview, go-live edits and their audit."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtWidgets import QDialog

from fc_admin.domain.roles import Role
from fc_admin.services import Services
from fc_admin.services.actor import Actor
from fc_admin.services.audit import AuditFilter
from fc_admin.views.clinics_page import ClinicsPage, ClinicsTableModel, GoLiveDialog
from tests.conftest import NOW
from tests.views.conftest import Boxes, add_user


def _page(qtbot, services: Services, actor: Actor) -> ClinicsPage:
    page = ClinicsPage(services, actor)
    qtbot.addWidget(page)
    return page


def _cell(page: ClinicsPage, code: str, column: int) -> str:
    return str(page.model.data(page.model_index(code, column)))


def test_r6_the_six_clinics_are_listed(qtbot, services: Services, admin: Actor) -> None:
    page = _page(qtbot, services, admin)
    assert [r.code for r in page.model.rows] == ["CW", "HK", "KLN", "NT", "FL", "SK"]
    assert _cell(page, "HK", ClinicsTableModel.NAME_ZH) == "香港公務員診所"
    assert _cell(page, "HK", ClinicsTableModel.APPOINTMENT) == "2574 1683, 2574 5670"
    assert _cell(page, "CW", ClinicsTableModel.GO_LIVE) == "2025-01-20"
    assert _cell(page, "HK", ClinicsTableModel.GO_LIVE) == "Not yet"


def test_r7_3_live_on_previews_any_date(qtbot, services: Services, admin: Actor) -> None:
    page = _page(qtbot, services, admin)
    assert page.live_on == NOW.date()
    assert _cell(page, "CW", ClinicsTableModel.LIVE) == "No"
    assert _cell(page, "CW", ClinicsTableModel.CHANNELS) == (
        "Manual telephone and Automated telephone (ATBS)"
    )
    page.set_live_on(date(2025, 1, 20))
    assert _cell(page, "CW", ClinicsTableModel.LIVE) == "Yes"
    assert _cell(page, "CW", ClinicsTableModel.CHANNELS) == "Online and Manual telephone"
    changes = [page.changes_list.item(i).text() for i in range(page.changes_list.count())]
    assert changes == [
        "Chai Wan Families Clinic (CW) goes live: Online open; Automated telephone (ATBS) stop.",
        "Fanling Families Clinic (FL) goes live: Online open; Automated telephone (ATBS) stop.",
    ]
    assert "Monday, 20 January 2025" in page.changes_box.title()
    page.set_live_on(date(2025, 1, 21))
    assert page.changes_list.item(0).text() == "No clinic goes live on this date."


def test_r7_1_admin_sets_a_go_live_date_and_it_is_audited(
    qtbot, services: Services, admin: Actor, boxes: Boxes
) -> None:
    page = _page(qtbot, services, admin)
    assert not page.edit_button.isHidden()
    page.select_clinic("HK")
    assert page.edit_button.isEnabled()
    assert page.set_go_live(page.selected_clinic(), date(2025, 2, 3))
    assert boxes.errors == []
    assert _cell(page, "HK", ClinicsTableModel.GO_LIVE) == "2025-02-03"
    assert page.selected_clinic().code == "HK"  # the selection survives the reload
    (record,) = services.audit.page(admin, AuditFilter(action="clinic.go_live"), 0, 10)
    assert (record.actor, record.entity_id) == ("admin1", "HK")
    assert record.before == '{"go_live_date":null}'
    assert record.after == '{"go_live_date":"2025-02-03"}'


def test_r7_1_edit_through_the_dialog(
    qtbot, services: Services, admin: Actor, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = _page(qtbot, services, admin)
    page.select_clinic("CW")

    def accept_not_yet(dialog: GoLiveDialog) -> int:
        dialog.not_yet_check.setChecked(True)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(GoLiveDialog, "exec", accept_not_yet)
    page.edit_selected()
    assert services.clinics.get("CW").go_live_date is None
    assert _cell(page, "CW", ClinicsTableModel.GO_LIVE) == "Not yet"


def test_go_live_dialog_value(qtbot, services: Services) -> None:
    clinic = services.clinics.get("HK")
    dialog = GoLiveDialog(clinic, date(2025, 3, 1))
    qtbot.addWidget(dialog)
    assert dialog.value() is None and not dialog.date_edit.isEnabled()
    dialog.not_yet_check.setChecked(False)
    assert dialog.value() == date(2025, 3, 1)


def test_r7_1_conflict_is_shown_and_the_table_reloaded(
    qtbot, services: Services, admin: Actor, boxes: Boxes
) -> None:
    page = _page(qtbot, services, admin)
    stale = page.model.row_at(page.model.find_row("HK"))
    services.clinics.set_go_live(admin, "HK", date(2025, 3, 3))  # somebody else, meanwhile
    assert not page.set_go_live(stale, date(2025, 2, 3))
    assert len(boxes.errors) == 1
    assert "changed by somebody else" in boxes.errors[0]
    assert _cell(page, "HK", ClinicsTableModel.GO_LIVE) == "2025-03-03"


def test_r13_2_non_admin_sees_clinics_read_only(qtbot, services: Services, boxes: Boxes) -> None:
    clerk = add_user(services, "clerk1", Role.CLERK)
    page = _page(qtbot, services, clerk)
    assert not page.can_edit
    assert page.edit_button.isHidden()
    assert not page.read_only_note.isHidden()
    page.select_clinic("HK")
    assert not page.edit_button.isEnabled()
    page.edit_selected()  # does nothing: no dialog
    # Even if it were called, the service refuses (permissions live in the services).
    assert not page.set_go_live(page.selected_clinic(), date(2025, 2, 3))
    assert boxes.errors == ["clerk1 (Clerk) is not allowed to change go-live dates"]
    assert services.clinics.get("HK").go_live_date is None
