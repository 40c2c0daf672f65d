"""A closed period's outputs made from its frozen facts only (:mod:`nsm_excel.store.period_close`).

The plan is the stored copy of the version the closing froze (checked against its SHA-256), the
deadline, the templates expected, the files received and the returns counted are those the
closing kept, the secretariat's decisions those the closing kept, the settings
shown are its snapshot and the outputs' "made" time is the closing's time, so the same release
makes the same bytes whatever happened since to ``nsm.toml``, the plan file or the plan versions.
Every language gets a master workbook and a summary report.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from nsm_excel.consolidate.consolidation import consolidate
from nsm_excel.consolidate.history import History, Moment
from nsm_excel.consolidate.model import Consolidated
from nsm_excel.core import collector, words
from nsm_excel.core.errors import WorkspaceError
from nsm_excel.outputs import kept_figures
from nsm_excel.outputs.previous import beside
from nsm_excel.plan import stored_plan
from nsm_excel.plan.model import Plan
from nsm_excel.store import (
    calendar,
    decisions,
    figure_records,
    ledger,
    period_close,
    plan_versions,
    register,
    write_journal,
)
from nsm_excel.store.calendar import CalendarPeriod
from nsm_excel.store.config import Config
from nsm_excel.store.ledger import Received
from nsm_excel.store.workspace import Workspace

MASTER, SUMMARY = "master", "summary"


@dataclass(frozen=True)
class Output:
    kind: str  # MASTER or SUMMARY
    language: str
    name: str  # the file's name
    data: bytes

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


@dataclass(frozen=True)
class FrozenOutputs:
    figures: Consolidated
    outputs: tuple[Output, ...]


def file_name(kind: str, period: str, language: str) -> str:
    suffix = "xlsx" if kind == MASTER else "html"
    return f"NSM_{kind}_{period}_{language}.{suffix}"


@collector.paused()
def render(space: Workspace, db: sqlite3.Connection, entry: CalendarPeriod) -> FrozenOutputs:
    """Every output of closed period ``entry`` (its facts complete: ``fill_missing``)."""
    from nsm_excel.outputs import master_workbook, summary_report

    found, plan = figures_and_plan(space, db, entry)
    facts = entry.frozen or {}
    code = entry.period.code
    config = period_close.config_of(facts.get("settings") or {}, space.config)
    made = dt.datetime.fromisoformat(str(facts["closed_at"]))
    extra = beside(space, entry.period, plan)  # the periods before it only
    past = history(space, db, entry, found)
    outputs = []
    for lang in words.languages():
        master = master_workbook.render(found, lang, made, extra.before, extra.passport, past)
        outputs.append(Output(MASTER, lang, file_name(MASTER, code, lang), master))
        html = summary_report.render(found, lang, config, made, extra.before).encode("utf-8")
        outputs.append(Output(SUMMARY, lang, file_name(SUMMARY, code, lang), html))
    return FrozenOutputs(found, tuple(outputs))


def figures(
    space: Workspace, db: sqlite3.Connection, entry: CalendarPeriod, changes: bool = True
) -> Consolidated:
    """The figures of closed period ``entry``, from its frozen facts only (``changes``: with
    what its counted resends changed)."""
    return figures_and_plan(space, db, entry, changes)[0]


def kept(
    space: Workspace, db: sqlite3.Connection, entry: CalendarPeriod, changes: bool = True
) -> Consolidated:
    """:func:`figures`, as kept since they were first made (:mod:`~.kept_figures`); never for
    a release (those are made from the records)."""
    facts = entry.frozen or {}
    config = period_close.config_of(facts.get("settings") or {}, space.config)
    number = facts.get("plan_version")
    version = next((v for v in plan_versions.adopted(db) if v.number == number), None)
    if version is None or not _intact(plan_versions.copy_path(space.root, version), version.sha256):
        return figures(space, db, entry, changes)  # it says what is wrong

    def made() -> Consolidated:
        return figures(space, db, entry, changes)

    return kept_figures.figures(space, db, entry, config, version.sha256, changes, made)


def figures_and_plan(
    space: Workspace, db: sqlite3.Connection, entry: CalendarPeriod, changes: bool = True
) -> tuple[Consolidated, Plan]:
    """The figures of closed period ``entry`` and the frozen plan they come from."""
    facts = entry.frozen or {}
    code = entry.period.code
    config = period_close.config_of(facts.get("settings") or {}, space.config)
    plan = frozen_plan(space, db, code, facts.get("plan_version"), config)
    issued = [t for i in facts.get("issued", []) if (t := register.by_id(db, i)) is not None]
    counted = set(facts.get("counted", []))
    received = set(facts.get("received", []))
    year = set(facts.get("year_counted", []))
    every = figure_records.by_ids(db, received | year)  # those the closing kept, no more
    records = [_as_closed(r, counted) for r in every if r.period == code and r.id in received]
    earlier = [replace(r, superseded_by=None) for r in every if r.id in year]
    deadline = dt.date.fromisoformat(str(facts.get("deadline", entry.deadline.isoformat())))
    zone = config.calendar.time_zone
    decided = decided_by(db, code, received, facts)
    found = consolidate(
        plan, entry.period, deadline, issued, records, earlier, zone, None, decided, changes
    )
    return found, plan


def decided_by(
    db: sqlite3.Connection, period: str, received: set[int], facts: dict[str, Any]
) -> list[decisions.Decision]:
    """The decisions on the period's frozen records its closing kept; a closing made before
    they were kept: those made by its time (a closed period refuses decisions)."""
    every = [d for d in decisions.of_period(db, period) if d.record in received]
    if isinstance(facts.get("decided"), list):
        kept = set(facts["decided"])
        return [d for d in every if d.id in kept]
    until = _moment(str(facts.get("closed_at") or ""))
    return [d for d in every if until is not None and (at := _moment(d.at)) and at <= until]


def _moment(stamp: str) -> dt.datetime | None:
    try:
        moment = dt.datetime.fromisoformat(stamp)
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


def history(
    space: Workspace, db: sqlite3.Connection, entry: CalendarPeriod, found: Consolidated
) -> History:
    """The history a closed period's master shows: the closed and approved periods before it,
    each from its own frozen facts, then the period itself, with the rows of its frozen plan.
    Nothing later and nothing still open counts, so the published master never changes."""
    earlier = [
        Moment(e.period, e.state, figures(space, db, e, changes=False))
        for e in calendar.all_periods(db)
        if e.period < entry.period and e.state in (calendar.CLOSED, calendar.APPROVED) and e.frozen
    ]
    facts = entry.frozen or {}
    config = period_close.config_of(facts.get("settings") or {}, space.config)
    plan = frozen_plan(space, db, entry.period.code, facts.get("plan_version"), config)
    return History((*earlier, Moment(entry.period, entry.state, found)), plan)


def _intact(path: Path, sha256: str) -> bool:
    return path.is_file() and hashlib.sha256(path.read_bytes()).hexdigest() == sha256


def _as_closed(record: Received, counted: set[int]) -> Received:
    """``record`` as it stood at the closing: a counted return current, any other not."""
    if record.id in counted:
        return replace(record, superseded_by=None)
    if record.status == ledger.ACCEPTED and not record.superseded_by:
        return replace(record, superseded_by=record.id)  # not counted: not current
    return record


def frozen_plan(
    space: Workspace, db: sqlite3.Connection, period: str, number: Any, config: Config
) -> Plan:
    """The stored copy of plan version ``number``, as it was adopted."""
    version = next((v for v in plan_versions.adopted(db) if v.number == number), None)
    if version is None:
        raise WorkspaceError(
            f"period {period} was closed with no adopted plan version, so its outputs cannot be "
            f"published yet. Adopt the plan (`nsm plan adopt`); then `nsm consolidate --period "
            f"{period}` publishes them."
        )
    path = plan_versions.copy_path(space.root, version)
    if not _intact(path, version.sha256):
        raise WorkspaceError(
            f"period {period}: the stored copy of plan version {version.number} ({version.file}) "
            "is missing or changed, so the period's outputs cannot be made as they were. Restore "
            "the workspace's plans/ folder from a backup (`nsm restore`)."
        )
    kept_at = stored_plan.kept_path(space.root, path)  # the copy's reading, made once
    with write_journal.journalled(space.root):
        plan = stored_plan.read(path, kept_at, config.years, lambda: _load(path, config.years))
    if plan is None:
        raise WorkspaceError(
            f"period {period}: the stored copy of plan version {version.number} "
            f"({version.file}) cannot be read as a plan; restore plans/ from a backup."
        )
    return plan


def _load(path: Path, years: Sequence[int]) -> Plan | None:
    from nsm_excel.plan.loader import load_plan  # the workbook: openpyxl, pandas, pandera

    return load_plan(path, years).plan
