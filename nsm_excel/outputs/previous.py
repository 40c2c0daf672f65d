"""What a period's outputs show beside its own figures: the previous period's key figures and
the passport of the plan's indicators, read from the workspace.

The previous period is the one just before in the history read up to this period
(:func:`nsm_excel.outputs.history_read.history`), so a period's outputs rest only on it and the
periods before it; a closed previous period's figures come from its frozen facts.
"""

from __future__ import annotations

from dataclasses import dataclass

from nsm_excel.consolidate.history import History
from nsm_excel.consolidate.model import Overview
from nsm_excel.consolidate.passport import PassportLine, passport
from nsm_excel.core.periods import Period
from nsm_excel.plan.model import Plan
from nsm_excel.store import calendar, database
from nsm_excel.store.calendar import PLANNED
from nsm_excel.store.workspace import Workspace


@dataclass(frozen=True)
class Beside:
    before: Overview | None  # the previous period's key figures; None for the first period
    passport: tuple[PassportLine, ...]


def beside(
    workspace: Workspace, period: Period, plan: Plan, history: History | None = None
) -> Beside:
    """The previous period's overview of ``period`` and the passport of ``plan``; taken from
    ``history`` when it is the history read up to ``period``, with no second reading."""
    if history is not None and history.periods and history.periods[-1] == period:
        moment = history.previous(period)
        before = moment.figures.overview if moment is not None else None
        return Beside(before, passport(plan))
    return Beside(previous_overview(workspace, period), passport(plan))


def previous_overview(workspace: Workspace, period: Period) -> Overview | None:
    """The key figures of the period opened just before ``period`` (None: it is the first)."""
    from nsm_excel.outputs.history_read import history  # it reads figures as reports do

    with database.connect(workspace.database, backup=False) as db:
        calendar.ensure(db, workspace.config, workspace.today())
        earlier = [e for e in calendar.all_periods(db) if e.state != PLANNED and e.period < period]
    if not earlier:
        return None
    found = history(workspace, earlier[-1].period, earlier[-1].period)
    moment = found.previous(period)
    return moment.figures.overview if moment is not None else None
