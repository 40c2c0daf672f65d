"""Many returns read at once: a pool of reading processes, their answers handed back in order.

A run's files are judged (bytes, then sheets) by several :class:`~nsm_excel.intake.reading.
reader_process.Worker` processes at once, one thread each feeding it from a shared list: the
thread waits on its worker's pipe (which releases the interpreter), so the run examines file k
while the workers read the files after it. Each worker keeps every guarantee of its own: its
memory limit (on Windows its own job object), the time limit of each request, and a worker
that dies or runs out of time is ended, the file it read refused with ``file-unreadable``, and
started again for the next file it takes; the other workers carry on.

:meth:`Pool.judge_all` yields the answers in the order asked, whichever worker finished first,
and reads at most a few files ahead of the one the run waits for. ``jobs`` 1 is one worker,
reading the next file while the run examines the last.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Generator, Sequence
from concurrent.futures import Future
from dataclasses import dataclass
from pathlib import Path

from nsm_excel.intake.reading import safety as package_safety
from nsm_excel.intake.reading.reader_process import Judged, Worker

AHEAD = 4  # files read ahead of the one the run waits for, per worker


def default_jobs() -> int:
    """The cores this process may run on (at least 1): how many files are read at once."""
    counted: Callable[[], int | None] | None = getattr(os, "process_cpu_count", None)
    if counted is not None:
        return max(1, counted() or 1)
    affinity = getattr(os, "sched_getaffinity", None)  # Linux before Python 3.13
    if affinity is not None:
        return max(1, len(affinity(0)))
    return max(1, os.cpu_count() or 1)


@dataclass(frozen=True)
class Request:
    """One file to judge: where it is, the hash its bytes must still have, its name."""

    path: Path
    sha256: str
    name: str


class Pool:
    """``jobs`` reading processes, started as they are first needed; use as a context manager."""

    def __init__(
        self,
        limits: package_safety.Limits,
        command: Sequence[str] | None = None,
        jobs: int | None = None,
    ) -> None:
        count = default_jobs() if jobs is None else jobs
        if count < 1:
            raise ValueError(f"at least one reading process is needed, not {count}")
        self.workers = [Worker(limits, command) for _ in range(count)]

    def __enter__(self) -> Pool:
        return self

    def __exit__(self, *_exc: object) -> None:
        for worker in self.workers:
            worker.close()

    @property
    def first(self) -> Worker:
        """The worker the run's other requests (feedback copies) go to, one after the other."""
        return self.workers[0]

    @property
    def restarts(self) -> int:
        return sum(worker.restarts for worker in self.workers)

    def judge_all(self, requests: Sequence[Request]) -> Generator[Judged, None, None]:
        """Each request judged, in the order given; the workers read ahead of the caller.

        Stopping early (or an error in the caller) lets the reads in hand finish and takes
        no more, so no worker is left in the middle of a request.
        """
        if not requests:
            return
        answers: list[Future[Judged]] = [Future() for _ in requests]
        feeding = _Feeding(requests, answers, AHEAD * len(self.workers))
        threads = [
            threading.Thread(target=feeding.feed, args=(worker,), daemon=True)
            for worker in self.workers[: len(requests)]
        ]
        for thread in threads:
            thread.start()
        try:
            for answer in answers:
                judged = answer.result()
                feeding.room.release()
                yield judged
        finally:
            feeding.stop.set()
            for _ in threads:
                feeding.room.release()  # a thread waiting for room sees the stop
            for thread in threads:
                thread.join()


class _Feeding:
    """What the feeding threads share: the next request, the room ahead, the stop."""

    def __init__(self, requests: Sequence[Request], answers: list[Future[Judged]], ahead: int):
        self.requests = requests
        self.answers = answers
        self.room = threading.Semaphore(ahead)
        self.stop = threading.Event()
        self._next = 0
        self._lock = threading.Lock()

    def _take(self) -> int | None:
        with self._lock:
            if self._next >= len(self.requests):
                return None
            self._next += 1
            return self._next - 1

    def feed(self, worker: Worker) -> None:
        """Give ``worker`` the next request while there is room and no stop."""
        while True:
            self.room.acquire()
            if self.stop.is_set() or (k := self._take()) is None:
                return
            request = self.requests[k]
            try:
                self.answers[k].set_result(worker.judge(request.path, request.sha256, request.name))
            except BaseException as exc:  # handed to the caller, who raises it in order
                self.answers[k].set_exception(exc)
