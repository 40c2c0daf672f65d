"""``nsm doctor``: the workspace checked as it is, and nothing in it changed.

The configuration, the file system (a network share, unless the configuration accepts it)
and the layout (a file where a folder belongs, the plan missing); the records
(SQLite's full integrity check, the schema version, the tables); every record's archive copy
(there, with the recorded sha256) and every archive file held by a record; feedback workbooks
against the records that point at them (an orphan in ``earlier/``); the current templates
against the register; notes of a run that was stopped; temporary files of unfinished writes;
inbox entries that are not plain files. Each finding is an :class:`Issue` (``workspace-*``).

The records are read without any write, not even the lock file or a write-ahead log beside them
(:func:`nsm_excel.database.reading`); a run at work makes :class:`WorkspaceBusy`.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from nsm_excel.core import words
from nsm_excel.core.errors import ConfigError, WorkspaceError
from nsm_excel.core.issue_codes import IssueCode as C
from nsm_excel.core.issues import Issue, Report
from nsm_excel.store import (
    archive,
    atomic,
    config,
    database,
    filesystem,
    ledger,
    records_damage,
    register,
    schema_steps,
    stored_paths,
)
from nsm_excel.store.config import CONFIG_NAME, Config
from nsm_excel.store.lock import quiet_lock
from nsm_excel.store.register import IssuedTemplate
from nsm_excel.store.workspace import DATABASE_NAME, LAYOUT, Workspace

_TEMPORARY = ("archive", "outbox", "templates", "backups")


@dataclass
class Records:
    """What the doctor reads from the records."""

    received: list[ledger.Received] = field(default_factory=list)
    issued: list[IssuedTemplate] = field(default_factory=list)
    notes: int = 0  # of a stopped run: feedback journal and pending writes


@dataclass
class DoctorResult:
    workspace: str
    report: Report
    checked: dict[str, int]

    @property
    def healthy(self) -> bool:
        return not len(self.report)

    def to_dict(self) -> dict[str, Any]:
        return {
            "workspace": self.workspace,
            "healthy": self.healthy,
            "checked": self.checked,
            **self.report.to_dict(),
        }


def examine(root: Path) -> DoctorResult:
    """Check the workspace at ``root``; :class:`WorkspaceError` when it is not one."""
    if not os.path.lexists(root / CONFIG_NAME):
        raise WorkspaceError(
            f"{root.resolve()} is not an nsm workspace (no {CONFIG_NAME}): nothing to check. "
            "Pass --workspace DIR."
        )
    report = Report()
    with quiet_lock(root):
        settings = _config(root, report)
        _network(root, settings, report)
        _layout(root, settings, report)
        records = _records(root, report)
        checked = {"records": 0, "archive_files": 0, "feedback_files": 0, "templates": 0}
        if records is not None:
            checked["records"] = len(records.received)
            checked["archive_files"] = _archive(root, records, report)
            checked["feedback_files"] = _feedback(root, records, report)
            checked["templates"] = _templates(root, records, report)
            if records.notes:
                report.add(Issue(C.WORKSPACE_INTERRUPTED_RUN, params={"count": records.notes}))
        _leftovers(root, report)
        _inbox(root, report)
    return DoctorResult(str(root.resolve()), report, checked)


def _config(root: Path, report: Report) -> Config | None:
    try:
        return config.load(root / CONFIG_NAME)
    except ConfigError as exc:
        reason = str(exc).removeprefix(f"{root / CONFIG_NAME}: ")
        report.add(_at(C.WORKSPACE_CONFIG_UNREADABLE, CONFIG_NAME, reason=reason))
        return None


def _network(root: Path, settings: Config | None, report: Report) -> None:
    remote = None if settings and settings.network_ok else filesystem.network_place(root)
    if remote is not None:
        report.add(remote.issue())


def _layout(root: Path, settings: Config | None, report: Report) -> None:
    if settings is None:
        folders = [root / k for k in LAYOUT if "<P>" not in k]
    else:
        space = Workspace(root, settings)
        folders = list(space.folders())
        if not space.plan_path.is_file():
            report.add(_at(C.WORKSPACE_PLAN_MISSING, _rel(root, space.plan_path)))
    for folder in folders:
        if os.path.lexists(folder) and not folder.is_dir():
            report.add(_at(C.WORKSPACE_FOLDER_IS_FILE, _rel(root, folder)))


def _records(root: Path, report: Report) -> Records | None:
    path = root / DATABASE_NAME
    if not os.path.lexists(path) or (path.is_file() and path.stat().st_size == 0):
        if records_damage.file_problem(path):
            report.add(_at(C.WORKSPACE_RECORDS_MISSING, DATABASE_NAME))
        return None
    problem = records_damage.file_problem(path)
    if problem:
        report.add(_at(C.WORKSPACE_RECORDS_DAMAGED, DATABASE_NAME, reason=problem))
        return None
    try:
        with database.reading(path) as db:
            problem = _integrity(db)
            if problem:
                report.add(_at(C.WORKSPACE_RECORDS_DAMAGED, DATABASE_NAME, reason=problem))
                return None
            return _read(db, report)
    except sqlite3.DatabaseError as exc:
        report.add(_at(C.WORKSPACE_RECORDS_DAMAGED, DATABASE_NAME, reason=str(exc)))
        return None


def _integrity(db: sqlite3.Connection) -> str:
    found = [row[0] for row in db.execute("PRAGMA integrity_check").fetchmany(3)]
    if found == ["ok"]:
        return ""
    return "SQLite's integrity check finds: " + " ".join(" ".join(found).split())


def _read(db: sqlite3.Connection, report: Report) -> Records | None:
    version = int(db.execute("PRAGMA user_version").fetchone()[0])
    if version > len(schema_steps.SCHEMA):
        report.add(_at(C.WORKSPACE_RECORDS_NEWER, DATABASE_NAME, version=version))
        return None
    problem = database.schema_problem(db, version)
    if problem:
        report.add(_at(C.WORKSPACE_RECORDS_DAMAGED, DATABASE_NAME, reason=problem))
        return None
    tables = database.expected_tables(version)
    if "received" not in tables:
        return Records()
    records = Records(ledger.all_records(db), register.all_issued(db))
    for table in ("feedback_journal", "pending_writes"):
        if table in tables:
            records.notes += int(db.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
    return records


def _archive(root: Path, records: Records, report: Report) -> int:
    """Each record's copy there with its bytes; each archive file held by a record."""
    held = set()
    for item in records.received:
        held.add(item.archive_path)
        where = {"record": item.id, "name": item.original_name}
        path = stored_paths.within(root, item.archive_path)
        if path is None:
            report.add(_at(C.WORKSPACE_PATH_OUTSIDE, item.archive_path))
        elif not path.is_file():
            report.add(_at(C.WORKSPACE_ARCHIVE_MISSING, item.archive_path, **where))
        elif archive.file_hash(path) != item.sha256:
            report.add(_at(C.WORKSPACE_ARCHIVE_CHANGED, item.archive_path, **where))
    found = [p for p in _files(root / "archive") if not _temporary(p)]
    for path in found:
        if _rel(root, path) not in held:
            report.add(_at(C.WORKSPACE_ARCHIVE_UNRECORDED, _rel(root, path)))
    return len(found)


def _feedback(root: Path, records: Records, report: Report) -> int:
    """Each record's feedback workbook there; each workbook in a feedback folder held."""
    held = set()
    for item in records.received:
        if not item.feedback_path:
            continue
        held.add(item.feedback_path)
        path = stored_paths.within(root, item.feedback_path)
        if path is None:
            report.add(_at(C.WORKSPACE_PATH_OUTSIDE, item.feedback_path))
        elif not path.is_file():
            where = {"record": item.id, "name": item.original_name}
            report.add(_at(C.WORKSPACE_FEEDBACK_MISSING, item.feedback_path, **where))
    found = [
        p
        for folder in sorted((root / "outbox").glob("*/feedback"))
        for p in _files(folder)
        if not _temporary(p)
    ]
    for path in found:
        if _rel(root, path) not in held:
            report.add(_at(C.WORKSPACE_FEEDBACK_UNRECORDED, _rel(root, path)))
    return len(found)


def _templates(root: Path, records: Records, report: Report) -> int:
    current = [t for t in records.issued if t.current]
    for issued in current:
        path = stored_paths.within(root, issued.file)
        if path is None:
            report.add(_at(C.WORKSPACE_PATH_OUTSIDE, issued.file))
        elif not path.is_file():
            report.add(_at(C.WORKSPACE_TEMPLATE_MISSING, issued.file, version=issued.version))
        elif archive.file_hash(path) != issued.sha256:
            report.add(_at(C.WORKSPACE_TEMPLATE_CHANGED, issued.file, version=issued.version))
    return len(current)


def _leftovers(root: Path, report: Report) -> None:
    for folder in _TEMPORARY:
        for path in _files(root / folder):
            if _temporary(path):
                report.add(_at(C.WORKSPACE_LEFTOVER_TEMP, _rel(root, path)))


def _inbox(root: Path, report: Report) -> None:
    inbox = root / "inbox"
    if not inbox.is_dir():
        return
    for path in sorted(inbox.iterdir()):
        if path.is_symlink():
            kind = "symbolic-link"
        elif path.is_dir():
            kind = "folder"
        elif not path.is_file():
            kind = "special-file"
        else:
            continue
        where = _rel(root, path)
        report.add(_at(C.WORKSPACE_INBOX_NOT_REGULAR, where, kind=words.ref(f"issue.kind.{kind}")))


def _files(folder: Path) -> list[Path]:
    """Every plain file under ``folder``, sorted (none when it is not a folder)."""
    if not folder.is_dir():
        return []
    return sorted(p for p in _walk(folder) if p.is_file() and not p.is_symlink())


def _walk(folder: Path) -> Iterator[Path]:
    for entry in os.scandir(folder):
        path = Path(entry.path)
        if entry.is_dir(follow_symlinks=False):
            yield from _walk(path)
        else:
            yield path


def _temporary(path: Path) -> bool:
    return path.name.startswith(".") and path.name.endswith(atomic.TEMPORARY)


def _rel(root: Path, path: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return str(path)


def _at(code: C, path: str, **params: Any) -> Issue:
    return Issue(code, file=path, params={"path": path, **params})
