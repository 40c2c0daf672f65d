"""Closing a period and publishing its outputs; making a closed period's outputs again.

``nsm period close`` calls :func:`close_period`: the period closes (its facts frozen, in one
transaction: :mod:`nsm_excel.store.calendar`), then its outputs, made from those facts only
(:mod:`nsm_excel.outputs.frozen`), are written atomically under
``outbox/<PERIOD>/published/<CLOSING>/``, then recorded (``published``, one transaction). A run
stopped after the closing and before the records left a publication half done: the next close
(of any period) or consolidation of the period finishes it, writing what is missing or not yet
recorded and then the records. A published file is never written over.

``nsm consolidate`` on a closed or approved period calls :func:`recheck`: the outputs are made
again and compared with the records of the published files. Identical: nothing is written. A
file that differs (a release changed a layout) gets a regenerated copy in
``outbox/<PERIOD>/regenerated/<DAY>/``, beside the published one, which stays as it is.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import sqlite3
from dataclasses import dataclass, field
from typing import Any

from nsm_excel.consolidate.model import Consolidated
from nsm_excel.outputs import frozen
from nsm_excel.outputs.period_figures import FROZEN_STATES
from nsm_excel.plan import adoption
from nsm_excel.plan import history as plan_history
from nsm_excel.store import atomic, calendar, database, period_close, plan_versions, published
from nsm_excel.store.calendar import CLOSED, CalendarPeriod
from nsm_excel.store.lock import workspace_lock
from nsm_excel.store.published import Published
from nsm_excel.store.workspace import Workspace


@dataclass(frozen=True)
class Publication:
    period: str
    closing: int
    folder: str  # relative to the workspace
    files: tuple[str, ...]
    completed: bool  # True: this run finished a publication a stopped run had begun

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__) | {"files": list(self.files)}


@dataclass(frozen=True)
class Closed:
    period: CalendarPeriod
    publications: tuple[Publication, ...]  # this closing's, and any half-done one finished

    def to_dict(self) -> dict[str, Any]:
        return self.period.to_dict() | {"published": [p.to_dict() for p in self.publications]}


@dataclass
class Recheck:
    """A closed period's outputs made again and compared with the published ones."""

    period: str
    closing: int
    folder: str
    figures: Consolidated
    published: list[Published]
    completed: bool = False  # the publication was half done and this run finished it
    differs: list[str] = field(default_factory=list)  # published files the release makes anew
    regenerated: list[str] = field(default_factory=list)  # the copies written beside them
    restored: list[str] = field(default_factory=list)  # published files missing or changed

    @property
    def identical(self) -> bool:
        return not self.differs

    def to_dict(self) -> dict[str, Any]:
        skip = ("figures", "published")
        head = {k: v for k, v in self.__dict__.items() if k not in skip}
        return head | {"identical": self.identical, "published": [p.file for p in self.published]}


def close_period(space: Workspace, code: str, reason: str = "") -> Closed:
    """Close period ``code`` and publish its outputs (finishing any half-done publication)."""
    with workspace_lock(space.root, "period"), database.connect(space.database) as db:
        calendar.ensure(db, space.config, space.today())
        done = complete_pending(space, db)
        entry = calendar.require(db, code)
        if entry.state == CLOSED and any(p.period == code for p in done):
            return Closed(entry, tuple(done))  # the stopped close of this period, finished
        _first_version(space, db)
        closed = calendar.close(db, code, reason, period_close.settings_of(space.config))
        done.append(publish(space, db, closed))
        return Closed(calendar.require(db, code), tuple(done))


def _first_version(space: Workspace, db: sqlite3.Connection) -> None:
    """A workspace that never adopted its plan adopts the live one, as generating would."""
    if plan_versions.latest(db) is None:
        checked = plan_history.load(space)
        if checked.plan is not None:
            adoption.ensure_first(space, db, checked.plan)


def complete_pending(space: Workspace, db: sqlite3.Connection) -> list[Publication]:
    """Finish every publication a stopped run left half done."""
    return [
        publish(space, db, entry)
        for entry in calendar.all_periods(db)
        if entry.state in FROZEN_STATES and entry.frozen and not _recorded(db, entry)
    ]


def _recorded(db: sqlite3.Connection, entry: CalendarPeriod) -> bool:
    closing = int((entry.frozen or {}).get("closing", 0))
    return bool(published.of_closing(db, entry.period.code, closing))


def publish(
    space: Workspace,
    db: sqlite3.Connection,
    entry: CalendarPeriod,
    made: frozen.FrozenOutputs | None = None,
) -> Publication:
    """Write and record the outputs of closed ``entry`` (nothing when they are recorded)."""
    entry = period_after_fill(space, db, entry)
    facts = entry.frozen or {}
    code, closing = entry.period.code, int(facts["closing"])
    where = published.folder(code, closing)
    rows = published.of_closing(db, code, closing)
    if rows:
        return Publication(code, closing, where, tuple(r.file for r in rows), False)
    made = made or frozen.render(space, db, entry)
    folder = space.root / where
    at = str(facts["closed_at"])
    for output in made.outputs:  # the files first: unrecorded, so not yet published
        path = folder / output.name
        if not path.is_file() or path.read_bytes() != output.data:
            atomic.write_bytes(path, output.data)
    rows = [
        Published(code, closing, o.kind, o.language, f"{where}/{o.name}", o.sha256, at)
        for o in made.outputs
    ]
    with database.transaction(db):
        published.record(db, rows)  # then the records: now they are published
    return Publication(code, closing, where, tuple(r.file for r in rows), True)


def recheck(space: Workspace, entry: CalendarPeriod, today: dt.date) -> Recheck:
    """Make closed ``entry``'s outputs again and compare them with the published files.

    Call under the workspace lock."""
    with database.connect(space.database) as db:
        pending = not _recorded(db, entry)
        made = frozen.render(space, db, period_after_fill(space, db, entry))
        done = publish(space, db, entry, made)
        rows = published.of_closing(db, entry.period.code, done.closing)
    result = Recheck(done.period, done.closing, done.folder, made.figures, rows, pending)
    by_name = {f"{done.folder}/{o.name}": o for o in made.outputs}
    for row in rows:
        output = by_name.get(row.file)
        path = space.root / row.file
        on_disk = hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else ""
        if output is not None and output.sha256 == row.sha256:
            if on_disk != row.sha256:  # the published bytes are known: put them back
                atomic.write_bytes(path, output.data)
                result.restored.append(row.file)
            continue
        result.differs.append(row.file)
        if output is not None:
            again = space.root / published.OUTBOX / done.period / published.REGENERATED
            target = again / today.isoformat() / output.name
            atomic.write_bytes(target, output.data)
            result.regenerated.append(target.relative_to(space.root).as_posix())
    return result


def period_after_fill(
    space: Workspace, db: sqlite3.Connection, entry: CalendarPeriod
) -> CalendarPeriod:
    """``entry`` with the facts an earlier release's closing did not keep filled in."""
    with database.transaction(db):
        facts = period_close.fill_missing(db, entry.period, entry.frozen or {}, space.config)
    return CalendarPeriod(entry.period, entry.deadline, entry.state, facts)
