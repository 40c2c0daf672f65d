"""The consolidated figures of a period, as ``nsm consolidate`` and ``nsm status`` use them.

Apart from the writing of the outputs (:mod:`nsm_excel.outputs.reports`) so that ``nsm status``
computes them without importing a spreadsheet library: the plan in force comes from the kept
reading of its stored copy (:mod:`nsm_excel.plan.stored_plan`) whenever the live plan file is
that copy byte for byte; only otherwise is the live workbook read (and checked).
"""

from __future__ import annotations

import sqlite3
from dataclasses import replace

from nsm_excel.consolidate.consolidation import consolidate
from nsm_excel.consolidate.consolidation import overview_and_lines as lines_of
from nsm_excel.consolidate.model import Consolidated, InstitutionLine, Overview
from nsm_excel.core.periods import Period
from nsm_excel.plan import stored_plan
from nsm_excel.plan.model import Plan
from nsm_excel.store import calendar, database, decisions, figure_records, ledger, register
from nsm_excel.store.workspace import Workspace

FROZEN_STATES = (calendar.CLOSED, calendar.APPROVED)  # their figures come from frozen facts


def figures_for(
    workspace: Workspace, period: Period, backup: bool = False, changes: bool = True
) -> Consolidated:
    """The consolidated figures of ``period`` from the plan version in force on 1 January of
    its year, the register and the ledger; a closed period's from its frozen facts only, as
    kept since they were first made (:mod:`nsm_excel.outputs.kept_figures`).

    ``backup``: copy the records to ``backups/`` first, as a command that writes does.
    ``changes``: list what the counted resends changed (a history's periods leave it out).
    """
    return _made(workspace, period, backup, changes, kept=True)[0]


def figures_and_plan(
    workspace: Workspace, period: Period, backup: bool = False, changes: bool = True
) -> tuple[Consolidated, Plan]:
    """:func:`figures_for` and the plan version they come from (a closed period's made from
    its facts, never the kept ones)."""
    found, plan = _made(workspace, period, backup, changes, kept=False)
    assert plan is not None  # made, not kept
    return found, plan


def _made(
    workspace: Workspace, period: Period, backup: bool, changes: bool, kept: bool
) -> tuple[Consolidated, Plan | None]:
    workspace.require_plan()
    with database.connect(workspace.database, backup=backup) as db:
        calendar.ensure(db, workspace.config, workspace.today())
        entry = calendar.require(db, period.code)
        if entry.state in FROZEN_STATES and entry.frozen:
            from nsm_excel.outputs import frozen  # it can write the outputs again

            if kept:
                return frozen.kept(workspace, db, entry, changes), None
            return frozen.figures_and_plan(workspace, db, entry, changes)
        issued = [t for t in register.for_period(db, period.code) if t.current]
        # before the plan: damaged records leave nothing kept
        every = figure_records.for_figures(db, period.code, period.year)
        decided = decisions.of_period(db, period.code)
        plan = plan_in_force(workspace, db, period.year)
    records = [r for r in every if r.period == period.code]
    earlier = [r for r in every if r.period != period.code]
    zone = workspace.config.calendar.time_zone
    made = consolidate(
        plan, period, entry.deadline, issued, records, earlier, zone, None, decided, changes
    )
    if not made.orphans:
        return made, plan
    dropped = dropped_in(workspace, {(o.sheet, o.code) for o in made.orphans})
    orphans = tuple(replace(o, dropped_in=dropped.get((o.sheet, o.code))) for o in made.orphans)
    return replace(made, orphans=orphans), plan


def overview_and_lines(
    workspace: Workspace, period: Period
) -> tuple[Overview, tuple[InstitutionLine, ...]]:
    """The overview and the institutions' lines of :func:`figures_for`, as ``nsm status``
    shows them: an open period's read from its own records only, with nothing else made."""
    workspace.require_plan()
    with database.connect(workspace.database, backup=False) as db:
        calendar.ensure(db, workspace.config, workspace.today())
        entry = calendar.require(db, period.code)
        if not (entry.state in FROZEN_STATES and entry.frozen):
            issued = [t for t in register.for_period(db, period.code) if t.current]
            records = ledger.all_records(db, period.code)  # before the plan, as above
            plan = plan_in_force(workspace, db, period.year)
            zone = workspace.config.calendar.time_zone
            return lines_of(plan, period, entry.deadline, issued, records, zone)
    made = figures_for(workspace, period)
    return made.overview, made.institutions


def plan_in_force(workspace: Workspace, db: sqlite3.Connection, year: int) -> Plan:
    """The plan in force in ``year``: the kept reading of its stored copy when the live file
    is that copy, else read from the live file (it refuses edits that move accepted answers,
    and gives version 1 to a workspace that has none)."""
    kept = stored_plan.copy_in_force(workspace, db, year)
    if kept is not None:
        return kept
    from nsm_excel.plan import adoption  # reads workbooks: only when the live file changed
    from nsm_excel.plan import history as plan_history

    return adoption.in_force(workspace, db, plan_history.load(workspace), year)


def dropped_in(workspace: Workspace, wanted: set[tuple[str, str]]) -> dict[tuple[str, str], int]:
    """The adopted plan version that dropped each (sheet, code) of ``wanted``: the first one
    without it after one that had it (read from the stored copies)."""
    found: dict[tuple[str, str], int] = {}
    from nsm_excel.plan import adoption

    had: set[tuple[str, str]] = set()
    for version in adoption.versions(workspace):
        plan = stored_plan.version_plan(workspace, version)
        have = {("Measures", m.code) for m in plan.measures}
        have |= {("Indicators", i.code) for i in plan.indicators}
        for key in wanted & had - have:
            found.setdefault(key, version.number)
        had = have
    return found
