"""Adopted versions of the plan: each with the day it takes effect and a stored copy of its file.

A version is adopted by ``nsm plan adopt`` (:mod:`nsm_excel.plan.adoption` decides, this module
records). The copy of every adopted plan is kept byte for byte under ``plans/`` in the workspace,
written atomically and never overwritten, so the templates of a year are issued from the plan in
force that year even after the live ``action_plan.xlsx`` was edited again.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from nsm_excel.store import atomic, audit

PLANS = "plans"  # the folder of the stored copies, in the workspace


@dataclass(frozen=True)
class PlanVersion:
    number: int
    fingerprint: str  # the plan's content fingerprint (``Plan.version``)
    effective: dt.date  # the first day it governs
    adopted_at: str
    file: str  # the stored copy, relative to the workspace
    sha256: str
    note: str

    def to_dict(self) -> dict[str, object]:
        return self.__dict__ | {"effective": self.effective.isoformat()}


def _from_row(row: sqlite3.Row) -> PlanVersion:
    data = dict(row)
    try:
        data["effective"] = dt.date.fromisoformat(str(data["effective"]))
    except ValueError as exc:  # reported as damaged records by database.connect
        raise sqlite3.DataError(f"plan version {data.get('number')}: {exc}") from exc
    return PlanVersion(**data)


def adopted(db: sqlite3.Connection) -> list[PlanVersion]:
    """Every adopted version, by number."""
    rows = db.execute("SELECT * FROM plan_versions ORDER BY number").fetchall()
    return [_from_row(r) for r in rows]


def latest(db: sqlite3.Connection) -> PlanVersion | None:
    """The version adopted last, if any."""
    versions = adopted(db)
    return versions[-1] if versions else None


def in_force(db: sqlite3.Connection, year: int) -> PlanVersion | None:
    """The version governing ``year``: the latest effective on or before 1 January of ``year``
    (the first version when none is); ``None`` when no version was adopted."""
    versions = adopted(db)
    if not versions:
        return None
    first_day = dt.date(year, 1, 1)
    governing = [v for v in versions if v.effective <= first_day]
    if not governing:
        return versions[0]
    return max(governing, key=lambda v: (v.effective, v.number))


def store_copy(root: Path, number: int, data: bytes) -> tuple[str, str]:
    """Write the bytes of version ``number`` under ``plans/``; its path relative to ``root`` and
    its SHA-256. An existing file is never overwritten: one with these very bytes (left by a
    run stopped before its record) is taken as it is, another gets a free name beside it."""
    folder = root / PLANS
    sha = hashlib.sha256(data).hexdigest()
    path = folder / f"action_plan_v{number}.xlsx"
    if path.is_file() and hashlib.sha256(path.read_bytes()).hexdigest() == sha:
        return path.relative_to(root).as_posix(), sha
    path = atomic.free_name(path)
    folder.mkdir(parents=True, exist_ok=True)
    atomic.write_bytes(path, data)
    return path.relative_to(root).as_posix(), sha


def record(db: sqlite3.Connection, version: PlanVersion) -> None:
    """Add ``version``; call inside a transaction (:func:`nsm_excel.store.database.transaction`)."""
    db.execute(
        "INSERT INTO plan_versions (number, fingerprint, effective, adopted_at, file, sha256, "
        "note) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (
            version.number,
            version.fingerprint,
            version.effective.isoformat(),
            version.adopted_at,
            version.file,
            version.sha256,
            version.note,
        ),
    )
    audit.append(
        db,
        audit.PLAN_ADOPTED,
        at=version.adopted_at,
        number=version.number,
        effective=version.effective.isoformat(),
        note=version.note,
    )


def copy_path(root: Path, version: PlanVersion) -> Path:
    return root / version.file
