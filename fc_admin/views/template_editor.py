"""The weekly session template editor (R10.1, formats.md F8): a grid of sessions, checked live.

One row per ``[[session]]``: name, the seven weekdays as check boxes, start, end, slot minutes,
capacity and online seats. Every edit is checked with the domain's
:func:`~fc_admin.domain.session_templates.template_problems`; the problems are listed under the
grid, the cells they are about are highlighted, and Save stays disabled until there are none.
Saving calls ``services.capacity.load_template`` (which checks again, and refuses a template that
would orphan booked appointments); a refusal is shown in the dialog and nothing typed is lost.

The grid is keyboard-usable: arrows and Tab move, F2 or typing edits (a time field for times,
spin boxes for numbers), Space ticks a day; Insert adds a session and Delete removes one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, time, timedelta
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTime,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QSpinBox,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from fc_admin.db import DatabaseError
from fc_admin.domain.session_templates import (
    MAX_CAPACITY,
    MAX_NAME_LENGTH,
    MAX_SLOT_MINUTES,
    MIN_SLOT_MINUTES,
    SessionSpec,
    WeeklyTemplate,
    template_problems,
)
from fc_admin.exchange.errors import FileProblem
from fc_admin.services import Services
from fc_admin.services.actor import Actor
from fc_admin.services.capacity import TemplateRow
from fc_admin.services.errors import ServiceError
from fc_admin.views import messages
from fc_admin.views.formatting import format_date, format_date_weekday, from_qdate, to_qdate
from fc_admin.views.table_model import RowTableModel
from fc_admin.views.widgets import date_edit, fit_columns, table_view

ERROR_STYLE = "color: #b71c1c;"
NOTE_STYLE = "color: #8a6d3b;"
PROBLEM_BACKGROUND = QColor("#f8d7da")
TIME_FORMAT = "HH:mm"
MIN_VISIBLE_ROWS = 5


def short_day_name(weekday: int) -> str:
    """``Mon`` / ``週一``: weekday 0 = Monday, in the UI language."""
    return QLocale().dayName(weekday + 1, QLocale.FormatType.ShortFormat)


def days_text(days: Sequence[int]) -> str:
    """``Mon–Fri``, ``Mon, Wed, Sat``: runs of three or more days are written as a range."""
    ordered = sorted(set(days))
    parts: list[str] = []
    i = 0
    while i < len(ordered):
        j = i
        while j + 1 < len(ordered) and ordered[j + 1] == ordered[j] + 1:
            j += 1
        if j - i >= 2:
            parts.append(f"{short_day_name(ordered[i])}–{short_day_name(ordered[j])}")
        else:
            parts.extend(short_day_name(d) for d in ordered[i : j + 1])
        i = j + 1
    return ", ".join(parts)


def session_summary(session: SessionSpec) -> str:
    """One session in a line: ``AM Mon–Fri 09:00–13:00, 15 min × 4 (2 online)``."""
    return QCoreApplication.translate(
        "TemplateEditor",
        "{name} {days} {start}–{end}, {minutes} min × {capacity} ({online} online)",
    ).format(
        name=session.name,
        days=days_text(session.days),
        start=f"{session.start:%H:%M}",
        end=f"{session.end:%H:%M}",
        minutes=session.slot_minutes,
        capacity=session.capacity,
        online=session.online,
    )


def weekday_preview_cells(template: WeeklyTemplate) -> list[tuple[str, list[str]]]:
    """Per weekday, its name and one text per session (none on a closed day)."""
    cells = []
    for weekday in range(7):
        sessions = sorted(
            (s for s in template.sessions if weekday in s.days), key=lambda s: s.start
        )
        parts = []
        for s in sessions:
            slots = len(s.slot_starts())
            parts.append(
                QCoreApplication.translate(
                    "TemplateEditor",
                    "{name} {start}–{end} {slots} slots × {capacity} = {seats} seats "
                    "({online} online)",
                ).format(
                    name=s.name,
                    start=f"{s.start:%H:%M}",
                    end=f"{s.end:%H:%M}",
                    slots=slots,
                    capacity=s.capacity,
                    seats=slots * s.capacity,
                    online=slots * max(0, min(s.online, s.capacity)),
                )
            )
        cells.append((short_day_name(weekday), parts))
    return cells


def weekday_previews(template: WeeklyTemplate) -> list[str]:
    """A line per weekday: ``Mon: AM 09:00–13:00 16 slots × 4 = 64 seats (32 online)``."""
    closed = QCoreApplication.translate("TemplateEditor", "closed")
    return [
        f"{day}: {'; '.join(parts) if parts else closed}"
        for day, parts in weekday_preview_cells(template)
    ]


def weekday_preview_html(template: WeeklyTemplate) -> str:
    """The week preview as a small table: a row per weekday, a cell per session."""
    closed = QCoreApplication.translate("TemplateEditor", "closed")
    rows = []
    for day, parts in weekday_preview_cells(template):
        cells = "".join(f"<td style='padding-right:18px'>{escape(p)}</td>" for p in parts) or (
            f"<td style='color:#777'>{escape(closed)}</td>"
        )
        rows.append(f"<tr><td style='padding-right:10px'><b>{escape(day)}</b></td>{cells}</tr>")
    return "<table cellspacing='0' cellpadding='2'>" + "".join(rows) + "</table>"


def next_monday(today: date) -> date:
    """The Monday after ``today`` (a week ahead when today is a Monday)."""
    return today + timedelta(days=7 - today.weekday())


# --- the grid model ----------------------------------------------------------------------------


@dataclass
class SessionDraft:
    """One row of the grid as typed (a :class:`SessionSpec` once it is saved)."""

    name: str
    days: set[int] = field(default_factory=set)
    start: time = time(9)
    end: time = time(13)
    slot_minutes: int = 15
    capacity: int = 4
    online: int = 2

    @classmethod
    def of(cls, spec: SessionSpec) -> SessionDraft:
        return cls(
            spec.name,
            set(spec.days),
            spec.start,
            spec.end,
            spec.slot_minutes,
            spec.capacity,
            spec.online,
        )

    def spec(self) -> SessionSpec:
        return SessionSpec(
            self.name.strip(),
            tuple(sorted(self.days)),
            self.start,
            self.end,
            self.slot_minutes,
            self.capacity,
            self.online,
        )


Index = QModelIndex | QPersistentModelIndex

NAME = 0
FIRST_DAY = 1  # Mon .. Sun are columns 1 .. 7
START, END, SLOT, CAPACITY, ONLINE = range(8, 13)
COLUMN_COUNT = 13
DAY_COLUMNS = tuple(range(FIRST_DAY, FIRST_DAY + 7))


def _cells_of(reason: str) -> tuple[int, ...]:
    """The columns a reason of ``template_problems`` is about (by how the reason starts)."""
    if reason.startswith(("the session has no name", "the name ")):
        return (NAME,)
    if reason.startswith(("no days", "a day ")):
        return DAY_COLUMNS
    if reason.startswith("end "):
        return (START, END)
    if reason.startswith("start "):
        return (START, SLOT)
    if reason.startswith("slot_minutes "):
        return (SLOT,)
    if reason.startswith("no ") and "slot fits" in reason:
        return (START, END, SLOT)
    if reason.startswith("capacity "):
        return (CAPACITY,)
    if reason.startswith("online "):
        return (ONLINE, CAPACITY) if "more than capacity" in reason else (ONLINE,)
    if reason.startswith("sessions "):
        return (START, END)
    return (NAME,)


class SessionTableModel(QAbstractTableModel):
    """The sessions of a template, editable cell by cell; ``edited`` after every change."""

    edited = Signal()

    def __init__(self, read_only: bool = False, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.read_only = read_only
        self._rows: list[SessionDraft] = []
        self._problems: dict[tuple[int, int], list[str]] = {}

    # -- content -------------------------------------------------------------------------------
    def set_template(self, template: WeeklyTemplate | None) -> None:
        self.beginResetModel()
        self._rows = [SessionDraft.of(s) for s in template.sessions] if template else []
        self._problems = {}
        self.endResetModel()
        self.edited.emit()

    def sessions(self) -> tuple[SessionSpec, ...]:
        return tuple(row.spec() for row in self._rows)

    def template(self) -> WeeklyTemplate:
        return WeeklyTemplate(self.sessions())

    def draft(self, row: int) -> SessionDraft:
        return self._rows[row]

    def add_session(self) -> int:
        """A new row after the last session (Mon–Fri, an hour after the latest end)."""
        latest = max((r.end for r in self._rows), default=time(8))
        start_hour = min(latest.hour + (1 if latest.minute else 0), 22)
        draft = SessionDraft("", {0, 1, 2, 3, 4}, time(start_hour), time(start_hour + 1))
        row = len(self._rows)
        self.beginInsertRows(QModelIndex(), row, row)
        self._rows.append(draft)
        self.endInsertRows()
        self.edited.emit()
        return row

    def removeRows(self, row: int, count: int, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        if parent.isValid() or count < 1 or row < 0 or row + count > len(self._rows):
            return False
        self.beginRemoveRows(QModelIndex(), row, row + count - 1)
        del self._rows[row : row + count]
        self.endRemoveRows()
        self.edited.emit()
        return True

    def set_problems(self, problems: dict[tuple[int, int], list[str]]) -> None:
        """Cells to highlight, with their reasons (tool tips); not an edit."""
        if problems == self._problems:
            return
        self._problems = problems
        if self._rows:
            self.dataChanged.emit(
                self.index(0, 0),
                self.index(len(self._rows) - 1, COLUMN_COUNT - 1),
                [Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ToolTipRole],
            )

    def has_problem(self, row: int, column: int) -> bool:
        return (row, column) in self._problems

    # -- QAbstractTableModel -------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else COLUMN_COUNT

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1) if role == Qt.ItemDataRole.DisplayRole else None
        if not 0 <= section < COLUMN_COUNT:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            if section in DAY_COLUMNS:
                return short_day_name(section - FIRST_DAY)
            return {
                NAME: QCoreApplication.translate("TemplateEditor", "Session"),
                START: QCoreApplication.translate("TemplateEditor", "Start"),
                END: QCoreApplication.translate("TemplateEditor", "End"),
                SLOT: QCoreApplication.translate("TemplateEditor", "Slot (min)"),
                CAPACITY: QCoreApplication.translate("TemplateEditor", "Capacity"),
                ONLINE: QCoreApplication.translate("TemplateEditor", "Online seats"),
            }[section]
        if role == Qt.ItemDataRole.ToolTipRole:
            return {
                NAME: QCoreApplication.translate(
                    "TemplateEditor", "The session's name, unique in the template (e.g. AM, PM)"
                ),
                START: QCoreApplication.translate(
                    "TemplateEditor", "The first slot starts at this time (on the slot grid)"
                ),
                END: QCoreApplication.translate(
                    "TemplateEditor", "The last slot ends at or before this time"
                ),
                SLOT: QCoreApplication.translate(
                    "TemplateEditor", "Length of each slot in minutes"
                ),
                CAPACITY: QCoreApplication.translate(
                    "TemplateEditor", "Bookings per slot, all channels together"
                ),
                ONLINE: QCoreApplication.translate(
                    "TemplateEditor",
                    "Of the capacity, seats reserved for online bookings once the clinic is live",
                ),
            }.get(section)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.read_only:
            return flags
        if index.column() in DAY_COLUMNS:
            return flags | Qt.ItemFlag.ItemIsUserCheckable
        return flags | Qt.ItemFlag.ItemIsEditable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        draft = self._rows[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self._value(draft, column, role == Qt.ItemDataRole.EditRole)
        if role == Qt.ItemDataRole.CheckStateRole and column in DAY_COLUMNS:
            checked = (column - FIRST_DAY) in draft.days
            return Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.TextAlignmentRole and column != NAME:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.BackgroundRole and (index.row(), column) in self._problems:
            return QBrush(PROBLEM_BACKGROUND)
        if role == Qt.ItemDataRole.ToolTipRole and (index.row(), column) in self._problems:
            return "\n".join(self._problems[(index.row(), column)])
        if role == Qt.ItemDataRole.AccessibleTextRole and column in DAY_COLUMNS:
            return short_day_name(column - FIRST_DAY)
        return None

    @staticmethod
    def _value(draft: SessionDraft, column: int, edit: bool) -> Any:
        if column == NAME:
            return draft.name
        if column in DAY_COLUMNS:
            return None
        if column in (START, END):
            moment = draft.start if column == START else draft.end
            return QTime(moment.hour, moment.minute) if edit else f"{moment:%H:%M}"
        number = {SLOT: draft.slot_minutes, CAPACITY: draft.capacity, ONLINE: draft.online}[column]
        return number if edit else str(number)

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if self.read_only or not index.isValid() or not 0 <= index.row() < len(self._rows):
            return False
        draft = self._rows[index.row()]
        column = index.column()
        if column in DAY_COLUMNS:
            if role != Qt.ItemDataRole.CheckStateRole:
                return False
            state = value.value if isinstance(value, Qt.CheckState) else int(value)
            day = column - FIRST_DAY
            if state == Qt.CheckState.Checked.value:
                draft.days.add(day)
            else:
                draft.days.discard(day)
        elif role != Qt.ItemDataRole.EditRole:
            return False
        elif column == NAME:
            draft.name = str(value)
        elif column in (START, END):
            moment = _as_time(value)
            if moment is None:
                return False
            if column == START:
                draft.start = moment
            else:
                draft.end = moment
        else:
            try:
                number = int(value)
            except (TypeError, ValueError):
                return False
            if column == SLOT:
                draft.slot_minutes = number
            elif column == CAPACITY:
                draft.capacity = number
            else:
                draft.online = number
        self.dataChanged.emit(index, index)
        self.edited.emit()
        return True


def _as_time(value: Any) -> time | None:
    """A time from the editor (QTime) or typed text ``HH:MM``; None if it is not one."""
    if isinstance(value, QTime):
        return time(value.hour(), value.minute()) if value.isValid() else None
    if isinstance(value, time):
        return value.replace(second=0, microsecond=0)
    text = str(value).strip()
    hours, sep, minutes = text.partition(":")
    if not sep or not hours.isdigit() or not minutes.isdigit() or len(minutes) != 2:
        return None
    if not (0 <= int(hours) <= 23 and 0 <= int(minutes) <= 59):
        return None
    return time(int(hours), int(minutes))


class SessionDelegate(QStyledItemDelegate):
    """A time field for start and end, spin boxes for the numbers, a bounded line for names."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        column = index.column()
        if column in (START, END):
            editor = QTimeEdit(parent)
            editor.setDisplayFormat(TIME_FORMAT)
            return editor
        if column in (SLOT, CAPACITY, ONLINE):
            spin = QSpinBox(parent)
            if column == SLOT:
                spin.setRange(MIN_SLOT_MINUTES, MAX_SLOT_MINUTES)
                spin.setSingleStep(5)
            elif column == CAPACITY:
                spin.setRange(1, MAX_CAPACITY)
            else:
                # Not capped at the capacity: a typed "too many" is shown as a problem instead.
                spin.setRange(0, MAX_CAPACITY)
            return spin
        if column == NAME:
            line = QLineEdit(parent)
            line.setMaxLength(MAX_NAME_LENGTH)
            return line
        return super().createEditor(parent, option, index)


# --- the dialog --------------------------------------------------------------------------------


def choose_toml_save_file(parent: QWidget | None, suggested: str) -> str | None:
    """Where to save a template as F8 TOML (tests replace this function)."""
    path, _filter = QFileDialog.getSaveFileName(
        parent,
        QCoreApplication.translate("TemplateEditor", "Save the template as TOML"),
        suggested,
        QCoreApplication.translate("TemplateEditor", "TOML files (*.toml);;All files (*)"),
    )
    return path or None


class TemplateEditorDialog(QDialog):
    """Edit (or view) a clinic's weekly session template and load it from a date (R10.1)."""

    def __init__(
        self,
        services: Services,
        actor: Actor,
        clinic_code: str,
        clinic_label: str,
        template: WeeklyTemplate | None,
        valid_from: date,
        *,
        read_only: bool = False,
        source_text: str | None = None,
        existing_dates: Sequence[date] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._actor = actor
        self.clinic_code = clinic_code
        self.read_only = read_only
        self._existing_dates = set(existing_dates)
        # The file's own text (with its comments) is kept while the sessions are unchanged.
        self._source = (template, source_text) if template and source_text else None
        self.saved_row: TemplateRow | None = None
        self._shown_valid_from = valid_from
        self.problems: list[str] = []
        self.setWindowTitle(
            (
                QCoreApplication.translate("TemplateEditor", "Session template of {clinic}")
                if read_only
                else QCoreApplication.translate(
                    "TemplateEditor", "New session template for {clinic}"
                )
            ).format(clinic=clinic_label)
        )

        # Valid from (R10.1: a new template never changes the days before it).
        top = QHBoxLayout()
        top.addWidget(QLabel(QCoreApplication.translate("TemplateEditor", "Valid from:")))
        if read_only:
            self.valid_from_edit = None
            self.valid_from_label = QLabel(format_date_weekday(valid_from))
            top.addWidget(self.valid_from_label)
        else:
            today = services.capacity.today()
            self.valid_from_edit = date_edit(valid_from)
            self.valid_from_edit.setMinimumDate(to_qdate(today))
            self.valid_from_edit.dateChanged.connect(lambda _d: self._update_date_note())
            top.addWidget(self.valid_from_edit)
        self.date_note = QLabel()
        self.date_note.setStyleSheet(NOTE_STYLE)
        top.addWidget(self.date_note, 1)

        self.model = SessionTableModel(read_only, self)
        self.view = table_view(self.model, self)
        self.view.setItemDelegate(SessionDelegate(self.view))
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.view.verticalHeader().setVisible(True)
        self.view.setTabKeyNavigation(True)
        if not read_only:
            self.view.setEditTriggers(
                QAbstractItemView.EditTrigger.DoubleClicked
                | QAbstractItemView.EditTrigger.EditKeyPressed
                | QAbstractItemView.EditTrigger.AnyKeyPressed
                | QAbstractItemView.EditTrigger.SelectedClicked
            )
        self.view.horizontalHeader().setStretchLastSection(False)

        self.add_button = QPushButton(QCoreApplication.translate("TemplateEditor", "Add session"))
        self.add_button.setToolTip(
            QCoreApplication.translate("TemplateEditor", "Add a session row (Insert)")
        )
        self.add_button.clicked.connect(self.add_session)
        self.remove_button = QPushButton(
            QCoreApplication.translate("TemplateEditor", "Remove session")
        )
        self.remove_button.setToolTip(
            QCoreApplication.translate("TemplateEditor", "Remove the selected session row (Delete)")
        )
        self.remove_button.clicked.connect(self.remove_current_session)
        row_buttons = QHBoxLayout()
        row_buttons.addWidget(self.add_button)
        row_buttons.addWidget(self.remove_button)
        row_buttons.addStretch(1)
        for button in (self.add_button, self.remove_button):
            button.setVisible(not read_only)
        if not read_only:
            # Only while the grid itself has the focus: Delete in a cell editor edits the text.
            for key, action in (
                (Qt.Key.Key_Insert, self.add_session),
                (Qt.Key.Key_Delete, self.remove_current_session),
            ):
                shortcut = QShortcut(QKeySequence(key), self.view)
                shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
                shortcut.activated.connect(action)

        self.problems_title = QLabel(QCoreApplication.translate("TemplateEditor", "Problems:"))
        self.problems_title.setStyleSheet(ERROR_STYLE)
        self.problems_list = QListWidget()
        self.problems_list.setMaximumHeight(90)
        self.problems_list.setStyleSheet(ERROR_STYLE)

        preview_title = QLabel(QCoreApplication.translate("TemplateEditor", "Week preview:"))
        self.preview_label = QLabel()
        self.preview_label.setTextFormat(Qt.TextFormat.RichText)
        self.preview_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.preview_lines: list[str] = []

        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.error_label.setVisible(False)

        self.buttons = QDialogButtonBox()
        if read_only:
            self.save_button = None
            self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        else:
            self.save_button = self.buttons.addButton(
                QCoreApplication.translate("TemplateEditor", "Save"),
                QDialogButtonBox.ButtonRole.AcceptRole,
            )
            self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.toml_button = self.buttons.addButton(
            QCoreApplication.translate("TemplateEditor", "Save as TOML…"),
            QDialogButtonBox.ButtonRole.ActionRole,
        )
        self.toml_button.clicked.connect(self.save_as_toml)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        layout.addLayout(row_buttons)
        layout.addWidget(self.problems_title)
        layout.addWidget(self.problems_list)
        layout.addWidget(preview_title)
        layout.addWidget(self.preview_label)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)

        self.model.edited.connect(self.revalidate)
        self.model.set_template(template)
        self._fit()
        self._update_date_note()

    # -- state ---------------------------------------------------------------------------------
    @property
    def valid_from(self) -> date | None:
        return from_qdate(self.valid_from_edit.date()) if self.valid_from_edit else None

    def set_valid_from(self, day: date) -> None:
        if self.valid_from_edit is not None:
            self.valid_from_edit.setDate(to_qdate(day))

    def template(self) -> WeeklyTemplate:
        return self.model.template()

    def _fit(self) -> None:
        fit_columns(self.view)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        self.view.setColumnWidth(NAME, max(self.view.columnWidth(NAME), 90))
        for column in (START, END):
            self.view.setColumnWidth(column, max(self.view.columnWidth(column), 80))
        width = sum(self.view.columnWidth(c) for c in range(COLUMN_COUNT))
        self.view.setMinimumWidth(width + self.view.verticalHeader().sizeHint().width() + 24)
        # Room for five sessions before the grid scrolls.
        rows = self.view.verticalHeader().defaultSectionSize() * MIN_VISIBLE_ROWS
        self.view.setMinimumHeight(header.sizeHint().height() + rows + 4)

    def _update_date_note(self) -> None:
        day = self.valid_from
        if day is not None and day in self._existing_dates:
            self.date_note.setText(
                QCoreApplication.translate(
                    "TemplateEditor", "A template from {date} exists; saving replaces it."
                ).format(date=format_date(day))
            )
        else:
            self.date_note.setText("")

    # -- checking ------------------------------------------------------------------------------
    def revalidate(self) -> None:
        """F8 rules on every edit: problems listed, cells highlighted, Save only when valid."""
        self.error_label.setVisible(False)
        sessions = self.model.sessions()
        cells: dict[tuple[int, int], list[str]] = {}
        lines: list[str] = []
        for row, reason in template_problems(sessions):
            if row is None:
                lines.append(reason)
                continue
            name = sessions[row].name
            lines.append(
                (
                    QCoreApplication.translate("TemplateEditor", "Row {n} ({name}): {reason}")
                    if name
                    else QCoreApplication.translate("TemplateEditor", "Row {n}: {reason}")
                ).format(n=row + 1, name=name, reason=reason)
            )
            for column in _cells_of(reason):
                cells.setdefault((row, column), []).append(reason)
            if reason.startswith("sessions "):
                # Both sessions of an overlap are highlighted ("sessions 'AM' and 'MID' ...").
                for other in range(row):
                    if reason.startswith(f"sessions {sessions[other].name!r} and "):
                        for column in (START, END):
                            cells.setdefault((other, column), []).append(reason)
        self.problems = lines
        self.model.set_problems(cells)
        self.problems_list.clear()
        self.problems_list.addItems(lines)
        self.problems_title.setVisible(bool(lines))
        self.problems_list.setVisible(bool(lines))
        week = WeeklyTemplate(sessions)
        self.preview_lines = weekday_previews(week)
        self.preview_label.setText(weekday_preview_html(week))
        if self.save_button is not None:
            self.save_button.setEnabled(not lines)
        self.toml_button.setEnabled(not lines)
        self.remove_button.setEnabled(self.model.rowCount() > 0)

    @property
    def is_valid(self) -> bool:
        return not self.problems

    # -- rows ----------------------------------------------------------------------------------
    def add_session(self) -> None:
        if self.read_only:
            return
        row = self.model.add_session()
        index = self.model.index(row, NAME)
        self.view.setCurrentIndex(index)
        self.view.edit(index)

    def remove_current_session(self) -> None:
        if self.read_only:
            return
        index = self.view.currentIndex()
        if index.isValid():
            self.model.removeRows(index.row(), 1)

    # -- saving --------------------------------------------------------------------------------
    def _source_text(self, template: WeeklyTemplate) -> str | None:
        if self._source is not None and self._source[0] == template:
            return self._source[1]
        return None

    def save(self) -> None:
        """Load the template from its date (R10.1); a refusal stays in the dialog."""
        day = self.valid_from
        if self.read_only or day is None or not self.is_valid:
            return
        template = self.template()
        try:
            self.saved_row = self._services.capacity.load_template(
                self._actor,
                self.clinic_code,
                day,
                template,
                source_text=self._source_text(template),
            )
        except (ServiceError, DatabaseError) as exc:
            self.error_label.setText(messages.error_text(exc))
            self.error_label.setVisible(True)
            return
        self.accept()

    def save_as_toml(self) -> None:
        """F8: the template as TOML, to load later or keep."""
        template = self.template()
        text = self._source_text(template) or template.to_toml()
        day = self.valid_from or self._shown_valid_from
        suggested = str(Path.home() / f"template-{self.clinic_code}-{day.isoformat()}.toml")
        path = choose_toml_save_file(self, suggested)
        if path is None:
            return
        try:
            Path(path).write_text(text, encoding="utf-8")
        except OSError as exc:
            messages.show_error(
                self,
                QCoreApplication.translate("TemplateEditor", "Save as TOML"),
                QCoreApplication.translate(
                    "TemplateEditor", "The file could not be written: {reason}"
                ).format(reason=exc.strerror or exc),
            )


# --- a refused TOML file -----------------------------------------------------------------------


class FileProblemsTableModel(RowTableModel[FileProblem]):
    FILE, LINE, FIELD, REASON = range(4)

    def column_titles(self) -> list[str]:
        return [
            QCoreApplication.translate("TemplateEditor", "File"),
            QCoreApplication.translate("TemplateEditor", "Line"),
            QCoreApplication.translate("TemplateEditor", "Session.field"),
            QCoreApplication.translate("TemplateEditor", "Reason"),
        ]

    def display(self, row: FileProblem, column: int) -> str:
        if column == self.FILE:
            return row.file
        if column == self.LINE:
            return "" if row.line is None else str(row.line)
        if column == self.FIELD:
            return row.column or ""
        text = str(row)  # masks HKIDs in the reason (R9.3)
        return text.split(": ", 1)[1] if ": " in text else text

    def cell_data(self, row: FileProblem, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole and column == self.REASON:
            return self.display(row, column)
        return None


class FileProblemsDialog(QDialog):
    """F8: a template file refused whole, every problem with its file, line, session and field."""

    def __init__(
        self, problems: Sequence[FileProblem], total: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(QCoreApplication.translate("TemplateEditor", "Template file refused"))
        explanation = QLabel(
            QCoreApplication.translate(
                "TemplateEditor",
                "The file was not loaded: nothing of it is used until every problem below is "
                "fixed ({count} found).",
            ).format(count=total)
        )
        explanation.setWordWrap(True)
        self.model = FileProblemsTableModel(parent=self)
        self.model.set_rows(problems)
        self.view = table_view(self.model, self)
        fit_columns(self.view)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(explanation)
        layout.addWidget(self.view, 1)
        layout.addWidget(buttons)
        self.resize(820, 320)


def show_file_problems(parent: QWidget | None, problems: Sequence[FileProblem], total: int) -> None:
    """Show why a template file was refused (tests replace this function)."""
    FileProblemsDialog(problems, total, parent).exec()
