"""One run at a time per workspace: a lock on ``.nsm.lock``, released when the run ends.

The lock is :mod:`filelock`'s (``flock`` on Linux and macOS, ``LockFileEx`` on Windows). The
operating system drops it when the process dies, so a killed run never blocks the next. Asking
never waits: a second run stops at once with :class:`WorkspaceBusy`, naming the command that
holds the lock. That name is written after the file's first byte, the one Windows locks (no other
program may read a locked byte there), so a run that is refused can still read it.

The run that holds the lock first removes the temporary files of atomic writes that killed runs
left (:func:`nsm_excel.store.write_journal.recover`), and its own writes are noted in that journal.
"""

from __future__ import annotations

import contextlib
import errno
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import filelock

from nsm_excel.core.errors import NsmError
from nsm_excel.store import write_journal

LOCK_NAME = ".nsm.lock"
_LOCKED_BYTES = 1  # the holder's name starts after them


class WorkspaceBusy(NsmError):
    """Another nsm command is working in this workspace."""

    def __init__(self, root: Path, holder: str) -> None:
        super().__init__(
            f"another nsm run is working in {root} ({holder or 'unknown'}); "
            "wait for it to finish and run the command again."
        )


@contextmanager
def workspace_lock(root: Path, command: str) -> Iterator[None]:
    """Hold the workspace lock while the block runs; :class:`WorkspaceBusy` when a run has it."""
    path = root / LOCK_NAME
    _prepare(path)
    with _held(root, path):
        _write_holder(path, f"nsm {command}, process {os.getpid()}")
        write_journal.recover(root)
        with write_journal.journalled(root, locked=True):
            yield


@contextmanager
def quiet_lock(root: Path) -> Iterator[None]:
    """The workspace lock for a command that changes nothing: the lock file is neither created
    nor written (no lock file: no run has ever worked here, or none works there now)."""
    path = root / LOCK_NAME
    if not path.is_file():
        yield
        return
    with _held(root, path):
        yield


@contextmanager
def _held(root: Path, path: Path) -> Iterator[None]:
    lock = filelock.FileLock(path, timeout=0)
    try:
        lock.acquire()
    except filelock.Timeout:
        raise WorkspaceBusy(root, _read_holder(path)) from None
    try:
        yield
    finally:
        lock.release()


def _prepare(path: Path) -> None:
    """A folder in the lock's place is named (Windows would only say "permission denied"); a
    new lock file gets its locked byte first, so the holder's name never lands on it."""
    if path.is_dir():
        raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(path))
    with contextlib.suppress(FileExistsError):
        handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        with contextlib.suppress(OSError), os.fdopen(handle, "wb") as out:
            out.write(b"\n" * _LOCKED_BYTES)  # a run that locked it meanwhile keeps its byte


def _write_holder(path: Path, holder: str) -> None:
    """Best effort: a name that cannot be written only makes a refused run say "unknown"."""
    with contextlib.suppress(OSError), path.open("r+b") as out:
        out.seek(_LOCKED_BYTES)
        out.write(f"{holder}\n".encode())
        out.truncate()


def _read_holder(path: Path) -> str:
    try:
        with path.open("rb") as source:
            source.seek(_LOCKED_BYTES)
            return source.read(500).decode("utf-8", "replace").strip()
    except OSError:
        return ""
