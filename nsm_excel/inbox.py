"""The inbox: which files wait there, each read once (bytes, hash, size and time), and
whether a file is still the one that was read.

A copy still in progress can look complete for the instant it is read: a file that changes
while it is read, or before the run settles it, waits for the next run (``file-still-writing``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from nsm_excel import archive, ledger, package_safety
from nsm_excel.issues import Issue
from nsm_excel.return_structure import Examined


@dataclass
class Incoming:
    """A file during a run: its bytes and what the checks found."""

    path: Path
    size: int
    sha256: str
    data: bytes | None  # None when too large to hold
    stamp: tuple[int, int] = (0, 0)  # size and modification time when read
    received_at: str = ""
    examined: Examined | None = None
    issues: list[Issue] = field(default_factory=list)
    duplicate_of: ledger.Received | None = None
    twin: Incoming | None = None  # the same bytes earlier in this run
    record_id: int = 0
    readable: bool = False
    seconds: float = 0.0  # reading and checking this file (the values are checked together)

    @property
    def name(self) -> str:
        """The file's name as recorded and shown (undecodable bytes replaced)."""
        return display_name(self.path)


def display_name(path: Path) -> str:
    """A name that any text store accepts: bytes that are not UTF-8 become U+FFFD."""
    return path.name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def inbox_files(inbox: Path) -> list[Path]:
    """Files waiting in the inbox: not folders, hidden files or Office lock files (~$...)."""
    if not inbox.is_dir():
        return []
    return sorted(p for p in inbox.iterdir() if p.is_file() and not p.name.startswith((".", "~$")))


def collect(inbox: Path, limits: package_safety.Limits) -> tuple[list[Incoming], list[Issue]]:
    """Every file of the inbox read once; and why the others wait (one issue each)."""
    incoming: list[Incoming] = []
    waiting: list[Issue] = []
    for path in inbox_files(inbox):
        try:
            before = path.stat()
            if before.st_size > limits.max_file_bytes:
                data, sha = None, archive.file_hash(path)
            else:
                data = path.read_bytes()
                sha = hashlib.sha256(data).hexdigest()
            after = path.stat()
        except OSError as exc:
            name = display_name(path)
            waiting.append(Issue("file-unreadable", name, params={"reason": exc.strerror or exc}))
            continue
        changed = (before.st_size, before.st_mtime_ns) != (after.st_size, after.st_mtime_ns)
        if changed or (data is not None and len(data) != after.st_size):
            waiting.append(Issue("file-still-writing", display_name(path)))
            continue
        item = Incoming(path, after.st_size, sha, data, (after.st_size, after.st_mtime_ns))
        item.received_at = iso(dt.datetime.fromtimestamp(after.st_mtime, dt.UTC))
        incoming.append(item)
    return incoming, waiting


def still_writing(incoming: list[Incoming]) -> list[Issue]:
    """Files whose size or time changed since they were read: taken out of ``incoming``.

    A copy in progress can look complete for the instant it is read; it is left in the inbox,
    neither archived nor recorded, and read on the next run.
    """
    moved = [item for item in incoming if changed(item)]
    for item in moved:
        incoming.remove(item)
    return [Issue("file-still-writing", item.name) for item in moved]


def changed(item: Incoming) -> bool:
    """The inbox file is no longer the one that was read. A file removed meanwhile counts as
    changed only when its bytes were not held (too large): then nothing could be archived."""
    now = stamp(item.path)
    return now != item.stamp if now is not None else item.data is None


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
