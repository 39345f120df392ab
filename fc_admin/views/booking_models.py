"""Table models and texts of the telephone booking console (R1, R8, R10).

Thin adapters over the plain rows of :mod:`fc_admin.services.appointments`; no database here.
"""

from __future__ import annotations

from datetime import date, time
from typing import Any

from PySide6.QtCore import QCoreApplication, QLocale, QObject, Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QTableView

from fc_admin.domain.booking_window import Channel
from fc_admin.services.appointments import AppointmentRow, CallerInfo, SlotAvailability
from fc_admin.views import messages
from fc_admin.views.applications_model import category_name, reason_text, relationship_name
from fc_admin.views.formatting import format_date_weekday
from fc_admin.views.table_model import Index, RowTableModel

GREYED = QColor("#8a8a8a")
OPEN_SEATS = QColor("#1b5e20")
FEW_SEATS = QColor("#8a5a00")


def state_name(state: str) -> str:
    """A slot's state in words (SlotAvailability.state)."""
    if state == "open":
        return QCoreApplication.translate("BookingConsole", "Open")
    if state == "full":
        return QCoreApplication.translate("BookingConsole", "Full")
    if state == "closed":
        return QCoreApplication.translate("BookingConsole", "Closed")
    if state == "past":
        return QCoreApplication.translate("BookingConsole", "Started")
    if state == "no_seats":
        return QCoreApplication.translate("BookingConsole", "No telephone seats")
    return state


def state_explanation(state: str) -> str:
    """Why a slot cannot be booked (tool tip of a greyed row)."""
    if state == "full":
        return QCoreApplication.translate(
            "BookingConsole", "Every telephone seat of this slot is taken (R10.3)."
        )
    if state == "closed":
        return QCoreApplication.translate(
            "BookingConsole", "The clinic or this session is closed on this day (R10.2)."
        )
    if state == "past":
        return QCoreApplication.translate(
            "BookingConsole", "A same-day slot can be booked only before it starts (R8.4)."
        )
    if state == "no_seats":
        return QCoreApplication.translate(
            "BookingConsole", "This slot has no seats for telephone bookings (R10.1)."
        )
    return ""


def short_channel_name(channel: str) -> str:
    """A channel in a narrow column (the full names are in messages.channel_name)."""
    if channel == Channel.MANUAL:
        return QCoreApplication.translate("BookingConsole", "Telephone")
    if channel == Channel.ONLINE:
        return QCoreApplication.translate("BookingConsole", "Online")
    if channel == Channel.ATBS:
        return QCoreApplication.translate("BookingConsole", "ATBS")
    return messages.channel_name(channel)


def short_date_weekday(day: date) -> str:
    """``01-08 (Wed)`` / ``01-08（週三）``: the window's dates are never more than weeks apart."""
    weekday = QLocale().dayName(day.isoweekday(), QLocale.FormatType.ShortFormat)
    if QLocale().language() == QLocale.Language.Chinese:
        return f"{day:%m-%d}（{weekday}）"
    return f"{day:%m-%d} ({weekday})"


def compact_rows(view: QTableView) -> None:
    """Rows a little taller than the text: a whole session of slots fits without scrolling."""
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 8)


def time_range(start: time, end: time) -> str:
    return f"{start:%H:%M}–{end:%H:%M}"


class SlotTableModel(RowTableModel[SlotAvailability]):
    """The slots of one window date; rows that cannot be booked are greyed and not selectable."""

    TIME, SESSION, SEATS_LEFT, STATE = range(4)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(key=lambda slot: (slot.day, slot.start), parent=parent)

    def column_titles(self) -> list[str]:
        return [
            QCoreApplication.translate("BookingConsole", "Time"),
            QCoreApplication.translate("BookingConsole", "Session"),
            QCoreApplication.translate("BookingConsole", "Seats left"),
            QCoreApplication.translate("BookingConsole", "State"),
        ]

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            role == Qt.ItemDataRole.ToolTipRole
            and orientation == Qt.Orientation.Horizontal
            and section == self.SEATS_LEFT
        ):
            return QCoreApplication.translate(
                "BookingConsole", "Telephone seats left, of the slot's telephone seats (R10.1)"
            )
        return super().headerData(section, orientation, role)

    def display(self, row: SlotAvailability, column: int) -> str:
        if column == self.TIME:
            return time_range(row.start, row.end)
        if column == self.SESSION:
            return row.session
        if column == self.SEATS_LEFT:
            return QCoreApplication.translate("BookingConsole", "{left} of {seats}").format(
                left=row.remaining, seats=row.seats
            )
        if column == self.STATE:
            return state_name(row.state)
        return ""

    def cell_data(self, row: SlotAvailability, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole:
            if not row.bookable:
                return QBrush(GREYED)
            if column == self.SEATS_LEFT:
                return QBrush(OPEN_SEATS if row.remaining > 1 else FEW_SEATS)
        if role == Qt.ItemDataRole.ToolTipRole:
            seats = QCoreApplication.translate(
                "BookingConsole",
                "{left} of {seats} telephone seats left; the slot takes {capacity} people in all.",
            ).format(left=row.remaining, seats=row.seats, capacity=row.capacity)
            return seats if row.bookable else f"{state_explanation(row.state)}\n{seats}"
        if role == Qt.ItemDataRole.TextAlignmentRole and column == self.SEATS_LEFT:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if self.row_at(index.row()).bookable:
            return (
                Qt.ItemFlag.ItemIsEnabled
                | Qt.ItemFlag.ItemIsSelectable
                | Qt.ItemFlag.ItemNeverHasChildren
            )
        # R8.4, R10.2, R10.3: greyed; the keyboard skips it and it cannot be selected.
        return Qt.ItemFlag.ItemNeverHasChildren

    def find_slot(self, day: date, start: time) -> int:
        return self.find_row((day, start))


class CallerAppointmentsModel(RowTableModel[AppointmentRow]):
    """The caller's upcoming active appointments."""

    REF, WHEN, CLINIC, CHANNEL = range(4)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(key=lambda row: row.booking_ref, parent=parent)

    def column_titles(self) -> list[str]:
        return [
            QCoreApplication.translate("BookingConsole", "Reference"),
            QCoreApplication.translate("BookingConsole", "Date and time"),
            QCoreApplication.translate("BookingConsole", "Clinic"),
            QCoreApplication.translate("BookingConsole", "Channel"),
        ]

    def display(self, row: AppointmentRow, column: int) -> str:
        if column == self.REF:
            return row.booking_ref
        if column == self.WHEN:
            return f"{format_date_weekday(row.day)} {row.start_time:%H:%M}"
        if column == self.CLINIC:
            return row.clinic_code
        if column == self.CHANNEL:
            return short_channel_name(row.channel)
        return ""

    def cell_data(self, row: AppointmentRow, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.FontRole and column == self.REF:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            return QCoreApplication.translate(
                "BookingConsole", "{session} session · contact phone: {phone}"
            ).format(session=row.session_name, phone=row.contact_phone or "—")
        return None


def eligibility_lines(caller: CallerInfo) -> list[str]:
    """R1: what each of the caller's roster rows says on the lookup date, in words."""
    if not caller.found:
        return [
            QCoreApplication.translate(
                "BookingConsole",
                "Not on any department's roster: not a civil service eligible person (R1).",
            )
        ]
    lines = []
    for entry in caller.entries:
        if entry.reasons:
            lines.append(
                QCoreApplication.translate(
                    "BookingConsole", "{source} roster: not eligible – {reasons}"
                ).format(
                    source=entry.source_code,
                    reasons="; ".join(reason_text(code) for code in entry.reasons),
                )
            )
        else:
            lines.append(
                QCoreApplication.translate("BookingConsole", "{source} roster: eligible").format(
                    source=entry.source_code
                )
            )
    return lines


def caller_summary(caller: CallerInfo) -> dict[str, str]:
    """The caller panel's fields (empty strings when the caller is on no roster)."""
    best = caller.best
    if best is None:
        return {
            "name_en": "",
            "name_zh": "",
            "category": "",
            "relationship": "",
            "source": "",
        }
    return {
        "name_en": best.name_en,
        "name_zh": best.name_zh,
        "category": category_name(best.category),
        "relationship": relationship_name(best.relationship),
        "source": ", ".join(e.source_code for e in caller.entries),
    }
