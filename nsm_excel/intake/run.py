"""Intake: validate every file in the inbox, give feedback, archive it, record it. Nothing lost.

:func:`validate_inbox` is the stage's entry point. For each file: judge the bytes
(:mod:`nsm_excel.intake.reading.safety`) and read it (:mod:`nsm_excel.intake.reading.reader`),
both in a reading process (:mod:`nsm_excel.intake.reading.reader_process`), which a file can
kill without stopping the run, several at once (:mod:`nsm_excel.intake.reading.reader_pool`);
identify it and check its structure against the register
(:mod:`nsm_excel.intake.structure.check`), in the order received while the pool reads the next
files; then the values of all files in one pandera pass (:mod:`nsm_excel.intake.checks`), and a
formula in any other cell; then, in the order received (:mod:`nsm_excel.intake.settle`):
archive copies, feedback workbooks (built by the pool several at once), the ledger records, and
only then do files leave the inbox. A run killed at any point loses nothing: the next run finds
the file still in the inbox (or already recorded, and completes the move), removes the temporary
files of its atomic writes and the feedback workbooks it wrote but never recorded, and finishes
a feedback workbook's move aside. Archive copies are flushed to disk before the ledger records them;
records are written in one transaction per run. A full disk stops the run with
:class:`nsm_excel.core.errors.DiskFull` before any file is recorded or leaves the inbox (a feedback
workbook already moved aside stays there, with its records pointing at it).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from nsm_excel.core import cell_text
from nsm_excel.core.clock import local_day
from nsm_excel.core.errors import DiskFull, InboxChanged
from nsm_excel.core.issue_codes import IssueCode as C
from nsm_excel.core.issues import Issue
from nsm_excel.core.periods import period_or_raise
from nsm_excel.intake import checks as return_schema
from nsm_excel.intake import copies, inbox, settle
from nsm_excel.intake import rejudge as rejudged
from nsm_excel.intake import rules as intake_rules
from nsm_excel.intake.feedback import files as feedback_files
from nsm_excel.intake.inbox import Incoming, inbox_files
from nsm_excel.intake.reading import reader_pool, reader_process
from nsm_excel.intake.reading import safety as package_safety
from nsm_excel.intake.results import WAITING, FileResult, IntakeResult
from nsm_excel.intake.structure.check import examine
from nsm_excel.intake.structure.examined import RegisterView
from nsm_excel.intake.structure.sheet_names import FEEDBACK_SHEET
from nsm_excel.store import archive, calendar, database, ledger, register
from nsm_excel.store.lock import workspace_lock
from nsm_excel.store.workspace import Workspace

Progress = Callable[[int, int, str], None]
Clock = Callable[[], dt.datetime]


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def validate_inbox(
    workspace: Workspace,
    progress: Progress | None = None,
    clock: Clock = _now,
    limits: package_safety.Limits | None = None,
    reader: list[str] | None = None,
    rejudge: bool = False,
    only: Callable[[Path], bool] | None = None,
    jobs: int | None = None,
) -> IntakeResult:
    """Process every file in the inbox, each for the period it names; see the module docstring.

    Returns rejected for a reason now gone (their period opened, their template issued) are
    judged again; with ``rejudge``, every return rejected for a reason outside it.
    ``reader`` is the command of the reading process (tests give one that misbehaves).
    ``only`` chooses the inbox's files this run takes (the others wait, unmentioned).
    ``jobs`` reading processes read files at once (default: one per core), the run examining
    each in the order received while they read the next.
    """
    started = time.perf_counter()
    limits = limits or package_safety.Limits()
    zone = workspace.config.calendar.time_zone
    with (
        workspace_lock(workspace.root, "validate"),
        database.connect(workspace.database) as db,
        reader_pool.Pool(limits, reader, jobs) as pool,
    ):
        calendar.ensure(db, workspace.config, clock_today(clock, zone))
        periods = {c.period.code: c for c in calendar.all_periods(db)}
        result = IntakeResult(", ".join(c for c, p in periods.items() if p.state == calendar.OPEN))
        _complete_interrupted(db, workspace)
        state = _state_of(periods)
        issued = lambda i: register.by_id(db, i) is not None  # noqa: E731
        rejudged.put_back(db, workspace.root, state, issued, everything=rejudge)
        incoming, waiting = inbox.collect(workspace.inbox, limits, only)
        result.files.extend(_waiting(waiting))
        _received_times(db, incoming, clock)
        view = RegisterView(
            lambda i: register.by_id(db, i),
            lambda a, b: register.latest(db, a, b),
            state,
            _contact(workspace),
        )
        _check_all(incoming, db, pool, view, limits)
        result.files.extend(_waiting(intake_rules.changed(incoming)))
        _values(incoming, periods, clock, zone)
        intake_rules.stray_formulas(incoming)
        for item in incoming:
            item.issues = intake_rules.bounded(item.issues, item.name)
        result.files.extend(_waiting(inbox.still_writing(incoming)))
        incoming.sort(key=lambda i: (i.received_at, i.name))
        intake_rules.twins(incoming)
        intake_rules.older_than_answered(incoming, _answered(db, incoming))
        copies.merge_copies(incoming, _current(db, incoming))
        try:
            with pool.feedback_stream() as stream:
                feedback = settle.Feedback(workspace, db, stream)
                for done, item in enumerate(list(incoming)):
                    if item not in incoming:
                        continue  # the twin of a file that changed: it waits with it
                    if progress:
                        progress(done, len(incoming), item.name)
                    try:
                        feedback.add(settle.prepare(workspace, db, item))
                    except InboxChanged:  # replaced before its copy: the new file waits its turn
                        gone = [item, *(i for i in incoming if i.twin is item)]
                        for other in gone:
                            incoming.remove(other)
                        result.files.extend(
                            _waiting([Issue(C.FILE_STILL_WRITING, i.name) for i in gone])
                        )
                settled = feedback.finish()
        except DiskFull as exc:
            note = "The files stay in the inbox and none was recorded."
            raise DiskFull(exc.folder, exc.name, note) from exc
        settle.record(db, incoming, settled, clock)
        result.files.extend(settled)
    result.seconds = time.perf_counter() - started
    return result


def clock_today(clock: Clock, zone: str) -> dt.date:
    return local_day(clock().isoformat(), zone)


def _state_of(periods: dict[str, calendar.CalendarPeriod]) -> Callable[[str], str | None]:
    return lambda code: periods[code].state if code in periods else None


def _contact(workspace: Workspace) -> str:
    """The secretariat as nsm.toml names it: whom an institution asks about a period."""
    config = workspace.config
    found = [config.secretariat_name, config.secretariat_email, config.secretariat_phone]
    return ", ".join(cell_text.shown(p) for p in found if p)


def _waiting(issues: list[Issue]) -> list[FileResult]:
    return [FileResult(issue.file, WAITING, issues=[issue]) for issue in issues]


def _complete_interrupted(db: Any, workspace: Workspace) -> None:
    """Finish the moves a killed run left half done: recorded and archived, still in the inbox.

    (The temporary files its atomic writes left are gone already: the workspace lock removes
    those its journal names.)
    """
    feedback_files.recover(db, workspace.root)
    named: dict[str, list[Path]] = {}
    for path in inbox.inbox_files(workspace.inbox):  # by the name recorded: not always the raw name
        named.setdefault(inbox.display_name(path), []).append(path)
    for item in ledger.pending_removals(db):
        for path in named.get(item.original_name, []):
            if (
                path.is_file()
                and archive.file_hash(path) == item.sha256
                and not settle.take_out(path)
            ):
                break  # still open in another program: removed by a later run
        else:
            with database.transaction(db):
                ledger.mark_removed(db, item.id or 0)


def _answered(db: Any, incoming: list[Incoming]) -> dict[tuple[str, str], intake_rules.Answered]:
    """The version, file and receipt of each accepted return of the periods these files name."""
    return {
        (r.institution or "", r.period or ""): (r.version or 0, r.original_name, r.received_at)
        for r in _current(db, incoming)
    }


def _current(db: Any, incoming: list[Incoming]) -> list[ledger.Received]:
    """The accepted returns of the periods these files name: what a second copy merges into."""
    periods = {i.examined.record.period for i in incoming if i.examined and i.examined.record}
    return [r for period in sorted(periods) for r in ledger.current_accepted(db, period)]


def _received_times(db: Any, incoming: list[Incoming], clock: Clock) -> None:
    """Received = first seen in the inbox by a run, or the file's own time if that is earlier."""
    now = inbox.iso(clock())
    with database.transaction(db):
        seen = ledger.first_seen(db, [(i.sha256, i.name, now) for i in incoming])
    for item in incoming:
        item.received_at = min(item.received_at, seen[(item.sha256, item.name)])


def _check_all(
    incoming: list[Incoming],
    db: Any,
    pool: reader_pool.Pool,
    view: RegisterView,
    limits: package_safety.Limits,
) -> None:
    """Each file judged without reading where it can be, the others read by the pool and
    examined in order as their answers come; a file's seconds are the run's time on it."""
    begun = time.perf_counter()
    to_read = [item for item in incoming if not _unread(item, db, limits)]
    asked = [reader_pool.Request(i.path, i.sha256, i.name) for i in to_read]
    read = {id(item) for item in to_read}
    with contextlib.closing(pool.judge_all(asked)) as answers:
        for item in incoming:
            if id(item) in read:
                _examine(item, next(answers), view)
            item.seconds, begun = time.perf_counter() - begun, time.perf_counter()


def _unread(item: Incoming, db: Any, limits: package_safety.Limits) -> bool:
    """Judged without reading: a file judged before, or one too large to open."""
    name = item.name
    earlier = ledger.last_judged(db, item.sha256)
    if earlier is not None and not intake_rules.judged_again(earlier):
        item.duplicate_of = earlier
        item.issues.append(
            intake_rules.duplicate_issue(name, earlier.original_name, earlier.received_at)
        )
        return True
    if item.too_large:
        size = f"{item.size / 1048576:.1f}"
        limit = f"{limits.max_file_bytes / 1048576:.0f}"
        item.issues.append(Issue(C.FILE_TOO_LARGE, name, params={"size": size, "limit": limit}))
        return True
    return False


def _examine(item: Incoming, judged: reader_process.Judged, view: RegisterView) -> None:
    """What reading found, then the return examined against the register."""
    name = item.name
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
        item.examined = examine(book, name, view)
    except (ValueError, TypeError, KeyError, IndexError, AttributeError) as exc:
        # content no template has (a safety net: the file is still archived and recorded)
        reason = f"unexpected content: {type(exc).__name__}"
        item.issues.append(Issue(C.FILE_CORRUPT, name, params={"reason": reason}))
        return
    item.issues.extend(item.examined.issues)


def _values(
    incoming: list[Incoming], periods: dict[str, calendar.CalendarPeriod], clock: Clock, zone: str
) -> None:
    """The value checks of each identified return, against its own period's first and last day."""
    by_period: dict[str, list[Incoming]] = {}
    for item in incoming:
        if item.examined is not None and item.examined.record is not None:
            by_period.setdefault(item.examined.record.period, []).append(item)
    today = clock_today(clock, zone)
    for code, checked in by_period.items():
        period = periods[code].period if code in periods else period_or_raise(code)
        context = return_schema.Context(period.first, period.last, today)
        days = [return_schema.received_day(i.received_at, zone) for i in checked]
        found = return_schema.check([i.examined for i in checked if i.examined], context, days)
        for item, issues in zip(checked, found, strict=True):
            item.issues.extend(issues)


__all__ = ["WAITING", "FileResult", "IntakeResult", "inbox_files", "validate_inbox"]
