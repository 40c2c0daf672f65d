"""``nsm backup DIR``: the records and every file they describe, copied to a folder elsewhere.

DIR receives ``nsm.sqlite`` (a consistent copy made with SQLite's backup API and checked),
``nsm.toml``, the plan, ``archive/``, ``templates/``, ``outbox/`` (with the outputs published
at closings) and ``plans/`` (the adopted plan versions), and last ``manifest.json``:
the sha256 and size of every file. A folder without a manifest is not a backup.

DIR must be missing or empty. A DIR that holds a backup of this same workspace (its records
an earlier state of these) is brought up to date only with ``replace``: its manifest goes
first, unchanged files stay, changed ones are replaced, files no longer in the workspace are
removed, and the new manifest comes last. Any other content is refused: nothing is overwritten
that nsm did not write there. Archive copies that are not the bytes their records name stop
the backup (``nsm doctor`` shows them), so a damaged archive never replaces a good backup.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from nsm_excel import __version__
from nsm_excel.core.errors import WorkspaceError
from nsm_excel.store import (
    archive,
    atomic,
    calendar,
    database,
    ledger,
    record_backups,
    register,
    schema_steps,
)
from nsm_excel.store.config import CONFIG_NAME
from nsm_excel.store.lock import workspace_lock
from nsm_excel.store.workspace import DATABASE_NAME, Workspace

MANIFEST = "manifest.json"
MARK = ".nsm-backup"  # written first: the folder is (or was becoming) a backup
FORMAT = 1
TREES = ("archive", "templates", "outbox", "plans")  # plans/: the adopted versions' copies


@dataclass
class BackupResult:
    folder: str
    files: int = 0
    bytes: int = 0
    copied: int = 0  # the rest were already there, unchanged
    removed: list[str] = field(default_factory=list)
    replaced: str = ""  # when the backup replaced an earlier one: that one's time
    same_disk: bool = False

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


def backup_workspace(space: Workspace, target: Path, replace: bool = False) -> BackupResult:
    """Copy the workspace's records and files into ``target``; see the module docstring."""
    root = space.root.resolve()
    target = target.resolve()
    if target == root or target.is_relative_to(root) or root.is_relative_to(target):
        raise WorkspaceError(
            f"{target} is inside the workspace or holds it; a backup belongs on another disk."
        )
    with workspace_lock(space.root, "backup"), database.connect(space.database) as db:
        records = record_backups.snapshot(db)
        checked = check_records(records)
        if checked:
            raise WorkspaceError(f"{space.database}: {checked}; run `nsm doctor`. No backup made.")
        earlier = _earlier(target, db, replace)
        ledger_hashes = {r.archive_path: r.sha256 for r in ledger.all_records(db)}
        result = BackupResult(str(target), replaced=earlier.get("created_at", ""))
        opened = [c.period.code for c in calendar.open_periods(db)]
        _write(space, target, records, ledger_hashes, earlier, result, opened)
    result.same_disk = os.stat(root).st_dev == os.stat(target).st_dev
    return result


def _earlier(target: Path, db: sqlite3.Connection, replace: bool) -> dict[str, Any]:
    """The manifest of the backup ``target`` holds ({} when it is empty); refuse what is not
    an earlier backup of these records, or one without ``replace``."""
    if not target.exists():
        return {}
    if not target.is_dir():
        raise WorkspaceError(f"{target} is a file; choose an empty folder for the backup.")
    entries = [p.name for p in target.iterdir()]
    if not entries:
        return {}
    if MARK not in entries:
        raise WorkspaceError(
            f"{target} is not empty and holds no nsm backup; nothing was written. Choose an "
            "empty folder (or a new one) for the backup."
        )
    manifest = read_manifest(target) if MANIFEST in entries else {}
    copy = target / DATABASE_NAME
    if manifest and copy.is_file() and not earlier_state(copy, db):
        raise WorkspaceError(
            f"{target} holds a backup of other records (another workspace, or records that "
            "were replaced since); nothing was written. Choose an empty folder."
        )
    if not replace:
        what = f"made {manifest.get('created_at', '?')}" if manifest else "one that was stopped"
        raise WorkspaceError(
            f"{target} already holds a backup of this workspace ({what}); nothing was "
            f"written. Run `nsm backup {target} --replace` to bring it up to date, or choose "
            "an empty folder."
        )
    return manifest


def _write(
    space: Workspace,
    target: Path,
    records: bytes,
    hashes: dict[str, str],
    earlier: dict[str, Any],
    result: BackupResult,
    opened: list[str],
) -> None:
    sources = _hashed(space, hashes)  # before anything is written: a damaged archive stops here
    target.mkdir(parents=True, exist_ok=True)
    atomic.write_text(target / MARK, f"nsm backup of {space.root.resolve()}\n")
    (target / MANIFEST).unlink(missing_ok=True)  # from here until the end, not a backup
    before: dict[str, Any] = earlier.get("files", {})
    atomic.write_bytes(target / DATABASE_NAME, records)
    files: dict[str, dict[str, Any]] = {DATABASE_NAME: _entry(records)}
    result.copied = 1
    for relative, (source, entry) in sources.items():
        if not _unchanged(target / relative, entry, before.get(relative)):
            atomic.copy_file(source, target / relative)
            result.copied += 1
        files[relative] = entry
    for relative in sorted(set(before) - set(files)):
        (target / relative).unlink(missing_ok=True)
        result.removed.append(relative)
    result.files = len(files)
    result.bytes = sum(int(e["size"]) for e in files.values())
    manifest = _manifest(space, files, opened)
    atomic.write_text(target / MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=1))


def _hashed(space: Workspace, hashes: dict[str, str]) -> dict[str, tuple[Path, dict[str, Any]]]:
    """Each file to back up with its manifest entry; an archive copy whose bytes are not the
    ones its record names is a :class:`WorkspaceError`."""
    found = {}
    for relative, source in _sources(space):
        entry = {"sha256": file_hash(source), "size": source.stat().st_size}
        if hashes.get(relative, entry["sha256"]) != entry["sha256"]:
            raise WorkspaceError(
                f"{source} is not the file its record names (its bytes changed); nothing was "
                "written. Run `nsm doctor`, put the file right, and back up again."
            )
        found[relative] = (source, entry)
    return found


def _sources(space: Workspace) -> Iterator[tuple[str, Path]]:
    """(path in the backup, file in the workspace), for every file the backup keeps."""
    root = space.root
    yield CONFIG_NAME, root / CONFIG_NAME
    plan = space.plan_path
    if plan.is_file() and plan.resolve().is_relative_to(root.resolve()):
        yield plan.resolve().relative_to(root.resolve()).as_posix(), plan
    for tree in TREES:
        folder = root / tree
        if not folder.is_dir():
            continue
        for path in sorted(folder.rglob("*")):
            if path.is_file() and not _temporary(path):
                yield path.relative_to(root).as_posix(), path


def _unchanged(target: Path, entry: dict[str, Any], before: dict[str, Any] | None) -> bool:
    """Whether ``target`` already is the file of ``entry`` (by the earlier manifest)."""
    if before is None or before.get("sha256") != entry["sha256"]:
        return False
    return target.is_file() and target.stat().st_size == entry["size"]


def _manifest(
    space: Workspace, files: dict[str, dict[str, Any]], opened: list[str]
) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "made_by": f"nsm-excel {__version__}",
        "created_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "workspace": str(space.root.resolve()),
        "strategy": space.config.strategy_code,
        "period": opened[-1] if opened else "",  # the latest open period
        "open_periods": opened,
        "files": files,
    }


def _entry(data: bytes) -> dict[str, Any]:
    return {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}


def _temporary(path: Path) -> bool:
    return path.name.startswith(".") and path.name.endswith(atomic.TEMPORARY)


# --- shared with restore ---


file_hash = archive.file_hash  # restore checks copies with the same hash


def read_manifest(folder: Path) -> dict[str, Any]:
    """The manifest of the backup in ``folder``; :class:`WorkspaceError` when there is none."""
    path = folder / MANIFEST
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise WorkspaceError(
            f"{path} cannot be read ({exc}): {folder} is not a complete nsm backup."
        ) from exc
    if not isinstance(data, dict) or not isinstance(data.get("files"), dict):
        raise WorkspaceError(f"{path} is not an nsm backup manifest.")
    if data.get("format") != FORMAT:
        raise WorkspaceError(f"{path} was written by another nsm-excel; use that version.")
    return data


def check_records(data: bytes) -> str:
    """What is wrong with a copy of the records ('' when SQLite's check and the schema pass)."""
    with _open_copy(data) as copy:
        try:
            found = [row[0] for row in copy.execute("PRAGMA integrity_check").fetchmany(3)]
            if found != ["ok"]:
                return "SQLite's integrity check finds: " + " ".join(" ".join(found).split())
            version = int(copy.execute("PRAGMA user_version").fetchone()[0])
            if version > len(schema_steps.SCHEMA):
                return f"written by a newer nsm-excel (schema {version})"
            return database.schema_problem(copy, version)
        except sqlite3.DatabaseError as exc:
            return f"not readable records ({exc})"


@contextlib.contextmanager
def _open_copy(data: bytes) -> Iterator[sqlite3.Connection]:
    """An in-memory database holding ``data`` (what cannot be loaded, the checks report)."""
    with contextlib.closing(sqlite3.connect(":memory:")) as connection:
        with contextlib.suppress(sqlite3.DatabaseError):
            connection.deserialize(data)
        yield connection


def records_key(db: sqlite3.Connection) -> set[str]:
    """What identifies the records: each received file (id and bytes), each issued template."""
    received = {f"r{r.id}:{r.sha256}" for r in ledger.all_records(db)}
    return received | {f"t{t.template_id}" for t in register.all_issued(db)}


def earlier_state(copy: Path, db: sqlite3.Connection) -> bool:
    """Whether the records in the file ``copy`` are an earlier state of ``db`` (a copy that
    cannot be read counts as one: the folder is marked as an nsm backup)."""
    try:
        with database.reading(copy) as other:
            return records_key(other) <= records_key(db)
    except sqlite3.DatabaseError:
        return True


def newer_records(db: sqlite3.Connection, copy: Path) -> tuple[int, int]:
    """How many received files and issued templates ``db`` holds that ``copy`` does not."""
    with database.reading(copy) as other:
        extra = records_key(db) - records_key(other)
    return sum(k.startswith("r") for k in extra), sum(k.startswith("t") for k in extra)
