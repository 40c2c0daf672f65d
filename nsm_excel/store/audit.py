"""The audit log: every event of the cycle, in the order it happened, kept for good.

One ``audit_log`` row per event: when, who (the OS user who ran the command), what (an action
of :data:`ACTIONS`), the period, institution, ledger record and template it concerns, and its
parameters as facts (codes, numbers, reasons as typed), never a rendered sentence. The table is
append-only: SQLite triggers refuse any UPDATE or DELETE, so no command can rewrite history.

A workspace made before the log gains, once, the events its records already held (templates
issued and withdrawn, files received and judged, calendar changes, plan adoptions), without a
``by``. Write an event inside the transaction that makes the change it tells of, so the two
are recorded together or not at all.
"""

from __future__ import annotations

import datetime as dt
import getpass
import json
import sqlite3
from dataclasses import dataclass, field
from typing import Any

# The actions of the log. Calendar changes are "period-" + the calendar's own action
# (period-opened, period-added, period-migrated, period-open, period-close, period-approve,
# period-reopen, period-set-deadline).
ISSUED, WITHDRAWN = "issued", "withdrawn"  # a template made, or taken back
SENT, SEND_FAILED, SEND_UNKNOWN = "sent", "send-failed", "send-unknown"  # a message's fate
DRAFTED = "drafted"  # a message written as an .eml file for the secretariat to send
REMINDED = "reminded"  # a reminder written or sent
RECEIVED, JUDGED = "received", "judged"  # a file entered the inbox; its verdict
DECIDED = "decided"  # the secretariat's decision on a return (accept, return, merge)
PLAN_ADOPTED = "plan-adopted"
PERIOD = "period-"  # prefix of the calendar's changes
ACTIONS = (
    ISSUED,
    WITHDRAWN,
    DRAFTED,
    SENT,
    SEND_FAILED,
    SEND_UNKNOWN,
    REMINDED,
    RECEIVED,
    JUDGED,
    DECIDED,
    PLAN_ADOPTED,
)


@dataclass(frozen=True)
class Event:
    """One event of the log, as recorded."""

    id: int
    at: str
    by: str
    action: str
    period: str | None = None
    institution: str | None = None
    record: int | None = None
    template_id: str | None = None
    params: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "at": self.at,
            "by": self.by,
            "action": self.action,
            "period": self.period,
            "institution": self.institution,
            "record": self.record,
            "template_id": self.template_id,
            "params": self.params,
        }


def os_user() -> str:
    """Who runs the command: the operating system's user name ('' when the system has none)."""
    try:
        return getpass.getuser()
    except (OSError, KeyError, ImportError):  # no user name in the environment nor the system
        return ""


def now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def append(
    db: sqlite3.Connection,
    action: str,
    *,
    period: str | None = None,
    institution: str | None = None,
    record: int | None = None,
    template_id: str | None = None,
    at: str | None = None,
    by: str | None = None,
    **params: Any,
) -> int:
    """Add one event (now, by the OS user unless given); returns its id. ``action`` is one of
    :data:`ACTIONS` or a calendar change (``period-`` + its action)."""
    if action not in ACTIONS and not action.startswith(PERIOD):
        raise ValueError(f"unknown audit action {action!r}")
    cursor = db.execute(
        "INSERT INTO audit_log (at, by, action, period, institution, record, template_id, "
        "params) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (
            at or now(),
            os_user() if by is None else by,
            action,
            period,
            institution,
            record,
            template_id,
            json.dumps(params, ensure_ascii=False, sort_keys=True, default=str),
        ),
    )
    return int(cursor.lastrowid or 0)


def events(
    db: sqlite3.Connection,
    period: str | None = None,
    institution: str | None = None,
    record: int | None = None,
) -> list[Event]:
    """The events, oldest first, of ``period``, ``institution`` and ``record`` when given."""
    where, args = [], []
    for column, value in (("period", period), ("institution", institution), ("record", record)):
        if value is not None:
            where.append(f"{column} = ?")
            args.append(value)
    sql = "SELECT * FROM audit_log" + (" WHERE " + " AND ".join(where) if where else "")
    return [_from_row(r) for r in db.execute(sql + " ORDER BY id", args).fetchall()]


def _from_row(row: sqlite3.Row) -> Event:
    try:
        params = json.loads(row["params"] or "{}")
    except ValueError:
        params = {}
    return Event(
        row["id"],
        row["at"] or "",
        row["by"] or "",
        row["action"],
        row["period"],
        row["institution"],
        row["record"],
        row["template_id"],
        params if isinstance(params, dict) else {},
    )
