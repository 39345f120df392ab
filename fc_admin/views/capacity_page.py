"""Capacity: a clinic's weekly session templates (R10.1, F8) and its closures (R10.2).

Administrators (``MANAGE_CAPACITY``) write new templates (in the grid editor or from a TOML
file), close a day or a session and reopen it; the call list of a closure is open to them and to
the clinic's own staff. Everyone else who sees the page sees it read-only. The services check
every permission again (R13.2); hiding the buttons is only a courtesy.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from fc_admin.db import DatabaseError
from fc_admin.domain.roles import Permission
from fc_admin.domain.session_templates import WeeklyTemplate
from fc_admin.exchange.errors import FileRejected
from fc_admin.exchange.session_template_toml import parse_session_template
from fc_admin.services import Services
from fc_admin.services.actor import Actor
from fc_admin.services.capacity import CallListEntry, ClosureRow, TemplateRow
from fc_admin.services.clinics import ClinicRow
from fc_admin.services.errors import ServiceError
from fc_admin.views import messages, template_editor
from fc_admin.views.closure_dialogs import CallListDialog, CloseDialog, closure_scope
from fc_admin.views.formatting import format_date_weekday, format_moment, localized_name
from fc_admin.views.table_model import RowTableModel
from fc_admin.views.task_runner import TaskRunner
from fc_admin.views.template_editor import TemplateEditorDialog, next_monday, session_summary
from fc_admin.views.widgets import fit_columns, table_view

IN_FORCE_BACKGROUND = QColor("#dff0d8")
CLOSURE_BACKGROUND = QColor("#fcf8e3")


def exec_dialog(dialog: QDialog) -> bool:
    """Run a modal dialog; True if accepted (tests replace this function to drive dialogs)."""
    return dialog.exec() == QDialog.DialogCode.Accepted


def choose_template_file(parent: QWidget | None, start: str) -> str | None:
    """The F8 TOML file to load (tests replace this function)."""
    path, _filter = QFileDialog.getOpenFileName(
        parent,
        QCoreApplication.translate("CapacityPage", "Choose a session template file"),
        start,
        QCoreApplication.translate("CapacityPage", "TOML files (*.toml);;All files (*)"),
    )
    return path or None


class TemplatesTableModel(RowTableModel[TemplateRow]):
    """The templates of a clinic, oldest first; the one in force on ``today`` is marked."""

    VALID_FROM, STATUS, SESSIONS, LOADED_BY, LOADED_AT = range(5)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(key=lambda row: row.id, parent=parent)
        self.today = date.min
        self.in_force_id: int | None = None

    def set_templates(self, rows: list[TemplateRow], today: date) -> None:
        self.today = today
        in_force = [r for r in rows if r.valid_from <= today]
        self.in_force_id = in_force[-1].id if in_force else None  # R10.1
        self.set_rows(rows)

    def column_titles(self) -> list[str]:
        return [
            QCoreApplication.translate("CapacityPage", "Valid from"),
            QCoreApplication.translate("CapacityPage", "Status"),
            QCoreApplication.translate("CapacityPage", "Sessions"),
            QCoreApplication.translate("CapacityPage", "Loaded by"),
            QCoreApplication.translate("CapacityPage", "Loaded at"),
        ]

    def status(self, row: TemplateRow) -> str:
        if row.id == self.in_force_id:
            return QCoreApplication.translate("CapacityPage", "In force today")
        if row.valid_from > self.today:
            return QCoreApplication.translate("CapacityPage", "Upcoming")
        return QCoreApplication.translate("CapacityPage", "Replaced")

    def display(self, row: TemplateRow, column: int) -> str:
        if column == self.VALID_FROM:
            return format_date_weekday(row.valid_from)
        if column == self.STATUS:
            return self.status(row)
        if column == self.SESSIONS:
            return "; ".join(session_summary(s) for s in row.template.sessions)
        if column == self.LOADED_BY:
            return row.created_by
        if column == self.LOADED_AT:
            return format_moment(row.created_at, seconds=False)
        return ""

    def cell_data(self, row: TemplateRow, column: int, role: int) -> Any:
        in_force = row.id == self.in_force_id
        if role == Qt.ItemDataRole.BackgroundRole and in_force:
            return QBrush(IN_FORCE_BACKGROUND)
        if role == Qt.ItemDataRole.FontRole and in_force and column == self.STATUS:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole and column == self.SESSIONS:
            return "\n".join(session_summary(s) for s in row.template.sessions)
        return None


class ClosuresTableModel(RowTableModel[ClosureRow]):
    """Upcoming closures of a clinic (R10.2) with the number of booked appointments in each."""

    DAY, SCOPE, REASON, AFFECTED, CLOSED_BY, CLOSED_AT = range(6)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(key=lambda row: row.id, parent=parent)

    def column_titles(self) -> list[str]:
        return [
            QCoreApplication.translate("CapacityPage", "Date"),
            QCoreApplication.translate("CapacityPage", "Closed"),
            QCoreApplication.translate("CapacityPage", "Reason"),
            QCoreApplication.translate("CapacityPage", "Affected appointments"),
            QCoreApplication.translate("CapacityPage", "Closed by"),
            QCoreApplication.translate("CapacityPage", "Closed at"),
        ]

    def display(self, row: ClosureRow, column: int) -> str:
        if column == self.DAY:
            return format_date_weekday(row.day)
        if column == self.SCOPE:
            return closure_scope(row.session_name)
        if column == self.REASON:
            return row.reason
        if column == self.AFFECTED:
            return str(row.affected)
        if column == self.CLOSED_BY:
            return row.created_by
        if column == self.CLOSED_AT:
            return format_moment(row.created_at, seconds=False)
        return ""

    def cell_data(self, row: ClosureRow, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.TextAlignmentRole and column == self.AFFECTED:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.BackgroundRole and column == self.AFFECTED and row.affected:
            return QBrush(CLOSURE_BACKGROUND)
        if role == Qt.ItemDataRole.ToolTipRole and column == self.REASON:
            return row.reason
        return None


class CapacityPage(QWidget):
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
        self.can_edit = actor.may(Permission.MANAGE_CAPACITY)
        self.templates: list[TemplateRow] = []
        self._clinics: list[ClinicRow] = []
        self._folder = Path.home()

        # -- clinic --------------------------------------------------------------------------
        self.clinic_combo = QComboBox()
        self.clinic_combo.setMinimumContentsLength(24)
        top = QHBoxLayout()
        top.addWidget(QLabel(QCoreApplication.translate("CapacityPage", "Clinic:")))
        top.addWidget(self.clinic_combo)
        top.addStretch(1)

        # -- templates (R10.1) ---------------------------------------------------------------
        self.templates_model = TemplatesTableModel(self)
        self.templates_view = table_view(self.templates_model, self)
        self.templates_view.selectionModel().selectionChanged.connect(self._update_buttons)
        self.templates_view.doubleClicked.connect(lambda _i: self.view_selected_template())
        # The session summary takes the room left; its tool tip shows it whole.
        self._stretch(self.templates_view, TemplatesTableModel.SESSIONS)
        self.new_button = QPushButton(QCoreApplication.translate("CapacityPage", "New template…"))
        self.new_button.setToolTip(
            QCoreApplication.translate(
                "CapacityPage", "A new weekly template, starting from the one in force today"
            )
        )
        self.new_button.clicked.connect(self.new_template)
        self.load_button = QPushButton(
            QCoreApplication.translate("CapacityPage", "Load from TOML file…")
        )
        self.load_button.clicked.connect(lambda: self.load_template_file())
        self.view_button = QPushButton(QCoreApplication.translate("CapacityPage", "View"))
        self.view_button.clicked.connect(self.view_selected_template)
        template_buttons = QHBoxLayout()
        template_buttons.addWidget(self.new_button)
        template_buttons.addWidget(self.load_button)
        template_buttons.addWidget(self.view_button)
        template_buttons.addStretch(1)
        templates_box = QGroupBox(
            QCoreApplication.translate("CapacityPage", "Weekly session templates")
        )
        templates_layout = QVBoxLayout(templates_box)
        note = QLabel(
            QCoreApplication.translate(
                "CapacityPage",
                "Each template applies from its date until the next one; a new template never "
                "changes earlier days.",
            )
        )
        note.setWordWrap(True)
        templates_layout.addWidget(note)
        templates_layout.addWidget(self.templates_view)
        templates_layout.addLayout(template_buttons)

        # -- closures (R10.2) ----------------------------------------------------------------
        self.closures_model = ClosuresTableModel(self)
        self.closures_view = table_view(self.closures_model, self)
        self.closures_view.selectionModel().selectionChanged.connect(self._update_buttons)
        self._stretch(self.closures_view, ClosuresTableModel.REASON)
        self.close_button = QPushButton(
            QCoreApplication.translate("CapacityPage", "Close a day or session…")
        )
        self.close_button.clicked.connect(self.close_day)
        self.reopen_button = QPushButton(QCoreApplication.translate("CapacityPage", "Reopen"))
        self.reopen_button.setToolTip(
            QCoreApplication.translate(
                "CapacityPage", "Withdraw the selected closure: bookings are taken again"
            )
        )
        self.reopen_button.clicked.connect(self.reopen_selected)
        self.call_list_button = QPushButton(
            QCoreApplication.translate("CapacityPage", "Call list…")
        )
        self.call_list_button.clicked.connect(self.show_call_list)
        self.closures_view.doubleClicked.connect(lambda _i: self.show_call_list())
        closure_buttons = QHBoxLayout()
        closure_buttons.addWidget(self.close_button)
        closure_buttons.addWidget(self.reopen_button)
        closure_buttons.addWidget(self.call_list_button)
        closure_buttons.addStretch(1)
        closures_box = QGroupBox(
            QCoreApplication.translate("CapacityPage", "Closures from today on")
        )
        closures_layout = QVBoxLayout(closures_box)
        closures_layout.addWidget(self.closures_view)
        closures_layout.addLayout(closure_buttons)

        self.read_only_note = QLabel(
            QCoreApplication.translate(
                "CapacityPage", "Only an administrator can change templates and closures."
            )
        )

        for button in (self.new_button, self.load_button, self.close_button, self.reopen_button):
            button.setVisible(self.can_edit)
        self.read_only_note.setVisible(not self.can_edit)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(templates_box, 3)
        layout.addWidget(closures_box, 2)
        layout.addWidget(self.read_only_note)

        self._load_clinics()
        self.clinic_combo.currentIndexChanged.connect(lambda _i: self.refresh())
        self.refresh()

    @staticmethod
    def _stretch(view: QTableView, column: int) -> None:
        header = view.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)

    # -- data ----------------------------------------------------------------------------------
    def _load_clinics(self) -> None:
        try:
            self._clinics = self._services.clinics.list_clinics()
        except (ServiceError, DatabaseError) as exc:
            messages.show_error(self, self._title(), messages.error_text(exc))
            return
        self.clinic_combo.blockSignals(True)
        for clinic in self._clinics:
            self.clinic_combo.addItem(
                f"{localized_name(clinic.name_en, clinic.name_zh)} ({clinic.code})", clinic.code
            )
        own = self.clinic_combo.findData(self._actor.clinic_code or "")
        self.clinic_combo.setCurrentIndex(max(own, 0))
        self.clinic_combo.blockSignals(False)

    @property
    def clinic_code(self) -> str:
        return str(self.clinic_combo.currentData() or "")

    @property
    def clinic_label(self) -> str:
        clinic = next((c for c in self._clinics if c.code == self.clinic_code), None)
        if clinic is None:
            return self.clinic_code
        return localized_name(clinic.name_en, clinic.name_zh)

    def select_clinic(self, code: str) -> None:
        index = self.clinic_combo.findData(code)
        if index >= 0:
            self.clinic_combo.setCurrentIndex(index)

    @property
    def today(self) -> date:
        return self._services.capacity.today()

    def refresh(self) -> None:
        code = self.clinic_code
        if not code:
            return
        today = self.today
        try:
            self.templates = self._services.capacity.templates(code)
            closures = self._services.capacity.closures(code, start=today)
        except (ServiceError, DatabaseError) as exc:
            messages.show_error(self, self._title(), messages.error_text(exc))
            return
        self.templates_model.set_templates(self.templates, today)
        self.closures_model.set_rows(closures)
        fit_columns(self.templates_view)
        fit_columns(self.closures_view)
        self._update_buttons()

    def template_in_force(self) -> TemplateRow | None:
        """R10.1: the template in force today."""
        row_id = self.templates_model.in_force_id
        return next((t for t in self.templates if t.id == row_id), None)

    def selected_template(self) -> TemplateRow | None:
        rows = self.templates_view.selectionModel().selectedRows()
        return self.templates_model.row_at(rows[0].row()) if rows else None

    def selected_closure(self) -> ClosureRow | None:
        rows = self.closures_view.selectionModel().selectedRows()
        return self.closures_model.row_at(rows[0].row()) if rows else None

    def select_closure(self, closure_id: int) -> None:
        row = self.closures_model.find_row(closure_id)
        if row >= 0:
            self.closures_view.selectRow(row)

    def may_see_call_list(self) -> bool:
        """Administrators, and clinic staff for their own clinic (R13.2)."""
        if self._actor.may(Permission.MANAGE_CAPACITY):
            return True
        return self._actor.may(Permission.BOOK_APPOINTMENTS) and (
            self._actor.clinic_code in (None, self.clinic_code)
        )

    def _update_buttons(self, *_args: object) -> None:
        has_closure = self.selected_closure() is not None
        self.view_button.setEnabled(self.selected_template() is not None)
        self.reopen_button.setEnabled(self.can_edit and has_closure)
        self.call_list_button.setVisible(self.may_see_call_list())
        self.call_list_button.setEnabled(has_closure and self.may_see_call_list())

    # -- templates -----------------------------------------------------------------------------
    def _editor(
        self,
        template: TemplateRow | None,
        *,
        read_only: bool = False,
        parsed: tuple[WeeklyTemplate, str] | None = None,
    ) -> TemplateEditorDialog:
        if read_only:
            assert template is not None
            return TemplateEditorDialog(
                self._services,
                self._actor,
                self.clinic_code,
                self.clinic_label,
                template.template,
                template.valid_from,
                read_only=True,
                source_text=template.source_text,
                parent=self,
            )
        weekly: WeeklyTemplate | None = template.template if template is not None else None
        source: str | None = None
        if parsed is not None:
            weekly, source = parsed
        return TemplateEditorDialog(
            self._services,
            self._actor,
            self.clinic_code,
            self.clinic_label,
            weekly,
            next_monday(self.today),
            source_text=source,
            existing_dates=[t.valid_from for t in self.templates],
            parent=self,
        )

    def new_template(self) -> None:
        """A new template, prefilled from the one in force today (R10.1)."""
        if not self.can_edit:
            return
        self._run_editor(self._editor(self.template_in_force()))

    def _run_editor(self, dialog: TemplateEditorDialog) -> None:
        if exec_dialog(dialog) and dialog.saved_row is not None:
            self.refresh()
            row = self.templates_model.find_row(dialog.saved_row.id)
            if row >= 0:
                self.templates_view.selectRow(row)

    def view_selected_template(self) -> None:
        template = self.selected_template()
        if template is not None:
            exec_dialog(self._editor(template, read_only=True))

    def load_template_file(self, path: str | None = None) -> None:
        """F8: a TOML file, checked whole; a refused file shows every reason and loads nothing.

        A file that reads well opens in the editor, where its date is chosen and it is saved.
        """
        if not self.can_edit:
            return
        chosen = path or choose_template_file(self, str(self._folder))
        if chosen is None:
            return
        file = Path(chosen)
        self._folder = file.parent
        try:
            data = file.read_bytes()
        except OSError as exc:
            messages.show_error(
                self,
                self._title(),
                QCoreApplication.translate(
                    "CapacityPage", "The file {file} could not be read: {reason}"
                ).format(file=file.name, reason=exc.strerror or exc),
            )
            return
        try:
            weekly = parse_session_template(data, file.name)
        except FileRejected as exc:
            template_editor.show_file_problems(self, exc.problems, exc.total)
            return
        text = data.decode("utf-8").removeprefix("\ufeff")
        self._run_editor(self._editor(None, parsed=(weekly, text)))

    # -- closures (R10.2) ----------------------------------------------------------------------
    def close_day(self) -> None:
        if not self.can_edit:
            return
        dialog = CloseDialog(
            self._services, self._actor, self.clinic_code, self.clinic_label, self.today, self
        )
        if not exec_dialog(dialog) or dialog.closure_result is None:
            return
        result = dialog.closure_result
        self.refresh()
        self.select_closure(result.closure.id)
        # R10.2: the people already booked then are to be phoned.
        exec_dialog(self._call_list_dialog(result.closure, result.affected))

    def reopen_selected(self) -> None:
        closure = self.selected_closure()
        if closure is None or not self.can_edit:
            return
        question = QCoreApplication.translate(
            "CapacityPage",
            "Reopen {clinic} on {date} ({scope})? Bookings are taken again for it.",
        ).format(
            clinic=self.clinic_label,
            date=format_date_weekday(closure.day),
            scope=closure_scope(closure.session_name),
        )
        if not messages.confirm(
            self, QCoreApplication.translate("CapacityPage", "Reopen"), question
        ):
            return
        try:
            self._services.capacity.reopen(self._actor, closure.id)
        except (ServiceError, DatabaseError) as exc:
            messages.show_error(self, self._title(), messages.error_text(exc))
        self.refresh()

    def show_call_list(self) -> None:
        closure = self.selected_closure()
        if closure is None or not self.may_see_call_list():
            return
        try:
            entries = self._services.capacity.call_list(self._actor, closure.id)
        except (ServiceError, DatabaseError) as exc:
            messages.show_error(self, self._title(), messages.error_text(exc))
            return
        exec_dialog(self._call_list_dialog(closure, entries))

    def _call_list_dialog(
        self, closure: ClosureRow, entries: list[CallListEntry]
    ) -> CallListDialog:
        return CallListDialog(
            self._services,
            self._actor,
            self._runner,
            closure,
            entries,
            self.clinic_label,
            self,
            folder=self._folder,
        )

    def _title(self) -> str:
        return QCoreApplication.translate("CapacityPage", "Capacity")
