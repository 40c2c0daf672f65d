"""Automatic copies of the records: ``backups/nsm-<UTC time>.sqlite``, the last few kept.

Taken with SQLite's backup API (a consistent copy, whatever else reads the file) when a command
opens the records to write them, when it has written them, and before schema steps
(:mod:`nsm_excel.database`): the latest copy is the records as the last command left them. A copy
is written to a temporary file and then takes its own, new name: none ever replaces another.
A copy identical to the latest one is not written again, so commands that change nothing add
nothing; beyond :data:`KEEP` copies, the oldest are removed. A new copy passes SQLite's quick
check first, so damaged records never push a good copy out.

Each copy notes in ``backups/latest.state`` what the records' files were as it began (size,
inode, times and first bytes of the database and of its write-ahead log) and what the latest
copy's file is. Every commit moves the modification time of the log or of the database (most
also change a size or the first bytes); a file's times move in steps (a few milliseconds, two
seconds on FAT), so a note is made only from times at least three seconds old, and only when
the files did not move during the copy. While the note holds, the records are those of the
latest copy, and no copy is made at all; a note that does not hold, cannot be read or is no
regular file only means a copy is made and compared as before. On Windows, where a file's
change time is its creation time and its write time may lag while a program holds it open, no
note is trusted.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import filecmp
import os
import re
import sqlite3
import stat
import sys
import time
from pathlib import Path

from nsm_excel.core.errors import NsmError, WorkspaceError
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
    records = _records_state(connection)  # before the copy: a write during it shows next time
    if copies and records and _noted(folder) == f"{records}\n{_copy_state(copies[-1])}":
        return None  # nothing committed since the latest copy: it is these records
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
    moved = _records_state(connection) != records  # written to during the copy: no note
    _note(folder, "" if moved else records, latest(root))
    if not target.exists():
        return None
    for old in listing(root)[:-keep]:
        old.unlink(missing_ok=True)
    return target


STATE = "latest.state"  # what the records were when the latest copy was taken
_HEAD = 100  # bytes: the database header; the log's header and its first frame's
_LOG_HEADER = 32  # bytes of a write-ahead log's header
_SETTLED_NS = 3_000_000_000  # a file's times move in steps of up to 2 s (FAT); Linux: ~4 ms
_NOTE_BYTES = 4096
_READ_ONLY = (
    os.O_RDONLY
    | getattr(os, "O_NOFOLLOW", 0)
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_BINARY", 0)
)


def _records_state(connection: sqlite3.Connection) -> str:
    """The database's and its log's files as they are now; '' when no note is to be trusted:
    records not in a file, on Windows (whose change time is the creation time, and whose
    write time may lag while a program holds the file open), or files changed a moment ago
    (a change in the same step of the file's clock would not move its times)."""
    found = [row[2] for row in connection.execute("PRAGMA database_list") if row[1] == "main"]
    if not found or not found[0] or sys.platform == "win32":
        return ""
    database = Path(found[0])
    now = time.time_ns()
    states = []
    for path, least in ((database, 0), (database.with_name(database.name + "-wal"), _LOG_HEADER)):
        state, moved = _file_state(path, least)
        if moved is not None and now - moved < _SETTLED_NS:  # a clock set back too
            return ""  # the very times noted are those found settled
        states.append(state)
    return " ".join(states)


def _file_state(path: Path, least: int = 0) -> tuple[str, int | None]:
    """Size, inode, change and modification times and first bytes of ``path``, and when it
    last moved; '-' for none, or for one shorter than ``least`` bytes (a log with no header
    holds nothing: SQLite makes it anew, with new times, whenever the records are opened)."""
    try:
        handle = os.open(path, _READ_ONLY)  # a pipe in its place is never waited on
    except FileNotFoundError:
        return "-", None
    except OSError:
        return "?", time.time_ns()  # a link or what cannot be read: no note trusted
    try:
        found = os.fstat(handle)
        head = os.read(handle, _HEAD) if stat.S_ISREG(found.st_mode) else b""
    finally:
        os.close(handle)
    if not stat.S_ISREG(found.st_mode):
        return "?", time.time_ns()
    if found.st_size < least:
        return "-", None
    text = f"{found.st_size}:{found.st_ino}:{found.st_ctime_ns}:{found.st_mtime_ns}:{head.hex()}"
    return text, max(found.st_mtime_ns, found.st_ctime_ns)


def _copy_state(path: Path) -> str:
    return _file_state(path)[0]


def _noted(folder: Path) -> str | None:
    """The note, when it is a regular file of at most 4 KB (never a link, a folder or a pipe)."""
    path = folder / STATE
    try:
        found = path.lstat()
        if not stat.S_ISREG(found.st_mode) or found.st_size > _NOTE_BYTES:
            return None
        handle = os.open(path, _READ_ONLY)
        try:
            return os.read(handle, _NOTE_BYTES).decode("ascii")
        finally:
            os.close(handle)
    except (OSError, UnicodeDecodeError):
        return None


def _note(folder: Path, records: str, copy: Path | None) -> None:
    """Note the records' state at the copy just taken (or found identical) and that copy; a
    note that cannot be written (a folder in its place, a read-only disk) is only missing."""
    with contextlib.suppress(OSError, NsmError):
        if records and copy is not None:
            atomic.write_text(folder / STATE, f"{records}\n{_copy_state(copy)}")
        elif (folder / STATE).is_file():
            (folder / STATE).unlink()


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
