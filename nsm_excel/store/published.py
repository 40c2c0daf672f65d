"""The outputs published when a period closed: one ``published`` row per file, kept as it was.

A closing's files are written under ``outbox/<PERIOD>/published/<CLOSING>/`` first and recorded
here afterwards, all in one transaction, so a closing either has every row or none: one without
rows was stopped between its files and its records, and the next run finishes it
(:mod:`nsm_excel.outputs.publishing`). Rows are never changed or removed; a period reopened and
closed again gets rows of a new closing beside the earlier ones.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import PurePosixPath

OUTBOX = "outbox"
FOLDER = "published"  # outbox/<PERIOD>/published/<CLOSING>/
REGENERATED = "regenerated"  # outbox/<PERIOD>/regenerated/<DAY>/


@dataclass(frozen=True)
class Published:
    period: str
    closing: int
    kind: str  # "master" or "summary"
    language: str
    file: str  # relative to the workspace
    sha256: str
    published_at: str

    def to_dict(self) -> dict[str, object]:
        return dict(self.__dict__)


def folder(period: str, closing: int) -> str:
    """Where closing ``closing`` of ``period`` is published, relative to the workspace."""
    return PurePosixPath(OUTBOX, period, FOLDER, str(closing)).as_posix()


def of_closing(db: sqlite3.Connection, period: str, closing: int) -> list[Published]:
    rows = db.execute(
        "SELECT * FROM published WHERE period = ? AND closing = ? ORDER BY kind, language",
        (period, closing),
    ).fetchall()
    return [Published(**dict(r)) for r in rows]


def of_period(db: sqlite3.Connection, period: str) -> list[Published]:
    rows = db.execute(
        "SELECT * FROM published WHERE period = ? ORDER BY closing, kind, language", (period,)
    ).fetchall()
    return [Published(**dict(r)) for r in rows]


def record(db: sqlite3.Connection, files: Iterable[Published]) -> None:
    """Add the rows of one closing; call inside a transaction."""
    db.executemany(
        "INSERT INTO published (period, closing, kind, language, file, sha256, published_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        [
            (f.period, f.closing, f.kind, f.language, f.file, f.sha256, f.published_at)
            for f in files
        ],
    )
