"""Importing a roster (R3.1, formats.md F1): choose the file, its source and encoding, look at a
preview with every problem, then import it whole (task runner: progress and Cancel).

The preview reads the whole file for its problems, so it runs in the task runner too. A file with
problems cannot be imported; if the import itself finds one (the file changed meanwhile), the
problems are listed instead of a summary and nothing changes (F1).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fc_admin.db import DatabaseError
from fc_admin.domain.hktime import hk_date
from fc_admin.domain.roles import Permission
from fc_admin.exchange.errors import FileProblem, FileRejected
from fc_admin.i18n import QT_TRANSLATE_NOOP
from fc_admin.services import Services
from fc_admin.services.actor import Actor
from fc_admin.services.errors import ServiceError
from fc_admin.services.rosters import RosterImportResult, RosterPreview
from fc_admin.tasks import TaskControl
from fc_admin.views.applications_model import category_name
from fc_admin.views.formatting import format_date, from_qdate, joined, localized_name
from fc_admin.views.member_comparison import display_value
from fc_admin.views.table_model import RowTableModel
from fc_admin.views.task_runner import TaskRunner
from fc_admin.views.widgets import date_edit, fit_columns, table_view

ERROR_STYLE = "color: #b71c1c;"
OK_STYLE = "color: #1b5e20; font-weight: bold;"
WARNING_STYLE = "color: #8a5a00;"

ENCODINGS = (
    (None, QT_TRANSLATE_NOOP("RosterImport", "Detect automatically")),
    ("utf-8", "UTF-8"),
    ("big5hkscs", "Big5-HKSCS"),
)
_ENCODING_NAMES = {"utf-8": "UTF-8", "utf-8-sig": "UTF-8 (BOM)", "big5hkscs": "Big5-HKSCS"}


def encoding_name(codec: str | None) -> str:
    if codec is None:
        return QCoreApplication.translate("RosterImport", "unknown")
    return _ENCODING_NAMES.get(codec.lower(), codec)


def choose_roster_file(parent: QWidget | None, start: str) -> str | None:
    """The file dialog (tests replace this function)."""
    path, _filter = QFileDialog.getOpenFileName(
        parent,
        QCoreApplication.translate("RosterImport", "Choose a roster file"),
        start,
        QCoreApplication.translate("RosterImport", "Roster CSV (*.csv);;All files (*)"),
    )
    return path or None


def problem_text(problem: FileProblem) -> str:
    """``line 3, column hkid: reason`` (the reason is the reader's, in English; HKIDs masked)."""
    where = []
    if problem.line is not None:
        where.append(QCoreApplication.translate("RosterImport", "line {n}").format(n=problem.line))
    if problem.column is not None:
        where.append(
            QCoreApplication.translate("RosterImport", "column {name}").format(name=problem.column)
        )
    text = str(problem)
    reason = text.split(": ", 1)[1] if ": " in text else text
    return f"{', '.join(where)}: {reason}" if where else reason


def counts_text(counts: dict[str, int]) -> str:
    return joined([f"{category_name(c)} {n:,}" for c, n in counts.items()])


class RelabelledControl(TaskControl):
    """Progress of a service under our own translated words; cancels with the outer control."""

    def __init__(self, outer: TaskControl, label: str) -> None:
        super().__init__()
        self._outer = outer
        self._label = label  # "{done}" is replaced with the count

    def cancel(self) -> None:
        self._outer.cancel()

    @property
    def cancelled(self) -> bool:
        return self._outer.cancelled

    def check(self) -> None:
        self._outer.check()

    def progress(self, done: int, total: int = 0, what: str = "") -> None:
        self._outer.progress(done, total, self._label.format(done=f"{done:,}", total=f"{total:,}"))


class PreviewTableModel(RowTableModel[tuple[str, ...]]):
    """The first rows of the file as the reader understood them (HKIDs masked by the service)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent=parent)
        self.columns: tuple[str, ...] = ()

    def set_preview(self, columns: tuple[str, ...], rows: list[tuple[str, ...]]) -> None:
        self.beginResetModel()
        self.columns = columns
        self._rows = list(rows)
        self.endResetModel()

    def column_titles(self) -> list[str]:
        titles = {
            "line": QCoreApplication.translate("RosterImport", "Line"),
            "staff_no": QCoreApplication.translate("RosterImport", "Staff no."),
            "hkid": QCoreApplication.translate("RosterImport", "HKID"),
            "name_en": QCoreApplication.translate("RosterImport", "English name"),
            "name_zh": QCoreApplication.translate("RosterImport", "Chinese name"),
            "date_of_birth": QCoreApplication.translate("RosterImport", "Date of birth"),
            "category": QCoreApplication.translate("RosterImport", "Category"),
            "relationship": QCoreApplication.translate("RosterImport", "Relationship"),
            "principal_hkid": QCoreApplication.translate("RosterImport", "Principal's HKID"),
            "child_status": QCoreApplication.translate("RosterImport", "Child status"),
            "status": QCoreApplication.translate("RosterImport", "Status"),
            "status_date": QCoreApplication.translate("RosterImport", "Status date"),
        }
        return [titles.get(c, c) for c in self.columns]

    def display(self, row: tuple[str, ...], column: int) -> str:
        value = row[column] if column < len(row) else ""
        name = self.columns[column] if column < len(self.columns) else ""
        if name in ("category", "relationship", "child_status", "status") and value:
            return display_value(name, value, full_hkid=True)  # codes in words
        return value


class RosterImportDialog(QDialog):
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
        self._generation = 0
        self.preview: RosterPreview | None = None
        self.import_result: RosterImportResult | None = None
        self.rejected_problems: list[FileProblem] = []
        self.setWindowTitle(QCoreApplication.translate("RosterImport", "Import a roster"))
        self.resize(980, 640)

        self.file_edit = QLineEdit()
        self.file_edit.setPlaceholderText(
            QCoreApplication.translate("RosterImport", "The roster CSV file (F1)")
        )
        self.file_edit.editingFinished.connect(self._file_edited)
        browse = QPushButton(QCoreApplication.translate("RosterImport", "Browse…"))
        browse.clicked.connect(self.browse)
        file_row = QHBoxLayout()
        file_row.addWidget(self.file_edit, 1)
        file_row.addWidget(browse)

        self.source_combo = QComboBox()
        self.source_combo.setEditable(True)
        self.source_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.source_combo.setMinimumContentsLength(24)
        source_edit = self.source_combo.lineEdit()
        assert source_edit is not None  # an editable combo box has one
        source_edit.setPlaceholderText(
            QCoreApplication.translate("RosterImport", "e.g. LCSD, or PEN for pensions")
        )
        self._known_sources: list[str] = []
        try:
            for source in services.rosters.sources():
                name = localized_name(source.name_en, source.name_zh)
                as_of = (
                    QCoreApplication.translate(
                        "RosterImport", "current roster as of {date}"
                    ).format(date=format_date(source.as_of))
                    if source.as_of
                    else QCoreApplication.translate("RosterImport", "no roster yet")
                )
                label = f"{source.code} — {name}" if name and name != source.code else source.code
                self.source_combo.addItem(f"{label} ({as_of})", source.code)
                self._known_sources.append(source.code)
        except (ServiceError, DatabaseError):
            pass  # the list is a convenience: typing the code works too
        self.source_combo.setCurrentIndex(-1)
        source_edit.editingFinished.connect(self.start_preview)
        self.source_combo.activated.connect(lambda _i: self.start_preview())

        self.encoding_combo = QComboBox()
        for codec, label in ENCODINGS:
            self.encoding_combo.addItem(
                QCoreApplication.translate("RosterImport", label) if codec is None else label, codec
            )
        self.encoding_combo.currentIndexChanged.connect(lambda _i: self.start_preview())
        self.as_of_edit = date_edit(hk_date(services.clock.now()))

        form = QFormLayout()
        form.addRow(QCoreApplication.translate("RosterImport", "File:"), file_row)
        form.addRow(QCoreApplication.translate("RosterImport", "Source:"), self.source_combo)
        form.addRow(QCoreApplication.translate("RosterImport", "Encoding:"), self.encoding_combo)
        form.addRow(QCoreApplication.translate("RosterImport", "Roster as of:"), self.as_of_edit)

        self.summary_label = QLabel(
            QCoreApplication.translate(
                "RosterImport", "Choose a file and its source to see a preview."
            )
        )
        self.summary_label.setWordWrap(True)
        self.preview_model = PreviewTableModel(self)
        self.preview_view = table_view(self.preview_model, self)
        self.problems_label = QLabel()
        self.problems_label.setStyleSheet(ERROR_STYLE)
        self.problems_list = QListWidget()
        self.problems_list.setMaximumHeight(150)
        self.warnings_list = QListWidget()
        self.warnings_list.setMaximumHeight(80)
        self.result_label = QLabel()
        self.result_label.setWordWrap(True)
        self.result_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.preview_button = QPushButton(QCoreApplication.translate("RosterImport", "Preview"))
        self.preview_button.clicked.connect(self.start_preview)
        self.import_button = QPushButton(QCoreApplication.translate("RosterImport", "Import"))
        self.import_button.setDefault(True)
        self.import_button.clicked.connect(self.start_import)
        self.import_button.setEnabled(False)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.preview_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.import_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.preview_view, 1)
        layout.addWidget(self.problems_label)
        layout.addWidget(self.problems_list)
        layout.addWidget(self.warnings_list)
        layout.addWidget(self.result_label)
        layout.addWidget(buttons)
        self._show_lists([], 0, [])
        if not actor.may(Permission.IMPORT_FILES):
            self.import_button.setVisible(False)

    # -- choices ---------------------------------------------------------------------------------
    @property
    def path(self) -> Path | None:
        text = self.file_edit.text().strip()
        return Path(text) if text else None

    @property
    def source(self) -> str:
        data = self.source_combo.currentData()
        text = self.source_combo.currentText().strip()
        if data is not None and text == self.source_combo.itemText(
            self.source_combo.currentIndex()
        ):
            return str(data)
        return text.split(" ", 1)[0].upper() if text else ""

    @property
    def encoding(self) -> str | None:
        value = self.encoding_combo.currentData()
        return str(value) if value else None

    def set_source(self, code: str) -> None:
        index = self.source_combo.findData(code)
        if index >= 0:
            self.source_combo.setCurrentIndex(index)
        else:
            self.source_combo.setCurrentIndex(-1)
            self.source_combo.setEditText(code)

    def set_file(self, path: str) -> None:
        """Choose a file; a file named after a known source (``LCSD.csv``) picks that source."""
        self.file_edit.setText(path)
        stem = Path(path).stem.upper()
        if not self.source and (stem in self._known_sources or (stem.isalpha() and len(stem) <= 6)):
            self.set_source(stem)
        self.start_preview()

    def browse(self) -> None:
        start = str(self.path.parent) if self.path is not None else str(Path.home())
        chosen = choose_roster_file(self, start)
        if chosen:
            self.set_file(chosen)

    def _file_edited(self) -> None:
        if self.path is not None:
            self.start_preview()

    # -- preview ---------------------------------------------------------------------------------
    def start_preview(self) -> None:
        path, source, encoding = self.path, self.source, self.encoding
        self.import_button.setEnabled(False)
        self.preview = None
        if path is None or not source:
            return
        self._generation += 1
        generation = self._generation
        self.summary_label.setStyleSheet("")
        self.summary_label.setText(
            QCoreApplication.translate("RosterImport", "Reading {file}…").format(file=path.name)
        )
        self.result_label.clear()
        rosters = self._services.rosters

        def work(_control: TaskControl) -> RosterPreview | FileRejected:
            try:
                return rosters.preview(path, source, encoding=encoding)
            except FileRejected as exc:
                return exc

        def done(result: RosterPreview | FileRejected) -> None:
            if generation == self._generation:
                self._show_preview(result)

        self._runner.run(
            work,
            on_done=done,
            on_failed=self._failed,
            owner=self,
            progress_title=QCoreApplication.translate("RosterImport", "Reading the roster file…"),
            name="rosters.preview",
        )

    def _show_preview(self, result: RosterPreview | FileRejected) -> None:
        if isinstance(result, FileRejected):
            self.preview_model.set_preview((), [])
            self.summary_label.setText(
                QCoreApplication.translate("RosterImport", "The file cannot be read.")
            )
            self.summary_label.setStyleSheet(ERROR_STYLE)
            self._show_lists(result.problems, result.total, [])
            return
        self.preview = result
        self.preview_model.set_preview(result.columns, result.rows)
        fit_columns(self.preview_view)
        summary = QCoreApplication.translate(
            "RosterImport", "{file}: {rows} rows of {source} ({counts}); encoding {encoding}."
        ).format(
            file=result.file_name,
            rows=f"{result.total_rows:,}",
            source=result.source,
            counts=counts_text(result.counts) or "—",
            encoding=encoding_name(result.encoding),
        )
        if result.rows and len(result.rows) < result.total_rows:
            summary += " " + QCoreApplication.translate(
                "RosterImport", "The first {n} rows are shown."
            ).format(n=len(result.rows))
        self.summary_label.setText(summary)
        self.summary_label.setStyleSheet("" if result.importable else ERROR_STYLE)
        self._show_lists(result.problems, result.problem_count, result.warnings)
        self.import_button.setEnabled(
            result.importable and self._actor.may(Permission.IMPORT_FILES)
        )

    def _show_lists(self, problems: list[FileProblem], total: int, warnings: list[str]) -> None:
        self.problems_list.clear()
        for problem in problems:
            self.problems_list.addItem(problem_text(problem))
        if total > len(problems):
            self.problems_list.addItem(
                QCoreApplication.translate("RosterImport", "… and {n} more problems").format(
                    n=f"{total - len(problems):,}"
                )
            )
        if total:
            self.problems_label.setText(
                QCoreApplication.translate(
                    "RosterImport",
                    "Problems found: {n}. "
                    "Nothing of this file can be imported until they are fixed.",
                ).format(n=f"{total:,}")
            )
        self.problems_label.setVisible(bool(total))
        self.problems_list.setVisible(bool(total))
        self.warnings_list.clear()
        for warning in warnings:
            self.warnings_list.addItem(
                QCoreApplication.translate("RosterImport", "Warning: {text}").format(text=warning)
            )
        self.warnings_list.setVisible(bool(warnings))

    def problem_lines(self) -> list[str]:
        return [self.problems_list.item(i).text() for i in range(self.problems_list.count())]

    # -- import ----------------------------------------------------------------------------------
    def start_import(self) -> None:
        path, source, encoding = self.path, self.source, self.encoding
        if path is None or not source:
            return
        as_of: date = from_qdate(self.as_of_edit.date())
        services, actor = self._services, self._actor
        self.import_button.setEnabled(False)
        self.preview_button.setEnabled(False)
        self.result_label.setStyleSheet("")
        self.result_label.setText(QCoreApplication.translate("RosterImport", "Importing…"))
        label = QCoreApplication.translate(
            "RosterImport", "Importing {source}: {done} rows read…"
        ).format(source=source, done="{done}")

        def work(control: TaskControl) -> RosterImportResult | FileRejected:
            try:
                return services.rosters.import_roster(
                    actor,
                    path,
                    source,
                    encoding=encoding,
                    as_of=as_of,
                    control=RelabelledControl(control, label),
                )
            except FileRejected as exc:
                return exc

        self._runner.run(
            work,
            on_done=self._imported,
            on_failed=self._failed,
            on_cancelled=self._cancelled,
            owner=self,
            progress_title=QCoreApplication.translate("RosterImport", "Importing the roster…"),
            name="rosters.import",
        )

    def _imported(self, result: RosterImportResult | FileRejected) -> None:
        self.preview_button.setEnabled(True)
        if isinstance(result, FileRejected):
            self.rejected_problems = result.problems
            self._show_lists(result.problems, result.total, [])
            self.result_label.setStyleSheet(ERROR_STYLE)
            self.result_label.setText(
                QCoreApplication.translate(
                    "RosterImport",
                    "The roster was not imported; the previous roster stays in force.",
                )
            )
            return
        self.import_result = result
        self.result_label.setStyleSheet(OK_STYLE)
        self.result_label.setText(
            QCoreApplication.translate(
                "RosterImport",
                "Imported {rows} rows of {source} as of {date} ({counts}). "
                "Members waiting for {source} verified again: {reverified}.",
            ).format(
                rows=f"{result.rows:,}",
                source=result.source,
                date=format_date(result.as_of),
                counts=counts_text(result.counts) or "—",
                reverified=f"{result.reverified:,}",
            )
        )
        self.warnings_list.clear()
        for warning in result.warnings:
            self.warnings_list.addItem(
                QCoreApplication.translate("RosterImport", "Warning: {text}").format(text=warning)
            )
        self.warnings_list.setVisible(bool(result.warnings))

    def _failed(self, message: str) -> None:
        self.preview_button.setEnabled(True)
        self.result_label.setStyleSheet(ERROR_STYLE)
        self.result_label.setText(message)

    def _cancelled(self) -> None:
        self.preview_button.setEnabled(True)
        self.import_button.setEnabled(self.preview is not None and self.preview.importable)
        self.result_label.setStyleSheet(WARNING_STYLE)
        self.result_label.setText(
            QCoreApplication.translate(
                "RosterImport",
                "Import cancelled: nothing changed, the previous roster stays in force.",
            )
        )
