"""The reporting calendar: every period of the Action Plan years, its deadline and its state.

Rows of the ``periods`` table, made from the rule in ``nsm.toml`` (``[calendar]``) by
:func:`ensure`; every change is a ``period_events`` row (action, parameters, reason, time). What a
change may do is decided in :mod:`nsm_excel.store.period_rules`; this module reads and writes.
Closing a period freezes its facts in ``periods.frozen``: the deadline, the plan version in force,
the returns counted (the latest accepted return of each institution), when, and the how-manyth
closing it is.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from dataclasses import dataclass
from typing import Any

from nsm_excel.core.errors import NsmError
from nsm_excel.core.periods import Period, period_or_raise
from nsm_excel.store import audit, database, period_rules
from nsm_excel.store.config import Config
from nsm_excel.store.period_rules import APPROVED, CLOSED, OPEN, PLANNED, PeriodRefused

__all__ = ["APPROVED", "CLOSED", "OPEN", "PLANNED", "CalendarPeriod", "PeriodRefused"]


@dataclass(frozen=True)
class CalendarPeriod:
    period: Period
    deadline: dt.date
    state: str
    frozen: dict[str, Any] | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "period": self.period.code,
            "deadline": self.deadline.isoformat(),
            "state": self.state,
            "frozen": self.frozen,
        }


@dataclass(frozen=True)
class PeriodEvent:
    period: str
    action: str
    at: str
    reason: str
    params: dict[str, Any]


def _from_row(row: sqlite3.Row) -> CalendarPeriod:
    frozen = json.loads(row["frozen"]) if row["frozen"] else None
    return CalendarPeriod(
        period_or_raise(row["code"]), dt.date.fromisoformat(row["deadline"]), row["state"], frozen
    )


def get(db: sqlite3.Connection, code: str) -> CalendarPeriod | None:
    row = db.execute("SELECT * FROM periods WHERE code = ?", (code,)).fetchone()
    return _from_row(row) if row else None


def all_periods(db: sqlite3.Connection) -> list[CalendarPeriod]:
    """Every period of the calendar, first day first."""
    rows = db.execute("SELECT * FROM periods").fetchall()
    return sorted((_from_row(r) for r in rows), key=lambda c: c.period)


def open_periods(db: sqlite3.Connection) -> list[CalendarPeriod]:
    return [c for c in all_periods(db) if c.state == OPEN]


def default_period(db: sqlite3.Connection) -> CalendarPeriod:
    """The latest open period; :class:`NsmError` saying how to open one when none is."""
    opened = open_periods(db)
    if not opened:
        raise NsmError(
            "no reporting period is open. See the calendar with `nsm period list` and open "
            "one with `nsm period open PERIOD` (e.g. 2026-H1), or name one with --period."
        )
    return opened[-1]


def require(db: sqlite3.Connection, code: str) -> CalendarPeriod:
    """Period ``code`` of the calendar; :class:`NsmError` listing the calendar when absent."""
    found = get(db, code)
    if found is None:
        known = ", ".join(c.period.code for c in all_periods(db)) or "none"
        raise NsmError(
            f"period {code} is not in the calendar (it holds {known}); add its kind to "
            "[calendar] periods or its year to [action_plan] years in nsm.toml."
        )
    return found


def events(db: sqlite3.Connection, code: str | None = None) -> list[PeriodEvent]:
    sql = "SELECT * FROM period_events" + (" WHERE period = ?" if code else "") + " ORDER BY id"
    rows = db.execute(sql, (code,) if code else ()).fetchall()
    return [
        PeriodEvent(r["period"], r["action"], r["at"], r["reason"], json.loads(r["params"] or "{}"))
        for r in rows
    ]


def ensure(
    db: sqlite3.Connection,
    config: Config,
    today: dt.date,
    opening: tuple[Period, dt.date | None] | None = None,
) -> list[str]:
    """Make the calendar from the rule; return the codes added.

    An empty calendar is made whole: in a workspace made before the calendar (``[cycle]``), its
    period opens with its deadline and so does every period with issued templates (the
    migration is recorded as events); in a new one, the latest period ended before ``today``
    opens (or ``opening``: a period and its deadline, given to ``nsm init``). Periods the rule
    gains later are added as planned; no existing row changes.
    """
    if not _missing(db, config, opening):  # the usual case: nothing to write
        return []
    now = _now()
    with database.transaction(db):
        empty = db.execute("SELECT COUNT(*) FROM periods").fetchone()[0] == 0
        added = _missing(db, config, opening)
        issued = {r[0] for r in db.execute("SELECT DISTINCT period FROM issued_templates")}
        opened = _first_open(config, added, issued, today, opening) if empty else {}
        for period in added:
            deadline, source = opened.get(period.code, (config.calendar.deadline(period), ""))
            state = OPEN if source else PLANNED
            _insert(db, period, deadline, state)
            action = "migrated" if source in ("cycle", "templates") else "added"
            params = {"state": state, "deadline": deadline.isoformat()}
            _event(
                db,
                period.code,
                "opened" if source == "init" else action,
                now,
                "",
                params | ({"from": source} if action == "migrated" else {}),
            )
    return [p.code for p in added]


def _missing(
    db: sqlite3.Connection, config: Config, opening: tuple[Period, dt.date | None] | None
) -> list[Period]:
    """The periods the rule (and the issued templates, and ``opening``) give that are not rows."""
    known = {c.period.code for c in all_periods(db)}
    issued = {r[0] for r in db.execute("SELECT DISTINCT period FROM issued_templates")}
    wanted = {p.code: p for p in config.periods()}
    wanted |= {c: p for c in issued if (p := _period(c)) is not None}
    if opening is not None and not known:
        wanted[opening[0].code] = opening[0]
    return sorted(p for code, p in wanted.items() if code not in known)


def _first_open(
    config: Config,
    periods: list[Period],
    issued: set[str],
    today: dt.date,
    opening: tuple[Period, dt.date | None] | None,
) -> dict[str, tuple[dt.date, str]]:
    """The periods a new calendar opens, each with its deadline and why."""
    if config.cycle is not None:
        opened = {
            c: (config.calendar.deadline(p), "templates")
            for p in periods
            if (c := p.code) in issued
        }
        return opened | {config.cycle.period.code: (config.cycle.deadline, "cycle")}
    latest = opening[0] if opening else period_rules.latest_ended(periods, today)
    if latest is None:
        return {}
    deadline = period_rules.opening_deadline(config.calendar.deadline(latest), today)
    if opening is not None and opening[1] is not None:
        deadline = opening[1]
    return {latest.code: (deadline, "init")}


def open_period(
    db: sqlite3.Connection, code: str, deadline: dt.date | None = None, reason: str = ""
) -> CalendarPeriod:
    """Open a planned period (its deadline kept, or ``deadline``)."""
    return _move(db, "open", code, reason, deadline)


def close(
    db: sqlite3.Connection, code: str, reason: str = "", settings: dict[str, Any] | None = None
) -> CalendarPeriod:
    """Close an open period: no more returns counted; its facts frozen (``settings``: those the
    outputs show, :func:`nsm_excel.store.period_close.settings_of`)."""
    return _move(db, "close", code, reason, settings=settings)


def approve(db: sqlite3.Connection, code: str, reason: str = "") -> CalendarPeriod:
    return _move(db, "approve", code, reason)


def reopen(db: sqlite3.Connection, code: str, reason: str) -> CalendarPeriod:
    return _move(db, "reopen", code, reason)


def set_deadline(
    db: sqlite3.Connection, code: str, deadline: dt.date, reason: str = ""
) -> CalendarPeriod:
    with database.transaction(db):
        found = require(db, code)
        period_rules.check_deadline_change(code, found.state, reason)
        db.execute("UPDATE periods SET deadline = ? WHERE code = ?", (deadline.isoformat(), code))
        params = {"from": found.deadline.isoformat(), "to": deadline.isoformat()}
        _event(db, code, "set-deadline", _now(), reason, params)
    return require(db, code)


def _move(
    db: sqlite3.Connection,
    action: str,
    code: str,
    reason: str,
    deadline: dt.date | None = None,
    settings: dict[str, Any] | None = None,
) -> CalendarPeriod:
    with database.transaction(db):
        found = require(db, code)
        state = period_rules.next_state(action, code, found.state, reason)
        now = _now()
        params: dict[str, Any] = {"from": found.state, "to": state}
        frozen = found.frozen if state == APPROVED else None
        if action == "close":
            from nsm_excel.store import period_close  # what closing freezes: only a close

            frozen = period_close.freeze(db, found.period, found.deadline, now, settings)
            params["closing"] = frozen["closing"]
        if deadline is not None:
            params["deadline"] = deadline.isoformat()
        db.execute(
            "UPDATE periods SET state = ?, frozen = ?, deadline = ? WHERE code = ?",
            (
                state,
                json.dumps(frozen, sort_keys=True) if frozen is not None else None,
                (deadline or found.deadline).isoformat(),
                code,
            ),
        )
        _event(db, code, action, now, reason, params)
    return require(db, code)


def _insert(db: sqlite3.Connection, period: Period, deadline: dt.date, state: str) -> None:
    db.execute(
        "INSERT INTO periods (code, first_day, last_day, deadline, state) VALUES (?, ?, ?, ?, ?)",
        (
            period.code,
            period.first.isoformat(),
            period.last.isoformat(),
            deadline.isoformat(),
            state,
        ),
    )


def _event(
    db: sqlite3.Connection, code: str, action: str, at: str, reason: str, params: dict[str, Any]
) -> None:
    db.execute(
        "INSERT INTO period_events (period, action, at, reason, params) VALUES (?, ?, ?, ?, ?)",
        (code, action, at, reason, json.dumps(params, sort_keys=True)),
    )
    audit.append(db, audit.PERIOD + action, period=code, at=at, reason=reason, **params)


def _period(code: str) -> Period | None:
    try:
        return period_or_raise(code)
    except ValueError:
        return None


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
