"""Bulk loading of checked roster rows into ``roster_person`` (R3.1, formats.md F1).

A roster can hold 600,000 rows. They come from :meth:`RosterReader.values` in chunks of plain
tuples and go into ``roster_person`` through the import's own connection, inside its transaction:
a refused or cancelled import rolls them back with everything else.

The chunks are gathered into runs of about :data:`RUN_CHARS` characters of JSON (some 40,000
rows). A run is one JSON array of the tuples, inserted by one ``INSERT ... SELECT`` over
``json_each`` (SQLite) or ``jsonb_array_elements`` (PostgreSQL) **sorted by HKID**: the unique
(import, HKID) index, the HKID index and the primary key then take each run in key order instead
of at random, which is where most of an import's database time goes. One statement a run, not one
a row, and no Python per row on the way in (the JSON encoder is C).

A run is inserted on a helper thread while the reader reads the next one: both drivers let go of
the GIL while the database works, so on a machine with a second core free the database's share of
the import mostly hides behind the reader's. At most two runs are held (one being inserted, one
being gathered), which bounds the memory.

Measured at 600,000 rows on a 2-core machine (whole import, reading included): SQLite about 4.2 s
with runs of 40,000 rows (5-6 s when the other core is busy), against 6.3 s for one sorted insert
of all the rows from a staging table after reading and 7 s for chunks inserted in file order.
PostgreSQL about 7.5-8 s with runs, 9 s for one sorted insert from a staging table filled by
``COPY``, 9-11 s for ``COPY`` straight into ``roster_person``: the server's work bounds it (the
sorted insert alone, from a table already loaded, takes 4.8-5.1 s), not this process's.
"""

from __future__ import annotations

import json
import logging
import sqlite3
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, Final, Protocol

from sqlalchemy.orm import Session

from fc_admin.exchange.roster_csv import VALUE_COLUMNS, RosterValues

__all__ = ["RUN_CHARS", "RowSink", "open_row_sink"]

log = logging.getLogger(__name__)

# The JSON characters of one run (one statement, sorted by HKID): about 40,000 rows of a typical
# roster. Larger runs are a little faster (fewer, longer stretches in key order) and take more
# memory, some 7 bytes a character while a run is inserted and the next one gathered. At 600,000
# rows: 4 million characters 4.5 s and a peak of 218 MB; 6 million 4.2 s, 243 MB; 8 million
# 4.0 s, 280 MB (the C library keeps more of the freed runs).
RUN_CHARS: Final = 6_000_000

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

# PostgreSQL: memory for sorting a run (this transaction only, SET LOCAL).
_PG_SORT_MEMORY: Final = "64MB"
_PG_CASTS: Final = {"date_of_birth": "::date", "status_date": "::date"}
_PG_VALUES: Final = ", ".join(
    f"(row ->> {i}){_PG_CASTS.get(column, '')}" for i, column in enumerate(VALUE_COLUMNS)
)
_PG_INSERT_RUN: Final = (
    f"INSERT INTO roster_person (import_id, {_COLUMNS}) SELECT %s, {_PG_VALUES} "
    f"FROM jsonb_array_elements(%s::jsonb) AS run(row) ORDER BY row ->> {_HKID}"
)


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


class _RunSink:
    """Gathers chunks into runs and inserts each run with ``statement`` on a helper thread.

    ``statement`` takes the import id and the run's JSON text, in this order.
    """

    def __init__(self, dbapi: Any, import_id: int, statement: str) -> None:
        self._dbapi = dbapi
        self._import_id = import_id
        self._statement = statement
        # The JSON texts of the chunks of the run being gathered, and their length.
        self._texts: list[str] = []
        self._chars = 0
        self._helper: ThreadPoolExecutor | None = ThreadPoolExecutor(
            max_workers=1, thread_name_prefix="roster-load"
        )
        self._pending: Future[Any] | None = None

    def _stop_helper(self) -> None:
        if self._helper is not None:
            self._helper.shutdown(wait=True)
            self._helper = None

    def _wait(self) -> None:
        """Until the run being inserted is in; its error, if it failed."""
        pending, self._pending = self._pending, None
        if pending is not None:
            pending.result()

    def _insert_run(self) -> None:
        texts, self._texts, self._chars = self._texts, [], 0
        if not texts:
            return
        # One JSON array for the whole run: the chunks' arrays without their brackets.
        text = texts[0] if len(texts) == 1 else "[" + ",".join(t[1:-1] for t in texts) + "]"
        del texts
        self._wait()
        parameters = (self._import_id, text)
        if self._helper is None:
            self._dbapi.execute(self._statement, parameters)
        else:
            self._pending = self._helper.submit(self._dbapi.execute, self._statement, parameters)

    def write(self, rows: list[RosterValues]) -> None:
        text = _JSON.encode(rows)
        self._texts.append(text)
        self._chars += len(text)
        if self._chars >= RUN_CHARS:
            self._insert_run()

    def finish(self) -> None:
        self._insert_run()
        self._wait()
        self._stop_helper()

    def abandon(self, exc: BaseException) -> None:
        # The rollback must not meet a statement still running on the helper thread.
        self._texts = []
        try:
            self._wait()
        except Exception:  # the import has failed already; this run does not matter
            log.debug("inserting a run of roster rows failed", exc_info=True)
        self._stop_helper()

    def restore(self) -> None:
        self._stop_helper()


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

    def restore(self) -> None:
        super().restore()
        try:
            self._dbapi.execute(f"PRAGMA cache_size = {self._cache_before}")
        except Exception:  # the connection is being closed or rolled back anyway
            log.debug("could not restore the connection's cache_size", exc_info=True)


class _PostgresSink(_RunSink):
    def __init__(self, dbapi: Any, import_id: int) -> None:
        super().__init__(dbapi, import_id, _PG_INSERT_RUN)
        # Ends with the transaction.
        dbapi.execute(f"SET LOCAL work_mem = '{_PG_SORT_MEMORY}'")
