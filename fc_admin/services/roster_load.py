"""Bulk loading of checked roster rows into ``roster_person`` (R3.1, formats.md F1).

A roster can hold 600,000 rows. They come from :meth:`RosterReader.values` in chunks of plain
tuples and go into ``roster_person`` through the import's own connection, inside its transaction:
a refused or cancelled import rolls them back with everything else.

The chunks are gathered into runs of about :data:`RUN_CHARS` characters of JSON (some 40,000
rows), each inserted **sorted by HKID**: the unique (import, HKID) index, the HKID index and the
primary key then take each run in key order instead of at random, which is where most of an
import's database time goes.

SQLite: a run is one JSON array of the tuples, inserted by one ``INSERT ... SELECT`` over
``json_each`` ordered by HKID. One statement a run, not one a row, and no Python per row on the
way in (the JSON encoder is C).

PostgreSQL: a run is some 40,000 rows (``RUN_CHARS // _CHARS_PER_ROW``) sorted by HKID in this
process and sent by one ``COPY roster_person ... FROM STDIN`` (text format,
:meth:`psycopg.Copy.write_row`, which escapes each value): the server only parses COPY's text, with
no JSON to take apart and no sort of its own, and fills the heap pages in bulk.

A run is inserted on a helper thread while the reader reads the next one: both drivers let go of
the GIL while the database works, so on a machine with a second core free the database's share of
the import mostly hides behind the reader's. At most two runs are held (one being inserted, one
being gathered), which bounds the memory.

Measured at 600,000 rows on a 2-core machine (whole import, reading included): SQLite about 4.2 s
with runs of 40,000 rows (5-6 s when the other core is busy), against 6.3 s for one sorted insert
of all the rows from a staging table after reading and 7 s for chunks inserted in file order.
PostgreSQL, the other core partly busy with other work: 9.6-11 s for COPY of sorted runs of
40,000 rows, 10.2-12.7 s for the same runs as JSON through ``jsonb_array_elements``, 13 s for
COPY in CSV format (formatting and sorting in this process hold the GIL longer), 13.5 s for COPY
of unsorted runs, 14-17 s for COPY inline (no helper thread); the server's CPU for the import
about 7.2-8.8 s with COPY against 9.2-9.9 s with JSON. The server's maintenance of the three
secondary indexes and the primary key bounds it: an ``INSERT ... SELECT`` of all the rows sorted
by HKID from a table already loaded takes 5-9 s by itself (unsorted: 13 s), the same rows into a
table without indexes 2.6 s, and ``psql``'s ``\\copy`` into a bare table 1.2 s.
"""

from __future__ import annotations

import json
import logging
import sqlite3
from concurrent.futures import Future, ThreadPoolExecutor
from operator import itemgetter
from typing import Any, Final, Protocol

from sqlalchemy.orm import Session

from fc_admin.exchange.roster_csv import VALUE_COLUMNS, RosterValues

__all__ = ["RUN_CHARS", "RowSink", "open_row_sink"]

log = logging.getLogger(__name__)

# The JSON characters of one run (one statement, sorted by HKID): about 40,000 rows of a typical
# roster. Larger runs are a little faster (fewer, longer stretches in key order) and take more
# memory, some 7 bytes a character while a run is inserted and the next one gathered. At 600,000
# rows: 4 million characters 4.5 s and a peak of 218 MB; 6 million 4.2 s, 243 MB; 8 million
# 4.0 s, 280 MB (the C library keeps more of the freed runs). PostgreSQL's runs are counted in
# rows, RUN_CHARS // _CHARS_PER_ROW of them (40,000; 20,000 or 80,000 were no faster, and 80,000
# took 40 MB more).
RUN_CHARS: Final = 6_000_000
# About the JSON characters of one row of a typical roster (see RUN_CHARS).
_CHARS_PER_ROW: Final = 150

_COLUMNS: Final = ", ".join(VALUE_COLUMNS)
_HKID: Final = VALUE_COLUMNS.index("hkid")
# Only str, None and int in the tuples: no circular references to look for. ASCII (other
# characters as \u escapes, which both databases decode) keeps the text one byte a character.
_JSON: Final = json.JSONEncoder(ensure_ascii=True, check_circular=False, separators=(",", ":"))


def _path(index: int) -> str:
    return f"'$[{index}]'"


# SQLite page cache of the import connection (KiB, as a negative cache_size): the indexes of
# roster_person take a run's keys all over them, which the default 2 MB cache turns into page
# spills (16 MB: half again as slow; 64 MB: no faster).
_SQLITE_IMPORT_CACHE_KIB: Final = 32_768
# The run is materialised once: each row's JSON is then parsed once for all of its values
# (json_extract rather than ->>, which needs SQLite 3.38, and is no faster).
_SQLITE_INSERT_RUN: Final = (
    "WITH run(row) AS MATERIALIZED (SELECT value FROM json_each(?2)) "
    f"INSERT INTO main.roster_person (import_id, {_COLUMNS}) "
    f"SELECT ?1, {', '.join(f'json_extract(row, {_path(i)})' for i in range(len(VALUE_COLUMNS)))} "
    f"FROM run ORDER BY json_extract(row, {_path(_HKID)})"
)

# PostgreSQL: COPY of the rows' values without their line; the import id goes first.
_PG_COPY: Final = f"COPY roster_person (import_id, {_COLUMNS}) FROM STDIN"
_WIDTH: Final = len(VALUE_COLUMNS)
_BY_HKID: Final = itemgetter(_HKID)


class RowSink(Protocol):
    """Where an import's rows go; all of it inside the import's transaction."""

    def write(self, rows: list[RosterValues]) -> None:
        """Take one chunk (inserted with its run, at the latest by :meth:`finish`)."""

    def finish(self) -> None:
        """Insert what is left and wait until every row is in (still uncommitted)."""

    def abandon(self, exc: BaseException) -> None:
        """Stop after a failure, a refused file or a cancel; the caller then rolls back."""

    def restore(self) -> None:
        """Put back what was changed on the connection for the import (always called last)."""


def open_row_sink(session: Session, import_id: int) -> RowSink:
    """A sink for the rows of the import ``import_id`` on the connection of ``session``."""
    dialect = session.get_bind().dialect.name
    dbapi = session.connection().connection.driver_connection
    if dbapi is None:  # pragma: no cover - a live session always has its connection
        raise RuntimeError("the session has no database connection")
    if dialect == "sqlite":
        return _SqliteSink(dbapi, import_id)
    if dialect == "postgresql":
        return _PostgresSink(dbapi, import_id)
    raise RuntimeError(f"roster import does not support {dialect}")  # pragma: no cover


class _HelperSink:
    """Inserts each run on a helper thread (at most one at a time) while the next is gathered.

    Subclasses gather the chunks (:meth:`write`), hand a full run to :meth:`_submit` from
    :meth:`_insert_run` and drop what they gather in :meth:`_drop`.
    """

    def __init__(self, dbapi: Any, import_id: int) -> None:
        self._dbapi = dbapi
        self._import_id = import_id
        self._helper: ThreadPoolExecutor | None = ThreadPoolExecutor(
            max_workers=1, thread_name_prefix="roster-load"
        )
        self._pending: Future[Any] | None = None
        # A run the database refused for a constraint (the same HKID twice: the reader finds
        # that only at the end of the file). Kept until then, so that the file is refused with
        # its problems (FileRejected) rather than the database's message, which shows the HKID.
        self._refused: Exception | None = None

    def _stop_helper(self) -> None:
        if self._helper is not None:
            self._helper.shutdown(wait=True)
            self._helper = None

    def _wait(self) -> None:
        """Until the run being inserted is in; its error, if it failed (but a refusal)."""
        pending, self._pending = self._pending, None
        if pending is None:
            return
        try:
            pending.result()
        except Exception as exc:
            if not self._is_refusal(exc):
                raise
            self._refused = exc

    @staticmethod
    def _is_refusal(exc: Exception) -> bool:
        """Whether ``exc`` is the database refusing a run for a constraint."""
        return False

    def _submit(self, insert: Any, *arguments: Any) -> None:
        """``insert(*arguments)`` on the helper thread, once the run before it is in."""
        self._wait()
        if self._refused is not None:
            return  # the transaction is spoilt: the rest is only read for the file's problems
        if self._helper is None:
            try:
                insert(*arguments)
            except Exception as exc:
                if not self._is_refusal(exc):
                    raise
                self._refused = exc
        else:
            self._pending = self._helper.submit(insert, *arguments)

    def _insert_run(self) -> None:
        raise NotImplementedError

    def _drop(self) -> None:
        raise NotImplementedError

    def write(self, rows: list[RosterValues]) -> None:
        raise NotImplementedError

    def finish(self) -> None:
        self._insert_run()
        self._wait()
        self._stop_helper()
        refused, self._refused = self._refused, None
        if refused is not None:
            raise refused

    def abandon(self, exc: BaseException) -> None:
        # The rollback must not meet a statement still running on the helper thread.
        self._drop()
        try:
            self._wait()
        except Exception as failure:  # the import has failed already; this run does not matter
            # Only the kind: a database's message may quote a row's values (an HKID, R9.3).
            log.debug("inserting a run of roster rows failed: %s", type(failure).__name__)
        self._refused = None
        self._stop_helper()

    def restore(self) -> None:
        self._stop_helper()


class _RunSink(_HelperSink):
    """Gathers chunks into runs of JSON and inserts each run with ``statement``.

    ``statement`` takes the import id and the run's JSON text, in this order.
    """

    def __init__(self, dbapi: Any, import_id: int, statement: str) -> None:
        super().__init__(dbapi, import_id)
        self._statement = statement
        # The JSON texts of the chunks of the run being gathered, and their length.
        self._texts: list[str] = []
        self._chars = 0

    def _insert_run(self) -> None:
        texts, self._texts, self._chars = self._texts, [], 0
        if not texts:
            return
        # One JSON array for the whole run: the chunks' arrays without their brackets.
        text = texts[0] if len(texts) == 1 else "[" + ",".join(t[1:-1] for t in texts) + "]"
        del texts
        self._submit(self._dbapi.execute, self._statement, (self._import_id, text))

    def _drop(self) -> None:
        self._texts = []

    def write(self, rows: list[RosterValues]) -> None:
        text = _JSON.encode(rows)
        self._texts.append(text)
        self._chars += len(text)
        if self._chars >= RUN_CHARS:
            self._insert_run()


class _SqliteSink(_RunSink):
    def __init__(self, dbapi: sqlite3.Connection, import_id: int) -> None:
        super().__init__(dbapi, import_id, _SQLITE_INSERT_RUN)
        self._cache_before = int(dbapi.execute("PRAGMA cache_size").fetchone()[0])
        dbapi.execute(f"PRAGMA cache_size = -{_SQLITE_IMPORT_CACHE_KIB}")
        # A connection bound to its thread (an in-memory database) inserts on this one.
        try:
            if self._helper is not None:
                self._helper.submit(dbapi.execute, "SELECT 1").result()
        except sqlite3.ProgrammingError:
            self._stop_helper()

    @staticmethod
    def _is_refusal(exc: Exception) -> bool:
        return isinstance(exc, sqlite3.IntegrityError)

    def restore(self) -> None:
        super().restore()
        try:
            self._dbapi.execute(f"PRAGMA cache_size = {self._cache_before}")
        except Exception:  # the connection is being closed or rolled back anyway
            log.debug("could not restore the connection's cache_size", exc_info=True)


class _PostgresSink(_HelperSink):
    """Runs of rows sorted by HKID, each one ``COPY`` into ``roster_person``."""

    def __init__(self, dbapi: Any, import_id: int) -> None:
        super().__init__(dbapi, import_id)
        self._run_rows = max(1, RUN_CHARS // _CHARS_PER_ROW)
        self._rows: list[RosterValues] = []

    @staticmethod
    def _is_refusal(exc: Exception) -> bool:
        import psycopg  # only imported with a PostgreSQL connection in hand

        return isinstance(exc, psycopg.IntegrityError)

    def _insert_run(self) -> None:
        rows, self._rows = self._rows, []
        if rows:
            self._submit(self._copy, rows)

    def _copy(self, rows: list[RosterValues]) -> None:
        # Sorted here, on the helper thread: the indexes then take the run in key order.
        rows.sort(key=_BY_HKID)
        head = (self._import_id,)
        width = _WIDTH
        with self._dbapi.cursor() as cursor, cursor.copy(_PG_COPY) as copy:
            write_row = copy.write_row
            for row in rows:
                write_row(head + row[:width])

    def _drop(self) -> None:
        self._rows = []

    def write(self, rows: list[RosterValues]) -> None:
        self._rows += rows
        if len(self._rows) >= self._run_rows:
            self._insert_run()
