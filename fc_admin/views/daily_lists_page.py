"""Daily lists (R11): a clinic officer picks the clinic and date (tomorrow by default), sees the
list, previews the printed list inside fc-admin, prints it or exports it (F7 CSV), and keys the
attendance back afterwards (R10.4).

Every print and export goes through :meth:`DailyListService.export`, which audits it (R11,
R13.3): the preview and the print both write the PDF (a ``daily_list.print``), the CSV a
``daily_list.export``. Clinic staff see only their own clinic (R13.2).

Printing: the PDF is written and its pages rendered to images on a worker (QtPdf); the GUI thread
only paints the finished images onto the printer. The printer stays alive on the page until the
printing has ended.

Keys: F5 reloads, Ctrl+Shift+A marks the selected appointments attended, Ctrl+Shift+N no-show
(Ctrl+A stays select-all; Ctrl+L locks the main window), Ctrl+P prints, Ctrl+Shift+P previews.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QRect, QSize, Qt, QTemporaryDir, QUrl
from PySide6.QtGui import QColor, QDesktopServices, QImage, QKeySequence, QPainter, QShortcut
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fc_admin.db import DatabaseError
from fc_admin.domain.hktime import hk_date
from fc_admin.domain.roles import Role
from fc_admin.exchange.daily_list import CANCELLED, DailyList, DailyListRow
from fc_admin.i18n import QT_TRANSLATE_NOOP
from fc_admin.services import Services
from fc_admin.services.actor import Actor
from fc_admin.services.daily_lists import file_name
from fc_admin.services.errors import ServiceError
from fc_admin.tasks import TaskControl
from fc_admin.views import messages
from fc_admin.views.applications_model import category_name
from fc_admin.views.formatting import (
    format_date_long,
    from_qdate,
    localized_name,
    to_qdate,
    ui_is_chinese,
)
from fc_admin.views.table_model import RowTableModel
from fc_admin.views.task_runner import TaskRunner
from fc_admin.views.widgets import date_edit, fit_columns, table_view

BOOKED = "BOOKED"
# Pages are rendered for the printer at its resolution, but never finer than this: an A4 page
# at 240 dpi is ~15 MB as RGB, and a whole list is held until painted.
MAX_PRINT_DPI = 240

_STATES = {
    "BOOKED": QT_TRANSLATE_NOOP("AppointmentStates", "booked"),
    "ATTENDED": QT_TRANSLATE_NOOP("AppointmentStates", "attended"),
    "NO_SHOW": QT_TRANSLATE_NOOP("AppointmentStates", "no-show"),
    "CANCELLED": QT_TRANSLATE_NOOP("AppointmentStates", "cancelled"),
}


def status_text(status: str) -> str:
    source = _STATES.get(status)
    return QCoreApplication.translate("AppointmentStates", source) if source else status


# -- things tests replace ------------------------------------------------------------------------
def choose_print_settings(parent: QWidget | None, printer: QPrinter) -> bool:
    """Ask the user for the printer and its settings (tests replace this function)."""
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(QCoreApplication.translate("DailyListsPage", "Print the daily list"))
    return dialog.exec() == QDialog.DialogCode.Accepted


def choose_csv_file(parent: QWidget | None, suggested: str) -> str | None:
    """Where to write the F7 CSV (tests replace this function)."""
    path, _filter = QFileDialog.getSaveFileName(
        parent,
        QCoreApplication.translate("DailyListsPage", "Export the daily list as CSV"),
        suggested,
        QCoreApplication.translate("DailyListsPage", "CSV files (*.csv)"),
    )
    return path or None


def open_externally(path: Path) -> bool:
    """Open a file in the system's viewer (tests replace this function)."""
    return bool(QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))))


# -- the table -----------------------------------------------------------------------------------
class DailyListModel(RowTableModel[DailyListRow]):
    """The rows of one list as the service orders them: by session, then time and reference;
    the cancelled ones at the end (R11)."""

    TIME, SESSION, REF, NAME_EN, NAME_ZH, HKID, CATEGORY, CHANNEL, STATUS = range(9)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(key=lambda r: r.booking_ref, parent=parent)

    def column_titles(self) -> list[str]:
        return [
            QCoreApplication.translate("DailyListsPage", "Time"),
            QCoreApplication.translate("DailyListsPage", "Session"),
            QCoreApplication.translate("DailyListsPage", "Booking ref."),
            QCoreApplication.translate("DailyListsPage", "Name (English)"),
            QCoreApplication.translate("DailyListsPage", "Name (Chinese)"),
            QCoreApplication.translate("DailyListsPage", "HKID"),
            QCoreApplication.translate("DailyListsPage", "Category"),
            QCoreApplication.translate("DailyListsPage", "Channel"),
            QCoreApplication.translate("DailyListsPage", "Status"),
        ]

    def display(self, row: DailyListRow, column: int) -> str:
        if column == self.TIME:
            return row.start_time.strftime("%H:%M")
        if column == self.SESSION:
            return row.session
        if column == self.REF:
            return row.booking_ref
        if column == self.NAME_EN:
            return row.name_en
        if column == self.NAME_ZH:
            return row.name_zh
        if column == self.HKID:
            return row.hkid_masked  # R9.3: masked by the service
        if column == self.CATEGORY:
            return category_name(row.category)
        if column == self.CHANNEL:
            return messages.channel_name(row.channel)
        if column == self.STATUS:
            return status_text(row.status)
        return ""

    def cell_data(self, row: DailyListRow, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole and row.status == CANCELLED:
            return QColor(Qt.GlobalColor.gray)
        if role == Qt.ItemDataRole.ForegroundRole and column == self.STATUS:
            if row.status == "ATTENDED":
                return QColor("#1b5e20")
            if row.status == "NO_SHOW":
                return QColor("#b71c1c")
        return None


def list_rows(daily: DailyList) -> list[DailyListRow]:
    return list(daily.all_rows())


def summary_lines(daily: DailyList) -> list[str]:
    """The sessions of the day and their counts; a date without sessions says why (R11)."""
    lines: list[str] = []
    if not daily.live:
        lines.append(
            QCoreApplication.translate(
                "DailyListsPage", "{clinic} is not live on this date: telephone bookings only."
            ).format(clinic=daily.clinic_code)
        )
    if not daily.sessions:
        lines.append(daily.no_sessions_zh if ui_is_chinese() else daily.no_sessions_en)
    for s in daily.sessions:
        times = (
            f"{s.start:%H:%M}–{s.end:%H:%M}" if s.start is not None and s.end is not None else ""
        )
        if s.closed:
            text = QCoreApplication.translate(
                "DailyListsPage", "{session} {times}: closed ({reason}), {count} appointment(s)"
            )
        elif not s.scheduled:
            text = QCoreApplication.translate(
                "DailyListsPage", "{session}: not in the session template, {count} appointment(s)"
            )
        else:
            text = QCoreApplication.translate(
                "DailyListsPage", "{session} {times}: {count} appointment(s)"
            )
        lines.append(
            text.format(session=s.name, times=times, reason=s.closure_reason, count=s.total)
        )
    if daily.cancelled:
        lines.append(
            QCoreApplication.translate("DailyListsPage", "Cancelled: {count}").format(
                count=len(daily.cancelled)
            )
        )
    return lines


# -- the preview ---------------------------------------------------------------------------------
class PdfPreviewDialog(QDialog):
    """The PDF as it will print, inside fc-admin (QtPdf)."""

    def __init__(
        self,
        path: Path,
        title: str,
        on_print: Callable[[], None] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.path = path
        self.document = QPdfDocument(self)
        self.document.load(str(path))
        self.view = QPdfView(self)
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.pages_label = QLabel(
            QCoreApplication.translate("DailyListsPage", "{pages} page(s)").format(
                pages=self.document.pageCount()
            ),
            self,
        )
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.print_button: QPushButton | None = None
        if on_print is not None:
            self.print_button = buttons.addButton(
                QCoreApplication.translate("DailyListsPage", "Print…"),
                QDialogButtonBox.ButtonRole.ActionRole,
            )
            self.print_button.clicked.connect(on_print)
        self.open_button = buttons.addButton(
            QCoreApplication.translate("DailyListsPage", "Open PDF"),
            QDialogButtonBox.ButtonRole.ActionRole,
        )
        self.open_button.clicked.connect(lambda: open_externally(self.path))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.pages_label)
        bottom.addStretch(1)
        bottom.addWidget(buttons)
        layout.addLayout(bottom)
        self.resize(820, 900)

    @property
    def page_count(self) -> int:
        return int(self.document.pageCount())


def render_pdf_pages(path: Path, dpi: int, control: TaskControl | None = None) -> list[QImage]:
    """Every page of the PDF at ``path`` as an image of ``dpi`` (worker thread: no widgets)."""
    document = QPdfDocument()
    try:
        error = document.load(str(path))
        if error != QPdfDocument.Error.None_:
            raise OSError(f"cannot read {path.name}: {error.name}")
        images: list[QImage] = []
        count = document.pageCount()
        for page in range(count):
            if control is not None:
                control.progress(page, count, "")
            points = document.pagePointSize(page)
            size = QSize(round(points.width() * dpi / 72), round(points.height() * dpi / 72))
            images.append(document.render(page, size).convertToFormat(QImage.Format.Format_RGB888))
        return images
    finally:
        document.close()


@dataclass(frozen=True)
class _Rendered:
    images: list[QImage]
    written: int


# -- the page ------------------------------------------------------------------------------------
class DailyListsPage(QWidget):
    def __init__(
        self, services: Services, actor: Actor, runner: TaskRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._actor = actor
        self._runner = runner
        self._daily: DailyList | None = None
        self._load_generation = 0
        self._temp = QTemporaryDir()
        self._serial = itertools.count(1)
        self._printer: QPrinter | None = None  # alive while a print is in flight
        self.preview_dialog: PdfPreviewDialog | None = None
        self.last_pdf: Path | None = None

        self.clinic_combo = QComboBox(self)
        self.clinic_combo.setMinimumContentsLength(24)
        tomorrow = hk_date(services.clock.now()) + timedelta(days=1)
        self.date_edit = date_edit(tomorrow, self)
        self.weekday_label = QLabel(self)
        self.refresh_button = QPushButton(self.tr("Refresh (F5)"), self)
        self.preview_button = QPushButton(self.tr("Preview…"), self)
        self.print_button = QPushButton(self.tr("Print…"), self)
        self.csv_button = QPushButton(self.tr("Export CSV…"), self)
        self.attended_button = QPushButton(self.tr("Attended (Ctrl+Shift+A)"), self)
        self.no_show_button = QPushButton(self.tr("No-show (Ctrl+Shift+N)"), self)
        self.summary_label = QLabel(self)
        self.summary_label.setWordWrap(True)
        self.summary_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status_label = QLabel(self)
        self.status_label.setWordWrap(True)

        self.model = DailyListModel(self)
        self.table = table_view(self.model, self)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_actions())

        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Clinic:"), self))
        top.addWidget(self.clinic_combo)
        top.addSpacing(12)
        top.addWidget(QLabel(self.tr("Date:"), self))
        top.addWidget(self.date_edit)
        top.addWidget(self.weekday_label)
        top.addStretch(1)
        top.addWidget(self.refresh_button)
        top.addWidget(self.preview_button)
        top.addWidget(self.print_button)
        top.addWidget(self.csv_button)

        marks = QHBoxLayout()
        marks.addWidget(QLabel(self.tr("Attendance of the selected appointments:"), self))
        marks.addWidget(self.attended_button)
        marks.addWidget(self.no_show_button)
        marks.addStretch(1)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.table, 1)
        layout.addLayout(marks)
        layout.addWidget(self.status_label)

        self.refresh_button.clicked.connect(self.refresh)
        self.preview_button.clicked.connect(self.preview)
        self.print_button.clicked.connect(self.print_list)
        self.csv_button.clicked.connect(self.export_csv)
        self.attended_button.clicked.connect(lambda: self.mark_selected(True))
        self.no_show_button.clicked.connect(lambda: self.mark_selected(False))
        self.clinic_combo.currentIndexChanged.connect(lambda _i: self.refresh())
        self.date_edit.dateChanged.connect(lambda _d: self.refresh())

        def shortcut(keys: str, slot: Callable[[], object]) -> None:
            sc = QShortcut(QKeySequence(keys), self)
            sc.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            sc.activated.connect(slot)

        shortcut("F5", self.refresh)
        shortcut("Ctrl+Shift+A", lambda: self.mark_selected(True))
        shortcut("Ctrl+Shift+N", lambda: self.mark_selected(False))
        shortcut("Ctrl+P", self.print_list)
        shortcut("Ctrl+Shift+P", self.preview)

        self._load_clinics()
        self.refresh()

    # -- clinic and date -----------------------------------------------------------------------
    def _load_clinics(self) -> None:
        try:
            rows = self._services.clinics.list_clinics()
        except (ServiceError, DatabaseError) as exc:
            self._show_status(messages.error_text(exc), error=True)
            return
        if self._actor.role is Role.CLINIC:
            # R13.2: clinic staff see their own clinic only.
            rows = [r for r in rows if r.code == self._actor.clinic_code]
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
        if index >= 0:
            self.clinic_combo.setCurrentIndex(index)
        return index >= 0

    @property
    def day(self) -> date:
        return from_qdate(self.date_edit.date())

    def set_day(self, day: date) -> None:
        self.date_edit.setDate(to_qdate(day))

    @property
    def today(self) -> date:
        return hk_date(self._services.clock.now())

    @property
    def daily(self) -> DailyList | None:
        return self._daily

    # -- loading -------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Load the list of the chosen clinic and date (a read: not audited)."""
        code, day = self.clinic_code, self.day
        self.weekday_label.setText(format_date_long(day))
        self._load_generation += 1
        generation = self._load_generation
        if code is None:
            self._show_list(None)
            return
        services, actor = self._services, self._actor

        def done(daily: DailyList) -> None:
            if generation == self._load_generation:
                self._show_list(daily)

        def failed(message: str) -> None:
            if generation == self._load_generation:
                self._show_list(None)
                self._show_status(message, error=True)

        self._runner.run(
            lambda _c: services.daily_lists.daily_list(actor, code, day),
            on_done=done,
            on_failed=failed,
            owner=self,
            name="daily_list",
        )

    def _show_list(self, daily: DailyList | None) -> None:
        selected = set(self.selected_refs())
        self._daily = daily
        self.model.set_rows(list_rows(daily) if daily is not None else [])
        self.summary_label.setText("\n".join(summary_lines(daily)) if daily is not None else "")
        fit_columns(self.table)
        if selected:
            selection = self.table.selectionModel()
            for ref in selected:
                row = self.model.find_row(ref)
                if row >= 0:
                    selection.select(
                        self.model.index(row, 0),
                        selection.SelectionFlag.Select | selection.SelectionFlag.Rows,
                    )
        self._update_actions()

    def _show_status(self, text: str, error: bool = False) -> None:
        self.status_label.setStyleSheet("color: #b71c1c;" if error else "")
        self.status_label.setText(text)

    # -- attendance (R10.4) --------------------------------------------------------------------
    def selected_refs(self) -> list[str]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [self.model.row_at(r).booking_ref for r in rows if r < self.model.rowCount()]

    def markable_refs(self) -> list[str]:
        """The selected appointments attendance may be recorded for: BOOKED, on or before
        today (R10.4)."""
        if self._daily is None or self._daily.day > self.today:
            return []
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [
            self.model.row_at(r).booking_ref
            for r in rows
            if r < self.model.rowCount() and self.model.row_at(r).status == BOOKED
        ]

    def _update_actions(self) -> None:
        markable = bool(self.markable_refs())
        self.attended_button.setEnabled(markable)
        self.no_show_button.setEnabled(markable)
        has_list = self._daily is not None
        for button in (self.preview_button, self.print_button, self.csv_button):
            button.setEnabled(has_list)
        tip = ""
        if self._daily is not None and self._daily.day > self.today:
            tip = self.tr("Attendance is recorded on or after the day of the appointment.")
        self.attended_button.setToolTip(tip)
        self.no_show_button.setToolTip(tip)

    def mark_selected(self, attended: bool) -> None:
        """Mark the selected BOOKED appointments attended or no-show (audited by the service)."""
        selected = self.selected_refs()
        if not selected:
            return
        if self._daily is not None and self._daily.day > self.today:
            self._show_status(
                self.tr("Attendance is recorded on or after the day of the appointment."),
                error=True,
            )
            return
        refs = self.markable_refs()
        if not refs:
            self._show_status(self.tr("Only booked appointments can be marked."), error=True)
            return
        question = (
            self.tr("Mark {count} appointment(s) as attended?")
            if attended
            else self.tr("Mark {count} appointment(s) as no-show?")
        ).format(count=len(refs))
        if not messages.confirm(self, self.tr("Attendance"), question):
            return
        services, actor = self._services, self._actor

        def work(_control: TaskControl) -> list[tuple[str, BaseException | None]]:
            # One short audited write per appointment, on a worker: a list may be long.
            results: list[tuple[str, BaseException | None]] = []
            for ref in refs:
                try:
                    services.appointments.record_attendance(actor, ref, attended)
                    results.append((ref, None))
                except (ServiceError, DatabaseError) as exc:
                    results.append((ref, exc))
            return results

        def done(results: list[tuple[str, BaseException | None]]) -> None:
            errors = [f"{ref}: {messages.error_text(exc)}" for ref, exc in results if exc]
            marked = sum(1 for _ref, exc in results if exc is None)
            skipped = len(selected) - len(refs)
            text = self.tr("{count} marked as {state}.").format(
                count=marked, state=status_text("ATTENDED" if attended else "NO_SHOW")
            )
            if skipped:
                text += " " + self.tr("{count} not booked, left as they were.").format(
                    count=skipped
                )
            self._show_status(text, error=bool(errors))
            if errors:
                messages.show_error(self, self.tr("Attendance"), "\n".join(errors))
            self.refresh()

        def failed(message: str) -> None:
            self._failed(self.tr("Attendance"), message)
            self.refresh()

        self._runner.run(
            work,
            on_done=done,
            on_failed=failed,
            owner=self,
            progress_title=self.tr("Recording the attendance…"),
            name="daily_list_attendance",
        )

    # -- preview, print, CSV (audited by the service) ------------------------------------------
    def _temp_pdf(self, code: str, day: date) -> Path:
        return Path(self._temp.path()) / f"{next(self._serial)}-{file_name(code, day, 'pdf')}"

    def preview(self) -> None:
        """Write the PDF (an audited print, R11) to a temporary file and show it."""
        code, day = self.clinic_code, self.day
        if code is None:
            return
        path = self._temp_pdf(code, day)
        services, actor = self._services, self._actor

        def done(_written: int) -> None:
            self.last_pdf = path
            title = self.tr("Daily list {clinic} {day}").format(clinic=code, day=day.isoformat())
            if self.preview_dialog is not None:
                self.preview_dialog.close()
                self.preview_dialog.deleteLater()
            self.preview_dialog = PdfPreviewDialog(path, title, self.print_list, self)
            self.preview_dialog.open()

        self._runner.run(
            lambda _c: services.daily_lists.export(actor, code, day, path, "pdf"),
            on_done=done,
            on_failed=lambda message: self._failed(self.tr("Preview"), message),
            owner=self,
            progress_title=self.tr("Preparing the daily list…"),
            name="daily_list_preview",
        )

    def print_list(self) -> None:
        """Ask for a printer, then write the PDF (audited), render its pages on a worker and
        paint them onto the printer."""
        code, day = self.clinic_code, self.day
        if code is None or self._printer is not None:
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(file_name(code, day, "pdf"))
        if not choose_print_settings(self, printer):
            return
        self._printer = printer  # alive until painted
        dpi = max(72, min(MAX_PRINT_DPI, printer.resolution()))
        path = self._temp_pdf(code, day)
        services, actor = self._services, self._actor

        def work(control: TaskControl) -> _Rendered:
            written = services.daily_lists.export(actor, code, day, path, "pdf")
            return _Rendered(render_pdf_pages(path, dpi, control), written)

        def done(result: _Rendered) -> None:
            try:
                pages = self._paint(printer, result.images)
            finally:
                self._printer = None
            if pages < 0:
                self._failed(self.tr("Print"), self.tr("The printer could not be started."))
            else:
                self._show_status(
                    self.tr("Sent {pages} page(s) to the printer.").format(pages=pages)
                )

        def failed(message: str) -> None:
            self._printer = None
            self._failed(self.tr("Print"), message)

        def cancelled() -> None:
            self._printer = None

        self._runner.run(
            work,
            on_done=done,
            on_failed=failed,
            on_cancelled=cancelled,
            owner=self,
            progress_title=self.tr("Preparing the pages to print…"),
            name="daily_list_print",
        )

    @staticmethod
    def _paint(printer: QPrinter, images: list[QImage]) -> int:
        """Each image on a page of its own, scaled to the printable area; the page count, or
        -1 when the printer would not start."""
        painter = QPainter()
        if not painter.begin(printer):
            return -1
        try:
            for n, image in enumerate(images):
                if n:
                    printer.newPage()
                area = painter.viewport()
                size = image.size().scaled(area.size(), Qt.AspectRatioMode.KeepAspectRatio)
                painter.drawImage(QRect(area.topLeft(), size), image)
        finally:
            painter.end()
        return len(images)

    def export_csv(self) -> None:
        """F7: the list as CSV (audited as an export, R11)."""
        code, day = self.clinic_code, self.day
        if code is None:
            return
        chosen = choose_csv_file(self, file_name(code, day, "csv"))
        if not chosen:
            return
        path = Path(chosen)
        services, actor = self._services, self._actor
        self._runner.run(
            lambda _c: services.daily_lists.export(actor, code, day, path, "csv"),
            on_done=lambda written: self._show_status(
                self.tr("{count} appointment(s) written to {file}.").format(
                    count=written, file=path.name
                )
            ),
            on_failed=lambda message: self._failed(self.tr("Export CSV"), message),
            owner=self,
            progress_title=self.tr("Exporting the daily list…"),
            name="daily_list_csv",
        )

    def _failed(self, title: str, message: str) -> None:
        self._show_status(message, error=True)
        messages.show_error(self, title, message)


__all__ = [
    "DailyListModel",
    "DailyListsPage",
    "PdfPreviewDialog",
    "choose_csv_file",
    "choose_print_settings",
    "render_pdf_pages",
]
