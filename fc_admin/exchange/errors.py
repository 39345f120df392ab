"""How a reader reports a bad file: file, line, column and a reason a clerk can act on (F1-F3).

Messages can end up in logs, the audit trail and screens seen by many roles, so they never carry
a full HKID (R9.3): readers show HKID values through :func:`safe_hkid_text`, and
:class:`FileProblem` masks anything HKID-shaped that slipped into a reason all the same.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from fc_admin.domain.hkid import InvalidHkid, mask_hkid
from fc_admin.domain.privacy import mask_hkids_in_text

__all__ = ["FileProblem", "FileRejected", "quote_value", "safe_hkid_text"]

# Long values are cut in messages: a clerk needs to recognise the value, not read a whole field.
_MAX_QUOTED = 40
# An HKID-like value that cannot be masked (not HKID-shaped) shows no more than this many
# characters: a mangled HKID (an extra space, a stray letter) can still be most of a real one.
_HKID_SHOWN = 4


def quote_value(value: str) -> str:
    """``value`` in single quotes for a message, cut to a readable length, HKIDs masked."""
    text = value if len(value) <= _MAX_QUOTED else value[:_MAX_QUOTED] + "…"
    return "'" + mask_hkids_in_text(text) + "'"


def safe_hkid_text(raw: str) -> str:
    """A quoted, masked rendering of a value given in an HKID field, valid or not (R9.3).

    A valid HKID shows as ``'A123XXX(X)'``. An invalid one shaped like an HKID is masked the same
    way; anything else shows only its first few characters (``'A12…'``), because the value may be
    a real HKID mistyped.
    """
    try:
        return "'" + mask_hkid(raw) + "'"
    except InvalidHkid:
        pass
    compact = "".join(unicodedata.normalize("NFKC", raw).split()).upper()
    masked = mask_hkids_in_text(compact)
    if masked != compact:
        return "'" + masked + "'"
    if len(compact) <= _HKID_SHOWN:
        return "'" + compact + "'"
    return "'" + compact[:_HKID_SHOWN] + "…'"


@dataclass(frozen=True)
class FileProblem:
    """One thing wrong with a file, at a line (1-based, None for the whole file) and column."""

    file: str
    line: int | None
    column: str | None
    reason: str

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f" line {self.line}"
        if self.column is not None:
            where += f", column {self.column}"
        # R9.3: last defence; readers already mask HKID values they quote.
        return f"{where}: {mask_hkids_in_text(self.reason)}"


class FileRejected(Exception):
    """A file refused whole (F1: nothing of a failing file is imported), with every problem.

    ``total`` is the number of problems found when the reader stopped listing them (readers cap
    the list); the message shows the first :attr:`SHOWN` and says how many more there are.
    """

    SHOWN = 20

    problems: list[FileProblem]
    total: int

    def __init__(self, problems: Sequence[FileProblem], total: int | None = None) -> None:
        self.problems = list(problems)
        self.total = max(len(self.problems), total if total is not None else 0)
        super().__init__(self._message())

    def _message(self) -> str:
        lines = [str(problem) for problem in self.problems[: self.SHOWN]]
        hidden = self.total - len(lines)
        if hidden > 0:
            lines.append(f"… and {hidden} more")
        return "\n".join(lines)

    def __str__(self) -> str:
        return self._message()
