"""Atomic file writes: content goes to a temporary file beside the target, then replaces it.

A reader never sees half a file, and a run killed midway leaves the old file (or none) in place,
plus at most a hidden temporary file, noted in the workspace's journal of writes in progress,
that the next run removes (:mod:`nsm_excel.store.write_journal`). The file gets the permissions
the user's umask allows (:mod:`nsm_excel.store.permissions`). A full disk is a
:class:`nsm_excel.errors.DiskFull` naming the folder, with the temporary file removed.

Windows refuses to replace or move a file that a program holds open (a workbook open in Excel):
:func:`replace` tries again for a moment, then stops with :class:`FileInUse`, which names the file
to close. The file in place is untouched and the new content is dropped with its temporary file.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import secrets
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from nsm_excel.core.errors import DiskFull, NsmError
from nsm_excel.store import permissions, write_journal

TEMPORARY = write_journal.TEMPORARY
_FULL = (errno.ENOSPC, errno.EDQUOT, errno.EFBIG)
_LETTERS = "abcdefghijklmnopqrstuvwxyz0123456789_"  # as tempfile.mkstemp chooses them
_CREATE = (
    os.O_RDWR | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0) | getattr(os, "O_NOINHERIT", 0)
)
# Windows says "access denied" when a program holds the target open; elsewhere it means that
HOLDS_OPEN_FILES = sys.platform == "win32"
RETRY_SECONDS = (0.1, 0.2, 0.4, 0.8)  # the waits before each new try: 1.5 s in all


class FileInUse(NsmError):
    """A file the command must replace or move is held open by another program."""

    def __init__(self, path: Path) -> None:
        self.path = path
        super().__init__(
            f"{path} is open in another program, so nsm could not replace or move it (it is "
            "unchanged). "
            f"Close {path.name} in Excel (or the program that holds it) and run the command again."
        )


def replace(source: Path | str, target: Path, held: Path | None = None) -> None:
    """``os.replace``, tried again for a moment while another program holds the file open (on
    Windows); then :class:`FileInUse` naming ``held`` (by default ``target``)."""
    for wait in RETRY_SECONDS:
        try:
            os.replace(source, target)
            return
        except PermissionError:
            if not HOLDS_OPEN_FILES:
                raise
        time.sleep(wait)
    try:
        os.replace(source, target)
    except PermissionError as exc:
        if not HOLDS_OPEN_FILES:
            raise
        raise FileInUse(held or target) from exc


@contextmanager
def replacing(path: Path, sync: bool = True) -> Iterator[BinaryIO]:
    """A file to write; on success it is flushed (to disk when ``sync``) and replaces ``path``.

    ``sync=False`` is for callers that flush many files at once with :func:`flush_all`; where
    the system cannot (Windows), each file is flushed as it is written.
    """
    sync = sync or not ONE_FLUSH
    with _begun(path) as (handle, temp):
        with os.fdopen(handle, "wb") as out:
            permissions.as_umask_allows(temp)  # mkstemp's 0600 would stay once it is replaced
            yield out
            out.flush()
            if sync:
                os.fsync(out.fileno())
        replace(temp, path)
        if sync:
            _sync_folder(path.parent)


@contextmanager
def replacing_file(path: Path) -> Iterator[Path]:
    """An empty temporary file beside ``path`` for a writer that needs a path (SQLite's backup
    API); on success it is flushed to disk and replaces ``path``, unless the caller removed it
    (then nothing is written)."""
    with _begun(path) as (handle, temp):
        os.close(handle)
        permissions.as_umask_allows(temp)
        yield temp
        if temp.exists():
            with temp.open("rb") as written:
                os.fsync(written.fileno())
            replace(temp, path)
            _sync_folder(path.parent)


@contextmanager
def _begun(path: Path) -> Iterator[tuple[int, Path]]:
    """The temporary file of a write to ``path``, opened and noted in the journal; removed, and
    its note too, when the write fails (a full disk said as such)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temp, marker = _temporary(path)
    except OSError as exc:
        _raise_if_full(exc, path)
        raise
    try:
        yield handle, temp
    except BaseException as exc:
        temp.unlink(missing_ok=True)
        if isinstance(exc, OSError):
            _raise_if_full(exc, path)
        raise
    finally:
        write_journal.end(marker)


def _temporary(path: Path) -> tuple[int, Path, Path | None]:
    """A new hidden temporary file beside ``path``, opened as :func:`tempfile.mkstemp` does
    (only this process may read it), and noted in the journal before it exists."""
    while True:
        random = "".join(secrets.choice(_LETTERS) for _ in range(8))
        temp = path.parent / f".{path.name}.{random}{TEMPORARY}"
        marker = write_journal.begin(temp)
        try:
            return os.open(temp, _CREATE, 0o600), temp, marker
        except FileExistsError:
            write_journal.end(marker)  # that name is taken: another one
        except BaseException:
            write_journal.end(marker)
            raise


def _sync_folder(folder: Path) -> None:
    """The folder's entry for a replaced file on disk too, where a folder can be opened: not on
    Windows, whose file system keeps a rename with the file."""
    directory = getattr(os, "O_DIRECTORY", None)
    if directory is None:
        return
    with contextlib.suppress(OSError):  # some network shares cannot: the file is on disk
        handle = os.open(folder, os.O_RDONLY | directory)
        try:
            os.fsync(handle)
        finally:
            os.close(handle)


def _raise_if_full(exc: OSError, path: Path) -> None:
    if exc.errno in _FULL:
        raise DiskFull(str(path.parent), path.name) from exc


ONE_FLUSH = hasattr(os, "sync")  # POSIX flushes every file at once; Windows file by file


def flush_all() -> None:
    """Everything written with ``sync=False`` on disk (files written where :data:`ONE_FLUSH` is
    false were flushed one by one already)."""
    sync = getattr(os, "sync", None)  # absent on Windows
    if sync is not None:
        sync()


def write_bytes(path: Path, data: bytes, sync: bool = True) -> None:
    """Write ``data`` to ``path`` atomically, creating the folder when needed."""
    with replacing(path, sync) as out:
        out.write(data)


def copy_file(source: Path, path: Path, sync: bool = True) -> str:
    """Copy ``source`` to ``path`` atomically, in chunks; the SHA-256 of what was copied."""
    digest = hashlib.sha256()
    with replacing(path, sync) as out, source.open("rb") as src:
        for chunk in iter(lambda: src.read(1 << 20), b""):
            digest.update(chunk)
            out.write(chunk)
    return digest.hexdigest()


def write_text(path: Path, text: str) -> None:
    write_bytes(path, text.encode("utf-8"))


def free_name(path: Path, numbered: str = "{stem} ({n}){suffix}") -> Path:
    """``path`` if nothing is there, else the first sibling named by ``numbered`` that is free.

    The default gives ``name (2).ext``, as file managers do.
    """
    candidate, n = path, 1
    while candidate.exists():
        n += 1
        candidate = path.with_name(numbered.format(stem=path.stem, n=n, suffix=path.suffix))
    return candidate
