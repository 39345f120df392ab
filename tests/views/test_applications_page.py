"""The application queue page (R3, R4): filters and counts, SQL sorting, the detail pane with the
roster comparison, decisions by keyboard (R3.4), conflicts, assignment, remarks, history and
HKID masking (R9.3)."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QColor

from fc_admin.domain.deadlines import DeadlineState
from fc_admin.domain.roles import Permission
from fc_admin.services import Services
from fc_admin.services.actor import Actor
from fc_admin.services.applications import QueueFilter, SortKey
from fc_admin.views import decision_dialogs
from fc_admin.views.applications_model import (
    OVERDUE_BACKGROUND,
    QueueTableModel,
)
from fc_admin.views.applications_page import ApplicationsPage
from fc_admin.views.task_runner import TaskRunner
from tests.conftest import NOW
from tests.services.factories import Person, add_application
from tests.views.conftest import Boxes
from tests.views.test_applications_fixtures import (  # noqa: F401 - the fixtures
    CHILD,
    FORM_1,
    FORM_2,
    PENSIONER,
    PRINCIPAL,
    SPOUSE,
    app_services_fixture,
    clerk_fixture,
    sample_queue_fixture,
    supervisor_fixture,
    verifier_b_fixture,
    verifier_fixture,
    wait_for_tasks,
)


def make_page(
    qtbot,
    services: Services,
    actor: Actor,
    runner: TaskRunner,  # type: ignore[no-untyped-def]
    my_work: bool = False,
) -> ApplicationsPage:
    page = ApplicationsPage(services, actor, runner, my_work=my_work)
    qtbot.addWidget(page)
    page.resize(1400, 800)
    wait_for_tasks(qtbot, runner)
    return page


def member(services: Services, form_id: str, hkid: str):  # type: ignore[no-untyped-def]
    detail = services.applications.detail(_OPERATOR, form_id)
    return next(m for m in detail.members if m.hkid == hkid)


_OPERATOR = Actor("cli:test", None)


def test_r4_3_queue_shows_forms_deadline_counts_and_outcomes(
    qtbot, sample_queue: Services, verifier: Actor, runner: TaskRunner
) -> None:
    page = make_page(qtbot, sample_queue, verifier, runner)
    model = page.model
    assert [r.form_id for r in model.rows] == [FORM_1, FORM_2]
    # Received Monday 6 Jan 2025, deadline Friday 24 Jan; today is Wednesday 8 Jan.
    assert model.data(model.index(0, QueueTableModel.DEADLINE)) == "2025-01-24"
    assert model.data(model.index(0, QueueTableModel.DAYS_LEFT)) == "12 left"
    assert model.data(model.index(0, QueueTableModel.OUTCOME)) == "Eligible 3"
    assert model.data(model.index(0, QueueTableModel.PRINCIPAL)) == "HO, Chun Wai"
    assert model.data(model.index(0, QueueTableModel.TO_DECIDE)) == "3"
    assert "Open: 2" in page.counts_label.text()
    assert "Overdue: 0" in page.counts_label.text()
    assert page.match_label.text() == "Matching forms: 2"
    # The first form is selected and shown.
    assert page.detail.form_id == FORM_1


def test_r3_2_comparison_shows_the_roster_beside_the_form(
    qtbot, sample_queue: Services, verifier: Actor, runner: TaskRunner
) -> None:
    page = make_page(qtbot, sample_queue, verifier, runner)
    detail = page.detail
    assert detail.members_model.rowCount() == 3
    detail.select_member(2)  # the child
    comparison = detail.comparison
    assert comparison.form_value("name_en") == "HO, Hiu Tung"
    assert comparison.roster_value("name_en") == "HO, Hiu Tung"
    assert comparison.roster_value("source") == "LCSD"
    assert comparison.roster_value("date_of_birth") == "2012-02-28"
    assert comparison.differing_fields() == []
    assert comparison.outcome_label.text().startswith("Outcome: Eligible")
    # R1.4: the child's 19th and 21st birthdays.
    assert "2031-02-28" in comparison.ages_label.text()
    assert "Ages out on 2033-02-28" in comparison.ages_label.text()
    assert comparison.roster_label.text() == "Roster: LCSD as of 2025-01-08"


def test_r3_2_differences_are_highlighted_with_reasons(
    qtbot, sample_queue: Services, verifier: Actor, runner: TaskRunner
) -> None:
    # A form whose member's date of birth and English name differ from the LCSD roster.
    add_application(
        sample_queue.db,
        "EF20250107-000009",
        "LCSD",
        [
            Person(
                PRINCIPAL, "HO, Chun-Wei", date(1980, 4, 13), name_zh="何俊偉", staff_no="L200001"
            )
        ],
    )
    sample_queue.verification.verify(_OPERATOR, at=NOW)
    page = make_page(qtbot, sample_queue, verifier, runner)
    assert page.select_form("EF20250107-000009")
    comparison = page.detail.comparison
    assert set(comparison.differing_fields()) == {"name_en", "date_of_birth"}
    assert comparison.outcome_label.text().startswith("Outcome: Mismatch")
    reasons = comparison.reasons_label.text()
    assert "The date of birth differs from the roster" in reasons
    assert "The name differs from the roster" in reasons
    assert comparison.similarity_label.text().startswith("Name similarity:")
    assert "DOB_MISMATCH" not in reasons  # codes are shown in words
    row = page.model.find_row("EF20250107-000009")
    assert page.model.data(page.model.index(row, QueueTableModel.OUTCOME)) == "Mismatch 1"


def test_r3_4_decide_with_the_keyboard(
    qtbot,
    sample_queue: Services,
    verifier: Actor,
    runner: TaskRunner,
    monkeypatch: pytest.MonkeyPatch,
    boxes: Boxes,
) -> None:
    page = make_page(qtbot, sample_queue, verifier, runner)
    page.show()
    qtbot.waitExposed(page)
    page.activateWindow()
    page.view.setFocus()
    qtbot.waitUntil(lambda: page.view.hasFocus())
    assert page.detail.current_member().hkid == PRINCIPAL
    # Letters typed into a text field are text, not decisions.
    qtbot.keyClicks(page.search_edit, "ARQN")
    assert page.search_edit.text() == "ARQN"
    assert member(sample_queue, FORM_1, PRINCIPAL).decision is None
    page.search_edit.clear()
    page.view.setFocus()

    qtbot.keyClick(page.view, Qt.Key.Key_A)  # approve the principal
    assert member(sample_queue, FORM_1, PRINCIPAL).decision == "approve"
    assert boxes.errors == []
    # The pane moved on to the next member still waiting.
    assert page.detail.current_member().hkid == SPOUSE

    monkeypatch.setattr(
        decision_dialogs, "ask_reject", lambda _p, _m, reasons: ("WITHDRAWN", "applicant called")
    )
    qtbot.keyClick(page.view, Qt.Key.Key_R)
    spouse = member(sample_queue, FORM_1, SPOUSE)
    assert (spouse.decision, spouse.decision_reason) == ("reject", "WITHDRAWN")
    assert spouse.decision_note == "applicant called"

    monkeypatch.setattr(
        decision_dialogs,
        "ask_query",
        lambda _p, _m, department: f"{department}: is she still studying?",
    )
    assert page.detail.current_member().hkid == CHILD
    qtbot.keyClick(page.view, Qt.Key.Key_Q)
    child = member(sample_queue, FORM_1, CHILD)
    assert (child.decision, child.decision_note) == ("query", "LCSD: is she still studying?")
    assert page.detail.decision_label.text().startswith("Decision: Queried by verifier.a")
    # The queue row shows the new state without a reset.
    row = page.model.find_row(FORM_1)
    assert page.model.data(page.model.index(row, QueueTableModel.TO_DECIDE)) == "0"

    # N goes to the next form after the last member; Ctrl+Down too.
    qtbot.keyClick(page.view, Qt.Key.Key_N)
    assert page.detail.form_id == FORM_2
    qtbot.keyClick(page.view, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    assert page.detail.form_id == FORM_2  # no form after the last one


def test_r3_4_approving_a_non_eligible_member_needs_a_supervisor_and_a_note(
    qtbot,
    sample_queue: Services,
    verifier: Actor,
    supervisor: Actor,
    runner: TaskRunner,
    monkeypatch: pytest.MonkeyPatch,
    boxes: Boxes,
) -> None:
    add_application(
        sample_queue.db,
        "EF20250107-000010",
        "LCSD",
        [Person("A123456(3)", "CHAN, Tai Man", date(1975, 3, 2))],
    )
    sample_queue.verification.verify(_OPERATOR, at=NOW)
    page = make_page(qtbot, sample_queue, verifier, runner)
    page.select_form("EF20250107-000010")
    page.detail.approve()
    assert "approving needs a supervisor" in boxes.errors[-1]
    assert member(sample_queue, "EF20250107-000010", "A123456(3)").decision is None

    page = make_page(qtbot, sample_queue, supervisor, runner)
    page.select_form("EF20250107-000010")
    monkeypatch.setattr(
        decision_dialogs,
        "ask_justification",
        lambda _p, _m, outcome: f"seen the HKID card; {outcome}",
    )
    page.detail.approve()
    approved = member(sample_queue, "EF20250107-000010", "A123456(3)")
    assert approved.decision == "approve"
    assert approved.decision_note == "seen the HKID card; NOT_FOUND"


def test_conflict_shows_who_changed_it_and_reloads(
    qtbot,
    sample_queue: Services,
    verifier: Actor,
    verifier_b: Actor,
    runner: TaskRunner,
    boxes: Boxes,
) -> None:
    page = make_page(qtbot, sample_queue, verifier, runner)
    assert page.detail.current_member().hkid == PRINCIPAL
    # Another officer rejects the member while this one looks at it.
    sample_queue.decisions.decide(verifier_b, FORM_1, PRINCIPAL, "reject", reason="WITHDRAWN")
    page.detail.approve()
    assert len(boxes.errors) == 1
    assert "changed by verifier.b" in boxes.errors[0] and "reload" in boxes.errors[0]
    assert member(sample_queue, FORM_1, PRINCIPAL).decision == "reject"
    # The pane shows the other officer's decision now.
    assert page.detail.current_member().decided_by == "verifier.b"
    assert "Rejected by verifier.b" in page.detail.decision_label.text()


def test_supervisor_assigns_and_my_work_shows_it(
    qtbot,
    sample_queue: Services,
    supervisor: Actor,
    verifier: Actor,
    runner: TaskRunner,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    page = make_page(qtbot, sample_queue, supervisor, runner)
    assert page.assign_button.isVisible() or not page.isVisible()
    mine = make_page(qtbot, sample_queue, verifier, runner, my_work=True)
    assert mine.model.rowCount() == 0
    assert not mine.assign_button.isVisibleTo(mine)

    page.select_form(FORM_2)
    offered: list[list[tuple[str, str]]] = []

    def choose(_parent: object, officers: list[tuple[str, str]], forms: int):  # type: ignore[no-untyped-def]
        offered.append(officers)
        assert forms == 1
        return True, "verifier.a"

    monkeypatch.setattr(decision_dialogs, "ask_officer", choose)
    page.assign_selected()
    assert ("verifier.a", "verifier.a name") in offered[0]
    row = page.model.find_row(FORM_2)
    assert page.model.data(page.model.index(row, QueueTableModel.ASSIGNED)) == "verifier.a"
    assert page.detail.assigned_label.text() == "verifier.a"

    mine.refresh()
    wait_for_tasks(qtbot, runner)
    assert [r.form_id for r in mine.model.rows] == [FORM_2]
    assert mine.detail.form_id == FORM_2
    # The supervisor's filter "Unassigned" no longer lists it.
    page.set_filter(assigned_to="")
    assert [r.form_id for r in page.model.rows] == [FORM_1]
    # The history of the form says who assigned it to whom.
    page.set_filter(assigned_to=None)
    page.select_form(FORM_2)
    page.detail.tabs.setCurrentIndex(2)
    history = page.detail.history_model
    assert [history.data(history.index(i, 2)) for i in range(history.rowCount())][-1] == "Assigned"
    assert "assigned_to: — → verifier.a" in history.data(history.index(history.rowCount() - 1, 4))
    wait_for_tasks(qtbot, runner)


def test_remarks_thread_and_history(
    qtbot, sample_queue: Services, verifier: Actor, runner: TaskRunner
) -> None:
    page = make_page(qtbot, sample_queue, verifier, runner)
    detail = page.detail
    assert detail.tabs.tabText(1) == "Remarks (0)"
    detail.tabs.setCurrentIndex(1)
    detail.remark_edit.setPlainText("Called the applicant about the child's school.")
    detail.add_remark()
    assert detail.remark_texts() == ["Called the applicant about the child's school."]
    assert detail.remarks_list.item(0).text().startswith("verifier.a — 2025-01-08 10:00")
    assert detail.tabs.tabText(1) == "Remarks (1)"
    assert detail.remark_edit.toPlainText() == ""
    detail.tabs.setCurrentIndex(2)
    history = detail.history_model
    actions = [history.data(history.index(i, 2)) for i in range(history.rowCount())]
    assert actions[-1] == "Remark added"
    assert history.data(history.index(history.rowCount() - 1, 1)) == "verifier.a"
    wait_for_tasks(qtbot, runner)


def test_r9_3_hkid_masked_without_see_full_hkid_and_full_for_a_verifier(
    qtbot, sample_queue: Services, admin: Actor, verifier: Actor, runner: TaskRunner
) -> None:
    # roles.py: of the roles that see the queue, the administrator lacks SEE_FULL_HKID.
    assert not admin.may(Permission.SEE_FULL_HKID)
    admin_page = make_page(qtbot, sample_queue, admin, runner)
    members = admin_page.detail.members_model
    assert members.data(members.index(0, members.HKID)) == "K200XXX(X)"
    assert admin_page.detail.comparison.form_value("hkid") == "K200XXX(X)"
    assert admin_page.detail.comparison.form_value("principal_hkid") == "K200XXX(X)"
    assert admin_page.detail.applicant_label.text().startswith("K200XXX(X)")
    # An administrator decides nothing: no decision buttons.
    assert not admin_page.detail.approve_button.isVisibleTo(admin_page)
    assert not admin_page.detail.approve_action.isEnabled()

    verifier_page = make_page(qtbot, sample_queue, verifier, runner)
    members = verifier_page.detail.members_model
    assert members.data(members.index(0, members.HKID)) == PRINCIPAL
    assert verifier_page.detail.comparison.roster_value("hkid") == PRINCIPAL


def test_hkid_search_is_for_verifiers(
    qtbot, sample_queue: Services, clerk: Actor, verifier: Actor, runner: TaskRunner
) -> None:
    page = make_page(qtbot, sample_queue, verifier, runner)
    page.set_filter(text="k200002(4)")
    assert [r.form_id for r in page.model.rows] == [FORM_1]
    page.set_filter(text="lau")
    assert [r.form_id for r in page.model.rows] == [FORM_2]

    clerk_page = make_page(qtbot, sample_queue, clerk, runner)
    clerk_page.set_filter(text="K200002(4)")
    assert "searching by HKID is for verifiers" in clerk_page.status_label.text()
    clerk_page.set_filter(text="EF20250106-000002")
    assert [r.form_id for r in clerk_page.model.rows] == [FORM_2]
    wait_for_tasks(qtbot, runner)


def test_clicking_a_header_sorts_in_sql_and_unsortable_headers_do_nothing(
    qtbot, sample_queue: Services, verifier: Actor, runner: TaskRunner
) -> None:
    page = make_page(qtbot, sample_queue, verifier, runner)
    page.view.sortByColumn(QueueTableModel.FORM_ID, Qt.SortOrder.DescendingOrder)
    assert page.model.queue_filter.sort is SortKey.FORM_ID
    assert page.model.queue_filter.descending
    assert [r.form_id for r in page.model.rows] == [FORM_2, FORM_1]
    fetched = page.model.pages_fetched
    page.view.sortByColumn(QueueTableModel.OUTCOME, Qt.SortOrder.AscendingOrder)
    assert page.model.queue_filter.sort is SortKey.FORM_ID  # unchanged, no query
    assert page.model.pages_fetched == fetched
    header = page.view.horizontalHeader()
    assert header.sortIndicatorSection() == QueueTableModel.FORM_ID
    assert header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
    wait_for_tasks(qtbot, runner)


def test_r4_3_deadline_cells_coloured_and_risk_filter(
    qtbot, sample_queue: Services, verifier: Actor, runner: TaskRunner
) -> None:
    add_application(
        sample_queue.db,
        "EF20241216-000001",
        "LCSD",
        [Person("A123456(3)", "CHAN, Tai Man", date(1975, 3, 2))],
        received=date(2024, 12, 16),
        deadline=date(2025, 1, 6),
    )
    page = make_page(qtbot, sample_queue, verifier, runner)
    model = page.model
    row = model.find_row("EF20241216-000001")
    assert model.row_at(row).deadline_state is DeadlineState.OVERDUE
    index = model.index(row, QueueTableModel.DAYS_LEFT)
    assert model.data(index) == "overdue by 2"
    assert model.data(index, Qt.ItemDataRole.BackgroundRole).color() == QColor(OVERDUE_BACKGROUND)
    assert (
        model.data(
            model.index(model.find_row(FORM_1), QueueTableModel.DAYS_LEFT),
            Qt.ItemDataRole.BackgroundRole,
        )
        is None
    )
    assert "Overdue: 1" in page.counts_label.text()
    page.set_filter(risk=page.risk_combo.itemData(3))  # overdue
    assert [r.form_id for r in model.rows] == ["EF20241216-000001"]
    wait_for_tasks(qtbot, runner)


def test_queue_model_pages_through_the_database(
    qtmodeltester, sample_queue: Services, verifier: Actor
) -> None:
    model = QueueTableModel(page_size=1)
    qtmodeltester.check(model)
    model.set_query(
        lambda f, offset, limit: sample_queue.applications.page(verifier, f, offset, limit),
        QueueFilter(),
    )
    qtmodeltester.check(model)
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())
    qtmodeltester.check(model)
    assert [r.form_id for r in model.rows] == [FORM_1, FORM_2]
    assert model.pages_fetched == 3  # the last page comes back empty
    # A new filter starts again from one page.
    model.set_query(
        lambda f, offset, limit: sample_queue.applications.page(verifier, f, offset, limit),
        QueueFilter(department="PEN"),
    )
    assert model.rowCount() == 1 and model.pages_fetched == 1
    qtmodeltester.check(model)


def test_approve_all_eligible_of_the_selected_forms(
    qtbot, sample_queue: Services, supervisor: Actor, runner: TaskRunner, boxes: Boxes
) -> None:
    page = make_page(qtbot, sample_queue, supervisor, runner)
    page.select_form(FORM_2)
    page.approve_eligible(every_form=False)
    assert boxes.questions == ["Approve every undecided Eligible member of the selected forms (1)?"]
    wait_for_tasks(qtbot, runner)
    assert boxes.infos == ["Members approved: 1."]
    assert member(sample_queue, FORM_2, PENSIONER).decision == "approve"
    assert member(sample_queue, FORM_1, PRINCIPAL).decision is None
