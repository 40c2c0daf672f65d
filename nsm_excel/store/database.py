"""The workspace's records in SQLite (standard library): connection, schema and its upgrades.

Each module that owns records (:mod:`nsm_excel.register`, ...) owns its tables; this module only
opens the file and applies the numbered schema steps once.

:func:`connect` is the one way in, and a guard: a file that is not a database, truncated or
damaged, or whose tables are not the schema's, is a :class:`nsm_excel.errors.RecordsDamaged`
saying how to restore the records, whether it shows on opening or while a command works. The
check on opening is cheap (the file's header, the tables' columns); ``nsm doctor`` runs SQLite's
full integrity check. Before and after a command writes, and before schema steps, a copy of
the records goes to ``backups/`` (:mod:`nsm_excel.record_backups`).
"""

from __future__ import annotations

import contextlib
import functools
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from nsm_excel.core.errors import DiskFull, WorkspaceError
from nsm_excel.store import record_backups, records_damage
from nsm_excel.store.schema_steps import SCHEMA


@contextmanager
def connect(path: Path, backup: bool = True) -> Iterator[sqlite3.Connection]:
    """An open connection with the schema up to date; closed on exit.

    With ``backup`` (commands that write), the records are copied to ``backups/`` before the
    command and again after it (when it ends without an exception), so the latest copy is the
    records as the last command left them; a copy is also taken before schema steps. A copy
    taken by a command that then meets damage is removed again (it holds the damage). The copy
    after is left out when nothing was written since the copy before: the two would be equal.
    """
    problem = records_damage.file_problem(path)
    if problem:
        raise records_damage.damaged(path, problem)
    taken: Path | None = None
    with _guarded(path):
        connection = sqlite3.connect(path, timeout=30, isolation_level=None)
    try:
        with _guarded(path):
            connection.row_factory = sqlite3.Row
            connection.execute("PRAGMA foreign_keys = ON")
            connection.execute("PRAGMA journal_mode = WAL")
            version = _version(connection, path)
            copied: tuple[int, int] | None = None  # what the records were at the copy before
            if version and (backup or version < len(SCHEMA)):  # a command writes, or the schema
                copied = _moment(connection)  # before: a write during the copy shows after
                taken = record_backups.take(connection, path.parent)
            _upgrade(connection, path, version)
            if version < len(SCHEMA):  # schema steps move neither count: copy after them
                copied = None
        try:
            yield connection
        except sqlite3.Error as exc:
            if taken is not None and records_damage.is_damage(exc):
                taken.unlink(missing_ok=True)
            found = records_damage.translate(path, exc)
            if found is None:
                raise
            raise found from exc
        if backup:
            with _guarded(path):
                if copied is None or _moment(connection) != copied:  # else: that copy is these
                    record_backups.take(connection, path.parent)
    finally:
        connection.close()


def _moment(connection: sqlite3.Connection) -> tuple[int, int]:
    """What changes the records: this connection's writes (``total_changes``), and any other
    connection's, of this process or another (``data_version`` moves when one commits)."""
    other = connection.execute("PRAGMA data_version").fetchone()[0]
    return connection.total_changes, int(other)


@contextmanager
def reading(path: Path) -> Iterator[sqlite3.Connection]:
    """A connection that changes nothing, not even beside the file (no log, no lock file):
    for looking at records as they are (``nsm doctor``, a backup's copy). Errors are raw."""
    if records_damage.log_pending(path):  # a write-ahead log with pages: read it too
        uri = f"{path.resolve().as_uri()}?mode=ro"
    else:
        uri = f"{path.resolve().as_uri()}?immutable=1"
    connection = sqlite3.connect(uri, uri=True, isolation_level=None)
    try:
        connection.row_factory = sqlite3.Row
        yield connection
    finally:
        connection.close()


@contextmanager
def _guarded(path: Path) -> Iterator[None]:
    """An :mod:`sqlite3` error about the file becomes the error a person can act on."""
    try:
        yield
    except sqlite3.Error as exc:
        found = records_damage.translate(path, exc)
        if found is None:
            raise
        raise found from exc


def _version(connection: sqlite3.Connection, path: Path) -> int:
    """The schema version of the file, checked against the tables it holds."""
    version = int(connection.execute("PRAGMA user_version").fetchone()[0])
    if version > len(SCHEMA):
        raise WorkspaceError(
            f"{path} was written by a newer nsm-excel (schema {version}); upgrade nsm-excel."
        )
    problem = schema_problem(connection, version)
    if problem:
        raise records_damage.damaged(path, problem)
    return version


def _upgrade(connection: sqlite3.Connection, path: Path, version: int) -> None:
    for number in range(version, len(SCHEMA)):
        with transaction(connection):
            connection.execute(SCHEMA[number])
            connection.execute(f"PRAGMA user_version = {number + 1}")
    problem = schema_problem(connection, len(SCHEMA))
    if problem:
        raise records_damage.damaged(path, problem)


@functools.cache
def expected_tables(version: int) -> dict[str, tuple[str, ...]]:
    """The tables and their columns after the first ``version`` schema steps."""
    with contextlib.closing(sqlite3.connect(":memory:")) as scratch:
        for step in SCHEMA[:version]:
            scratch.execute(step)
        return tables_of(scratch)


def tables_of(connection: sqlite3.Connection) -> dict[str, tuple[str, ...]]:
    """Every table of ``connection`` but SQLite's own, with its column names."""
    names = connection.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
    ).fetchall()
    return {
        name: tuple(row[1] for row in connection.execute(f'PRAGMA table_info("{name}")'))
        for (name,) in names
    }


def schema_problem(connection: sqlite3.Connection, version: int) -> str:
    """What the tables lack or hold beyond schema ``version`` ('' when they match).

    Tables of its own that someone added are not a problem; columns are.
    """
    found = tables_of(connection)
    later = [t for t in expected_tables(len(SCHEMA)) if t in found]
    later = [t for t in later if t not in expected_tables(version)]
    if later:
        return f"its schema version {version} does not match its tables ({', '.join(later)})"
    for table, columns in expected_tables(version).items():
        if table not in found:
            return f"the table {table} is missing"
        lacking = [c for c in columns if c not in found[table]]
        extra = [c for c in found[table] if c not in columns]
        if lacking:
            return f"the table {table} lacks the column {', '.join(lacking)}"
        if extra:
            return f"the table {table} has columns nsm-excel does not know: {', '.join(extra)}"
    return ""


@contextmanager
def transaction(connection: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """BEGIN IMMEDIATE ... COMMIT, rolled back on any exception.

    A full disk is :class:`nsm_excel.errors.DiskFull` naming the database's folder.
    """
    try:
        connection.execute("BEGIN IMMEDIATE")
        try:
            yield connection
            connection.execute("COMMIT")
        except BaseException:
            if connection.in_transaction:
                connection.execute("ROLLBACK")
            raise
    except sqlite3.OperationalError as exc:
        if exc.sqlite_errorcode & 0xFF != sqlite3.SQLITE_FULL:
            raise
        where = Path(connection.execute("PRAGMA database_list").fetchone()[2] or "nsm.sqlite")
        raise DiskFull(str(where.parent), where.name, "The records are as before the run.") from exc
