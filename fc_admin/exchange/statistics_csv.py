"""Monthly statistics per department (formats.md F5; R12.2, R12.3).

One row per department and month, written as Excel CSV (R12.3) by
:func:`fc_admin.exchange.excel_csv.write_excel_csv` or as a workbook by
:func:`fc_admin.exchange.xlsx.write_xlsx`. What each column counts is defined by
:mod:`fc_admin.services.statistics`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from fc_admin.exchange.excel_csv import write_excel_csv
from fc_admin.exchange.xlsx import write_xlsx

__all__ = ["STATISTICS_HEADER", "MonthlyRow", "write_statistics_csv", "write_statistics_xlsx"]

STATISTICS_HEADER: Final = (
    "month",
    "department",
    "received",
    "eligible",
    "rejected",
    "queried",
    "issued",
    "activated",
    "median_working_days",
    "p90_working_days",
    "deadline_missed",
)


@dataclass(frozen=True)
class MonthlyRow:
    month: str  # YYYY-MM
    department: str
    received: int
    eligible: int
    rejected: int
    queried: int
    issued: int
    activated: int
    median_working_days: float | None  # None: no form completed in the month
    p90_working_days: float | None
    deadline_missed: int

    def cells(self) -> tuple[object, ...]:
        return (
            self.month,
            self.department,
            self.received,
            self.eligible,
            self.rejected,
            self.queried,
            self.issued,
            self.activated,
            _number(self.median_working_days),
            _number(self.p90_working_days),
            self.deadline_missed,
        )


def _number(value: float | None) -> int | float | None:
    """Whole numbers without a trailing ``.0`` (``7`` rather than ``7.0``)."""
    if value is None:
        return None
    return int(value) if float(value).is_integer() else round(value, 1)


def write_statistics_csv(path: Path, rows: Iterable[MonthlyRow]) -> int:
    """The F5 file as R12.3 CSV (atomically); the number of rows written."""
    return write_excel_csv(path, list(STATISTICS_HEADER), (row.cells() for row in rows))


def write_statistics_xlsx(path: Path, rows: Iterable[MonthlyRow]) -> int:
    """The F5 file as an Excel workbook (atomically); the number of rows written."""
    return write_xlsx(
        path, STATISTICS_HEADER, (row.cells() for row in rows), sheet_title="Statistics"
    )
