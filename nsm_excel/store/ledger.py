"""The ledger: every file that entered the inbox, what it was and what became of it.

Records are never deleted. A resubmission supersedes the earlier accepted return of the same
institution and period (both stay); the same content sent again is recorded as a duplicate.

Each issue of a file is kept as facts (code, severity, place, parameters), never as the sentence
shown: :func:`nsm_excel.core.issues.shown` renders it in the language asked for. Issues recorded
before the ledger kept facts hold the text they were stored with, and are shown as stored.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from nsm_excel.store import accepted_shape, audit, ledger_issues

ACCEPTED, REJECTED, DUPLICATE = "accepted", "rejected", "duplicate"


@dataclass(frozen=True)
class Received:
    """One file as recorded."""

    sha256: str
    original_name: str
    size: int
    received_at: str
    processed_at: str
    status: str
    archive_path: str
    errors: int = 0
    warnings: int = 0
    issues: list[dict[str, Any]] = field(default_factory=list)
    template_id: str | None = None
    institution: str | None = None
    period: str | None = None
    version: int | None = None
    accepted_values: dict[str, Any] | None = None
    feedback_path: str | None = None
    duplicate_of: int | None = None
    superseded_by: int | None = None
    id: int | None = None
    inbox_removed: int = 0
    reporter: dict[str, str] | None = None  # the Cover's reporter_name, reporter_email as typed


_COLUMNS = (
    "sha256, original_name, size, received_at, processed_at, status, template_id, institution, "
    "period, version, errors, warnings, accepted_values, archive_path, feedback_path, "
    "duplicate_of, reporter"
)


def from_rows(connection: sqlite3.Connection, rows: list[sqlite3.Row]) -> list[Received]:
    """Records with their issues, read in one query rather than one per record."""
    # records not yet upgraded hold their issues (read only: doctor, backups); Row's `in` is values
    if not rows or "issues" in rows[0].keys():  # noqa: SIM118
        return [_from_row(r, None) for r in rows]
    try:
        issues = ledger_issues.issues_of_all(connection, (r["id"] for r in rows))
    except (TypeError, ValueError) as exc:  # reported as damaged records by database.connect
        raise sqlite3.DataError(f"the issues of the ledger's records: {exc}") from exc
    return [_from_row(r, issues[r["id"]]) for r in rows]


def _from_row(row: sqlite3.Row, issues: list[dict[str, Any]] | None) -> Received:
    data = dict(row)
    try:
        upgraded = issues is not None
        data["issues"] = issues if upgraded else ledger_issues.former_issues(data["issues"])
        data["accepted_values"] = json.loads(data["accepted_values"] or "null")
        data["reporter"] = json.loads(data.get("reporter") or "null")
        if not isinstance(data["reporter"], dict | None):
            raise ValueError("its reporter is not a name and an e-mail")
        accepted_shape.check(data["accepted_values"])
    except (TypeError, ValueError) as exc:  # reported as damaged records by database.connect
        raise sqlite3.DataError(f"record {data.get('id')} of the ledger: {exc}") from exc
    return Received(**data)


def first_seen(
    connection: sqlite3.Connection, sightings: Iterable[tuple[str, str, str]]
) -> dict[tuple[str, str], str]:
    """Record (sha256, name, now) sightings not seen before; the first-seen time of each."""
    pairs = list(sightings)
    connection.executemany(
        "INSERT OR IGNORE INTO sightings (sha256, name, first_seen) VALUES (?, ?, ?)", pairs
    )
    found = {}
    for sha, name, _ in pairs:
        row = connection.execute(
            "SELECT first_seen FROM sightings WHERE sha256 = ? AND name = ?", (sha, name)
        ).fetchone()
        found[(sha, name)] = row[0]
    return found


def by_hash(connection: sqlite3.Connection, sha256: str) -> Received | None:
    """The first record of this content, if it was received before."""
    row = connection.execute(
        "SELECT * FROM received WHERE sha256 = ? ORDER BY id LIMIT 1", (sha256,)
    ).fetchone()
    return from_rows(connection, [row])[0] if row else None


def by_id(connection: sqlite3.Connection, record_id: int) -> Received | None:
    row = connection.execute("SELECT * FROM received WHERE id = ?", (record_id,)).fetchone()
    return from_rows(connection, [row])[0] if row else None


def last_judged(connection: sqlite3.Connection, sha256: str) -> Received | None:
    """The latest judgement of this content (a duplicate is no judgement), if any."""
    row = connection.execute(
        "SELECT * FROM received WHERE sha256 = ? AND status != ? ORDER BY id DESC LIMIT 1",
        (sha256, DUPLICATE),
    ).fetchone()
    return from_rows(connection, [row])[0] if row else None


def rejected_for(connection: sqlite3.Connection, codes: Iterable[str]) -> list[Received]:
    """Each content whose latest judgement is a rejection carrying one of ``codes``."""
    wanted = sorted(codes)
    marks = ", ".join("?" for _ in wanted)
    rows = connection.execute(
        f"SELECT r.* FROM received AS r WHERE r.status = ? AND r.inbox_removed = 1 "
        f"AND EXISTS (SELECT 1 FROM received_issues AS i WHERE i.received_id = r.id "
        f"AND i.code IN ({marks})) AND r.id = (SELECT MAX(o.id) FROM received AS o "
        "WHERE o.sha256 = r.sha256 AND o.status != ?) ORDER BY r.id",
        (REJECTED, *wanted, DUPLICATE),
    ).fetchall()
    return from_rows(connection, rows)


def record(connection: sqlite3.Connection, item: Received, arrived: bool = True) -> int:
    """Insert ``item``; an accepted return supersedes the earlier accepted one. Returns its id.

    ``arrived=False``: a record made from a file already recorded (a decision on it), so the
    log tells its verdict, not a second arrival."""
    values = (
        item.sha256,
        item.original_name,
        item.size,
        item.received_at,
        item.processed_at,
        item.status,
        item.template_id,
        item.institution,
        item.period,
        item.version,
        item.errors,
        item.warnings,
        json.dumps(item.accepted_values, ensure_ascii=False, default=str),
        item.archive_path,
        item.feedback_path,
        item.duplicate_of,
        json.dumps(item.reporter, ensure_ascii=False) if item.reporter else None,
    )
    cursor = connection.execute(
        f"INSERT INTO received ({_COLUMNS}) VALUES ({', '.join('?' * len(values))})", values
    )
    new_id = int(cursor.lastrowid or 0)
    ledger_issues.record_issues(connection, new_id, item.issues)
    if item.status == ACCEPTED:
        _supersede(connection, item, new_id)
    _tell(connection, item, new_id, arrived)
    return new_id


def _tell(connection: sqlite3.Connection, item: Received, new_id: int, arrived: bool) -> None:
    """The audit log's events of a file recorded: it was received, and how it was judged."""
    where: dict[str, Any] = {"period": item.period, "institution": item.institution}
    where |= {"record": new_id, "template_id": item.template_id}
    if arrived:
        audit.append(
            connection, audit.RECEIVED, **where, at=item.processed_at, name=item.original_name,
            sha256=item.sha256, size=item.size, received_at=item.received_at,
        )  # fmt: skip
    audit.append(
        connection, audit.JUDGED, **where, at=item.processed_at, status=item.status,
        errors=item.errors, warnings=item.warnings, duplicate_of=item.duplicate_of,
    )  # fmt: skip


def _supersede(connection: sqlite3.Connection, item: Received, new_id: int) -> None:
    """The return received last is the current one, whatever order the runs took them in."""
    later = connection.execute(
        "SELECT id FROM received WHERE institution = ? AND period = ? AND status = ? "
        "AND superseded_by IS NULL AND id != ? AND received_at > ? ORDER BY received_at LIMIT 1",
        (item.institution, item.period, ACCEPTED, new_id, item.received_at),
    ).fetchone()
    if later is not None:  # an older file processed late: superseded on arrival
        connection.execute("UPDATE received SET superseded_by = ? WHERE id = ?", (later[0], new_id))
        return
    connection.execute(
        "UPDATE received SET superseded_by = ? WHERE institution = ? AND period = ? "
        "AND status = ? AND superseded_by IS NULL AND id != ?",
        (new_id, item.institution, item.period, ACCEPTED, new_id),
    )


def retire_feedback(connection: sqlite3.Connection, old: str, new: str) -> None:
    """Records that pointed at a feedback file now moved aside point at its new place."""
    connection.execute("UPDATE received SET feedback_path = ? WHERE feedback_path = ?", (new, old))


def feedback_in_use(connection: sqlite3.Connection, path: str) -> bool:
    """Whether a record points at the feedback file ``path`` (relative to the workspace)."""
    row = connection.execute(
        "SELECT 1 FROM received WHERE feedback_path = ? LIMIT 1", (path,)
    ).fetchone()
    return row is not None


def mark_removed(connection: sqlite3.Connection, record_id: int) -> None:
    connection.execute("UPDATE received SET inbox_removed = 1 WHERE id = ?", (record_id,))


def pending_removals(connection: sqlite3.Connection) -> list[Received]:
    """Records whose inbox file a killed run may have left behind."""
    rows = connection.execute("SELECT * FROM received WHERE inbox_removed = 0").fetchall()
    return from_rows(connection, rows)


def replaced_by(connection: sqlite3.Connection, record_id: int) -> Received | None:
    """The accepted return that record ``record_id`` superseded (the latest, if several)."""
    row = connection.execute(
        "SELECT * FROM received WHERE superseded_by = ? ORDER BY received_at DESC, id DESC",
        (record_id,),
    ).fetchone()
    return from_rows(connection, [row])[0] if row else None


def all_records(connection: sqlite3.Connection, period: str | None = None) -> list[Received]:
    if period is None:
        rows = connection.execute("SELECT * FROM received ORDER BY id").fetchall()
    else:
        rows = connection.execute(
            "SELECT * FROM received WHERE period = ? ORDER BY id", (period,)
        ).fetchall()
    return from_rows(connection, rows)


def answered_templates(connection: sqlite3.Connection) -> list[str]:
    """The templates that accepted returns answered, any period, each once, first answered first."""
    rows = connection.execute(
        "SELECT template_id FROM received WHERE status = ? AND template_id IS NOT NULL "
        "GROUP BY template_id ORDER BY MIN(id)",
        (ACCEPTED,),
    ).fetchall()
    return [str(r[0]) for r in rows]


def current_accepted(
    connection: sqlite3.Connection, period: str, institution: str | None = None
) -> list[Received]:
    """The latest accepted return of each institution for ``period`` (of ``institution`` only)."""
    one = "" if institution is None else " AND institution = ?"
    rows = connection.execute(
        "SELECT * FROM received WHERE period = ? AND status = ? AND superseded_by IS NULL"
        f"{one} ORDER BY institution",
        (period, ACCEPTED) if institution is None else (period, ACCEPTED, institution),
    ).fetchall()
    return from_rows(connection, rows)


def latest_reporter(connection: sqlite3.Connection, institution: str) -> dict[str, str] | None:
    """The reporter named on the Cover of the institution's latest file matched to its
    template, any period, whatever its verdict (a duplicate names no one new)."""
    row = connection.execute(
        "SELECT reporter FROM received WHERE institution = ? AND reporter IS NOT NULL "
        "AND status != ? ORDER BY received_at DESC, id DESC LIMIT 1",
        (institution, DUPLICATE),
    ).fetchone()
    found = json.loads(row[0]) if row else None
    return found if isinstance(found, dict) else None


def current_returns(connection: sqlite3.Connection, institution: str) -> list[Received]:
    """The latest accepted return of ``institution`` for each period it answered."""
    rows = connection.execute(
        "SELECT * FROM received WHERE institution = ? AND status = ? AND superseded_by IS NULL "
        "ORDER BY period, id",
        (institution, ACCEPTED),
    ).fetchall()
    return from_rows(connection, rows)
