"""Reading the online booking system's activations file: ``account_id, activated_at``.

CSV, UTF-8 (with or without a byte-order mark), a header row naming both columns (in any order;
other columns are ignored). ``activated_at`` is ISO 8601 with a UTC offset
(``2025-02-03T10:15:00+08:00``): the online system knows the moment, and a moment without an
offset could be read eight hours wrong. Every problem of the file is reported, each with the
line and column (:class:`~fc_admin.exchange.errors.FileRejected`); the caller imports nothing of
a file with a problem.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Final

from fc_admin.domain.activation_codes import is_account_id, normalise_account_id
from fc_admin.exchange.errors import FileProblem, FileRejected, quote_value

__all__ = ["COLUMNS", "MAX_PROBLEMS", "ActivationLine", "read_activations"]

COLUMNS: Final = ("account_id", "activated_at")
MAX_PROBLEMS: Final = 1000


@dataclass(frozen=True)
class ActivationLine:
    line: int
    account_id: str
    activated_at: datetime  # aware


class _Problems:
    def __init__(self, file: str) -> None:
        self.file = file
        self.items: list[FileProblem] = []
        self.total = 0

    def add(self, line: int | None, column: str | None, reason: str) -> None:
        self.total += 1
        if len(self.items) < MAX_PROBLEMS:
            self.items.append(FileProblem(self.file, line, column, reason))


def _parse_moment(text: str) -> datetime:
    moment = datetime.fromisoformat(text)
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("no UTC offset")
    return moment


def read_activations(path: Path) -> list[ActivationLine]:
    """Every line of the file, checked; :class:`FileRejected` with every problem otherwise."""
    name = path.name or str(path)
    problems = _Problems(name)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise FileRejected(
            [FileProblem(name, None, None, f"cannot read the file: {exc.strerror or exc}")]
        ) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise FileRejected([FileProblem(name, line, None, "the file is not UTF-8 text")]) from None
    reader = csv.reader(text.splitlines())
    try:
        header = next(reader)
    except StopIteration:
        raise FileRejected([FileProblem(name, None, None, "the file is empty")]) from None
    columns = [h.strip().lower() for h in header]
    missing = [c for c in COLUMNS if c not in columns]
    if missing:
        raise FileRejected(
            [
                FileProblem(
                    name,
                    1,
                    None,
                    f"the header must name the columns {', '.join(COLUMNS)} "
                    f"(missing: {', '.join(missing)})",
                )
            ]
        )
    at_id = columns.index("account_id")
    at_moment = columns.index("activated_at")
    found: list[ActivationLine] = []
    first_line: dict[str, int] = {}
    for record in reader:
        line = reader.line_num
        if not any(cell.strip() for cell in record):
            continue
        if len(record) < len(columns):
            problems.add(line, None, f"{len(record)} fields, the header has {len(columns)}")
            continue
        raw_id = record[at_id].strip()
        account_id = normalise_account_id(raw_id)
        moment: datetime | None = None
        if not is_account_id(account_id):
            problems.add(line, "account_id", f"{quote_value(raw_id)} is not an account ID")
            account_id = ""
        elif account_id in first_line:
            problems.add(
                line,
                "account_id",
                f"{account_id} is listed twice (first on line {first_line[account_id]})",
            )
        else:
            first_line[account_id] = line
        raw_moment = record[at_moment].strip()
        try:
            moment = _parse_moment(raw_moment)
        except ValueError as exc:
            reason = (
                "needs a UTC offset, e.g. 2025-02-03T10:15:00+08:00"
                if str(exc) == "no UTC offset"
                else "is not an ISO 8601 moment, e.g. 2025-02-03T10:15:00+08:00"
            )
            problems.add(line, "activated_at", f"{quote_value(raw_moment)} {reason}")
        if account_id and moment is not None:
            found.append(ActivationLine(line, account_id, moment))
    if problems.items:
        raise FileRejected(problems.items, problems.total)
    if not found:
        raise FileRejected([FileProblem(name, None, None, "the file lists no activations")])
    return found
