"""The daily appointment list (R11) of one clinic and date, as PDF and as F7 CSV.

One list per clinic and date with all its sessions: a table per session in time order (slot time,
booking reference, English and Chinese name, masked HKID, category, channel and an empty box to
tick attendance), the session's totals, and the cancelled appointments in a section of their own
at the end. Header: the clinic in English and Chinese, the date with its weekday in both
languages, ``RESTRICTED (STAFF)``, who printed it and when (Hong Kong time); footer "Page x of y".
No date of birth, e-mail or telephone number: :class:`DailyListRow` has no field for them.

A date without sessions (weekend, holiday, no template) still gives a one-page list that says
why; a clinic that is not live yet still has a list (its telephone bookings, R7.2).

* CSV (:func:`write_daily_list_csv`): formats.md F7 under the R12.3 rules (BOM, CRLF, every field
  quoted, formula-like cells prefixed with ``'``).
* PDF (:func:`write_daily_list_pdf`): A4 portrait, set in the embedded font of
  :mod:`fc_admin.exchange.pdf_fonts` (HKSCS names such as 梁綫𨋢 included). Long tables repeat
  their column heads on every page; a name too long for its column wraps, never clips. A
  character the font lacks refuses the document (:class:`DailyListError`, naming the font and
  the characters) rather than print an empty box.

R9.3: ``hkid_masked`` must already be masked (``A123XXX(X)``), anything else is refused, and every
other text passes through :func:`~fc_admin.domain.privacy.mask_hkids_in_text`.
"""

from __future__ import annotations

import contextlib
import functools
import os
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, fields, replace
from datetime import date, datetime, time
from pathlib import Path
from typing import Any, Final
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    PageTemplate,
    Paragraph,
    Spacer,
)

from fc_admin.domain.hktime import HONG_KONG, require_aware
from fc_admin.domain.privacy import mask_hkids_in_text
from fc_admin.exchange.activation_letter import format_date_en, format_date_zh
from fc_admin.exchange.excel_csv import write_excel_csv
from fc_admin.exchange.pdf_fonts import (
    FontProblem,
    RegisteredFont,
    cjk_font,
    describe_characters,
    missing_glyphs,
)
from fc_admin.exchange.staff_pdf import (
    CHANNEL_LABELS,
    DEPARTMENT,
    MARKING,
    MARKING_ZH,
    MASKED_HKID,
    WEEKDAYS_EN,
    WEEKDAYS_ZH,
    draw_restricted_marking,
)

__all__ = [
    "DAILY_LIST_HEADER",
    "DailyList",
    "DailyListError",
    "DailyListRow",
    "DailySession",
    "date_en",
    "date_zh",
    "write_daily_list_csv",
    "write_daily_list_pdf",
]

# formats.md F7
DAILY_LIST_HEADER: Final = (
    "clinic",
    "date",
    "session",
    "time",
    "booking_ref",
    "name_en",
    "name_zh",
    "hkid_masked",
    "category",
    "channel",
    "status",
)

CANCELLED: Final = "CANCELLED"
_SHOWN_PROBLEMS: Final = 20


@dataclass(frozen=True)
class DailyListRow:
    """One appointment; ``hkid_masked`` already masked (R9.3). No DOB, e-mail or phone (R11)."""

    session: str
    start_time: time
    booking_ref: str
    name_en: str
    name_zh: str
    hkid_masked: str
    category: str
    channel: str  # online | manual | atbs
    status: str  # BOOKED | ATTENDED | NO_SHOW | CANCELLED


@dataclass(frozen=True)
class DailySession:
    """One session of the day with its appointments (not cancelled), by time then reference."""

    name: str
    start: time | None  # None: a session the template in force does not have (see ``scheduled``)
    end: time | None
    rows: tuple[DailyListRow, ...]
    closed: bool = False  # R10.2
    closure_reason: str = ""
    scheduled: bool = True  # False: appointments left on a session no longer in the template

    @property
    def total(self) -> int:
        return len(self.rows)

    def by_channel(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for row in self.rows:
            counts[row.channel] = counts.get(row.channel, 0) + 1
        return counts


@dataclass(frozen=True)
class DailyList:
    """R11: everything the list of one clinic and date shows."""

    clinic_code: str
    clinic_name_en: str
    clinic_name_zh: str
    day: date
    live: bool  # R7.1, on ``day``
    sessions: tuple[DailySession, ...]  # in time order
    cancelled: tuple[DailyListRow, ...]  # by time then reference
    no_sessions_en: str = ""  # why the date has no sessions (empty when it has some)
    no_sessions_zh: str = ""

    @property
    def total(self) -> int:
        """Appointments not cancelled."""
        return sum(s.total for s in self.sessions)

    def all_rows(self) -> Iterator[DailyListRow]:
        for session in self.sessions:
            yield from session.rows
        yield from self.cancelled


class DailyListError(ValueError):
    """The daily list cannot be written; the message says why (never with a full HKID)."""


def date_en(day: date) -> str:
    """``Friday 24 January 2025``."""
    return f"{WEEKDAYS_EN[day.weekday()]} {format_date_en(day)}"


def date_zh(day: date) -> str:
    """``2025年1月24日 星期五``."""
    return f"{format_date_zh(day)} {WEEKDAYS_ZH[day.weekday()]}"


def _masked(daily: DailyList) -> DailyList:
    """``daily`` checked (R9.3) and with anything HKID-shaped in its texts masked."""
    bad = [
        row.booking_ref or "?"
        for row in daily.all_rows()
        if not MASKED_HKID.fullmatch(row.hkid_masked)
    ]
    if bad:
        # Not quoted: a value that is no masked HKID may be a full one (R9.3).
        raise DailyListError(
            "hkid_masked is not a masked HKID (A123XXX(X)) for booking "
            + ", ".join(mask_hkids_in_text(ref) for ref in bad[:_SHOWN_PROBLEMS])
            + (f" and {len(bad) - _SHOWN_PROBLEMS} more" if len(bad) > _SHOWN_PROBLEMS else "")
        )

    def row(r: DailyListRow) -> DailyListRow:
        changes: dict[str, Any] = {
            f.name: mask_hkids_in_text(v)
            for f in fields(r)
            if isinstance(v := getattr(r, f.name), str)
        }
        return replace(r, **changes)

    return replace(
        daily,
        clinic_name_en=mask_hkids_in_text(daily.clinic_name_en),
        clinic_name_zh=mask_hkids_in_text(daily.clinic_name_zh),
        sessions=tuple(
            replace(
                s,
                rows=tuple(map(row, s.rows)),
                closure_reason=mask_hkids_in_text(s.closure_reason),
            )
            for s in daily.sessions
        ),
        cancelled=tuple(map(row, daily.cancelled)),
    )


# --- CSV (F7) ----------------------------------------------------------------------------------


def write_daily_list_csv(daily: DailyList, path: Path) -> int:
    """Write ``daily`` to ``path`` as F7 (R12.3); the number of rows, cancelled ones included.

    Rows by session (in time order) then time and reference, the cancelled ones last.
    """
    checked = _masked(daily)
    return write_excel_csv(
        path,
        list(DAILY_LIST_HEADER),
        (
            (
                checked.clinic_code,
                checked.day.isoformat(),
                row.session,
                f"{row.start_time:%H:%M}",
                row.booking_ref,
                row.name_en,
                row.name_zh,
                row.hkid_masked,
                row.category,
                row.channel,
                row.status,
            )
            for row in checked.all_rows()
        ),
    )


# --- PDF: texts --------------------------------------------------------------------------------

_TITLE_EN: Final = "Daily appointment list"
_TITLE_ZH: Final = "每日預約名單"
_CLOSED: Final = "CLOSED / 停診"
_NOT_SCHEDULED: Final = "not in the session template / 不在時段範本內"
_NO_APPOINTMENTS: Final = "No appointments in this session. / 此時段沒有預約。"
_NOT_LIVE: Final = (
    "Online booking is not live at this clinic on this date: telephone bookings only. / "
    "此診所於當日尚未開放網上預約，只有電話預約。"
)
_CANCELLED_EN: Final = "Cancelled appointments"
_CANCELLED_ZH: Final = "已取消的預約"
_COLUMNS: Final = (
    # (English, Chinese, width in mm); the widths add up to the frame's 186 mm.
    ("Time", "時間", 12),
    ("Booking ref.", "預約編號", 33),
    ("Name (English)", "英文姓名", 46),
    ("Name (Chinese)", "中文姓名", 22),
    ("HKID", "身份證號碼", 24),
    ("Category", "類別", 19),
    ("Channel", "預約途徑", 18),
    ("Attended", "已到", 12),
)
_CANCELLED_COLUMNS: Final = (*_COLUMNS[:6], ("Channel", "預約途徑", 28))
_CATEGORIES: Final = {
    "officer": "Officer\n公務員",
    "pensioner": "Pensioner\n退休人員",
    "survivor": "Survivor\n遺屬",
    "dependant": "Dependant\n家屬",
}
_CHANNEL_CELL: Final = {key: text.replace(" ", "\n", 1) for key, text in CHANNEL_LABELS.items()}
_FIXED_TEXTS: Final = (
    DEPARTMENT,
    MARKING,
    MARKING_ZH,
    _TITLE_EN,
    _TITLE_ZH,
    _CLOSED,
    _NOT_SCHEDULED,
    _NO_APPOINTMENTS,
    _NOT_LIVE,
    _CANCELLED_EN,
    _CANCELLED_ZH,
    *(en + zh for en, zh, _ in _COLUMNS),
    *_CATEGORIES.values(),
    *CHANNEL_LABELS.values(),
    *WEEKDAYS_EN,
    *WEEKDAYS_ZH,
    "JanuaryFebruaryMarchAprilMayJuneJulyAugustSeptemberOctoberNovemberDecember",
    "0123456789年月日（）第頁共，:·–—/ Session 時段 Total 合共 appointment(s) 個預約 online "
    "telephone 網上 電話 自動",
    "Printed by 列印者 on 於 (Hong Kong time) 香港時間 Page of 全日",
)

# --- PDF: layout -------------------------------------------------------------------------------

_PAGE_WIDTH: Final[float] = A4[0]
_PAGE_HEIGHT: Final[float] = A4[1]
_MARGIN_X: Final[float] = 12 * mm
_MARGIN_TOP: Final[float] = 10 * mm
_MARGIN_BOTTOM: Final[float] = 9 * mm
_WIDTH: Final[float] = _PAGE_WIDTH - 2 * _MARGIN_X
_RUNNING_HEADER: Final[float] = 15 * mm
_FOOTER: Final[float] = 11 * mm
_PAD: Final[float] = 3.0  # cell padding left and right, points

_INK: Final = colors.HexColor("#1a1a1a")
_GREY: Final = colors.HexColor("#555555")
_RULE: Final = colors.HexColor("#7a7a7a")
_HEAD_FILL: Final = colors.HexColor("#e6e9ee")
_ZEBRA: Final = colors.HexColor("#f6f7f9")

_CELL_SIZE: Final = 9.0
_CELL_LEADING: Final = 11.0


class _Styles:
    def __init__(self, font: str) -> None:
        self.font = font

        def style(name: str, size: float, leading: float, **extra: Any) -> ParagraphStyle:
            extra.setdefault("textColor", _INK)
            extra.setdefault("wordWrap", "CJK")  # break anywhere a line must
            return ParagraphStyle(name, fontName=font, fontSize=size, leading=leading, **extra)

        self.title = style("title", 16, 20)
        self.clinic = style("clinic", 12.5, 17)
        self.body = style("body", 9.5, 13)
        self.notice = style("notice", 12, 17)
        self.session = style("session", 11, 14)
        self.totals = style("totals", 9, 12, textColor=_GREY)
        self.head = style("head", 7.5, 9.5, textColor=_GREY)
        self.cell = style("cell", _CELL_SIZE, _CELL_LEADING)
        # English names wrap between words (a word too long for the cell is split all the same).
        self.cell_en = style("cell_en", _CELL_SIZE, _CELL_LEADING, wordWrap=None)


def _lines(style: ParagraphStyle, *texts: str) -> Paragraph:
    return Paragraph("<br/>".join(escape(text) for text in texts), style)


def write_daily_list_pdf(
    daily: DailyList, path: Path, *, printed_by: str, printed_at: datetime
) -> int:
    """Write ``daily`` to the PDF ``path``; the number of pages.

    ``printed_at`` must be aware (printed in Hong Kong time). :class:`DailyListError`, before
    anything is written, if an ``hkid_masked`` is not masked, a text has a character the font
    cannot print, or the font or the path cannot be used.
    """
    require_aware(printed_at, "printed_at")
    checked = _masked(daily)
    printed_by = mask_hkids_in_text(printed_by)
    try:
        font = cjk_font()
    except FontProblem as exc:
        raise DailyListError(f"cannot print the daily list: {exc}") from exc
    _check_glyphs(checked, printed_by, font)
    styles = _Styles(font.name)
    try:
        handle, temporary_name = tempfile.mkstemp(
            dir=path.parent, prefix=f".{path.name}.", suffix=".tmp"
        )
    except OSError as exc:
        raise DailyListError(f"cannot write {path}: {exc.strerror or exc}") from exc
    temporary = Path(temporary_name)
    try:
        with open(handle, "wb") as out:
            pages = _build(out, checked, styles, printed_by, printed_at.astimezone(HONG_KONG))
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            temporary.unlink()
        if isinstance(exc, OSError):
            raise DailyListError(f"cannot write {path}: {exc.strerror or exc}") from exc
        raise
    return pages


def _check_glyphs(daily: DailyList, printed_by: str, font: RegisteredFont) -> None:
    problems: list[str] = []
    missing = missing_glyphs("".join(_FIXED_TEXTS), font)
    if missing:
        problems.append(f"the list's own text has {describe_characters(missing)}")
    texts: list[tuple[str, str]] = [
        ("the clinic name", daily.clinic_name_en + daily.clinic_name_zh),
        ("the note on the date", daily.no_sessions_en + daily.no_sessions_zh),
        ("printed_by", printed_by),
    ]
    for session in daily.sessions:
        texts.append((f"session {session.name}", session.name + session.closure_reason))
    for row in daily.all_rows():
        for item in fields(row):
            value = getattr(row, item.name)
            if isinstance(value, str):
                texts.append((f"booking {row.booking_ref}: {item.name}", value))
    for what, text in texts:
        missing = missing_glyphs(text, font)
        if missing:
            problems.append(f"{what} has {describe_characters(missing)}")
    if problems:
        shown = problems[:_SHOWN_PROBLEMS]
        if len(problems) > len(shown):
            shown.append(f"… and {len(problems) - len(shown)} more")
        raise DailyListError(
            f"cannot print the daily list: the font {font.describe()} has no glyph for:\n"
            + "\n".join(shown)
        )


def _numbered_canvas(font: str) -> type[Canvas]:
    """A canvas that writes "Page x of y" once it knows y: one layout pass, not two."""

    class NumberedCanvas(Canvas):  # type: ignore[misc]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:  # ReportLab's method name
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for number, state in enumerate(self._pages, start=1):
                self.__dict__.update(state)
                self.saveState()
                self.setFillColor(_GREY)
                self.setFont(font, 8.5)
                self.drawRightString(
                    _PAGE_WIDTH - _MARGIN_X,
                    _MARGIN_BOTTOM + 2 * mm,
                    f"Page {number} of {total} / 第{number}頁，共{total}頁",
                )
                self.restoreState()
                super().showPage()
            super().save()

    return NumberedCanvas


def _build(
    out: Any, daily: DailyList, styles: _Styles, printed_by: str, printed_at: datetime
) -> int:
    frame_bottom = _MARGIN_BOTTOM + _FOOTER
    frame_height = _PAGE_HEIGHT - _MARGIN_TOP - _RUNNING_HEADER - frame_bottom

    def frame(name: str) -> Frame:
        return Frame(
            _MARGIN_X,
            frame_bottom,
            _WIDTH,
            frame_height,
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
            id=name,
        )

    def on_page(canvas: Any, doc: Any) -> None:
        _draw_page(canvas, daily, styles.font, doc.page, printed_by, printed_at)

    doc = BaseDocTemplate(
        out,
        pagesize=A4,
        leftMargin=_MARGIN_X,
        rightMargin=_MARGIN_X,
        topMargin=_MARGIN_TOP,
        bottomMargin=_MARGIN_BOTTOM,
        title=f"{_TITLE_EN} / {_TITLE_ZH} — {daily.clinic_code} {daily.day.isoformat()}",
        author="Department of Health / 衞生署",
        creator="fc-admin",
        subject=MARKING,
        initialFontName=styles.font,
    )
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame("page")], onPage=on_page)])
    doc.build(_story(daily, styles), canvasmaker=_numbered_canvas(styles.font))
    pages: int = doc.page
    return pages


def _channel_totals(counts: dict[str, int]) -> str:
    online = counts.get("online", 0)
    phone = sum(n for channel, n in counts.items() if channel != "online")
    return f"online 網上 {online} · telephone 電話 {phone}"


def _story(daily: DailyList, styles: _Styles) -> list[Any]:
    story: list[Any] = [
        _lines(styles.title, f"{_TITLE_EN} / {_TITLE_ZH}"),
        Spacer(1, 1 * mm),
        _lines(styles.clinic, f"{daily.clinic_name_en}  {daily.clinic_name_zh}"),
        _lines(styles.clinic, f"{date_en(daily.day)} / {date_zh(daily.day)}"),
        Spacer(1, 2 * mm),
    ]
    summary = [
        f"Sessions 時段: {len([s for s in daily.sessions if s.scheduled])} · "
        f"Total 合共: {daily.total} appointment(s) 個預約 "
        f"({_channel_totals(_count_channels(daily))}) · cancelled 已取消: {len(daily.cancelled)}"
    ]
    if not daily.live:
        summary.append(_NOT_LIVE)
    story.append(_lines(styles.body, *summary))

    if daily.no_sessions_en or daily.no_sessions_zh:
        # R11: a date with no sessions gives a list that says so, not an empty page.
        story += [
            Spacer(1, 8 * mm),
            _lines(styles.notice, daily.no_sessions_en, daily.no_sessions_zh),
        ]

    for session in daily.sessions:
        story += [CondPageBreak(30 * mm), Spacer(1, 4 * mm), *_session_block(session, styles)]

    if daily.cancelled:
        heading = (
            f"{_CANCELLED_EN} / {_CANCELLED_ZH} · {len(daily.cancelled)} appointment(s) 個預約"
        )
        story += [
            CondPageBreak(30 * mm),
            Spacer(1, 6 * mm),
            _table(heading, list(daily.cancelled), styles.font, cancelled=True),
        ]
    return story


def _count_channels(daily: DailyList) -> dict[str, int]:
    counts: dict[str, int] = {}
    for session in daily.sessions:
        for channel, n in session.by_channel().items():
            counts[channel] = counts.get(channel, 0) + n
    return counts


def _session_block(session: DailySession, styles: _Styles) -> list[Any]:
    if session.start is not None and session.end is not None:
        times = f"{session.start:%H:%M}–{session.end:%H:%M}"
    else:
        times = _NOT_SCHEDULED
    heading = f"Session {session.name} / 時段 {session.name} · {times}"
    if session.closed:
        heading += f" · {_CLOSED}"
        if session.closure_reason:
            heading += f": {session.closure_reason}"
    totals = (
        f"Total 合共 {session.name}: {session.total} appointment(s) 個預約 "
        f"({_channel_totals(session.by_channel())})"
    )
    if not session.rows:
        return [_lines(styles.session, heading), _lines(styles.body, _NO_APPOINTMENTS, totals)]
    return [
        _table(heading, list(session.rows), styles.font),
        Spacer(1, 1 * mm),
        _lines(styles.totals, totals),
    ]


@functools.lru_cache(maxsize=4096)
def _wrap(text: str, font: str, size: float, width: float) -> tuple[str, ...]:
    """``text`` in lines no wider than ``width`` points: between words where it can, inside a
    word (a long surname, a Chinese name) where it must; never clipped (R11)."""
    if "\n" not in text and len(text) * size <= width:
        return (text,)  # no glyph is wider than 1 em: fits without measuring
    lines: list[str] = []
    for paragraph in text.split("\n"):
        if stringWidth(paragraph, font, size) <= width:
            lines.append(paragraph)
            continue
        current = ""
        for word in paragraph.split(" "):
            candidate = f"{current} {word}" if current else word
            if stringWidth(candidate, font, size) <= width:
                current = candidate
                continue
            if current:
                lines.append(current)
            while len(word) > 1 and stringWidth(word, font, size) > width:
                cut = len(word) - 1
                while cut > 1 and stringWidth(word[:cut], font, size) > width:
                    cut -= 1
                lines.append(word[:cut])
                word = word[cut:]
            current = word
        lines.append(current)
    return tuple(lines)


@dataclass(frozen=True)
class _Line:
    """One appointment's cells, already wrapped, and its height."""

    cells: tuple[tuple[str, ...], ...]
    height: float


class _RowsTable(Flowable):  # type: ignore[misc]
    """One session (or the cancelled section): heading, column heads, appointment lines.

    ReportLab's Table wraps and splits a long table again on each page and draws each cell
    through the general machinery, which for 1,500 appointments takes seconds. This flowable
    wraps each cell once, splits by summing known heights, and draws plain text; the heading
    and the column heads are repeated on every page the table continues on (R11).
    """

    def __init__(
        self,
        heading: str,
        columns: tuple[tuple[str, str, float], ...],
        lines: list[_Line],
        font: str,
        tick: bool,
        first_index: int = 0,
        continued: bool = False,
    ) -> None:
        super().__init__()
        self.heading = heading
        self.columns = columns
        self.lines = lines
        self.font = font
        self.tick = tick
        self.first_index = first_index
        self.continued = continued
        self.width = sum(width for _, _, width in columns) * mm
        title = heading + ("  (continued / 續)" if continued else "")
        self.title_lines = _wrap(title, font, _TITLE_SIZE, self.width)
        self.top = len(self.title_lines) * _TITLE_LEADING + 3 + _HEAD_HEIGHT

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.height = self.top + sum(line.height for line in self.lines)
        return self.width, self.height

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        room = available_height - self.top
        used = 0.0
        count = 0
        for line in self.lines:
            if used + line.height > room:
                break
            used += line.height
            count += 1
        if count == 0:
            return []
        if count == len(self.lines):
            return [self]
        return [
            _RowsTable(
                self.heading,
                self.columns,
                self.lines[:count],
                self.font,
                self.tick,
                self.first_index,
                self.continued,
            ),
            _RowsTable(
                self.heading,
                self.columns,
                self.lines[count:],
                self.font,
                self.tick,
                self.first_index + count,
                continued=True,
            ),
        ]

    def draw(self) -> None:
        canvas = self.canv
        font = self.font
        width = self.width
        y = self.height
        canvas.setFillColor(_INK)
        canvas.setFont(font, _TITLE_SIZE)
        for text in self.title_lines:
            y -= _TITLE_LEADING
            canvas.drawString(0, y + 3, text)
        y -= 3
        lefts = []
        x = 0.0
        for _, _, column_width in self.columns:
            lefts.append(x)
            x += column_width * mm

        # Column heads, English over Chinese.
        canvas.setFillColor(_HEAD_FILL)
        canvas.rect(0, y - _HEAD_HEIGHT, width, _HEAD_HEIGHT, stroke=0, fill=1)
        canvas.setStrokeColor(_RULE)
        canvas.setLineWidth(0.8)
        canvas.line(0, y, width, y)
        canvas.line(0, y - _HEAD_HEIGHT, width, y - _HEAD_HEIGHT)
        canvas.setFillColor(_GREY)
        canvas.setFont(font, _HEAD_SIZE)
        for left, (en, zh, _) in zip(lefts, self.columns, strict=True):
            canvas.drawString(left + _PAD, y - 3 - _HEAD_SIZE, en)
            canvas.drawString(left + _PAD, y - 3 - _HEAD_SIZE - _HEAD_LEADING, zh)
        y -= _HEAD_HEIGHT

        # Zebra stripes and rules first, then all text in one font and colour.
        text_columns = len(self.columns) - (1 if self.tick else 0)
        stripe = sum(width for _, _, width in self.columns[:text_columns]) * mm
        row_y = y
        canvas.setLineWidth(0.3)
        canvas.setFillColor(_ZEBRA)
        for index, line in enumerate(self.lines, start=self.first_index):
            if index % 2:
                canvas.rect(0, row_y - line.height, stripe, line.height, stroke=0, fill=1)
            row_y -= line.height
            canvas.line(0, row_y, width, row_y)
        if self.tick:
            canvas.setStrokeColor(_INK)
            canvas.setLineWidth(0.8)
            left = lefts[-1] + (self.columns[-1][2] * mm - _TICK) / 2
            row_y = y
            for line in self.lines:
                canvas.rect(left, row_y - (line.height + _TICK) / 2, _TICK, _TICK)
                row_y -= line.height
        text = canvas.beginText()
        text.setFont(font, _CELL_SIZE, _CELL_LEADING)
        text.setFillColor(_INK)
        row_y = y
        for line in self.lines:
            for left, cell in zip(lefts, line.cells, strict=False):
                # Vertically centred in the line.
                first = row_y - (line.height - len(cell) * _CELL_LEADING) / 2 - _CELL_SIZE + 1
                for offset, part in enumerate(cell):
                    text.setTextOrigin(left + _PAD, first - offset * _CELL_LEADING)
                    text.textOut(part)
            row_y -= line.height
        canvas.drawText(text)


_TITLE_SIZE: Final = 11.0
_TITLE_LEADING: Final = 14.0
_HEAD_SIZE: Final = 7.5
_HEAD_LEADING: Final = 9.0
_HEAD_HEIGHT: Final = 6 + _HEAD_SIZE + _HEAD_LEADING + 2
_ROW_PAD: Final = 3.0  # above and below the text of a line
_TICK: Final = 4.2 * mm


def _table(
    heading: str, rows: list[DailyListRow], font: str, cancelled: bool = False
) -> _RowsTable:
    """A heading and column heads (repeated on each page), then one line per appointment."""
    columns = _CANCELLED_COLUMNS if cancelled else _COLUMNS
    widths = [width * mm - 2 * _PAD for _, _, width in columns]
    lines = []
    for row in rows:
        channels = CHANNEL_LABELS if cancelled else _CHANNEL_CELL
        texts = (
            f"{row.start_time:%H:%M}",
            row.booking_ref,
            row.name_en,
            row.name_zh,
            row.hkid_masked,
            _CATEGORIES.get(row.category, row.category),
            channels.get(row.channel, row.channel),
        )
        cells = tuple(
            _wrap(text, font, _CELL_SIZE, width) for text, width in zip(texts, widths, strict=False)
        )
        height = max(len(cell) for cell in cells) * _CELL_LEADING + 2 * _ROW_PAD
        lines.append(_Line(cells, height))
    return _RowsTable(heading, columns, lines, font, tick=not cancelled)


def _draw_page(
    canvas: Any,
    daily: DailyList,
    font: str,
    number: int,
    printed_by: str,
    printed_at: datetime,
) -> None:
    left = _MARGIN_X
    right = _PAGE_WIDTH - _MARGIN_X
    top = _PAGE_HEIGHT - _MARGIN_TOP
    canvas.saveState()

    # The marking, top right of every page (the list holds personal data).
    draw_restricted_marking(canvas, font, right, top)

    canvas.setFillColor(_GREY)
    canvas.setFont(font, 8)
    canvas.drawString(left, top - 4 * mm, DEPARTMENT)
    if number > 1:
        canvas.setFillColor(_INK)
        running = (
            f"{_TITLE_EN} / {_TITLE_ZH} · {daily.clinic_name_en} {daily.clinic_name_zh} · "
            f"{date_en(daily.day)} / {date_zh(daily.day)}"
        )
        size = 9.0
        while size > 6 and canvas.stringWidth(running, font, size) > right - left:
            size -= 0.5  # a long clinic name: smaller, never past the margin
        canvas.setFont(font, size)
        canvas.drawString(left, top - 10 * mm, running)
    canvas.setStrokeColor(_RULE)
    canvas.setLineWidth(0.5)
    rule_y = top - _RUNNING_HEADER + 2.5 * mm
    canvas.line(left, rule_y, right, rule_y)

    # Footer: who printed it and when; "Page x of y" is added by the canvas once y is known.
    y = _MARGIN_BOTTOM + 2 * mm
    canvas.line(left, _MARGIN_BOTTOM + _FOOTER - 4 * mm, right, _MARGIN_BOTTOM + _FOOTER - 4 * mm)
    canvas.setFillColor(_GREY)
    canvas.setFont(font, 8)
    canvas.drawString(
        left,
        y,
        f"{MARKING} · Printed by 列印者: {printed_by} · {format_date_en(printed_at.date())} "
        f"{printed_at:%H:%M} (Hong Kong time 香港時間)",
    )
    canvas.restoreState()
