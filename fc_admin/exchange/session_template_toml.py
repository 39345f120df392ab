"""Reading a weekly session template (formats.md F8, R10.1) from its TOML text.

The file an administrator loads is checked strictly and whole: a problem anywhere refuses the
template (:class:`~fc_admin.exchange.errors.FileRejected`) with every problem found, each with
the file name, a line where one can be found, a column naming the session and the field (the
session's name, e.g. ``PM.start``, or its position counted from 1, ``session[2].start``, when it
has no usable name) and the reason. Nothing of a refused template is used.

Checked here: the TOML syntax (the line and column ``tomllib`` reports), the shape of the file
(only ``[[session]]`` tables at the top level), and the keys and types of each session (exactly
``name``, ``days``, ``start``, ``end``, ``slot_minutes``, ``capacity``, ``online``). The rules of
a template as a whole (overlaps, ``online > capacity``, the slot grid, unique names, …) are the
domain's, :func:`~fc_admin.domain.session_templates.template_problems`; their problems are
reported at the session they name.

``tomllib`` keeps no positions of keys, so lines are found by scanning the text for the
``[[session]]`` headers and the ``key =`` lines under them; when that scan cannot be trusted (the
sessions written as an inline array, say) the line is left out.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import time
from typing import Any, Final, NoReturn, TypeAlias

from fc_admin.domain.privacy import mask_hkids_in_text
from fc_admin.domain.session_templates import (
    DAY_NAMES,
    MAX_NAME_LENGTH,
    SessionSpec,
    WeeklyTemplate,
    template_problems,
)
from fc_admin.exchange.errors import FileProblem, FileRejected, quote_value

__all__ = ["SESSION_KEYS", "parse_session_template", "template_to_toml"]

# F8: the keys of one [[session]], in the order the example gives them.
SESSION_KEYS: Final = ("name", "days", "start", "end", "slot_minutes", "capacity", "online")
_INT_KEYS: Final = ("slot_minutes", "capacity", "online")

# F8: times are "HH:MM" strings, 24-hour, two digits each.
_HH_MM: Final = re.compile(r"([01][0-9]|2[0-3]):([0-5][0-9])")
_DAY_BY_FOLDED: Final = {name.casefold(): index for index, name in enumerate(DAY_NAMES)}

# tomllib (Python 3.11-3.13) gives the position only in the message: "... (at line 3, column 9)".
_TOML_POSITION: Final = re.compile(r"\s*\(at line (\d+), column (\d+)\)\s*$")
_TOML_AT_END: Final = re.compile(r"\s*\(at end of document\)\s*$")

_SESSION_HEADER: Final = re.compile(
    r"""\s*\[\[\s*(?:session|"session"|'session')\s*\]\]\s*(?:#.*)?"""
)
_ANY_HEADER: Final = re.compile(r"\s*\[")
_KEY_LINE: Final = re.compile(r"""\s*(?:"([^"]*)"|'([^']*)'|([A-Za-z0-9_-]+))\s*[=.]""")

_BOM: Final = "\ufeff"

# report(key or None for the session itself, reason)
_Report: TypeAlias = Callable[[str | None, str], None]


def template_to_toml(template: WeeklyTemplate) -> str:
    """The F8 text of ``template`` (:meth:`WeeklyTemplate.to_toml`); parsing it gives it back."""
    return template.to_toml()


@dataclass
class _Lines:
    """Where things are in the text, as far as a line scan can tell (1-based line numbers)."""

    headers: list[int] = field(default_factory=list)
    # For each [[session]] header, the line of each key written under it.
    keys: list[dict[str, int]] = field(default_factory=list)
    # Keys and tables at the top level (before the first [[session]]), and other table headers.
    top_level: dict[str, int] = field(default_factory=dict)

    @classmethod
    def scan(cls, text: str) -> _Lines:
        found = cls()
        current: dict[str, int] | None = None
        for number, line in enumerate(text.splitlines(), start=1):
            if _SESSION_HEADER.fullmatch(line):
                current = {}
                found.headers.append(number)
                found.keys.append(current)
                continue
            if _ANY_HEADER.match(line):
                # Another table: its keys are not the session's (and not top-level either).
                name = line.strip().strip("[]").strip().strip("\"'")
                found.top_level.setdefault(name.split(".")[0], number)
                current = None
                continue
            match = _KEY_LINE.match(line)
            if match is None:
                continue
            key = next(group for group in match.groups() if group is not None)
            if current is not None:
                current.setdefault(key, number)
            elif not found.headers:
                found.top_level.setdefault(key, number)
        return found

    def session_line(self, index: int, key: str | None = None) -> int | None:
        """The line of ``key`` in the ``index``-th session (its header if not found)."""
        if index >= len(self.headers):
            return None
        if key is not None and key in self.keys[index]:
            return self.keys[index][key]
        return self.headers[index]


class _Collector:
    def __init__(self, file_name: str) -> None:
        self.file_name = file_name
        self.problems: list[FileProblem] = []

    def add(self, line: int | None, column: str | None, reason: str) -> None:
        self.problems.append(FileProblem(self.file_name, line, column, reason))

    def raise_if_any(self) -> None:
        if self.problems:
            self.reject()

    def reject(self) -> NoReturn:
        # Stable: problems of one line stay in the order found; whole-file ones first.
        raise FileRejected(sorted(self.problems, key=lambda p: p.line or 0))


def parse_session_template(data: bytes | str, file_name: str) -> WeeklyTemplate:
    """The weekly template of the F8 TOML ``data``; :class:`FileRejected` with every problem.

    ``data`` is the file's bytes (UTF-8, a byte-order mark allowed) or its text. ``file_name`` is
    what problems name. The sessions keep the order of the file; day names are accepted in any
    case and kept as F8 spells them (``Mon`` … ``Sun``).
    """
    problems = _Collector(file_name)
    text = _decode(data, problems)
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        line, column, reason = _describe_toml_error(exc, text)
        problems.add(line, column, f"not valid TOML: {reason}")
        problems.reject()
    lines = _Lines.scan(text)

    for key in document:
        if key != "session":
            problems.add(
                lines.top_level.get(key),
                None,
                f"unknown top-level key or table {quote_value(key)}; an F8 template has only "
                "[[session]] tables",
            )
    raw_sessions = document.get("session")
    if raw_sessions is None:
        problems.add(
            None, None, "no [[session]] in the file; a template needs at least one session"
        )
        problems.reject()
    if isinstance(raw_sessions, dict):
        problems.add(
            lines.top_level.get("session"),
            "session",
            "[session] is a single table; write each session as [[session]] (double brackets)",
        )
        problems.reject()
    if not isinstance(raw_sessions, list):
        problems.add(
            lines.top_level.get("session"),
            "session",
            "session must be [[session]] tables, not a single value",
        )
        problems.reject()
    if not raw_sessions:
        problems.add(
            lines.top_level.get("session"),
            "session",
            "no [[session]] in the file; a template needs at least one session",
        )
        problems.reject()
    # Lines from the scan only when it found exactly the sessions tomllib found.
    if len(lines.headers) != len(raw_sessions):
        lines = _Lines(top_level=lines.top_level)

    labels = _labels(raw_sessions)
    specs: list[tuple[int, SessionSpec]] = []
    for index, raw in enumerate(raw_sessions):
        spec = _session(index, raw, labels[index], lines, problems)
        if spec is not None:
            specs.append((index, spec))

    # R10.1 / F8: the rules of the template as a whole, over the sessions that could be read.
    # With some sessions unreadable, "no session" is not news: their problems are reported.
    for position, reason in template_problems(tuple(spec for _, spec in specs)):
        if position is None:
            if specs:
                problems.add(None, None, reason)
            continue
        index = specs[position][0]
        about = _field_of(reason)
        column = labels[index] if about is None else f"{labels[index]}.{about}"
        problems.add(lines.session_line(index, about), column, reason)
    _report_names_shared_with_unreadable(raw_sessions, specs, labels, lines, problems)

    problems.raise_if_any()
    return WeeklyTemplate(sessions=tuple(spec for _, spec in specs))


# The field a reason of template_problems is about, by how the reason starts ("start 09:05 is
# not on ...", "online (5) is more than ..."): the problem then points at that key's line.
_REASON_FIELDS: Final = (
    ("sessions ", "start"),  # "sessions 'AM' and 'PM' overlap on ..."
    ("the name ", "name"),
    ("the session has no name", "name"),
    ("no days", "days"),
    ("a day ", "days"),
    ("no ", "end"),  # "no 15-minute slot fits between 09:00 and 09:10"
    *((f"{key} ", key) for key in SESSION_KEYS),
)


def _field_of(reason: str) -> str | None:
    return next((key for start, key in _REASON_FIELDS if reason.startswith(start)), None)


# --- decoding --------------------------------------------------------------------------------


def _decode(data: bytes | str, problems: _Collector) -> str:
    if isinstance(data, str):
        return data.removeprefix(_BOM)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        bad = data[exc.start : exc.end][:4].hex(" ")
        problems.add(
            line,
            None,
            f"not UTF-8 text: byte {bad} cannot be decoded (save the template as UTF-8)",
        )
        problems.reject()
    return text.removeprefix(_BOM)


def _describe_toml_error(
    exc: tomllib.TOMLDecodeError, text: str
) -> tuple[int | None, str | None, str]:
    """(line, column, reason) of a TOML syntax error, from what ``tomllib`` says."""
    message = str(exc)
    line: int | None = getattr(exc, "lineno", None)  # Python 3.14 has the attributes
    column: int | None = getattr(exc, "colno", None)
    match = _TOML_POSITION.search(message)
    if match is not None:
        line, column = int(match[1]), int(match[2])
        message = message[: match.start()]
    elif _TOML_AT_END.search(message):
        message = _TOML_AT_END.sub("", message) + " at the end of the file"
        line = text.count("\n") + (0 if text.endswith("\n") else 1) or None
    reason = getattr(exc, "msg", None) or message
    return line, (str(column) if column is not None else None), str(reason)


def _report_names_shared_with_unreadable(
    raw_sessions: list[Any],
    specs: list[tuple[int, SessionSpec]],
    labels: list[str],
    lines: _Lines,
    problems: _Collector,
) -> None:
    """F8: names are unique. ``template_problems`` sees only the sessions that could be read;
    a name an unreadable session shares with another is reported here, so that it is not news
    only once the other problems are fixed."""
    readable = {index for index, _ in specs}
    first_of: dict[str, int] = {}
    for index, raw in enumerate(raw_sessions):
        name = raw.get("name") if isinstance(raw, dict) else None
        if not isinstance(name, str) or not name.strip():
            continue
        first = first_of.setdefault(name, index)
        if first != index and not (first in readable and index in readable):
            problems.add(
                lines.session_line(index, "name"),
                f"{labels[index]}.name",
                f"the name {name!r} is used twice (names are unique)",
            )


# --- one session -----------------------------------------------------------------------------


def _labels(raw_sessions: list[Any]) -> list[str]:
    """What each session is called in problems: its name if unique and usable, else its place."""
    names = [raw.get("name") if isinstance(raw, dict) else None for raw in raw_sessions]
    labels = []
    for index, name in enumerate(names):
        usable = (
            isinstance(name, str)
            and name.strip() == name
            and 0 < len(name) <= MAX_NAME_LENGTH
            and name.isprintable()
            and names.count(name) == 1
            and not any(c in name for c in "[].")
        )
        # R9.3: the label is not masked as a reason is (FileProblem masks reasons only).
        label = mask_hkids_in_text(name) if usable and isinstance(name, str) else None
        labels.append(label or f"session[{index + 1}]")
    return labels


def _session(
    index: int, raw: object, label: str, lines: _Lines, problems: _Collector
) -> SessionSpec | None:
    """The session ``raw``, or None after reporting every problem with its keys and types."""
    if not isinstance(raw, dict):
        problems.add(lines.session_line(index), label, "a session must be a [[session]] table")
        return None
    before = len(problems.problems)

    def report(key: str | None, reason: str) -> None:
        column = label if key is None else f"{label}.{key}"
        problems.add(lines.session_line(index, key), column, reason)

    for key in raw:
        if key not in SESSION_KEYS:
            report(
                key,
                f"unknown key {quote_value(key)}; a session has exactly: {', '.join(SESSION_KEYS)}",
            )
    for key in SESSION_KEYS:
        if key not in raw:
            report(None, f"the key {key} is missing")

    name = raw.get("name")
    if "name" in raw and not isinstance(name, str):
        report("name", f"the name must be a string in quotes, not {_kind(name)}")

    days = _days(raw.get("days"), report) if "days" in raw else None
    start = _time(raw.get("start"), "start", report) if "start" in raw else None
    end = _time(raw.get("end"), "end", report) if "end" in raw else None
    numbers: dict[str, int] = {}
    for key in _INT_KEYS:
        if key not in raw:
            continue
        value = raw[key]
        # bool is an int in Python; TOML's true/false is not a number of seats.
        if isinstance(value, int) and not isinstance(value, bool):
            numbers[key] = value
        else:
            report(key, f"{key} must be a whole number, not {_kind(value)}")

    if len(problems.problems) != before:
        return None
    assert isinstance(name, str) and days is not None and start is not None and end is not None
    return SessionSpec(
        name=name,
        days=days,
        start=start,
        end=end,
        slot_minutes=numbers["slot_minutes"],
        capacity=numbers["capacity"],
        online=numbers["online"],
    )


def _days(value: object, report: _Report) -> tuple[int, ...] | None:
    example = '["Mon", "Tue", "Wed", "Thu", "Fri"]'
    if not isinstance(value, list):
        report("days", f"days must be a list of day names like {example}, not {_kind(value)}")
        return None
    days: list[int] = []
    ok = True
    for item in value:
        index = _DAY_BY_FOLDED.get(item.strip().casefold()) if isinstance(item, str) else None
        if index is None:
            shown = quote_value(item) if isinstance(item, str) else _kind(item)
            report("days", f"{shown} is not a day; use {', '.join(DAY_NAMES)}")
            ok = False
        else:
            days.append(index)
    return tuple(days) if ok else None


def _time(value: object, key: str, report: _Report) -> time | None:
    if isinstance(value, str):
        match = _HH_MM.fullmatch(value)
        if match is not None:
            return time(int(match[1]), int(match[2]))
        report(key, f'{quote_value(value)} is not a time HH:MM (24-hour, e.g. "09:00")')
        return None
    if isinstance(value, time):
        report(key, f'write the time as a string in quotes, "{value:%H:%M}"')
        return None
    report(key, f'{key} must be a time "HH:MM" in quotes, not {_kind(value)}')
    return None


def _kind(value: object) -> str:
    """What a TOML value is, for a message (never the value itself when it may be long)."""
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, str):
        return f"the string {quote_value(value)}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a table"
    return f"a {type(value).__name__} value"
