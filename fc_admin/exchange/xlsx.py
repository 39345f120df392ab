"""Excel workbooks (.xlsx) for departments (R12.3; formats.md F4, F5).

The same rows as the R12.3 CSV files, as a real workbook: text cells are typed as strings (staff
numbers keep their leading zeros, masked HKIDs stay as written), dates are Excel dates shown as
``yyyy-mm-dd`` (no day/month ambiguity), numbers are numbers. The header row is bold and frozen,
the columns are as wide as their contents. R12.3: no text cell may be taken for a formula, so a
string starting with ``=``, ``+``, ``-``, ``@``, tab or carriage return gets a leading ``'`` like
in the CSV files, and every string is stored explicitly as text. The file is written beside its
destination and renamed over it, so that a reader never sees half a file.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterable, Sequence
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path
from typing import Final

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from fc_admin.exchange.excel_csv import FORMULA_PREFIXES

__all__ = ["DATETIME_FORMAT", "DATE_FORMAT", "excel_text", "write_xlsx"]

DATE_FORMAT: Final = "yyyy-mm-dd"
DATETIME_FORMAT: Final = "yyyy-mm-dd hh:mm:ss"
_MAX_WIDTH: Final = 60
_MIN_WIDTH: Final = 6


def excel_text(text: str) -> str:
    """R12.3: formula-like text defused with a leading ``'`` (as in the CSV files)."""
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


def _put(cell: Cell, value: object) -> int:
    """Store ``value`` in ``cell`` with its proper type; the width its text needs."""
    if value is None:
        return 0
    if isinstance(value, bool):
        cell.value = value
        return 5
    if isinstance(value, int | float | Decimal):
        cell.value = value
        return len(str(value))
    if isinstance(value, datetime):
        # Excel has no time zones: the moment as the wall-clock time it carries (callers pass
        # Hong Kong times), without the offset.
        cell.value = value.replace(tzinfo=None)
        cell.number_format = DATETIME_FORMAT
        return len(DATETIME_FORMAT)
    if isinstance(value, date):
        cell.value = value
        cell.number_format = DATE_FORMAT
        return len(DATE_FORMAT)
    if isinstance(value, time):
        cell.value = value
        cell.number_format = "hh:mm:ss"
        return 8
    text = excel_text(str(value))
    cell.value = text
    cell.data_type = "s"  # text, never a formula or a number (leading zeros kept)
    return max((_display_width(line) for line in text.splitlines()), default=0)


def _display_width(text: str) -> int:
    # Chinese characters take about two columns.
    return sum(2 if ord(ch) > 0x2E7F else 1 for ch in text)


def write_xlsx(
    path: Path,
    header: Sequence[str],
    rows: Iterable[Sequence[object]],
    *,
    sheet_title: str = "Sheet1",
) -> int:
    """Write ``header`` and ``rows`` to ``path`` as one worksheet; the number of rows.

    Every row must have as many cells as the header (ValueError otherwise, and no file is left).
    """
    width = len(header)
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = sheet_title[:31]
    widths = [0] * width
    bold = Font(bold=True)
    for column, name in enumerate(header, start=1):
        cell = sheet.cell(row=1, column=column)
        widths[column - 1] = _put(cell, name)
        cell.font = bold
    count = 0
    for count, row in enumerate(rows, start=1):
        if len(row) != width:
            raise ValueError(f"row {count} has {len(row)} cells but the header has {width}")
        for column, value in enumerate(row, start=1):
            needed = _put(sheet.cell(row=count + 1, column=column), value)
            widths[column - 1] = max(widths[column - 1], needed)
    sheet.freeze_panes = "A2"
    for column, needed in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = min(
            _MAX_WIDTH, max(_MIN_WIDTH, needed + 2)
        )
    handle, temporary_name = tempfile.mkstemp(
        dir=path.parent, prefix=f".{path.name}.", suffix=".tmp"
    )
    os.close(handle)
    temporary = Path(temporary_name)
    try:
        workbook.save(temporary)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise
    return count
