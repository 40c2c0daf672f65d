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
reading the next file while the run examines the last. The pool builds the
feedback workbooks of a run the same way (:meth:`Pool.feedback_stream`): the run puts each in
as it settles a file, the workers build them at once, and the run writes each in its turn.
"""

from __future__ import annotations

import os
import threading
from collections import deque
from collections.abc import Callable, Generator, Sequence
from concurrent.futures import Future
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, TypeVar

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


@dataclass(frozen=True)
class FeedbackRequest:
    """One feedback workbook to build from an archived copy: where it is, the hash its bytes
    must still have, the issues to show, the language, a resend's changes."""

    path: Path
    sha256: str
    issues: list[Any]
    lang: str
    changes: list[Any] = field(default_factory=list)


R = TypeVar("R")
A = TypeVar("A")


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
    def restarts(self) -> int:
        return sum(worker.restarts for worker in self.workers)

    def judge_all(self, requests: Sequence[Request]) -> Generator[Judged, None, None]:
        """Each request judged, in the order given; the workers read ahead of the caller.

        Stopping early (or an error in the caller) lets the reads in hand finish and takes
        no more, so no worker is left in the middle of a request.
        """
        if not requests:
            return
        with Stream(self.workers[: len(requests)], _judge) as stream:
            asked = deque(stream.put(request) for request in requests)
            while asked:  # each book let go once the run has it
                yield stream.take(asked.popleft())

    def feedback_stream(self) -> Stream[FeedbackRequest, bytes | None]:
        """A stream the run puts its feedback workbooks into as it settles each file, the
        workers building them while it goes on; each answer the workbook, or None where no
        copy can be made."""
        return Stream(self.workers, _feedback)


def _judge(worker: Worker, request: Request) -> Judged:
    return worker.judge(request.path, request.sha256, request.name)


def _feedback(worker: Worker, request: FeedbackRequest) -> bytes | None:
    r = request
    return worker.feedback(r.path, r.sha256, r.issues, r.lang, changes=r.changes)


class Stream(Generic[R, A]):
    """Requests put in as the caller goes, answered by the workers at once, at most
    :data:`AHEAD` a worker ahead of the answers the caller took; use as a context manager.

    Its end (or an error in the caller) lets the requests in hand finish and takes no more,
    so no worker is left in the middle of a request. An answer is held by the caller alone
    once a worker has taken its request: taken and let go, it is freed, so a run of many files
    holds the answers of a few.
    """

    def __init__(self, workers: Sequence[Worker], ask: Callable[[Worker, R], A]) -> None:
        self._ask = ask
        self._requests: deque[tuple[R, Future[A]]] = deque()  # not yet taken by a worker
        self._stop = False
        self._arrived = threading.Condition()
        self._room = threading.Semaphore(AHEAD * len(workers))
        self._threads = [
            threading.Thread(target=self._feed, args=(worker,), daemon=True) for worker in workers
        ]
        for thread in self._threads:
            thread.start()

    def __enter__(self) -> Stream[R, A]:
        return self

    def __exit__(self, *_exc: object) -> None:
        with self._arrived:
            self._stop = True
            self._arrived.notify_all()
        for _ in self._threads:
            self._room.release()  # a thread waiting for room sees the stop
        for thread in self._threads:
            thread.join()

    def put(self, request: R) -> Future[A]:
        """Ask for ``request``; its answer, to :meth:`take` in the order put."""
        answer: Future[A] = Future()
        with self._arrived:
            self._requests.append((request, answer))
            self._arrived.notify()
        return answer

    def take(self, answer: Future[A]) -> A:
        """The answer, once given (a worker's error raised here); room for the next."""
        try:
            return answer.result()
        finally:
            self._room.release()

    def _feed(self, worker: Worker) -> None:
        """Give ``worker`` the next request while there is room and no stop."""
        while True:
            self._room.acquire()
            with self._arrived:
                while not self._stop and not self._requests:
                    self._arrived.wait()
                if self._stop:
                    return
                request, answer = self._requests.popleft()  # held by the caller alone
            try:
                answer.set_result(self._ask(worker, request))
            except BaseException as exc:  # handed to the caller, who raises it in order
                answer.set_exception(exc)
            del request, answer  # not kept while this thread waits for the next
