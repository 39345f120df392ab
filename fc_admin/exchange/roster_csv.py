"""Reading a roster CSV (formats.md F1) as a stream of checked rows.

A roster is the whole list of one source (a department, or ``PEN`` for the Pensions Division) and
can hold 600,000 rows, so the reader never holds them all: iterating over a :class:`RosterReader`
yields lists of at most ``chunk_size`` :class:`RosterRow`. The caller inserts each chunk in one
transaction and, once the iteration is over, rolls everything back if :attr:`RosterReader.problems`
is not empty (F1: a failed import leaves the previous roster in place).

The reader goes on after a bad line so that a clerk gets every problem of a file at once (up to
:data:`MAX_PROBLEMS`). Only the checks that need the whole file (the same HKID twice, a dependant
whose principal is not in the file) are made at the end; for them the reader keeps compact integer
arrays, about 8 bytes per row, not the rows.

Encoding: a UTF-8 byte-order mark means UTF-8; otherwise the file is checked as UTF-8 and, if it
is not, as Big5-HKSCS (older departmental systems), in one binary pass each over 256 KB blocks, and
then read once more with the codec chosen. An explicit encoding skips the detection.
"""

from __future__ import annotations

import codecs
import csv
import re
from array import array
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, Final

from fc_admin.domain.eligibility import (
    CATEGORIES,
    CHILD_STATUSES,
    PRINCIPAL_CATEGORIES,
    RELATIONSHIPS,
    STATUSES,
)
from fc_admin.domain.hkid import InvalidHkid, normalise_hkid
from fc_admin.exchange.errors import FileProblem, quote_value, safe_hkid_text

if TYPE_CHECKING:
    from _csv import Reader as CsvReader

__all__ = [
    "MAX_PROBLEMS",
    "OPTIONAL_COLUMNS",
    "PENSIONS_SOURCE",
    "REQUIRED_COLUMNS",
    "RosterReader",
    "RosterRow",
    "detect_encoding",
    "parse_roster_date",
    "read_roster",
]

PENSIONS_SOURCE: Final = "PEN"
REQUIRED_COLUMNS: Final = (
    "source",
    "hkid",
    "name_en",
    "date_of_birth",
    "category",
    "relationship",
    "principal_hkid",
    "status",
)
# ``staff_no`` is required in the header of a department's roster (F1: "principals from
# departments"); the Pensions Division may leave it out.
OPTIONAL_COLUMNS: Final = ("staff_no", "name_zh", "child_status", "status_date")
KNOWN_COLUMNS: Final = frozenset(REQUIRED_COLUMNS + OPTIONAL_COLUMNS)

# A clerk cannot act on more than this many problems; the rest are counted, not kept.
MAX_PROBLEMS: Final = 1000

# Column widths of the roster tables (models/roster.py): longer values would fail on insert.
_MAX_LENGTH: Final = {"staff_no": 20, "name_en": 160, "name_zh": 60}

_DETECT_BLOCK = 1 << 18  # 256 KB: the decoded text of a block is up to four times as big
_UTF8 = "utf-8"
_UTF8_BOM = "utf-8-sig"
_BIG5_HKSCS = "big5hkscs"
_BOM = codecs.BOM_UTF8

_ISO_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
_DMY_DATE = re.compile(r"([0-9]{1,2})/([0-9]{1,2})/([0-9]{4})")

# The integer code of an HKID packs the prefix and six digits (the check character follows from
# them) under 2**30, leaving room for a line number in the low 32 bits of one 64-bit integer.
_LINE_BITS = 32
_LINE_MASK = (1 << _LINE_BITS) - 1


@dataclass(frozen=True, slots=True)
class RosterRow:
    """One checked roster row; HKIDs canonical (R9.2), empty optional fields None (name_zh "")."""

    source: str
    staff_no: str | None
    hkid: str
    name_en: str
    name_zh: str
    date_of_birth: date
    category: str
    relationship: str
    principal_hkid: str
    child_status: str | None
    status: str
    status_date: date | None
    line: int


def parse_roster_date(text: str) -> date:
    """A roster date, ``YYYY-MM-DD`` or ``DD/MM/YYYY`` (F1); ValueError if neither or no such day.

    The day and month of the second form may have one digit, as spreadsheets write them.
    """
    match = _ISO_DATE.fullmatch(text)
    if match is not None:
        year, month, day = match.groups()
        return date(int(year), int(month), int(day))
    match = _DMY_DATE.fullmatch(text)
    if match is not None:
        day, month, year = match.groups()
        return date(int(year), int(month), int(day))
    raise ValueError(f"not a date: {text!r}")


def _describe_decode_error(exc: UnicodeDecodeError) -> str:
    bad = exc.object[exc.start : exc.end]
    return f"byte {bad[:4].hex(' ')} cannot be decoded"


def _first_undecodable_line(path: Path, codec: str) -> tuple[int, str] | None:
    """The first line of ``path`` that ``codec`` cannot decode, and why; None if all decode.

    Streams the file in 256 KB blocks through an incremental decoder, stopping at the first error.
    """
    decoder = codecs.getincrementaldecoder(codec)(errors="strict")
    newlines = 0
    with path.open("rb") as raw:
        while block := raw.read(_DETECT_BLOCK):
            try:
                decoder.decode(block)
            except UnicodeDecodeError as exc:
                # exc.object is the decoder's pending bytes (part of one character, never a
                # newline) followed by this block.
                return newlines + exc.object.count(b"\n", 0, exc.start) + 1, (
                    _describe_decode_error(exc)
                )
            newlines += block.count(b"\n")
        try:
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return newlines + 1, "the file ends in the middle of a character"
    return None


def _starts_with_bom(path: Path) -> bool:
    with path.open("rb") as raw:
        return raw.read(len(_BOM)) == _BOM


def detect_encoding(path: Path) -> str | None:
    """``utf-8-sig``, ``utf-8`` or ``big5hkscs`` for a roster file (F1); None if it is none."""
    if _starts_with_bom(path):
        return _UTF8_BOM
    if _first_undecodable_line(path, _UTF8) is None:
        return _UTF8
    if _first_undecodable_line(path, _BIG5_HKSCS) is None:
        return _BIG5_HKSCS
    return None


def _hkid_code(canonical: str) -> int:
    digits_at = 2 if canonical[1].isalpha() else 1
    first = ord(canonical[0]) - 64 if digits_at == 2 else 0
    last = ord(canonical[digits_at - 1]) - 64
    return (first * 27 + last) * 1_000_000 + int(canonical[digits_at : digits_at + 6])


def _masked_from_code(code: int) -> str:
    # R9.3: the letters and the first three digits, then XXX(X).
    letters, digits = divmod(code, 1_000_000)
    first, last = divmod(letters, 27)
    prefix = (chr(first + 64) if first else "") + chr(last + 64)
    return f"{prefix}{digits:06d}"[: len(prefix) + 3] + "XXX(X)"


def _is_ascii_compatible(codec: str) -> bool:
    # The reader splits the bytes at newlines before decoding, which needs the ASCII characters
    # of a CSV file to be single bytes (true of UTF-8 and Big5-HKSCS, not of UTF-16).
    sample = "source,hkid\r\n"
    try:
        return sample.encode(codec) == sample.encode("ascii")
    except (UnicodeError, LookupError):
        return False


class RosterReader:
    """The rows of one roster file, in chunks; problems, warnings and counts once iterated.

    Iterate once. After the iteration:

    - ``problems``: every problem found (capped at :data:`MAX_PROBLEMS`; ``problem_count`` is the
      real number). Not empty means the file must not be imported.
    - ``warnings``: things a clerk should know that do not stop the import (ignored columns).
    - ``counts``: rows per category, of the rows yielded.
    - ``encoding``: the codec used.
    """

    path: Path
    file_name: str
    source: str
    chunk_size: int
    encoding: str | None
    problems: list[FileProblem]
    problem_count: int
    warnings: list[str]
    counts: dict[str, int]
    row_count: int

    def __init__(
        self, path: Path, source: str, encoding: str | None = None, chunk_size: int = 5000
    ) -> None:
        if chunk_size < 1:
            raise ValueError(f"chunk_size must be positive, not {chunk_size}")
        self.path = path
        self.file_name = path.name
        self.source = source.strip()
        self.chunk_size = chunk_size
        self._requested_encoding = encoding
        self.encoding = None
        self.problems = []
        self.problem_count = 0
        self.warnings = []
        self.counts = {}
        self.row_count = 0
        self._started = False
        self._last_bad_line = 0
        # (hkid code << 32 | line) of every row with a valid HKID, for the same-HKID check.
        self._hkids = array("q")
        # hkid codes of the principals (relationship self) of the file.
        self._principals = array("q")
        # (principal code << 32 | line) of every dependant with a valid principal_hkid.
        self._dependants = array("q")
        # Rows of one family usually follow each other: remember the last principal_hkid.
        self._last_principal: tuple[str, str | None] = ("", None)

    @property
    def failed(self) -> bool:
        """Whether a problem has been found so far: the caller may stop inserting chunks."""
        return self.problem_count > 0

    def __iter__(self) -> Iterator[list[RosterRow]]:
        if self._started:
            raise RuntimeError("a RosterReader can be iterated only once")
        self._started = True
        return self._read()

    # --- problems ------------------------------------------------------------------------------

    def _problem(self, line: int | None, column: str | None, reason: str) -> None:
        self.problem_count += 1
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(FileProblem(self.file_name, line, column, reason))

    # --- encoding ------------------------------------------------------------------------------

    def _choose_encoding(self) -> str | None:
        requested = self._requested_encoding
        if requested:
            try:
                name = codecs.lookup(requested).name
            except LookupError:
                self._problem(None, None, f"unknown encoding {quote_value(requested)}")
                return None
            if not _is_ascii_compatible(name):
                self._problem(
                    None,
                    None,
                    f"encoding {quote_value(requested)} cannot be used for a roster; "
                    "use UTF-8 or Big5-HKSCS",
                )
                return None
            return name
        if _starts_with_bom(self.path):
            return _UTF8_BOM
        utf8_failure = _first_undecodable_line(self.path, _UTF8)
        if utf8_failure is None:
            return _UTF8
        big5_failure = _first_undecodable_line(self.path, _BIG5_HKSCS)
        if big5_failure is None:
            return _BIG5_HKSCS
        utf8_line, utf8_detail = utf8_failure
        big5_line, big5_detail = big5_failure
        self._problem(
            utf8_line,
            None,
            "not UTF-8 or Big5-HKSCS text: "
            f"as UTF-8, {utf8_detail} on line {utf8_line}; "
            f"as Big5-HKSCS, {big5_detail} on line {big5_line} "
            "(save the file as UTF-8, or give its encoding)",
        )
        return None

    def _decoded_lines(self, raw: BinaryIO, codec: str) -> Iterator[str]:
        # Decoding line by line is exact for ASCII-compatible codecs (a newline byte is never
        # part of a multi-byte character in UTF-8 or Big5-HKSCS) and gives the line of a bad
        # byte; the line is still passed on, with replacement characters, so that CSV parsing
        # goes on and finds the problems of the other lines.
        per_line = _UTF8 if codec == _UTF8_BOM else codec
        for number, data in enumerate(raw, start=1):
            try:
                yield data.decode(per_line)
            except UnicodeDecodeError as exc:
                self._last_bad_line = number
                self._problem(number, None, f"not {codec} text: {_describe_decode_error(exc)}")
                yield data.decode(per_line, errors="replace")

    # --- reading -------------------------------------------------------------------------------

    def _read(self) -> Iterator[list[RosterRow]]:
        if not self.source:
            self._problem(None, None, "no source was named for this roster")
            return
        codec = self._choose_encoding()
        if codec is None:
            return
        self.encoding = codec
        with self.path.open("rb") as raw:
            records = csv.reader(self._decoded_lines(raw, codec))
            columns = self._read_header(records)
            if columns is None:
                return
            chunk: list[RosterRow] = []
            previous_end = records.line_num
            while True:
                try:
                    fields = next(records)
                except StopIteration:
                    break
                except csv.Error as exc:
                    self._problem(
                        records.line_num,
                        None,
                        f"the file is not valid CSV here ({exc}); reading stopped",
                    )
                    # The rest of the file is unread: checks over the whole file would report
                    # principals "missing" that are only beyond this point.
                    return
                line, previous_end = previous_end + 1, records.line_num
                if not any(field.strip() for field in fields):
                    continue  # blank lines (and rows of empty cells) carry nothing
                if self._last_bad_line >= line:
                    continue  # undecodable bytes: already reported for this line
                if len(fields) != len(columns):
                    self._problem(
                        line,
                        None,
                        f"the row has {len(fields)} fields but the header has {len(columns)}",
                    )
                    continue
                row = self._check_row(line, dict(zip(columns, fields, strict=True)))
                if row is None:
                    continue
                chunk.append(row)
                self.row_count += 1
                self.counts[row.category] = self.counts.get(row.category, 0) + 1
                if len(chunk) >= self.chunk_size:
                    yield chunk
                    chunk = []
            if chunk:
                yield chunk
        if self.row_count == 0 and self.problem_count == 0:
            # Importing it would replace the source's roster with nothing (R3.1).
            self._problem(None, None, "the file has a header but no rows")
            return
        self._check_whole_file()
        self.problems.sort(key=lambda problem: problem.line or 0)

    def _read_header(self, records: CsvReader) -> list[str] | None:
        """The column names in file order, or None (with problems) if the header is unusable."""
        header: list[str] | None = None
        try:
            for fields in records:
                if any(field.strip() for field in fields):
                    header = fields
                    break
        except csv.Error as exc:
            self._problem(records.line_num, None, f"the header is not valid CSV ({exc})")
            return None
        if header is None:
            self._problem(None, None, "the file is empty; a header row is required")
            return None
        header_line = records.line_num
        columns = [name.strip().lstrip("\ufeff").strip().lower() for name in header]
        seen: set[str] = set()
        usable = True
        for name in columns:
            if name in seen and name in KNOWN_COLUMNS:
                self._problem(
                    header_line, name, f"column {quote_value(name)} appears twice in the header"
                )
                usable = False
            seen.add(name)
        required = list(REQUIRED_COLUMNS)
        if self.source != PENSIONS_SOURCE:
            required.append("staff_no")
        for name in required:
            if name not in seen:
                self._problem(
                    header_line,
                    name,
                    f"the header has no column {quote_value(name)}, which is required",
                )
                usable = False
        unknown = [name for name in columns if name not in KNOWN_COLUMNS]
        if unknown:
            shown = ", ".join(quote_value(name) if name else "(no name)" for name in unknown)
            self.warnings.append(f"{self.file_name}: unknown columns ignored: {shown}")
        if not usable:
            return None
        # Unknown columns get unique keys so that the row dict never loses a known one.
        return [
            name if name in KNOWN_COLUMNS else f"\0{index}" for index, name in enumerate(columns)
        ]

    # --- one row -------------------------------------------------------------------------------

    def _hkid(self, line: int, column: str, raw: str) -> str | None:
        if not raw:
            self._problem(line, column, "the HKID is empty")
            return None
        try:
            return normalise_hkid(raw)
        except InvalidHkid as exc:
            self._problem(line, column, f"{safe_hkid_text(raw)} is not a valid HKID: {exc.reason}")
            return None

    def _principal_hkid(self, line: int, raw: str, hkid_raw: str, hkid: str | None) -> str | None:
        if raw == hkid_raw:
            # A principal's own row; the same bad value is already reported in column hkid.
            self._last_principal = (raw, hkid)
            return hkid
        if raw and raw == self._last_principal[0] and self._last_principal[1] is not None:
            return self._last_principal[1]
        canonical = self._hkid(line, "principal_hkid", raw)
        self._last_principal = (raw, canonical)
        return canonical

    def _date(self, line: int, column: str, raw: str, required: bool) -> date | None:
        if not raw:
            if required:
                self._problem(line, column, "the date is empty")
            return None
        try:
            return parse_roster_date(raw)
        except ValueError:
            self._problem(
                line, column, f"{quote_value(raw)} is not a valid date (YYYY-MM-DD or DD/MM/YYYY)"
            )
            return None

    def _choice(self, line: int, column: str, raw: str, allowed: frozenset[str]) -> str | None:
        value = raw.lower()
        if value in allowed:
            return value
        options = ", ".join(sorted(allowed))
        shown = quote_value(raw) if raw else "empty"
        self._problem(line, column, f"{shown} is not one of: {options}")
        return None

    def _check_row(self, line: int, record: dict[str, str]) -> RosterRow | None:
        """The row, or None after reporting every problem it has."""
        before = self.problem_count

        def get(column: str) -> str:
            return record.get(column, "").strip()

        source = get("source")
        if source != self.source:
            shown = quote_value(source) if source else "empty"
            self._problem(
                line,
                "source",
                f"{shown} is not the source this roster is imported for, "
                f"{quote_value(self.source)}",
            )

        staff_no = get("staff_no") or None
        hkid_raw = get("hkid")
        hkid = self._hkid(line, "hkid", hkid_raw)
        name_en = get("name_en")
        if not name_en:
            self._problem(line, "name_en", "the English name is empty")
        name_zh = get("name_zh")
        lengths = (("staff_no", staff_no or ""), ("name_en", name_en), ("name_zh", name_zh))
        for column, value in lengths:
            limit = _MAX_LENGTH[column]
            if len(value) > limit:
                self._problem(
                    line, column, f"{quote_value(value)} is {len(value)} characters, over {limit}"
                )
        date_of_birth = self._date(line, "date_of_birth", get("date_of_birth"), required=True)
        category = self._choice(line, "category", get("category"), CATEGORIES)
        relationship = self._choice(line, "relationship", get("relationship"), RELATIONSHIPS)
        principal_hkid = self._principal_hkid(line, get("principal_hkid"), hkid_raw, hkid)
        child_status_raw = get("child_status")
        child_status = (
            self._choice(line, "child_status", child_status_raw, CHILD_STATUSES)
            if child_status_raw
            else None
        )
        status = self._choice(line, "status", get("status"), STATUSES)
        status_date = self._date(line, "status_date", get("status_date"), required=False)

        self._check_family(
            line, source, staff_no, hkid, category, relationship, principal_hkid, child_status
        )

        # The whole-file checks need every HKID, also those of rows with other problems, so that
        # one bad date does not turn into "principal not in the file" for the whole family.
        if hkid is not None:
            code = _hkid_code(hkid)
            self._hkids.append(code << _LINE_BITS | line)
            if relationship == "self":
                self._principals.append(code)
        if principal_hkid is not None and relationship in ("spouse", "child"):
            self._dependants.append(_hkid_code(principal_hkid) << _LINE_BITS | line)

        if self.problem_count != before:
            return None
        # Every value below was checked above (no new problem means none was None).
        assert hkid is not None and principal_hkid is not None and date_of_birth is not None
        assert category is not None and relationship is not None and status is not None
        return RosterRow(
            source=source,
            staff_no=staff_no,
            hkid=hkid,
            name_en=name_en,
            name_zh=name_zh,
            date_of_birth=date_of_birth,
            category=category,
            relationship=relationship,
            principal_hkid=principal_hkid,
            child_status=child_status,
            status=status,
            status_date=status_date,
            line=line,
        )

    def _check_family(
        self,
        line: int,
        source: str,
        staff_no: str | None,
        hkid: str | None,
        category: str | None,
        relationship: str | None,
        principal_hkid: str | None,
        child_status: str | None,
    ) -> None:
        """The rules between columns: who is a principal, of which source, with which number."""
        is_principal = category in PRINCIPAL_CATEGORIES
        if category is not None and relationship is not None:
            if is_principal and relationship != "self":
                self._problem(
                    line,
                    "relationship",
                    f"a{'n' if category == 'officer' else ''} {category} is a principal: "
                    f"relationship must be self, not {relationship}",
                )
            elif not is_principal and relationship == "self":
                self._problem(
                    line, "relationship", "a dependant's relationship is spouse or child, not self"
                )
        if is_principal and source == self.source:
            # R3.1: departments list serving officers, the Pensions Division pensioners and
            # survivors.
            if self.source == PENSIONS_SOURCE and category == "officer":
                self._problem(
                    line,
                    "category",
                    "the Pensions Division (PEN) lists pensioners and survivors, not officers",
                )
            elif self.source != PENSIONS_SOURCE and category != "officer":
                self._problem(
                    line,
                    "category",
                    f"a department lists serving officers; a {category} belongs on the "
                    "Pensions Division (PEN) roster",
                )
        if relationship == "self":
            if hkid is not None and principal_hkid is not None and hkid != principal_hkid:
                self._problem(
                    line, "principal_hkid", "on a principal's row (self) it must equal hkid"
                )
            if self.source != PENSIONS_SOURCE and staff_no is None:
                self._problem(line, "staff_no", "a principal from a department needs a staff_no")
        elif relationship in ("spouse", "child") and hkid is not None and hkid == principal_hkid:
            self._problem(line, "principal_hkid", "a dependant cannot be their own principal")
        if child_status is not None and relationship in ("self", "spouse"):
            self._problem(
                line, "child_status", f"{child_status} applies to children only; leave it empty"
            )

    # --- the whole file ------------------------------------------------------------------------

    def _check_whole_file(self) -> None:
        # F1: the same HKID twice in one file is an error; both lines are named.
        entries = sorted(self._hkids)
        self._hkids = array("q")
        first_line_of: dict[int, int] = {}
        for previous, current in pairwise(entries):
            code = current >> _LINE_BITS
            if code != previous >> _LINE_BITS:
                continue
            first = first_line_of.setdefault(code, previous & _LINE_MASK)
            self._problem(
                current & _LINE_MASK,
                "hkid",
                f"HKID {_masked_from_code(code)} is also on line {first}; "
                "a person may be listed only once",
            )
        del entries
        # F1: a dependant row whose principal is not in the same file is an error.
        principals = set(self._principals)
        self._principals = array("q")
        for entry in self._dependants:
            code = entry >> _LINE_BITS
            if code not in principals:
                self._problem(
                    entry & _LINE_MASK,
                    "principal_hkid",
                    f"the principal {_masked_from_code(code)} is not in this file "
                    "as a principal (relationship self)",
                )
        self._dependants = array("q")


def read_roster(
    path: Path, source: str, encoding: str | None = None, chunk_size: int = 5000
) -> RosterReader:
    """A reader of the roster CSV ``path`` of ``source`` (F1); nothing is read until iterated."""
    return RosterReader(path, source, encoding=encoding, chunk_size=chunk_size)
