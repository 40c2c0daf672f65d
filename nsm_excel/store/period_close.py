"""What closing a period freezes beside changing its state (:mod:`nsm_excel.store.calendar`
calls :func:`freeze`).

The facts are everything the period's outputs are made from, so that they come out the same
whatever later happens to ``nsm.toml``, the plan file or the plan versions: the deadline, the
plan version in force (its stored copy under ``plans/``), the returns counted, every file
received for the period, the templates expected, the current returns of the year's other
periods (for the indicators' year figures), the secretariat's decisions on its returns (by id),
the settings the outputs show, when it closed and
the how-manyth closing it is. Publishing the outputs is the stage above
(:mod:`nsm_excel.outputs.publishing`), which the store may not import.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import sqlite3
from typing import Any

from nsm_excel.core.periods import Period, parse_period
from nsm_excel.store import decisions, ledger, plan_versions, register
from nsm_excel.store.config import CalendarRule, Config

SETTINGS = (  # the settings the outputs show
    "strategy_code",
    "strategy_name_sq",
    "strategy_name_en",
    "years",
    "secretariat_name",
    "secretariat_email",
    "secretariat_phone",
)


def freeze(
    db: sqlite3.Connection,
    period: Period,
    deadline: dt.date,
    now: str,
    settings: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """The facts a closing keeps (``settings``: :func:`settings_of` the workspace's config)."""
    code = period.code
    counted = sorted(r.id for r in ledger.current_accepted(db, code) if r.id is not None)
    closings = db.execute(
        "SELECT COUNT(*) FROM period_events WHERE period = ? AND action = 'close'", (code,)
    ).fetchone()[0]
    facts = {
        "deadline": deadline.isoformat(),
        "plan_version": plan_version_in_force(db, period.year),
        "counted": counted,
        "closed_at": now,
        "closing": int(closings) + 1,
        "decided": sorted(d.id for d in decisions.of_period(db, code)),
    }
    return facts | inputs(db, period) | ({"settings": settings} if settings is not None else {})


def inputs(db: sqlite3.Connection, period: Period) -> dict[str, list[Any]]:
    """The records a period's outputs are made from, by id."""
    code = period.code
    year = [
        r.id
        for r in ledger.all_records(db)
        if r.period != code
        and (other := parse_period(r.period or "")) is not None
        and other.year == period.year
        and r.status == ledger.ACCEPTED
        and not r.superseded_by
    ]
    return {
        "issued": sorted(t.template_id for t in register.for_period(db, code) if t.current),
        "received": sorted(r.id for r in ledger.all_records(db, code) if r.id is not None),
        "year_counted": sorted(i for i in year if i is not None),
    }


def fill_missing(
    db: sqlite3.Connection, period: Period, frozen: dict[str, Any], config: Config
) -> dict[str, Any]:
    """``frozen`` with the facts a closing made by an earlier release did not keep, taken now
    and written to the period's row (what it kept is never changed)."""
    found: dict[str, Any] = inputs(db, period) | {"settings": settings_of(config)}
    if frozen.get("plan_version") is None:
        found["plan_version"] = plan_version_in_force(db, period.year)
    missing = {k: v for k, v in found.items() if frozen.get(k) is None}
    if not missing:
        return frozen
    whole = frozen | missing
    db.execute(
        "UPDATE periods SET frozen = ? WHERE code = ?",
        (json.dumps(whole, sort_keys=True), period.code),
    )
    return whole


def settings_of(config: Config) -> dict[str, Any]:
    """The settings the outputs show, as a closing keeps them."""
    kept: dict[str, Any] = {name: getattr(config, name) for name in SETTINGS}
    return kept | {"years": list(config.years), "time_zone": config.calendar.time_zone}


def config_of(settings: dict[str, Any], config: Config) -> Config:
    """``config`` with the settings a closing kept in place of its own."""
    shown = {name: settings[name] for name in SETTINGS if name in settings}
    shown["years"] = tuple(int(y) for y in settings.get("years", config.years))
    rule = CalendarRule(
        config.calendar.periods,
        config.calendar.deadline_days,
        str(settings.get("time_zone", config.calendar.time_zone)),
    )
    return dataclasses.replace(config, **shown, calendar=rule)


def plan_version_in_force(db: sqlite3.Connection, year: int) -> int | None:
    """The number of the adopted plan version in force in ``year`` (None: none adopted)."""
    version = plan_versions.in_force(db, year)
    return None if version is None else int(version.number)
