"""Settle the files of a run: archive copies, then feedback workbooks (built several at once,
written in the order received), then the ledger's records in one transaction, and only then do
the files leave the inbox."""

from __future__ import annotations

import datetime as dt
from collections import deque
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from nsm_excel.core.issues import Report
from nsm_excel.intake import checks, inbox, resend
from nsm_excel.intake.answers import text_of
from nsm_excel.intake.feedback import files as feedback_files
from nsm_excel.intake.inbox import Incoming
from nsm_excel.intake.reading import reader_pool
from nsm_excel.intake.results import FileResult
from nsm_excel.store import archive, atomic, database, ledger
from nsm_excel.store.workspace import Workspace

Clock = Callable[[], dt.datetime]


def record(db: Any, incoming: list[Incoming], settled: list[FileResult], clock: Clock) -> None:
    """Archive copies on disk, then the ledger records, then out of the inbox: in that order."""
    atomic.flush_all()
    with database.transaction(db):
        for item, result in zip(incoming, settled, strict=True):
            result.record_id = item.record_id = ledger.record(db, _entry(item, result, clock))
        feedback_files.settle(db)
    left = set()
    for item, result in zip(incoming, settled, strict=True):
        if inbox.unchanged(item) and not take_out(item.path):
            left.add(result.record_id)
        # else: replaced while the run worked; the new file stays for the next run
    with database.transaction(db):  # a run killed before this is completed by the next
        for result in settled:
            if result.record_id not in left:  # a file held open leaves on the next run
                ledger.mark_removed(db, result.record_id)


def take_out(path: Path) -> bool:
    """Remove a recorded file from the inbox; ``False`` while another program holds it open
    (Windows refuses to remove a workbook open in Excel): the next run removes it."""
    try:
        path.unlink()
    except PermissionError:
        return False
    return True


@dataclass
class Prepared:
    """A file's result with its archive copy written, and what its feedback needs."""

    result: FileResult
    item: Incoming
    feedback_at: Path | None = None  # the institution's feedback workbook: retired, maybe rewritten
    request: reader_pool.FeedbackRequest | None = None  # the workbook to build, when one is due


def prepare(workspace: Workspace, db: Any, item: Incoming) -> Prepared:
    """The result of one file, with its archive copy written; its feedback still to give
    (:class:`Feedback`)."""
    record = item.examined.record if item.examined else None
    if item.twin is not None and item.twin.examined is not None:
        record = None
        twin_record = item.twin.examined.record
        institution = twin_record.institution if twin_record else None
        period = twin_record.period if twin_record else None
    else:
        earlier = item.duplicate_of
        institution = record.institution if record else (earlier.institution if earlier else None)
        period = record.period if record else (earlier.period if earlier else None)
    status = _status(item)
    result = FileResult(
        file=item.name,
        status=status,
        sha256=item.sha256,
        received_at=item.received_at,
        institution=institution or "",
        period=period or "",
        template_id=record.template_id if record else "",
        version=record.version if record else 0,
        issues=item.issues,
        seconds=item.seconds,
    )
    target = archive.archive_path(
        workspace.root, item.received_at, item.sha256, item.name, period, institution
    )
    stored = archive.store_file(target, item.path, item.sha256)
    result.archived = stored.relative_to(workspace.root).as_posix()
    prepared = Prepared(result, item)
    if record is not None and status != ledger.DUPLICATE:
        prepared.feedback_at = feedback_files.current(
            workspace.root, record.institution, record.period
        )
        changed = resend.changes_of(db, item, status)
        if (item.issues or changed) and not item.too_large:  # built from the archived copy
            prepared.request = reader_pool.FeedbackRequest(
                stored, item.sha256, item.issues, record.language, changed
            )
    return prepared


class Feedback:
    """The feedback of a run's files, given in the order received while the pool builds the
    next ones: the institution's feedback workbook before moved aside, then the new one written
    when the file has issues or is an accepted resend with changes."""

    def __init__(
        self,
        workspace: Workspace,
        db: Any,
        stream: reader_pool.Stream[reader_pool.FeedbackRequest, bytes | None],
    ) -> None:
        self.root, self.db, self.stream = workspace.root, db, stream
        self.settled: list[FileResult] = []  # the results given, not yet recorded
        self._waiting: deque[tuple[Prepared, Future[bytes | None] | None]] = deque()

    def add(self, prepared: Prepared) -> None:
        """Its workbook asked for; the feedback of the files before it whose workbooks are
        built given."""
        asked = self.stream.put(prepared.request) if prepared.request is not None else None
        self._waiting.append((prepared, asked))
        self._give(wait=False)

    def finish(self) -> list[FileResult]:
        """Every file's feedback given; the results, in the order added."""
        self._give(wait=True)
        return self.settled

    def _give(self, wait: bool) -> None:
        while self._waiting:
            p, asked = self._waiting[0]
            if asked is not None and not wait and not asked.done():
                return
            self._waiting.popleft()
            data = self.stream.take(asked) if asked is not None else None
            if p.feedback_at is not None:
                stamp = p.item.received_at.replace(":", "").replace("-", "")[:15]
                feedback_files.retire(self.db, self.root, p.feedback_at, stamp, self.settled)
                if data is not None:
                    p.result.feedback = feedback_files.write(
                        self.db, self.root, p.feedback_at, data
                    )
            self.settled.append(p.result)


def _status(item: Incoming) -> str:
    if item.duplicate_of is not None or item.twin is not None:
        return ledger.DUPLICATE
    if item.examined is None or item.examined.record is None or Report(item.issues).errors:
        return ledger.REJECTED
    return ledger.ACCEPTED


def _entry(item: Incoming, result: FileResult, clock: Clock) -> ledger.Received:
    report = result.report
    values = None
    if result.status == ledger.ACCEPTED and item.examined is not None:
        values = item.merged or checks.typed_values(item)  # two copies merged
    return ledger.Received(
        sha256=item.sha256,
        original_name=item.name,
        size=item.size,
        received_at=item.received_at,
        processed_at=inbox.iso(clock()),
        status=result.status,
        archive_path=result.archived,
        errors=len(report.errors),
        warnings=len(report.warnings),
        issues=[i.to_dict() for i in item.issues],
        template_id=result.template_id or None,
        institution=result.institution or None,
        period=result.period or None,
        version=result.version or None,
        accepted_values=values,
        feedback_path=result.feedback or None,
        duplicate_of=item.duplicate_of.id if item.duplicate_of else _twin_id(item),
        reporter=_reporter(item),
    )


def _reporter(item: Incoming) -> dict[str, str] | None:
    """Who the Cover of a file matched to its template names as reporter, whatever its verdict
    (a file not matched to an issued template is not taken at its word)."""
    if item.examined is None or item.examined.record is None:
        return None
    cover = item.examined.tables.get("Cover") or []
    values = cover[0].values if cover else {}
    found = {k: text_of(values.get(k)) for k in ("reporter_name", "reporter_email")}
    kept = {k: v[:320] for k, v in found.items() if isinstance(v, str) and v.strip()}
    return kept or None


def _twin_id(item: Incoming) -> int | None:
    return item.twin.record_id if item.twin is not None else None
