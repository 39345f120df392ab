"""F1: reading roster CSV files, every failure class, encodings and memory at scale."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
import tracemalloc
from datetime import date
from pathlib import Path

import pytest

from fc_admin.domain.hkid import check_character
from fc_admin.exchange.errors import FileProblem, FileRejected
from fc_admin.exchange.roster_csv import (
    MAX_PROBLEMS,
    RosterReader,
    RosterRow,
    detect_encoding,
    parse_roster_date,
    read_roster,
)

SAMPLES = Path(__file__).resolve().parents[3] / "shared" / "samples" / "rosters"
HEADER = (
    "source,staff_no,hkid,name_en,name_zh,date_of_birth,category,relationship,"
    "principal_hkid,child_status,status,status_date"
)


def hkid(prefix: str, number: int) -> str:
    digits = f"{number:06d}"
    return f"{prefix}{digits}({check_character(prefix, digits)})"


P1 = hkid("K", 100001)  # a principal
S1 = hkid("K", 100002)  # the spouse
C1 = hkid("R", 100003)  # the child

PRINCIPAL = f'LCSD,L100001,{P1},"CHAN, Tai Man",陳大文,1980-04-12,officer,self,{P1},,active,'
SPOUSE = f'LCSD,,{S1},"WONG, Mei Ling",黃美玲,1982-09-03,dependant,spouse,{P1},,active,'
CHILD = f'LCSD,,{C1},"CHAN, Siu Ming",陳小明,2012-02-28,dependant,child,{P1},,active,'


def write(
    tmp_path: Path,
    *lines: str,
    name: str = "LCSD.csv",
    encoding: str = "utf-8",
    newline: str = "\r\n",
) -> Path:
    path = tmp_path / name
    path.write_bytes((newline.join(lines) + newline).encode(encoding))
    return path


def read_all(reader: RosterReader) -> list[RosterRow]:
    return [row for chunk in reader for row in chunk]


def only_problem(reader: RosterReader) -> FileProblem:
    rows = read_all(reader)
    assert len(reader.problems) == 1, reader.problems
    assert rows == [] or reader.failed
    return reader.problems[0]


# --- the samples -----------------------------------------------------------------------------


def test_f1_reads_lcsd_sample_with_bom_and_crlf() -> None:
    reader = read_roster(SAMPLES / "LCSD.csv", "LCSD")
    rows = read_all(reader)
    assert reader.problems == []
    assert reader.warnings == []
    assert reader.encoding == "utf-8-sig"
    assert reader.counts == {"officer": 1, "dependant": 2}
    assert [row.hkid for row in rows] == ["K200001(6)", "K200002(4)", "R200003(1)"]
    first = rows[0]
    assert first == RosterRow(
        source="LCSD",
        staff_no="L200001",
        hkid="K200001(6)",
        name_en="HO, Chun Wai",
        name_zh="何俊偉",
        date_of_birth=date(1980, 4, 12),
        category="officer",
        relationship="self",
        principal_hkid="K200001(6)",
        child_status=None,
        status="active",
        status_date=None,
        line=2,
    )
    assert rows[2].relationship == "child"
    assert rows[2].line == 4


def test_f1_reads_pensions_sample() -> None:
    reader = read_roster(SAMPLES / "PEN.csv", "PEN")
    rows = read_all(reader)
    assert reader.problems == []
    assert reader.encoding == "utf-8"
    assert reader.counts == {"pensioner": 1}
    assert rows[0].hkid == "D200004(1)"
    assert rows[0].name_zh == "劉錦泉"
    assert rows[0].date_of_birth == date(1948, 11, 20)


# --- good files ------------------------------------------------------------------------------


def test_f1_column_order_is_free_and_values_are_normalised(tmp_path: Path) -> None:
    lower = P1.lower().replace("(", "").replace(")", "")
    path = write(
        tmp_path,
        "status,hkid,principal_hkid,name_en,date_of_birth,category,relationship,source,staff_no",
        f'ACTIVE, {lower} ,{P1},"CHAN, Tai Man",12/04/1980,Officer,SELF,LCSD,L1',
    )
    reader = read_roster(path, "LCSD")
    (row,) = read_all(reader)
    assert reader.problems == []
    assert row.hkid == P1  # R9.2 canonical
    assert row.date_of_birth == date(1980, 4, 12)
    assert (row.category, row.relationship, row.status) == ("officer", "self", "active")
    assert row.name_zh == ""
    assert row.child_status is None


def test_f1_dates_in_both_forms(tmp_path: Path) -> None:
    assert parse_roster_date("2012-02-28") == date(2012, 2, 28)
    assert parse_roster_date("28/02/2012") == date(2012, 2, 28)
    assert parse_roster_date("1/3/2012") == date(2012, 3, 1)
    for bad in ("31/02/1980", "2012-2-28", "2012/02/28", "02-28-2012", "", "２０１２-02-28"):
        with pytest.raises(ValueError):
            parse_roster_date(bad)


def test_f1_child_status_and_status_date(tmp_path: Path) -> None:
    child = CHILD.replace("2012-02-28", "2006-01-01").replace(",,active,", ",fte,active,2024-09-01")
    path = write(tmp_path, HEADER, PRINCIPAL, child)
    rows = read_all(read_roster(path, "LCSD"))
    assert rows[1].child_status == "fte"
    assert rows[1].status_date == date(2024, 9, 1)


def test_f1_unknown_columns_ignored_with_warning(tmp_path: Path) -> None:
    path = write(tmp_path, HEADER + ",grade,remarks", PRINCIPAL + ",SO,=1+1")
    reader = read_roster(path, "LCSD")
    rows = read_all(reader)
    assert reader.problems == []
    assert len(rows) == 1
    assert reader.warnings == ["LCSD.csv: unknown columns ignored: 'grade', 'remarks'"]


def test_f1_pensions_roster_needs_no_staff_no_column(tmp_path: Path) -> None:
    pensioner = hkid("D", 100004)
    path = write(
        tmp_path,
        "source,hkid,name_en,date_of_birth,category,relationship,principal_hkid,status",
        f'PEN,{pensioner},"LAU, Kam Chuen",1948-11-20,survivor,self,{pensioner},inactive',
        name="PEN.csv",
    )
    reader = read_roster(path, "PEN")
    (row,) = read_all(reader)
    assert reader.problems == []
    assert (row.staff_no, row.category, row.status) == (None, "survivor", "inactive")


def test_f1_blank_lines_skipped_and_line_numbers_stay_physical(tmp_path: Path) -> None:
    spouse = SPOUSE.replace('"WONG, Mei Ling"', '"WONG,\nMei Ling"')  # a quoted line break
    path = write(tmp_path, HEADER, PRINCIPAL, "", ",,,,,,,,,,,", spouse, CHILD)
    reader = read_roster(path, "LCSD")
    rows = read_all(reader)
    assert reader.problems == []
    assert [row.line for row in rows] == [2, 5, 7]
    assert rows[1].name_en == "WONG,\nMei Ling"


def test_f1_rows_come_in_chunks(tmp_path: Path) -> None:
    lines = [HEADER, PRINCIPAL]
    for number in range(4):
        other = hkid("R", 200000 + number)
        lines.append(CHILD.replace(C1, other))
    reader = read_roster(write(tmp_path, *lines), "LCSD", chunk_size=2)
    assert [len(chunk) for chunk in reader] == [2, 2, 1]
    assert reader.counts == {"officer": 1, "dependant": 4}
    assert reader.row_count == 5


def test_f1_reader_is_iterated_once(tmp_path: Path) -> None:
    reader = read_roster(write(tmp_path, HEADER, PRINCIPAL), "LCSD")
    read_all(reader)
    with pytest.raises(RuntimeError):
        iter(reader)


# --- encodings -------------------------------------------------------------------------------


def test_f1_big5_hkscs_detected_and_hkscs_characters_survive(tmp_path: Path) -> None:
    # 綫 and 𨋢 are HKSCS characters: not in plain Big5, encoded by Python's big5hkscs codec
    # (8EA8 and 9DF2). 𨋢 is outside the Basic Multilingual Plane.
    name_zh = "綫𨋢"
    assert name_zh.encode("big5hkscs") == bytes.fromhex("8ea89df2")
    with pytest.raises(UnicodeEncodeError):
        name_zh.encode("big5")
    path = write(
        tmp_path, HEADER, PRINCIPAL.replace("陳大文", name_zh), SPOUSE, encoding="big5hkscs"
    )
    assert detect_encoding(path) == "big5hkscs"
    reader = read_roster(path, "LCSD")
    rows = read_all(reader)
    assert reader.problems == []
    assert reader.encoding == "big5hkscs"
    assert rows[0].name_zh == "綫𨋢"
    assert rows[1].name_zh == "黃美玲"


def test_f1_utf8_without_bom_detected(tmp_path: Path) -> None:
    path = write(tmp_path, HEADER, PRINCIPAL.replace("陳大文", "綫𨋢"), newline="\n")
    reader = read_roster(path, "LCSD")
    rows = read_all(reader)
    assert reader.encoding == "utf-8"
    assert rows[0].name_zh == "綫𨋢"


def test_f1_encoding_override(tmp_path: Path) -> None:
    path = write(tmp_path, HEADER, PRINCIPAL, encoding="big5hkscs")
    reader = read_roster(path, "LCSD", encoding="Big5-HKSCS")
    rows = read_all(reader)
    assert reader.problems == []
    assert reader.encoding == "big5hkscs"
    assert rows[0].name_zh == "陳大文"


def test_f1_wrong_encoding_override_reports_each_undecodable_line(tmp_path: Path) -> None:
    path = write(tmp_path, HEADER, PRINCIPAL, SPOUSE, encoding="big5hkscs")
    reader = read_roster(path, "LCSD", encoding="utf-8")
    read_all(reader)
    assert [(p.line, p.column) for p in reader.problems] == [(2, None), (3, None)]
    assert "not utf-8 text" in reader.problems[0].reason


def test_f1_unknown_or_unusable_encoding_override(tmp_path: Path) -> None:
    path = write(tmp_path, HEADER, PRINCIPAL)
    assert (
        "unknown encoding 'klingon'"
        in only_problem(read_roster(path, "LCSD", encoding="klingon")).reason
    )
    assert "cannot be used" in only_problem(read_roster(path, "LCSD", encoding="utf-16")).reason


def test_f1_file_in_neither_encoding_is_one_problem_with_the_line(tmp_path: Path) -> None:
    path = tmp_path / "LCSD.csv"
    # 0xFF starts no character in UTF-8 nor in Big5-HKSCS.
    path.write_bytes(
        (HEADER + "\r\n" + PRINCIPAL + "\r\n").encode() + b"LCSD,,\xff\xfe,x\r\n" + b"more\r\n"
    )
    assert detect_encoding(path) is None
    reader = read_roster(path, "LCSD")
    problem = only_problem(reader)
    assert problem.line == 3
    assert problem.reason.startswith("not UTF-8 or Big5-HKSCS text")
    assert "line 3" in problem.reason
    assert reader.encoding is None


def test_f1_detection_streams_past_the_first_block(tmp_path: Path) -> None:
    # A Big5 byte only after 1 MB of ASCII (several detection blocks): the whole file is checked.
    filler = [PRINCIPAL.replace("陳大文", "")] + [
        CHILD.replace(C1, hkid("R", number)).replace("陳小明", "") for number in range(15000)
    ]
    path = write(tmp_path, HEADER, *filler, SPOUSE, encoding="big5hkscs")
    assert path.stat().st_size > 1 << 20
    assert detect_encoding(path) == "big5hkscs"
    reader = read_roster(path, "LCSD")
    rows = read_all(reader)
    assert reader.problems == []
    assert rows[-1].name_zh == "黃美玲"


# --- failures: the header --------------------------------------------------------------------


def test_f1_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "LCSD.csv"
    path.write_bytes(b"")
    assert "header row is required" in only_problem(read_roster(path, "LCSD")).reason


def test_r3_1_header_without_rows_is_refused(tmp_path: Path) -> None:
    # Importing it would replace the whole roster of the source with nothing.
    problem = only_problem(read_roster(write(tmp_path, HEADER, ""), "LCSD"))
    assert str(problem) == "LCSD.csv: the file has a header but no rows"


def test_f1_missing_required_column_is_named_and_no_rows(tmp_path: Path) -> None:
    header = HEADER.replace("date_of_birth,", "")
    row = PRINCIPAL.replace("1980-04-12,", "")
    reader = read_roster(write(tmp_path, header, row), "LCSD")
    problem = only_problem(reader)
    assert reader.row_count == 0
    assert (problem.line, problem.column) == (1, "date_of_birth")
    assert str(problem) == (
        "LCSD.csv line 1, column date_of_birth: "
        "the header has no column 'date_of_birth', which is required"
    )


def test_f1_department_roster_needs_staff_no_column(tmp_path: Path) -> None:
    header = HEADER.replace("staff_no,", "")
    row = PRINCIPAL.replace("L100001,", "")
    problem = only_problem(read_roster(write(tmp_path, header, row), "LCSD"))
    assert problem.column == "staff_no"


def test_f1_duplicate_column(tmp_path: Path) -> None:
    path = write(tmp_path, HEADER + ",hkid", PRINCIPAL + f",{P1}")
    problem = only_problem(read_roster(path, "LCSD"))
    assert problem.column == "hkid"
    assert "twice" in problem.reason


# --- failures: one row -----------------------------------------------------------------------


def test_f1_bad_date_is_reported_with_line_column_and_value(tmp_path: Path) -> None:
    path = write(tmp_path, HEADER, PRINCIPAL.replace("1980-04-12", "31/02/1980"))
    reader = read_roster(path, "LCSD")
    problem = only_problem(reader)
    assert str(problem) == (
        "LCSD.csv line 2, column date_of_birth: "
        "'31/02/1980' is not a valid date (YYYY-MM-DD or DD/MM/YYYY)"
    )
    assert reader.row_count == 0


def test_f1_r9_bad_hkid_is_reported_masked(tmp_path: Path) -> None:
    wrong_check = P1[:-2] + ("1)" if P1[-2] != "1" else "2)")
    path = write(tmp_path, HEADER, PRINCIPAL.replace(f",{P1},", f",{wrong_check},", 1))
    problem = only_problem(read_roster(path, "LCSD"))
    assert problem.column == "hkid"
    assert "K100XXX(X)" in str(problem)
    assert wrong_check not in str(problem)
    assert "100001" not in str(problem)


def test_r9_3_a_mangled_hkid_shows_only_its_start(tmp_path: Path) -> None:
    path = write(tmp_path, HEADER, PRINCIPAL.replace(f",{P1},", ",K1000017X,", 1))
    problem = only_problem(read_roster(path, "LCSD"))
    assert "'K100…'" in str(problem)
    assert "1000017" not in str(problem)


def test_f1_duplicate_hkid_names_both_lines(tmp_path: Path) -> None:
    path = write(tmp_path, HEADER, PRINCIPAL, SPOUSE, SPOUSE.replace("黃美玲", "王美玲"))
    problem = only_problem(read_roster(path, "LCSD"))
    assert (problem.line, problem.column) == (4, "hkid")
    assert "also on line 3" in problem.reason
    assert "K100XXX(X)" in problem.reason


def test_f1_dependant_whose_principal_is_not_in_the_file(tmp_path: Path) -> None:
    path = write(tmp_path, HEADER, SPOUSE, CHILD)
    reader = read_roster(path, "LCSD")
    read_all(reader)
    assert [(p.line, p.column) for p in reader.problems] == [
        (2, "principal_hkid"),
        (3, "principal_hkid"),
    ]
    assert "K100XXX(X) is not in this file" in reader.problems[0].reason


def test_f1_dependant_whose_principal_is_only_a_dependant(tmp_path: Path) -> None:
    other_child = CHILD.replace(C1, hkid("R", 100009)).replace(f",{P1},", f",{S1},")
    path = write(tmp_path, HEADER, PRINCIPAL, SPOUSE, other_child)
    problem = only_problem(read_roster(path, "LCSD"))
    assert (problem.line, problem.column) == (4, "principal_hkid")


def test_f1_principal_with_another_problem_still_counts_as_principal(tmp_path: Path) -> None:
    path = write(tmp_path, HEADER, PRINCIPAL.replace("1980-04-12", "1980-13-01"), SPOUSE)
    problem = only_problem(read_roster(path, "LCSD"))
    assert problem.column == "date_of_birth"


def test_f1_source_must_be_the_one_named_on_import(tmp_path: Path) -> None:
    path = write(tmp_path, HEADER, PRINCIPAL, SPOUSE.replace("LCSD,", "HKPF,", 1))
    problem = only_problem(read_roster(path, "LCSD"))
    assert (problem.line, problem.column) == (3, "source")
    assert "'HKPF' is not the source this roster is imported for, 'LCSD'" in problem.reason


@pytest.mark.parametrize(
    ("old", "new", "column"),
    [
        (",officer,", ",contractor,", "category"),
        (",self,", ",parent,", "relationship"),
        (",active,", ",retired,", "status"),
        (",,active,", ",student,active,", "child_status"),
    ],
)
def test_f1_unknown_enum_value(tmp_path: Path, old: str, new: str, column: str) -> None:
    path = write(tmp_path, HEADER, PRINCIPAL.replace(old, new, 1))
    reader = read_roster(path, "LCSD")
    read_all(reader)
    assert column in [problem.column for problem in reader.problems]
    assert reader.row_count == 0


@pytest.mark.parametrize(
    ("row", "column"),
    [
        (PRINCIPAL.replace(f"self,{P1}", f"self,{S1}"), "principal_hkid"),
        (PRINCIPAL.replace("L100001", ""), "staff_no"),
        (PRINCIPAL.replace(",officer,", ",pensioner,"), "category"),
        (PRINCIPAL.replace(",officer,self,", ",officer,spouse,"), "relationship"),
        (PRINCIPAL.replace(",,active,", ",fte,active,"), "child_status"),
        (PRINCIPAL.replace(",,active,", ",,active,1/1/1"), "status_date"),
        (PRINCIPAL.replace('"CHAN, Tai Man"', '""'), "name_en"),
        (PRINCIPAL.replace('"CHAN, Tai Man"', "X" * 161), "name_en"),
    ],
)
def test_f1_rules_within_a_row(tmp_path: Path, row: str, column: str) -> None:
    reader = read_roster(write(tmp_path, HEADER, row), "LCSD")
    read_all(reader)
    assert column in [problem.column for problem in reader.problems], reader.problems


def test_r3_1_pensions_roster_lists_no_officers(tmp_path: Path) -> None:
    row = PRINCIPAL.replace("LCSD,", "PEN,", 1)
    problem = only_problem(read_roster(write(tmp_path, HEADER, row, name="PEN.csv"), "PEN"))
    assert problem.column == "category"


def test_f1_dependant_cannot_be_self_or_own_principal(tmp_path: Path) -> None:
    own = SPOUSE.replace(f",{P1},", f",{S1},")
    as_self = SPOUSE.replace(",spouse,", ",self,")
    reader = read_roster(write(tmp_path, HEADER, PRINCIPAL, own, as_self), "LCSD")
    read_all(reader)
    columns = {(problem.line, problem.column) for problem in reader.problems}
    assert (3, "principal_hkid") in columns
    assert (4, "relationship") in columns


def test_f1_row_with_wrong_number_of_fields(tmp_path: Path) -> None:
    problem = only_problem(read_roster(write(tmp_path, HEADER, PRINCIPAL + ",extra"), "LCSD"))
    assert problem.line == 2
    assert "13 fields but the header has 12" in problem.reason


def test_f1_unclosed_quote_stops_with_a_problem(tmp_path: Path) -> None:
    path = write(tmp_path, HEADER, PRINCIPAL, 'LCSD,,"unclosed' + "x" * 200_000)
    reader = read_roster(path, "LCSD")
    read_all(reader)
    # Only that: no "principal not in the file" for what could not be read.
    assert len(reader.problems) == 1
    assert "not valid CSV" in reader.problems[0].reason


# --- every bad line, capped ------------------------------------------------------------------


def test_f1_every_bad_line_is_reported(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        HEADER,
        PRINCIPAL,
        SPOUSE.replace("1982-09-03", "1982-09-31"),
        CHILD.replace(",child,", ",kid,"),
        CHILD.replace(C1, hkid("R", 100004)).replace(",active,", ",gone,"),
    )
    reader = read_roster(path, "LCSD")
    rows = read_all(reader)
    assert [(p.line, p.column) for p in reader.problems] == [
        (3, "date_of_birth"),
        (4, "relationship"),
        (5, "status"),
    ]
    assert [row.line for row in rows] == [2]  # the good rows still come; the caller rolls back
    assert reader.failed


def test_f1_problems_are_capped_but_counted(tmp_path: Path) -> None:
    bad = [
        CHILD.replace(C1, hkid("R", number)).replace("2012-02-28", "2012-02-30")
        for number in range(MAX_PROBLEMS + 500)
    ]
    reader = read_roster(write(tmp_path, HEADER, PRINCIPAL, *bad), "LCSD")
    read_all(reader)
    assert len(reader.problems) == MAX_PROBLEMS
    assert reader.problem_count == MAX_PROBLEMS + 500
    rejected = FileRejected(reader.problems, reader.problem_count)
    message = str(rejected)
    assert message.count("\n") == FileRejected.SHOWN
    assert message.endswith(f"… and {MAX_PROBLEMS + 500 - FileRejected.SHOWN} more")


# --- FileProblem / FileRejected --------------------------------------------------------------


def test_f1_file_problem_sentence_forms() -> None:
    assert str(
        FileProblem("LCSD.csv", 14, "date_of_birth", "'31/02/1980' is not a valid date")
    ) == ("LCSD.csv line 14, column date_of_birth: '31/02/1980' is not a valid date")
    assert str(FileProblem("LCSD.csv", 3, None, "bad")) == "LCSD.csv line 3: bad"
    assert str(FileProblem("LCSD.csv", None, None, "empty")) == "LCSD.csv: empty"


def test_r9_3_file_problem_never_shows_a_full_hkid() -> None:
    problem = FileProblem("LCSD.csv", 2, "hkid", f"HKID {P1} twice")
    assert P1 not in str(problem)
    assert "K100XXX(X)" in str(problem)


def test_f1_file_rejected_lists_every_problem_one_per_line() -> None:
    problems = [FileProblem("A.csv", n, None, f"problem {n}") for n in (2, 3)]
    rejected = FileRejected(problems)
    assert str(rejected) == "A.csv line 2: problem 2\nA.csv line 3: problem 3"
    assert rejected.problems == problems
    assert rejected.total == 2


# --- scale -----------------------------------------------------------------------------------


def big_roster(path: Path, families: int) -> int:
    """A roster of ``families`` families of three (officer, spouse, child); the row count."""
    letters = "ABCDEGHJKMNPRSTVWYZ"
    with path.open("w", encoding="utf-8", newline="") as out:
        out.write(HEADER + "\r\n")
        for family in range(families):
            number = family * 3
            principal = hkid(letters[number // 1_000_000], number % 1_000_000)
            for offset, (category, relationship) in enumerate(
                (("officer", "self"), ("dependant", "spouse"), ("dependant", "child"))
            ):
                person = (
                    principal
                    if offset == 0
                    else hkid(
                        letters[(number + offset) // 1_000_000], (number + offset) % 1_000_000
                    )
                )
                staff = f"L{family:07d}" if offset == 0 else ""
                out.write(
                    f'LCSD,{staff},{person},"CHAN, Tai Man {family}",陳大文,1980-04-12,'
                    f"{category},{relationship},{principal},,active,\r\n"
                )
    return families * 3


def peak_memory_of_reading(path: Path) -> tuple[int, int]:
    """(rows read, peak traced bytes) while reading ``path`` and dropping each chunk.

    Chunks of 1,000 rows, so that both files hold full chunks and only the whole-file index
    differs.
    """
    tracemalloc.start()
    try:
        reader = read_roster(path, "LCSD", chunk_size=1000)
        rows = 0
        for chunk in reader:
            rows += len(chunk)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert reader.problems == []
    return rows, peak


def test_f1_memory_does_not_grow_with_the_rows(tmp_path: Path) -> None:
    small, large = tmp_path / "small.csv", tmp_path / "large.csv"
    big_roster(small, 1_000)
    big_roster(large, 10_000)
    small_rows, small_peak = peak_memory_of_reading(small)
    large_rows, large_peak = peak_memory_of_reading(large)
    assert (small_rows, large_rows) == (3_000, 30_000)
    # Holding the rows would cost about 1 KB each (30 MB here). What grows is the compact HKID
    # index of the whole-file checks, a few tens of bytes per row.
    per_row = (large_peak - small_peak) / (large_rows - small_rows)
    assert per_row < 100, f"{per_row:.0f} bytes per row"
    assert large_peak < 8 * 1024 * 1024


@pytest.mark.slow
def test_f1_600000_rows_in_bounded_memory_and_time(tmp_path: Path) -> None:
    # tracemalloc slows the reader sevenfold; a child process measures the real peak resident
    # memory instead, without the test runner's own allocations in the way.
    pytest.importorskip("resource")
    path = tmp_path / "big.csv"
    assert big_roster(path, 200_000) == 600_000
    script = textwrap.dedent(
        """
        import json, resource, sys, time
        from pathlib import Path
        from fc_admin.exchange.roster_csv import read_roster
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        started = time.perf_counter()
        reader = read_roster(Path(sys.argv[1]), "LCSD")
        rows = sum(len(chunk) for chunk in reader)
        elapsed = time.perf_counter() - started
        after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        print(json.dumps({"rows": rows, "problems": len(reader.problems),
                          "seconds": elapsed, "grown_kb": after - before}))
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", script, str(path)],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).resolve().parents[2],
    )
    measured = json.loads(result.stdout)
    assert measured["rows"] == 600_000
    assert measured["problems"] == 0
    # Linux reports kilobytes. The file is about 60 MB and its rows as objects would be ~600 MB.
    assert measured["grown_kb"] < 64 * 1024, measured
    assert measured["seconds"] < 30, measured


# --- the fast path ---------------------------------------------------------------------------


class FullChecksOnly(RosterReader):
    """The reader with every record through the full checks: the reference for the fast path."""

    _fast_path = False


def outcome(reader: RosterReader) -> tuple[object, ...]:
    rows = [row for chunk in reader.values() for row in chunk]
    return (
        rows,
        [(p.line, p.column, p.reason) for p in reader.problems],
        reader.problem_count,
        reader.counts,
        reader.row_count,
        reader.warnings,
        reader.encoding,
    )


# Ways to write a value differently, rightly or wrongly, per column.
def _variants(column: str, value: str, other_hkid: str, same_row: dict[str, str]) -> list[str]:
    common = ["", " ", f" {value} ", value.lower(), value.upper()]
    if column in ("hkid", "principal_hkid"):
        bare = value.replace("(", "").replace(")", "")
        wrong = value[:-2] + ("1" if value[-2] != "1" else "2") + ")"
        return [
            *common,
            bare,
            bare.lower(),
            value[:-1],
            value + ")",
            wrong,
            value.replace("(", "（").replace(")", "）"),
            "１" + value[1:] if value[0].isdigit() else value.replace("1", "１"),
            value[1:],
            "X" + value,
            other_hkid,
            value[:2] + " " + value[2:],
            same_row["hkid"],  # a dependant as their own principal
            same_row["principal_hkid"],
        ]
    if column in ("date_of_birth", "status_date"):
        iso = value or "2010-01-05"
        year, month, day = iso.split("-")
        return [
            *common,
            f"{day}/{month}/{year}",
            f"{int(day)}/{int(month)}/{year}",
            f"{year}{month}{day}",
            f"{year}-{int(month)}-{int(day)}",
            f"{year}-02-30",
            f"31/02/{year}",
            f"{year}-W01-1",
            "２０１２-02-28",
            f"{year}/{month}/{day}",
        ]
    if column in ("category", "relationship", "status", "child_status", "source"):
        return [
            *common,
            value.title(),
            "officer",
            "pensioner",
            "survivor",
            "dependant",
            "self",
            "spouse",
            "child",
            "fte",
            "infirm",
            "active",
            "inactive",
            "PEN",
            "LCSD",
            "nonsense",
        ]
    if column == "staff_no":
        return [*common, "S" * 20, "S" * 21]
    if column == "name_en":
        return [*common, "X" * 160, "X" * 161, "LINE,\nBREAK", 'QUOTE "X"']
    if column == "name_zh":
        return [*common, "陳" * 60, "陳" * 61, "綫𨋢"]
    return common


def fuzzed_roster(source: str, seed: int, families: int) -> list[list[str]]:
    """Families of ``source`` as rows of F1 columns, a third of them with one value changed."""
    import random

    rnd = random.Random(seed)
    pensions = source == "PEN"
    columns = HEADER.split(",")
    rows: list[list[str]] = []
    people = [hkid(rnd.choice("ABCKRZ") + rnd.choice(["", "A", "Z"]), n) for n in range(200)]
    for family in range(families):
        principal = hkid(rnd.choice("ABCDEGKRZ"), 100_000 + family * 3)
        members = [(principal, "pensioner" if pensions else "officer", "self", "")]
        for k, relationship in enumerate(
            rnd.sample(["spouse", "child", "child"], rnd.randint(0, 3))
        ):
            child_status = rnd.choice(["", "", "fte", "infirm"]) if relationship == "child" else ""
            members.append(
                (hkid("R", 100_000 + family * 3 + k + 1), "dependant", relationship, child_status)
            )
        for person, category, relationship, child_status in members:
            values = {
                "source": source,
                "staff_no": f"S{family:06d}" if relationship == "self" and not pensions else "",
                "hkid": person,
                "name_en": f"CHAN, Tai Man {family}",
                "name_zh": "陳大文",
                "date_of_birth": f"19{rnd.randint(30, 99)}-{rnd.randint(1, 12):02d}-"
                f"{rnd.randint(1, 28):02d}",
                "category": category,
                "relationship": relationship,
                "principal_hkid": principal,
                "child_status": child_status,
                "status": rnd.choice(["active", "active", "inactive"]),
                "status_date": rnd.choice(["", "", "2024-09-01"]),
            }
            if rnd.random() < 0.35:
                column = rnd.choice(columns)
                values[column] = rnd.choice(
                    _variants(column, values[column], rnd.choice(people), values)
                )
            rows.append([values[c] for c in columns])
    # Whole-file problems: an HKID twice, a dependant before (or without) its principal.
    rows.insert(rnd.randrange(len(rows)), list(rnd.choice(rows)))
    return rows


@pytest.mark.parametrize("source", ["LCSD", "PEN"])
@pytest.mark.parametrize("layout", ["f1", "shuffled", "few_columns"])
def test_f1_fast_path_gives_what_the_full_checks_give(
    tmp_path: Path, source: str, layout: str
) -> None:
    import csv
    import io
    import random

    for seed in range(4):
        rows = fuzzed_roster(source, seed, 400)
        columns = HEADER.split(",")
        order = list(range(len(columns)))
        if layout == "shuffled":
            random.Random(seed).shuffle(order)
        elif layout == "few_columns":
            # Optional columns left out (staff_no too: a problem for a department), one unknown.
            order = [i for i, c in enumerate(columns) if c not in ("staff_no", "name_zh")]
        text = io.StringIO()
        writer = csv.writer(text, lineterminator="\r\n")
        writer.writerow([columns[i] for i in order] + (["remarks"] if layout != "f1" else []))
        for row in rows:
            writer.writerow([row[i] for i in order] + (["x"] if layout != "f1" else []))
        text.write("\r\n,,,\r\n")  # a blank record
        path = tmp_path / f"{source}-{layout}-{seed}.csv"
        path.write_text(text.getvalue(), encoding="utf-8", newline="")

        fast = outcome(read_roster(path, source))
        full = outcome(FullChecksOnly(path, source))
        assert fast == full
        problems = fast[2]
        assert isinstance(problems, int)
        if layout == "few_columns" and source != "PEN":
            assert problems == 1  # no staff_no column: the header is refused
        else:
            assert 0 < problems < len(rows)  # both good and bad rows were compared


def test_f1_fast_path_rows_equal_full_check_rows(tmp_path: Path) -> None:
    # The public rows (RosterRow) too, on a file without problems with values written loosely.
    lower = P1.lower().replace("(", "").replace(")", "")
    lines = [
        HEADER,
        PRINCIPAL.replace(f",{P1},", f", {lower} ,", 1).replace("1980-04-12", "12/4/1980"),
        SPOUSE.replace(",dependant,spouse,", ", Dependant ,SPOUSE,").replace(
            ",active,", ",Active,"
        ),
        CHILD.replace(",,active,", ",FTE,active, 2024-09-01 ").replace("2012-02-28", "2006-01-01"),
    ]
    path = write(tmp_path, *lines)
    fast, full = read_all(read_roster(path, "LCSD")), read_all(FullChecksOnly(path, "LCSD"))
    assert fast == full
    assert fast[0].hkid == P1 and fast[0].date_of_birth == date(1980, 4, 12)
    assert (fast[1].category, fast[1].relationship, fast[1].status) == (
        "dependant",
        "spouse",
        "active",
    )
    assert (fast[2].child_status, fast[2].status_date) == ("fte", date(2024, 9, 1))


def test_r9_hkid_tables_agree_with_check_character() -> None:
    import random
    import string

    from fc_admin.domain.hkid import InvalidHkid, normalise_hkid
    from fc_admin.exchange.roster_csv import _canonical_hkid_code, _hkid_code

    rnd = random.Random(9)
    for _ in range(5_000):
        prefix = "".join(rnd.choice(string.ascii_uppercase) for _ in range(rnd.randint(1, 2)))
        digits = f"{rnd.randrange(1_000_000):06d}"
        right = check_character(prefix, digits)
        for given in "0123456789A":
            text = f"{prefix}{digits}({given})"
            code = _canonical_hkid_code(text)
            try:
                canonical = normalise_hkid(text)
            except InvalidHkid:
                assert given != right and code is None
            else:
                assert given == right and canonical == text and code == _hkid_code(text)
    for text in ("", "A", "A123456(3", "a123456(3)", "A123456 (3)", "ABC123456(7)", "A１23456(3)"):
        assert _canonical_hkid_code(text) is None
