"""The records of messages: one ``mail`` row per message written or sent to an institution.

A row is made ``drafted`` (written as an ``.eml`` file) or ``sending`` (committed before the
server is spoken to), then marked ``sent`` or ``failed``. A ``sending`` row a later run finds is
a run stopped mid-way: nobody knows whether the server took it, so it becomes ``unknown`` and
is sent again only when asked (``--again``). Facts only: addresses, ids, codes; never a sentence.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

TEMPLATE, REMINDER = "template", "reminder"  # what a message carries
DRAFTED, SENDING, SENT, FAILED, UNKNOWN = "drafted", "sending", "sent", "failed", "unknown"
DONE = (DRAFTED, SENDING, SENT, UNKNOWN)  # a message that may have reached its recipients


@dataclass(frozen=True)
class Mailing:
    period: str
    institution: str
    kind: str
    recipients: tuple[str, ...]
    message_id: str
    state: str
    created_at: str
    updated_at: str = ""
    reason: str = ""  # why a reminder: pending, overdue, rejected
    template_id: str | None = None
    record: int | None = None
    attachment: str = ""
    sha256: str = ""
    file: str = ""
    error: dict[str, Any] = field(default_factory=dict)
    id: int | None = None

    def to_dict(self) -> dict[str, Any]:
        data = dict(self.__dict__)
        data["recipients"] = list(self.recipients)
        return data


def add(db: sqlite3.Connection, mailing: Mailing) -> int:
    """Record ``mailing``; its id. Call inside a transaction, with its audit event."""
    cursor = db.execute(
        "INSERT INTO mail (period, institution, kind, reason, recipients, template_id, record, "
        "attachment, sha256, message_id, file, state, created_at, updated_at, error) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            mailing.period,
            mailing.institution,
            mailing.kind,
            mailing.reason,
            json.dumps(list(mailing.recipients)),
            mailing.template_id,
            mailing.record,
            mailing.attachment,
            mailing.sha256,
            mailing.message_id,
            mailing.file,
            mailing.state,
            mailing.created_at,
            mailing.updated_at or mailing.created_at,
            json.dumps(mailing.error, sort_keys=True),
        ),
    )
    return int(cursor.lastrowid or 0)


def mark(
    db: sqlite3.Connection, mail_id: int, state: str, at: str, error: dict[str, Any] | None = None
) -> None:
    """Move message ``mail_id`` to ``state`` (with the facts of a failure). In a transaction."""
    db.execute(
        "UPDATE mail SET state = ?, updated_at = ?, error = ? WHERE id = ?",
        (state, at, json.dumps(error or {}, sort_keys=True), mail_id),
    )


def of_period(db: sqlite3.Connection, period: str) -> list[Mailing]:
    """Every message of ``period``, oldest first."""
    rows = db.execute("SELECT * FROM mail WHERE period = ? ORDER BY id", (period,)).fetchall()
    return [_from_row(r) for r in rows]


def stalled(db: sqlite3.Connection) -> list[Mailing]:
    """The messages a stopped run left ``sending``."""
    rows = db.execute("SELECT * FROM mail WHERE state = ? ORDER BY id", (SENDING,)).fetchall()
    return [_from_row(r) for r in rows]


def earlier(found: Iterable[Mailing], like: Mailing) -> Mailing | None:
    """The latest of ``found`` that went (or may have gone) to one of the recipients of
    ``like`` with the same content (kind, reason, template, record), if any."""
    wanted = {r.lower() for r in like.recipients}
    same = (like.kind, like.reason, like.template_id, like.record)
    hits = [
        m
        for m in found
        if (m.kind, m.reason, m.template_id, m.record) == same
        and m.state in DONE
        and wanted & {r.lower() for r in m.recipients}
    ]
    return hits[-1] if hits else None


def _from_row(row: sqlite3.Row) -> Mailing:
    data = dict(row)
    try:
        data["recipients"] = tuple(json.loads(data["recipients"]))
        data["error"] = json.loads(data["error"] or "{}")
    except (TypeError, ValueError) as exc:
        raise sqlite3.DataError(f"message {data.get('id')}: {exc}") from exc
    return Mailing(**data)
