"""Intake: validate every file in the inbox, give feedback, archive it, record it. Nothing lost.

:func:`validate_inbox` is the stage's entry point. For each file: judge the bytes
(:mod:`nsm_excel.package_safety`) and read it (:mod:`nsm_excel.return_reader`), both in the
reading process (:mod:`nsm_excel.reader_process`), which a file can kill without stopping the
run; identify it and check its structure against the register
(:mod:`nsm_excel.return_structure`); then the values of all files in one pandera pass
(:mod:`nsm_excel.return_schema`), and a formula in any other cell; then, in the order received:
feedback workbooks and archive copies, the ledger records, and only then do files leave the
inbox. A run killed at any point loses nothing: the next run finds the file still in
the inbox (or already recorded, and completes the move), removes the temporary files of its
atomic writes and the feedback workbooks it wrote but never recorded, and finishes a feedback
workbook's move aside. Archive copies are flushed to disk before the ledger records them;
records are written in one transaction per run. A full disk stops the run with
:class:`nsm_excel.errors.DiskFull` before any file is recorded or leaves the inbox (a feedback
workbook already moved aside stays there, with its records pointing at it).
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from nsm_excel.core.errors import DiskFull, InboxChanged
from nsm_excel.core.issue_codes import IssueCode as C
from nsm_excel.core.issues import Issue, Report
from nsm_excel.core.periods import Period
from nsm_excel.intake import checks as return_schema
from nsm_excel.intake import feedback_files, inbox, reader_process
from nsm_excel.intake import rules as intake_rules
from nsm_excel.intake import safety as package_safety
from nsm_excel.intake.inbox import Incoming, inbox_files
from nsm_excel.intake.structure import FEEDBACK_SHEET, RegisterView, examine
from nsm_excel.store import archive, atomic, database, ledger, register
from nsm_excel.store.lock import workspace_lock
from nsm_excel.store.workspace import Workspace

WAITING = "waiting"
Progress = Callable[[int, int, str], None]
Clock = Callable[[], dt.datetime]


@dataclass
class FileResult:
    """What became of one file from the inbox."""

    file: str
    status: str  # accepted, rejected, duplicate or waiting
    sha256: str = ""
    received_at: str = ""
    institution: str = ""
    period: str = ""
    template_id: str = ""
    version: int = 0
    issues: list[Issue] = field(default_factory=list)
    archived: str = ""
    feedback: str = ""
    record_id: int = 0
    seconds: float = 0.0  # reading the file and checking its bytes, identity and structure

    @property
    def report(self) -> Report:
        return Report(list(self.issues))

    def to_dict(self) -> dict[str, Any]:
        report = self.report
        return {
            "file": self.file,
            "status": self.status,
            "institution": self.institution,
            "period": self.period,
            "template_id": self.template_id,
            "version": self.version,
            "errors": len(report.errors),
            "warnings": len(report.warnings),
            "received_at": self.received_at,
            "sha256": self.sha256,
            "archived": self.archived,
            "feedback": self.feedback,
            "issues": [i.shown() for i in self.issues],
            "seconds": round(self.seconds, 4),
        }


@dataclass
class IntakeResult:
    period: str
    files: list[FileResult] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def all_accepted(self) -> bool:
        return all(f.status in (ledger.ACCEPTED, ledger.DUPLICATE, WAITING) for f in self.files)

    def count(self, status: str) -> int:
        return sum(f.status == status for f in self.files)

    def to_dict(self) -> dict[str, Any]:
        return {
            "period": self.period,
            "files": [f.to_dict() for f in self.files],
            "accepted": self.count(ledger.ACCEPTED),
            "rejected": self.count(ledger.REJECTED),
            "duplicates": self.count(ledger.DUPLICATE),
            "waiting": self.count(WAITING),
        }


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def validate_inbox(
    workspace: Workspace,
    period: Period | None = None,
    progress: Progress | None = None,
    clock: Clock = _now,
    limits: package_safety.Limits | None = None,
    reader: list[str] | None = None,
) -> IntakeResult:
    """Process every file in the inbox; see the module docstring.

    ``reader`` is the command of the reading process (tests give one that misbehaves).
    """
    started = time.perf_counter()
    period = period or workspace.config.period
    limits = limits or package_safety.Limits()
    result = IntakeResult(period.code)
    with (
        workspace_lock(workspace.root, "validate"),
        database.connect(workspace.database) as db,
        reader_process.Worker(limits, reader) as worker,
    ):
        _complete_interrupted(db, workspace)
        incoming, waiting = inbox.collect(workspace.inbox, limits)
        result.files.extend(_waiting(waiting))
        _received_times(db, incoming, clock)
        view = RegisterView(lambda i: register.by_id(db, i), lambda a, b: register.latest(db, a, b))
        for item in incoming:
            begun = time.perf_counter()
            _check(item, db, worker, view, period, limits)
            item.seconds = time.perf_counter() - begun
        result.files.extend(_waiting(intake_rules.changed(incoming)))
        _values(incoming, period, clock)
        intake_rules.stray_formulas(incoming)
        for item in incoming:
            item.issues = intake_rules.bounded(item.issues, item.name)
        result.files.extend(_waiting(inbox.still_writing(incoming)))
        incoming.sort(key=lambda i: (i.received_at, i.name))
        intake_rules.twins(incoming)
        settled: list[FileResult] = []
        try:
            for done, item in enumerate(list(incoming)):
                if item not in incoming:
                    continue  # the twin of a file that changed: it waits with it
                if progress:
                    progress(done, len(incoming), item.name)
                try:
                    settled.append(_prepare(workspace, db, worker, item, settled))
                except InboxChanged:  # replaced before its copy: the new file waits its turn
                    gone = [item, *(i for i in incoming if i.twin is item)]
                    for other in gone:
                        incoming.remove(other)
                    result.files.extend(
                        _waiting([Issue(C.FILE_STILL_WRITING, i.name) for i in gone])
                    )
        except DiskFull as exc:
            note = "The files stay in the inbox and none was recorded."
            raise DiskFull(exc.folder, exc.name, note) from exc
        _record(db, incoming, settled, clock)
        result.files.extend(settled)
    result.seconds = time.perf_counter() - started
    return result


def _waiting(issues: list[Issue]) -> list[FileResult]:
    return [FileResult(issue.file, WAITING, issues=[issue]) for issue in issues]


def _complete_interrupted(db: Any, workspace: Workspace) -> None:
    """Finish the moves a killed run left half done: recorded and archived, still in the inbox.

    And remove the temporary files its atomic writes left in the archive and the outbox.
    """
    for folder in (workspace.root / "archive", workspace.outbox):
        atomic.remove_leftovers(folder)
    feedback_files.recover(db, workspace.root)
    named: dict[str, list[Path]] = {}
    for path in inbox.inbox_files(workspace.inbox):  # by the name recorded: not always the raw name
        named.setdefault(inbox.display_name(path), []).append(path)
    for item in ledger.pending_removals(db):
        for path in named.get(item.original_name, []):
            if path.is_file() and archive.file_hash(path) == item.sha256:
                path.unlink()
        with database.transaction(db):
            ledger.mark_removed(db, item.id or 0)


def _received_times(db: Any, incoming: list[Incoming], clock: Clock) -> None:
    """Received = first seen in the inbox by a run, or the file's own time if that is earlier."""
    now = inbox.iso(clock())
    with database.transaction(db):
        seen = ledger.first_seen(db, [(i.sha256, i.name, now) for i in incoming])
    for item in incoming:
        item.received_at = min(item.received_at, seen[(item.sha256, item.name)])


def _check(
    item: Incoming,
    db: Any,
    worker: reader_process.Worker,
    view: RegisterView,
    period: Period,
    limits: package_safety.Limits,
) -> None:
    name = item.name
    earlier = ledger.by_hash(db, item.sha256)
    if earlier is not None and not intake_rules.judged_again(earlier):
        item.duplicate_of = earlier
        item.issues.append(
            intake_rules.duplicate_issue(name, earlier.original_name, earlier.received_at)
        )
        return
    if item.too_large:
        size = f"{item.size / 1048576:.1f}"
        limit = f"{limits.max_file_bytes / 1048576:.0f}"
        item.issues.append(Issue(C.FILE_TOO_LARGE, name, params={"size": size, "limit": limit}))
        return
    judged = worker.judge(item.path, item.sha256, name)
    if judged.changed:
        item.changed = True
        return
    item.issues.extend(judged.issues)
    book = judged.book
    if book is None:
        return
    item.readable = True
    item.formulas = {
        (sheet.name, cell): text
        for sheet in book.sheets
        if sheet.name != FEEDBACK_SHEET
        for cell, text in sheet.formulas.items()
    }
    try:
        item.examined = examine(book, name, view, period.code)
    except (ValueError, TypeError, KeyError, IndexError, AttributeError) as exc:
        # content no template has (a safety net: the file is still archived and recorded)
        reason = f"unexpected content: {type(exc).__name__}"
        item.issues.append(Issue(C.FILE_CORRUPT, name, params={"reason": reason}))
        return
    item.issues.extend(item.examined.issues)


def _values(incoming: list[Incoming], period: Period, clock: Clock) -> None:
    checked = [i for i in incoming if i.examined is not None and i.examined.record is not None]
    context = return_schema.Context(period.first, period.last, clock().date())
    days = [return_schema.received_day(i.received_at) for i in checked]
    found = return_schema.check([i.examined for i in checked if i.examined], context, days)
    for item, issues in zip(checked, found, strict=True):
        item.issues.extend(issues)


def _record(db: Any, incoming: list[Incoming], settled: list[FileResult], clock: Clock) -> None:
    """Archive copies on disk, then the ledger records, then out of the inbox: in that order."""
    atomic.flush_all()
    with database.transaction(db):
        for item, result in zip(incoming, settled, strict=True):
            result.record_id = item.record_id = ledger.record(db, _entry(item, result, clock))
        feedback_files.settle(db)
    for item in incoming:
        if inbox.unchanged(item):
            item.path.unlink()
        # else: replaced while the run worked; the new file stays for the next run
    with database.transaction(db):  # a run killed before this is completed by the next
        for result in settled:
            ledger.mark_removed(db, result.record_id)


def _prepare(
    workspace: Workspace,
    db: Any,
    worker: reader_process.Worker,
    item: Incoming,
    settled: list[FileResult],
) -> FileResult:
    """The result of one file, with its feedback workbook and archive copy written.

    ``settled`` are the results of the files before it in this run, not yet recorded.
    """
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
    if record is not None and status != ledger.DUPLICATE:
        where = (record.institution, record.period)
        result.feedback = _feedback(
            workspace, db, worker, item, stored, record.language, where, settled
        )
    return result


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
        values = return_schema.accepted_values(item.examined)
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
    )


def _twin_id(item: Incoming) -> int | None:
    return item.twin.record_id if item.twin is not None else None


def _feedback(
    workspace: Workspace,
    db: Any,
    worker: reader_process.Worker,
    item: Incoming,
    copy: Path,
    lang: str,
    where: tuple[str, str],
    settled: list[FileResult],
) -> str:
    """Write the institution's feedback workbook, the one before moved aside; its path, or ''.

    It is made from the archived ``copy``, whose bytes were verified as it was written.
    """
    path = feedback_files.current(workspace.root, *where)
    stamp = item.received_at.replace(":", "").replace("-", "")[:15]
    feedback_files.retire(db, workspace.root, path, stamp, settled)
    if not item.issues or item.too_large:
        return ""
    data = worker.feedback(copy, item.sha256, item.issues, lang)  # made from the archived copy
    if data is None:
        return ""
    return feedback_files.write(db, workspace.root, path, data)


__all__ = ["FileResult", "IntakeResult", "inbox_files", "validate_inbox"]
