"""The settings dialog: database and language, saved to the file; environment values read-only."""

from __future__ import annotations

import json
from pathlib import Path

from fc_admin.services import Services
from fc_admin.settings import Settings, load_settings
from fc_admin.views.settings_dialog import SettingsDialog
from fc_admin.views.task_runner import TaskRunner


def _dialog(
    qtbot,
    runner: TaskRunner,
    tmp_path: Path,
    environ: dict[str, str] | None = None,
    settings: Settings | None = None,
) -> SettingsDialog:
    settings = settings or Settings(database_url="sqlite:///old.sqlite3")
    dialog = SettingsDialog(
        settings, runner, settings_path=tmp_path / "settings.json", environ=environ or {}
    )
    qtbot.addWidget(dialog)
    return dialog


def test_saves_database_and_language(qtbot, runner: TaskRunner, tmp_path: Path) -> None:
    dialog = _dialog(qtbot, runner, tmp_path)
    dialog.database_edit.setText("postgresql://fc@db.example/fcadmin")
    dialog.language_combo.setCurrentIndex(dialog.language_combo.findData("zh_HK"))
    assert dialog.save()
    saved = load_settings(tmp_path / "settings.json", environ={})
    assert saved.database_url == "postgresql://fc@db.example/fcadmin"
    assert saved.language == "zh_HK"


def test_environment_values_are_read_only_and_not_written(
    qtbot, runner: TaskRunner, tmp_path: Path
) -> None:
    environ = {"FC_ADMIN_DATABASE_URL": "sqlite:///from-env.sqlite3"}
    dialog = _dialog(
        qtbot,
        runner,
        tmp_path,
        environ,
        settings=Settings(database_url="sqlite:///from-env.sqlite3"),
    )
    assert not dialog.database_edit.isEnabled()
    assert dialog.language_combo.isEnabled()
    notes = [label.text() for label in dialog.findChildren(type(dialog.test_label))]
    assert "Fixed by the environment variable FC_ADMIN_DATABASE_URL." in notes
    dialog.language_combo.setCurrentIndex(dialog.language_combo.findData("zh_HK"))
    assert dialog.save()
    stored = json.loads((tmp_path / "settings.json").read_text(encoding="utf-8"))
    assert stored["language"] == "zh_HK"
    assert stored["database_url"] != "sqlite:///from-env.sqlite3"


def test_empty_database_url_is_refused(qtbot, runner: TaskRunner, tmp_path: Path) -> None:
    dialog = _dialog(qtbot, runner, tmp_path)
    dialog.database_edit.setText("  ")
    assert not dialog.save()
    assert dialog.error_label.text() == "Please enter a database URL."
    assert not (tmp_path / "settings.json").exists()


def test_test_connection_succeeds_in_the_background(
    qtbot, runner: TaskRunner, tmp_path: Path, services: Services
) -> None:
    dialog = _dialog(qtbot, runner, tmp_path)
    dialog.database_edit.setText(services.db.url)
    dialog.test_connection()
    assert dialog.test_label.text() == "Connecting…"
    assert not dialog.test_button.isEnabled()
    qtbot.waitUntil(lambda: dialog.test_button.isEnabled(), timeout=5000)
    assert dialog.test_label.text() == "Connected: the database answers."


def test_test_connection_reports_a_bad_url(qtbot, runner: TaskRunner, tmp_path: Path) -> None:
    dialog = _dialog(qtbot, runner, tmp_path)
    dialog.database_edit.setText("mysql://nobody@nowhere/db")
    dialog.test_connection()
    qtbot.waitUntil(lambda: dialog.test_button.isEnabled(), timeout=5000)
    assert dialog.test_label.text().startswith("Database problem: database URL")
    assert "only sqlite and postgresql" in dialog.test_label.text()
