"""The working-day calendar (R4.1): general holidays, added non-working days, and R4.2 deadlines."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QTextCharFormat
from PySide6.QtWidgets import (
    QCalendarWidget,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from fc_admin.db import DatabaseError
from fc_admin.domain.calendar import Holiday
from fc_admin.domain.deadlines import DEFAULT_NOTIFICATION_WORKING_DAYS
from fc_admin.domain.roles import Permission
from fc_admin.services import Services
from fc_admin.services.actor import Actor
from fc_admin.services.errors import ServiceError
from fc_admin.views import messages
from fc_admin.views.formatting import (
    format_date_long,
    format_date_weekday,
    from_qdate,
    localized_name,
    to_qdate,
)
from fc_admin.views.table_model import RowTableModel
from fc_admin.views.widgets import date_edit, table_view

HOLIDAY_COLOUR = QColor("#c62828")
ADDED_COLOUR = QColor("#6a1b9a")
WEEKEND_COLOUR = QColor("#9e4a4a")


class HolidaysTableModel(RowTableModel[Holiday]):
    DATE, NAME_EN, NAME_ZH, KIND = range(4)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(key=lambda h: h.date, parent=parent)

    def column_titles(self) -> list[str]:
        return [
            QCoreApplication.translate("CalendarPage", "Date"),
            QCoreApplication.translate("CalendarPage", "English name"),
            QCoreApplication.translate("CalendarPage", "Chinese name"),
            QCoreApplication.translate("CalendarPage", "Kind"),
        ]

    def display(self, row: Holiday, column: int) -> str:
        if column == self.DATE:
            return format_date_weekday(row.date)
        if column == self.NAME_EN:
            return row.name_en
        if column == self.NAME_ZH:
            return row.name_zh
        if column == self.KIND:
            return kind_name(row)
        return ""

    def cell_data(self, row: Holiday, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole and row.added:
            return QBrush(ADDED_COLOUR)
        return None


def kind_name(holiday: Holiday) -> str:
    if holiday.added:
        return QCoreApplication.translate("CalendarPage", "Added non-working day")
    return QCoreApplication.translate("CalendarPage", "General holiday")


class NonWorkingDayDialog(QDialog):
    """R4.1: an administrator adds a non-working day (a gazetted change) with its reason."""

    def __init__(self, default: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(QCoreApplication.translate("CalendarPage", "Add a non-working day"))
        self.date_edit = date_edit(default)
        self.name_en_edit = QLineEdit()
        self.name_en_edit.setMaxLength(120)
        self.name_en_edit.setPlaceholderText(
            QCoreApplication.translate("CalendarPage", "e.g. Additional general holiday")
        )
        self.name_zh_edit = QLineEdit()
        self.name_zh_edit.setMaxLength(60)
        form = QFormLayout()
        form.addRow(QCoreApplication.translate("CalendarPage", "Date:"), self.date_edit)
        form.addRow(QCoreApplication.translate("CalendarPage", "English name:"), self.name_en_edit)
        form.addRow(QCoreApplication.translate("CalendarPage", "Chinese name:"), self.name_zh_edit)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.name_en_edit.textChanged.connect(self._update_ok)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(440)
        self._update_ok()

    def _update_ok(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(self.name_en_edit.text().strip()))

    def values(self) -> tuple[date, str, str]:
        return (
            from_qdate(self.date_edit.date()),
            self.name_en_edit.text().strip(),
            self.name_zh_edit.text().strip(),
        )


class CalendarPage(QWidget):
    def __init__(self, services: Services, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._actor = actor
        self.can_edit = actor.may(Permission.MANAGE_CALENDAR)
        self.deadline: date | None = None
        today = services.clinics.today()

        self.year_spin = QSpinBox()
        self.year_spin.setRange(1900, 2200)
        self.year_spin.setValue(today.year)
        self.year_spin.valueChanged.connect(lambda _y: self.refresh())
        self.add_button = QPushButton(
            QCoreApplication.translate("CalendarPage", "Add non-working day…")
        )
        self.add_button.clicked.connect(self.add_interactively)
        self.remove_button = QPushButton(QCoreApplication.translate("CalendarPage", "Remove"))
        self.remove_button.clicked.connect(self.remove_selected)
        for button in (self.add_button, self.remove_button):
            button.setVisible(self.can_edit)

        top = QHBoxLayout()
        top.addWidget(QLabel(QCoreApplication.translate("CalendarPage", "Year:")))
        top.addWidget(self.year_spin)
        top.addStretch(1)
        top.addWidget(self.add_button)
        top.addWidget(self.remove_button)

        self.model = HolidaysTableModel(self)
        self.view = table_view(self.model, self)
        self.view.selectionModel().selectionChanged.connect(self._selection_changed)

        self.calendar = QCalendarWidget()
        self.calendar.setGridVisible(True)
        self.calendar.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        self.calendar.setSelectedDate(to_qdate(today))
        weekend = QTextCharFormat()
        weekend.setForeground(QBrush(WEEKEND_COLOUR))
        self.calendar.setWeekdayTextFormat(Qt.DayOfWeek.Saturday, weekend)
        self.calendar.setWeekdayTextFormat(Qt.DayOfWeek.Sunday, weekend)
        self.calendar.currentPageChanged.connect(self._calendar_page_changed)

        right = QVBoxLayout()
        right.addWidget(self.calendar)
        right.addWidget(self._deadline_box(today))
        right.addStretch(1)

        body = QHBoxLayout()
        body.addWidget(self.view, 3)
        body.addLayout(right, 2)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(body)
        self.refresh()
        header = self.view.horizontalHeader()
        header.setStretchLastSection(False)
        for column in range(self.model.columnCount()):
            mode = (
                QHeaderView.ResizeMode.Stretch
                if column == HolidaysTableModel.NAME_EN
                else QHeaderView.ResizeMode.ResizeToContents
            )
            header.setSectionResizeMode(column, mode)

    def _deadline_box(self, today: date) -> QGroupBox:
        box = QGroupBox(QCoreApplication.translate("CalendarPage", "Notification deadline (R4.2)"))
        self.received_edit = date_edit(today)
        self.received_edit.dateChanged.connect(lambda _d: self.update_deadline())
        self.deadline_label = QLabel()
        self.deadline_label.setWordWrap(True)
        self.deadline_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form = QFormLayout(box)
        form.addRow(QCoreApplication.translate("CalendarPage", "Received on:"), self.received_edit)
        form.addRow(QCoreApplication.translate("CalendarPage", "Deadline:"), self.deadline_label)
        return box

    @property
    def year(self) -> int:
        return self.year_spin.value()

    def refresh(self) -> None:
        try:
            holidays = self._services.calendar.holidays(self.year)
        except (ServiceError, DatabaseError) as exc:
            messages.show_error(self, self._error_title(), messages.error_text(exc))
            return
        self.model.set_rows(holidays)
        self._format_calendar(holidays)
        if self.calendar.yearShown() != self.year:
            self.calendar.setCurrentPage(self.year, self.calendar.monthShown())
        self._selection_changed()
        self.update_deadline()

    def _format_calendar(self, holidays: list[Holiday]) -> None:
        self.calendar.setDateTextFormat(QDate(), QTextCharFormat())  # a null date clears all
        for holiday in holidays:
            fmt = QTextCharFormat()
            fmt.setForeground(QBrush(ADDED_COLOUR if holiday.added else HOLIDAY_COLOUR))
            fmt.setFontWeight(QFont.Weight.Bold)
            fmt.setToolTip(localized_name(holiday.name_en, holiday.name_zh))
            self.calendar.setDateTextFormat(to_qdate(holiday.date), fmt)

    def _calendar_page_changed(self, year: int, _month: int) -> None:
        if year != self.year:
            self.year_spin.setValue(year)

    def selected_holiday(self) -> Holiday | None:
        rows = self.view.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def _selection_changed(self, *_args: object) -> None:
        holiday = self.selected_holiday()
        self.remove_button.setEnabled(self.can_edit and holiday is not None and holiday.added)
        if holiday is not None:
            self.calendar.setSelectedDate(to_qdate(holiday.date))

    def select_date(self, day: date) -> None:
        row = self.model.find_row(day)
        if row >= 0:
            self.view.selectRow(row)

    def add_interactively(self) -> None:
        dialog = NonWorkingDayDialog(from_qdate(self.calendar.selectedDate()), self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.add_non_working_day(*dialog.values())

    def add_non_working_day(self, day: date, name_en: str, name_zh: str) -> bool:
        try:
            self._services.calendar.add_non_working_day(self._actor, day, name_en, name_zh)
        except (ServiceError, DatabaseError) as exc:
            messages.show_error(self, self._error_title(), messages.error_text(exc))
            return False
        self.year_spin.setValue(day.year)
        self.refresh()
        self.select_date(day)
        return True

    def remove_selected(self) -> bool:
        holiday = self.selected_holiday()
        if holiday is None or not holiday.added:
            return False
        question = QCoreApplication.translate(
            "CalendarPage", "Remove the non-working day {date} ({name})? It becomes a working day."
        ).format(
            date=format_date_weekday(holiday.date),
            name=localized_name(holiday.name_en, holiday.name_zh),
        )
        if not messages.confirm(self, self._error_title(), question):
            return False
        try:
            self._services.calendar.remove_non_working_day(self._actor, holiday.date)
        except (ServiceError, DatabaseError) as exc:
            messages.show_error(self, self._error_title(), messages.error_text(exc))
            self.refresh()
            return False
        self.refresh()
        return True

    def update_deadline(self) -> None:
        received = from_qdate(self.received_edit.date())
        try:
            deadline = self._services.calendar.notification_deadline(received)
        except (ServiceError, DatabaseError) as exc:
            self.deadline_label.setText(messages.error_text(exc))
            return
        self.deadline_label.setText(
            QCoreApplication.translate(
                "CalendarPage", "{date} — the {n}th working day after the date received"
            ).format(date=format_date_long(deadline), n=DEFAULT_NOTIFICATION_WORKING_DAYS)
        )
        self.deadline = deadline

    def _error_title(self) -> str:
        return QCoreApplication.translate("CalendarPage", "Calendar")
