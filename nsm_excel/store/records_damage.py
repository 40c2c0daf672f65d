"""What can be wrong with the records file ``nsm.sqlite``, and how to say it.

:func:`file_problem` looks at the file without SQLite (a folder, not a database, truncated);
:func:`translate` turns an :mod:`sqlite3` error into the :class:`WorkspaceError` a person can act
on: damage (:class:`RecordsDamaged`, with the way back: the latest automatic copy, ``nsm restore``
and the archive), a file that cannot be opened or written, or another program holding it.
Programmer errors (a wrong query) are not translated.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from nsm_excel.core.errors import DiskFull, NsmError, RecordsDamaged, WorkspaceError
from nsm_excel.store import record_backups

MAGIC = b"SQLite format 3\x00"
HEADER = 100
_ACCESS = {
    sqlite3.SQLITE_CANTOPEN: "cannot be opened",
    sqlite3.SQLITE_PERM: "cannot be opened (permission denied)",
    sqlite3.SQLITE_READONLY: "cannot be written (it or its folder is read-only)",
    sqlite3.SQLITE_IOERR: "cannot be read or written (a disk error)",
}
_BUSY = (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED)


def file_problem(path: Path) -> str:
    """Why ``path`` cannot be the records, seen from its bytes ('' when nothing is seen).

    A missing or empty file is fine in a new workspace (the schema is created in it), not where
    templates were issued or files received. Truncation is judged from the page count in the
    header, unless a write-ahead log holds pages not yet in the file.
    """
    if not os.path.lexists(path):
        return _lost(path, "missing")
    if path.is_dir():
        return "it is a folder, not a file"
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            head = handle.read(HEADER)
    except OSError as exc:
        return f"it cannot be read ({exc.strerror or exc})"
    if size == 0:
        return _lost(path, "empty")
    if len(head) < HEADER or not head.startswith(MAGIC):
        return "it is not an SQLite database (file is not a database)"
    page = int.from_bytes(head[16:18], "big")
    page = 65536 if page == 1 else page
    if page < 512 or page & (page - 1):
        return "its header is damaged (an impossible page size)"
    pages = int.from_bytes(head[28:32], "big")
    counted = head[92:96] == head[24:28]  # the page count is valid for this version of the file
    if counted and size < pages * page and not log_pending(path):
        return f"it is truncated: {size} bytes of the {pages * page} its header announces"
    return ""


def _lost(path: Path, how: str) -> str:
    """Why records that are ``how`` (missing, empty) cannot be new: files they described."""
    for folder in ("archive", "templates"):
        found = next((p for p in (path.parent / folder).rglob("*") if p.is_file()), None)
        if found is not None:
            held = found.relative_to(path.parent).as_posix()
            return f"it is {how}, but the workspace holds files the records describe ({held})"
    return ""


def log_pending(path: Path) -> bool:
    """Whether a write-ahead log beside ``path`` holds pages not yet in the file."""
    log = Path(f"{path}-wal")
    return log.is_file() and log.stat().st_size > 0


def _code(exc: sqlite3.Error) -> int:
    return int(getattr(exc, "sqlite_errorcode", 0) or 0) & 0xFF


def is_damage(exc: sqlite3.Error) -> bool:
    """Whether ``exc`` says the records are not what nsm-excel wrote (not a bug, not access)."""
    if isinstance(exc, sqlite3.ProgrammingError | sqlite3.InterfaceError):
        return False
    if not isinstance(exc, sqlite3.DatabaseError):
        return False
    return _code(exc) not in (sqlite3.SQLITE_FULL, *_BUSY, *_ACCESS)


def translate(path: Path, exc: sqlite3.Error) -> NsmError | None:
    """The error to report for ``exc`` raised on the records at ``path``; None for a bug."""
    if is_damage(exc):
        return damaged(path, str(exc))
    if not isinstance(exc, sqlite3.DatabaseError) or isinstance(exc, sqlite3.ProgrammingError):
        return None
    code = _code(exc)
    if code == sqlite3.SQLITE_FULL:
        return DiskFull(str(path.parent), path.name, "The records are as before the run.")
    if code in _BUSY:
        return WorkspaceError(
            f"{path} is held by another program (a database viewer?); close it and run the "
            "command again."
        )
    if code in _ACCESS:
        return WorkspaceError(
            f"{path} {_ACCESS[code]}: {exc}. Check that your user may read and write this "
            "folder and that its disk is attached, then run the command again."
        )
    return None


def damaged(path: Path, reason: str) -> RecordsDamaged:
    """The message for damaged records: what is damaged and how to get the records back."""
    latest = record_backups.latest(path.parent)
    if latest is not None:
        copy = (
            f"`{_restore_command(latest, path.parent)}` puts back the latest automatic copy "
            "(the records as the last command that wrote them left them)"
        )
    else:
        copy = "there is no automatic copy in backups/ yet"
    return RecordsDamaged(
        f"the records {path} are damaged ({reason}); the command stopped. To "
        f"restore them: {copy}; or `nsm restore DIR` puts back a backup made with `nsm backup "
        "DIR`. Every received file is kept in archive/: files received after that copy can be "
        "put in inbox/ again. `nsm doctor` checks the whole workspace."
    )


def _restore_command(copy: Path, root: Path) -> str:
    """``nsm restore COPY`` as typed in the current folder (with ``-w`` for another one)."""
    here = Path.cwd()
    where = copy.resolve()
    shown = where.relative_to(here).as_posix() if where.is_relative_to(here) else str(where)
    same = root.resolve() == here
    return f"nsm restore {shown}" + ("" if same else f" -w {root.resolve()}")
