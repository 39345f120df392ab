"""The workstation settings an officer may change: the database and the language.

Values fixed by ``FC_ADMIN_*`` environment variables are shown read-only. Changes are written to
the settings file and take effect at the next start.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fc_admin.db import Database
from fc_admin.settings import (
    ENV_PREFIX,
    Settings,
    SettingsError,
    default_settings_file,
    load_settings,
    overridden_by_environment,
    save_settings,
)
from fc_admin.tasks import TaskControl
from fc_admin.views.task_runner import TaskRunner

# Language names are shown in their own language, whatever the current one.
LANGUAGE_CHOICES = (("en", "English"), ("zh_HK", "繁體中文"))
OK_STYLE = "color: #1b5e20;"
ERROR_STYLE = "color: #b71c1c;"


def ping_database(url: str, control: TaskControl) -> None:
    """Connect once and run ``SELECT 1`` (on a worker thread: PostgreSQL may take seconds)."""
    db = Database(url)
    try:
        control.check()
        db.ping()
    finally:
        db.dispose()


class SettingsDialog(QDialog):
    def __init__(
        self,
        settings: Settings,
        runner: TaskRunner,
        parent: QWidget | None = None,
        settings_path: Path | None = None,
        environ: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(parent)
        self._settings = settings
        self._runner = runner
        self._path = settings_path or default_settings_file()
        self._environ = environ
        self._fixed = overridden_by_environment(environ)
        self.saved_to: Path | None = None
        self.setWindowTitle(QCoreApplication.translate("SettingsDialog", "Settings"))
        self.setMinimumWidth(620)

        self.database_edit = QLineEdit(settings.database_url)
        self.test_button = QPushButton(
            QCoreApplication.translate("SettingsDialog", "Test connection")
        )
        self.test_button.clicked.connect(self.test_connection)
        self.test_label = QLabel()
        self.test_label.setWordWrap(True)
        database_row = QHBoxLayout()
        database_row.addWidget(self.database_edit, 1)
        database_row.addWidget(self.test_button)

        self.language_combo = QComboBox()
        for code, name in LANGUAGE_CHOICES:
            self.language_combo.addItem(name, code)
        self.language_combo.setCurrentIndex(self.language_combo.findData(settings.language))

        form = QFormLayout()
        form.addRow(QCoreApplication.translate("SettingsDialog", "Database:"), database_row)
        form.addRow("", self.test_label)
        if "database_url" in self._fixed:
            self._fix(self.database_edit, "database_url", form)
        form.addRow(QCoreApplication.translate("SettingsDialog", "Language:"), self.language_combo)
        if "language" in self._fixed:
            self._fix(self.language_combo, "language", form)

        hint = QLabel(
            QCoreApplication.translate(
                "SettingsDialog",
                "Examples: sqlite:///C:/fc-admin/fc-admin.sqlite3 (this computer only) or "
                "postgresql://user@server/fcadmin (shared).",
            )
        )
        hint.setWordWrap(True)
        restart = QLabel(
            QCoreApplication.translate(
                "SettingsDialog",
                "A change of language or database takes effect the next time fc-admin starts.",
            )
        )
        restart.setWordWrap(True)
        restart.setStyleSheet("font-weight: bold;")
        self.error_label = QLabel()
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.error_label.setWordWrap(True)
        self.error_label.setVisible(False)

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(restart)
        layout.addWidget(self.error_label)
        layout.addStretch(1)
        layout.addWidget(buttons)

    def _fix(self, widget: QWidget, name: str, form: QFormLayout) -> None:
        widget.setEnabled(False)
        if name == "database_url":
            self.test_button.setEnabled(True)  # testing the fixed URL is still useful
        note = QLabel(
            QCoreApplication.translate(
                "SettingsDialog", "Fixed by the environment variable {name}."
            ).format(name=ENV_PREFIX + name.upper())
        )
        note.setStyleSheet("font-style: italic;")
        form.addRow("", note)

    @property
    def database_url(self) -> str:
        return self.database_edit.text().strip()

    @property
    def language(self) -> str:
        return str(self.language_combo.currentData())

    def test_connection(self) -> None:
        url = self.database_url
        self.test_button.setEnabled(False)
        self.test_label.setStyleSheet("")
        self.test_label.setText(QCoreApplication.translate("SettingsDialog", "Connecting…"))
        self._runner.run(
            lambda control: ping_database(url, control),
            on_done=lambda _result: self._tested(True, ""),
            on_failed=lambda message: self._tested(False, message),
            on_cancelled=lambda: self._tested(False, ""),
            owner=self,
            name="settings.ping",
        )

    def _tested(self, ok: bool, message: str) -> None:
        self.test_button.setEnabled(True)
        if ok:
            self.test_label.setStyleSheet(OK_STYLE)
            self.test_label.setText(
                QCoreApplication.translate("SettingsDialog", "Connected: the database answers.")
            )
        else:
            self.test_label.setStyleSheet(ERROR_STYLE)
            self.test_label.setText(message)

    def save(self) -> bool:
        """Write the settings file, keeping what the environment fixes out of it."""
        if not self.database_url:
            self._show_error(
                QCoreApplication.translate("SettingsDialog", "Please enter a database URL.")
            )
            return False
        try:
            # The file's own values (not the environment's), so that a variable set for this
            # session is not written into the file for ever.
            stored = load_settings(self._path, environ={})
            changes: dict[str, str] = {}
            if "database_url" not in self._fixed:
                changes["database_url"] = self.database_url
            if "language" not in self._fixed:
                changes["language"] = self.language
            self.saved_to = save_settings(stored.with_changes(**changes), self._path)
        except (OSError, SettingsError) as exc:
            self._show_error(
                QCoreApplication.translate(
                    "SettingsDialog", "The settings could not be saved: {reason}"
                ).format(reason=str(exc))
            )
            return False
        self.accept()
        return True

    def _show_error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.setVisible(True)
