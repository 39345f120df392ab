"""Printed activation letters (R5.1): the details of the F6 email, on paper, in English and Chinese.

An in-person applicant without an email address gets a letter instead of the F6 email. One A4
page per member: the member's names and masked HKID (R9.3: never the full number), the account
ID and the single-use activation code in large, spaced characters, the activation deadline
(R5.3) and address, short instructions in both languages and the help desk (R6). A batch of
letters is one PDF, for one print run.

All text is set in the font of :mod:`fc_admin.exchange.pdf_fonts` (AR PL UMing HK, embedded as a
subset), whose Latin letters and digits all have the same width: the account ID and the code
line up like typewriter text. Every character is checked against the font before anything is
written; a name with a character the font lacks is refused with the character and the form ID
(:class:`LetterError`), never printed as an empty box.
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, fields
from datetime import date
from pathlib import Path
from typing import Any, Final
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Frame, Paragraph, Spacer, Table, TableStyle

from fc_admin.exchange.pdf_fonts import (
    FontProblem,
    RegisteredFont,
    cjk_font,
    describe_characters,
    missing_glyphs,
)

__all__ = ["LetterContent", "LetterError", "format_date_en", "format_date_zh", "write_letters"]

HELP_DESK_PHONE: Final = "2711 0213"
HELP_DESK_HOURS_EN: Final = "Monday to Friday 9:00–13:00 and 14:00–17:00"
HELP_DESK_HOURS_ZH: Final = "星期一至五 上午9時至下午1時、下午2時至5時"

_MONTHS: Final = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)

# R9.3: the letters and the first three digits, then XXX(X).
_MASKED_HKID = re.compile(r"[A-Z]{1,2}[0-9]{3}XXX\(X\)")

# The most problems listed in one LetterError; the rest are counted.
_SHOWN_PROBLEMS: Final = 20


@dataclass(frozen=True)
class LetterContent:
    """What one letter says; ``hkid_masked`` is already masked (``A123XXX(X)``, R9.3)."""

    name_en: str
    name_zh: str
    hkid_masked: str
    account_id: str
    code: str
    deadline: date
    activation_url: str
    form_id: str
    clinic_name_en: str
    clinic_name_zh: str
    issued_on: date


class LetterError(Exception):
    """The letters cannot be written; the message says why, naming the form IDs concerned."""


def format_date_en(day: date) -> str:
    """``8 January 2025``, whatever the locale."""
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def format_date_zh(day: date) -> str:
    """``2025年1月8日``."""
    return f"{day.year}年{day.month}月{day.day}日"


def write_letters(path: Path, letters: Sequence[LetterContent]) -> int:
    """Write ``letters`` to the PDF ``path``, one A4 page each; the number of pages.

    The PDF is written to a temporary file beside ``path`` and renamed over it only when
    complete, so a failure leaves no partial file (and an older file at ``path`` untouched).
    Raises :class:`LetterError` before writing anything if a letter has a character the font
    lacks (naming the character, the field and the form ID), an HKID that is not masked, an
    empty required field, or does not fit on its page; and if the font or the path cannot be
    used.
    """
    if not letters:
        raise LetterError("no letters to write")
    try:
        font = cjk_font()
    except FontProblem as exc:
        raise LetterError(f"cannot print letters: {exc}") from exc
    _check_font_covers_fixed_text(font)
    _check_letters(letters, font)
    styles = _Styles(font.name)
    pages = len(letters)
    room = _body_room(styles)
    stories: list[list[Any]] = []
    too_long: list[str] = []
    for letter in letters:
        story = _fit(letter, styles, room)
        if story is None:
            too_long.append(letter.form_id)
        else:
            stories.append(story)
    if too_long:
        raise LetterError(
            "cannot print the letters: the names of form(s) "
            + ", ".join(too_long)
            + " are too long for one page"
        )

    try:
        handle, temporary_name = tempfile.mkstemp(
            dir=path.parent, prefix=f".{path.name}.", suffix=".tmp"
        )
    except OSError as exc:
        raise LetterError(f"cannot write {path}: {exc.strerror or exc}") from exc
    temporary = Path(temporary_name)
    try:
        with open(handle, "wb") as out:
            canvas = Canvas(out, pagesize=A4, initialFontName=font.name, initialFontSize=10)
            canvas.setTitle("Activation letters / 啟用通知書")
            canvas.setAuthor("Department of Health / 衞生署")
            canvas.setCreator("fc-admin")
            for number, (letter, story) in enumerate(zip(letters, stories, strict=True), start=1):
                _draw_page(canvas, letter, story, styles, number, pages)
                canvas.showPage()
            canvas.save()
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            temporary.unlink()
        if isinstance(exc, OSError):
            raise LetterError(f"cannot write {path}: {exc.strerror or exc}") from exc
        raise
    return pages


# --- checks ------------------------------------------------------------------------------------

_REQUIRED: Final = ("name_en", "hkid_masked", "account_id", "code", "activation_url", "form_id")


def _check_font_covers_fixed_text(font: RegisteredFont) -> None:
    fixed = "".join(_FIXED_TEXTS) + "0123456789年月日第頁共，、"
    missing = missing_glyphs(fixed, font)
    if missing:
        raise LetterError(
            f"cannot print letters: font {font.describe()} has no glyph for "
            f"{describe_characters(missing)} of the letter's own text"
        )


def _check_letters(letters: Sequence[LetterContent], font: RegisteredFont) -> None:
    problems: list[str] = []
    for index, letter in enumerate(letters, start=1):
        form = f"form {letter.form_id}" if letter.form_id.strip() else f"letter {index}"
        for name in _REQUIRED:
            if not str(getattr(letter, name)).strip():
                problems.append(f"{form}: {name} is empty")
        # Not quoted: a value that is no masked HKID may be a full one (R9.3).
        if letter.hkid_masked.strip() and not _MASKED_HKID.fullmatch(letter.hkid_masked):
            problems.append(f"{form}: hkid_masked is not a masked HKID (A123XXX(X))")
        for item in fields(letter):
            value = getattr(letter, item.name)
            if not isinstance(value, str):
                continue
            missing = missing_glyphs(value, font)
            if missing:
                problems.append(
                    f"{form}: {item.name} has {describe_characters(missing)}, which the font "
                    f"{font.family} cannot print"
                )
    if problems:
        shown = problems[:_SHOWN_PROBLEMS]
        if len(problems) > len(shown):
            shown.append(f"… and {len(problems) - len(shown)} more")
        raise LetterError("cannot print the letters:\n" + "\n".join(shown))


# --- layout ------------------------------------------------------------------------------------

_PAGE_WIDTH: Final[float] = A4[0]
_PAGE_HEIGHT: Final[float] = A4[1]
_MARGIN_X: Final[float] = 22 * mm
_MARGIN_TOP: Final[float] = 18 * mm
_FOOTER_HEIGHT: Final[float] = 20 * mm
_WIDTH: Final[float] = _PAGE_WIDTH - 2 * _MARGIN_X
_HEADER_GAP: Final[float] = 6 * mm  # from the marking to the header
_RULE_GAP: Final[float] = 3 * mm  # from the header to its rule
_BODY_GAP: Final[float] = 5 * mm  # from the rule to the body

_INK: Final = colors.HexColor("#1a1a1a")
_GREY: Final = colors.HexColor("#555555")
_RULE: Final = colors.HexColor("#7a7a7a")
_BOX: Final = colors.HexColor("#f2f4f7")
_BOX_LINE: Final = colors.HexColor("#9aa3ad")

_HEADER_EN: Final = "Department of Health — Families Clinics Online Booking System"
_HEADER_ZH: Final = "衞生署 — 公務員診所網上預約系統"
_CONFIDENTIAL: Final = "Personal and confidential / 私人及機密"
_TITLE_EN: Final = "Your Online Booking System account"
_TITLE_ZH: Final = "閣下的網上預約系統帳戶"
_INTRO_EN: Final = (
    "Your application to the Families Clinics has been approved. Please activate your account of "
    "the Online Booking System with the details below."
)
_INTRO_ZH: Final = "閣下的公務員診所申請已獲批核。請以下列資料啟用閣下的網上預約系統帳戶。"
_LABELS: Final = {
    "date": ("Date of issue", "發出日期"),
    "clinic": ("Issued by", "發出診所"),
    "to": ("To", "致"),
    "hkid": ("HKID No.", "香港身份證號碼"),
    "account": ("Account ID", "帳戶號碼"),
    "code": ("Activation code", "啟動碼"),
    "deadline": ("Activate on or before", "啟用限期"),
    "url": ("Activation address", "啟用網址"),
}
_HOW_EN: Final = "How to activate"
_HOW_ZH: Final = "啟用方法"
_STEPS_EN: Final = (
    "Go to the activation address, enter your account ID and activation code, and activate "
    "your account once, on or before {deadline}.",
    "The activation code works only once. Keep it private.",
    "If the code expires, ask the help desk to issue a new one; the old code then no longer works.",
)
_STEPS_ZH: Final = (
    "請於{deadline}或之前前往啟用網址，輸入帳戶號碼及啟動碼啟用帳戶（只須啟用一次）。",
    "啟動碼只可使用一次，請妥為保管。",
    "如啟動碼已過期，請聯絡查詢熱線重新發出；原有的啟動碼隨即失效。",
)
_HELP_EN: Final = (
    f"Enquiries: Online Booking System help desk, telephone {HELP_DESK_PHONE} "
    f"({HELP_DESK_HOURS_EN})."
)
_HELP_ZH: Final = f"查詢：網上預約系統查詢熱線 {HELP_DESK_PHONE}（{HELP_DESK_HOURS_ZH}）。"
_NO_SIGNATURE: Final = (
    "This letter is computer-generated; no signature is required. 此信由電腦編印，毋須簽署。"
)
_FIXED_TEXTS: Final = (
    _HEADER_EN,
    _HEADER_ZH,
    _CONFIDENTIAL,
    _TITLE_EN,
    _TITLE_ZH,
    _INTRO_EN,
    _INTRO_ZH,
    *(text for pair in _LABELS.values() for text in pair),
    _HOW_EN,
    _HOW_ZH,
    *_STEPS_EN,
    *_STEPS_ZH,
    _HELP_EN,
    _HELP_ZH,
    _NO_SIGNATURE,
    "".join(_MONTHS),
    "Form ID Page of · /",
)


class _Styles:
    def __init__(self, font: str) -> None:
        self.font = font

        def style(name: str, size: float, leading: float, **extra: Any) -> ParagraphStyle:
            extra.setdefault("textColor", _INK)
            return ParagraphStyle(name, fontName=font, fontSize=size, leading=leading, **extra)

        self.header = style("header", 12.5, 17)
        self.body_en = style("body_en", 10, 14)
        self.body_zh = style("body_zh", 10, 15, wordWrap="CJK")
        self.small = style("small", 8.5, 12, textColor=_GREY, wordWrap="CJK")
        self.label_en = style("label_en", 8.5, 11, textColor=_GREY)
        self.label_zh = style("label_zh", 8.5, 11, textColor=_GREY, wordWrap="CJK")
        self.right = style("right", 10, 14, alignment=TA_RIGHT, wordWrap="CJK")
        self.name_en = style("name_en", 12.5, 16)
        self.name_zh = style("name_zh", 12.5, 17, wordWrap="CJK")
        self.name_en_small = style("name_en_small", 10.5, 13.5)
        self.name_zh_small = style("name_zh_small", 10.5, 14.5, wordWrap="CJK")
        self.title_en = style("title_en", 13, 17)
        self.title_zh = style("title_zh", 13, 18, wordWrap="CJK")
        self.value = style("value", 11, 15)
        self.value_zh = style("value_zh", 11, 16, wordWrap="CJK")
        # URLs break anywhere: an address has no spaces and must never run off the box.
        self.url = style("url", 10.5, 14, wordWrap="CJK")
        self.step_en = style("step_en", 9.5, 13, leftIndent=12, firstLineIndent=-12)
        self.step_zh = style("step_zh", 9.5, 14, leftIndent=14, firstLineIndent=-14, wordWrap="CJK")


def _p(text: str, style: ParagraphStyle) -> Paragraph:
    return Paragraph(escape(text), style)


class _SpacedText(Flowable):  # type: ignore[misc]
    """One line in large, evenly spaced characters (the account ID and the code).

    The font's Latin glyphs all have the same width, so characters line up; extra spacing
    between them keeps each one distinct. The text is drawn as one run, so copying it or
    extracting it gives the characters without spaces. Too long for the width available, it is
    set smaller rather than clipped.
    """

    def __init__(self, text: str, font: str, size: float, spacing: float) -> None:
        super().__init__()
        self.text = text
        self.font = font
        self.base_size = self.size = size
        self.base_spacing = self.spacing = spacing

    def _width_at(self, size: float, spacing: float) -> float:
        from reportlab.pdfbase.pdfmetrics import stringWidth

        width: float = stringWidth(self.text, self.font, size) + spacing * len(self.text)
        return width

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        natural = self._width_at(self.base_size, self.base_spacing)
        scale = min(1.0, available_width / natural) if natural > 0 else 1.0
        self.size = self.base_size * scale
        self.spacing = self.base_spacing * scale
        self.width = available_width
        self.height = self.size * 1.3
        return available_width, self.height

    def draw(self) -> None:
        text = self.canv.beginText(0, self.size * 0.3)
        text.setFont(self.font, self.size)
        text.setCharSpace(self.spacing)
        text.setFillColor(_INK)
        text.textOut(self.text)
        self.canv.drawText(text)


def _label(key: str, styles: _Styles) -> list[Paragraph]:
    """The English label over the Chinese one."""
    en, zh = _LABELS[key]
    return [_p(en, styles.label_en), _p(zh, styles.label_zh)]


def _inline_label(key: str, styles: _Styles) -> Paragraph:
    """The English and Chinese label on one line (wrapping if the column is too narrow)."""
    en, zh = _LABELS[key]
    return _p(f"{en} {zh}", styles.label_zh)


def _both(en: str, zh: str, style: ParagraphStyle) -> Paragraph:
    """An English and a Chinese value on one line, ``en / zh``, wrapping between them first."""
    return Paragraph(f"{escape(en)} / {escape(zh)}", style)


def _story(letter: LetterContent, styles: _Styles, compact: bool = False) -> list[Any]:
    """The body of a letter, below the header; ``compact`` for a name too long for the rest."""
    gap = 0.4 if compact else 1.0
    name_en_style, name_zh_style = (
        (styles.name_en_small, styles.name_zh_small)
        if compact
        else (styles.name_en, styles.name_zh)
    )
    issued_en, issued_zh = format_date_en(letter.issued_on), format_date_zh(letter.issued_on)
    deadline_en, deadline_zh = format_date_en(letter.deadline), format_date_zh(letter.deadline)
    label_width = 38 * mm

    date_block = Table(
        [
            [_inline_label("date", styles), _both(issued_en, issued_zh, styles.value_zh)],
            [
                _inline_label("clinic", styles),
                _both(letter.clinic_name_en, letter.clinic_name_zh, styles.value_zh),
            ],
        ],
        colWidths=[label_width, _WIDTH - label_width],
        hAlign="LEFT",
    )
    date_block.setStyle(_plain_table(styles.font))

    names: list[Any] = [_p(letter.name_en, name_en_style)]
    if letter.name_zh.strip():
        names.append(_p(letter.name_zh, name_zh_style))
    addressee = Table(
        [
            [_inline_label("to", styles), names],
            [_inline_label("hkid", styles), _p(letter.hkid_masked, styles.value)],
        ],
        colWidths=[label_width, _WIDTH - label_width],
        hAlign="LEFT",
    )
    addressee.setStyle(_plain_table(styles.font))

    box_label_width = 42 * mm
    value_width = _WIDTH - box_label_width - 2 * 8
    details = Table(
        [
            [_label("account", styles), _SpacedText(letter.account_id, styles.font, 20, 3.5)],
            [_label("code", styles), _SpacedText(letter.code, styles.font, 24, 5)],
            [_label("deadline", styles), _both(deadline_en, deadline_zh, styles.value_zh)],
            [_label("url", styles), _p(letter.activation_url, styles.url)],
        ],
        colWidths=[box_label_width, value_width + 2 * 8],
        hAlign="LEFT",
    )
    details.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), styles.font),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("BACKGROUND", (0, 0), (-1, -1), _BOX),
                ("BOX", (0, 0), (-1, -1), 0.8, _BOX_LINE),
                ("LINEBELOW", (0, 0), (-1, -2), 0.4, _BOX_LINE),
                ("LEFTPADDING", (0, 0), (-1, -1), 8),
                ("RIGHTPADDING", (0, 0), (-1, -1), 8),
                ("TOPPADDING", (0, 0), (-1, -1), 5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
            ]
        )
    )

    half = (_WIDTH - 6 * mm) / 2
    steps_en = [_p(_HOW_EN, styles.value)] + [
        _p(f"{n}. {text.format(deadline=deadline_en)}", styles.step_en)
        for n, text in enumerate(_STEPS_EN, start=1)
    ]
    steps_zh = [_p(_HOW_ZH, styles.value_zh)] + [
        _p(f"{n}. {text.format(deadline=deadline_zh)}", styles.step_zh)
        for n, text in enumerate(_STEPS_ZH, start=1)
    ]
    instructions = Table(
        [[steps_en, steps_zh]], colWidths=[half + 3 * mm, half + 3 * mm], hAlign="LEFT"
    )
    instructions.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), styles.font),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (0, 0), 0),
                ("RIGHTPADDING", (0, 0), (0, 0), 3 * mm),
                ("LEFTPADDING", (1, 0), (1, 0), 3 * mm),
                ("RIGHTPADDING", (1, 0), (1, 0), 0),
                ("LINEBEFORE", (1, 0), (1, 0), 0.4, _RULE),
            ]
        )
    )

    return [
        date_block,
        Spacer(1, 4 * mm * gap),
        addressee,
        Spacer(1, 6 * mm * gap),
        _p(_TITLE_EN, styles.title_en),
        _p(_TITLE_ZH, styles.title_zh),
        Spacer(1, 2 * mm * gap),
        _p(_INTRO_EN, styles.body_en),
        Spacer(1, 1 * mm * gap),
        _p(_INTRO_ZH, styles.body_zh),
        Spacer(1, 5 * mm * gap),
        details,
        Spacer(1, 6 * mm * gap),
        instructions,
        Spacer(1, 6 * mm * gap),
        _p(_HELP_EN, styles.body_en),
        _p(_HELP_ZH, styles.body_zh),
    ]


def _height(story: Sequence[Any]) -> float:
    total = 0.0
    for flowable in story:
        _, height = flowable.wrap(_WIDTH, _PAGE_HEIGHT)
        total += height + flowable.getSpaceBefore() + flowable.getSpaceAfter()
    return total


def _fit(letter: LetterContent, styles: _Styles, room: float) -> list[Any] | None:
    """The body of ``letter`` in the ``room`` there is, compacted if need be; None if too long."""
    for compact in (False, True):
        story = _story(letter, styles, compact)
        if _height(story) <= room:
            # Fresh flowables: wrap() leaves state behind that drawing must not depend on.
            return _story(letter, styles, compact)
    return None


def _plain_table(font: str) -> TableStyle:
    return TableStyle(
        [
            # Table sets each cell's font even for flowables: Helvetica, never embedded, otherwise.
            ("FONTNAME", (0, 0), (-1, -1), font),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 1.5),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
        ]
    )


def _header(styles: _Styles) -> list[Paragraph]:
    return [_p(_HEADER_EN, styles.header), _p(_HEADER_ZH, styles.header)]


def _body_top(styles: _Styles) -> float:
    """Where the body starts: below the marking, the header and its rule."""
    y = _PAGE_HEIGHT - _MARGIN_TOP - _HEADER_GAP
    for paragraph in _header(styles):
        y -= float(paragraph.wrap(_WIDTH, _PAGE_HEIGHT)[1])
    return y - _RULE_GAP - _BODY_GAP


def _body_room(styles: _Styles) -> float:
    return _body_top(styles) - (_MARGIN_TOP + _FOOTER_HEIGHT)


def _draw_page(
    canvas: Any,
    letter: LetterContent,
    story: list[Any],
    styles: _Styles,
    number: int,
    pages: int,
) -> None:
    font = styles.font
    top = _PAGE_HEIGHT - _MARGIN_TOP
    left = _MARGIN_X
    right = _PAGE_WIDTH - _MARGIN_X

    # Header: the marking, then the department and the system in both languages over a rule.
    canvas.setFillColor(_GREY)
    canvas.setFont(font, 8.5)
    canvas.drawRightString(right, top, _CONFIDENTIAL)
    canvas.setFillColor(_INK)
    y = top - _HEADER_GAP
    for paragraph in _header(styles):
        _, height = paragraph.wrap(_WIDTH, _PAGE_HEIGHT)
        y -= height
        paragraph.drawOn(canvas, left, y)
    y -= _RULE_GAP
    canvas.setStrokeColor(_RULE)
    canvas.setLineWidth(0.8)
    canvas.line(left, y, right, y)

    # Body: measured beforehand (_fit), so the frame takes it whole.
    body_bottom = _MARGIN_TOP + _FOOTER_HEIGHT
    frame = Frame(
        left,
        body_bottom,
        _WIDTH,
        _body_top(styles) - body_bottom,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
        showBoundary=0,
    )
    frame.addFromList(story, canvas)
    if story:  # cannot happen after _fit; never print a letter cut short
        raise LetterError(f"form {letter.form_id}: the letter does not fit on one page")

    # Footer: the no-signature note over a rule, the marking, the form ID and the page number.
    footer_top = _MARGIN_TOP + _FOOTER_HEIGHT - 4 * mm
    note = _p(_NO_SIGNATURE, styles.small)
    _, note_height = note.wrap(_WIDTH, 20 * mm)
    note.drawOn(canvas, left, footer_top - note_height)
    line_y = footer_top - note_height - 2 * mm
    canvas.setStrokeColor(_RULE)
    canvas.setLineWidth(0.5)
    canvas.line(left, line_y, right, line_y)
    canvas.setFillColor(_GREY)
    canvas.setFont(font, 8.5)
    baseline = line_y - 4 * mm
    canvas.drawString(left, baseline, _CONFIDENTIAL)
    canvas.drawRightString(
        right,
        baseline,
        f"Form ID {letter.form_id} · Page {number} of {pages} / 第{number}頁，共{pages}頁",
    )
    canvas.setFillColor(_INK)
