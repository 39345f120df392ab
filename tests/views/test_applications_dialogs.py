"""The dialogs around applications: keying in a paper form (R2.2), the decision dialogs (R3.4),
the quarantine (R2.3) with masked content (R9.3), and every table model under Qt's tester."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from fc_admin.domain.roles import Role
from fc_admin.services import Services
from fc_admin.services.actor import Actor
from fc_admin.services.applications import HistoryRow
from fc_admin.services.intake import EFormImportResult
from fc_admin.views.application_detail import ApplicationDetailPane
from fc_admin.views.applications_model import HistoryTableModel, MembersTableModel
from fc_admin.views.decision_dialogs import (
    AssignDialog,
    JustificationDialog,
    QueryDialog,
    RejectDialog,
)
from fc_admin.views.eform_import_dialog import EFormResultsTableModel
from fc_admin.views.key_in_dialog import KeyInDialog, hkid_indicator
from fc_admin.views.quarantine_page import QuarantinePage, QuarantineTableModel
from fc_admin.views.query_export_dialog import QueryExportDialog
from fc_admin.views.roster_import_dialog import PreviewTableModel
from tests.views.conftest import Boxes, add_user
from tests.views.test_applications_fixtures import (  # noqa: F401 - the fixtures
    EFORMS,
    FORM_1,
    KEYS,
    app_services_fixture,
    clerk_fixture,
    sample_queue_fixture,
    supervisor_fixture,
    verifier_fixture,
    wait_for_tasks,
)


# -- key in (R2.2) ---------------------------------------------------------------------------
def test_r9_1_hkid_field_says_whether_the_number_is_valid_as_typed() -> None:
    assert hkid_indicator("") == ("", "")
    assert hkid_indicator("a123456(3)")[0] == "✓ A123456(3)"
    assert hkid_indicator("A123456(4)")[0] == "✗ wrong check character"
    assert hkid_indicator("A12")[0] == "✗ not an HKID number"


def test_r2_2_clerk_keys_in_a_paper_form(
    qtbot, app_services: Services, clerk: Actor, boxes: Boxes
) -> None:
    dialog = KeyInDialog(app_services, clerk)
    qtbot.addWidget(dialog)
    dialog.clinic_combo.setCurrentIndex(dialog.clinic_combo.findData("CW"))
    first = dialog.members[0]
    qtbot.keyClicks(first.hkid, "A123456(")
    assert first.hkid_check.text() == "✗ not an HKID number"
    qtbot.keyClicks(first.hkid, "3)")
    assert first.hkid_check.text() == "✓ A123456(3)"
    first.name_en.setText("CHAN, Tai Man")
    first.name_zh.setText("陳大文")
    first.date_of_birth.setText("02/03/1975")
    first.department.setEditText("HKPF")
    first.staff_no.setText("P12345")
    assert dialog.members[0].principal_hkid.placeholderText() == "default: A123456(3)"
    child = dialog.add_member()
    assert child is not None
    assert child.department.currentText() == "HKPF"  # the family's department
    child.relationship.setCurrentIndex(child.relationship.findData("child"))
    assert child.category.currentData() == "dependant" and child.child_status.isEnabled()
    child.hkid.setText("R200003(1)")
    child.name_en.setText("CHAN, Siu Ming")
    child.date_of_birth.setText("2012-02-28")
    dialog.mobile_edit.setText("91234567")

    dialog.save()
    assert dialog.error_label.text() == ""
    assert dialog.form_id == "PF20250108-CW-000001"
    assert boxes.infos == [
        "The form was saved as PF20250108-CW-000001; it is in the application queue now."
    ]
    detail = app_services.applications.detail(clerk, dialog.form_id)
    assert detail.channel == "in_person" and detail.clinic_code == "CW"
    assert detail.keyed_by == "clerk.a" and detail.applicant_mobile == "91234567"
    assert [(m.hkid, m.principal_hkid, m.department) for m in detail.members] == [
        ("A123456(3)", "A123456(3)", "HKPF"),
        ("R200003(1)", "A123456(3)", "HKPF"),
    ]
    assert str(detail.members[0].date_of_birth) == "1975-03-02"


def test_r2_2_key_in_errors_name_the_field(
    qtbot, app_services: Services, clerk: Actor, boxes: Boxes
) -> None:
    dialog = KeyInDialog(app_services, clerk)
    qtbot.addWidget(dialog)
    dialog.save()
    problems = dialog.error_label.text()
    assert "Choose the clinic where the form was taken." in problems
    assert "Member 1: the HKID is not a valid HKID number." in problems
    assert "Member 1: the date of birth must be YYYY-MM-DD." in problems
    assert dialog.members[0].hkid.styleSheet() != ""

    dialog.clinic_combo.setCurrentIndex(0)
    first = dialog.members[0]
    first.hkid.setText("A123456(3)")
    first.name_en.setText("CHAN, Tai Man")
    first.date_of_birth.setText("1975-03-02")
    first.department.setEditText("HKPF")
    first.email.setText("not-an-email")
    dialog.save()
    # The service's message names the member and field; the field is marked.
    assert "member 1, email" in dialog.error_label.text()
    assert first.email.styleSheet() != "" and first.name_en.styleSheet() == ""
    assert dialog.form_id is None and boxes.infos == []
    # Six members at most (R2.1).
    for _ in range(5):
        dialog.add_member()
    assert len(dialog.members) == 6 and not dialog.add_member_button.isEnabled()
    assert dialog.add_member() is None


# -- decision dialogs (R3.4) -------------------------------------------------------------------
def test_r3_4_reject_dialog_needs_a_code_and_other_needs_a_note(qtbot) -> None:
    dialog = RejectDialog("#2 YIP, Wing Sze", ["NOT_ELIGIBLE", "OTHER"])
    qtbot.addWidget(dialog)
    assert dialog.reason_combo.itemText(0) == "Not an eligible person (NOT_ELIGIBLE)"
    dialog.reason_combo.setCurrentIndex(1)
    dialog.try_accept()
    assert dialog.error_label.text() == "Please say in the note what the other reason is."
    dialog.note_edit.setPlainText("moved abroad")
    with qtbot.waitSignal(dialog.accepted):
        dialog.try_accept()
    assert (dialog.reason, dialog.note) == ("OTHER", "moved abroad")


def test_r3_4_query_and_justification_need_a_note(qtbot) -> None:
    query = QueryDialog("#3 HO, Hiu Tung", "LCSD")
    qtbot.addWidget(query)
    assert "Ask LCSD to confirm" in query.explanation.text()
    query.try_accept()
    assert query.error_label.text() == "Please write a note."
    justification = JustificationDialog("#1 CHAN, Tai Man", "REVIEW")
    qtbot.addWidget(justification)
    assert "gave Review, not Eligible" in justification.explanation.text()
    justification.note_edit.setPlainText("same person: name order only")
    with qtbot.waitSignal(justification.accepted):
        justification.try_accept()


def test_assign_dialog_offers_officers_and_the_pool(qtbot) -> None:
    dialog = AssignDialog([("verifier.a", "WONG Ka Ho")], 3)
    qtbot.addWidget(dialog)
    assert dialog.officer_combo.itemText(0) == "WONG Ka Ho (verifier.a)"
    assert dialog.officer == "verifier.a"
    dialog.officer_combo.setCurrentIndex(1)
    assert dialog.officer is None


# -- quarantine (R2.3, R9.3) ---------------------------------------------------------------------
@pytest.mark.skipif(not EFORMS.is_dir(), reason="no sample e-forms")
def test_r2_3_quarantine_shows_the_refused_file_masked_for_a_role_without_full_hkid(
    qtbot, app_services: Services, clerk: Actor, admin: Actor
) -> None:
    results = app_services.intake.import_eforms(
        clerk, [EFORMS / "EF20250107-000003-tampered.json"], KEYS
    )
    assert [r.result for r in results] == ["rejected"]
    full = QuarantinePage(app_services, clerk)
    qtbot.addWidget(full)
    assert full.model.rowCount() == 1
    assert "signature" in full.model.data(full.model.index(0, QuarantineTableModel.REASON))
    text = full.content.toPlainText()
    assert full.content.isReadOnly() and '"hkid"' in text
    masked = QuarantinePage(app_services, admin)  # IMPORT_FILES without SEE_FULL_HKID
    qtbot.addWidget(masked)
    masked_text = masked.content.toPlainText()
    assert "XXX(X)" in masked_text
    assert masked_text != text


# -- query export --------------------------------------------------------------------------------
def test_query_export_offers_departments_and_reports_errors(
    qtbot, sample_queue: Services, supervisor: Actor, runner, tmp_path: Path
) -> None:
    dialog = QueryExportDialog(sample_queue, supervisor, runner, folder=tmp_path)
    qtbot.addWidget(dialog)
    wait_for_tasks(qtbot, runner)  # the departments come from the task runner
    codes = [dialog.department_combo.itemText(i) for i in range(dialog.department_combo.count())]
    assert codes == ["LCSD", "PEN"]
    assert dialog.file_edit.text() == str(tmp_path / "queries-LCSD-20250108.csv")
    dialog.department_combo.setCurrentText("PEN")
    assert dialog.file_edit.text().endswith("queries-PEN-20250108.csv")
    dialog.file_edit.setText(str(tmp_path / "missing" / "folder" / "q.csv"))
    dialog.start_export()
    wait_for_tasks(qtbot, runner)
    assert dialog.result_label.text().startswith("Cannot write")
    assert dialog.export_button.isEnabled()


# -- every model under Qt's tester ---------------------------------------------------------------
def test_members_and_history_models(qtmodeltester, sample_queue: Services, verifier: Actor) -> None:
    detail = sample_queue.applications.detail(verifier, FORM_1)
    members = MembersTableModel(full_hkid=False)
    qtmodeltester.check(members)
    members.set_rows(detail.members)
    qtmodeltester.check(members)
    assert members.data(members.index(2, MembersTableModel.HKID)) == "R200XXX(X)"
    assert members.data(members.index(2, MembersTableModel.RELATIONSHIP)) == "Child"
    assert members.data(members.index(2, MembersTableModel.DECISION)) == "To decide"

    history = HistoryTableModel(full_hkid=False)
    qtmodeltester.check(history)
    at = datetime(2025, 1, 8, 2, 0, tzinfo=UTC)
    history.set_rows(
        [
            HistoryRow(
                at,
                "supervisor.a",
                "application.assign",
                FORM_1,
                '{"assigned_to": null}',
                '{"assigned_to": "verifier.a"}',
            ),
            HistoryRow(
                at,
                "verifier.a",
                "member.decide",
                f"{FORM_1}/K200001(6)",
                None,
                '{"decision": "approve"}',
            ),
        ]
    )
    qtmodeltester.check(history)
    assert history.data(history.index(0, 4)) == "assigned_to: — → verifier.a"
    assert history.data(history.index(1, 2)) == "Decided"
    assert history.data(history.index(1, 3)) == f"{FORM_1}/K200XXX(X)"  # R9.3


def test_import_and_quarantine_models(qtmodeltester) -> None:
    preview = PreviewTableModel()
    qtmodeltester.check(preview)
    preview.set_preview(("line", "hkid"), [("2", "K200XXX(X)"), ("3", "K200XXX(X)")])
    qtmodeltester.check(preview)
    assert preview.headerData(1, Qt.Orientation.Horizontal) == "HKID"

    results = EFormResultsTableModel(full_hkid=False)
    qtmodeltester.check(results)
    results.set_rows(
        [
            EFormImportResult("/x/EF1.json", "EF1", "accepted", None),
            EFormImportResult("/x/EF2.json", None, "rejected", "bad signature for A123456(3)"),
        ]
    )
    qtmodeltester.check(results)
    assert results.data(results.index(1, EFormResultsTableModel.FILE)) == "EF2.json"
    assert results.data(results.index(1, EFormResultsTableModel.RESULT)) == "Rejected (quarantined)"
    assert "A123XXX(X)" in results.data(results.index(1, EFormResultsTableModel.REASON))

    quarantine = QuarantineTableModel(full_hkid=True)
    qtmodeltester.check(quarantine)


def test_detail_pane_without_a_form(qtbot, app_services: Services) -> None:
    verifier = add_user(app_services, "verifier.x", Role.VERIFIER)
    pane = ApplicationDetailPane(app_services, verifier)
    qtbot.addWidget(pane)
    assert pane.placeholder.isVisibleTo(pane) and not pane.body.isVisibleTo(pane)
    assert not pane.approve_action.isEnabled()
    pane.next_member()  # nothing to move to: asks the page for the next form
