"""The secretariat's decisions on returns: what was decided on which record, by whom, and why.

One ``decisions`` row per decision, kept for good (the records refuse a change or a deletion):
its kind (:data:`KINDS`), the ledger record it is about, when, who (the OS user), the reason as
typed, and its facts as JSON (the record it made, the cells it settled, ...). :func:`record`
also writes the ``decided`` event of the audit log; call it inside the transaction that carries
the decision out, so both are kept or neither.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field
from typing import Any

from nsm_excel.store import audit

ACCEPT, RETURN, MERGE = "accept", "return", "merge"
KINDS = (ACCEPT, RETURN, MERGE)


@dataclass(frozen=True)
class Decision:
    id: int
    record: int
    kind: str
    at: str
    by: str
    reason: str
    params: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "record": self.record,
            "kind": self.kind,
            "at": self.at,
            "by": self.by,
            "reason": self.reason,
            "params": self.params,
        }


def record(
    db: sqlite3.Connection,
    record_id: int,
    kind: str,
    reason: str,
    *,
    period: str | None = None,
    institution: str | None = None,
    **params: Any,
) -> Decision:
    """Keep a decision on ledger record ``record_id`` and its audit event; returns it."""
    if kind not in KINDS:
        raise ValueError(f"unknown decision {kind!r}")
    at, by = audit.now(), audit.os_user()
    facts = json.dumps(params, ensure_ascii=False, sort_keys=True, default=str)
    cursor = db.execute(
        "INSERT INTO decisions (record, kind, at, by, reason, params) VALUES (?, ?, ?, ?, ?, ?)",
        (record_id, kind, at, by, reason, facts),
    )
    audit.append(
        db,
        audit.DECIDED,
        period=period,
        institution=institution,
        record=record_id,
        at=at,
        by=by,
        decision=kind,
        reason=reason,
        **params,
    )
    return Decision(int(cursor.lastrowid or 0), record_id, kind, at, by, reason, params)


def of_record(db: sqlite3.Connection, record_id: int) -> list[Decision]:
    """The decisions on one record, oldest first."""
    rows = db.execute("SELECT * FROM decisions WHERE record = ? ORDER BY id", (record_id,))
    return [_from_row(r) for r in rows.fetchall()]


def of_period(db: sqlite3.Connection, period: str) -> list[Decision]:
    """The decisions on the records of ``period``, oldest first."""
    rows = db.execute(
        "SELECT d.* FROM decisions AS d JOIN received AS r ON r.id = d.record "
        "WHERE r.period = ? ORDER BY d.id",
        (period,),
    )
    return [_from_row(r) for r in rows.fetchall()]


def _from_row(row: sqlite3.Row) -> Decision:
    try:
        params = json.loads(row["params"] or "{}")
    except ValueError:
        params = {}
    return Decision(
        row["id"],
        row["record"],
        row["kind"],
        row["at"],
        row["by"] or "",
        row["reason"] or "",
        params if isinstance(params, dict) else {},
    )


def sent_back(db: sqlite3.Connection, record_id: int) -> None:
    """An accepted return sent back by the secretariat counts no more: its row becomes a
    rejection (the decision row keeps why). Call in the decision's transaction."""
    db.execute("UPDATE received SET status = 'rejected' WHERE id = ?", (record_id,))


def point_feedback(db: sqlite3.Connection, record_id: int, path: str) -> None:
    """The record's feedback is now the workbook written for the decision."""
    db.execute("UPDATE received SET feedback_path = ? WHERE id = ?", (path, record_id))


def later_records(db: sqlite3.Connection, record_id: int) -> list[int]:
    """The records of the same institution and period received after ``record_id`` (no
    duplicates): a decision on it would come too late."""
    rows = db.execute(
        "SELECT o.id FROM received AS r JOIN received AS o ON o.institution = r.institution "
        "AND o.period = r.period AND o.id != r.id AND o.status != 'duplicate' "
        "AND (o.received_at > r.received_at OR (o.received_at = r.received_at AND o.id > r.id)) "
        "WHERE r.id = ? ORDER BY o.received_at, o.id",
        (record_id,),
    )
    return [int(r[0]) for r in rows.fetchall()]
