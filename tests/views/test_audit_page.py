"""R13.3 in the GUI: the audit log pages through the database, filters, shows a record, verifies."""

from __future__ import annotations

from datetime import timedelta

import pytest
import sqlalchemy as sa
from PySide6.QtCore import QModelIndex

from fc_admin.models import AuditRecord
from fc_admin.services import Services
from fc_admin.services.actor import Actor
from fc_admin.services.audit import append_audit
from fc_admin.services.clock import FixedClock
from fc_admin.views.audit_model import AuditTableModel
from fc_admin.views.audit_page import AuditPage
from fc_admin.views.task_runner import TaskRunner
from tests.conftest import NOW


def _fill(
    services: Services,
    n: int,
    actor: str = "clerk1",
    action: str = "test.thing",
    start: int = 0,
    days_ago: int = 0,
) -> None:
    clock = FixedClock(NOW - timedelta(days=days_ago))
    with services.db.write() as session:
        for i in range(start, start + n):
            append_audit(session, clock, actor, action, "thing", i, after={"i": i})


def _page(qtbot, services: Services, actor: Actor, runner: TaskRunner) -> AuditPage:
    page = AuditPage(services, actor, runner)
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: page.record_count is not None, timeout=5000)
    return page


def test_r13_3_newest_first_with_one_page_loaded(
    qtbot, services: Services, admin: Actor, runner: TaskRunner
) -> None:
    _fill(services, 450)  # + 1 record for adding admin1
    page = _page(qtbot, services, admin, runner)
    assert page.model.rowCount() == 200
    assert page.model.pages_fetched == 1
    assert page.record_count == 451
    assert page.count_label.text() == "451 records"
    top = page.model.row_at(0)
    assert (top.action, top.entity_id) == ("test.thing", "449")
    assert page.model.data(page.model.index(0, AuditTableModel.TIME)) == "2025-01-08 10:00:00"


def test_r13_3_scrolling_fetches_more_pages_until_the_end(
    qtbot, services: Services, admin: Actor, runner: TaskRunner
) -> None:
    _fill(services, 450)
    page = _page(qtbot, services, admin, runner)
    root = QModelIndex()
    assert page.model.canFetchMore(root)
    page.model.fetchMore(root)
    assert page.model.rowCount() == 400
    page.model.fetchMore(root)
    assert page.model.rowCount() == 451
    assert not page.model.canFetchMore(root)
    assert page.model.row_at(450).action == "user.add"  # the oldest
    ids = [page.model.row_at(i).id for i in range(451)]
    assert ids == sorted(ids, reverse=True) and len(set(ids)) == 451


def test_r13_3_filter_by_user_and_action(
    qtbot, services: Services, admin: Actor, runner: TaskRunner
) -> None:
    _fill(services, 30, actor="clerk1", action="thing.a")
    _fill(services, 20, actor="clerk2", action="thing.a", start=30)
    _fill(services, 10, actor="clerk2", action="thing.b", start=50)
    page = _page(qtbot, services, admin, runner)
    # The filter boxes are filled from the database (in the task runner).
    qtbot.waitUntil(lambda: page.user_combo.count() == 4, timeout=5000)  # All + 3 users
    assert [page.user_combo.itemData(i) for i in range(4)] == [
        None,
        "clerk1",
        "clerk2",
        "cli:tester",
    ]
    page.user_combo.setCurrentIndex(page.user_combo.findData("clerk2"))
    qtbot.waitUntil(lambda: page.record_count == 30, timeout=5000)
    assert page.model.rowCount() == 30
    assert {page.model.row_at(i).actor for i in range(30)} == {"clerk2"}
    page.set_filter(user="clerk2", action="thing.b")
    qtbot.waitUntil(lambda: page.record_count == 10, timeout=5000)
    assert {page.model.row_at(i).action for i in range(10)} == {"thing.b"}
    page.clear_filters()
    qtbot.waitUntil(lambda: page.record_count == 61, timeout=5000)


def test_r13_3_filter_by_dates(qtbot, services: Services, admin: Actor, runner: TaskRunner) -> None:
    _fill(services, 5, days_ago=10)
    _fill(services, 7, days_ago=3, start=5)
    page = _page(qtbot, services, admin, runner)
    today = NOW.date()
    page.set_filter(since=today - timedelta(days=3), until=today - timedelta(days=3))
    qtbot.waitUntil(lambda: page.record_count == 7, timeout=5000)
    page.set_filter(until=today - timedelta(days=4))
    qtbot.waitUntil(lambda: page.record_count == 5, timeout=5000)
    assert page.model.rowCount() == 5


def test_selected_record_shows_before_and_after(
    qtbot, services: Services, admin: Actor, runner: TaskRunner
) -> None:
    from datetime import date

    services.clinics.set_go_live(admin, "HK", date(2025, 2, 3))
    page = _page(qtbot, services, admin, runner)
    page.view.selectRow(0)
    text = page.detail.toPlainText()
    assert "clinic.go_live (Go-live date changed)" in text
    assert "Record: clinic HK" in text
    assert '"go_live_date": null' in text
    assert '"go_live_date": "2025-02-03"' in text


def test_r13_3_verify_chain_intact(
    qtbot, services: Services, admin: Actor, runner: TaskRunner
) -> None:
    _fill(services, 20)
    page = _page(qtbot, services, admin, runner)
    page.verify_chain()
    assert not page.verify_button.isEnabled()
    qtbot.waitUntil(lambda: page.verification is not None, timeout=10_000)
    assert page.verification.ok
    assert page.verify_label.text() == "The audit log is intact: 21 records checked."
    assert page.verify_button.isEnabled()


def test_r13_3_verify_chain_finds_tampering(
    qtbot, services: Services, admin: Actor, runner: TaskRunner
) -> None:
    _fill(services, 20)
    with services.db.write() as session:
        # Somebody with direct access to the file removes the guard and edits a record.
        session.execute(sa.text("DROP TRIGGER audit_record_no_update"))
        session.execute(
            sa.update(AuditRecord).where(AuditRecord.id == 7).values(actor="somebody-else")
        )
    page = _page(qtbot, services, admin, runner)
    page.verify_chain()
    qtbot.waitUntil(lambda: page.verification is not None, timeout=10_000)
    assert not page.verification.ok
    assert page.verify_label.text() == (
        "The audit log has been tampered with: record #7 fails (its content does not match "
        "its hash). 6 records before it are intact."
    )


class _CountingFetcher:
    def __init__(self, services: Services, actor: Actor) -> None:
        self.calls: list[tuple[int, int]] = []
        self._services, self._actor = services, actor

    def __call__(self, offset: int, limit: int):  # type: ignore[no-untyped-def]
        from fc_admin.services.audit import AuditFilter

        self.calls.append((offset, limit))
        return self._services.audit.page(self._actor, AuditFilter(), offset, limit)


def test_model_asks_for_one_page_at_a_time(qtbot, services: Services, admin: Actor) -> None:
    _fill(services, 25)
    model = AuditTableModel(page_size=10)
    fetcher = _CountingFetcher(services, admin)
    model.set_source(fetcher)
    assert fetcher.calls == [(0, 10)]
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())
    assert fetcher.calls == [(0, 10), (10, 10), (20, 10)]
    assert model.rowCount() == 26


def test_model_reports_a_failing_page(qtbot, services: Services) -> None:
    from fc_admin.db import DatabaseUnavailable

    def broken(_offset: int, _limit: int) -> list:  # type: ignore[type-arg]
        raise DatabaseUnavailable("gone")

    model = AuditTableModel()
    with qtbot.waitSignal(model.load_failed) as blocker:
        model.set_source(broken)
    assert blocker.args == ["Database problem: gone"]
    assert not model.canFetchMore(QModelIndex())


@pytest.mark.parametrize("page_size", [1, 7])
def test_model_small_pages(qtbot, services: Services, admin: Actor, page_size: int) -> None:
    _fill(services, 7)
    model = AuditTableModel(page_size=page_size)
    model.set_source(_CountingFetcher(services, admin))
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())
    assert model.rowCount() == 8
