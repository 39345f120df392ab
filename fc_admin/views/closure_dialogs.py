"""Closing a clinic day or session and its call list (R10.2).

:class:`CloseDialog` declares a closure (a day or one of the sessions that day has, with a
reason); :class:`CallListDialog` shows the booked appointments it affects — time, reference,
names, masked HKID (R9.3), contact phone and channel — and exports them as PDF or CSV through
``services.capacity.export_call_list`` on the task runner (the service audits the export).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fc_admin.db import DatabaseError
from fc_admin.domain.session_templates import SessionSpec
from fc_admin.i18n import QT_TRANSLATE_NOOP
from fc_admin.services import Services
from fc_admin.services.actor import Actor
from fc_admin.services.capacity import CallListEntry, ClosureResult, ClosureRow
from fc_admin.services.errors import ServiceError
from fc_admin.views import messages
from fc_admin.views.formatting import (
    format_date_weekday,
    from_qdate,
    localized_name,
    to_qdate,
)
from fc_admin.views.table_model import RowTableModel
from fc_admin.views.task_runner import TaskRunner
from fc_admin.views.widgets import date_edit, fit_columns, table_view

ERROR_STYLE = "color: #b71c1c;"
OK_STYLE = "color: #1b5e20; font-weight: bold;"
NOTE_STYLE = "color: #8a6d3b;"
REASON_LIMIT = 200

# R10.2: the usual reasons; any other may be typed.
REASON_PRESETS = (
    QT_TRANSLATE_NOOP("ClosureDialogs", "Typhoon signal No. 8"),
    QT_TRANSLATE_NOOP("ClosureDialogs", "Black rainstorm warning"),
    QT_TRANSLATE_NOOP("ClosureDialogs", "Staff training"),
)


def closure_scope(session_name: str | None) -> str:
    """``Whole day`` or the session's name."""
    if session_name is None:
        return QCoreApplication.translate("ClosureDialogs", "Whole day")
    return session_name


class CloseDialog(QDialog):
    """R10.2: close a day or one session of a clinic, with a reason; no new bookings then."""

    def __init__(
        self,
        services: Services,
        actor: Actor,
        clinic_code: str,
        clinic_label: str,
        day: date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._actor = actor
        self.clinic_code = clinic_code
        self.closure_result: ClosureResult | None = None
        self.setWindowTitle(
            QCoreApplication.translate("ClosureDialogs", "Close {clinic}").format(
                clinic=clinic_label
            )
        )

        explanation = QLabel(
            QCoreApplication.translate(
                "ClosureDialogs",
                "No new bookings are taken for a closed day or session. The appointments "
                "already booked on it are listed afterwards with the people's contact numbers, "
                "so that they can be phoned.",
            )
        )
        explanation.setWordWrap(True)

        self.date_edit = date_edit(day)
        self.date_edit.setMinimumDate(to_qdate(services.capacity.today()))
        self.date_edit.dateChanged.connect(lambda _d: self._fill_sessions())
        self.session_combo = QComboBox()
        self.session_combo.setMinimumContentsLength(18)
        self.day_note = QLabel()
        self.day_note.setStyleSheet(NOTE_STYLE)
        self.day_note.setWordWrap(True)

        self.reason_combo = QComboBox()
        self.reason_combo.setEditable(True)
        self.reason_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.reason_combo.setMinimumContentsLength(28)
        for preset in REASON_PRESETS:
            self.reason_combo.addItem(QCoreApplication.translate("ClosureDialogs", preset))
        self.reason_combo.setCurrentIndex(-1)
        line = self.reason_combo.lineEdit()
        assert line is not None  # an editable combo has one
        line.setMaxLength(REASON_LIMIT)
        line.setPlaceholderText(
            QCoreApplication.translate("ClosureDialogs", "Choose a reason or type another")
        )
        self.reason_combo.editTextChanged.connect(lambda _t: self._update_ok())

        form = QFormLayout()
        form.addRow(QCoreApplication.translate("ClosureDialogs", "Date:"), self.date_edit)
        form.addRow(QCoreApplication.translate("ClosureDialogs", "Close:"), self.session_combo)
        form.addRow("", self.day_note)
        form.addRow(QCoreApplication.translate("ClosureDialogs", "Reason:"), self.reason_combo)

        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.error_label.setVisible(False)

        self.buttons = QDialogButtonBox()
        self.ok_button = self.buttons.addButton(
            QCoreApplication.translate("ClosureDialogs", "Close the clinic"),
            QDialogButtonBox.ButtonRole.AcceptRole,
        )
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(explanation)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(500)
        self._fill_sessions()

    @property
    def day(self) -> date:
        return from_qdate(self.date_edit.date())

    def set_day(self, day: date) -> None:
        self.date_edit.setDate(to_qdate(day))

    @property
    def reason(self) -> str:
        return self.reason_combo.currentText().strip()

    def set_reason(self, text: str) -> None:
        self.reason_combo.setEditText(text)

    def choose_session(self, name: str | None) -> None:
        """Whole day (None) or the session called ``name``."""
        index = self.session_combo.findData(name or "")
        if index >= 0:
            self.session_combo.setCurrentIndex(index)

    @property
    def session_name(self) -> str | None:
        return self.session_combo.currentData() or None

    def sessions_of_day(self) -> list[SessionSpec]:
        """The sessions the template in force that day has (R10.1)."""
        row = self._services.capacity.template_on(self.clinic_code, self.day)
        return row.template.sessions_on(self.day) if row is not None else []

    def _fill_sessions(self) -> None:
        self.error_label.setVisible(False)
        holiday = None
        try:
            sessions = self.sessions_of_day()
            if sessions:
                # R10.2: a general holiday (or an added non-working day) closes every clinic.
                holiday = self._services.calendar.working_calendar().holiday_on(self.day)
        except (ServiceError, DatabaseError) as exc:
            sessions = []
            self.error_label.setText(messages.error_text(exc))
            self.error_label.setVisible(True)
        if holiday is not None:
            sessions = []
        self.session_combo.clear()
        if sessions:
            self.session_combo.addItem(
                QCoreApplication.translate("ClosureDialogs", "Whole day"), ""
            )
            for s in sessions:
                self.session_combo.addItem(
                    QCoreApplication.translate(
                        "ClosureDialogs", "Session {name} ({start}–{end})"
                    ).format(name=s.name, start=f"{s.start:%H:%M}", end=f"{s.end:%H:%M}"),
                    s.name,
                )
            self.day_note.setText("")
        elif holiday is not None:
            self.day_note.setText(
                QCoreApplication.translate(
                    "ClosureDialogs", "{date} is a holiday ({name}): every clinic is closed."
                ).format(
                    date=format_date_weekday(self.day),
                    name=localized_name(holiday.name_en, holiday.name_zh),
                )
            )
        else:
            self.day_note.setText(
                QCoreApplication.translate(
                    "ClosureDialogs", "The clinic has no session on {date}: nothing to close."
                ).format(date=format_date_weekday(self.day))
            )
        self.session_combo.setEnabled(bool(sessions))
        self.day_note.setVisible(not sessions)
        self._update_ok()

    def _update_ok(self) -> None:
        self.ok_button.setEnabled(bool(self.reason) and self.session_combo.count() > 0)

    def save(self) -> None:
        """Declare the closure; a refusal (already closed, no such session) stays here."""
        if not self.ok_button.isEnabled():
            return
        try:
            self.closure_result = self._services.capacity.close(
                self._actor, self.clinic_code, self.day, self.session_name, self.reason
            )
        except (ServiceError, DatabaseError) as exc:
            self.error_label.setText(messages.error_text(exc))
            self.error_label.setVisible(True)
            return
        self.accept()


# --- the call list -----------------------------------------------------------------------------


class CallListTableModel(RowTableModel[CallListEntry]):
    """R10.2: the people to phone. The HKID comes masked from the service (R9.3)."""

    TIME, SESSION, REF, NAME_EN, NAME_ZH, HKID, PHONE, CHANNEL = range(8)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(key=lambda row: row.booking_ref, parent=parent)

    def column_titles(self) -> list[str]:
        return [
            QCoreApplication.translate("ClosureDialogs", "Time"),
            QCoreApplication.translate("ClosureDialogs", "Session"),
            QCoreApplication.translate("ClosureDialogs", "Booking ref."),
            QCoreApplication.translate("ClosureDialogs", "Name"),
            QCoreApplication.translate("ClosureDialogs", "Chinese name"),
            QCoreApplication.translate("ClosureDialogs", "HKID"),
            QCoreApplication.translate("ClosureDialogs", "Contact phone"),
            QCoreApplication.translate("ClosureDialogs", "Channel"),
        ]

    def display(self, row: CallListEntry, column: int) -> str:
        if column == self.TIME:
            return f"{row.start_time:%H:%M}"
        if column == self.SESSION:
            return row.session
        if column == self.REF:
            return row.booking_ref
        if column == self.NAME_EN:
            return row.name_en
        if column == self.NAME_ZH:
            return row.name_zh
        if column == self.HKID:
            return row.hkid_masked
        if column == self.PHONE:
            return row.contact_phone or QCoreApplication.translate("ClosureDialogs", "(none)")
        if column == self.CHANNEL:
            return messages.channel_name(row.channel)
        return ""

    def cell_data(self, row: CallListEntry, column: int, role: int) -> Any:
        if (
            role == Qt.ItemDataRole.ForegroundRole
            and column == self.PHONE
            and not row.contact_phone
        ):
            return Qt.GlobalColor.darkRed
        return None


def choose_call_list_file(parent: QWidget | None, suggested: str, kind: str) -> str | None:
    """Where to write the call list (tests replace this function)."""
    if kind == "pdf":
        title = QCoreApplication.translate("ClosureDialogs", "Export the call list as PDF")
        filters = QCoreApplication.translate("ClosureDialogs", "PDF files (*.pdf)")
    else:
        title = QCoreApplication.translate("ClosureDialogs", "Export the call list as CSV")
        filters = QCoreApplication.translate("ClosureDialogs", "CSV files (*.csv)")
    path, _filter = QFileDialog.getSaveFileName(parent, title, suggested, filters)
    return path or None


class CallListDialog(QDialog):
    """R10.2: the booked appointments of a closed day or session, to phone; PDF/CSV export."""

    def __init__(
        self,
        services: Services,
        actor: Actor,
        runner: TaskRunner,
        closure: ClosureRow,
        entries: list[CallListEntry],
        clinic_label: str,
        parent: QWidget | None = None,
        folder: Path | None = None,
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._actor = actor
        self._runner = runner
        self.closure = closure
        self._folder = folder or Path.home()
        self.last_export: tuple[str, Path, int] | None = None
        self.setWindowTitle(
            QCoreApplication.translate("ClosureDialogs", "Call list — {clinic}, {date}").format(
                clinic=clinic_label, date=format_date_weekday(closure.day)
            )
        )

        heading = QLabel(
            QCoreApplication.translate(
                "ClosureDialogs", "{clinic} closed on {date} ({scope}): {reason}"
            ).format(
                clinic=clinic_label,
                date=format_date_weekday(closure.day),
                scope=closure_scope(closure.session_name),
                reason=closure.reason,
            )
        )
        heading.setWordWrap(True)
        heading.setStyleSheet("font-weight: bold;")
        if entries:
            count_text = QCoreApplication.translate(
                "ClosureDialogs",
                "{count} booked appointment(s) to phone. HKID numbers are masked.",
            ).format(count=len(entries))
        else:
            count_text = QCoreApplication.translate(
                "ClosureDialogs", "No booked appointment is affected: there is nobody to phone."
            )
        self.count_label = QLabel(count_text)

        self.model = CallListTableModel(self)
        self.model.set_rows(entries)
        self.view = table_view(self.model, self)
        fit_columns(self.view)

        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        self.status_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.pdf_button = QPushButton(QCoreApplication.translate("ClosureDialogs", "Export PDF…"))
        self.pdf_button.clicked.connect(lambda: self.export("pdf"))
        self.csv_button = QPushButton(QCoreApplication.translate("ClosureDialogs", "Export CSV…"))
        self.csv_button.clicked.connect(lambda: self.export("csv"))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.addButton(self.pdf_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.csv_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.rejected.connect(self.reject)
        self.buttons.accepted.connect(self.accept)

        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.count_label)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.status_label)
        layout.addWidget(self.buttons)
        width = sum(self.view.columnWidth(c) for c in range(self.model.columnCount())) + 60
        self.resize(max(720, min(width, 1200)), 420)

    def export(self, kind: str, path: Path | None = None) -> None:
        """Write the call list (``pdf`` or ``csv``) off the GUI thread; audited by the service."""
        if path is None:
            suggested = self._folder / (
                f"call-list-{self.closure.clinic_code}-{self.closure.day.isoformat()}.{kind}"
            )
            chosen = choose_call_list_file(self, str(suggested), kind)
            if chosen is None:
                return
            path = Path(chosen)
        target = path
        self._set_busy(True)
        self.status_label.setStyleSheet("")
        self.status_label.setText(QCoreApplication.translate("ClosureDialogs", "Writing…"))
        closure_id = self.closure.id

        def done(rows: int) -> None:
            self._set_busy(False)
            self.last_export = (kind, target, rows)
            self.status_label.setStyleSheet(OK_STYLE)
            self.status_label.setText(
                QCoreApplication.translate(
                    "ClosureDialogs", "Wrote {count} row(s) to {file}."
                ).format(count=rows, file=str(target))
            )

        def failed(message: str) -> None:
            self._set_busy(False)
            self.status_label.setStyleSheet(ERROR_STYLE)
            self.status_label.setText(message)

        self._runner.run(
            lambda _control: self._services.capacity.export_call_list(
                self._actor, closure_id, target, kind
            ),
            on_done=done,
            on_failed=failed,
            on_cancelled=lambda: self._set_busy(False),
            owner=self,
            progress_title=QCoreApplication.translate("ClosureDialogs", "Writing the call list…"),
            cancellable=False,
            name="capacity.export_call_list",
        )

    def _set_busy(self, busy: bool) -> None:
        self.pdf_button.setEnabled(not busy)
        self.csv_button.setEnabled(not busy)
