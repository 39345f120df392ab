"""The composition root: opening the database, the demo, and whole runs of run_gui."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from fc_admin import app as app_module
from fc_admin.db import SchemaOutdated
from fc_admin.schema import current_revision, head_revision
from fc_admin.services import Services
from fc_admin.services.actor import Actor
from fc_admin.settings import Settings
from fc_admin.tasks import TaskControl
from fc_admin.views.main_window import MainWindow
from fc_admin.views.sign_in_dialog import SignInDialog


@pytest.fixture
def quiet_app(qapp: QApplication, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """run_gui on the test's QApplication, without touching the user's log folder."""
    monkeypatch.setattr(app_module, "configure_logging", lambda: None)
    yield qapp
    qapp.setQuitOnLastWindowClosed(True)


def test_open_database_creates_the_schema_of_the_default_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = f"sqlite:///{tmp_path / 'new' / 'fc-admin.sqlite3'}"
    monkeypatch.setattr(app_module, "default_database_url", lambda: url)
    db = app_module.open_database(url, TaskControl())
    try:
        assert current_revision(db) == head_revision(db)
    finally:
        db.dispose()


def test_open_database_does_not_upgrade_another_database(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'shared.sqlite3'}"
    with pytest.raises(SchemaOutdated, match="fc-admin db upgrade"):
        app_module.open_database(url, TaskControl())


def test_open_database_accepts_a_current_one(sqlite_url: str) -> None:
    app_module.open_database(sqlite_url, TaskControl()).dispose()


def test_build_main_window(qtbot, services: Services, admin: Actor) -> None:
    window = app_module.build_main_window(services, admin, Settings(), demo=True)
    qtbot.addWidget(window)
    assert isinstance(window, MainWindow) and window.demo


def test_run_gui_fatal_database_problem_exits_1(
    quiet_app: QApplication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[str] = []

    def fake_exec(box: QMessageBox) -> int:
        shown.append(box.text())
        return 0

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    url = f"sqlite:///{tmp_path / 'not-upgraded.sqlite3'}"
    code = app_module.run_gui(Settings(database_url=url))
    assert code == 1
    assert len(shown) == 1
    assert shown[0].startswith("Database problem: the database")
    assert "fc-admin db upgrade" in shown[0]
    assert "Traceback" not in shown[0]


def test_run_gui_cancelled_sign_in_exits_0(
    quiet_app: QApplication, sqlite_url: str, admin: Actor, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[bool] = []

    def cancel(dialog: QDialog) -> int:
        asked.append(isinstance(dialog, SignInDialog))
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(SignInDialog, "exec", cancel)
    assert app_module.run_gui(Settings(database_url=sqlite_url)) == 0
    assert asked == [True]


def test_run_gui_sign_in_then_quit(
    quiet_app: QApplication, sqlite_url: str, admin: Actor, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.views.conftest import PASSWORD

    def sign_in(dialog: SignInDialog) -> int:
        dialog.username_edit.setText("admin1")
        dialog.password_edit.setText(PASSWORD)
        assert dialog.try_sign_in()
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(SignInDialog, "exec", sign_in)
    seen: list[str] = []

    def close_main_window() -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, MainWindow) and widget.isVisible():
                seen.append(widget.user_label.text())
                widget.close()
                return
        QTimer.singleShot(20, close_main_window)

    QTimer.singleShot(0, close_main_window)
    assert app_module.run_gui(Settings(database_url=sqlite_url)) == 0
    assert seen == ["Signed in: Admin One"]


def test_run_gui_demo(quiet_app: QApplication) -> None:
    pytest.importorskip("fc_admin.services.demo")
    seen: list[tuple[str, bool]] = []
    folders: list[Path] = []

    def close_main_window() -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, MainWindow) and widget.isVisible():
                seen.append((widget.actor.username, not widget.demo_banner.isHidden()))
                folders.append(Path(widget.services.db.url.removeprefix("sqlite:///")).parent)
                widget.close()
                return
        QTimer.singleShot(20, close_main_window)

    QTimer.singleShot(0, close_main_window)
    assert app_module.run_gui(Settings(database_url="sqlite:///unused.sqlite3"), demo=True) == 0
    assert len(seen) == 1
    username, banner = seen[0]
    assert banner and username
    assert not folders[0].exists(), "the demo database is removed at the end"


def test_run_gui_sign_out_asks_to_sign_in_again(
    quiet_app: QApplication, sqlite_url: str, admin: Actor, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.views.conftest import PASSWORD

    attempts: list[int] = []

    def sign_in_once(dialog: SignInDialog) -> int:
        attempts.append(1)
        if len(attempts) > 1:
            return QDialog.DialogCode.Rejected  # the second time: the officer goes home
        dialog.username_edit.setText("admin1")
        dialog.password_edit.setText(PASSWORD)
        assert dialog.try_sign_in()
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(SignInDialog, "exec", sign_in_once)

    def sign_out() -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, MainWindow) and widget.isVisible():
                widget.sign_out_action.trigger()
                return
        QTimer.singleShot(20, sign_out)

    QTimer.singleShot(0, sign_out)
    assert app_module.run_gui(Settings(database_url=sqlite_url)) == 0
    assert len(attempts) == 2
