"""Automatic copies of the records: ``backups/nsm-<UTC time>.sqlite``, the last few kept.

Taken with SQLite's backup API (a consistent copy, whatever else reads the file) when a command
opens the records to write them, when it has written them, and before schema steps
(:mod:`nsm_excel.database`): the latest copy is the records as the last command left them. A copy
is written to a temporary file and then takes its own, new name: none ever replaces another.
A copy identical to the latest one is not written again, so commands that change nothing add
nothing; beyond :data:`KEEP` copies, the oldest are removed. A new copy passes SQLite's quick
check first, so damaged records never push a good copy out.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import filecmp
import re
import sqlite3
from pathlib import Path

from nsm_excel.core.errors import WorkspaceError
from nsm_excel.store import atomic, write_journal

FOLDER = "backups"
KEEP = 5
_NAME = re.compile(r"^nsm-\d{8}T\d{6}\.\d{6}Z( \(\d+\))?\.sqlite$")


def snapshot(connection: sqlite3.Connection) -> bytes:
    """The records as the bytes of a database file, copied with SQLite's backup API.

    The copy is a file on its own: marked for a rollback journal, not a write-ahead log.
    """
    with contextlib.closing(sqlite3.connect(":memory:")) as copy:
        connection.backup(copy)
        image = bytearray(copy.serialize())
    if len(image) >= 20:
        image[18:20] = _ROLLBACK
    return bytes(image)


_ROLLBACK = b"\x01\x01"  # the header's file format versions: 1 is no write-ahead log


def take(connection: sqlite3.Connection, root: Path, keep: int = KEEP) -> Path | None:
    """Copy the records into ``root/backups/``; the new copy, or None when the latest is the same.

    The copy is made on disk, page by page, and compared with the latest one in pieces: however
    large the records grow, a copy holds no more than a few pages in memory. Call while holding
    the workspace lock: the copies of two runs never meet.
    """
    folder = root / FOLDER
    if folder.exists() and not folder.is_dir():
        raise WorkspaceError(
            f"{folder} is a file, but nsm keeps its automatic copies of the records in a folder "
            "there. Rename or move that file, then run the command again."
        )
    write_journal.remove_leftovers(folder)  # a few files; also a copy begun outside the lock
    copies = listing(root)
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S.%fZ")
    target = atomic.free_name(folder / f"nsm-{stamp}.sqlite")
    with atomic.replacing_file(target) as temp:
        with contextlib.closing(sqlite3.connect(temp)) as copy:
            copy.execute("PRAGMA journal_mode = OFF")  # a new file: nothing to roll back to
            connection.backup(copy)
        with temp.open("r+b") as written:
            if written.seek(0, 2) >= 20:
                written.seek(18)
                written.write(_ROLLBACK)
        if copies and _same(copies[-1], temp):
            temp.unlink()
        else:
            _check(temp)
    if not target.exists():
        return None
    for old in listing(root)[:-keep]:
        old.unlink(missing_ok=True)
    return target


def _check(path: Path) -> None:
    """SQLite's quick check of a copy; :class:`sqlite3.DatabaseError` when it finds damage."""
    with contextlib.closing(sqlite3.connect(path)) as copy:
        found = [row[0] for row in copy.execute("PRAGMA quick_check").fetchmany(3)]
    if found != ["ok"]:
        said = " ".join(" ".join(found).split())
        raise sqlite3.DatabaseError(f"SQLite's check finds: {said}")


def _same(path: Path, copy: Path) -> bool:
    try:
        return path.stat().st_size == copy.stat().st_size and filecmp.cmp(path, copy, False)
    except OSError:
        return False


def listing(root: Path) -> list[Path]:
    """The automatic copies in ``root/backups/``, oldest first."""
    folder = root / FOLDER
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if _NAME.match(p.name) and p.is_file())


def latest(root: Path) -> Path | None:
    copies = listing(root)
    return copies[-1] if copies else None
