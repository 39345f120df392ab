"""R7 at a glance: the six clinics' rollout on a date axis.

Each clinic is a row. Before its go-live date it is booked by manual telephone and ATBS, from
that date online and by manual telephone (R7.2): the two stretches are painted in two colours,
with a marker on the go-live date. A clinic without a go-live date is "not scheduled". A line
marks today and another the date the page previews (R7.3); clicking a date emits
``dateClicked`` so the page can show what changes on it.

Everything is measured from the font (rows, axis, legend), so the widget scales with the
screen's DPI and with Chinese text.
"""

from __future__ import annotations

import calendar
import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from PySide6.QtCore import (
    QCoreApplication,
    QDate,
    QEvent,
    QLocale,
    QPointF,
    QRectF,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFocusEvent,
    QFontMetrics,
    QHelpEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QPolygonF,
)
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from fc_admin.domain.booking_window import Channel, channels_serving, is_live
from fc_admin.services.clinics import ClinicRow
from fc_admin.views import messages
from fc_admin.views.formatting import format_date, joined, localized_name, to_qdate, ui_is_chinese

# R7.2: before go-live the telephone channels (manual + ATBS), from go-live online + manual.
BEFORE_COLOUR = QColor("#ffcc80")  # the ATBS orange of the utilisation calendar, lighter
AFTER_COLOUR = QColor("#90caf9")  # the online blue, lighter
UNSCHEDULED_COLOUR = QColor("#ffe0b2")
MARKER_COLOUR = QColor("#0d47a1")
TODAY_COLOUR = QColor("#c62828")
SELECTED_COLOUR = QColor("#37474f")
GRID_COLOUR = QColor(0, 0, 0, 40)
TEXT_ON_BAR = QColor("#212121")

_CHANNEL_ORDER = (Channel.ONLINE, Channel.MANUAL, Channel.ATBS)
BAR_LINES = 1.25  # a clinic's bar is this many text lines high


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later (earlier if negative), clamped to the month's last day."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def month_end(day: date) -> date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def quarter_of(day: date) -> tuple[date, date]:
    first = date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)
    return first, month_end(add_months(first, 2))


def timeline_range(go_lives: Sequence[date | None], today: date) -> tuple[date, date]:
    """From the month before the first go-live to three months after the last, in whole months,
    widened to include the month of ``today``; the quarter of ``today`` when no clinic has a
    go-live date."""
    scheduled = [d for d in go_lives if d is not None]
    if not scheduled:
        return quarter_of(today)
    start = add_months(min(scheduled), -1).replace(day=1)
    end = month_end(add_months(max(scheduled), 3))
    # Today always shows (long after the rollout, the "today" line must not fall off the axis).
    return min(start, today.replace(day=1)), max(end, month_end(today))


def month_label(day: date, with_year: bool) -> str:
    """``Jan`` / ``Jan 2025``; ``1月`` / ``2025年1月`` in the Chinese UI."""
    locale = QLocale()
    if ui_is_chinese():
        return f"{day.year}年{day.month}月" if with_year else f"{day.month}月"
    name = locale.standaloneMonthName(day.month, QLocale.FormatType.ShortFormat)
    return f"{name} {day.year}" if with_year else name


def channels_text(go_live: date | None, on: date) -> str:
    serving = channels_serving(go_live, on)
    return joined([messages.channel_name(c) for c in _CHANNEL_ORDER if c in serving])


@dataclass(frozen=True)
class _Metrics:
    """The widget's geometry for the current font and width (device-independent pixels)."""

    line: int  # font height
    margin: float
    label_width: float
    axis_top: float
    axis_height: float
    row_height: float
    plot_left: float
    plot_right: float
    rows_top: float
    legend_top: float


class RolloutTimeline(QWidget):
    """The clinics as rows over a date axis; ``dateClicked`` when a date is clicked."""

    dateClicked = Signal(QDate)
    clinicClicked = Signal(str)  # the code of the clinic whose row was clicked

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._clinics: list[ClinicRow] = []
        self._today = date.today()
        self._selected: date | None = None
        self._start, self._end = quarter_of(self._today)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)
        policy.setHeightForWidth(True)  # the legend wraps on a narrow window
        self.setSizePolicy(policy)
        self.setAccessibleName(QCoreApplication.translate("RolloutTimeline", "Rollout timeline"))

    # -- data ----------------------------------------------------------------------------------
    def set_clinics(self, clinics: Sequence[ClinicRow], today: date) -> None:
        self._clinics = list(clinics)
        self._today = today
        self._start, self._end = timeline_range([c.go_live_date for c in self._clinics], today)
        self.updateGeometry()
        self.update()

    def set_selected_date(self, day: date | None) -> None:
        if day != self._selected:
            self._selected = day
            self.update()

    @property
    def clinics(self) -> list[ClinicRow]:
        return list(self._clinics)

    @property
    def selected_date(self) -> date | None:
        return self._selected

    @property
    def visible_range(self) -> tuple[date, date]:
        """The first and last date on the axis (both included)."""
        return self._start, self._end

    # -- geometry ------------------------------------------------------------------------------
    def _labels(self) -> list[str]:
        return [localized_name(c.name_en, c.name_zh) for c in self._clinics]

    def _legend_items(self) -> list[tuple[str, str]]:
        return [
            (
                "before",
                QCoreApplication.translate("RolloutTimeline", "Before go-live: telephone + ATBS"),
            ),
            (
                "after",
                QCoreApplication.translate("RolloutTimeline", "From go-live: online + telephone"),
            ),
            ("unscheduled", QCoreApplication.translate("RolloutTimeline", "Not scheduled")),
            ("marker", QCoreApplication.translate("RolloutTimeline", "Go-live date")),
            ("today", QCoreApplication.translate("RolloutTimeline", "Today")),
            ("selected", QCoreApplication.translate("RolloutTimeline", "Date shown below")),
        ]

    def _legend_lines(self, fm: QFontMetrics, left: float, right: float) -> list[list[int]]:
        """The legend items (indexes) on each line, wrapped to the width."""
        swatch = fm.height() * 1.6
        gap = fm.height() * 1.2
        lines: list[list[int]] = [[]]
        x = left
        for i, (_kind, text) in enumerate(self._legend_items()):
            width = swatch + fm.height() * 0.4 + fm.horizontalAdvance(text)
            if lines[-1] and x + width > right:
                lines.append([])
                x = left
            lines[-1].append(i)
            x += width + gap
        return lines

    def _metrics(self, width: float | None = None) -> _Metrics:
        fm = self.fontMetrics()
        line = fm.height()
        width = float(self.width()) if width is None else width
        margin = line * 0.5
        labels = self._labels() or ["M" * 12]
        label_width = min(
            max(fm.horizontalAdvance(t) for t in labels) + line, max(width * 0.35, line * 4)
        )
        axis_top = margin
        axis_height = line * 2.5  # month names, then the today label, then ticks
        row_height = round(line * 1.9)
        plot_left = margin + label_width
        plot_right = max(plot_left + line * 4, width - margin)
        rows_top = axis_top + axis_height
        legend_top = rows_top + row_height * max(len(self._clinics), 1) + line * 0.6
        return _Metrics(
            line,
            margin,
            label_width,
            axis_top,
            axis_height,
            row_height,
            plot_left,
            plot_right,
            rows_top,
            legend_top,
        )

    def _height_for(self, width: float) -> int:
        m = self._metrics(width)
        lines = self._legend_lines(self.fontMetrics(), m.margin, width - m.margin)
        return int(m.legend_top + len(lines) * m.line * 1.5 + m.margin)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._height_for(float(width))

    def sizeHint(self) -> QSize:
        width = self.fontMetrics().height() * 48
        return QSize(width, self._height_for(float(width)))

    def minimumSizeHint(self) -> QSize:
        width = self.fontMetrics().height() * 24
        return QSize(width, self._height_for(float(self.width() or width)))

    def _day_width(self, m: _Metrics) -> float:
        days = (self._end - self._start).days + 1
        return (m.plot_right - m.plot_left) / days

    def x_for(self, day: date) -> float:
        """The x of the start (left edge) of ``day`` on the axis; a go-live marker sits there."""
        m = self._metrics()
        return m.plot_left + (day - self._start).days * self._day_width(m)

    def date_at(self, x: float) -> date | None:
        """The date under ``x``, or None left or right of the axis."""
        m = self._metrics()
        if x < m.plot_left or x >= m.plot_right:
            return None
        index = int((x - m.plot_left) / self._day_width(m) + 1e-9)
        day = self._start + timedelta(days=index)
        return min(day, self._end)

    def row_at(self, y: float) -> int | None:
        """The clinic row under ``y`` (0-based), or None."""
        m = self._metrics()
        if y < m.rows_top:
            return None
        row = int((y - m.rows_top) // m.row_height)
        return row if row < len(self._clinics) else None

    def row_center(self, code: str) -> float:
        m = self._metrics()
        row = [c.code for c in self._clinics].index(code)
        return m.rows_top + (row + 0.5) * m.row_height

    def bar_rect(self, code: str) -> QRectF:
        """The bar of clinic ``code`` (both stretches)."""
        m = self._metrics()
        height = m.line * BAR_LINES
        center = self.row_center(code)
        return QRectF(m.plot_left, center - height / 2, m.plot_right - m.plot_left, height)

    def axis_center(self) -> float:
        m = self._metrics()
        return m.axis_top + m.axis_height / 2

    def marker_position(self, code: str) -> QPointF | None:
        """Where the go-live marker of clinic ``code`` is drawn (None: not scheduled)."""
        clinic = next(c for c in self._clinics if c.code == code)
        if clinic.go_live_date is None:
            return None
        return QPointF(self.x_for(clinic.go_live_date), self.row_center(code))

    # -- painting ------------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        m = self._metrics()
        palette = self.palette()
        painter.fillRect(self.rect(), palette.color(QPalette.ColorRole.Base))
        self._paint_rows(painter, m)
        self._paint_axis(painter, m)
        self._paint_lines(painter, m)
        self._paint_legend(painter, m)
        if self.hasFocus():
            pen = QPen(palette.color(QPalette.ColorRole.Highlight))
            pen.setCosmetic(True)
            pen.setStyle(Qt.PenStyle.DotLine)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5))
        painter.end()

    def _paint_axis(self, painter: QPainter, m: _Metrics) -> None:
        fm = self.fontMetrics()
        text_colour = self.palette().color(QPalette.ColorRole.Text)
        baseline_y = m.axis_top + m.axis_height
        pen = QPen(text_colour)
        pen.setCosmetic(True)
        painter.setPen(pen)
        painter.drawLine(QPointF(m.plot_left, baseline_y), QPointF(m.plot_right, baseline_y))
        # Week ticks on Mondays.
        tick = m.line * 0.25
        day = self._start + timedelta(days=(7 - self._start.weekday()) % 7)
        while day <= self._end:
            x = self.x_for(day)
            painter.drawLine(QPointF(x, baseline_y - tick), QPointF(x, baseline_y))
            day += timedelta(days=7)
        # Months: a grid line at each first day, the label centred over the month when it fits.
        first = self._start.replace(day=1)
        month = first
        labelled_year: int | None = None
        rows_bottom = m.rows_top + m.row_height * len(self._clinics)
        while month <= self._end:
            left = self.x_for(max(month, self._start))
            right = self.x_for(min(month_end(month), self._end) + timedelta(days=1))
            if month >= self._start:
                grid = QPen(GRID_COLOUR)
                grid.setCosmetic(True)
                painter.setPen(grid)
                painter.drawLine(
                    QPointF(left, m.axis_top + m.line * 1.1), QPointF(left, rows_bottom)
                )
            with_year = labelled_year != month.year
            text = month_label(month, with_year)
            if fm.horizontalAdvance(text) > right - left - 4 and with_year:
                text = month_label(month, False)
                with_year = False
            if fm.horizontalAdvance(text) <= right - left - 4:
                painter.setPen(text_colour)
                painter.drawText(
                    QRectF(left, m.axis_top, right - left, m.line * 1.1),
                    int(Qt.AlignmentFlag.AlignCenter),
                    text,
                )
                if with_year:
                    labelled_year = month.year
            month = add_months(month, 1)

    def _paint_rows(self, painter: QPainter, m: _Metrics) -> None:
        fm = self.fontMetrics()
        palette = self.palette()
        text_colour = palette.color(QPalette.ColorRole.Text)
        bar_height = m.line * BAR_LINES
        for i, (clinic, label) in enumerate(zip(self._clinics, self._labels(), strict=True)):
            top = m.rows_top + i * m.row_height
            if i % 2:
                painter.fillRect(
                    QRectF(0, top, self.width(), m.row_height),
                    palette.color(QPalette.ColorRole.AlternateBase),
                )
            painter.setPen(text_colour)
            painter.drawText(
                QRectF(m.margin, top, m.label_width - m.line * 0.5, m.row_height),
                int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft),
                fm.elidedText(
                    label, Qt.TextElideMode.ElideRight, math.ceil(m.label_width - m.line * 0.5)
                ),
            )
            bar_top = top + (m.row_height - bar_height) / 2
            go_live = clinic.go_live_date
            if go_live is None:
                rect = QRectF(m.plot_left, bar_top, m.plot_right - m.plot_left, bar_height)
                painter.fillRect(rect, UNSCHEDULED_COLOUR)
                painter.fillRect(rect, QBrush(BEFORE_COLOUR, Qt.BrushStyle.BDiagPattern))
                self._bar_text(
                    painter,
                    rect,
                    QCoreApplication.translate(
                        "RolloutTimeline", "Not scheduled: telephone + ATBS"
                    ),
                )
                continue
            split = min(max(self.x_for(go_live), m.plot_left), m.plot_right)
            before = QRectF(m.plot_left, bar_top, split - m.plot_left, bar_height)
            after = QRectF(split, bar_top, m.plot_right - split, bar_height)
            if before.width() > 0:
                painter.fillRect(before, BEFORE_COLOUR)
                self._bar_text(
                    painter,
                    before,
                    QCoreApplication.translate("RolloutTimeline", "telephone + ATBS"),
                )
            if after.width() > 0:
                painter.fillRect(after, AFTER_COLOUR)
                marker_room = bar_height * 0.6
                self._bar_text(
                    painter,
                    after.adjusted(marker_room, 0, 0, 0),
                    QCoreApplication.translate(
                        "RolloutTimeline", "{date}: online + telephone"
                    ).format(date=format_date(go_live)),
                )
            self._paint_marker(painter, QPointF(split, bar_top + bar_height / 2), bar_height)

    def _bar_text(self, painter: QPainter, rect: QRectF, text: str) -> None:
        fm = self.fontMetrics()
        room = int(rect.width() - fm.height() * 0.6)
        if room < fm.horizontalAdvance("M…"):
            return
        painter.setPen(TEXT_ON_BAR)
        painter.drawText(
            rect.adjusted(fm.height() * 0.3, 0, 0, 0),
            int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft),
            fm.elidedText(text, Qt.TextElideMode.ElideRight, room),
        )

    @staticmethod
    def _paint_marker(painter: QPainter, center: QPointF, size: float) -> None:
        half = size * 0.55
        diamond = QPolygonF(
            [
                QPointF(center.x(), center.y() - half),
                QPointF(center.x() + half, center.y()),
                QPointF(center.x(), center.y() + half),
                QPointF(center.x() - half, center.y()),
            ]
        )
        pen = QPen(QColor("white"))
        pen.setCosmetic(True)
        painter.setPen(pen)
        painter.setBrush(MARKER_COLOUR)
        painter.drawPolygon(diamond)

    def _paint_lines(self, painter: QPainter, m: _Metrics) -> None:
        """Today and the date shown below, each a vertical line with its name on the axis."""
        fm = self.fontMetrics()
        rows_bottom = m.rows_top + m.row_height * len(self._clinics)
        for day, colour, style, text in (
            (
                self._today,
                TODAY_COLOUR,
                Qt.PenStyle.SolidLine,
                QCoreApplication.translate("RolloutTimeline", "Today"),
            ),
            (self._selected, SELECTED_COLOUR, Qt.PenStyle.DashLine, None),
        ):
            if day is None or not self._start <= day <= self._end:
                continue
            x = self.x_for(day)  # the start of the day, like the go-live markers
            pen = QPen(colour, max(1.5, m.line / 10))
            pen.setStyle(style)
            painter.setPen(pen)
            painter.drawLine(QPointF(x, m.axis_top + m.line * 2.1), QPointF(x, rows_bottom))
            if text is not None:
                width = fm.horizontalAdvance(text) + m.line * 0.4
                left = min(max(x - width / 2, m.plot_left), m.plot_right - width)
                label = QRectF(left, m.axis_top + m.line * 1.1, width, m.line)
                painter.fillRect(label, self.palette().color(QPalette.ColorRole.Base))
                painter.setPen(colour)
                painter.drawText(label, int(Qt.AlignmentFlag.AlignCenter), text)
            else:
                # A small triangle on the axis: the date the page shows what changes on.
                half = m.line * 0.35
                base = m.axis_top + m.axis_height
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(colour)
                painter.drawPolygon(
                    QPolygonF(
                        [
                            QPointF(x - half, base - half * 1.6),
                            QPointF(x + half, base - half * 1.6),
                            QPointF(x, base),
                        ]
                    )
                )

    def _paint_legend(self, painter: QPainter, m: _Metrics) -> None:
        fm = self.fontMetrics()
        items = self._legend_items()
        text_colour = self.palette().color(QPalette.ColorRole.Text)
        swatch_w = m.line * 1.6
        swatch_h = m.line * 0.8
        gap = m.line * 1.2
        lines = self._legend_lines(fm, m.margin, self.width() - m.margin)
        for row, indexes in enumerate(lines):
            y = m.legend_top + row * m.line * 1.5
            x = m.margin
            for i in indexes:
                kind, text = items[i]
                swatch = QRectF(x, y + (m.line - swatch_h) / 2, swatch_w, swatch_h)
                self._paint_swatch(painter, kind, swatch)
                x += swatch_w + m.line * 0.4
                painter.setPen(text_colour)
                advance = fm.horizontalAdvance(text)
                painter.drawText(
                    QRectF(x, y, advance + 1, m.line),
                    int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft),
                    text,
                )
                x += advance + gap

    def _paint_swatch(self, painter: QPainter, kind: str, rect: QRectF) -> None:
        center = rect.center()
        if kind == "before":
            painter.fillRect(rect, BEFORE_COLOUR)
        elif kind == "after":
            painter.fillRect(rect, AFTER_COLOUR)
        elif kind == "unscheduled":
            painter.fillRect(rect, UNSCHEDULED_COLOUR)
            painter.fillRect(rect, QBrush(BEFORE_COLOUR, Qt.BrushStyle.BDiagPattern))
        elif kind == "marker":
            self._paint_marker(painter, center, rect.height() * 1.2)
        else:
            colour = TODAY_COLOUR if kind == "today" else SELECTED_COLOUR
            pen = QPen(colour, max(1.5, rect.height() / 6))
            pen.setStyle(Qt.PenStyle.SolidLine if kind == "today" else Qt.PenStyle.DashLine)
            painter.setPen(pen)
            painter.drawLine(
                QPointF(center.x(), rect.top() - 2), QPointF(center.x(), rect.bottom() + 2)
            )

    # -- interaction ---------------------------------------------------------------------------
    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            super().mousePressEvent(event)
            return
        pos = event.position()
        m = self._metrics()
        rows_bottom = m.rows_top + m.row_height * len(self._clinics)
        day = self.date_at(pos.x())
        if day is None or not m.axis_top <= pos.y() < rows_bottom:
            super().mousePressEvent(event)
            return
        self._choose(day)
        row = self.row_at(pos.y())
        if row is not None:
            self.clinicClicked.emit(self._clinics[row].code)
        event.accept()

    def _choose(self, day: date) -> None:
        self.set_selected_date(day)
        self.dateClicked.emit(to_qdate(day))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Left / Right move the date shown by a day, Page Up / Page Down by a month."""
        steps = {
            Qt.Key.Key_Left: -1,
            Qt.Key.Key_Right: 1,
        }
        key = Qt.Key(event.key())
        current = self._selected or self._today
        if key in steps:
            day = current + timedelta(days=steps[key])
        elif key == Qt.Key.Key_PageUp:
            day = add_months(current, -1)
        elif key == Qt.Key.Key_PageDown:
            day = add_months(current, 1)
        else:
            super().keyPressEvent(event)
            return
        self._choose(min(max(day, self._start), self._end))
        event.accept()

    def focusInEvent(self, event: QFocusEvent) -> None:
        self.update()
        super().focusInEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self.update()
        super().focusOutEvent(event)

    def tooltip_at(self, x: float, y: float) -> str:
        """The tool tip for a point: the clinic, the date and the channels that book it then."""
        day = self.date_at(x)
        if day is None:
            return ""
        m = self._metrics()
        if m.axis_top <= y < m.rows_top:
            return QCoreApplication.translate(
                "RolloutTimeline", "{date}\nClick to see what changes on this date."
            ).format(date=format_date(day))
        row = self.row_at(y)
        if row is None:
            return ""
        clinic = self._clinics[row]
        name = localized_name(clinic.name_en, clinic.name_zh)
        if clinic.go_live_date is None:
            status = QCoreApplication.translate(
                "RolloutTimeline", "Not scheduled: no go-live date yet."
            )
        elif is_live(clinic.go_live_date, day):
            status = QCoreApplication.translate("RolloutTimeline", "Live since {date}.").format(
                date=format_date(clinic.go_live_date)
            )
        else:
            status = QCoreApplication.translate("RolloutTimeline", "Goes live on {date}.").format(
                date=format_date(clinic.go_live_date)
            )
        return QCoreApplication.translate(
            "RolloutTimeline", "{clinic} ({code})\n{date}: {channels}\n{status}"
        ).format(
            clinic=name,
            code=clinic.code,
            date=format_date(day),
            channels=channels_text(clinic.go_live_date, day),
            status=status,
        )

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            assert isinstance(event, QHelpEvent)
            text = self.tooltip_at(float(event.pos().x()), float(event.pos().y()))
            if text:
                QToolTip.showText(event.globalPos(), text, self)
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().event(event)
