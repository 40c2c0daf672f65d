"""``nsm watch``: the inbox judged as files settle in it, one batch at a time.

A file is taken once it has settled: its size and modification time the same at two looks one
interval apart, and it opens for reading (Windows refuses to open a file another program is
still copying). A file still being copied is left alone, unread and unmentioned, until it has
settled; :func:`nsm_excel.intake.run.validate_inbox` then judges the settled files as
``nsm validate`` does, and a file that still changes while it is read waits as it always does
(``file-still-writing``). The workspace lock is held only while a batch is judged, so ``nsm
status`` or ``nsm consolidate`` can run between batches; while another command holds it, the
files wait for the next look. After each batch the status pages are written again
(:mod:`nsm_excel.outputs.status_page`).

The loop ends when ``stop()`` says so or after a number of looks. :func:`stop_on_interrupt`
makes Ctrl-C such a stop: the batch being judged is finished first; a second Ctrl-C abandons it
(:class:`KeyboardInterrupt`), and the next run completes what it left, as after any kill.
"""

from __future__ import annotations

import math
import os
import signal
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType
from typing import Any

from nsm_excel.intake import inbox
from nsm_excel.intake.results import FileResult, IntakeResult
from nsm_excel.intake.run import validate_inbox
from nsm_excel.outputs import status_page
from nsm_excel.store.lock import WorkspaceBusy
from nsm_excel.store.workspace import Workspace

Stamp = tuple[int, int]  # size and modification time (ns)
Validate = Callable[..., IntakeResult]
_OPEN = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
_OPEN |= getattr(os, "O_BINARY", 0)
_STEP = 0.2  # seconds: how soon a stop is seen while waiting for the next look


class Settling:
    """What the inbox held at the last look, and which settled files a batch took already."""

    def __init__(self) -> None:
        self._last: dict[Path, Stamp] = {}
        self._judged: dict[Path, Stamp] = {}

    def look(self, folder: Path) -> dict[Path, Stamp]:
        """The inbox's files unchanged since the last look and that open: settled."""
        now = {}
        for path in inbox.inbox_files(folder):
            found = inbox.stamp(path)
            if found is not None:
                now[path] = found
        settled = {p: s for p, s in now.items() if self._last.get(p) == s and _opens(p)}
        self._last = now
        self._judged = {p: s for p, s in self._judged.items() if now.get(p) == s}
        return settled

    def fresh(self, settled: dict[Path, Stamp]) -> bool:
        """Some settled file was not taken by a batch yet (or changed since)."""
        return any(self._judged.get(path) != found for path, found in settled.items())

    def taken(self, settled: dict[Path, Stamp]) -> None:
        self._judged.update(settled)


def _opens(path: Path) -> bool:
    try:
        os.close(os.open(path, _OPEN))
    except OSError:
        return False
    return True


@dataclass(frozen=True)
class Batch:
    """What one batch judged and the pages it wrote; ``busy`` when another command had the lock."""

    files: tuple[FileResult, ...] = ()
    pages: tuple[Path, ...] = ()
    busy: bool = False


@dataclass
class Watched:
    looks: int = 0
    batches: int = 0
    files: list[FileResult] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        files = [f.to_dict() for f in self.files]
        return {"looks": self.looks, "batches": self.batches, "files": files}


BatchHeard = Callable[[Batch], None]


def _never() -> bool:
    return False


def watch(
    workspace: Workspace,
    *,
    interval: float = 5.0,
    looks: int | None = None,
    stop: Callable[[], bool] = _never,
    on_batch: BatchHeard | None = None,
    sleep: Callable[[float], None] = time.sleep,
    validate: Validate = validate_inbox,
) -> Watched:
    """Look at the inbox every ``interval`` seconds and judge what settled, until ``stop()`` or
    ``looks`` looks; ``on_batch`` hears of each batch as it ends."""
    settling, watched = Settling(), Watched()
    while not stop() and (looks is None or watched.looks < looks):
        if watched.looks and not _paused(interval, stop, sleep):
            break
        watched.looks += 1
        settled = settling.look(workspace.inbox)
        if not settling.fresh(settled):
            continue
        batch = judge(workspace, settled, validate)
        if not batch.busy:
            settling.taken(settled)
            watched.batches += 1
            watched.files.extend(batch.files)
        if on_batch is not None:
            on_batch(batch)
    return watched


def judge(workspace: Workspace, settled: dict[Path, Stamp], validate: Validate) -> Batch:
    """The settled files judged under the workspace lock, then the status pages written."""
    try:
        result = validate(workspace, only=lambda path: inbox.stamp(path) == settled.get(path))
    except WorkspaceBusy:
        return Batch(busy=True)
    return Batch(tuple(result.files), tuple(status_page.write_pages(workspace)))


def _paused(seconds: float, stop: Callable[[], bool], sleep: Callable[[float], None]) -> bool:
    """Wait ``seconds`` in short steps; False as soon as ``stop()`` says so."""
    steps = max(1, math.ceil(seconds / _STEP))
    for _ in range(steps):
        if stop():
            return False
        sleep(seconds / steps)
    return not stop()


class Interrupted:
    """Whether Ctrl-C was pressed: the stop condition of :func:`watch`."""

    def __init__(self) -> None:
        self.asked = False

    def __call__(self) -> bool:
        return self.asked


@contextmanager
def stop_on_interrupt(on_first: Callable[[], None]) -> Iterator[Interrupted]:
    """The first SIGINT asks the watch to stop after its batch (``on_first`` is told); a second
    raises :class:`KeyboardInterrupt` to abandon the batch."""
    stop = Interrupted()

    def handle(_signum: int, _frame: FrameType | None) -> None:
        if stop.asked:
            raise KeyboardInterrupt
        stop.asked = True
        on_first()

    previous = signal.signal(signal.SIGINT, handle)
    try:
        yield stop
    finally:
        signal.signal(signal.SIGINT, previous)
