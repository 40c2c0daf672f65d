"""Where feedback workbooks live, and how they change place without being lost.

``outbox/<PERIOD>/feedback/<CODE>_<PERIOD>_feedback.xlsx`` is an institution's current feedback;
when a new one is written, the one it replaces moves to ``feedback/earlier/`` under a name not
yet used, and the records that pointed at it follow it. No workbook is overwritten or deleted,
except one that a killed run wrote and no record holds (the next run writes it again).

Each write and move is noted in the ledger's ``feedback_journal`` before it happens, and the
notes stay until the run's records are written (:func:`settle`). So :func:`recover` knows what a
killed run did: records follow a workbook it moved aside; a workbook it wrote is removed unless a
record holds it, also when the run itself had moved it to ``earlier/`` (a second return of the
same institution in the run); the next run then chooses the same names again.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from pathlib import Path
from typing import Protocol

from nsm_excel.core import file_names
from nsm_excel.store import atomic, database, ledger, stored_paths

WRITE, MOVE = "write", "move"


class Pointing(Protocol):
    """A result of this run, not yet recorded, that may point at a feedback workbook."""

    feedback: str


def current(root: Path, code: str, period: str) -> Path:
    """The institution's feedback; :class:`PathTooLong` when Excel could not open it there."""
    name = file_names.safe(f"{code}_{period}_feedback.xlsx")
    return file_names.check_openable(root / "outbox" / period / "feedback" / name)


def write(db: sqlite3.Connection, root: Path, path: Path, data: bytes) -> str:
    """Write the workbook ``data`` at ``path`` (free: see :func:`retire`); its relative path."""
    relative = _rel(root, path)
    with database.transaction(db):
        _note(db, WRITE, relative)
    atomic.write_bytes(path, data)
    return relative


def retire(
    db: sqlite3.Connection, root: Path, path: Path, stamp: str, pending: Sequence[Pointing]
) -> None:
    """Move the workbook at ``path`` to ``earlier/`` and point its records (and the ``pending``
    results of this run) at its new place. Nothing there: nothing to do."""
    if not path.exists():
        return
    old = _rel(root, path)
    aside = atomic.free_name(path.parent / "earlier" / f"{path.stem}_{stamp}{path.suffix}")
    file_names.check_openable(aside)
    new = _rel(root, aside)
    with database.transaction(db):
        _note(db, MOVE, old, new)
    aside.parent.mkdir(parents=True, exist_ok=True)
    atomic.replace(path, aside, held=path)
    with database.transaction(db):
        ledger.retire_feedback(db, old, new)
    for result in pending:
        if result.feedback == old:
            result.feedback = new


def settle(db: sqlite3.Connection) -> None:
    """The records of a run are written: its feedback workbooks are theirs (call inside the
    transaction that writes them)."""
    db.execute("DELETE FROM feedback_journal")


def recover(db: sqlite3.Connection, root: Path) -> None:
    """Finish what a killed run left: records follow a workbook it moved; a workbook it wrote
    that no record holds is removed, wherever the run had moved it."""
    rows = db.execute("SELECT action, path, target FROM feedback_journal ORDER BY id").fetchall()
    written: set[str] = set()  # where the workbooks the run wrote are now
    for action, path, target in rows:
        if action == WRITE:
            written.add(path)
        elif action == MOVE and (moved := stored_paths.within(root, target)) and moved.exists():
            if path in written:  # the run's own workbook, moved aside for the next one
                written.discard(path)
                written.add(target)
            else:
                with database.transaction(db):
                    ledger.retire_feedback(db, path, target)
    for path in sorted(written):
        file = stored_paths.within(root, path)  # damaged records name no file elsewhere
        if file is not None and not ledger.feedback_in_use(db, path):
            file.unlink(missing_ok=True)
    with database.transaction(db):
        db.execute("DELETE FROM feedback_journal")


def _note(db: sqlite3.Connection, action: str, path: str, target: str | None = None) -> None:
    db.execute(
        "INSERT INTO feedback_journal (action, path, target) VALUES (?, ?, ?)",
        (action, path, target),
    )


def _rel(root: Path, path: Path) -> str:
    return path.relative_to(root).as_posix()
