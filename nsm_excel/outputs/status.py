"""``nsm status``: who has returned what, for each open period (or one), knowing the clock.

Each expected institution is on time or late (its first accepted return, received on or before
the deadline or after it), rejected (and why), returned by the secretariat (its latest return
sent back, with the comment), or, with nothing received: pending before the
deadline, overdue after it. Days are judged in the workspace's time zone.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import Any

from nsm_excel.consolidate.model import MISSING, REJECTED_ONLY, InstitutionLine, Overview
from nsm_excel.core.periods import Period
from nsm_excel.outputs.state_words import state_word as state_word  # its home before
from nsm_excel.store import calendar, database, decisions, ledger, merges
from nsm_excel.store.workspace import Workspace

PENDING, OVERDUE = "pending", "overdue"  # nothing received yet: before and after the deadline
RETURNED = "returned"  # its latest return was sent back by the secretariat (nsm decide return)


@dataclass(frozen=True)
class PeriodStatus:
    state: str  # of the period in the calendar
    overview: Overview
    institutions: tuple[InstitutionLine, ...]
    decided: tuple[
        tuple[str, decisions.Decision], ...
    ] = ()  # (institution, decision), oldest first
    unsettled: tuple[tuple[str, int, int], ...] = ()  # (institution, record, open cells)
    latest: tuple[tuple[str, int], ...] = ()  # (institution, its latest record of the period)

    def to_dict(self) -> dict[str, Any]:
        institutions = [i.to_dict() for i in self.institutions]
        head = {"state": self.state}
        made = [d.to_dict() | {"institution": code} for code, d in self.decided]
        tail: dict[str, Any] = {"decisions": made} if made else {}
        if self.unsettled:
            tail["unsettled"] = [
                {"institution": code, "record": record, "cells": cells}
                for code, record, cells in self.unsettled
            ]
        records = dict(self.latest)
        for line in institutions:
            if line["code"] in records:
                line["record"] = records[line["code"]]
        return head | self.overview.to_dict() | {"institutions": institutions} | tail

    def record_of(self, code: str) -> int | None:
        """The number of the latest file received from ``code`` for the period, if any."""
        return dict(self.latest).get(code)

    def unsettled_of(self, code: str) -> tuple[int, int] | None:
        """The record of ``code`` whose two copies differ in cells not yet settled, and how many."""
        return next(((r, n) for c, r, n in self.unsettled if c == code), None)

    def decisions_of(self, code: str) -> list[decisions.Decision]:
        return [d for institution, d in self.decided if institution == code]


@dataclass(frozen=True)
class StatusResult:
    periods: tuple[PeriodStatus, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"periods": [p.to_dict() for p in self.periods]}


def submission_status(
    workspace: Workspace, period: Period | None = None, today: dt.date | None = None
) -> StatusResult:
    """Each expected institution of ``period`` (default: every open period), as of ``today``."""
    today = today or workspace.today()
    with database.connect(workspace.database, backup=False) as db:
        calendar.ensure(db, workspace.config, today)
        if period is not None:
            chosen = [calendar.require(db, period.code)]
        else:
            chosen = calendar.open_periods(db) or [calendar.default_period(db)]
        made = {entry.period.code: _decided(db, entry.period.code) for entry in chosen}
        open_cells = {entry.period.code: _unsettled(db, entry.period.code) for entry in chosen}
        latest = {entry.period.code: _latest(db, entry.period.code) for entry in chosen}
        back = {code: _returned(db, code, found) for code, found in latest.items()}
    return StatusResult(
        tuple(
            _sent_back(
                replace(
                    _one(workspace, e, today),
                    decided=made[e.period.code],
                    unsettled=open_cells[e.period.code],
                    latest=latest[e.period.code],
                ),
                back,
            )
            for e in chosen
        )
    )


def _unsettled(db: Any, period: str) -> tuple[tuple[str, int, int], ...]:
    """Each counted return of ``period`` merged from two copies with cells still to settle."""
    found = []
    for record in ledger.current_accepted(db, period):
        cells = [c for c in merges.conflicts(db, record) if not c.taken]
        if cells and record.institution and record.id:
            found.append((record.institution, record.id, len(cells)))
    return tuple(found)


def _latest(db: Any, period: str) -> tuple[tuple[str, int], ...]:
    """Each institution's latest record of ``period`` (a duplicate is no new return)."""
    latest: dict[str, int] = {}
    for record in ledger.all_records(db, period):
        if record.institution and record.id and record.status != ledger.DUPLICATE:
            latest[record.institution] = max(latest.get(record.institution, 0), record.id)
    return tuple(sorted(latest.items()))


def _returned(db: Any, period: str, latest: tuple[tuple[str, int], ...]) -> set[str]:
    """The institutions whose latest return of ``period`` (``latest``) the secretariat sent
    back."""
    back = {d.record for d in decisions.of_period(db, period) if d.kind == decisions.RETURN}
    return {code for code, record in latest if record in back}


def _sent_back(status: PeriodStatus, back: dict[str, set[str]]) -> PeriodStatus:
    codes = back.get(status.overview.period, set())
    lines = tuple(
        replace(line, state=RETURNED)
        if line.state == REJECTED_ONLY and line.code in codes
        else line
        for line in status.institutions
    )
    return replace(status, institutions=lines)


def _decided(db: Any, period: str) -> tuple[tuple[str, decisions.Decision], ...]:
    """The secretariat's decisions on the period's returns, each with its institution."""
    found = []
    for decision in decisions.of_period(db, period):
        record = ledger.by_id(db, decision.record)
        found.append(((record.institution if record else "") or "", decision))
    return tuple(found)


def _one(workspace: Workspace, entry: calendar.CalendarPeriod, today: dt.date) -> PeriodStatus:
    from nsm_excel.outputs.period_figures import overview_and_lines

    overview, institutions = overview_and_lines(workspace, entry.period)
    late = today > entry.deadline
    lines = tuple(
        replace(line, state=OVERDUE if late else PENDING) if line.state == MISSING else line
        for line in institutions
    )
    return PeriodStatus(entry.state, overview, lines)


def without_return(workspace: Workspace, period: Period, today: dt.date | None = None) -> list[str]:
    """The codes of the institutions expected for ``period`` that have no accepted return."""
    found = submission_status(workspace, period, today)
    return [line.code for p in found.periods for line in p.institutions if line.state in SILENT]


SILENT = (PENDING, OVERDUE, MISSING, REJECTED_ONLY, RETURNED)
