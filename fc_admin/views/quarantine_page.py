"""The quarantine of refused e-forms (R2.3): each file with its reason, and its content read-only.

HKIDs in the content are masked for roles without ``SEE_FULL_HKID`` (R9.3): by the service, and
again here, so that nothing of a refused file shows a full number to a role that may not see it.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QItemSelection, QObject, Qt
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from fc_admin.db import DatabaseError
from fc_admin.domain.privacy import mask_hkids_in_text
from fc_admin.domain.roles import Permission
from fc_admin.services import Services
from fc_admin.services.actor import Actor
from fc_admin.services.errors import ServiceError
from fc_admin.services.intake import QuarantineRow
from fc_admin.views import messages
from fc_admin.views.formatting import format_moment
from fc_admin.views.table_model import RowTableModel
from fc_admin.views.widgets import fit_columns, table_view


class QuarantineTableModel(RowTableModel[QuarantineRow]):
    RECEIVED, FILE, FORM_ID, REASON = range(4)

    def __init__(self, full_hkid: bool, parent: QObject | None = None) -> None:
        super().__init__(key=lambda row: row.id, parent=parent)
        self.full_hkid = full_hkid

    def column_titles(self) -> list[str]:
        return [
            QCoreApplication.translate("Quarantine", "Received (HKT)"),
            QCoreApplication.translate("Quarantine", "File"),
            QCoreApplication.translate("Quarantine", "Form ID"),
            QCoreApplication.translate("Quarantine", "Reason"),
        ]

    def display(self, row: QuarantineRow, column: int) -> str:
        if column == self.RECEIVED:
            return format_moment(row.received_at)
        if column == self.FILE:
            return row.file_name
        if column == self.FORM_ID:
            return row.form_id or ""
        if column == self.REASON:
            return row.reason if self.full_hkid else mask_hkids_in_text(row.reason)
        return ""

    def cell_data(self, row: QuarantineRow, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole and column == self.REASON:
            return self.display(row, column)
        return None


class QuarantinePage(QWidget):
    def __init__(self, services: Services, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._actor = actor
        self.full_hkid = actor.may(Permission.SEE_FULL_HKID)

        explanation = QLabel(
            QCoreApplication.translate(
                "Quarantine",
                "E-forms refused on import: a signature that does not verify against a trusted "
                "key, or content that is not well-formed (R2.3). Nothing of them entered the "
                "queue.",
            )
        )
        explanation.setWordWrap(True)
        self.refresh_button = QPushButton(QCoreApplication.translate("Quarantine", "Refresh"))
        self.refresh_button.clicked.connect(self.refresh)
        self.count_label = QLabel()
        top = QHBoxLayout()
        top.addWidget(explanation, 1)
        top.addWidget(self.count_label)
        top.addWidget(self.refresh_button)

        self.model = QuarantineTableModel(self.full_hkid, self)
        self.view = table_view(self.model, self)
        self.view.selectionModel().selectionChanged.connect(self._selected)
        self.content = QPlainTextEdit()
        self.content.setReadOnly(True)
        self.content.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.content.setPlaceholderText(
            QCoreApplication.translate("Quarantine", "Select a file to read its content.")
        )
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.view)
        splitter.addWidget(self.content)
        splitter.setSizes([300, 300])

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        self.refresh()

    def refresh(self) -> None:
        try:
            rows = self._services.intake.quarantine(self._actor)
        except (ServiceError, DatabaseError) as exc:
            self.count_label.setText(messages.error_text(exc))
            return
        self.model.set_rows(rows)
        fit_columns(self.view)
        self.count_label.setText(
            QCoreApplication.translate("Quarantine", "Files: {n}").format(n=len(rows))
        )
        if rows and not self.view.selectionModel().selectedRows():
            self.view.selectRow(0)
        elif not rows:
            self.content.clear()

    def _selected(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        rows = self.view.selectionModel().selectedRows()
        if not rows:
            self.content.clear()
            return
        row = self.model.row_at(rows[0].row())
        try:
            text = self._services.intake.quarantined_content(self._actor, row.id)
        except (ServiceError, DatabaseError) as exc:
            self.content.setPlainText(messages.error_text(exc))
            return
        self.content.setPlainText(text if self.full_hkid else mask_hkids_in_text(text))
