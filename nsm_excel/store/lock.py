"""One run at a time per workspace: an advisory lock on ``.nsm.lock``, released when the run ends.

The operating system drops the lock when the process dies, so a killed run never blocks the next.
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from nsm_excel.core.errors import NsmError

LOCK_NAME = ".nsm.lock"


class WorkspaceBusy(NsmError):
    """Another nsm command is working in this workspace."""


@contextmanager
def workspace_lock(root: Path, command: str) -> Iterator[None]:
    path = root / LOCK_NAME
    handle = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = Path(path).read_text(encoding="utf-8", errors="replace").strip()
            raise WorkspaceBusy(
                f"another nsm run is working in {root} ({holder or 'unknown'}); "
                "wait for it to finish and run the command again."
            ) from None
        os.ftruncate(handle, 0)
        os.write(handle, f"nsm {command}, process {os.getpid()}\n".encode())
        yield
    finally:
        os.close(handle)


@contextmanager
def quiet_lock(root: Path) -> Iterator[None]:
    """The workspace lock for a command that changes nothing: the lock file is neither created
    nor written (no lock file: no run has ever worked here)."""
    path = root / LOCK_NAME
    if not path.is_file():
        yield
        return
    handle = os.open(path, os.O_RDONLY)
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = path.read_text(encoding="utf-8", errors="replace").strip()
            raise WorkspaceBusy(
                f"another nsm run is working in {root} ({holder or 'unknown'}); "
                "wait for it to finish and run the command again."
            ) from None
        yield
    finally:
        os.close(handle)
