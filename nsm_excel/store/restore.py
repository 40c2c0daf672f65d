"""``nsm restore SOURCE``: the records, and the files a backup holds, put back into a workspace.

SOURCE is a folder written by ``nsm backup`` (every file checked against its manifest first)
or one records file, such as an automatic copy in ``backups/``. The records are checked
(SQLite's integrity check, the schema) before anything changes.

Refused when the workspace's records hold received files or issued templates that the source
does not (newer records), unless ``force``; records too damaged to read are simply replaced.
Whatever is replaced (the records, a file whose bytes differ) is first kept in
``backups/replaced-<time>/``; files the source does not have stay where they are. Files come
first and the records last, so a restore that was stopped is finished by running it again.
Archive files that no restored record holds (received after the backup) are listed; with
``requeue`` each is copied back into ``inbox/`` under its original name, its time set to when
it was received, so the next ``nsm validate`` records it again as received then.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import shutil
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from nsm_excel.core.errors import WorkspaceError
from nsm_excel.store import atomic, backup, database, ledger, record_backups, records_damage
from nsm_excel.store.config import CONFIG_NAME
from nsm_excel.store.lock import workspace_lock
from nsm_excel.store.workspace import DATABASE_NAME, FOLDERS

_ARCHIVED = re.compile(r"^(\d{8}T\d{6}Z)_[0-9a-f]{12}_(.+)$")  # see archive.archive_path


@dataclass
class RestoreResult:
    source: str
    restored: list[str] = field(default_factory=list)  # files written, the records last
    kept_aside: str = ""  # where what was replaced is kept ('' when nothing was)
    replaced_damaged: bool = False  # the records replaced could not be read
    unrecorded: list[str] = field(default_factory=list)  # archive files no record holds
    requeued: list[str] = field(default_factory=list)  # inbox copies of them

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


def restore_workspace(
    root: Path, source: Path, force: bool = False, requeue: bool = False
) -> RestoreResult:
    """Restore ``source`` into the workspace at ``root``; see the module docstring."""
    source = source.resolve()
    files = _checked_source(source, root)
    records_file = source / DATABASE_NAME if source.is_dir() else source
    data = records_file.read_bytes()
    problem = backup.check_records(data)
    if problem:
        raise WorkspaceError(
            f"{records_file}: {problem}. Nothing was restored; choose another copy (an older "
            "one in backups/, or another backup)."
        )
    root.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S.%fZ")
    aside = root / record_backups.FOLDER / f"replaced-{stamp}"
    result = RestoreResult(str(source))
    with workspace_lock(root, "restore"):
        result.replaced_damaged = _refuse_newer(root, records_file, force)
        for relative, entry in files.items():
            if relative != DATABASE_NAME:
                _put(source / relative, root, relative, entry["sha256"], aside, result)
        _put_records(root, data, aside, result)
        for folder in FOLDERS:
            (root / folder).mkdir(parents=True, exist_ok=True)
        result.unrecorded = _unrecorded(root)
        if requeue:
            result.requeued = [_requeue(root, relative) for relative in result.unrecorded]
    if aside.is_dir():
        result.kept_aside = aside.relative_to(root).as_posix()
    return result


def _checked_source(source: Path, root: Path) -> dict[str, dict[str, Any]]:
    """The files of the backup in ``source``, each checked ({} for a records file)."""
    if source.is_file():
        if not (root / CONFIG_NAME).is_file():
            raise WorkspaceError(
                f"{root.resolve()} is not a workspace: a records file alone cannot make one. "
                "Restore a backup made with `nsm backup DIR`, or run `nsm init` first."
            )
        return {}
    if not source.is_dir():
        raise WorkspaceError(f"{source} does not exist: give a backup folder or a records file.")
    files: dict[str, dict[str, Any]] = backup.read_manifest(source)["files"]
    for relative, entry in files.items():
        if not _safe(relative):
            raise WorkspaceError(f"{source}: the manifest names {relative!r}, outside the backup.")
        path = source / relative
        if not path.is_file():
            wrong = "is missing"
        elif path.stat().st_size != entry.get("size") or backup.file_hash(path) != entry.get(
            "sha256"
        ):
            wrong = "is not the file its manifest names (its bytes changed)"
        else:
            continue
        raise WorkspaceError(
            f"the backup {source} is damaged: {relative} {wrong}. Nothing was restored; use "
            "another backup."
        )
    if DATABASE_NAME not in files:
        raise WorkspaceError(f"the backup {source} holds no records ({DATABASE_NAME}).")
    return files


def _safe(relative: str) -> bool:
    parts = PurePosixPath(relative).parts
    return bool(parts) and not PurePosixPath(relative).is_absolute() and ".." not in parts


def _refuse_newer(root: Path, records_file: Path, force: bool) -> bool:
    """Refuse (without ``force``) records that hold more than the source; True when the
    current records cannot be read at all (damaged: they are replaced)."""
    current = root / DATABASE_NAME
    if not current.is_file() or current.stat().st_size == 0:
        return False
    try:
        if records_damage.file_problem(current):
            return True
        with database.reading(current) as db:
            received, issued = backup.newer_records(db, records_file)
    except (sqlite3.DatabaseError, TypeError):
        return True
    if (received or issued) and not force:
        held = f"{_count(received, 'received file')} and {_count(issued, 'issued template')}"
        raise WorkspaceError(
            f"the records in {root.resolve()} hold {held} that {records_file} does not: "
            "restoring would drop them from "
            "the records (their files stay). Nothing was changed. Run again with --force to "
            "restore anyway; the current records are then kept in backups/replaced-TIME/."
        )
    return False


def _count(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _put(
    source: Path, root: Path, relative: str, sha256: str, aside: Path, result: RestoreResult
) -> None:
    """Copy one file of the backup into the workspace, unless it is already there."""
    target = root / relative
    if target.is_file() and backup.file_hash(target) == sha256:
        return
    if os.path.lexists(target):
        kept = aside / relative
        kept.parent.mkdir(parents=True, exist_ok=True)
        atomic.replace(target, kept, held=target)
    atomic.copy_file(source, target)
    result.restored.append(relative)


def _put_records(root: Path, data: bytes, aside: Path, result: RestoreResult) -> None:
    """The records replaced by ``data``; the current ones (and their log) kept aside first."""
    current = root / DATABASE_NAME
    log, shared = Path(f"{current}-wal"), Path(f"{current}-shm")
    same = current.is_file() and backup.file_hash(current) == hashlib.sha256(data).hexdigest()
    if same and not log.exists():
        return
    aside.mkdir(parents=True, exist_ok=True)
    for path in (current, log):
        if path.is_file():
            shutil.copyfile(path, aside / path.name)
    for path in (log, shared):  # a log left beside other records would be applied to them
        path.unlink(missing_ok=True)
    atomic.write_bytes(current, data)
    result.restored.append(DATABASE_NAME)


def _unrecorded(root: Path) -> list[str]:
    with database.reading(root / DATABASE_NAME) as db:
        held = {r.archive_path for r in ledger.all_records(db)}
    folder = root / "archive"
    if not folder.is_dir():
        return []
    found = (p.relative_to(root).as_posix() for p in folder.rglob("*") if p.is_file())
    return sorted(p for p in found if p not in held and not p.endswith(atomic.TEMPORARY))


def _requeue(root: Path, relative: str) -> str:
    """Copy an archive file into the inbox as it arrived: its original name and time."""
    source = root / relative
    found = _ARCHIVED.match(source.name)
    name, when = (found.group(2), found.group(1)) if found else (source.name, "")
    target = root / "inbox" / name
    if target.is_file() and backup.file_hash(target) == backup.file_hash(source):
        return target.relative_to(root).as_posix()  # put there by a restore before
    target = atomic.free_name(target)
    atomic.copy_file(source, target)
    if when:
        stamp = dt.datetime.strptime(when, "%Y%m%dT%H%M%SZ").replace(tzinfo=dt.UTC).timestamp()
        os.utime(target, (stamp, stamp))
    return target.relative_to(root).as_posix()
