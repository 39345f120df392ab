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

Speed (600,000 rows): each row first goes through a fast path that accepts only rows it can prove
have no problem at all (HKIDs in the canonical printed form checked by tables, dates through a
cache of parsed values, choices by exact dictionary look-up, the rules between columns as one
look-up of the valid combinations of this source). Anything else (a bad row, or a good one written
differently: lower case, spaces, no brackets) takes the full checks below, which report every
problem as they always have; a row the fast path accepts is a row the full checks would accept,
with the same values. The importer takes the rows as plain tuples (:meth:`RosterReader.values`),
iterating the reader gives :class:`RosterRow` objects.
"""

from __future__ import annotations

import codecs
import csv
import re
import string
from array import array
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from functools import cache, partial
from itertools import islice, pairwise, repeat
from operator import eq, itemgetter, rshift
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, Final, TypeAlias

from fc_admin.domain.eligibility import (
    CATEGORIES,
    CHILD_STATUSES,
    PRINCIPAL_CATEGORIES,
    RELATIONSHIPS,
    STATUSES,
)
from fc_admin.domain.hkid import InvalidHkid, check_character, normalise_hkid
from fc_admin.exchange.errors import FileProblem, quote_value, safe_hkid_text

if TYPE_CHECKING:
    from _csv import Reader as CsvReader

__all__ = [
    "MAX_PROBLEMS",
    "OPTIONAL_COLUMNS",
    "PENSIONS_SOURCE",
    "REQUIRED_COLUMNS",
    "VALUE_COLUMNS",
    "RosterReader",
    "RosterRow",
    "RosterValues",
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

# The values of one checked row as :meth:`RosterReader.values` gives them, in this order (the
# columns of ``roster_person`` but its id and import_id), then the line. HKIDs canonical (R9.2),
# dates as ISO text (``YYYY-MM-DD``), empty optional values None (name_zh "").
VALUE_COLUMNS: Final = (
    "source_code",
    "staff_no",
    "hkid",
    "name_en",
    "name_zh",
    "date_of_birth",
    "category",
    "relationship",
    "principal_hkid",
    "child_status",
    "status",
    "status_date",
)
RosterValues: TypeAlias = tuple[
    str, str | None, str, str, str, str, str, str, str, str | None, str, str | None, int
]

# Columns in the order the fast path unpacks them.
_FAST_ORDER: Final = (
    "source",
    "staff_no",
    "hkid",
    "name_en",
    "name_zh",
    "date_of_birth",
    "category",
    "relationship",
    "principal_hkid",
    "child_status",
    "status",
    "status_date",
)
# Parsed dates are remembered by their text (a roster has a few tens of thousands of distinct
# birthdays); past this many the memory is emptied, so it stays bounded whatever the file.
_DATE_MEMORY: Final = 65_536


@dataclass(frozen=True, slots=True)
class _HkidTables:
    """R9.1 by look-up, for HKIDs already in the canonical printed form ``A123456(3)``.

    The check character is (11 - sum mod 11) mod 11 over a weighted sum that splits into the
    prefix slots, the first three digits and the last three: ``check[prefix_sum + high[h] +
    low[l]]`` for ``h``, ``l`` the two halves of the digits (``digits`` maps ``"000"``..``"999"``
    to 0..999). ``prefixes`` maps the one or two letters to their sum mod 11 and the letter part
    of :func:`_hkid_code`. Only exact ASCII keys are in the tables, so a look-up also checks the
    form.
    """

    prefixes: dict[str, tuple[int, int]]
    digits: dict[str, int]
    high: tuple[int, ...]
    low: tuple[int, ...]
    check: tuple[str, ...]


@cache
def _hkid_tables() -> _HkidTables:
    # Derived from check_character, so that R9.1 stays written in one place (domain.hkid).
    def value(prefix: str, digits: str) -> int:
        character = check_character(prefix, digits)
        return 10 if character == "A" else int(character)

    letters = string.ascii_uppercase
    prefixes: dict[str, tuple[int, int]] = {}
    for prefix in [*letters, *(a + b for a in letters for b in letters)]:
        first = ord(prefix[0]) - 64 if len(prefix) == 2 else 0
        last = ord(prefix[-1]) - 64
        # The check value is minus the weighted sum, mod 11; with all digits 0 only the
        # prefix counts.
        prefixes[prefix] = ((-value(prefix, "000000")) % 11, (first * 27 + last) * 1_000_000)
    base = prefixes["A"][0]
    high = tuple((-value("A", f"{n:03d}000") - base) % 11 for n in range(1000))
    low = tuple((-value("A", f"000{n:03d}") - base) % 11 for n in range(1000))
    check = tuple("A" if (-total) % 11 == 10 else str((-total) % 11) for total in range(33))
    return _HkidTables(
        prefixes=prefixes,
        digits={f"{n:03d}": n for n in range(1000)},
        high=high,
        low=low,
        check=check,
    )


def _canonical_hkid_code(text: str) -> int | None:
    """The code of ``text`` if it is a valid HKID in the canonical printed form, else None."""
    tables = _hkid_tables()
    entry = tables.prefixes.get(text[:-9])
    if entry is None or text[-3] != "(" or text[-1] != ")":
        return None
    high = tables.digits.get(text[-9:-6])
    low = tables.digits.get(text[-6:-3])
    if high is None or low is None:
        return None
    if tables.check[entry[0] + tables.high[high] + tables.low[low]] != text[-2]:
        return None
    return entry[1] + high * 1000 + low


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


class _Slow(Exception):
    """The fast path cannot vouch for a record: it goes through the full checks."""


def _other_hkid(text: str) -> tuple[str, int]:
    """An HKID the inline check did not take, the full way: canonical form and code, or _Slow."""
    code = _canonical_hkid_code(text)
    if code is not None:
        return text, code
    try:
        canonical = normalise_hkid(text)
    except InvalidHkid:
        raise _Slow from None
    return canonical, _hkid_code(canonical)


_Family: TypeAlias = tuple[str, str, str | None, str, bool]


def _valid_families(pensions: bool) -> dict[tuple[str, str, str, str], _Family]:
    """The valid (category, relationship, child_status, status) as written, for the fast path.

    Each gives the values to store (child_status None when empty) and whether the row is a
    principal's: R1.1 (principal categories are ``self``), R1.2 (``child_status`` for children
    only), R3.1 (the Pensions Division lists no officers, a department only officers).
    """
    families: dict[tuple[str, str, str, str], _Family] = {}
    for status in sorted(STATUSES):
        for category in sorted(PRINCIPAL_CATEGORIES):
            if (category == "officer") != pensions:
                families[(category, "self", "", status)] = (category, "self", None, status, True)
        for category in sorted(CATEGORIES - PRINCIPAL_CATEGORIES):
            for relationship in ("spouse", "child"):
                families[(category, relationship, "", status)] = (
                    category,
                    relationship,
                    None,
                    status,
                    False,
                )
            for child_status in sorted(CHILD_STATUSES):
                families[(category, "child", child_status, status)] = (
                    category,
                    "child",
                    child_status,
                    status,
                    False,
                )
    return families


def _date_memory() -> tuple[dict[str, str], Callable[[str], str]]:
    """Parsed roster dates by their text (ISO text, "" for an empty one), and the parser.

    The parser remembers what it parses, and raises :class:`_Slow` for a text that is not a date
    (the full checks then report it).
    """
    dates = {"": ""}

    def parse(text: str) -> str:
        value = text.strip()
        if value:
            try:
                value = parse_roster_date(value).isoformat()
            except ValueError:
                raise _Slow from None
        if len(dates) >= _DATE_MEMORY:
            dates.clear()
            dates[""] = ""
        dates[text] = value
        return value

    return dates, parse


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
    # False sends every record through the full checks (the tests compare both ways).
    _fast_path: bool = True

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
        self._tally: dict[str, int] = {}
        self.row_count = 0
        self._started = False
        self._complete = False  # the whole file was read (no unusable header, no CSV error)
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
        return self._rows(self.values())

    def values(self) -> Iterator[list[RosterValues]]:
        """The rows as plain tuples (:data:`VALUE_COLUMNS`, then the line), in chunks.

        What the importer inserts: no object per row, dates as ISO text. Either this or iterating
        the reader, once.
        """
        if self._started:
            raise RuntimeError("a RosterReader can be iterated only once")
        self._started = True
        return self._read()

    @staticmethod
    def _rows(chunks: Iterator[list[RosterValues]]) -> Iterator[list[RosterRow]]:
        parse = date.fromisoformat
        for chunk in chunks:
            yield [
                RosterRow(
                    source=source,
                    staff_no=staff_no,
                    hkid=hkid,
                    name_en=name_en,
                    name_zh=name_zh,
                    date_of_birth=parse(born),
                    category=category,
                    relationship=relationship,
                    principal_hkid=principal_hkid,
                    child_status=child_status,
                    status=status,
                    status_date=parse(status_date) if status_date is not None else None,
                    line=line,
                )
                for (
                    source,
                    staff_no,
                    hkid,
                    name_en,
                    name_zh,
                    born,
                    category,
                    relationship,
                    principal_hkid,
                    child_status,
                    status,
                    status_date,
                    line,
                ) in chunk
            ]

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

    def _read(self) -> Iterator[list[RosterValues]]:
        if not self.source:
            self._problem(None, None, "no source was named for this roster")
            return
        codec = self._choose_encoding()
        if codec is None:
            return
        self.encoding = codec
        try:
            yield from self._read_records(codec)
        finally:
            # The fast path counts categories apart (see _fast_check).
            for category, count in self._tally.items():
                if count:
                    self.counts[category] = self.counts.get(category, 0) + count
            self._tally = {}
        if self.row_count == 0 and self.problem_count == 0:
            # Importing it would replace the source's roster with nothing (R3.1).
            self._problem(None, None, "the file has a header but no rows")
            return
        if not self._complete:
            return
        self._check_whole_file()
        self.problems.sort(key=lambda problem: problem.line or 0)

    def _read_records(self, codec: str) -> Iterator[list[RosterValues]]:
        """The chunks of rows; every record through the fast path, else the full checks.

        The fast path (see the module doc) takes a record only when the full checks
        (:meth:`_check_row`) would find no problem in it and give the same values; it then
        records it for the whole-file checks as they do. Anything it cannot vouch for raises
        :class:`_Slow` (or a failed look-up, KeyError) before any of that, and the record goes
        through the full checks. It is written out in this one loop, without a call per row.
        """
        with self.path.open("rb") as raw:
            records = csv.reader(self._decoded_lines(raw, codec))
            columns = self._read_header(records)
            if columns is None:
                return
            width = len(columns)
            # Absent optional columns read the "" appended to each record.
            positions = [columns.index(c) if c in columns else width for c in _FAST_ORDER]
            pick = itemgetter(*positions)
            padding = [""] if width in positions else None
            wanted = self.source
            pensions = wanted == PENSIONS_SOURCE
            families = _valid_families(pensions)
            limit_staff = _MAX_LENGTH["staff_no"]
            limit_en = _MAX_LENGTH["name_en"]
            limit_zh = _MAX_LENGTH["name_zh"]
            tables = _hkid_tables()
            prefixes, digits, check = tables.prefixes, tables.digits, tables.check
            high_sums, low_sums = tables.high, tables.low
            dates, parse_date = _date_memory()
            hkids_append = self._hkids.append
            principals_append = self._principals.append
            dependants_append = self._dependants.append
            # Rows per category of the fast path, added to ``counts`` at the end (see _read).
            tally = self._tally = dict.fromkeys(sorted(CATEGORIES), 0)
            # The last principal_hkid seen as written, and its canonical form and code: the
            # rows of a family follow each other.
            last_raw: str | None = None
            last_principal = ("", 0)
            fast = self._fast_path
            slow = self._slow_check
            size = self.chunk_size
            chunk: list[RosterValues] = []
            append = chunk.append
            previous_end = records.line_num
            try:
                for fields in records:
                    line = previous_end + 1
                    previous_end = records.line_num
                    try:
                        # Undecodable bytes in the record: the full checks skip it (reported).
                        if not fast or len(fields) != width or self._last_bad_line >= line:
                            raise _Slow
                        (
                            source,
                            staff_no,
                            hkid,
                            name_en,
                            name_zh,
                            born,
                            category,
                            relationship,
                            principal_raw,
                            child_status,
                            status,
                            status_date,
                        ) = pick(fields if padding is None else fields + padding)
                        if source != wanted and source.strip() != wanted:
                            raise _Slow

                        # R9.1 by the tables (see _HkidTables).
                        raw = hkid
                        try:
                            prefix_sum, code = prefixes[hkid[:-9]]
                            high = digits[hkid[-9:-6]]
                            low = digits[hkid[-6:-3]]
                            if (
                                hkid[-3] != "("
                                or hkid[-1] != ")"
                                or check[prefix_sum + high_sums[high] + low_sums[low]] != hkid[-2]
                            ):
                                raise _Slow
                            code += high * 1000 + low
                        except (KeyError, _Slow):
                            hkid, code = _other_hkid(hkid.strip())

                        try:
                            category, relationship, child, status, is_principal = families[
                                (category, relationship, child_status, status)
                            ]
                        except KeyError:
                            category, relationship, child, status, is_principal = families[
                                (
                                    category.strip().lower(),
                                    relationship.strip().lower(),
                                    child_status.strip().lower(),
                                    status.strip().lower(),
                                )
                            ]

                        if principal_raw == raw:
                            principal, principal_code = hkid, code
                        elif principal_raw == last_raw:
                            principal, principal_code = last_principal
                        else:
                            last_principal = _other_hkid(principal_raw.strip())
                            last_raw = principal_raw
                            principal, principal_code = last_principal
                        if is_principal:
                            if principal_code != code:
                                raise _Slow  # on a principal's row it must equal hkid
                            last_raw, last_principal = principal_raw, (principal, code)
                        elif principal_code == code:
                            raise _Slow  # a dependant cannot be their own principal

                        staff_no = staff_no.strip()
                        if len(staff_no) > limit_staff or (
                            is_principal and not pensions and not staff_no
                        ):
                            raise _Slow
                        name_en = name_en.strip()
                        if not name_en or len(name_en) > limit_en:
                            raise _Slow
                        name_zh = name_zh.strip()
                        if len(name_zh) > limit_zh:
                            raise _Slow
                        born_iso = dates.get(born) or parse_date(born)
                        if not born_iso:
                            raise _Slow  # empty
                        status_iso = dates.get(status_date)
                        if status_iso is None:
                            status_iso = parse_date(status_date)
                    except (_Slow, KeyError):
                        row = slow(line, fields, columns)
                        if row is None:
                            continue
                        append(row)
                    else:
                        hkids_append(code << _LINE_BITS | line)
                        if is_principal:
                            principals_append(code)
                        else:
                            dependants_append(principal_code << _LINE_BITS | line)
                        tally[category] += 1
                        append(
                            (
                                wanted,
                                staff_no or None,
                                hkid,
                                name_en,
                                name_zh,
                                born_iso,
                                category,
                                relationship,
                                principal,
                                child,
                                status,
                                status_iso or None,
                                line,
                            )
                        )
                    if len(chunk) >= size:
                        self.row_count += len(chunk)
                        yield chunk
                        chunk = []
                        append = chunk.append
            except csv.Error as exc:
                self._problem(
                    records.line_num,
                    None,
                    f"the file is not valid CSV here ({exc}); reading stopped",
                )
                # The rest of the file is unread: checks over the whole file would report
                # principals "missing" that are only beyond this point.
                return
            if chunk:
                self.row_count += len(chunk)
                yield chunk
        self._complete = True

    def _slow_check(self, line: int, fields: list[str], columns: list[str]) -> RosterValues | None:
        """Every check of one record, every problem reported; its values, or None."""
        if not any(field.strip() for field in fields):
            return None  # blank lines (and rows of empty cells) carry nothing
        if self._last_bad_line >= line:
            return None  # undecodable bytes: already reported for this line
        if len(fields) != len(columns):
            self._problem(
                line,
                None,
                f"the row has {len(fields)} fields but the header has {len(columns)}",
            )
            return None
        row = self._check_row(line, dict(zip(columns, fields, strict=True)))
        if row is None:
            return None
        self.counts[row.category] = self.counts.get(row.category, 0) + 1
        return (
            row.source,
            row.staff_no,
            row.hkid,
            row.name_en,
            row.name_zh,
            row.date_of_birth.isoformat(),
            row.category,
            row.relationship,
            row.principal_hkid,
            row.child_status,
            row.status,
            row.status_date.isoformat() if row.status_date is not None else None,
            row.line,
        )

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
        # F1: the same HKID twice in one file is an error; both lines are named. Sorted, the
        # entries of one HKID are neighbours; a comparison of neighbours made in C says first
        # whether there is any such pair (a set of the codes would be faster but twice as big).
        entries = sorted(self._hkids)
        self._hkids = array("q")
        codes = partial(map, rshift)
        if any(
            map(
                eq,
                codes(entries, repeat(_LINE_BITS)),
                codes(islice(entries, 1, None), repeat(_LINE_BITS)),
            )
        ):
            self._report_same_hkids(entries)
        del entries
        # F1: a dependant row whose principal is not in the same file is an error.
        principals = set(self._principals)
        self._principals = array("q")
        dependants, self._dependants = self._dependants, array("q")
        if principals.issuperset(map(rshift, dependants, repeat(_LINE_BITS))):
            return
        for entry in dependants:
            code = entry >> _LINE_BITS
            if code not in principals:
                self._problem(
                    entry & _LINE_MASK,
                    "principal_hkid",
                    f"the principal {_masked_from_code(code)} is not in this file "
                    "as a principal (relationship self)",
                )

    def _report_same_hkids(self, entries: list[int]) -> None:
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


def read_roster(
    path: Path, source: str, encoding: str | None = None, chunk_size: int = 5000
) -> RosterReader:
    """A reader of the roster CSV ``path`` of ``source`` (F1); nothing is read until iterated."""
    return RosterReader(path, source, encoding=encoding, chunk_size=chunk_size)
