"""The department query list (formats.md F4; R3.4, R12.1, R12.3).

One row per member and issue that needs the department to confirm or update particulars: the
officer's own questions (``QUERY``) and the undecided members whose verification found something
only the department can settle. Written as Excel CSV (R12.3) by
:func:`fc_admin.exchange.excel_csv.write_excel_csv`. No full HKID ever reaches the file (R9.3):
the member's HKID is given masked, and free text (names, the officer's note) is scrubbed of
anything shaped like an HKID.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Final

from fc_admin.domain.eligibility import (
    CHILD_STATUS_MISSING,
    DOB_MISMATCH,
    NAME_MISMATCH,
    PRINCIPAL_MISMATCH,
    RELATIONSHIP_MISMATCH,
    Outcome,
)
from fc_admin.domain.hktime import HONG_KONG
from fc_admin.domain.privacy import mask_hkids_in_text
from fc_admin.exchange.excel_csv import write_excel_csv
from fc_admin.exchange.xlsx import write_xlsx

__all__ = [
    "ISSUE_CODES",
    "NOT_FOUND",
    "QUERY",
    "QUERY_LIST_HEADER",
    "QueryListRow",
    "issues_for",
    "write_query_list",
    "write_query_list_xlsx",
]

NOT_FOUND: Final = "NOT_FOUND"
QUERY: Final = "QUERY"

QUERY_LIST_HEADER: Final = (
    "department",
    "form_id",
    "received_date",
    "staff_no",
    "principal_name_en",
    "member_name_en",
    "member_name_zh",
    "member_hkid_masked",
    "relationship",
    "date_of_birth_on_form",
    "issue_code",
    "issue_detail",
    "flagged_at",
)

# F4: the issue codes, in the order a member's rows are listed.
ISSUE_CODES: Final = (
    NOT_FOUND,
    DOB_MISMATCH,
    RELATIONSHIP_MISMATCH,
    PRINCIPAL_MISMATCH,
    NAME_MISMATCH,
    CHILD_STATUS_MISSING,
    QUERY,
)

# The file goes to a department's staff, who read it in English like the rest of F1-F5.
_DETAIL: Final = {
    NOT_FOUND: "no row with this HKID on the current roster of {department}",
    DOB_MISMATCH: "the date of birth on the form differs from the roster",
    RELATIONSHIP_MISMATCH: "the relationship on the form differs from the roster",
    PRINCIPAL_MISMATCH: "the principal or the department on the form differs from the roster",
    NAME_MISMATCH: "the name on the form differs from the roster{similarity}",
    CHILD_STATUS_MISSING: (
        "child aged 19 or 20: the roster gives no full-time education or infirmity status"
    ),
}

# What each outcome of an undecided member sends to the department (R3.2, F4). DUPLICATE and
# ELIGIBLE are the officers' business; INELIGIBLE only when the department may have forgotten the
# child's status; MISMATCH lists every particular that differs.
_CODES_BY_OUTCOME: Final = {
    Outcome.MISMATCH: (DOB_MISMATCH, RELATIONSHIP_MISMATCH, PRINCIPAL_MISMATCH, NAME_MISMATCH),
    Outcome.REVIEW: (NAME_MISMATCH,),
    Outcome.INELIGIBLE: (CHILD_STATUS_MISSING,),
}


@dataclass(frozen=True)
class QueryListRow:
    department: str
    form_id: str
    received_date: date
    staff_no: str | None
    principal_name_en: str
    member_name_en: str
    member_name_zh: str
    member_hkid_masked: str  # R9.3: A123XXX(X)
    relationship: str
    date_of_birth_on_form: date
    issue_code: str
    issue_detail: str
    flagged_at: datetime | None  # the query's decision time, else the verification's

    def cells(self, *, workbook: bool = False) -> tuple[object, ...]:
        """The row's cells; ``workbook``: ``flagged_at`` as a Hong Kong date-time, not text."""
        local = self.flagged_at.astimezone(HONG_KONG) if self.flagged_at is not None else None
        flagged: object = local
        if local is not None and not workbook:
            flagged = local.isoformat(timespec="seconds")
        return (
            self.department,
            self.form_id,
            self.received_date,
            _scrub(self.staff_no),
            _scrub(self.principal_name_en),
            _scrub(self.member_name_en),
            _scrub(self.member_name_zh),
            mask_hkids_in_text(self.member_hkid_masked),  # a full one given by mistake is masked
            self.relationship,
            self.date_of_birth_on_form,
            self.issue_code,
            _scrub(self.issue_detail),
            flagged,
        )


def _scrub(text: str | None) -> str | None:
    return None if text is None else mask_hkids_in_text(text)


def issues_for(
    *,
    department: str,
    decision: str | None,
    outcome: str | None,
    reasons: Sequence[str],
    note: str | None,
    similarity: float | None,
) -> list[tuple[str, str]]:
    """The (issue_code, issue_detail) rows of one member; empty when the department has none.

    A queried member gives one ``QUERY`` row with the officer's note; an approved or rejected
    member none; an undecided member the rows its verification outcome calls for.
    """
    if decision == "query":
        return [(QUERY, (note or "").strip())]
    if decision is not None or outcome is None:
        return []
    if outcome == Outcome.NOT_FOUND:
        return [(NOT_FOUND, _DETAIL[NOT_FOUND].format(department=department))]
    wanted = _CODES_BY_OUTCOME.get(Outcome(outcome), ())
    score = f" (similarity {similarity:.2f})" if similarity is not None else ""
    return [
        (code, _DETAIL[code].format(similarity=score))
        for code in ISSUE_CODES
        if code in wanted and code in reasons
    ]


def write_query_list(path: Path, rows: Iterable[QueryListRow]) -> int:
    """Write the F4 file to ``path`` (atomically, R12.3); the number of rows written."""

    def cells() -> Iterator[tuple[object, ...]]:
        for row in rows:
            yield row.cells()

    return write_excel_csv(path, list(QUERY_LIST_HEADER), cells())


def write_query_list_xlsx(path: Path, rows: Iterable[QueryListRow]) -> int:
    """The F4 rows as an Excel workbook (typed cells, R12.3 guard); the number of rows written."""
    return write_xlsx(
        path,
        QUERY_LIST_HEADER,
        (row.cells(workbook=True) for row in rows),
        sheet_title="Queries",
    )
