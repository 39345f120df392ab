"""Utilisation calendar: per clinic and day, seats booked against capacity and the channel mix.

Capacity comes from the session templates (R10.1) less holidays and closures (R10.2); the
channels that book a clinic change at its go-live date (R7.2), so the days before go-live are
marked apart. One period (a month or a quarter) is read with one call to
``services.capacity.utilisation`` (a single grouped query) through the task runner, and shown as
a calendar of weeks: each day cell has booked/capacity, a bar split by channel and a colour by
utilisation. Clicking a day shows its detail beside the calendar.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QItemSelection,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPointF,
    QRectF,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetrics,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QPolygonF,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSizePolicy,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from fc_admin.domain.booking_window import Channel
from fc_admin.domain.roles import Role
from fc_admin.services import Services
from fc_admin.services.actor import Actor
from fc_admin.services.capacity import ClosureRow, DayUtilisation
from fc_admin.services.clinics import ClinicRow
from fc_admin.tasks import TaskControl
from fc_admin.views import messages
from fc_admin.views.formatting import format_date, format_date_long, localized_name
from fc_admin.views.rollout_timeline import (
    AFTER_COLOUR,
    BEFORE_COLOUR,
    add_months,
    month_end,
    quarter_of,
)
from fc_admin.views.task_runner import TaskRunner

Index = QModelIndex | QPersistentModelIndex

CHANNEL_ORDER = (Channel.ONLINE, Channel.MANUAL, Channel.ATBS)
CHANNEL_COLOURS = {
    Channel.ONLINE: QColor("#1e88e5"),
    Channel.MANUAL: QColor("#43a047"),
    Channel.ATBS: QColor("#fb8c00"),
}
# Utilisation bands: (lowest percentage, background).
BANDS = (
    (0.0, QColor("#ffffff")),
    (0.01, QColor("#e8f5e9")),
    (50.0, QColor("#fff9c4")),
    (80.0, QColor("#ffe0b2")),
    (100.0, QColor("#ffcdd2")),
)
NON_OPERATING_COLOUR = QColor("#eeeeee")
HOLIDAY_COLOUR = QColor("#fce4ec")
CLOSED_COLOUR = QColor("#e0e0e0")
ALERT_TEXT = QColor("#c62828")
CELL_TEXT = QColor("#212121")
MUTED_TEXT = QColor("#616161")
TRACK_COLOUR = QColor(0, 0, 0, 28)
GO_LIVE_COLOUR = QColor("#0d47a1")

MONTH, QUARTER = "month", "quarter"

# Roles of the calendar model.
DAY_ROLE = Qt.ItemDataRole.UserRole + 1  # the date of the cell (every cell of the grid)
UTILISATION_ROLE = Qt.ItemDataRole.UserRole + 2  # DayUtilisation, None outside the period
STATUS_ROLE = Qt.ItemDataRole.UserRole + 3  # see DAY_STATUSES
GO_LIVE_ROLE = Qt.ItemDataRole.UserRole + 4  # True on the clinic's go-live date

OPEN, PARTLY_CLOSED, CLOSED, HOLIDAY, NON_OPERATING = (
    "open",
    "partly_closed",
    "closed",
    "holiday",
    "non_operating",
)


# --- plain functions (tested without a window) -----------------------------------------------


def period_of(kind: str, day: date) -> tuple[date, date]:
    """The month or quarter containing ``day``."""
    if kind == MONTH:
        first = day.replace(day=1)
        return first, month_end(first)
    return quarter_of(day)


def shift_period(kind: str, start: date, steps: int) -> tuple[date, date]:
    """The period ``steps`` months or quarters after (before, if negative) the one at ``start``."""
    months = steps if kind == MONTH else 3 * steps
    return period_of(kind, add_months(start.replace(day=1), months))


def percent(part: int, whole: int) -> float | None:
    return None if whole <= 0 else 100.0 * part / whole


def format_percent(value: float | None) -> str:
    if value is None:
        return "—"
    return QCoreApplication.translate("UtilisationPage", "{value}%").format(
        value=QLocale().toString(value, "f", 1)
    )


def format_count(value: int) -> str:
    return QLocale().toString(value)


def band_colour(utilisation: float | None) -> QColor:
    colour = BANDS[0][1]
    if utilisation is None:
        return colour
    for lowest, band in BANDS:
        if utilisation >= lowest:
            colour = band
    return colour


def day_status(day: DayUtilisation) -> str:
    """R10.2: holidays close every clinic; a closure closes a day or one session."""
    if day.holiday:
        return HOLIDAY
    if day.closed_sessions and not day.operating:
        return CLOSED
    if day.closed_sessions:
        return PARTLY_CLOSED
    if not day.operating:
        return NON_OPERATING
    return OPEN


def channel_segments(
    booked: dict[str, int], capacity: int, width: float
) -> list[tuple[Channel, float, float]]:
    """The channel parts of a day's bar: (channel, x offset, width) over ``width`` = capacity.

    More bookings than seats (a session closed after people booked it) scale to the bookings.
    """
    total = sum(booked.get(c.value, 0) for c in CHANNEL_ORDER)
    scale_to = max(capacity, total)
    if scale_to <= 0:
        return []
    segments = []
    x = 0.0
    for channel in CHANNEL_ORDER:
        count = booked.get(channel.value, 0)
        if count:
            part = width * count / scale_to
            segments.append((channel, x, part))
            x += part
    return segments


@dataclass(frozen=True)
class Totals:
    capacity: int
    booked: int
    by_channel: dict[Channel, int]

    @property
    def utilisation(self) -> float | None:
        return percent(self.booked, self.capacity)

    def share(self, channel: Channel) -> float | None:
        return percent(self.by_channel.get(channel, 0), self.booked)


def totals(days: Sequence[DayUtilisation]) -> Totals:
    by_channel = {
        channel: sum(d.booked.get(channel.value, 0) for d in days) for channel in CHANNEL_ORDER
    }
    return Totals(sum(d.capacity for d in days), sum(d.booked_total for d in days), by_channel)


@dataclass(frozen=True)
class UtilisationData:
    """One load of the page: the clinic, the period, its days and its closures."""

    clinic: ClinicRow
    start: date
    end: date
    days: list[DayUtilisation]
    closures: list[ClosureRow]


def load_utilisation(
    services: Services, clinic_code: str, start: date, end: date
) -> UtilisationData:
    """Everything one period of the calendar shows: a handful of queries, none per day."""
    clinic = services.clinics.get(clinic_code)
    days = services.capacity.utilisation(clinic_code, start, end)
    closures = services.capacity.closures(clinic_code, start, end)
    return UtilisationData(clinic, start, end, days, closures)


def status_text(status: str, day: DayUtilisation) -> str:
    if status == HOLIDAY:
        return QCoreApplication.translate("UtilisationPage", "Holiday")
    if status == CLOSED:
        return QCoreApplication.translate("UtilisationPage", "Closed")
    if status == PARTLY_CLOSED:
        return QCoreApplication.translate("UtilisationPage", "{sessions} closed").format(
            sessions=", ".join(s for s in day.closed_sessions if s)
        )
    if status == NON_OPERATING:
        return QCoreApplication.translate("UtilisationPage", "No sessions")
    return ""


def channel_label(channel: Channel) -> str:
    return messages.channel_name(channel)


# --- the calendar model ------------------------------------------------------------------------


class UtilisationCalendarModel(QAbstractTableModel):
    """Weeks as rows, Monday to Sunday as columns; a cell per date of the grid."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._data: UtilisationData | None = None
        self._grid_start = date(2000, 1, 3)  # a Monday
        self._weeks = 0
        self._days: dict[date, DayUtilisation] = {}

    # -- content -------------------------------------------------------------------------------
    def set_data(self, data: UtilisationData | None) -> None:
        self.beginResetModel()
        self._data = data
        if data is None:
            self._weeks = 0
            self._days = {}
        else:
            self._grid_start = data.start - timedelta(days=data.start.weekday())
            grid_end = data.end + timedelta(days=6 - data.end.weekday())
            self._weeks = ((grid_end - self._grid_start).days + 1) // 7
            self._days = {d.day: d for d in data.days}
        self.endResetModel()

    @property
    def loaded(self) -> UtilisationData | None:
        return self._data

    @property
    def go_live(self) -> date | None:
        return self._data.clinic.go_live_date if self._data else None

    def date_of(self, index: Index) -> date:
        return self._grid_start + timedelta(days=index.row() * 7 + index.column())

    def index_for(self, day: date) -> QModelIndex:
        offset = (day - self._grid_start).days
        if self._data is None or not 0 <= offset < self._weeks * 7:
            return QModelIndex()
        return self.index(offset // 7, offset % 7)

    def day(self, day: date) -> DayUtilisation | None:
        return self._days.get(day)

    # -- QAbstractTableModel -------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._weeks

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 7

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid() or self.date_of(index) not in self._days:
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < self._weeks and 0 <= index.column() < 7):
            return None
        on = self.date_of(index)
        if role == DAY_ROLE:
            return on
        day = self._days.get(on)
        if day is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{day.booked_total}/{day.capacity}"
        if role == UTILISATION_ROLE:
            return day
        if role == STATUS_ROLE:
            return day_status(day)
        if role == GO_LIVE_ROLE:
            return self.go_live == on
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            return self.describe(day)
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(self.background(day))
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            if not 0 <= section < 7:
                return None
            return QLocale().standaloneDayName(section + 1, QLocale.FormatType.ShortFormat)
        if not 0 <= section < self._weeks:
            return None
        return format_date(self._grid_start + timedelta(days=7 * section))

    # -- presentation --------------------------------------------------------------------------
    @staticmethod
    def background(day: DayUtilisation) -> QColor:
        status = day_status(day)
        if status == HOLIDAY:
            return HOLIDAY_COLOUR
        if status == CLOSED:
            return CLOSED_COLOUR
        if status == NON_OPERATING:
            return NON_OPERATING_COLOUR
        return band_colour(percent(day.booked_total, day.capacity))

    def describe(self, day: DayUtilisation) -> str:
        """The day in one short text: the tool tip and what a screen reader says."""
        lines = [format_date_long(day.day)]
        status = status_text(day_status(day), day)
        if status:
            lines.append(status)
        if self.go_live == day.day:
            lines.append(QCoreApplication.translate("UtilisationPage", "Go-live date"))
        lines.append(
            QCoreApplication.translate(
                "UtilisationPage", "Booked {booked} of {capacity} seats ({percent})"
            ).format(
                booked=format_count(day.booked_total),
                capacity=format_count(day.capacity),
                percent=format_percent(percent(day.booked_total, day.capacity)),
            )
        )
        for channel in CHANNEL_ORDER:
            count = day.booked.get(channel.value, 0)
            if count:
                lines.append(f"{channel_label(channel)}: {format_count(count)}")
        return "\n".join(lines)


# --- the day cell ------------------------------------------------------------------------------


def cell_size(fm: QFontMetrics) -> QSize:
    """A day cell: a date line, booked/capacity, a bar; wide enough for ``888/888 88.8%``."""
    line = fm.height()
    return QSize(fm.horizontalAdvance("888/888 88.8%") + line * 2, int(line * 3.4))


class UtilisationDelegate(QStyledItemDelegate):
    """Paints a day: its date, booked/capacity, a bar split by channel, its state."""

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        return cell_size(QFontMetrics(option.font))

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        rect = QRectF(option.rect)
        font = QFont(option.font)
        palette: QPalette = option.palette
        state = option.state
        on = index.data(DAY_ROLE)
        day = index.data(UTILISATION_ROLE)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if not isinstance(on, date) or not isinstance(day, DayUtilisation):
            # Outside the period: only the date, faint.
            painter.fillRect(rect, palette.color(QPalette.ColorRole.Window))
            if isinstance(on, date):
                small = self._small(font)
                painter.setFont(small)
                painter.setPen(palette.color(QPalette.ColorRole.PlaceholderText))
                pad = QFontMetrics(small).height() * 0.3
                painter.drawText(
                    rect.adjusted(pad, pad * 0.5, -pad, 0),
                    int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop),
                    self._day_label(on),
                )
            painter.restore()
            return
        status = str(index.data(STATUS_ROLE))
        go_live = bool(index.data(GO_LIVE_ROLE))
        background = UtilisationCalendarModel.background(day)
        painter.fillRect(rect, background)
        if status == CLOSED:
            painter.fillRect(rect, QBrush(QColor(0, 0, 0, 40), Qt.BrushStyle.BDiagPattern))

        fm = QFontMetrics(font)
        line = fm.height()
        pad = line * 0.3
        # R7.2: a strip along the top says which channels book the clinic that day.
        strip = max(3.0, line * 0.3)
        painter.fillRect(
            QRectF(rect.left(), rect.top(), rect.width(), strip),
            AFTER_COLOUR if day.live else BEFORE_COLOUR,
        )
        inner = rect.adjusted(pad, strip + pad * 0.5, -pad, -pad)

        # Line 1: the date; the state (holiday, closed) or the go-live marker on the right.
        small = self._small(font)
        small_fm = QFontMetrics(small)
        first = QRectF(inner.left(), inner.top(), inner.width(), small_fm.height())
        bold = QFont(small)
        bold.setBold(day.day.day == 1)
        painter.setFont(bold)
        painter.setPen(CELL_TEXT)
        label = self._day_label(day.day)
        painter.drawText(
            first, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), label
        )
        right_text = status_text(status, day)
        right_colour = ALERT_TEXT if status in (HOLIDAY, CLOSED, PARTLY_CLOSED) else MUTED_TEXT
        right_room = first.width() - QFontMetrics(bold).horizontalAdvance(label) - pad
        if go_live:
            size = small_fm.height() * 0.7
            center = QPointF(first.right() - size / 2, first.center().y())
            self._diamond(painter, center, size)
            right_room -= size + pad
            first = first.adjusted(0, 0, -(size + pad * 0.5), 0)
            if not right_text:
                right_text = QCoreApplication.translate("UtilisationPage", "Go-live")
                right_colour = GO_LIVE_COLOUR
        if right_text and right_room > small_fm.horizontalAdvance("M…"):
            painter.setFont(small)
            painter.setPen(right_colour)
            painter.drawText(
                first,
                int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                small_fm.elidedText(right_text, Qt.TextElideMode.ElideRight, int(right_room)),
            )

        if day.capacity == 0 and day.booked_total == 0:
            # A holiday, a weekend, a closed day nobody had booked: the state says it all.
            self._grid_and_selection(painter, rect, palette, state, line)
            painter.restore()
            return

        # Line 2: booked/capacity and the utilisation.
        second = QRectF(inner.left(), first.bottom() + pad * 0.3, inner.width(), line)
        painter.setFont(font)
        over = day.booked_total > day.capacity
        painter.setPen(ALERT_TEXT if over else CELL_TEXT)
        numbers = f"{format_count(day.booked_total)}/{format_count(day.capacity)}"
        painter.drawText(
            second, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), numbers
        )
        used = percent(day.booked_total, day.capacity)
        room = second.width() - fm.horizontalAdvance(numbers) - pad
        if used is not None and QFontMetrics(small).horizontalAdvance(format_percent(used)) < room:
            painter.setFont(small)
            painter.setPen(MUTED_TEXT)
            painter.drawText(
                second,
                int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                format_percent(used),
            )

        # Line 3: the bar, capacity long, split by channel.
        bar_height = max(3.0, line * 0.45)
        bar = QRectF(
            inner.left(),
            min(second.bottom() + pad * 0.5, inner.bottom() - bar_height),
            inner.width(),
            bar_height,
        )
        if day.capacity > 0 or day.booked_total > 0:
            painter.fillRect(bar, TRACK_COLOUR)
            for channel, x, width in channel_segments(day.booked, day.capacity, bar.width()):
                painter.fillRect(
                    QRectF(bar.left() + x, bar.top(), width, bar.height()),
                    CHANNEL_COLOURS[channel],
                )
            if over:
                pen = QPen(ALERT_TEXT)
                pen.setCosmetic(True)
                painter.setPen(pen)
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawRect(bar)

        # A tall cell (a month on a big screen) has room for the counts per channel.
        y = bar.bottom() + pad
        square = small_fm.height() * 0.6
        painter.setFont(small)
        for channel in CHANNEL_ORDER:
            count = day.booked.get(channel.value, 0)
            if not count or y + small_fm.height() > inner.bottom():
                continue
            painter.fillRect(
                QRectF(inner.left(), y + (small_fm.height() - square) / 2, square, square),
                CHANNEL_COLOURS[channel],
            )
            painter.setPen(CELL_TEXT)
            text_rect = QRectF(
                inner.left() + square + pad, y, inner.width() - square - pad, small_fm.height()
            )
            number = format_count(count)
            painter.drawText(
                text_rect, int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter), number
            )
            name_room = int(text_rect.width() - small_fm.horizontalAdvance(number) - pad)
            painter.drawText(
                text_rect,
                int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                small_fm.elidedText(channel_label(channel), Qt.TextElideMode.ElideRight, name_room),
            )
            y += small_fm.height()

        self._grid_and_selection(painter, rect, palette, state, line)
        painter.restore()

    @staticmethod
    def _grid_and_selection(
        painter: QPainter, rect: QRectF, palette: QPalette, state: Any, line: int
    ) -> None:
        pen = QPen(QColor(0, 0, 0, 50))
        pen.setCosmetic(True)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(rect.adjusted(0, 0, -0.5, -0.5))
        if state & QStyle.StateFlag.State_Selected:
            highlight = QPen(palette.color(QPalette.ColorRole.Highlight), max(2.0, line / 8))
            painter.setPen(highlight)
            painter.drawRect(rect.adjusted(1.5, 1.5, -1.5, -1.5))

    @staticmethod
    def _small(font: QFont) -> QFont:
        small = QFont(font)
        if small.pointSizeF() > 0:
            small.setPointSizeF(small.pointSizeF() * 0.85)
        elif small.pixelSize() > 0:
            small.setPixelSize(max(1, round(small.pixelSize() * 0.85)))
        return small

    @staticmethod
    def _day_label(on: date) -> str:
        """``1 Feb`` on a month's first day (``2月1日``), otherwise the day number."""
        if on.day != 1:
            return str(on.day)
        if QLocale().language() == QLocale.Language.Chinese:
            return f"{on.month}月1日"
        month = QLocale().standaloneMonthName(on.month, QLocale.FormatType.ShortFormat)
        return f"1 {month}"

    @staticmethod
    def _diamond(painter: QPainter, center: QPointF, size: float) -> None:
        half = size / 2
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(GO_LIVE_COLOUR)
        painter.drawPolygon(
            QPolygonF(
                [
                    QPointF(center.x(), center.y() - half),
                    QPointF(center.x() + half, center.y()),
                    QPointF(center.x(), center.y() + half),
                    QPointF(center.x() - half, center.y()),
                ]
            )
        )


# --- the legend --------------------------------------------------------------------------------


class Swatch(QWidget):
    """A small painted sample of a colour, pattern or marker, sized from the font."""

    def __init__(
        self,
        colour: QColor,
        *,
        pattern: Qt.BrushStyle = Qt.BrushStyle.SolidPattern,
        diamond: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._colour = colour
        self._pattern = pattern
        self._diamond = diamond
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)

    def sizeHint(self) -> QSize:
        line = self.fontMetrics().height()
        return QSize(int(line * 1.3), int(line * 0.8))

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = QRectF(self.rect())
        if self._diamond:
            UtilisationDelegate._diamond(painter, rect.center(), rect.height())
        else:
            if self._pattern != Qt.BrushStyle.SolidPattern:
                painter.fillRect(rect, CLOSED_COLOUR)
            painter.fillRect(rect, QBrush(self._colour, self._pattern))
            pen = QPen(QColor(0, 0, 0, 70))
            pen.setCosmetic(True)
            painter.setPen(pen)
            painter.drawRect(rect.adjusted(0.5, 0.5, -0.5, -0.5))
        painter.end()


def legend_box(title: str, items: Sequence[tuple[Swatch, str]]) -> QGroupBox:
    """A titled list of swatches with their meaning, one a line."""
    box = QGroupBox(title)
    grid = QGridLayout(box)
    grid.setVerticalSpacing(2)
    for row, (swatch, text) in enumerate(items):
        grid.addWidget(swatch, row, 0)
        label = QLabel(text)
        label.setWordWrap(True)
        grid.addWidget(label, row, 1)
    grid.setColumnStretch(1, 1)
    return box


# --- the page ----------------------------------------------------------------------------------


class UtilisationPage(QWidget):
    """Booked against capacity per clinic and day, for a month or a quarter."""

    loaded = Signal()  # a period has been read and shown
    load_failed = Signal(str)

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
        self._generation = 0  # only the newest load is shown
        self._loading = False
        self.loads = 0  # periods shown so far (tests)
        self._shown_before = False
        self.today = services.clinics.today()
        self._kind = QUARTER
        self._start, self._end = period_of(QUARTER, self.today)

        self.clinic_combo = QComboBox()
        clinics = services.clinics.list_clinics(self.today)
        if actor.role is Role.CLINIC and actor.clinic_code:
            clinics = [c for c in clinics if c.code == actor.clinic_code]  # R13.2
        for clinic in clinics:
            self.clinic_combo.addItem(
                f"{clinic.code} — {localized_name(clinic.name_en, clinic.name_zh)}", clinic.code
            )
        self.clinic_combo.currentIndexChanged.connect(lambda _i: self.reload())

        self.kind_combo = QComboBox()
        self.kind_combo.addItem(QCoreApplication.translate("UtilisationPage", "Month"), MONTH)
        self.kind_combo.addItem(QCoreApplication.translate("UtilisationPage", "Quarter"), QUARTER)
        self.kind_combo.setCurrentIndex(1)
        self.kind_combo.currentIndexChanged.connect(self._kind_changed)

        self.previous_button = QPushButton(
            QCoreApplication.translate("UtilisationPage", "◀ Previous")
        )
        self.previous_button.clicked.connect(lambda: self.shift(-1))
        self.next_button = QPushButton(QCoreApplication.translate("UtilisationPage", "Next ▶"))
        self.next_button.clicked.connect(lambda: self.shift(1))
        self.current_button = QPushButton(QCoreApplication.translate("UtilisationPage", "Today"))
        self.current_button.clicked.connect(lambda: self.set_period(self._kind, self.today))
        self.refresh_button = QPushButton(QCoreApplication.translate("UtilisationPage", "Refresh"))
        self.refresh_button.clicked.connect(self.reload)
        self.period_label = QLabel()
        heading = QFont(self.period_label.font())
        heading.setBold(True)
        self.period_label.setFont(heading)

        top = QHBoxLayout()
        top.addWidget(QLabel(QCoreApplication.translate("UtilisationPage", "Clinic:")))
        top.addWidget(self.clinic_combo)
        top.addSpacing(self.fontMetrics().height())
        top.addWidget(QLabel(QCoreApplication.translate("UtilisationPage", "Period:")))
        top.addWidget(self.kind_combo)
        top.addWidget(self.previous_button)
        top.addWidget(self.period_label)
        top.addWidget(self.next_button)
        top.addWidget(self.current_button)
        top.addStretch(1)
        top.addWidget(self.refresh_button)

        self.model = UtilisationCalendarModel(self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setItemDelegate(UtilisationDelegate(self.view))
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setShowGrid(False)
        self.view.setWordWrap(False)
        self.view.setCornerButtonEnabled(False)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.view.horizontalHeader().setHighlightSections(False)
        self.view.verticalHeader().setVisible(False)
        cell = cell_size(self.view.fontMetrics())
        # Weeks share the height; below a cell's own height the view scrolls instead.
        self.view.verticalHeader().setMinimumSectionSize(cell.height())
        self.view.verticalHeader().setDefaultSectionSize(cell.height())
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.view.setMinimumWidth(7 * (cell.width() - self.fontMetrics().height()))
        self.view.selectionModel().selectionChanged.connect(self._selection_changed)

        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        self.summary_label = QLabel()
        self.summary_label.setWordWrap(True)
        self.summary_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.split_label = QLabel()
        self.split_label.setWordWrap(True)

        self.detail_box = QGroupBox(QCoreApplication.translate("UtilisationPage", "Day"))
        self.detail_label = QLabel()
        self.detail_label.setWordWrap(True)
        self.detail_label.setTextFormat(Qt.TextFormat.RichText)
        self.detail_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.detail_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        detail_layout = QVBoxLayout(self.detail_box)
        detail_layout.addWidget(self.detail_label)
        detail_layout.addStretch(1)

        legend = legend_box(
            QCoreApplication.translate("UtilisationPage", "Legend"),
            [(Swatch(CHANNEL_COLOURS[c]), channel_label(c)) for c in CHANNEL_ORDER]
            + [
                (
                    Swatch(BEFORE_COLOUR),
                    QCoreApplication.translate(
                        "UtilisationPage", "Before go-live (telephone + ATBS)"
                    ),
                ),
                (
                    Swatch(AFTER_COLOUR),
                    QCoreApplication.translate(
                        "UtilisationPage", "From go-live (online + telephone)"
                    ),
                ),
                (
                    Swatch(GO_LIVE_COLOUR, diamond=True),
                    QCoreApplication.translate("UtilisationPage", "Go-live date"),
                ),
                (
                    Swatch(BANDS[1][1]),
                    QCoreApplication.translate("UtilisationPage", "Under 50% booked"),
                ),
                (
                    Swatch(BANDS[2][1]),
                    QCoreApplication.translate("UtilisationPage", "50–79% booked"),
                ),
                (
                    Swatch(BANDS[3][1]),
                    QCoreApplication.translate("UtilisationPage", "80–99% booked"),
                ),
                (Swatch(BANDS[4][1]), QCoreApplication.translate("UtilisationPage", "Full")),
                (Swatch(HOLIDAY_COLOUR), QCoreApplication.translate("UtilisationPage", "Holiday")),
                (
                    Swatch(QColor(0, 0, 0, 60), pattern=Qt.BrushStyle.BDiagPattern),
                    QCoreApplication.translate("UtilisationPage", "Closed"),
                ),
                (
                    Swatch(NON_OPERATING_COLOUR),
                    QCoreApplication.translate("UtilisationPage", "No sessions"),
                ),
            ],
        )
        side_width = self.fontMetrics().height() * 14
        for box in (self.detail_box, legend):
            box.setMinimumWidth(side_width)
            box.setMaximumWidth(side_width * 3 // 2)
        side = QVBoxLayout()
        side.addWidget(self.detail_box, 1)
        side.addWidget(legend)

        middle = QHBoxLayout()
        middle.addWidget(self.view, 1)
        middle.addLayout(side)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.status_label)
        layout.addLayout(middle, 1)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.split_label)

        self._show_period_label()
        self._show_detail(None)
        if self.clinic_combo.count():
            self.reload()
        else:
            self.status_label.setText(
                QCoreApplication.translate("UtilisationPage", "There is no clinic to show.")
            )

    # -- period and clinic ---------------------------------------------------------------------
    @property
    def clinic_code(self) -> str:
        return str(self.clinic_combo.currentData() or "")

    @property
    def period(self) -> tuple[date, date]:
        return self._start, self._end

    @property
    def kind(self) -> str:
        return self._kind

    def set_clinic(self, code: str) -> None:
        i = self.clinic_combo.findData(code)
        if i >= 0:
            self.clinic_combo.setCurrentIndex(i)

    def set_period(self, kind: str, day: date) -> None:
        """Show the month or quarter (``MONTH`` / ``QUARTER``) that contains ``day``."""
        self._kind = kind
        self._start, self._end = period_of(kind, day)
        i = self.kind_combo.findData(kind)
        if i != self.kind_combo.currentIndex():
            self.kind_combo.blockSignals(True)
            self.kind_combo.setCurrentIndex(i)
            self.kind_combo.blockSignals(False)
        self._show_period_label()
        self.reload()

    def shift(self, steps: int) -> None:
        start, _end = shift_period(self._kind, self._start, steps)
        self.set_period(self._kind, start)

    def _kind_changed(self, _index: int) -> None:
        kind = str(self.kind_combo.currentData())
        anchor = self.today if self._start <= self.today <= self._end else self._start
        self.set_period(kind, anchor)

    def _show_period_label(self) -> None:
        start = self._start
        if self._kind == MONTH:
            text = QCoreApplication.translate("UtilisationPage", "{month} {year}").format(
                month=QLocale().standaloneMonthName(start.month, QLocale.FormatType.LongFormat),
                year=start.year,
            )
        else:
            text = QCoreApplication.translate("UtilisationPage", "Q{quarter} {year}").format(
                quarter=(start.month - 1) // 3 + 1, year=start.year
            )
        self.period_label.setText(text)
        self.period_label.setToolTip(f"{format_date(self._start)} – {format_date(self._end)}")

    # -- loading -------------------------------------------------------------------------------
    @property
    def loading(self) -> bool:
        return self._loading

    def reload(self) -> None:
        """Read the period through the task runner; a newer request makes older ones moot."""
        code = self.clinic_code
        if not code:
            return
        self._generation += 1
        generation = self._generation
        self._loading = True
        self.status_label.setText(QCoreApplication.translate("UtilisationPage", "Loading…"))
        services, start, end = self._services, self._start, self._end

        def work(_control: TaskControl) -> UtilisationData:
            return load_utilisation(services, code, start, end)

        def done(data: UtilisationData) -> None:
            if generation == self._generation:
                self.show_data(data)

        def failed(message: str) -> None:
            if generation == self._generation:
                self._loading = False
                self.status_label.setText(message)
                self.load_failed.emit(message)

        def cancelled() -> None:
            if generation == self._generation:
                self._loading = False
                self.status_label.clear()

        self._runner.run(
            work,
            on_done=done,
            on_failed=failed,
            on_cancelled=cancelled,
            owner=self,
            name="utilisation.load",
        )

    def show_data(self, data: UtilisationData) -> None:
        selected = self.selected_day()
        self._loading = False
        self.status_label.clear()
        self.model.set_data(data)
        self._show_summary(data)
        keep = selected.day if selected is not None else None
        if keep is None or not data.start <= keep <= data.end:
            keep = self.today if data.start <= self.today <= data.end else None
        if keep is not None:
            self.select_day(keep)
        else:
            self._show_detail(None)
        self.loads += 1
        self.loaded.emit()

    def showEvent(self, event: QShowEvent) -> None:
        # Bookings change all day: coming back to the page reads the period again.
        if self._shown_before and not self._loading:
            self.reload()
        self._shown_before = True
        super().showEvent(event)

    # -- summary and detail --------------------------------------------------------------------
    def _show_summary(self, data: UtilisationData) -> None:
        whole = totals(data.days)
        mix = ", ".join(
            QCoreApplication.translate("UtilisationPage", "{channel} {share}").format(
                channel=channel_label(c), share=format_percent(whole.share(c))
            )
            for c in CHANNEL_ORDER
        )
        self.summary_label.setText(
            QCoreApplication.translate(
                "UtilisationPage",
                "Capacity {capacity} seats, booked {booked} ({utilisation}). Channel mix: {mix}.",
            ).format(
                capacity=format_count(whole.capacity),
                booked=format_count(whole.booked),
                utilisation=format_percent(whole.utilisation),
                mix=mix if whole.booked else "—",
            )
        )
        before = [d for d in data.days if not d.live]
        after = [d for d in data.days if d.live]
        go_live = data.clinic.go_live_date
        if before and after and go_live is not None:
            b, a = totals(before), totals(after)
            self.split_label.setText(
                QCoreApplication.translate(
                    "UtilisationPage",
                    "Before go-live ({go_live}): capacity {b_capacity}, booked {b_booked} "
                    "({b_utilisation}). From go-live: capacity {a_capacity}, booked {a_booked} "
                    "({a_utilisation}), online {online}.",
                ).format(
                    go_live=format_date(go_live),
                    b_capacity=format_count(b.capacity),
                    b_booked=format_count(b.booked),
                    b_utilisation=format_percent(b.utilisation),
                    a_capacity=format_count(a.capacity),
                    a_booked=format_count(a.booked),
                    a_utilisation=format_percent(a.utilisation),
                    online=format_percent(a.share(Channel.ONLINE)),
                )
            )
        elif go_live is None:
            self.split_label.setText(
                QCoreApplication.translate(
                    "UtilisationPage", "No go-live date: telephone and ATBS bookings only."
                )
            )
        elif after:
            self.split_label.setText(
                QCoreApplication.translate(
                    "UtilisationPage", "Live since {go_live}: online and manual telephone."
                ).format(go_live=format_date(go_live))
            )
        else:
            self.split_label.setText(
                QCoreApplication.translate(
                    "UtilisationPage", "Goes live on {go_live}: telephone and ATBS until then."
                ).format(go_live=format_date(go_live))
            )

    def selected_day(self) -> DayUtilisation | None:
        indexes = self.view.selectionModel().selectedIndexes()
        if not indexes:
            return None
        day = indexes[0].data(UTILISATION_ROLE)
        return day if isinstance(day, DayUtilisation) else None

    def select_day(self, day: date) -> None:
        index = self.model.index_for(day)
        if index.isValid() and self.model.flags(index) & Qt.ItemFlag.ItemIsSelectable:
            self.view.setCurrentIndex(index)
            self.view.scrollTo(index)
        else:
            self.view.clearSelection()
            self._show_detail(None)

    def _selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        self._show_detail(self.selected_day())

    def detail_text(self) -> str:
        """The day panel as plain text (tests, copying)."""
        return self.detail_label.text()

    def _show_detail(self, day: DayUtilisation | None) -> None:
        if day is None:
            self.detail_box.setTitle(QCoreApplication.translate("UtilisationPage", "Day"))
            self.detail_label.setText(
                html.escape(
                    QCoreApplication.translate(
                        "UtilisationPage", "Click a day to see its bookings by channel."
                    )
                )
            )
            return
        data = self.model.loaded
        go_live = data.clinic.go_live_date if data else None
        self.detail_box.setTitle(format_date_long(day.day))
        parts: list[str] = []
        status = day_status(day)
        if status != OPEN:
            parts.append(f"<p><b>{html.escape(status_text(status, day))}</b></p>")
        if go_live == day.day:
            parts.append(
                "<p><b>{}</b></p>".format(
                    html.escape(
                        QCoreApplication.translate(
                            "UtilisationPage", "Go-live date: online booking starts."
                        )
                    )
                )
            )
        channels = (
            QCoreApplication.translate("UtilisationPage", "Online and manual telephone (live)")
            if day.live
            else QCoreApplication.translate(
                "UtilisationPage", "Manual telephone and ATBS (not live yet)"
            )
        )
        parts.append(f"<p>{html.escape(channels)}</p>")
        parts.append(
            "<p>{}<br>{}</p>".format(
                html.escape(
                    QCoreApplication.translate(
                        "UtilisationPage", "Capacity: {capacity} seats"
                    ).format(capacity=format_count(day.capacity))
                ),
                html.escape(
                    QCoreApplication.translate(
                        "UtilisationPage", "online {online}, telephone {telephone}"
                    ).format(
                        online=format_count(day.online_seats),
                        telephone=format_count(day.telephone_seats),
                    )
                ),
            )
        )
        parts.append(
            "<p>{}</p>".format(
                html.escape(
                    QCoreApplication.translate(
                        "UtilisationPage", "Booked: {booked} ({utilisation})"
                    ).format(
                        booked=format_count(day.booked_total),
                        utilisation=format_percent(percent(day.booked_total, day.capacity)),
                    )
                )
            )
        )
        rows = []
        for channel in CHANNEL_ORDER:
            count = day.booked.get(channel.value, 0)
            colour = CHANNEL_COLOURS[channel].name()
            rows.append(
                f'<tr><td><span style="color:{colour}">■</span> '
                f"{html.escape(channel_label(channel))}</td>"
                f'<td align="right">&nbsp;{format_count(count)}</td></tr>'
            )
        parts.append("<table>{}</table>".format("".join(rows)))
        closures = [c for c in (data.closures if data else []) if c.day == day.day]
        if closures:
            items = []
            for closure in closures:
                what = closure.session_name or QCoreApplication.translate(
                    "UtilisationPage", "Whole day"
                )
                items.append(
                    "<li>{}</li>".format(
                        html.escape(
                            QCoreApplication.translate(
                                "UtilisationPage",
                                "{what} closed: {reason} ({affected} booked to call)",
                            ).format(what=what, reason=closure.reason, affected=closure.affected)
                        )
                    )
                )
            parts.append(
                "<p><b>{}</b></p><ul>{}</ul>".format(
                    html.escape(QCoreApplication.translate("UtilisationPage", "Closures")),
                    "".join(items),
                )
            )
        self.detail_label.setText("".join(parts))
