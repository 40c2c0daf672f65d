"""The inbox: which files wait there, each hashed once (hash, size and time, one file at a time,
never held in memory), and whether a file is still the one that was hashed.

Only regular files are read: a symbolic link, a second name of another file (a hard link), a
pipe, a socket or a device is reported (``file-not-regular``) and left alone, so nothing outside
the workspace is ever read through the inbox. A file is opened without following links and
checked again once open. A copy still in progress can look complete for the instant it is read:
a file that changes while it is read, or before the run settles it, waits for the next run
(``file-still-writing``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import stat
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from nsm_excel.core import words
from nsm_excel.core.issue_codes import IssueCode as C
from nsm_excel.core.issues import Issue
from nsm_excel.intake.reading import safety as package_safety
from nsm_excel.intake.structure.examined import Examined
from nsm_excel.store import ledger


@dataclass
class Incoming:
    """A file during a run: its hash and what the checks found (its bytes stay on disk)."""

    path: Path
    size: int
    sha256: str
    too_large: bool = False  # larger than a return may be: hashed and archived, never read
    stamp: tuple[int, int] = (0, 0)  # size and modification time when read
    received_at: str = ""
    examined: Examined | None = None
    issues: list[Issue] = field(default_factory=list)
    duplicate_of: ledger.Received | None = None
    twin: Incoming | None = None  # the same bytes earlier in this run
    record_id: int = 0
    readable: bool = False
    changed: bool = False  # its bytes changed between the hash and the reading
    formulas: dict[tuple[str, str], str] = field(default_factory=dict)  # (sheet, A1) -> formula
    seconds: float = 0.0  # reading and checking this file (the values are checked together)
    merged: dict[str, Any] | None = None  # a second copy's values merged into the first's
    typed: dict[str, Any] | None = None  # its answers as the ledger stores them, once worked out

    @property
    def name(self) -> str:
        """The file's name as recorded and shown (undecodable bytes replaced)."""
        return display_name(self.path)


def display_name(path: Path) -> str:
    """A name that any text store accepts: bytes that are not UTF-8 become U+FFFD."""
    return path.name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


_KINDS = (
    (stat.S_ISLNK, "entry-kind.link"),
    (stat.S_ISFIFO, "entry-kind.pipe"),
    (stat.S_ISSOCK, "entry-kind.socket"),
    (stat.S_ISCHR, "entry-kind.device"),
    (stat.S_ISBLK, "entry-kind.device"),
)
_HARD_LINK = "entry-kind.hard-link"
_NOT_REGULAR = "entry-kind.not-regular"
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
_OPEN_FLAGS |= getattr(os, "O_BINARY", 0)


def _listed(inbox: Path) -> list[Path]:
    """Entries of the inbox but hidden files and Office lock files (~$...); no folder."""
    if not inbox.is_dir():
        return []
    entries = sorted(p for p in inbox.iterdir() if not p.name.startswith((".", "~$")))
    return [p for p in entries if not _is_folder(p)]


def _is_folder(path: Path) -> bool:
    try:
        return stat.S_ISDIR(path.lstat().st_mode)
    except OSError:
        return False


def not_regular(entry: os.stat_result) -> str:
    """The key of the word for what the entry is when it is not a regular file of its own
    (``entry-kind.*``); '' for a regular file."""
    for test, kind in _KINDS:
        if test(entry.st_mode):
            return kind
    if not stat.S_ISREG(entry.st_mode):
        return _NOT_REGULAR
    return _HARD_LINK if entry.st_nlink > 1 else ""


def inbox_files(inbox: Path) -> list[Path]:
    """Regular files waiting in the inbox (links and special files left out)."""
    found = []
    for path in _listed(inbox):
        try:
            if not not_regular(path.lstat()):
                found.append(path)
        except OSError:
            continue
    return found


def collect(
    inbox: Path, limits: package_safety.Limits, only: Callable[[Path], bool] | None = None
) -> tuple[list[Incoming], list[Issue]]:
    """Every regular file of the inbox hashed once; and why the others wait (one issue each).

    With ``only``, a regular file it refuses is left alone, unread and unreported (a watch
    takes only the files that have settled).
    """
    incoming: list[Incoming] = []
    waiting: list[Issue] = []
    for path in _listed(inbox):
        name = display_name(path)
        try:
            kind = not_regular(path.lstat())
            if kind:
                waiting.append(Issue(C.FILE_NOT_REGULAR, name, params={"kind": words.ref(kind)}))
                continue
            if only is not None and not only(path):
                continue
            hashed = _hash(path)
        except OSError as exc:
            reason = exc.strerror or str(exc)
            waiting.append(Issue(C.FILE_UNREADABLE, name, params={"reason": reason}))
            continue
        if hashed is None:
            waiting.append(
                Issue(C.FILE_NOT_REGULAR, name, params={"kind": words.ref(_NOT_REGULAR)})
            )
            continue
        sha, before, after = hashed
        changed = (before.st_size, before.st_mtime_ns) != (after.st_size, after.st_mtime_ns)
        if changed:
            waiting.append(Issue(C.FILE_STILL_WRITING, name))
            continue
        item = Incoming(path, after.st_size, sha, after.st_size > limits.max_file_bytes)
        item.stamp = (after.st_size, after.st_mtime_ns)
        item.received_at = iso(dt.datetime.fromtimestamp(after.st_mtime, dt.UTC))
        incoming.append(item)
    return incoming, waiting


def _hash(path: Path) -> tuple[str, os.stat_result, os.stat_result] | None:
    """The file's SHA-256 with its state before and after reading; None when, once opened, it
    is not a regular file (replaced by a link or a pipe in the meantime)."""
    handle = os.open(path, _OPEN_FLAGS)
    with os.fdopen(handle, "rb") as stream:
        before = os.fstat(stream.fileno())
        if not stat.S_ISREG(before.st_mode) or before.st_nlink > 1:
            return None
        digest = hashlib.sha256()
        for chunk in chunks(stream):
            digest.update(chunk)
        after = os.fstat(stream.fileno())
    return digest.hexdigest(), before, after


def chunks(stream: BinaryIO) -> Iterator[bytes]:
    """The stream's bytes in pieces of 1 MiB."""
    yield from iter(lambda: stream.read(1 << 20), b"")


def still_writing(incoming: list[Incoming]) -> list[Issue]:
    """Files whose size or time changed since they were read: taken out of ``incoming``.

    A copy in progress can look complete for the instant it is read; it is left in the inbox,
    neither archived nor recorded, and read on the next run.
    """
    moved = [item for item in incoming if changed(item)]
    for item in moved:
        incoming.remove(item)
    return [Issue(C.FILE_STILL_WRITING, item.name) for item in moved]


def changed(item: Incoming) -> bool:
    """The inbox file is no longer the one that was read (changed or removed meanwhile)."""
    return stamp(item.path) != item.stamp


def stamp(path: Path) -> tuple[int, int] | None:
    """Size and modification time of ``path``; None when it is gone."""
    try:
        now = path.stat()
    except FileNotFoundError:
        return None
    return (now.st_size, now.st_mtime_ns)


def iso(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).isoformat(timespec="seconds")


def unchanged(item: Incoming) -> bool:
    """The inbox file is still the one that was read (not replaced during the run)."""
    return stamp(item.path) == item.stamp
