"""F8: reading a weekly session template from TOML - strict, every problem with where and why."""

from __future__ import annotations

import re
from datetime import time
from pathlib import Path

import pytest

from fc_admin.domain.session_templates import SessionSpec, WeeklyTemplate
from fc_admin.exchange.errors import FileProblem, FileRejected
from fc_admin.exchange.session_template_toml import parse_session_template, template_to_toml

FORMATS = Path(__file__).resolve().parents[3] / "shared" / "spec" / "formats.md"
NAME = "CW-2025.toml"

# The example of formats.md F8 (one comment shortened).
F8_EXAMPLE = """\
[[session]]
name = "AM"                                # unique within the template
days = ["Mon", "Tue", "Wed", "Thu", "Fri"]
start = "09:00"
end = "13:00"                              # the last slot ends at or before this time
slot_minutes = 15
capacity = 4                               # bookings per slot, all channels together
online = 2                                 # of which reserved for online (R7.2)

[[session]]
name = "PM"
days = ["Mon", "Tue", "Wed", "Thu", "Fri"]
start = "14:00"
end = "17:00"
slot_minutes = 15
capacity = 4
online = 2
"""
WEEKDAYS = (0, 1, 2, 3, 4)
EXPECTED = WeeklyTemplate(
    (
        SessionSpec("AM", WEEKDAYS, time(9, 0), time(13, 0), 15, 4, 2),
        SessionSpec("PM", WEEKDAYS, time(14, 0), time(17, 0), 15, 4, 2),
    )
)


def rejected(text: str | bytes) -> list[FileProblem]:
    with pytest.raises(FileRejected) as caught:
        parse_session_template(text, NAME)
    problems = caught.value.problems
    assert problems
    assert all(p.file == NAME for p in problems)
    assert str(caught.value).startswith(NAME)
    return problems


def only(text: str | bytes) -> FileProblem:
    problems = rejected(text)
    assert len(problems) == 1, problems
    return problems[0]


def edit(old: str, new: str, count: int = 1) -> str:
    assert old in F8_EXAMPLE
    return F8_EXAMPLE.replace(old, new, count)


# --- good files --------------------------------------------------------------------------------


def test_the_example_in_formats_md_parses() -> None:
    spec = FORMATS.read_text(encoding="utf-8")
    section = spec[spec.index("## F8") :]
    example = re.search(r"```toml\n(.*?)```", section, re.S)
    assert example is not None
    assert parse_session_template(example[1], "formats.md") == EXPECTED


def test_f8_example_from_bytes_and_text() -> None:
    assert parse_session_template(F8_EXAMPLE, NAME) == EXPECTED
    assert parse_session_template(F8_EXAMPLE.encode(), NAME) == EXPECTED


def test_bom_and_crlf_accepted() -> None:
    data = b"\xef\xbb\xbf" + F8_EXAMPLE.replace("\n", "\r\n").encode()
    assert parse_session_template(data, NAME) == EXPECTED
    assert parse_session_template("\ufeff" + F8_EXAMPLE, NAME) == EXPECTED


def test_day_names_in_any_case_stored_canonical() -> None:
    template = parse_session_template(edit('"Mon", "Tue"', '"mon", "TUE"'), NAME)
    assert template.sessions[0].days == WEEKDAYS
    assert template.sessions[0].day_names()[:2] == ["Mon", "Tue"]


def test_file_order_is_kept() -> None:
    first, second = F8_EXAMPLE.split("\n\n")
    template = parse_session_template(second + "\n" + first, NAME)
    assert [s.name for s in template.sessions] == ["PM", "AM"]


def test_sessions_as_an_inline_array_are_read_too() -> None:
    text = (
        'session = [{name = "AM", days = ["Sat"], start = "09:00", end = "12:00", '
        "slot_minutes = 30, capacity = 2, online = 1}]\n"
    )
    template = parse_session_template(text, NAME)
    assert template.sessions[0].days == (5,)


def test_round_trip() -> None:
    assert parse_session_template(template_to_toml(EXPECTED), NAME) == EXPECTED
    assert template_to_toml(EXPECTED) == EXPECTED.to_toml()
    odd = WeeklyTemplate(
        (
            SessionSpec('Eve "late"', (6, 0, 3), time(18, 0), time(20, 50), 20, 7, 0),
            SessionSpec("早診", (5,), time(8, 0), time(8, 30), 5, 500, 500),
        )
    )
    assert parse_session_template(odd.to_toml(), NAME) == odd
    assert parse_session_template(odd.to_toml().encode(), NAME) == odd


# --- the file as a whole -----------------------------------------------------------------------


def test_empty_file() -> None:
    for text in ("", "   \n", "# nothing yet\n", b""):
        problem = only(text)
        assert problem.line is None
        assert "no [[session]]" in problem.reason


def test_empty_session_array() -> None:
    assert "no [[session]]" in only("session = []\n").reason


def test_not_utf8() -> None:
    data = F8_EXAMPLE.replace('"PM"', '"PM"  # caf\u00e9').encode("latin-1")
    problem = only(data)
    assert problem.line == 11
    assert "not UTF-8" in problem.reason and "e9" in problem.reason


def test_syntax_error_has_line_and_column() -> None:
    problem = only(
        edit("slot_minutes = 15\ncapacity = 4  ", "slot_minutes = 15 15\ncapacity = 4  ")
    )
    assert problem.line == 6
    assert problem.column is not None and problem.column.isdigit()
    assert problem.reason.startswith("not valid TOML")
    assert f"{NAME} line 6, column {problem.column}: not valid TOML" in str(
        FileProblem(**vars(problem))
    )


def test_syntax_error_unclosed_array() -> None:
    problem = only('[[session]]\nname = "AM"\ndays = ["Mon",\n')
    assert problem.line is not None
    assert "not valid TOML" in problem.reason


def test_duplicate_key_is_a_syntax_error() -> None:
    problem = only(edit('start = "09:00"\n', 'start = "09:00"\nstart = "09:30"\n'))
    assert problem.line == 5
    assert "not valid TOML" in problem.reason


def test_unknown_top_level_keys() -> None:
    problems = rejected('clinic = "CW"\n' + F8_EXAMPLE + "\n[extra]\nx = 1\n")
    assert [(p.line, p.reason.split(";")[0]) for p in problems] == [
        (1, "unknown top-level key or table 'clinic'"),
        (20, "unknown top-level key or table 'extra'"),
    ]


def test_single_session_table() -> None:
    problem = only('[session]\nname = "AM"\n')
    assert problem.line == 1 and problem.column == "session"
    assert "[[session]]" in problem.reason


# --- one session: keys and types ---------------------------------------------------------------


def test_missing_key() -> None:
    problem = only(edit("slot_minutes = 15\n", ""))
    assert (problem.line, problem.column) == (1, "AM")
    assert problem.reason == "the key slot_minutes is missing"


def test_unknown_key() -> None:
    problem = only(F8_EXAMPLE + "phone = 2\n")
    assert (problem.line, problem.column) == (18, "PM.phone")
    assert problem.reason.startswith("unknown key 'phone'; a session has exactly: name, days")


def test_misspelt_key_gives_both_problems() -> None:
    problems = rejected(edit('days = ["Mon"', 'dayz = ["Mon"'))
    assert {(p.line, p.column) for p in problems} == {(1, "AM"), (3, "AM.dayz")}
    assert any("the key days is missing" in p.reason for p in problems)
    assert any("unknown key 'dayz'" in p.reason for p in problems)


@pytest.mark.parametrize(
    ("old", "new", "line", "column", "reason"),
    [
        ('name = "AM"', "name = 1", 2, "session[1].name", "must be a string"),
        ('"Mon", "Tue"', '"Monday", "Tue"', 3, "AM.days", "'Monday' is not a day"),
        ('days = ["Mon", "Tue", "Wed", "Thu", "Fri"]', 'days = "Mon"', 3, "AM.days", "a list"),
        ('"Mon", "Tue"', '1, "Tue"', 3, "AM.days", "the number 1 is not a day"),
        ('start = "09:00"', 'start = "9:00"', 4, "AM.start", "'9:00' is not a time HH:MM"),
        ('start = "09:00"', 'start = "09:00:00"', 4, "AM.start", "not a time HH:MM"),
        ('start = "09:00"', 'start = "24:00"', 4, "AM.start", "not a time HH:MM"),
        ('start = "09:00"', "start = 09:00:00", 4, "AM.start", 'as a string in quotes, "09:00"'),
        ('end = "13:00"', "end = 1300", 5, "AM.end", "the number 1300"),
        ("slot_minutes = 15", "slot_minutes = 15.0", 6, "AM.slot_minutes", "whole number"),
        ("capacity = 4  ", "capacity = true  ", 7, "AM.capacity", "the boolean true"),
        ("online = 2  ", 'online = "2"  ', 8, "AM.online", "not the string '2'"),
    ],
)
def test_field_problems(old: str, new: str, line: int, column: str, reason: str) -> None:
    problem = only(edit(old, new))
    assert (problem.line, problem.column) == (line, column), problem
    assert reason in problem.reason
    assert column in str(problem) and f"line {line}" in str(problem)


def test_every_problem_of_every_session_is_listed() -> None:
    text = edit('start = "09:00"', 'start = "9am"').replace('name = "PM"', "name = false")
    problems = rejected(text)
    assert [p.column for p in problems] == ["AM.start", "session[2].name"]


# --- the template as a whole (template_problems) -----------------------------------------------


def test_overlap_named_at_the_later_session() -> None:
    problem = only(edit('start = "14:00"', 'start = "12:00"'))
    assert problem.line == 13 and problem.column == "PM.start"
    assert "sessions 'AM' and 'PM' overlap on Mon, Tue, Wed, Thu, Fri" in problem.reason


def test_online_more_than_capacity() -> None:
    problem = only(edit("online = 2  ", "online = 5  "))
    assert (problem.line, problem.column) == (8, "AM.online")
    assert problem.reason == "online (5) is more than capacity (4)"


def test_start_off_the_slot_grid() -> None:
    problem = only(edit('start = "14:00"', 'start = "14:05"'))
    assert (problem.line, problem.column) == (13, "PM.start")
    assert "not on the 15-minute slot grid" in problem.reason


def test_end_before_start() -> None:
    problem = only(edit('end = "17:00"', 'end = "13:30"'))
    assert (problem.line, problem.column) == (14, "PM.end")


def test_duplicate_names() -> None:
    problem = only(edit('name = "PM"', 'name = "AM"').replace('"14:00"', '"13:00"'))
    assert problem.column == "session[2].name"
    assert problem.line == 11
    assert "'AM' is used twice" in problem.reason


def test_duplicate_name_with_an_unreadable_session_still_reported() -> None:
    text = edit('name = "PM"', 'name = "AM"').replace('start = "14:00"', 'start = "2pm"')
    problems = rejected(text)
    assert {p.column for p in problems} == {"session[2].start", "session[2].name"}


def test_range_problems() -> None:
    problems = rejected(
        edit("slot_minutes = 15", "slot_minutes = 0").replace("capacity = 4\n", "capacity = 900\n")
    )
    assert {(p.column, p.reason) for p in problems} == {
        ("AM.slot_minutes", "slot_minutes must be 5 to 240, not 0"),
        ("PM.capacity", "capacity must be 1 to 500, not 900"),
    }


def test_template_problems_and_field_problems_together() -> None:
    text = edit("online = 2  ", "online = 9  ").replace('end = "17:00"', 'end = "5pm"')
    problems = rejected(text)
    assert [(p.line, p.column) for p in problems] == [(8, "AM.online"), (14, "PM.end")]


def test_a_template_that_is_refused_gives_nothing() -> None:
    # Refused whole: no partial template is returned.
    with pytest.raises(FileRejected):
        parse_session_template(edit("online = 2  ", "online = 5  "), NAME)


def test_a_long_session_name_is_refused_with_its_position() -> None:
    problem = only(edit('name = "AM"', f'name = "{"X" * 21}"'))
    assert (problem.line, problem.column) == (2, "session[1].name")
    assert "over 20 characters" in problem.reason


def test_reasons_do_not_carry_a_full_hkid() -> None:
    problem = only(
        edit('name = "AM"', 'name = "A123456(3)"').replace("online = 2  ", "online = 9  ")
    )
    assert "A123456(3)" not in str(problem)
