"""Importing signed e-forms (R2.2, R2.3, R2.4; formats.md F2): choose files or a folder, check
them against the trusted keys, and see what became of each file.

The import runs in the task runner (progress and Cancel: the files done so far stay imported).
Accepted forms enter the queue already verified; refused files go to the quarantine with their
reason (the Quarantine page shows them).
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fc_admin.domain.privacy import mask_hkids_in_text
from fc_admin.domain.roles import Permission
from fc_admin.services import Services
from fc_admin.services.actor import Actor
from fc_admin.services.intake import EFormImportResult
from fc_admin.tasks import TaskControl
from fc_admin.views.roster_import_dialog import RelabelledControl
from fc_admin.views.table_model import RowTableModel
from fc_admin.views.task_runner import TaskRunner
from fc_admin.views.widgets import fit_columns, table_view

ERROR_STYLE = "color: #b71c1c;"
OK_STYLE = "color: #1b5e20; font-weight: bold;"
RESULT_COLOURS = {"accepted": "#1b5e20", "duplicate": "#8a5a00", "rejected": "#b71c1c"}


def result_name(result: str) -> str:
    names = {
        "accepted": QCoreApplication.translate("EFormImport", "Accepted"),
        "duplicate": QCoreApplication.translate("EFormImport", "Duplicate (already imported)"),
        "rejected": QCoreApplication.translate("EFormImport", "Rejected (quarantined)"),
    }
    return names.get(result, result)


# -- the file dialogs (tests replace these functions) ------------------------------------------
def choose_eform_files(parent: QWidget | None, start: str) -> list[str]:
    paths, _filter = QFileDialog.getOpenFileNames(
        parent,
        QCoreApplication.translate("EFormImport", "Choose e-form files"),
        start,
        QCoreApplication.translate("EFormImport", "E-forms (*.json);;All files (*)"),
    )
    return list(paths)


def choose_folder(parent: QWidget | None, title: str, start: str) -> str | None:
    path = QFileDialog.getExistingDirectory(parent, title, start)
    return path or None


class EFormResultsTableModel(RowTableModel[EFormImportResult]):
    FILE, FORM_ID, RESULT, REASON = range(4)

    def __init__(self, full_hkid: bool, parent: QObject | None = None) -> None:
        super().__init__(parent=parent)
        self.full_hkid = full_hkid

    def column_titles(self) -> list[str]:
        return [
            QCoreApplication.translate("EFormImport", "File"),
            QCoreApplication.translate("EFormImport", "Form ID"),
            QCoreApplication.translate("EFormImport", "Result"),
            QCoreApplication.translate("EFormImport", "Reason"),
        ]

    def display(self, row: EFormImportResult, column: int) -> str:
        if column == self.FILE:
            return Path(row.file).name
        if column == self.FORM_ID:
            return row.form_id or ""
        if column == self.RESULT:
            return result_name(row.result)
        if column == self.REASON:
            reason = row.reason or ""
            return reason if self.full_hkid else mask_hkids_in_text(reason)
        return ""

    def cell_data(self, row: EFormImportResult, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole and column == self.RESULT:
            return QBrush(QColor(RESULT_COLOURS.get(row.result, "#000000")))
        if role == Qt.ItemDataRole.ToolTipRole and column in (self.FILE, self.REASON):
            return row.file if column == self.FILE else self.display(row, column)
        return None


class EFormImportDialog(QDialog):
    def __init__(
        self,
        services: Services,
        actor: Actor,
        runner: TaskRunner,
        trusted_keys: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._actor = actor
        self._runner = runner
        self.results: list[EFormImportResult] = []
        self.setWindowTitle(QCoreApplication.translate("EFormImport", "Import e-forms"))
        self.resize(900, 600)

        self.files_list = QListWidget()
        self.files_list.setMaximumHeight(130)
        add_files = QPushButton(QCoreApplication.translate("EFormImport", "Add files…"))
        add_files.clicked.connect(self.browse_files)
        add_folder = QPushButton(QCoreApplication.translate("EFormImport", "Add a folder…"))
        add_folder.clicked.connect(self.browse_folder)
        clear = QPushButton(QCoreApplication.translate("EFormImport", "Clear"))
        clear.clicked.connect(self.clear_files)
        file_buttons = QVBoxLayout()
        for button in (add_files, add_folder, clear):
            file_buttons.addWidget(button)
        file_buttons.addStretch(1)
        files_row = QHBoxLayout()
        files_row.addWidget(self.files_list, 1)
        files_row.addLayout(file_buttons)

        self.keys_edit = QLineEdit(trusted_keys)
        self.keys_edit.setPlaceholderText(
            QCoreApplication.translate(
                "EFormImport", "The folder of the trusted public keys (*.pem)"
            )
        )
        keys_browse = QPushButton(QCoreApplication.translate("EFormImport", "Browse…"))
        keys_browse.clicked.connect(self.browse_keys)
        keys_row = QHBoxLayout()
        keys_row.addWidget(self.keys_edit, 1)
        keys_row.addWidget(keys_browse)

        form = QFormLayout()
        form.addRow(QCoreApplication.translate("EFormImport", "Files and folders:"), files_row)
        form.addRow(QCoreApplication.translate("EFormImport", "Trusted keys:"), keys_row)

        self.summary_label = QLabel()
        self.summary_label.setWordWrap(True)
        self.model = EFormResultsTableModel(actor.may(Permission.SEE_FULL_HKID), self)
        self.view = table_view(self.model, self)

        self.import_button = QPushButton(QCoreApplication.translate("EFormImport", "Import"))
        self.import_button.setDefault(True)
        self.import_button.clicked.connect(self.start_import)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.import_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.view, 1)
        layout.addWidget(buttons)
        self._update_button()

    # -- choosing --------------------------------------------------------------------------------
    @property
    def paths(self) -> list[Path]:
        return [Path(self.files_list.item(i).text()) for i in range(self.files_list.count())]

    def add_paths(self, paths: list[str]) -> None:
        known = {str(p) for p in self.paths}
        for path in paths:
            if path and path not in known:
                self.files_list.addItem(path)
                known.add(path)
        self._update_button()

    def clear_files(self) -> None:
        self.files_list.clear()
        self._update_button()

    def _start_folder(self) -> str:
        paths = self.paths
        return str(paths[-1].parent if paths else Path.home())

    def browse_files(self) -> None:
        self.add_paths(choose_eform_files(self, self._start_folder()))

    def browse_folder(self) -> None:
        folder = choose_folder(
            self,
            QCoreApplication.translate("EFormImport", "Choose a folder of e-forms"),
            self._start_folder(),
        )
        if folder:
            self.add_paths([folder])

    def browse_keys(self) -> None:
        start = self.keys_edit.text().strip() or str(Path.home())
        folder = choose_folder(
            self, QCoreApplication.translate("EFormImport", "Choose the trusted keys folder"), start
        )
        if folder:
            self.keys_edit.setText(folder)

    def _update_button(self) -> None:
        self.import_button.setEnabled(bool(self.paths) and self._actor.may(Permission.IMPORT_FILES))

    # -- importing -------------------------------------------------------------------------------
    def start_import(self) -> None:
        paths = self.paths
        keys_text = self.keys_edit.text().strip()
        if not paths:
            return
        if not keys_text:
            self._show(
                QCoreApplication.translate(
                    "EFormImport", "Choose the folder of trusted keys first."
                ),
                ERROR_STYLE,
            )
            return
        keys = Path(keys_text)
        services, actor = self._services, self._actor
        label = QCoreApplication.translate(
            "EFormImport", "Importing e-forms: {done} of {total} files…"
        )
        self.import_button.setEnabled(False)
        self._show(QCoreApplication.translate("EFormImport", "Importing…"), "")

        def work(control: TaskControl) -> list[EFormImportResult]:
            return services.intake.import_eforms(
                actor, paths, keys, control=RelabelledControl(control, label)
            )

        self._runner.run(
            work,
            on_done=self._imported,
            on_failed=self._failed,
            on_cancelled=self._cancelled,
            owner=self,
            progress_title=QCoreApplication.translate("EFormImport", "Importing e-forms…"),
            name="intake.import_eforms",
        )

    def _imported(self, results: list[EFormImportResult]) -> None:
        self._update_button()
        self.results = results
        self.model.set_rows(results)
        fit_columns(self.view)
        counts = Counter(r.result for r in results)
        summary = QCoreApplication.translate(
            "EFormImport", "Accepted: {accepted}, duplicates: {duplicate}, rejected: {rejected}."
        ).format(
            accepted=counts.get("accepted", 0),
            duplicate=counts.get("duplicate", 0),
            rejected=counts.get("rejected", 0),
        )
        if counts.get("rejected"):
            summary += " " + QCoreApplication.translate(
                "EFormImport",
                "Rejected files are kept in the quarantine with their reason; nothing of them "
                "entered the queue.",
            )
        self._show(summary, ERROR_STYLE if counts.get("rejected") else OK_STYLE)

    def _failed(self, message: str) -> None:
        self._update_button()
        self._show(message, ERROR_STYLE)

    def _cancelled(self) -> None:
        self._update_button()
        self._show(
            QCoreApplication.translate(
                "EFormImport",
                "Import cancelled: the files imported before stay imported; import again to "
                "finish (they are reported as duplicates).",
            ),
            ERROR_STYLE,
        )

    def _show(self, text: str, style: str) -> None:
        self.summary_label.setStyleSheet(style)
        self.summary_label.setText(text)
