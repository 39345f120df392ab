"""Exporting a department's query list (R3.4, R12.1, formats.md F4) to a CSV file.

The export runs in the task runner (it reads every flagged member of the department); the file is
Excel CSV with masked HKIDs, written by the service, and the export is audited there.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fc_admin.domain.hktime import hk_date
from fc_admin.services import Services
from fc_admin.services.actor import Actor
from fc_admin.tasks import TaskControl
from fc_admin.views.task_runner import TaskRunner

ERROR_STYLE = "color: #b71c1c;"
OK_STYLE = "color: #1b5e20; font-weight: bold;"


def choose_export_file(parent: QWidget | None, suggested: str) -> str | None:
    """The save dialog (tests replace this function)."""
    path, _filter = QFileDialog.getSaveFileName(
        parent,
        QCoreApplication.translate("QueryExport", "Save the query list"),
        suggested,
        QCoreApplication.translate("QueryExport", "CSV files (*.csv)"),
    )
    return path or None


class QueryExportDialog(QDialog):
    def __init__(
        self,
        services: Services,
        actor: Actor,
        runner: TaskRunner,
        parent: QWidget | None = None,
        folder: Path | None = None,
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._actor = actor
        self._runner = runner
        self._folder = folder or Path.home()
        self.rows_written: int | None = None
        self.setWindowTitle(
            QCoreApplication.translate("QueryExport", "Export a department's query list")
        )
        self.setMinimumWidth(620)

        explanation = QLabel(
            QCoreApplication.translate(
                "QueryExport",
                "The members of the department's forms that need the department to confirm or "
                "update particulars: the officers' queries and the undecided members the check "
                "flagged (formats.md F4). HKIDs are masked in the file.",
            )
        )
        explanation.setWordWrap(True)
        self.department_combo = QComboBox()
        self.department_combo.setEditable(True)
        self.department_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.department_combo.setMinimumContentsLength(12)
        self.department_combo.currentTextChanged.connect(self._department_changed)
        self.file_edit = QLineEdit()
        browse = QPushButton(QCoreApplication.translate("QueryExport", "Browse…"))
        browse.clicked.connect(self.browse)
        file_row = QHBoxLayout()
        file_row.addWidget(self.file_edit, 1)
        file_row.addWidget(browse)
        form = QFormLayout()
        form.addRow(QCoreApplication.translate("QueryExport", "Department:"), self.department_combo)
        form.addRow(QCoreApplication.translate("QueryExport", "File:"), file_row)
        self.result_label = QLabel()
        self.result_label.setWordWrap(True)
        self.result_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.export_button = QPushButton(QCoreApplication.translate("QueryExport", "Export"))
        self.export_button.setDefault(True)
        self.export_button.clicked.connect(self.start_export)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.export_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(explanation)
        layout.addLayout(form)
        layout.addWidget(self.result_label)
        layout.addWidget(buttons)
        self._load_departments()
        self._department_changed(self.department)

    def _load_departments(self) -> None:
        """Roster sources and the departments named on forms (a DISTINCT: the task runner)."""
        services, actor = self._services, self._actor

        def work(_control: TaskControl) -> list[str]:
            codes = set(services.applications.departments(actor))
            codes.update(source.code for source in services.rosters.sources())
            return sorted(code for code in codes if code)

        def show(codes: list[str]) -> None:
            typed = self.department_combo.currentText()
            self.department_combo.blockSignals(True)
            self.department_combo.clear()
            for code in codes:
                self.department_combo.addItem(code, code)
            self.department_combo.setCurrentText(typed or (codes[0] if codes else ""))
            self.department_combo.blockSignals(False)
            self._department_changed(self.department)

        def failed(message: str) -> None:
            self._show(message, ERROR_STYLE)  # typing a code still works

        self._runner.run(work, on_done=show, on_failed=failed, owner=self, name="export.choices")

    @property
    def department(self) -> str:
        return self.department_combo.currentText().strip().upper()

    def suggested_path(self, department: str) -> Path:
        today = hk_date(self._services.clock.now()).strftime("%Y%m%d")
        return self._folder / f"queries-{department or 'DEPT'}-{today}.csv"

    def _department_changed(self, _text: str) -> None:
        # Follow the department with the suggested name until the officer picks a file.
        current = self.file_edit.text().strip()
        if not current or Path(current).name.startswith("queries-"):
            folder = Path(current).parent if current else self._folder
            self._folder = folder
            self.file_edit.setText(str(self.suggested_path(self.department)))

    def browse(self) -> None:
        chosen = choose_export_file(self, self.file_edit.text().strip())
        if chosen:
            path = Path(chosen)
            if not path.suffix:
                path = path.with_suffix(".csv")
            self.file_edit.setText(str(path))

    def start_export(self) -> None:
        department = self.department
        text = self.file_edit.text().strip()
        if not department:
            self._show(
                QCoreApplication.translate("QueryExport", "Choose a department."), ERROR_STYLE
            )
            return
        if not text:
            self._show(
                QCoreApplication.translate("QueryExport", "Choose the file to write."), ERROR_STYLE
            )
            return
        out = Path(text)
        services, actor = self._services, self._actor
        self.export_button.setEnabled(False)
        self._show(QCoreApplication.translate("QueryExport", "Exporting…"), "")

        def work(_control: TaskControl) -> int:
            return services.decisions.export_queries(actor, department, out)

        def done(count: int) -> None:
            self.export_button.setEnabled(True)
            self.rows_written = count
            self._show(
                QCoreApplication.translate("QueryExport", "{n} rows written to {file}").format(
                    n=f"{count:,}", file=str(out)
                ),
                OK_STYLE,
            )

        def failed(message: str) -> None:
            self.export_button.setEnabled(True)
            self._show(message, ERROR_STYLE)

        self._runner.run(
            work,
            on_done=done,
            on_failed=failed,
            on_cancelled=lambda: self.export_button.setEnabled(True),
            owner=self,
            progress_title=QCoreApplication.translate("QueryExport", "Exporting the query list…"),
            name="decisions.export_queries",
        )

    def _show(self, text: str, style: str) -> None:
        self.result_label.setStyleSheet(style)
        self.result_label.setText(text)
