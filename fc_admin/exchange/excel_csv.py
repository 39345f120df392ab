"""CSV files that departments open in Excel (R12.3; formats.md F4, F5, F7).

UTF-8 with a byte-order mark (without it Excel reads UTF-8 as the ANSI code page and Chinese
names turn to mojibake), CRLF line ends, every field quoted, and no cell that Excel would take for
a formula (CSV injection): a cell starting with ``=``, ``+``, ``-``, ``@``, tab or carriage return
gets a leading ``'``. The file is written beside its destination and renamed over it, so that a
reader never sees half a file.
"""

from __future__ import annotations

import contextlib
import csv
import os
import tempfile
from collections.abc import Iterable, Sequence
from datetime import date, datetime, time
from pathlib import Path
from typing import Final

__all__ = ["FORMULA_PREFIXES", "excel_safe", "write_excel_csv"]

# R12.3: the characters with which a cell may not start.
FORMULA_PREFIXES: Final = ("=", "+", "-", "@", "\t", "\r")


def excel_safe(value: object) -> str:
    """The text of one cell: None empty, dates and times ISO 8601, formula-like text defused.

    Numbers are text like any other, so a negative number shows as ``'-5`` (R12.3 allows no cell
    to start with ``-``).
    """
    if value is None:
        text = ""
    elif isinstance(value, datetime | date | time):
        text = value.isoformat()
    else:
        text = str(value)
    if text.startswith(FORMULA_PREFIXES):
        return "'" + text
    return text


def write_excel_csv(path: Path, header: list[str], rows: Iterable[Sequence[object]]) -> int:
    """Write ``header`` and ``rows`` to ``path`` as R12.3 CSV; the number of rows (not the header).

    Every row must have as many cells as the header (ValueError otherwise, and no file is left).
    ``rows`` may be a generator: it is written as it comes, never held whole.
    """
    width = len(header)
    handle, temporary_name = tempfile.mkstemp(
        dir=path.parent, prefix=f".{path.name}.", suffix=".tmp"
    )
    temporary = Path(temporary_name)
    count = 0
    try:
        # newline="" lets the csv module write its own CRLF without a second translation.
        with open(handle, "w", encoding="utf-8-sig", newline="") as out:
            writer = csv.writer(out, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
            writer.writerow([excel_safe(cell) for cell in header])
            for row in rows:
                if len(row) != width:
                    raise ValueError(
                        f"row {count + 1} has {len(row)} cells but the header has {width}"
                    )
                writer.writerow([excel_safe(cell) for cell in row])
                count += 1
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise
    return count
