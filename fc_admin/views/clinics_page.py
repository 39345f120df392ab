"""The six clinics (R6) and their rollout (R7): go-live dates, who is live on any date."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fc_admin.db import DatabaseError
from fc_admin.domain.roles import Permission
from fc_admin.services import Services
from fc_admin.services.actor import Actor
from fc_admin.services.clinics import ClinicRow, RolloutChange
from fc_admin.services.errors import ServiceError
from fc_admin.views import messages
from fc_admin.views.formatting import (
    format_date,
    format_date_long,
    from_qdate,
    joined,
    localized_name,
    to_qdate,
)
from fc_admin.views.rollout_timeline import RolloutTimeline
from fc_admin.views.table_model import RowTableModel
from fc_admin.views.widgets import date_edit, fit_columns, table_view

LIVE_BACKGROUND = QColor("#dff0d8")


class ClinicsTableModel(RowTableModel[ClinicRow]):
    CODE, NAME_EN, NAME_ZH, ENQUIRY, APPOINTMENT, GO_LIVE, LIVE, CHANNELS = range(8)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(key=lambda row: row.code, parent=parent)

    def column_titles(self) -> list[str]:
        return [
            QCoreApplication.translate("ClinicsPage", "Code"),
            QCoreApplication.translate("ClinicsPage", "English name"),
            QCoreApplication.translate("ClinicsPage", "Chinese name"),
            QCoreApplication.translate("ClinicsPage", "Enquiry"),
            QCoreApplication.translate("ClinicsPage", "Appointment lines"),
            QCoreApplication.translate("ClinicsPage", "Go-live date"),
            QCoreApplication.translate("ClinicsPage", "Live"),
            QCoreApplication.translate("ClinicsPage", "Booking channels"),
        ]

    def display(self, row: ClinicRow, column: int) -> str:
        if column == self.CODE:
            return row.code
        if column == self.NAME_EN:
            return row.name_en
        if column == self.NAME_ZH:
            return row.name_zh
        if column == self.ENQUIRY:
            return row.enquiry_phone
        if column == self.APPOINTMENT:
            return row.appointment_phones
        if column == self.GO_LIVE:
            return format_date(row.go_live_date) or QCoreApplication.translate(
                "ClinicsPage", "Not yet"
            )
        if column == self.LIVE:
            return (
                QCoreApplication.translate("ClinicsPage", "Yes")
                if row.live
                else QCoreApplication.translate("ClinicsPage", "No")
            )
        if column == self.CHANNELS:
            return joined([messages.channel_name(c) for c in row.channels])
        return ""

    def cell_data(self, row: ClinicRow, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.BackgroundRole and column == self.LIVE and row.live:
            return QBrush(LIVE_BACKGROUND)
        return None


class GoLiveDialog(QDialog):
    """R7.1: a clinic's online-booking go-live date, or "not yet"."""

    def __init__(self, clinic: ClinicRow, default: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(
            QCoreApplication.translate("ClinicsPage", "Go-live date of {clinic}").format(
                clinic=localized_name(clinic.name_en, clinic.name_zh)
            )
        )
        self.date_edit = date_edit(clinic.go_live_date or default)
        self.not_yet_check = QCheckBox(
            QCoreApplication.translate("ClinicsPage", "Not yet (no go-live date)")
        )
        self.not_yet_check.toggled.connect(lambda on: self.date_edit.setEnabled(not on))
        self.not_yet_check.setChecked(clinic.go_live_date is None)
        form = QFormLayout()
        form.addRow(QCoreApplication.translate("ClinicsPage", "Go-live date:"), self.date_edit)
        form.addRow("", self.not_yet_check)
        note = QLabel(
            QCoreApplication.translate(
                "ClinicsPage",
                "From this date the clinic takes online and manual telephone bookings; "
                "the automated telephone system (ATBS) no longer books it.",
            )
        )
        note.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(buttons)
        self.setMinimumWidth(420)

    def value(self) -> date | None:
        return None if self.not_yet_check.isChecked() else from_qdate(self.date_edit.date())


class ClinicsPage(QWidget):
    def __init__(self, services: Services, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._actor = actor
        self.can_edit = actor.may(Permission.MANAGE_ROLLOUT)
        today = services.clinics.today()

        self.live_on_edit = date_edit(today)
        self.live_on_edit.dateChanged.connect(lambda _d: self.refresh())
        today_button = QPushButton(QCoreApplication.translate("ClinicsPage", "Today"))
        today_button.clicked.connect(lambda: self.live_on_edit.setDate(to_qdate(today)))
        self.edit_button = QPushButton(
            QCoreApplication.translate("ClinicsPage", "Edit go-live date…")
        )
        self.edit_button.setVisible(self.can_edit)
        self.edit_button.setEnabled(False)
        self.edit_button.clicked.connect(self.edit_selected)

        top = QHBoxLayout()
        top.addWidget(QLabel(QCoreApplication.translate("ClinicsPage", "Live on:")))
        top.addWidget(self.live_on_edit)
        top.addWidget(today_button)
        top.addStretch(1)
        top.addWidget(self.edit_button)

        # R7.3: the rollout at a glance; clicking a date shows what changes on it.
        self.timeline = RolloutTimeline(self)
        self.timeline.dateClicked.connect(self._timeline_date_clicked)
        self.timeline.clinicClicked.connect(self.select_clinic)
        timeline_box = QGroupBox(QCoreApplication.translate("ClinicsPage", "Rollout timeline"))
        timeline_layout = QVBoxLayout(timeline_box)
        timeline_layout.addWidget(self.timeline)

        self.model = ClinicsTableModel(self)
        self.view = table_view(self.model, self)
        self.view.selectionModel().selectionChanged.connect(self._selection_changed)
        if self.can_edit:
            self.view.doubleClicked.connect(lambda _i: self.edit_selected())

        self.changes_box = QGroupBox()
        self.changes_list = QListWidget()
        self.changes_list.setMaximumHeight(84)
        box_layout = QVBoxLayout(self.changes_box)
        box_layout.addWidget(self.changes_list)

        self.read_only_note = QLabel(
            QCoreApplication.translate(
                "ClinicsPage", "Only an administrator can change go-live dates."
            )
        )
        self.read_only_note.setVisible(not self.can_edit)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(timeline_box)
        layout.addWidget(self.view, 3)
        layout.addWidget(self.changes_box)
        layout.addWidget(self.read_only_note)
        self.refresh()
        fit_columns(self.view)

    @property
    def live_on(self) -> date:
        return from_qdate(self.live_on_edit.date())

    def set_live_on(self, day: date) -> None:
        self.live_on_edit.setDate(to_qdate(day))

    def refresh(self) -> None:
        day = self.live_on
        try:
            rows = self._services.clinics.list_clinics(day)
            changes = self._services.clinics.changes_on(day)
        except (ServiceError, DatabaseError) as exc:
            messages.show_error(self, self._error_title(), messages.error_text(exc))
            return
        self.model.set_rows(rows)
        self.timeline.set_clinics(rows, self._services.clinics.today())
        self.timeline.set_selected_date(day)
        self._show_changes(day, changes)
        self._selection_changed()

    def _timeline_date_clicked(self, qdate: QDate) -> None:
        self.set_live_on(from_qdate(qdate))

    def _show_changes(self, day: date, changes: list[RolloutChange]) -> None:
        self.changes_box.setTitle(
            QCoreApplication.translate("ClinicsPage", "What changes on {date}").format(
                date=format_date_long(day)
            )
        )
        self.changes_list.clear()
        if not changes:
            self.changes_list.addItem(
                QCoreApplication.translate("ClinicsPage", "No clinic goes live on this date.")
            )
            return
        for change in changes:
            self.changes_list.addItem(
                QCoreApplication.translate(
                    "ClinicsPage", "{clinic} ({code}) goes live: {opens} open; {closes} stop."
                ).format(
                    clinic=localized_name(change.name_en, change.name_zh),
                    code=change.clinic_code,
                    opens=joined([messages.channel_name(c) for c in change.opens]) or "—",
                    closes=joined([messages.channel_name(c) for c in change.closes]) or "—",
                )
            )

    def selected_clinic(self) -> ClinicRow | None:
        rows = self.view.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def select_clinic(self, code: str) -> None:
        row = self.model.find_row(code)
        if row >= 0:
            self.view.selectRow(row)

    def _selection_changed(self, *_args: object) -> None:
        self.edit_button.setEnabled(self.can_edit and self.selected_clinic() is not None)

    def edit_selected(self) -> None:
        clinic = self.selected_clinic()
        if clinic is None or not self.can_edit:
            return
        dialog = GoLiveDialog(clinic, self.live_on, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.set_go_live(clinic, dialog.value())

    def set_go_live(self, clinic: ClinicRow, go_live: date | None) -> bool:
        """Save a go-live date; a conflict (somebody else changed it) is shown and reloaded."""
        try:
            self._services.clinics.set_go_live(
                self._actor, clinic.code, go_live, expected_version=clinic.version
            )
        except (ServiceError, DatabaseError) as exc:
            messages.show_error(self, self._error_title(), messages.error_text(exc))
            self.refresh()
            return False
        self.refresh()
        self.select_clinic(clinic.code)
        return True

    def _error_title(self) -> str:
        return QCoreApplication.translate("ClinicsPage", "Clinics")

    def model_index(self, code: str, column: int) -> QModelIndex:
        return self.model.index(self.model.find_row(code), column)
