"""The closure call list (R10.2): the people to phone when a clinic day or session is closed.

When a clinic closes for a day or a session (typhoon signal No. 8, black rainstorm, staff
training), the appointments already booked on it are listed with each person's contact number
so that clinic staff can phone them. Two forms:

* CSV (:func:`write_call_list_csv`), under the R12.3 rules (UTF-8 with BOM, CRLF, every field
  quoted, formula-like cells prefixed with ``'`` — so ``+852 …`` numbers show as ``'+852 …``).
* PDF (:func:`write_call_list_pdf`), A4 landscape, English and Chinese by design: the clinic, the
  date with its weekday in both languages, the closure reason, a ``RESTRICTED (STAFF)`` marking,
  one table per session in time order with an empty "called" box for each person, who printed
  it and when, and "Page x of y".

R9.3: an HKID never appears in full. ``hkid_masked`` must already be masked (``A123XXX(X)``);
anything else is refused (:class:`CallListError`), and every other text is passed through
:func:`~fc_admin.domain.privacy.mask_hkids_in_text` in case an HKID was typed into it. The PDF is
set in the embedded font of :mod:`fc_admin.exchange.pdf_fonts` (HKSCS names such as 梁綫𨋢
included); a character the font lacks refuses the document rather than print an empty box.
Both files are written beside their destination and renamed over it when complete.
"""

from __future__ import annotations

import contextlib
import io
import os
import tempfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, fields, replace
from datetime import date, datetime, time
from pathlib import Path
from typing import Any, Final
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
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
    "CALL_LIST_HEADER",
    "CallListError",
    "CallListRow",
    "write_call_list_csv",
    "write_call_list_pdf",
]

CALL_LIST_HEADER: Final = (
    "clinic",
    "date",
    "session",
    "time",
    "booking_ref",
    "name_en",
    "name_zh",
    "hkid_masked",
    "contact_phone",
    "channel",
    "closure_reason",
)

# R9.3: the letters and the first three digits, then XXX(X).
_SHOWN_PROBLEMS: Final = 20


@dataclass(frozen=True)
class CallListRow:
    """One appointment on a closed day or session; ``hkid_masked`` already masked (R9.3)."""

    clinic_code: str
    clinic_name_en: str
    clinic_name_zh: str
    day: date
    session: str
    start_time: time
    booking_ref: str
    name_en: str
    name_zh: str
    hkid_masked: str
    contact_phone: str
    channel: str
    closure_reason: str


class CallListError(ValueError):
    """The call list cannot be written; the message says why (never with a full HKID)."""


# --- CSV -----------------------------------------------------------------------------------------


def write_call_list_csv(rows: Iterable[CallListRow], path: Path) -> int:
    """Write ``rows`` to ``path`` as R12.3 CSV with :data:`CALL_LIST_HEADER`; the row count.

    Rows are written by clinic, date, time and booking reference. :class:`CallListError` (and
    no file) if an ``hkid_masked`` is not a masked HKID.
    """
    ordered = sorted(rows, key=lambda r: (r.clinic_code, r.day, r.start_time, r.booking_ref))
    _check_masked(ordered)
    return write_excel_csv(
        path,
        list(CALL_LIST_HEADER),
        (
            (
                row.clinic_code,
                row.day.isoformat(),
                row.session,
                f"{row.start_time:%H:%M}",
                row.booking_ref,
                row.name_en,
                row.name_zh,
                row.hkid_masked,
                row.contact_phone,
                row.channel,
                row.closure_reason,
            )
            for row in map(_masked_texts, ordered)
        ),
    )


def _masked_texts(row: CallListRow) -> CallListRow:
    """``row`` with anything HKID-shaped in its free texts masked (R9.3)."""
    changes: dict[str, Any] = {
        item.name: mask_hkids_in_text(value)
        for item in fields(row)
        if isinstance(value := getattr(row, item.name), str)
    }
    return replace(row, **changes)


def _check_masked(rows: Sequence[CallListRow]) -> None:
    bad = [
        row.booking_ref or f"row {index}"
        for index, row in enumerate(rows, start=1)
        if not MASKED_HKID.fullmatch(row.hkid_masked)
    ]
    if bad:
        # Not quoted: a value that is no masked HKID may be a full one (R9.3).
        raise CallListError(
            "hkid_masked is not a masked HKID (A123XXX(X)) for booking "
            + ", ".join(mask_hkids_in_text(ref) for ref in bad[:_SHOWN_PROBLEMS])
            + (f" and {len(bad) - _SHOWN_PROBLEMS} more" if len(bad) > _SHOWN_PROBLEMS else "")
        )


# --- PDF: fixed texts --------------------------------------------------------------------------

_TITLE_EN: Final = "Call list – closure"
_TITLE_ZH: Final = "停診致電名單"
_REASON_LABEL: Final = "Reason for closure / 停診原因"
_AFFECTED_LABEL: Final = "Appointments affected / 受影響的預約"
_INSTRUCTION: Final = (
    "Phone each person below: the clinic is closed at the time of their appointment; offer "
    "another one. Tick the box once the person has been told."
)
_INSTRUCTION_ZH: Final = (
    "請致電下列人士，告知診所於其預約時段停診，並安排另一預約；通知後請在方格內加上剔號。"
)
_NONE_AFFECTED: Final = "No appointments are affected by this closure: nobody needs to be called."
_NONE_AFFECTED_ZH: Final = "是次停診沒有受影響的預約，無須致電任何人士。"
_NO_PHONE: Final = "no number / 沒有電話"
_COLUMNS: Final = (
    # (English, Chinese, width in mm); the widths add up to the frame's 269 mm.
    ("Time", "時間", 15),
    ("Booking ref.", "預約編號", 33),
    ("Name (English)", "英文姓名", 60),
    ("Name (Chinese)", "中文姓名", 30),
    ("HKID", "身份證號碼", 26),
    ("Contact phone", "聯絡電話", 32),
    ("Channel", "預約途徑", 29),
    ("Called", "已致電", 14),
    ("Notes", "備註", 30),
)
_FIXED_TEXTS: Final = (
    DEPARTMENT,
    MARKING,
    MARKING_ZH,
    _TITLE_EN,
    _TITLE_ZH,
    _REASON_LABEL,
    _AFFECTED_LABEL,
    _INSTRUCTION,
    _INSTRUCTION_ZH,
    _NONE_AFFECTED,
    _NONE_AFFECTED_ZH,
    _NO_PHONE,
    *(en + zh for en, zh, _ in _COLUMNS),
    *CHANNEL_LABELS.values(),
    *WEEKDAYS_EN,
    *WEEKDAYS_ZH,
    "JanuaryFebruaryMarchAprilMayJuneJulyAugustSeptemberOctoberNovemberDecember",
    "0123456789年月日（）第頁共，:·–—/ Session 時段 appointment(s) 個預約",
    "Printed by 列印者 on 於 (Hong Kong time) 香港時間 Page of",
)

# --- PDF: layout -------------------------------------------------------------------------------

_PAGE: Final = landscape(A4)
_PAGE_WIDTH: Final[float] = _PAGE[0]
_PAGE_HEIGHT: Final[float] = _PAGE[1]
_MARGIN_X: Final[float] = 14 * mm
_MARGIN_TOP: Final[float] = 11 * mm
_MARGIN_BOTTOM: Final[float] = 10 * mm
_WIDTH: Final[float] = _PAGE_WIDTH - 2 * _MARGIN_X
_RUNNING_HEADER: Final[float] = 15 * mm  # the marking and, after page 1, the running title
_FOOTER: Final[float] = 11 * mm

_INK: Final = colors.HexColor("#1a1a1a")
_GREY: Final = colors.HexColor("#555555")
_RULE: Final = colors.HexColor("#7a7a7a")
_HEAD_FILL: Final = colors.HexColor("#e6e9ee")
_ZEBRA: Final = colors.HexColor("#f6f7f9")


class _Styles:
    def __init__(self, font: str) -> None:
        self.font = font

        def style(name: str, size: float, leading: float, **extra: Any) -> ParagraphStyle:
            extra.setdefault("textColor", _INK)
            extra.setdefault("wordWrap", "CJK")  # break anywhere a line must: names, phones
            return ParagraphStyle(name, fontName=font, fontSize=size, leading=leading, **extra)

        self.title = style("title", 17, 22)
        self.clinic = style("clinic", 13, 18)
        self.body = style("body", 10, 14)
        self.label = style("label", 8.5, 11.5, textColor=_GREY)
        self.reason = style("reason", 11, 15)
        self.session = style("session", 11.5, 15)
        self.head = style("head", 8, 10, textColor=_GREY)
        self.cell = style("cell", 9.5, 12)
        # English names wrap between words (a word too long for the cell is split all the same).
        self.cell_en = style("cell_en", 9.5, 12, wordWrap=None)
        self.cell_big = style("cell_big", 11, 13.5)
        self.none = style("none", 12, 17)


def _p(text: str, style: ParagraphStyle) -> Paragraph:
    return Paragraph(escape(text), style)


def _lines(style: ParagraphStyle, *texts: str) -> Paragraph:
    """Several texts, one per line, in one paragraph."""
    return Paragraph("<br/>".join(escape(text) for text in texts), style)


class _TickBox(Flowable):  # type: ignore[misc]
    """An empty square to tick by hand once the person has been called."""

    def __init__(self, size: float) -> None:
        super().__init__()
        self.size = size

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        return available_width, self.size

    def draw(self) -> None:
        self.canv.setStrokeColor(_INK)
        self.canv.setLineWidth(0.8)
        self.canv.rect((self.width - self.size) / 2, 0, self.size, self.size)


def _date_en(day: date) -> str:
    """``Friday 24 January 2025``."""
    return f"{WEEKDAYS_EN[day.weekday()]} {format_date_en(day)}"


def _date_zh(day: date) -> str:
    """``2025年1月24日（星期五）``."""
    return f"{format_date_zh(day)}（{WEEKDAYS_ZH[day.weekday()]}）"


@dataclass(frozen=True)
class _Document:
    """Everything printed, checked and masked (R9.3)."""

    clinic_en: str
    clinic_zh: str
    day: date
    reason: str
    rows: tuple[CallListRow, ...]
    printed_by: str
    printed_at: datetime  # Hong Kong time

    def sessions(self) -> list[tuple[str, list[CallListRow]]]:
        """The rows by session, sessions in time order, rows by time and reference (R10.2)."""
        groups: dict[str, list[CallListRow]] = {}
        for row in sorted(self.rows, key=lambda r: (r.start_time, r.booking_ref)):
            groups.setdefault(row.session, []).append(row)
        return sorted(groups.items(), key=lambda item: (item[1][0].start_time, item[0]))


def write_call_list_pdf(
    rows: Iterable[CallListRow],
    path: Path,
    *,
    title_clinic_en: str,
    title_clinic_zh: str,
    day: date,
    printed_by: str,
    printed_at: datetime,
    closure_reason: str | None = None,
) -> int:
    """Write the call list of one clinic and ``day`` to the PDF ``path``; the number of pages.

    ``closure_reason`` is printed in the header; by default the reason the rows give (the
    reasons of several closures joined). An empty list gives one page saying that no
    appointment is affected. ``printed_at`` must be aware (printed in Hong Kong time).

    :class:`CallListError`, before anything is written, if a row is of another day or clinic,
    an ``hkid_masked`` is not masked, a text has a character the font cannot print, or the
    font or the path cannot be used.
    """
    require_aware(printed_at, "printed_at")
    listed = tuple(rows)
    _check_masked(listed)
    others = sorted({r.day.isoformat() for r in listed if r.day != day})
    if others:
        raise CallListError(
            f"the call list of {day.isoformat()} has rows of another day: {', '.join(others)}"
        )
    clinics = sorted({r.clinic_code for r in listed})
    if len(clinics) > 1:
        raise CallListError(f"a call list is of one clinic, not of {', '.join(clinics)}")
    if closure_reason is None:
        closure_reason = " / ".join(
            dict.fromkeys(r.closure_reason for r in listed if r.closure_reason)
        )
    document = _Document(
        clinic_en=mask_hkids_in_text(title_clinic_en),
        clinic_zh=mask_hkids_in_text(title_clinic_zh),
        day=day,
        reason=mask_hkids_in_text(closure_reason),
        rows=tuple(map(_masked_texts, listed)),
        printed_by=mask_hkids_in_text(printed_by),
        printed_at=printed_at.astimezone(HONG_KONG),
    )
    try:
        font = cjk_font()
    except FontProblem as exc:
        raise CallListError(f"cannot print the call list: {exc}") from exc
    _check_glyphs(document, font)
    styles = _Styles(font.name)

    # "Page x of y" needs y: lay the document out once to count its pages, then for real.
    pages = _build(io.BytesIO(), document, styles, total=None)
    try:
        handle, temporary_name = tempfile.mkstemp(
            dir=path.parent, prefix=f".{path.name}.", suffix=".tmp"
        )
    except OSError as exc:
        raise CallListError(f"cannot write {path}: {exc.strerror or exc}") from exc
    temporary = Path(temporary_name)
    try:
        with open(handle, "wb") as out:
            written = _build(out, document, styles, total=pages)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            temporary.unlink()
        if isinstance(exc, OSError):
            raise CallListError(f"cannot write {path}: {exc.strerror or exc}") from exc
        raise
    return written


def _check_glyphs(document: _Document, font: RegisteredFont) -> None:
    problems: list[str] = []
    missing = missing_glyphs("".join(_FIXED_TEXTS), font)
    if missing:
        problems.append(f"the list's own text has {describe_characters(missing)}")
    texts: list[tuple[str, str]] = [
        ("the clinic name", document.clinic_en + document.clinic_zh),
        ("the closure reason", document.reason),
        ("printed_by", document.printed_by),
    ]
    for row in document.rows:
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
        raise CallListError(
            f"cannot print the call list: the font {font.family} has no glyph for:\n"
            + "\n".join(shown)
        )


def _build(out: Any, document: _Document, styles: _Styles, total: int | None) -> int:
    """Lay ``document`` out into ``out``; the number of pages."""
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

    def decorate(first: bool) -> Callable[[Any, Any], None]:
        def on_page(canvas: Any, doc: Any) -> None:
            _draw_page(canvas, document, styles, doc.page, total, first)

        return on_page

    doc = BaseDocTemplate(
        out,
        pagesize=_PAGE,
        leftMargin=_MARGIN_X,
        rightMargin=_MARGIN_X,
        topMargin=_MARGIN_TOP,
        bottomMargin=_MARGIN_BOTTOM,
        title=f"{_TITLE_EN} / {_TITLE_ZH} — {document.clinic_en} {document.day.isoformat()}",
        author="Department of Health / 衞生署",
        creator="fc-admin",
        subject=MARKING,
        initialFontName=styles.font,
    )
    doc.addPageTemplates(
        [
            PageTemplate(
                id="first",
                frames=[frame("first")],
                onPage=decorate(True),
                autoNextPageTemplate="later",
            ),
            PageTemplate(id="later", frames=[frame("later")], onPage=decorate(False)),
        ]
    )
    doc.build(_story(document, styles))
    pages: int = doc.page
    return pages


def _story(document: _Document, styles: _Styles) -> list[Any]:
    story: list[Any] = [
        _p(f"{_TITLE_EN} / {_TITLE_ZH}", styles.title),
        Spacer(1, 1.5 * mm),
        _p(f"{document.clinic_en}  {document.clinic_zh}", styles.clinic),
        _p(f"{_date_en(document.day)} / {_date_zh(document.day)}", styles.clinic),
        Spacer(1, 3 * mm),
    ]
    summary = Table(
        [
            [_p(_REASON_LABEL, styles.label), _p(document.reason or "—", styles.reason)],
            [_p(_AFFECTED_LABEL, styles.label), _p(str(len(document.rows)), styles.reason)],
        ],
        colWidths=[62 * mm, _WIDTH - 62 * mm],
        hAlign="LEFT",
    )
    summary.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), styles.font),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 1.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
            ]
        )
    )
    story += [summary, Spacer(1, 2 * mm)]

    if not document.rows:
        # R10.2: the list is printed all the same, so that the closure's file is complete.
        story += [
            Spacer(1, 8 * mm),
            _lines(styles.none, _NONE_AFFECTED, _NONE_AFFECTED_ZH),
        ]
        return story

    story.append(_lines(styles.body, _INSTRUCTION, _INSTRUCTION_ZH))
    for name, rows in document.sessions():
        first, last = rows[0].start_time, rows[-1].start_time
        times = f"{first:%H:%M}" if first == last else f"{first:%H:%M}–{last:%H:%M}"
        count = len(rows)
        heading = (
            f"Session {name} / 時段 {name} · {times} · {count} appointment"
            f"{'' if count == 1 else 's'} / {count} 個預約"
        )
        reasons = list(dict.fromkeys(r.closure_reason for r in rows if r.closure_reason))
        if reasons and " / ".join(reasons) != document.reason:
            heading += f" · {' / '.join(reasons)}"
        # A heading never ends a page: room for it, the column heads and two rows, or a new page.
        story += [CondPageBreak(32 * mm), Spacer(1, 3 * mm), _table(heading, rows, styles)]
    return story


def _table(heading: str, rows: list[CallListRow], styles: _Styles) -> Table:
    """One session: its heading and the column heads (repeated on each page), then its rows."""
    title = [_p(heading, styles.session), *([""] * (len(_COLUMNS) - 1))]
    head = [_lines(styles.head, en, zh) for en, zh, _ in _COLUMNS]
    body = [
        [
            _p(f"{row.start_time:%H:%M}", styles.cell_big),
            _p(row.booking_ref, styles.cell),
            _p(row.name_en, styles.cell_en),
            _p(row.name_zh, styles.cell_big),
            _p(row.hkid_masked, styles.cell),
            _p(
                row.contact_phone or _NO_PHONE,
                styles.cell_big if row.contact_phone else styles.head,
            ),
            _p(CHANNEL_LABELS.get(row.channel, row.channel), styles.cell_en),
            _TickBox(4.5 * mm),
            "",
        ]
        for row in rows
    ]
    table = Table(
        [title, head, *body],
        colWidths=[width * mm for _, _, width in _COLUMNS],
        repeatRows=2,
        hAlign="LEFT",
    )
    commands: list[tuple[Any, ...]] = [
        # Table sets each cell's font even for flowables: Helvetica, never embedded, otherwise.
        ("FONTNAME", (0, 0), (-1, -1), styles.font),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("SPAN", (0, 0), (-1, 0)),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, -1), 4),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        ("LEFTPADDING", (0, 0), (0, 0), 0),
        ("TOPPADDING", (0, 0), (0, 0), 0),
        ("BOTTOMPADDING", (0, 0), (0, 0), 3),
        ("BACKGROUND", (0, 1), (-1, 1), _HEAD_FILL),
        ("LINEABOVE", (0, 1), (-1, 1), 0.8, _RULE),
        ("LINEBELOW", (0, 1), (-1, 1), 0.8, _RULE),
        ("LINEBELOW", (0, 2), (-1, -1), 0.3, _RULE),
        # Room to write a note by hand.
        ("LINEBEFORE", (-1, 2), (-1, -1), 0.3, _RULE),
    ]
    for index in range(3, len(rows) + 2, 2):
        commands.append(("BACKGROUND", (0, index), (-2, index), _ZEBRA))
    table.setStyle(TableStyle(commands))
    return table


def _draw_page(
    canvas: Any,
    document: _Document,
    styles: _Styles,
    number: int,
    total: int | None,
    first: bool,
) -> None:
    font = styles.font
    left = _MARGIN_X
    right = _PAGE_WIDTH - _MARGIN_X
    top = _PAGE_HEIGHT - _MARGIN_TOP
    canvas.saveState()

    # The marking, top right of every page (R9.3: the list holds personal data).
    draw_restricted_marking(canvas, font, right, top)

    canvas.setFillColor(_GREY)
    canvas.setFont(font, 8.5)
    canvas.drawString(left, top - 4 * mm, DEPARTMENT)
    if not first:
        canvas.setFillColor(_INK)
        canvas.setFont(font, 9.5)
        canvas.drawString(
            left,
            top - 10 * mm,
            f"{_TITLE_EN} / {_TITLE_ZH} · {document.clinic_en} {document.clinic_zh} · "
            f"{_date_en(document.day)} / {_date_zh(document.day)}",
        )
    canvas.setStrokeColor(_RULE)
    canvas.setLineWidth(0.5)
    rule_y = top - _RUNNING_HEADER + 2.5 * mm
    canvas.line(left, rule_y, right, rule_y)

    # Footer: who printed it and when, the marking, the page.
    y = _MARGIN_BOTTOM + 2 * mm
    canvas.line(left, _MARGIN_BOTTOM + _FOOTER - 4 * mm, right, _MARGIN_BOTTOM + _FOOTER - 4 * mm)
    canvas.setFillColor(_GREY)
    canvas.setFont(font, 8.5)
    at = document.printed_at
    canvas.drawString(
        left,
        y,
        f"Printed by 列印者: {document.printed_by} · on 於 {format_date_en(at.date())} "
        f"{at:%H:%M} (Hong Kong time 香港時間)",
    )
    pages = "?" if total is None else str(total)
    canvas.drawRightString(
        right, y, f"{MARKING} · Page {number} of {pages} / 第{number}頁，共{pages}頁"
    )
    canvas.restoreState()
