"""The booking console: clinic staff on the manual telephone line book, change and cancel
appointments while the caller waits (R1, R8, R9.3, R10).

Keyboard first: focus starts in the HKID field; Enter looks the caller up (an audited HKID
search, R13.3) and moves to the first open slot; arrows choose, Enter (or Ctrl+B, Ctrl+Enter)
books. Ctrl+H goes back to the HKID (not Ctrl+L: the main window locks with it), Ctrl+N starts
a new caller, Alt+1..9 pick a window date and F5 refreshes the seats.

A booking carries a request ID made when the officer books a slot for a caller and reused while
the same booking is retried, so a double-click or a second press books once; the Book button is
disabled while the booking is in flight (it runs on the task runner: on PostgreSQL it may wait
for another desk's booking of the same slot, R10.3).
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable
from datetime import date, time
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QFont, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from fc_admin.db import DatabaseError
from fc_admin.domain.booking_window import Channel, is_live
from fc_admin.domain.hkid import check_hkid, mask_hkid
from fc_admin.domain.hktime import hk_date
from fc_admin.domain.roles import Permission, Role
from fc_admin.services import Services
from fc_admin.services.actor import Actor
from fc_admin.services.appointments import (
    AppointmentRow,
    Availability,
    CallerInfo,
    SlotAvailability,
)
from fc_admin.services.clinics import ClinicRow
from fc_admin.services.errors import ServiceError
from fc_admin.views import booking_dialogs, messages
from fc_admin.views.booking_dialogs import phone_problem
from fc_admin.views.booking_models import (
    CallerAppointmentsModel,
    SlotTableModel,
    caller_summary,
    compact_rows,
    eligibility_lines,
    short_date_weekday,
    state_explanation,
)
from fc_admin.views.formatting import (
    format_date_weekday,
    format_moment,
    localized_name,
)
from fc_admin.views.table_model import ROW_ROLE
from fc_admin.views.task_runner import TaskRunner
from fc_admin.views.widgets import COLUMN_PADDING, table_view

# The console books by manual telephone only (R7.2: it serves every clinic, live or not).
CONSOLE_CHANNEL = Channel.MANUAL
# Seats change as other desks and the online system book: refresh them while the page shows.
AUTO_REFRESH_MS = 60_000

VALID_STYLE = "color: #1b5e20;"
INVALID_STYLE = "color: #b71c1c;"
PENDING_STYLE = "color: #555555;"
ELIGIBLE_STYLE = "color: #1b5e20; font-weight: bold;"
NOT_ELIGIBLE_STYLE = "color: #b71c1c; font-weight: bold;"
SUCCESS_FRAME = "QFrame#result { background: #e8f5e9; border: 1px solid #1b5e20; }"
ERROR_FRAME = "QFrame#result { background: #fdecea; border: 1px solid #b71c1c; }"
INFO_FRAME = "QFrame#result { background: #f3f3f3; border: 1px solid #bbbbbb; }"

# An input that could still become an HKID as the officer keeps typing (R9.1 shape, any part).
_PARTIAL_HKID = re.compile(r"[A-Z]{1,2}[0-9]{0,6}|[A-Z]{1,2}[0-9]{6}\(")
_CHECK_REASON = re.compile(r"check character should be (\w), not (\w)")


def hkid_feedback(text: str, final: bool = False, full: bool = True) -> tuple[str, str, str | None]:
    """(message, style, canonical or None) of the live check beside the HKID field (R9.1, R9.2).

    While the officer types (``final`` False) an input that could still become an HKID is not
    called wrong yet; on Enter it is. ``full``: whether the user may see full HKIDs (R9.3); if
    not, a valid number is echoed masked.
    """
    stripped = "".join(text.split()).upper()
    if not stripped:
        return "", "", None
    check = check_hkid(text)
    if check.valid:
        canonical = check.canonical or ""
        shown = canonical if full else mask_hkid(canonical)
        return "✓ " + shown, VALID_STYLE, check.canonical
    reason = check.reason or ""
    wrong_check = _CHECK_REASON.search(reason)
    if wrong_check is not None:
        return (
            "✗ "
            + QCoreApplication.translate(
                "BookingConsole", "Not a valid HKID: the check character should be {expected}"
            ).format(expected=wrong_check.group(1)),
            INVALID_STYLE,
            None,
        )
    if not final and _PARTIAL_HKID.fullmatch(stripped):
        return (
            QCoreApplication.translate(
                "BookingConsole", "Keep typing: 1–2 letters, 6 digits and the check character"
            ),
            PENDING_STYLE,
            None,
        )
    return (
        "✗ "
        + QCoreApplication.translate(
            "BookingConsole",
            "Not a valid HKID: expected 1–2 letters, 6 digits and a check character, "
            "e.g. A123456(3)",
        ),
        INVALID_STYLE,
        None,
    )


class BookingConsolePage(QWidget):
    def __init__(
        self,
        services: Services,
        actor: Actor,
        runner: TaskRunner,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._actor = actor
        self._runner = runner
        self._caller: CallerInfo | None = None
        self._availability: Availability | None = None
        self._day: date | None = None
        # (clinic, hkid, day, start, phone) -> the request ID of that booking (see module doc).
        self._request: tuple[tuple[Any, ...], str] | None = None
        self._busy = False
        self._clinics: dict[str, ClinicRow] = {}
        self.full_hkid = actor.may(Permission.SEE_FULL_HKID)  # R9.3

        self._build_top_bar()
        self._build_caller_panel()
        self._build_availability_panel()
        self._build_result_area()

        columns = QHBoxLayout()
        columns.addLayout(self._caller_column, 5)
        columns.addLayout(self._availability_column, 6)
        layout = QVBoxLayout(self)
        layout.addLayout(self._top_bar)
        layout.addLayout(columns, 1)
        layout.addWidget(self.result_frame)

        self._build_shortcuts()
        QWidget.setTabOrder(self.clinic_combo, self.hkid_edit)
        QWidget.setTabOrder(self.hkid_edit, self.lookup_button)
        QWidget.setTabOrder(self.lookup_button, self.dates_list)
        QWidget.setTabOrder(self.dates_list, self.slot_view)
        QWidget.setTabOrder(self.slot_view, self.phone_edit)
        QWidget.setTabOrder(self.phone_edit, self.book_button)
        QWidget.setTabOrder(self.book_button, self.appointments_view)
        QWidget.setTabOrder(self.appointments_view, self.change_button)
        QWidget.setTabOrder(self.change_button, self.cancel_button)
        QWidget.setTabOrder(self.cancel_button, self.refresh_button)
        QWidget.setTabOrder(self.refresh_button, self.new_caller_button)

        self._load_clinics()
        self.clear_caller()
        self.clear_message()
        self.refresh_availability()
        self._fit_slot_columns()
        self.appointments_view.resizeColumnsToContents()
        self.setFocusProxy(self.hkid_edit)
        self.hkid_edit.setFocus()

        self._timer = QTimer(self)
        self._timer.setInterval(AUTO_REFRESH_MS)
        self._timer.timeout.connect(self._auto_refresh)
        self._timer.start()

    # -- building ------------------------------------------------------------------------------
    def _build_top_bar(self) -> None:
        self.clinic_combo = QComboBox()
        self.clinic_combo.setMinimumContentsLength(28)
        self.clinic_combo.currentIndexChanged.connect(lambda _i: self._clinic_changed())
        self.channel_label = QLabel(
            QCoreApplication.translate("BookingConsole", "Channel: {channel}").format(
                channel=messages.channel_name(CONSOLE_CHANNEL)
            )
        )
        self.refresh_button = QPushButton(
            QCoreApplication.translate("BookingConsole", "Refresh (F5)")
        )
        self.refresh_button.clicked.connect(self.refresh)
        self.new_caller_button = QPushButton(
            QCoreApplication.translate("BookingConsole", "New caller (Ctrl+N)")
        )
        self.new_caller_button.clicked.connect(self.new_caller)
        self.permission_note = QLabel(
            QCoreApplication.translate(
                "BookingConsole", "Your role cannot book appointments: the console is read-only."
            )
        )
        self.permission_note.setStyleSheet(INVALID_STYLE)
        self.permission_note.setVisible(not self._actor.may(Permission.BOOK_APPOINTMENTS))
        bar = QHBoxLayout()
        bar.addWidget(QLabel(QCoreApplication.translate("BookingConsole", "Clinic:")))
        bar.addWidget(self.clinic_combo)
        bar.addSpacing(16)
        bar.addWidget(self.channel_label)
        bar.addSpacing(16)
        bar.addWidget(self.permission_note)
        bar.addStretch(1)
        bar.addWidget(self.refresh_button)
        bar.addWidget(self.new_caller_button)
        self._top_bar = bar

    def _build_caller_panel(self) -> None:
        self.hkid_edit = QLineEdit()
        self.hkid_edit.setMaxLength(24)
        self.hkid_edit.setPlaceholderText(
            QCoreApplication.translate("BookingConsole", "Caller's HKID, e.g. A123456(3)")
        )
        self.hkid_edit.setClearButtonEnabled(True)
        font = self.hkid_edit.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        self.hkid_edit.setFont(font)
        self.hkid_edit.textChanged.connect(self._hkid_changed)
        self.hkid_edit.returnPressed.connect(self.look_up)
        self.lookup_button = QPushButton(
            QCoreApplication.translate("BookingConsole", "Look up (Enter)")
        )
        self.lookup_button.clicked.connect(self.look_up)
        self.hkid_check = QLabel()
        self.hkid_check.setWordWrap(True)
        hkid_row = QHBoxLayout()
        hkid_row.addWidget(self.hkid_edit, 1)
        hkid_row.addWidget(self.lookup_button)

        self.caller_box = QGroupBox(QCoreApplication.translate("BookingConsole", "Caller"))
        # Never squeezed below its text: the table of appointments gives way instead.
        self.caller_box.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self.name_en_label = self._value_label()
        self.name_zh_label = self._value_label()
        self.hkid_label = self._value_label()
        self.category_label = self._value_label()
        self.relationship_label = self._value_label()
        self.source_label = self._value_label()
        self.eligibility_title = QLabel(
            QCoreApplication.translate("BookingConsole", "Eligibility:")
        )
        self.eligibility_label = self._value_label()
        form = QFormLayout(self.caller_box)
        form.addRow(QCoreApplication.translate("BookingConsole", "Name:"), self.name_en_label)
        form.addRow(
            QCoreApplication.translate("BookingConsole", "Chinese name:"), self.name_zh_label
        )
        form.addRow(QCoreApplication.translate("BookingConsole", "HKID:"), self.hkid_label)
        form.addRow(QCoreApplication.translate("BookingConsole", "Category:"), self.category_label)
        form.addRow(
            QCoreApplication.translate("BookingConsole", "Relationship:"), self.relationship_label
        )
        form.addRow(QCoreApplication.translate("BookingConsole", "Roster:"), self.source_label)
        form.addRow(self.eligibility_title, self.eligibility_label)

        self.appointments_box = QGroupBox(
            QCoreApplication.translate("BookingConsole", "Upcoming appointments")
        )
        self.appointments_model = CallerAppointmentsModel(self)
        self.appointments_view = table_view(self.appointments_model, self)
        self.appointments_view.setTabKeyNavigation(False)
        compact_rows(self.appointments_view)
        self.appointments_view.selectionModel().selectionChanged.connect(
            lambda *_a: self._update_buttons()
        )
        self.no_appointments_label = QLabel(
            QCoreApplication.translate("BookingConsole", "No upcoming appointments.")
        )
        self.change_button = QPushButton(QCoreApplication.translate("BookingConsole", "Change…"))
        self.change_button.clicked.connect(self.change_selected)
        self.cancel_button = QPushButton(QCoreApplication.translate("BookingConsole", "Cancel…"))
        self.cancel_button.clicked.connect(self.cancel_selected)
        buttons = QHBoxLayout()
        buttons.addWidget(self.no_appointments_label)
        buttons.addStretch(1)
        buttons.addWidget(self.change_button)
        buttons.addWidget(self.cancel_button)
        box_layout = QVBoxLayout(self.appointments_box)
        box_layout.addWidget(self.appointments_view, 1)
        box_layout.addLayout(buttons)

        column = QVBoxLayout()
        hkid_title = QLabel(QCoreApplication.translate("BookingConsole", "HKID (Ctrl+H):"))
        hkid_title.setBuddy(self.hkid_edit)
        column.addWidget(hkid_title)
        column.addLayout(hkid_row)
        column.addWidget(self.hkid_check)
        column.addWidget(self.caller_box)
        column.addWidget(self.appointments_box, 1)
        self._caller_column = column

    def _build_availability_panel(self) -> None:
        self.window_label = QLabel()
        self.window_label.setWordWrap(True)
        self.dates_list = QListWidget()
        self.dates_list.setSpacing(2)
        self.dates_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.dates_list.currentRowChanged.connect(self._date_row_changed)
        self.empty_label = QLabel()
        self.empty_label.setWordWrap(True)
        self.empty_label.setStyleSheet(INVALID_STYLE)
        self.slot_model = SlotTableModel(self)
        self.slot_view = table_view(self.slot_model, self)
        self.slot_view.setTabKeyNavigation(False)
        compact_rows(self.slot_view)
        self.slot_view.installEventFilter(self)
        self.slot_view.doubleClicked.connect(lambda _i: self.book())
        self.slot_view.selectionModel().selectionChanged.connect(lambda *_a: self._update_buttons())
        self.seats_as_of_label = QLabel()
        self.seats_as_of_label.setStyleSheet(PENDING_STYLE)

        self.phone_edit = QLineEdit()
        self.phone_edit.setMaxLength(20)
        self.phone_edit.setPlaceholderText(
            QCoreApplication.translate("BookingConsole", "e.g. 9123 4567")
        )
        self.phone_edit.returnPressed.connect(self.book)
        self.phone_edit.textChanged.connect(lambda _t: self._phone_changed())
        self.phone_check = QLabel()
        self.phone_check.setStyleSheet(INVALID_STYLE)
        self.book_button = QPushButton(
            QCoreApplication.translate("BookingConsole", "Book (Ctrl+B)")
        )
        self.book_button.setDefault(False)
        self.book_button.setAutoDefault(False)
        bold = self.book_button.font()
        bold.setBold(True)
        self.book_button.setFont(bold)
        self.book_button.setMinimumWidth(140)
        self.book_button.clicked.connect(self.book)

        dates_column = QVBoxLayout()
        dates_title = QLabel(QCoreApplication.translate("BookingConsole", "Dates (Alt+1…9):"))
        dates_title.setBuddy(self.dates_list)
        dates_column.addWidget(dates_title)
        dates_column.addWidget(self.dates_list, 1)
        slots_column = QVBoxLayout()
        slots_column.addWidget(self.empty_label)
        slots_column.addWidget(self.slot_view, 1)
        slots_column.addWidget(self.seats_as_of_label)
        lists = QHBoxLayout()
        lists.addLayout(dates_column)
        lists.addLayout(slots_column, 1)

        phone_title = QLabel(QCoreApplication.translate("BookingConsole", "Contact phone:"))
        phone_title.setBuddy(self.phone_edit)
        book_row = QHBoxLayout()
        book_row.addWidget(phone_title)
        book_row.addWidget(self.phone_edit, 1)
        book_row.addWidget(self.book_button)

        self.availability_box = QGroupBox(
            QCoreApplication.translate("BookingConsole", "Available slots")
        )
        box_layout = QVBoxLayout(self.availability_box)
        box_layout.addWidget(self.window_label)
        box_layout.addLayout(lists, 1)
        box_layout.addLayout(book_row)
        box_layout.addWidget(self.phone_check)
        column = QVBoxLayout()
        column.addWidget(self.availability_box, 1)
        self._availability_column = column

    def _build_result_area(self) -> None:
        self.result_frame = QFrame()
        self.result_frame.setObjectName("result")
        self.result_frame.setStyleSheet(INFO_FRAME)
        self.reference_label = QLabel()
        big = QFont(self.reference_label.font())
        big.setPointSizeF(big.pointSizeF() * 2.0)
        big.setBold(True)
        self.reference_label.setFont(big)
        self.reference_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message_label = QLabel()
        self.message_label.setWordWrap(True)
        self.message_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        message_font = self.message_label.font()
        message_font.setPointSizeF(message_font.pointSizeF() * 1.15)
        self.message_label.setFont(message_font)
        layout = QVBoxLayout(self.result_frame)
        layout.addWidget(self.reference_label)
        layout.addWidget(self.message_label)
        layout.addStretch(1)
        # As tall as a booking reference and two lines of text, whatever it shows: the tables
        # above must not jump while the officer reads.
        self.result_frame.setMinimumHeight(
            self.reference_label.fontMetrics().lineSpacing()
            + 2 * self.message_label.fontMetrics().lineSpacing()
            + 2 * layout.spacing()
            + 24
        )

    def _build_shortcuts(self) -> None:
        self.shortcuts: list[QShortcut] = []

        def shortcut(keys: str | QKeySequence.StandardKey, slot: Callable[[], None]) -> None:
            found = QShortcut(QKeySequence(keys), self)
            found.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            found.activated.connect(slot)
            self.shortcuts.append(found)

        # Ctrl+L is the main window's Lock: a second Ctrl+L would make both ambiguous (neither
        # fires), so the HKID field is Ctrl+H.
        shortcut("Ctrl+H", self.focus_hkid)
        shortcut("Ctrl+B", self.book)
        shortcut("Ctrl+Return", self.book)
        shortcut("Ctrl+Enter", self.book)
        shortcut("Ctrl+N", self.new_caller)
        shortcut("F5", self.refresh)
        for n in range(1, 10):
            shortcut(f"Alt+{n}", lambda n=n: self.pick_date(n - 1))  # type: ignore[misc]

    @staticmethod
    def _value_label() -> QLabel:
        label = QLabel()
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return label

    # -- clinics ---------------------------------------------------------------------------------
    def _load_clinics(self) -> None:
        try:
            rows = self._services.clinics.list_clinics()
        except (ServiceError, DatabaseError) as exc:
            self.show_error(messages.error_text(exc))
            return
        own = self._actor.clinic_code if self._actor.role is Role.CLINIC else None
        if own:
            # R13.2: clinic staff book for their own clinic only.
            rows = [r for r in rows if r.code == own]
        self._clinics = {r.code: r for r in rows}
        self.clinic_combo.blockSignals(True)
        for row in rows:
            self.clinic_combo.addItem(
                f"{row.code} – {localized_name(row.name_en, row.name_zh)}", row.code
            )
        self.clinic_combo.blockSignals(False)
        self.clinic_combo.setEnabled(len(rows) > 1)

    @property
    def clinic_code(self) -> str | None:
        code = self.clinic_combo.currentData()
        return code if isinstance(code, str) else None

    def clinic_codes(self) -> list[str]:
        return [str(self.clinic_combo.itemData(i)) for i in range(self.clinic_combo.count())]

    def set_clinic(self, code: str) -> bool:
        index = self.clinic_combo.findData(code)
        if index < 0:
            return False
        self.clinic_combo.setCurrentIndex(index)
        return True

    def _clinic_changed(self) -> None:
        self._request = None
        self.refresh_availability()

    # -- the caller ------------------------------------------------------------------------------
    def focus_hkid(self) -> None:
        self.hkid_edit.setFocus()
        self.hkid_edit.selectAll()

    def _hkid_changed(self, text: str) -> None:
        message, style, canonical = hkid_feedback(text, full=self.full_hkid)
        self.hkid_check.setText(message)
        self.hkid_check.setStyleSheet(style)
        if self._caller is not None and canonical != self._caller.hkid:
            # The panel must never show one person while the field holds another's HKID, nor
            # the message area the last caller's booking or refusal.
            self._request = None
            self._show_caller(None)
            self.clear_message()

    def look_up(self) -> None:
        """R1: who is calling and whether the roster says they are eligible today (audited)."""
        text = self.hkid_edit.text()
        message, style, canonical = hkid_feedback(text, final=True, full=self.full_hkid)
        if canonical is None:
            self.hkid_check.setText(message)
            self.hkid_check.setStyleSheet(style)
            self.show_error(
                message.removeprefix("✗ ")
                if message
                else QCoreApplication.translate("BookingConsole", "Type the caller's HKID first.")
            )
            self.focus_hkid()
            return
        try:
            caller = self._services.appointments.lookup(self._actor, canonical)
        except (ServiceError, DatabaseError) as exc:
            self.show_error(messages.error_text(exc))
            return
        self._request = None
        self._show_caller(caller)
        self.clear_message()
        if caller.found:
            self._focus_first_open_slot()

    def _show_caller(self, caller: CallerInfo | None) -> None:
        self._caller = caller
        if caller is None:
            for label in (
                self.name_en_label,
                self.name_zh_label,
                self.hkid_label,
                self.category_label,
                self.relationship_label,
                self.source_label,
            ):
                label.clear()
            self.eligibility_label.setText(
                QCoreApplication.translate(
                    "BookingConsole", "Type the caller's HKID and press Enter."
                )
            )
            self.eligibility_label.setStyleSheet(PENDING_STYLE)
            self.appointments_model.set_rows([])
            self._update_buttons()
            return
        fields = caller_summary(caller)
        self.name_en_label.setText(fields["name_en"])
        self.name_zh_label.setText(fields["name_zh"])
        self.hkid_label.setText(caller.hkid if self.full_hkid else caller.hkid_masked)
        self.category_label.setText(fields["category"])
        self.relationship_label.setText(fields["relationship"])
        self.source_label.setText(fields["source"])
        verdict = (
            QCoreApplication.translate("BookingConsole", "Eligible on {date}")
            if caller.eligible
            else QCoreApplication.translate("BookingConsole", "Not eligible on {date}")
        ).format(date=format_date_weekday(caller.on))
        self.eligibility_label.setText("\n".join([verdict, *eligibility_lines(caller)]))
        self.eligibility_label.setStyleSheet(
            ELIGIBLE_STYLE if caller.eligible else NOT_ELIGIBLE_STYLE
        )
        self._show_appointments(list(caller.appointments))

    @property
    def caller(self) -> CallerInfo | None:
        return self._caller

    def _reload_appointments(self) -> None:
        """The caller's upcoming booked appointments again (not audited: no new HKID search)."""
        caller = self._caller
        if caller is None:
            return
        try:
            rows = self._services.appointments.appointments_of(
                self._actor, caller.hkid, since=caller.on
            )
        except (ServiceError, DatabaseError) as exc:
            self.show_error(messages.error_text(exc))
            return
        booked = sorted(
            (r for r in rows if r.status == "BOOKED"), key=lambda r: (r.day, r.start_time)
        )
        self._show_appointments(booked)

    def _show_appointments(self, rows: list[AppointmentRow]) -> None:
        self.appointments_model.set_rows(rows)
        if rows and self.selected_appointment() is None:
            # Change… and Cancel… act on one click: the next appointment is chosen already.
            self.appointments_view.selectRow(0)
        self.appointments_view.resizeColumnsToContents()
        self._update_buttons()

    def clear_caller(self) -> None:
        self._show_caller(None)

    def new_caller(self) -> None:
        """Ctrl+N: a new call; nothing of the last caller stays on screen."""
        self._request = None
        self.hkid_edit.clear()
        self.phone_edit.clear()
        self.phone_check.clear()
        self._show_caller(None)
        self.clear_message()
        self.focus_hkid()

    # -- availability ----------------------------------------------------------------------------
    def refresh_availability(self) -> None:
        """The R8 window of the clinic by telephone and the seats left in each slot."""
        code = self.clinic_code
        if code is None:
            return
        try:
            availability = self._services.appointments.availability(code, CONSOLE_CHANNEL)
        except (ServiceError, DatabaseError) as exc:
            self.show_error(messages.error_text(exc))
            return
        self._availability = availability
        self._show_window(availability)

    def refresh(self) -> None:
        """Back on the page after other work (the main window calls this): the seats and the
        caller's bookings may have changed meanwhile."""
        if not self._busy:
            self.refresh_availability()
            self._reload_appointments()

    def _auto_refresh(self) -> None:
        if self.isVisible() and not self._busy:
            self.refresh_availability()

    def _show_window(self, availability: Availability) -> None:
        clinic = self._clinics.get(availability.clinic_code)
        # Live on the day of the availability (the console may stay open across midnight).
        if clinic is not None and is_live(clinic.go_live_date, hk_date(availability.at)):
            # R8.1
            self.window_label.setText(
                QCoreApplication.translate(
                    "BookingConsole",
                    "Live on online booking: today and the next calendar day, when they are "
                    "operating days.",
                )
            )
        else:
            # R8.2
            self.window_label.setText(
                QCoreApplication.translate(
                    "BookingConsole",
                    "Not yet live on online booking: today and the next 7 working days.",
                )
            )
        self.seats_as_of_label.setText(
            QCoreApplication.translate(
                "BookingConsole", "Seats as of {moment} (F5 refreshes)"
            ).format(moment=format_moment(availability.at))
        )
        keep = self._day if self._day in availability.dates else None
        self.dates_list.blockSignals(True)
        self.dates_list.clear()
        for n, day in enumerate(availability.dates, start=1):
            open_count = sum(1 for s in availability.slots if s.day == day and s.bookable)
            text = QCoreApplication.translate("BookingConsole", "{date} · {count} open").format(
                date=short_date_weekday(day), count=open_count
            )
            if n <= 9:
                text = f"{n} · {text}"
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, day)
            self.dates_list.addItem(item)
        self.dates_list.blockSignals(False)
        # As wide as its longest date (weekday names differ in length by language).
        self.dates_list.setFixedWidth(
            max(120, self.dates_list.sizeHintForColumn(0) + 2 * self.dates_list.frameWidth() + 24)
        )
        if not availability.dates:
            self.empty_label.setText(
                QCoreApplication.translate(
                    "BookingConsole",
                    "No bookable dates: the clinic is closed, or it is a weekend or a holiday.",
                )
            )
            self.empty_label.show()
            self._day = None
            self.slot_model.set_rows([])
            self._update_buttons()
            return
        self.empty_label.hide()
        if keep is None:
            # The first date with a seat left: what the caller most likely wants.
            keep = next(
                (
                    d
                    for d in availability.dates
                    if any(s.day == d and s.bookable for s in availability.slots)
                ),
                availability.dates[0],
            )
        self.dates_list.blockSignals(True)
        self.dates_list.setCurrentRow(availability.dates.index(keep))
        self.dates_list.blockSignals(False)
        self._show_day(keep)

    def _fit_slot_columns(self) -> None:
        # Sized once for the widest texts (not per day), a little air but no scroll bar.
        self.slot_view.resizeColumnsToContents()
        for column in range(self.slot_model.columnCount() - 1):
            width = self.slot_view.columnWidth(column) + COLUMN_PADDING // 2
            self.slot_view.setColumnWidth(column, width)

    def _date_row_changed(self, row: int) -> None:
        if self._availability is None or not 0 <= row < len(self._availability.dates):
            return
        self._show_day(self._availability.dates[row])

    def _show_day(self, day: date) -> None:
        assert self._availability is not None
        changed = day != self._day
        self._day = day
        slots = [s for s in self._availability.slots if s.day == day]
        self.slot_model.set_rows(slots)
        if not slots:
            self.empty_label.setText(
                QCoreApplication.translate("BookingConsole", "The clinic has no slots that day.")
            )
            self.empty_label.show()
        else:
            self.empty_label.hide()
        selected = self.selected_slot()
        if changed or selected is None or not selected.bookable:
            self._select_first_open()
        self._update_buttons()

    def _select_first_open(self) -> None:
        first = next((i for i, s in enumerate(self.slot_model.rows) if s.bookable), -1)
        self.slot_view.clearSelection()
        if first >= 0:
            index = self.slot_model.index(first, 0)
            self.slot_view.setCurrentIndex(index)
            self.slot_view.selectRow(first)
            self.slot_view.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)

    def _focus_first_open_slot(self) -> None:
        self.slot_view.setFocus()
        selected = self.selected_slot()
        if selected is None or not selected.bookable:
            self._select_first_open()

    @property
    def window_dates(self) -> tuple[date, ...]:
        return self._availability.dates if self._availability else ()

    @property
    def shown_day(self) -> date | None:
        return self._day

    def pick_date(self, position: int) -> None:
        """Alt+1..9: the n-th date of the window."""
        if 0 <= position < self.dates_list.count():
            self.dates_list.setCurrentRow(position)
            self.slot_view.setFocus()

    def slot(self, day: date, start: time) -> SlotAvailability | None:
        if self._availability is None:
            return None
        return next((s for s in self._availability.slots if (s.day, s.start) == (day, start)), None)

    def select_slot(self, day: date, start: time) -> bool:
        """Show ``day`` and select its ``start`` slot; False if it cannot be booked."""
        if day not in self.window_dates:
            return False
        self.dates_list.setCurrentRow(self.window_dates.index(day))
        row = self.slot_model.find_slot(day, start)
        if row < 0 or not self.slot_model.row_at(row).bookable:
            return False
        self.slot_view.setCurrentIndex(self.slot_model.index(row, 0))
        self.slot_view.selectRow(row)
        return True

    def selected_slot(self) -> SlotAvailability | None:
        rows = self.slot_view.selectionModel().selectedRows()
        if not rows:
            return None
        slot = rows[0].data(ROW_ROLE)
        return slot if isinstance(slot, SlotAvailability) else None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.slot_view
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        ):
            self.book()
            return True
        return super().eventFilter(watched, event)

    # -- booking ---------------------------------------------------------------------------------
    def _phone_changed(self) -> None:
        if self.phone_check.text():
            self.phone_check.setText(phone_problem(self.phone_edit.text()))

    def _request_id(self, key: tuple[Any, ...]) -> str:
        """The same booking retried keeps its request ID; any other booking gets a new one."""
        if self._request is None or self._request[0] != key:
            self._request = (key, str(uuid.uuid4()))
        return self._request[1]

    @property
    def busy(self) -> bool:
        return self._busy

    def book(self) -> None:
        """Book the selected slot for the caller by manual telephone (R8, R10)."""
        if self._busy:
            return  # a second press while the first is in flight books nothing more
        caller = self._caller
        clinic = self.clinic_code
        if caller is None or clinic is None:
            self.show_error(
                QCoreApplication.translate(
                    "BookingConsole", "Look up the caller first: type the HKID and press Enter."
                )
            )
            self.focus_hkid()
            return
        slot = self.selected_slot()
        if slot is None:
            self.show_error(
                QCoreApplication.translate("BookingConsole", "Choose an open slot first.")
            )
            self.slot_view.setFocus()
            return
        if not slot.bookable:
            self.show_error(state_explanation(slot.state))
            return
        phone = self.phone_edit.text().strip()
        problem = phone_problem(phone)
        if problem:
            self.phone_check.setText(problem)
            self.show_error(problem)
            self.phone_edit.setFocus()
            return
        self.phone_check.clear()
        request_id = self._request_id((clinic, caller.hkid, slot.day, slot.start, phone))
        hkid, day, start = caller.hkid, slot.day, slot.start
        services, actor = self._services, self._actor
        self._set_busy(True)
        self.show_info(QCoreApplication.translate("BookingConsole", "Booking…"))
        self._runner.run(
            lambda _control: services.appointments.book(
                actor,
                clinic,
                hkid,
                day,
                start,
                CONSOLE_CHANNEL,
                contact_phone=phone,
                request_id=request_id,
            ),
            on_done=self._booked,
            on_failed=lambda message: self._write_failed(
                QCoreApplication.translate("BookingConsole", "Not booked: {reason}").format(
                    reason=message
                )
            ),
            owner=self,
            name="book appointment",
        )

    def _booked(self, row: AppointmentRow) -> None:
        self._set_busy(False)
        self.show_reference(row)
        self.refresh_availability()
        self._reload_appointments()
        self.slot_view.setFocus()

    def _write_failed(self, message: str) -> None:
        self._set_busy(False)
        self.show_error(message)
        # Seats may have gone to another desk meanwhile.
        self.refresh_availability()
        self._reload_appointments()

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self._update_buttons()

    def _update_buttons(self) -> None:
        may_book = self._actor.may(Permission.BOOK_APPOINTMENTS)
        self.book_button.setEnabled(not self._busy and may_book)
        appointment = self.selected_appointment()
        may_act = (
            appointment is not None
            and may_book
            and not self._busy
            and self._own_clinic(appointment.clinic_code)
        )
        self.change_button.setEnabled(may_act)
        self.cancel_button.setEnabled(may_act)
        empty = self.appointments_model.rowCount() == 0
        self.no_appointments_label.setVisible(empty and self._caller is not None)

    def _own_clinic(self, code: str) -> bool:
        # R13.2: clinic staff change and cancel at their own clinic only.
        own = self._actor.clinic_code
        return not (self._actor.role is Role.CLINIC and own and own != code)

    # -- change and cancel -------------------------------------------------------------------
    def selected_appointment(self) -> AppointmentRow | None:
        rows = self.appointments_view.selectionModel().selectedRows()
        if not rows:
            return None
        row = rows[0].data(ROW_ROLE)
        return row if isinstance(row, AppointmentRow) else None

    def select_appointment(self, booking_ref: str) -> bool:
        row = self.appointments_model.find_row(booking_ref)
        if row < 0:
            return False
        self.appointments_view.selectRow(row)
        return True

    def cancel_selected(self) -> None:
        """R10.4, R10.5: staff cancel with a reason; the seat is free again."""
        appointment = self.selected_appointment()
        if appointment is None or self._busy:
            return
        reason = booking_dialogs.ask_cancel_reason(self, appointment)
        if reason is None:
            return
        services, actor, ref = self._services, self._actor, appointment.booking_ref
        self._set_busy(True)
        self._runner.run(
            lambda _control: services.appointments.cancel(actor, ref, reason),
            on_done=self._cancelled,
            on_failed=lambda message: self._write_failed(
                QCoreApplication.translate("BookingConsole", "Not cancelled: {reason}").format(
                    reason=message
                )
            ),
            owner=self,
            name="cancel appointment",
        )

    def _cancelled(self, row: AppointmentRow) -> None:
        self._set_busy(False)
        self._request = None  # booking the same slot again is a new booking
        self.show_success(
            QCoreApplication.translate(
                "BookingConsole", "Cancelled {ref} ({date} {time}). The seat is free again."
            ).format(
                ref=row.booking_ref,
                date=format_date_weekday(row.day),
                time=row.start_time.strftime("%H:%M"),
            )
        )
        self.refresh_availability()
        self._reload_appointments()

    def change_selected(self) -> None:
        """Move the selected appointment to another slot of the telephone window (R8)."""
        appointment = self.selected_appointment()
        if appointment is None or self._busy:
            return
        choice = booking_dialogs.ask_change(self, self._services, appointment)
        if choice is None:
            return
        services, actor, ref = self._services, self._actor, appointment.booking_ref
        self._set_busy(True)
        self._runner.run(
            lambda _control: services.appointments.change(
                actor,
                ref,
                choice.day,
                choice.start,
                contact_phone=choice.contact_phone or None,
            ),
            on_done=self._changed,
            on_failed=lambda message: self._write_failed(
                QCoreApplication.translate("BookingConsole", "Not changed: {reason}").format(
                    reason=message
                )
            ),
            owner=self,
            name="change appointment",
        )

    def _changed(self, row: AppointmentRow) -> None:
        self._set_busy(False)
        self._request = None
        self.show_reference(
            row,
            QCoreApplication.translate("BookingConsole", "Moved {ref} to {when}."),
        )
        self.refresh_availability()
        self._reload_appointments()

    # -- the message area ------------------------------------------------------------------------
    def show_reference(self, row: AppointmentRow, template: str | None = None) -> None:
        """The booking reference, big, and what to read to the caller (both clinic names)."""
        clinic = self._clinics.get(row.clinic_code)
        names = f"{clinic.name_en} {clinic.name_zh}" if clinic else row.clinic_code
        when = QCoreApplication.translate("BookingConsole", "{date} at {time}, {clinic}").format(
            date=format_date_weekday(row.day), time=row.start_time.strftime("%H:%M"), clinic=names
        )
        self.reference_label.setText(
            QCoreApplication.translate("BookingConsole", "Booking reference: {ref}").format(
                ref=row.booking_ref
            )
        )
        self.reference_label.show()
        text = (
            template
            or QCoreApplication.translate(
                "BookingConsole", "Booked {ref} for {when}. Read the reference to the caller."
            )
        ).format(ref=row.booking_ref, when=when)
        self.message_label.setText(text)
        self.message_label.setStyleSheet(VALID_STYLE)
        self.result_frame.setStyleSheet(SUCCESS_FRAME)

    def show_success(self, text: str) -> None:
        self.reference_label.hide()
        self.message_label.setText(text)
        self.message_label.setStyleSheet(VALID_STYLE)
        self.result_frame.setStyleSheet(SUCCESS_FRAME)

    def show_error(self, text: str) -> None:
        """A refusal, with the reason the officer reads to the caller."""
        self.reference_label.hide()
        self.message_label.setText(text)
        self.message_label.setStyleSheet(INVALID_STYLE)
        self.result_frame.setStyleSheet(ERROR_FRAME)

    def show_info(self, text: str) -> None:
        self.reference_label.hide()
        self.message_label.setText(text)
        self.message_label.setStyleSheet("")
        self.result_frame.setStyleSheet(INFO_FRAME)

    def clear_message(self) -> None:
        self.show_info(
            QCoreApplication.translate(
                "BookingConsole",
                "Enter looks the caller up · arrows choose a slot · Enter or Ctrl+B books · "
                "Ctrl+N new caller",
            )
        )

    @property
    def message(self) -> str:
        return self.message_label.text()

    @property
    def reference(self) -> str:
        return "" if self.reference_label.isHidden() else self.reference_label.text()

    @property
    def slot_table(self) -> QTableView:
        return self.slot_view
