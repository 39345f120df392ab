"""The booking console's dialogs: cancel an appointment with a reason, move it to another slot.

Pages call :func:`ask_cancel_reason` and :func:`ask_change` so that tests can replace them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from fc_admin.db import DatabaseError
from fc_admin.domain.booking_window import Channel
from fc_admin.services import Services
from fc_admin.services.appointments import AppointmentRow, Availability, SlotAvailability
from fc_admin.services.errors import ServiceError
from fc_admin.views import messages
from fc_admin.views.booking_models import SlotTableModel, compact_rows
from fc_admin.views.formatting import format_date_weekday
from fc_admin.views.table_model import ROW_ROLE
from fc_admin.views.widgets import fit_columns, table_view

ERROR_STYLE = "color: #b71c1c;"
REASON_LIMIT = 500
# R8: the console books by manual telephone, whatever channel first made the appointment.
CONSOLE_CHANNEL = Channel.MANUAL


def appointment_summary(appointment: AppointmentRow) -> str:
    return QCoreApplication.translate("BookingDialogs", "{ref}: {date} {time} at {clinic}").format(
        ref=appointment.booking_ref,
        date=format_date_weekday(appointment.day),
        time=appointment.start_time.strftime("%H:%M"),
        clinic=appointment.clinic_code,
    )


def phone_problem(phone: str, required: bool = True) -> str:
    """Why ``phone`` is not a contact number the call list can use ("" if it is)."""
    phone = phone.strip()
    if not phone:
        if not required:
            return ""
        return QCoreApplication.translate(
            "BookingDialogs", "Enter the caller's contact phone number (the call list needs it)."
        )
    digits = sum(ch.isdigit() for ch in phone)
    if set(phone) - set("0123456789 +-()") or not 8 <= digits <= 15 or len(phone) > 20:
        return QCoreApplication.translate(
            "BookingDialogs", "A contact phone number has 8 to 15 digits (spaces, + - ( ) allowed)."
        )
    return ""


class CancelDialog(QDialog):
    """R10.4, R10.5: staff may cancel any booked appointment, with a reason."""

    def __init__(self, appointment: AppointmentRow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(
            QCoreApplication.translate("BookingDialogs", "Cancel {ref}").format(
                ref=appointment.booking_ref
            )
        )
        explanation = QLabel(
            QCoreApplication.translate(
                "BookingDialogs",
                "Cancel {appointment}? The seat is freed for another caller. The reason is "
                "recorded with your name.",
            ).format(appointment=appointment_summary(appointment))
        )
        explanation.setWordWrap(True)
        self.reason_combo = QComboBox()
        self.reason_combo.setEditable(True)
        self.reason_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.reason_combo.addItems(
            [
                "",
                QCoreApplication.translate("BookingDialogs", "Requested by the caller"),
                QCoreApplication.translate("BookingDialogs", "Booked in error"),
                QCoreApplication.translate("BookingDialogs", "The caller cannot attend"),
            ]
        )
        self.reason_combo.setCurrentIndex(0)
        line = self.reason_combo.lineEdit()
        assert line is not None
        line.setPlaceholderText(
            QCoreApplication.translate("BookingDialogs", "Why the appointment is cancelled")
        )
        line.setMaxLength(REASON_LIMIT)
        self.error_label = QLabel()
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.error_label.setWordWrap(True)
        self.buttons = QDialogButtonBox()
        self.cancel_appointment_button = self.buttons.addButton(
            QCoreApplication.translate("BookingDialogs", "Cancel the appointment"),
            QDialogButtonBox.ButtonRole.AcceptRole,
        )
        self.keep_button = self.buttons.addButton(
            QCoreApplication.translate("BookingDialogs", "Keep it"),
            QDialogButtonBox.ButtonRole.RejectRole,
        )
        self.buttons.accepted.connect(self.try_accept)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(QCoreApplication.translate("BookingDialogs", "Reason:"), self.reason_combo)
        layout = QVBoxLayout(self)
        layout.addWidget(explanation)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(460)
        self.reason_combo.setFocus()

    @property
    def reason(self) -> str:
        return self.reason_combo.currentText().strip()

    def problem(self) -> str:
        if not self.reason:
            return QCoreApplication.translate(
                "BookingDialogs", "A cancellation needs a reason: choose or type one."
            )
        return ""

    def try_accept(self) -> None:
        problem = self.problem()
        if problem:
            self.error_label.setText(problem)
            return
        self.accept()


def ask_cancel_reason(parent: QWidget | None, appointment: AppointmentRow) -> str | None:
    dialog = CancelDialog(appointment, parent)
    try:
        return dialog.reason if dialog.exec() == QDialog.DialogCode.Accepted else None
    finally:
        dialog.deleteLater()


@dataclass(frozen=True)
class ChangeChoice:
    day: date
    start: time
    contact_phone: str


class ChangeDialog(QDialog):
    """Move an appointment to another open slot of its clinic's telephone window (R8)."""

    def __init__(
        self,
        services: Services,
        appointment: AppointmentRow,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.appointment = appointment
        self.setWindowTitle(
            QCoreApplication.translate("BookingDialogs", "Change {ref}").format(
                ref=appointment.booking_ref
            )
        )
        current = QLabel(
            QCoreApplication.translate("BookingDialogs", "Now: {appointment}").format(
                appointment=appointment_summary(appointment)
            )
        )
        self.date_combo = QComboBox()
        self.slot_model = SlotTableModel(self)
        self.slot_view = table_view(self.slot_model, self)
        self.slot_view.setTabKeyNavigation(False)
        compact_rows(self.slot_view)
        self.slot_view.setMinimumHeight(260)
        self.phone_edit = QLineEdit(appointment.contact_phone)
        self.phone_edit.setMaxLength(20)
        self.error_label = QLabel()
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.error_label.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(QCoreApplication.translate("BookingDialogs", "Move the appointment"))
        self.buttons.accepted.connect(self.try_accept)
        self.buttons.rejected.connect(self.reject)
        self.slot_view.doubleClicked.connect(lambda _i: self.try_accept())

        form = QFormLayout()
        form.addRow(QCoreApplication.translate("BookingDialogs", "New date:"), self.date_combo)
        form.addRow(QCoreApplication.translate("BookingDialogs", "Contact phone:"), self.phone_edit)
        layout = QVBoxLayout(self)
        layout.addWidget(current)
        layout.addLayout(form)
        layout.addWidget(self.slot_view, 1)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.setMinimumSize(560, 480)

        self.availability: Availability | None = None
        try:
            self.availability = services.appointments.availability(
                appointment.clinic_code, CONSOLE_CHANNEL
            )
        except (ServiceError, DatabaseError) as exc:
            self.error_label.setText(messages.error_text(exc))
        dates = self.availability.dates if self.availability else ()
        for day in dates:
            self.date_combo.addItem(format_date_weekday(day), day)
        if not dates and self.availability is not None:
            self.error_label.setText(
                QCoreApplication.translate(
                    "BookingDialogs",
                    "No bookable dates: the clinic is closed, or it is a weekend or a holiday.",
                )
            )
        self.date_combo.currentIndexChanged.connect(lambda _i: self._show_day())
        self._show_day()
        fit_columns(self.slot_view)
        self.slot_view.setFocus()

    def _show_day(self) -> None:
        day = self.date_combo.currentData()
        slots = (
            [s for s in self.availability.slots if s.day == day]
            if self.availability is not None and isinstance(day, date)
            else []
        )
        self.slot_model.set_rows(slots)
        now = (self.appointment.day, self.appointment.start_time)
        first = next((i for i, s in enumerate(slots) if s.bookable and (s.day, s.start) != now), -1)
        if first >= 0:
            self.slot_view.selectRow(first)

    def select(self, day: date, start: time) -> bool:
        # findData does not compare Python dates: look for it by hand.
        dates = [self.date_combo.itemData(i) for i in range(self.date_combo.count())]
        if day not in dates:
            return False
        index = dates.index(day)
        self.date_combo.setCurrentIndex(index)
        row = self.slot_model.find_slot(day, start)
        if row < 0 or not self.slot_model.row_at(row).bookable:
            return False
        self.slot_view.selectRow(row)
        return True

    def selected_slot(self) -> SlotAvailability | None:
        rows = self.slot_view.selectionModel().selectedRows()
        if not rows:
            return None
        slot = rows[0].data(ROW_ROLE)
        return slot if isinstance(slot, SlotAvailability) else None

    def choice(self) -> ChangeChoice | None:
        slot = self.selected_slot()
        if slot is None:
            return None
        return ChangeChoice(slot.day, slot.start, self.phone_edit.text().strip())

    def problem(self) -> str:
        slot = self.selected_slot()
        if slot is None or not slot.bookable:
            return QCoreApplication.translate("BookingDialogs", "Choose an open slot.")
        if (slot.day, slot.start) == (self.appointment.day, self.appointment.start_time):
            return QCoreApplication.translate(
                "BookingDialogs", "That is the appointment's time now: choose another slot."
            )
        return phone_problem(self.phone_edit.text(), required=False)

    def try_accept(self) -> None:
        problem = self.problem()
        if problem:
            self.error_label.setText(problem)
            return
        self.accept()


def ask_change(
    parent: QWidget | None, services: Services, appointment: AppointmentRow
) -> ChangeChoice | None:
    dialog = ChangeDialog(services, appointment, parent)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    try:
        return dialog.choice() if dialog.exec() == QDialog.DialogCode.Accepted else None
    finally:
        dialog.deleteLater()
