"""An officer's day through the GUI: import the sample rosters and e-forms through the dialogs,
review the queue, decide members by keyboard (R3.4), and export the department's query list
(F4). Plus the navigation and menu entries each role gets."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from fc_admin.domain.roles import Role
from fc_admin.services import Services
from fc_admin.services.actor import Actor
from fc_admin.views import decision_dialogs, eform_import_dialog, query_export_dialog
from fc_admin.views import roster_import_dialog as roster_dialog_module
from fc_admin.views.applications_page import ApplicationsPage
from fc_admin.views.eform_import_dialog import EFormImportDialog
from fc_admin.views.quarantine_page import QuarantinePage
from fc_admin.views.query_export_dialog import QueryExportDialog
from fc_admin.views.roster_import_dialog import RosterImportDialog
from tests.views.conftest import Boxes, add_user
from tests.views.test_applications_fixtures import (  # noqa: F401 - the fixtures
    CHILD,
    EFORMS,
    FORM_1,
    FORM_2,
    KEYS,
    PRINCIPAL,
    ROSTERS,
    SPOUSE,
    app_services_fixture,
    has_service,
    needs_samples,
    wait_for_tasks,
)

pytestmark = [
    needs_samples,
    pytest.mark.skipif(
        not all(has_service(n) for n in ("rosters", "intake", "verification", "decisions")),
        reason="a service module is not there yet",
    ),
]


def import_roster_through_dialog(
    qtbot,
    window,
    actor: Actor,
    source: str,  # type: ignore[no-untyped-def]
    monkeypatch: pytest.MonkeyPatch,
) -> RosterImportDialog:
    monkeypatch.setattr(
        roster_dialog_module,
        "choose_roster_file",
        lambda _parent, _start: str(ROSTERS / f"{source}.csv"),
    )
    dialog = RosterImportDialog(window.services, actor, window.runner, window)
    qtbot.addWidget(dialog)
    dialog.browse()
    assert dialog.source == source  # picked from the file name
    wait_for_tasks(qtbot, window.runner)
    assert dialog.preview is not None and dialog.preview.importable
    dialog.start_import()
    wait_for_tasks(qtbot, window.runner)
    assert dialog.import_result is not None, dialog.result_label.text()
    return dialog


def test_officer_walks_import_review_decide_and_query_export(
    qtbot,
    app_services: Services,
    make_window,
    monkeypatch: pytest.MonkeyPatch,
    boxes: Boxes,
    tmp_path: Path,
) -> None:
    supervisor = add_user(app_services, "supervisor.a", Role.SUPERVISOR)
    verifier = add_user(app_services, "verifier.a", Role.VERIFIER)
    window = make_window(supervisor)

    # 1. The rosters (F1), with a preview first.
    lcsd = import_roster_through_dialog(qtbot, window, supervisor, "LCSD", monkeypatch)
    assert lcsd.preview_model.rowCount() == 3
    assert lcsd.preview_model.data(lcsd.preview_model.index(0, 2)) == "K200XXX(X)"  # masked
    assert "encoding UTF-8 (BOM)" in lcsd.summary_label.text()
    assert lcsd.problem_lines() == []
    assert lcsd.result_label.text().startswith("Imported 3 rows of LCSD as of 2025-01-08")
    pen = import_roster_through_dialog(qtbot, window, supervisor, "PEN", monkeypatch)
    assert pen.import_result is not None and pen.import_result.rows == 1

    # 2. The e-forms (F2) of the samples folder: two accepted, the tampered one quarantined.
    monkeypatch.setattr(eform_import_dialog, "choose_folder", lambda _p, _t, _s: str(EFORMS))
    eforms = EFormImportDialog(app_services, supervisor, window.runner, str(KEYS), window)
    qtbot.addWidget(eforms)
    eforms.browse_folder()
    eforms.start_import()
    wait_for_tasks(qtbot, window.runner)
    results = {r.form_id: r.result for r in eforms.results}
    assert results == {FORM_1: "accepted", FORM_2: "accepted", "EF20250107-000003": "rejected"}
    assert eforms.summary_label.text().startswith("Accepted: 2, duplicates: 0, rejected: 1.")
    quarantine = window.show_page("quarantine")
    assert isinstance(quarantine, QuarantinePage)
    assert quarantine.model.rowCount() == 1
    assert quarantine.model.row_at(0).file_name == "EF20250107-000003-tampered.json"
    assert '"form_id": "EF20250107-000003"' in quarantine.content.toPlainText()

    # 3. A verifier reviews the queue: both forms, verified at once on import.
    officer = make_window(verifier)
    officer.show()
    qtbot.waitExposed(officer)
    page = officer.show_page("applications")
    assert isinstance(page, ApplicationsPage)
    wait_for_tasks(qtbot, officer.runner)
    assert [r.form_id for r in page.model.rows] == [FORM_1, FORM_2]
    assert page.detail.form_id == FORM_1
    comparison = page.detail.comparison
    assert comparison.roster_value("name_en") == "HO, Chun Wai"
    assert comparison.roster_value("name_zh") == "何俊偉"
    assert comparison.roster_value("hkid") == PRINCIPAL
    assert comparison.outcome_label.text().startswith("Outcome: Eligible")

    # 4. Decide by keyboard: approve, reject with a code, query with a note.
    officer.activateWindow()
    page.view.setFocus()
    qtbot.waitUntil(page.view.hasFocus)
    qtbot.keyClick(page.view, Qt.Key.Key_A)
    monkeypatch.setattr(
        decision_dialogs, "ask_reject", lambda _p, _m, _reasons: ("NOT_ELIGIBLE", "")
    )
    qtbot.keyClick(page.view, Qt.Key.Key_R)
    monkeypatch.setattr(
        decision_dialogs, "ask_query", lambda _p, _m, _d: "Is the child in full-time education?"
    )
    qtbot.keyClick(page.view, Qt.Key.Key_Q)
    assert boxes.errors == []
    detail = app_services.applications.detail(verifier, FORM_1)
    decisions = {m.hkid: (m.decision, m.decision_reason) for m in detail.members}
    assert decisions == {
        PRINCIPAL: ("approve", None),
        SPOUSE: ("reject", "NOT_ELIGIBLE"),
        CHILD: ("query", None),
    }

    # 5. The supervisor exports LCSD's query list.
    out = tmp_path / "exports" / "lcsd-queries.csv"
    out.parent.mkdir()
    monkeypatch.setattr(query_export_dialog, "choose_export_file", lambda _p, _s: str(out))
    export = QueryExportDialog(app_services, supervisor, window.runner, window, folder=tmp_path)
    qtbot.addWidget(export)
    export.department_combo.setCurrentText("LCSD")
    export.browse()
    export.start_export()
    wait_for_tasks(qtbot, window.runner)
    assert out.exists()
    assert export.rows_written == 1
    assert export.result_label.text() == f"1 rows written to {out}"
    with out.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    assert [(r["form_id"], r["member_hkid_masked"], r["issue_code"]) for r in rows] == [
        (FORM_1, "R200XXX(X)", "QUERY")
    ]
    assert rows[0]["issue_detail"] == "Is the child in full-time education?"


def test_roster_dialog_lists_every_problem_of_a_bad_file(
    qtbot, app_services: Services, make_window, tmp_path: Path
) -> None:
    clerk = add_user(app_services, "clerk.a", Role.CLERK)
    window = make_window(clerk)
    bad = tmp_path / "LCSD.csv"
    text = (ROSTERS / "LCSD.csv").read_text(encoding="utf-8-sig")
    text = text.replace("1982-09-03", "1982-13-03")  # line 3: no such month
    text = text.replace('K200001(6),"HO', 'K200001(7),"HO')  # line 2: wrong check character
    bad.write_text(text, encoding="utf-8")
    dialog = RosterImportDialog(app_services, clerk, window.runner, window)
    qtbot.addWidget(dialog)
    dialog.set_file(str(bad))
    wait_for_tasks(qtbot, window.runner)
    assert dialog.preview is not None and not dialog.preview.importable
    assert not dialog.import_button.isEnabled()
    lines = dialog.problem_lines()
    assert len(lines) >= 2
    assert any(line.startswith("line 3") for line in lines)
    assert all("K200001(7)" not in line for line in lines)  # R9.3: masked in messages
    assert dialog.problems_label.text().startswith(f"Problems found: {len(lines)}.")
    # Encoding chosen by hand is passed on.
    dialog.encoding_combo.setCurrentIndex(2)  # Big5-HKSCS
    wait_for_tasks(qtbot, window.runner)
    assert dialog.encoding == "big5hkscs"


def test_navigation_and_work_menu_follow_the_role(
    qtbot, app_services: Services, make_window
) -> None:
    clerk = make_window(add_user(app_services, "clerk.a", Role.CLERK))
    assert clerk.page_keys()[:2] == ["dashboard", "applications"]
    assert "my_work" not in clerk.page_keys() and "quarantine" in clerk.page_keys()
    assert set(clerk.work_actions) == {"roster_import", "eform_import", "key_in"}
    verifier = make_window(add_user(app_services, "verifier.a", Role.VERIFIER))
    assert verifier.page_keys()[:3] == ["dashboard", "applications", "my_work"]
    assert "quarantine" not in verifier.page_keys()
    assert verifier.work_actions == {}
    supervisor = make_window(add_user(app_services, "supervisor.a", Role.SUPERVISOR))
    assert set(supervisor.work_actions) == {
        "roster_import",
        "eform_import",
        "query_export",
        "activations_import",
        "activations_expire",
        "activations_remind",
    }
    my_work = supervisor.show_page("my_work")
    assert isinstance(my_work, ApplicationsPage) and my_work.my_work
    assert my_work.current_filter().assigned_to == "supervisor.a"
    for window in (clerk, verifier, supervisor):
        wait_for_tasks(qtbot, window.runner)
