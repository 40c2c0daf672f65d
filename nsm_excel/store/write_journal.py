"""The atomic writes in progress in a workspace, so a run killed midway is cleaned without a scan.

Before an atomic write (:mod:`nsm_excel.store.atomic`) creates its temporary file inside a
workspace, it notes that file in ``.nsm-writing/``: one small marker per write, named by a hash of
the temporary file's path and holding that path relative to the workspace. The marker goes once
the file is renamed into place (or dropped). A run killed in between leaves both; the next run
that takes the workspace lock removes exactly the temporary files the markers name, then the
markers (:func:`recover`), however large the archive and the outbox have grown.

A workspace that an older version wrote may hold temporary files with no marker: the first
recovery sweeps the workspace's folders for them once, then leaves a flag (``.nsm-writing/swept``)
saying it did. A marker naming a path outside the workspace (absolute, with ``..``, through a link)
or a file not named as a temporary file is ignored: nothing there is removed.

Writes are noted while :func:`journalled` is in force: the workspace lock keeps it for the whole
run; commands that write pages without the lock (the status pages, the review) enter it too,
and their markers say so: the next run leaves such a marker and its file until it is ten minutes
old, since the write may still be under way.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path

from nsm_excel.store import stored_paths

FOLDER = ".nsm-writing"
SWEPT = "swept"
TEMPORARY = ".part"
# a temporary file's name: "." + target name + "." + 8 random characters + ".part"
LEFTOVER = re.compile(r"^\..+\.[a-z0-9_]{8}\.part$")
# where the temporary files of older versions could be left (the inbox is the users')
SWEPT_FOLDERS = ("archive", "outbox", "plans", "backups", "templates")
_MARK = ".mark"
_UNLOCKED = ".open"  # before _MARK: a write made without the workspace lock
STALE_SECONDS = 600  # an unlocked write's marker this old is a killed write's, not one under way
_WRITE = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0)

_root: ContextVar[tuple[Path, bool] | None] = ContextVar("nsm_write_journal", default=None)


@contextmanager
def journalled(root: Path, locked: bool = False) -> Iterator[None]:
    """Note the atomic writes inside workspace ``root`` while the block runs (an outer
    workspace already in force is kept); ``locked``: the block holds the workspace lock."""
    if _root.get() is not None:
        yield
        return
    token = _root.set((root, locked))
    try:
        yield
    finally:
        _root.reset(token)


def begin(temp: Path) -> Path | None:
    """Note that the temporary file ``temp`` is about to be created; the marker, or None when no
    workspace is journalled or ``temp`` lies outside it."""
    found = _root.get()
    if found is None:
        return None
    root, locked = found
    relative = _relative(root, temp)
    if relative is None:
        return None
    folder = root / FOLDER
    name = hashlib.sha256(relative.encode("utf-8")).hexdigest()[:32]
    marker = folder / (name + ("" if locked else _UNLOCKED) + _MARK)
    try:
        folder.mkdir(exist_ok=True)
        handle = os.open(marker, _WRITE, 0o644)  # written through before the temporary file
        try:
            os.write(handle, relative.encode("utf-8"))
        finally:
            os.close(handle)
    except OSError:
        return None  # a workspace that cannot hold a note: the write goes on as before
    return marker


def end(marker: Path | None) -> None:
    """The write noted by ``marker`` is in place or dropped: the note goes."""
    if marker is not None:
        with contextlib.suppress(OSError):
            marker.unlink()


def recover(root: Path) -> list[str]:
    """Remove the temporary files that killed runs left in ``root`` (those the markers name, and
    once, those of older versions); the paths removed, relative to ``root``.

    Call holding the workspace lock: no other locked run writes. A write made without the lock
    (a status page, the review) may be under way: its marker is left until it is
    :data:`STALE_SECONDS` old.
    """
    folder = root / FOLDER
    removed = [] if (folder / SWEPT).is_file() else _sweep(root)
    now = time.time()
    for marker in _markers(folder):
        with contextlib.suppress(OSError, UnicodeDecodeError):
            unlocked = marker.name.endswith(_UNLOCKED + _MARK)
            if unlocked and now - marker.stat().st_mtime < STALE_SECONDS:
                continue  # perhaps still being written by a command that takes no lock
            stored = marker.read_bytes().decode("utf-8")
            path = stored_paths.within(root, stored)
            if path is not None and LEFTOVER.match(path.name) and path.is_file():
                path.unlink()
                removed.append(stored)
            marker.unlink()
    return removed


def _markers(folder: Path) -> list[Path]:
    try:
        return sorted(p for p in folder.iterdir() if p.name.endswith(_MARK))
    except OSError:  # no journal yet: no write was ever noted
        return []


def _sweep(root: Path) -> list[str]:
    """The one scan for temporary files left with no marker, then the flag that it was done."""
    removed = []
    for name in SWEPT_FOLDERS:
        for path in remove_leftovers(root / name):
            removed.append(path.relative_to(root).as_posix())
    for path in root.glob(f".*{TEMPORARY}"):  # nsm.toml and the plan are written at the top
        if LEFTOVER.match(path.name) and path.is_file():
            path.unlink(missing_ok=True)
            removed.append(path.name)
    with contextlib.suppress(OSError):  # a read-only workspace: swept again next time
        (root / FOLDER).mkdir(exist_ok=True)
        (root / FOLDER / SWEPT).write_bytes(b"")
    return removed


def remove_leftovers(folder: Path) -> list[Path]:
    """Remove every temporary file under ``folder``, found by a scan; the files removed."""
    if not folder.is_dir():
        return []
    found = [p for p in folder.rglob(f".*{TEMPORARY}") if LEFTOVER.match(p.name) and p.is_file()]
    for path in found:
        path.unlink(missing_ok=True)
    return found


def _relative(root: Path, path: Path) -> str | None:
    try:
        return path.absolute().relative_to(root.absolute()).as_posix()
    except ValueError:
        pass
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except (ValueError, OSError, RuntimeError):
        return None
