"""Returned files are read in a child process, so that no file can stop a run.

One long-lived worker (``python -m nsm_excel.reader_process``) judges the files of a run one
after the other: their bytes (:mod:`nsm_excel.package_safety`), their sheets
(:mod:`nsm_excel.return_reader`) and, later, the feedback copy (:mod:`nsm_excel.feedback`),
all of which parse what the sender controls. The worker runs under a memory limit (an address
space limit on POSIX, a job object on Windows) and each request under a time limit. A worker
that dies or runs out of time is ended and started again for the next file; the file it was
reading is refused with ``file-unreadable``, archived and recorded like any other.

Requests and answers are pickled over the worker's standard input and output; the worker
reads the file itself from its path and checks that its bytes are still those the run hashed.
:func:`judge` is the pure core the worker runs, usable in-process too.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import queue
import signal
import subprocess
import sys
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from nsm_excel.core.issue_codes import IssueCode as C
from nsm_excel.core.issues import Issue
from nsm_excel.intake.reading import reader as return_reader
from nsm_excel.intake.reading import safety as package_safety
from nsm_excel.intake.reading import wire
from nsm_excel.intake.reading.reader import ReturnedWorkbook

_STARTUP_SECONDS = 30.0
CHANGED = "changed"


@dataclass
class Judged:
    """What reading one file found: issues, and the workbook when it could be read."""

    issues: list[Issue] = field(default_factory=list)
    book: ReturnedWorkbook | None = None
    changed: bool = False  # the file's bytes are no longer those hashed: it is still written


def judge(data: bytes, name: str, limits: package_safety.Limits) -> Judged:
    """Byte checks, then the sheets; cells far outside a report refused at their cell."""
    package, issues = package_safety.inspect(data, name, limits)
    if package is None:
        return Judged(issues)
    try:
        book = return_reader.read(package, extent=limits.extent)
    except return_reader.UnreadableReturn as exc:
        issues.append(Issue(C.FILE_CORRUPT, name, params={"reason": str(exc)[:200]}))
        return Judged(issues)
    extent = {"rows": str(limits.extent.rows), "columns": str(limits.extent.columns)}
    for sheet in book.sheets:
        issues.extend(
            Issue(C.RETURN_FAR_CELL, name, sheet.name, cell, params=extent)
            for cell in sheet.far_cells[:20]
        )
    return Judged(issues, book)


def _read(path: str, sha256: str, limit: int) -> bytes | None:
    """The file's bytes, or None when they are no longer those hashed."""
    with open(path, "rb") as handle:
        data = handle.read(limit + 1)
    return data if hashlib.sha256(data).hexdigest() == sha256 else None


def _serve(limits: package_safety.Limits, source: BinaryIO, sink: BinaryIO) -> None:
    """The worker's loop: one request in, one answer out, until its input closes."""
    while (request := wire.receive(source)) is not None:
        kind, path, sha256, *rest = request
        wire.limit_seconds(limits.reader_seconds)
        try:
            data = _read(path, sha256, limits.max_file_bytes)
            if data is None:
                answer: Any = (CHANGED, None)
            elif kind == "judge":
                answer = ("ok", judge(data, rest[0], limits))
            else:
                answer = ("ok", _feedback(data, *rest))
        except MemoryError:
            answer = ("failed", "it needs more memory than a return may take")
        except Exception as exc:  # a reader's own failure on crafted content
            answer = ("failed", f"the reader failed: {type(exc).__name__}")
        wire.send(sink, answer)


def _feedback(
    data: bytes, issues: list[Issue], lang: str, note: str = "", changes: Any = ()
) -> bytes | None:
    from nsm_excel.intake.feedback import workbook as feedback

    try:
        return feedback.build(data, issues, lang, note, changes)
    except feedback.NoFeedback:
        return None


class Worker:
    """The long-lived reading process of one run; use as a context manager."""

    def __init__(self, limits: package_safety.Limits, command: Sequence[str] | None = None) -> None:
        self.limits = limits
        self.command = list(
            command or [sys.executable, "-m", "nsm_excel.intake.reading.reader_process"]
        )
        self._process: subprocess.Popen[bytes] | None = None
        self._answers: queue.Queue[Any] = queue.Queue()
        self.restarts = 0

    def __enter__(self) -> Worker:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def judge(self, path: Path, sha256: str, name: str) -> Judged:
        """The file judged in the worker; refused as unreadable when the worker gives up."""
        status, value = self._ask(("judge", str(path), sha256, name))
        if status == "ok":
            return value  # type: ignore[no-any-return]
        if status == CHANGED:
            return Judged(changed=True)
        return Judged([Issue(C.FILE_UNREADABLE, name, params={"reason": value})])

    def feedback(
        self,
        path: Path,
        sha256: str,
        issues: list[Issue],
        lang: str,
        note: str = "",
        changes: Sequence[Any] = (),
    ) -> bytes | None:
        """The feedback workbook built in the worker (``note`` as its title, a resend's
        ``changes`` worked out from the records); None when no copy can be made."""
        request = ("feedback", str(path), sha256, issues, lang, note, list(changes))
        status, value = self._ask(request)
        return value if status == "ok" else None

    def close(self) -> None:
        process, self._process = self._process, None
        if process is None:
            return
        if process.stdin:
            process.stdin.close()  # the worker reads the end of its requests and stops
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        _release(process)

    def _ask(self, request: tuple[Any, ...]) -> tuple[str, Any]:
        process = self._started()
        if process is None:
            return ("failed", "the reading process could not start")
        assert process.stdin is not None
        try:
            wire.send(process.stdin, request)  # type: ignore[arg-type]
        except OSError:
            self._end()
            return ("failed", "the reading process stopped")
        try:
            answer = self._answers.get(timeout=self.limits.reader_seconds)
        except queue.Empty:
            self._end()
            seconds = f"{self.limits.reader_seconds:g}"
            return ("failed", f"reading it took more than {seconds} seconds and was stopped")
        if answer is None:
            self._end()
            return ("failed", "the reader stopped on it: it needs too much memory or is damaged")
        return answer  # type: ignore[no-any-return]

    def _started(self) -> subprocess.Popen[bytes] | None:
        if self._process is not None and self._process.poll() is None:
            return self._process
        if self._process is not None:
            self._end()
        environment = {**os.environ, "NSM_READER_LIMITS": _limits_text(self.limits)}
        try:
            process = subprocess.Popen(
                self.command,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,  # a native panic's stack trace is no message
                env=environment,
                creationflags=getattr(subprocess, "CREATE_NO_WINDOW", 0),  # Windows: no console
            )
        except OSError:
            return None
        _contain(process, self.limits.reader_memory_bytes)
        self._answers = queue.Queue()
        threading.Thread(target=_listen, args=(process, self._answers), daemon=True).start()
        self._process = process
        try:
            ready = self._answers.get(timeout=_STARTUP_SECONDS)
        except queue.Empty:
            ready = None
        if ready != "ready":
            self._end()
            return None
        return process

    def _end(self) -> None:
        process, self._process = self._process, None
        if process is not None:
            process.kill()
            process.wait()
            _release(process)
            self.restarts += 1


def _release(process: subprocess.Popen[bytes]) -> None:
    """The pipes of an ended worker closed, and on Windows its job object."""
    for stream in (process.stdin, process.stdout):
        if stream is not None:
            with contextlib.suppress(OSError):
                stream.close()
    if sys.platform == "win32":
        from nsm_excel.intake.reading import windows_job

        windows_job.release(process.pid)


def _listen(process: subprocess.Popen[bytes], answers: queue.Queue[Any]) -> None:
    """Hand every answer of ``process`` to ``answers``; None once it ends."""
    assert process.stdout is not None
    try:
        while (answer := wire.receive(process.stdout)) is not None:  # type: ignore[arg-type]
            answers.put(answer)
    except Exception:  # an answer that cannot be read ends the worker like a crash
        pass
    answers.put(None)


def _limits_text(limits: package_safety.Limits) -> str:
    return pickle.dumps(limits, protocol=pickle.HIGHEST_PROTOCOL).hex()


def _contain(process: subprocess.Popen[bytes], limit: int) -> None:
    """On Windows, a job object caps the worker's memory (POSIX: see :func:`_limit_memory`)."""
    if sys.platform == "win32":
        from nsm_excel.intake.reading import windows_job

        windows_job.limit_memory(process.pid, limit)


def main() -> None:
    """The worker: limits from the environment, requests on standard input."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the run's to decide, not ours
    limits = pickle.loads(bytes.fromhex(os.environ["NSM_READER_LIMITS"]))
    wire.limit_memory(limits.reader_memory_bytes)
    source, sink = sys.stdin.buffer, sys.stdout.buffer
    sys.stdout = sys.stderr  # nothing else may write into the answers
    wire.send(sink, "ready")
    _serve(limits, source, sink)


if __name__ == "__main__":  # run as the module itself, so that answers unpickle by its name
    from nsm_excel.intake.reading import reader_process

    reader_process.main()
