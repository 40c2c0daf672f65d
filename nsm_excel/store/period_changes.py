"""The edge of the calendar for ``nsm period``: the workspace locked, the records open, the
calendar made from the rule, one change made (:mod:`nsm_excel.store.calendar`)."""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass
from typing import Any

from nsm_excel.store import calendar, database, period_close, published
from nsm_excel.store.lock import workspace_lock
from nsm_excel.store.workspace import Workspace

ACTIONS = ("open", "close", "approve", "reopen", "set-deadline")


@dataclass(frozen=True)
class CalendarListing:
    periods: list[calendar.CalendarPeriod]
    events: list[calendar.PeriodEvent]
    published: dict[str, str]  # a closed period's folder of the outputs its closing published

    def to_dict(self) -> dict[str, Any]:
        return {
            "periods": [p.to_dict() for p in self.periods],
            "events": [e.__dict__ for e in self.events],
            "published": self.published,
        }


def listing(space: Workspace) -> CalendarListing:
    """Every period of the calendar, and every change made to it."""
    with workspace_lock(space.root, "period"), database.connect(space.database) as db:
        calendar.ensure(db, space.config, space.today())
        periods = calendar.all_periods(db)
        return CalendarListing(periods, calendar.events(db), _published(db, periods))


def _published(db: sqlite3.Connection, periods: list[calendar.CalendarPeriod]) -> dict[str, str]:
    found = {}
    for entry in periods:
        closing = (entry.frozen or {}).get("closing")
        if closing is not None and published.of_closing(db, entry.period.code, int(closing)):
            found[entry.period.code] = published.folder(entry.period.code, int(closing))
    return found


def change(
    space: Workspace,
    action: str,
    code: str,
    reason: str = "",
    deadline: dt.date | None = None,
) -> calendar.CalendarPeriod:
    """Make one change to period ``code``: open, close, approve, reopen or set-deadline."""
    with workspace_lock(space.root, "period"), database.connect(space.database) as db:
        calendar.ensure(db, space.config, space.today())
        if action == "open":
            return calendar.open_period(db, code, deadline, reason)
        if action == "close":  # nsm period close also publishes: nsm_excel.outputs.publishing
            return calendar.close(db, code, reason, period_close.settings_of(space.config))
        if action == "approve":
            return calendar.approve(db, code, reason)
        if action == "reopen":
            return calendar.reopen(db, code, reason)
        if deadline is None:
            raise ValueError("set-deadline needs a deadline")
        return calendar.set_deadline(db, code, deadline, reason)
