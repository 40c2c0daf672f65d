"""What closing a period does beside changing its state: the facts it freezes, and the hook
where the period's outputs are published (:mod:`nsm_excel.store.calendar` calls both)."""

from __future__ import annotations

import datetime as dt
import sqlite3
from typing import Any

from nsm_excel.core.periods import Period
from nsm_excel.store import ledger, plan_versions


def freeze(db: sqlite3.Connection, period: Period, deadline: dt.date, now: str) -> dict[str, Any]:
    """The facts a closing keeps: deadline, plan version in force, returns counted, when, which."""
    code = period.code
    counted = sorted(r.id for r in ledger.current_accepted(db, code) if r.id is not None)
    closings = db.execute(
        "SELECT COUNT(*) FROM period_events WHERE period = ? AND action = 'close'", (code,)
    ).fetchone()[0]
    return {
        "deadline": deadline.isoformat(),
        "plan_version": plan_version_in_force(db, period.year),
        "counted": counted,
        "closed_at": now,
        "closing": int(closings) + 1,
    }


def plan_version_in_force(db: sqlite3.Connection, year: int) -> int | None:
    """The number of the adopted plan version in force in ``year`` (None: none adopted)."""
    version = plan_versions.in_force(db, year)
    return None if version is None else int(version.number)


def publish_at_close(db: sqlite3.Connection, code: str) -> None:
    """Where the outputs of a period are published when it closes (stored as they were).

    Nothing is published yet: the ``published`` table waits for the stage that writes them.
    """
