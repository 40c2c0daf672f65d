"""The history of a range of periods, read from the workspace: the edge of
:mod:`nsm_excel.consolidate.history`.

Each period's figures come as ``nsm consolidate`` makes them (:func:`figures_for`): a closed or
approved period's from its frozen facts only, so a history never changes a published figure.
Periods still planned (never opened) have no returns and are left out; the rows shown are those
of the plan version in force for the last period. What resends changed is not worked out for
them: no output of a history shows it, and it is the larger part of a period's figures.
"""

from __future__ import annotations

import sqlite3

from nsm_excel.consolidate.history import History, Moment
from nsm_excel.consolidate.model import Consolidated
from nsm_excel.core import collector
from nsm_excel.core.errors import NsmError
from nsm_excel.core.periods import Period
from nsm_excel.outputs.period_figures import FROZEN_STATES, figures_for, plan_in_force
from nsm_excel.store import calendar, database
from nsm_excel.store.calendar import PLANNED, CalendarPeriod
from nsm_excel.store.workspace import Workspace


@collector.paused()
def history(
    workspace: Workspace,
    first: Period | None = None,
    last: Period | None = None,
    known: Consolidated | None = None,
) -> History:
    """The periods from ``first`` to ``last`` (default: every period opened so far), in order;
    ``known``: the figures of one of them, already made (not made a second time).

    :class:`NsmError` when ``first`` or ``last`` is not in the calendar, when ``first`` comes
    after ``last``, or when no period of the range was ever opened.
    """
    with database.connect(workspace.database) as db:
        calendar.ensure(db, workspace.config, workspace.today())
        entries = calendar.all_periods(db)
        for wanted in (first, last):
            if wanted is not None:
                calendar.require(db, wanted.code)
        if first is not None and last is not None and last < first:
            raise NsmError(
                f"the range {first.code} to {last.code} ends before it starts: give the earlier "
                "period first (--from) and the later one second (--to)."
            )
        chosen = [
            e
            for e in entries
            if e.state != PLANNED
            and (first is None or e.period >= first)
            and (last is None or e.period <= last)
        ]
        if not chosen:
            span = f"{first.code if first else 'the start'} to {last.code if last else 'the end'}"
            raise NsmError(
                f"no period from {span} was ever opened, so there is nothing to show; open one "
                "with nsm period open PERIOD, or choose periods listed by nsm period list."
            )
        plan = plan_in_force(workspace, db, chosen[-1].period.year)
        closed = {e.period: _kept(workspace, db, e) for e in chosen if _from_facts(e, known)}
    moments = tuple(
        Moment(e.period, e.state, closed.get(e.period) or _figures(workspace, e.period, known))
        for e in chosen
    )
    return History(moments, plan)


def _from_facts(entry: CalendarPeriod, known: Consolidated | None) -> bool:
    """Whether ``entry``'s figures come from its frozen facts (and were not given)."""
    given = known is not None and known.period == entry.period
    return not given and entry.state in FROZEN_STATES and bool(entry.frozen)


def _kept(workspace: Workspace, db: sqlite3.Connection, entry: CalendarPeriod) -> Consolidated:
    """A closed period's figures as :func:`figures_for` gives them, read on the history's own
    connection (no second opening of the records for each period)."""
    from nsm_excel.outputs import frozen  # it can write the outputs again

    workspace.require_plan()
    return frozen.kept(workspace, db, entry, changes=False)  # no output of a history shows them


def _figures(workspace: Workspace, period: Period, known: Consolidated | None) -> Consolidated:
    if known is not None and known.period == period:
        return known
    return figures_for(workspace, period, changes=False)  # no output of a history shows them
