"""Files a command writes before the records that hold them: noted first, so none is orphaned.

A command notes (path, sha256) in the ``pending_writes`` table, writes the file, then writes its
record and clears the note in one transaction. A run killed between the two leaves a note: the
next run removes the file if it still has those bytes and no record holds it (the run writes it
again), and clears the note. A file with other bytes is not the run's, and is left alone.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

from nsm_excel.store import archive, database, stored_paths

Held = Callable[[str, str], bool]  # (relative path, sha256) -> a record holds that file


def note(db: sqlite3.Connection, path: str, sha256: str) -> None:
    """Note that ``path`` (relative to the workspace) is about to be written with ``sha256``."""
    with database.transaction(db):
        db.execute(
            "INSERT OR REPLACE INTO pending_writes (path, sha256) VALUES (?, ?)", (path, sha256)
        )


def clear(db: sqlite3.Connection, path: str) -> None:
    """The record that holds ``path`` is written (call inside that record's transaction)."""
    db.execute("DELETE FROM pending_writes WHERE path = ?", (path,))


def recover(db: sqlite3.Connection, root: Path, held: Held) -> list[str]:
    """Remove what killed runs wrote and never recorded; the paths removed."""
    removed = []
    for path, sha256 in db.execute("SELECT path, sha256 FROM pending_writes").fetchall():
        target = stored_paths.within(root, path)  # damaged records name no file elsewhere
        if (
            target
            and target.is_file()
            and archive.file_hash(target) == sha256
            and not held(path, sha256)
        ):
            target.unlink()
            removed.append(path)
        with database.transaction(db):
            clear(db, path)
    return removed
