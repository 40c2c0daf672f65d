"""The workspace's records in SQLite (standard library): connection, schema and its upgrades.

Each module that owns records (:mod:`nsm_excel.register`, ...) owns its tables; this module only
opens the file and applies the numbered schema steps once.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from nsm_excel.errors import DiskFull, WorkspaceError

SCHEMA: tuple[str, ...] = (
    # 1: the register of issued templates
    """
    CREATE TABLE issued_templates (
        template_id   TEXT PRIMARY KEY,
        institution   TEXT NOT NULL,
        period        TEXT NOT NULL,
        version       INTEGER NOT NULL,
        plan_version  TEXT NOT NULL,
        language      TEXT NOT NULL,
        file          TEXT NOT NULL,
        sha256        TEXT NOT NULL,
        issued_at     TEXT NOT NULL,
        content       TEXT NOT NULL,
        superseded_by TEXT REFERENCES issued_templates(template_id),
        UNIQUE (institution, period, version)
    )
    """,
    # 2: the ledger of received files, and when each content was first seen in the inbox
    """
    CREATE TABLE sightings (
        sha256     TEXT NOT NULL,
        name       TEXT NOT NULL,
        first_seen TEXT NOT NULL,
        PRIMARY KEY (sha256, name)
    )
    """,
    """
    CREATE TABLE received (
        id              INTEGER PRIMARY KEY AUTOINCREMENT,
        sha256          TEXT NOT NULL,
        original_name   TEXT NOT NULL,
        size            INTEGER NOT NULL,
        received_at     TEXT NOT NULL,
        processed_at    TEXT NOT NULL,
        status          TEXT NOT NULL,
        template_id     TEXT,
        institution     TEXT,
        period          TEXT,
        version         INTEGER,
        errors          INTEGER NOT NULL,
        warnings        INTEGER NOT NULL,
        issues          TEXT NOT NULL,
        accepted_values TEXT,
        archive_path    TEXT NOT NULL,
        feedback_path   TEXT,
        duplicate_of    INTEGER REFERENCES received(id),
        superseded_by   INTEGER REFERENCES received(id),
        inbox_removed   INTEGER NOT NULL DEFAULT 0
    )
    """,
    "CREATE INDEX received_by_hash ON received (sha256)",
    "CREATE INDEX received_by_institution ON received (institution, period, status)",
    # 3: feedback workbooks written or moved by a run whose records are not yet written
    """
    CREATE TABLE feedback_journal (
        id     INTEGER PRIMARY KEY AUTOINCREMENT,
        action TEXT NOT NULL,
        path   TEXT NOT NULL,
        target TEXT
    )
    """,
)


@contextmanager
def connect(path: Path) -> Iterator[sqlite3.Connection]:
    """An open connection with the schema up to date; closed on exit."""
    try:
        connection = sqlite3.connect(path, timeout=30, isolation_level=None)
    except sqlite3.Error as exc:
        raise WorkspaceError(f"{path}: the records database cannot be opened ({exc})") from exc
    try:
        connection.row_factory = sqlite3.Row
        connection.execute("PRAGMA foreign_keys = ON")
        connection.execute("PRAGMA journal_mode = WAL")
        _upgrade(connection, path)
        yield connection
    finally:
        connection.close()


def _upgrade(connection: sqlite3.Connection, path: Path) -> None:
    version = int(connection.execute("PRAGMA user_version").fetchone()[0])
    if version > len(SCHEMA):
        raise WorkspaceError(
            f"{path} was written by a newer nsm-excel (schema {version}); upgrade nsm-excel."
        )
    for number in range(version, len(SCHEMA)):
        with transaction(connection):
            connection.execute(SCHEMA[number])
            connection.execute(f"PRAGMA user_version = {number + 1}")


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
