"""The register of issued templates: what each institution received per period, version by version.

The validator checks returns against it: identity, template version and the pre-filled content.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from typing import Any

from nsm_excel.store import accepted_shape, audit


@dataclass(frozen=True)
class IssuedTemplate:
    template_id: str
    institution: str
    period: str
    version: int
    plan_version: str
    language: str
    file: str  # relative to the workspace
    sha256: str
    issued_at: str
    content: dict[str, Any]
    superseded_by: str | None = None
    withdrawn: str | None = None  # JSON facts when the template was taken back

    @property
    def current(self) -> bool:
        return self.superseded_by is None

    @property
    def expected(self) -> bool:
        """Current and not withdrawn: a return is expected from it."""
        return self.current and not self.withdrawn

    @property
    def withdrawal(self) -> dict[str, Any]:
        """The facts of its withdrawal (at, reason, params); empty when it was not withdrawn."""
        if not self.withdrawn:
            return {}
        try:
            facts = json.loads(self.withdrawn)
        except ValueError:
            return {}
        return facts if isinstance(facts, dict) else {}


def _from_row(row: sqlite3.Row) -> IssuedTemplate:
    data = dict(row)
    try:
        data["content"] = content = json.loads(data["content"])
        if not accepted_shape.cover_and_rows(content, "cover", ("measures", "indicators")):
            raise ValueError("its content is not a cover and rows of measures and indicators")
    except (TypeError, ValueError) as exc:  # reported as damaged records by database.connect
        raise sqlite3.DataError(f"issued template {data.get('template_id')}: {exc}") from exc
    return IssuedTemplate(**data)


def latest(connection: sqlite3.Connection, institution: str, period: str) -> IssuedTemplate | None:
    """The newest version issued to ``institution`` for ``period``, if any."""
    row = connection.execute(
        "SELECT * FROM issued_templates WHERE institution = ? AND period = ? "
        "ORDER BY version DESC LIMIT 1",
        (institution, period),
    ).fetchone()
    return _from_row(row) if row else None


def by_id(connection: sqlite3.Connection, template_id: str) -> IssuedTemplate | None:
    row = connection.execute(
        "SELECT * FROM issued_templates WHERE template_id = ?", (template_id,)
    ).fetchone()
    return _from_row(row) if row else None


def for_period(connection: sqlite3.Connection, period: str) -> list[IssuedTemplate]:
    """Every version issued for ``period``, by institution then version."""
    rows = connection.execute(
        "SELECT * FROM issued_templates WHERE period = ? ORDER BY institution, version",
        (period,),
    ).fetchall()
    return [_from_row(r) for r in rows]


def all_issued(connection: sqlite3.Connection) -> list[IssuedTemplate]:
    """Every version ever issued, by period, institution and version."""
    rows = connection.execute(
        "SELECT * FROM issued_templates ORDER BY period, institution, version"
    ).fetchall()
    return [_from_row(r) for r in rows]


def record(connection: sqlite3.Connection, issued: IssuedTemplate) -> None:
    """Add ``issued``; the institution's previous version for the period becomes superseded.

    Call inside a transaction (:func:`nsm_excel.database.transaction`).
    """
    connection.execute(
        "INSERT INTO issued_templates (template_id, institution, period, version, plan_version, "
        "language, file, sha256, issued_at, content) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            issued.template_id,
            issued.institution,
            issued.period,
            issued.version,
            issued.plan_version,
            issued.language,
            issued.file,
            issued.sha256,
            issued.issued_at,
            json.dumps(issued.content, ensure_ascii=False, default=str),
        ),
    )
    connection.execute(
        "UPDATE issued_templates SET superseded_by = ? WHERE institution = ? AND period = ? "
        "AND version < ? AND superseded_by IS NULL",
        (issued.template_id, issued.institution, issued.period, issued.version),
    )
    audit.append(
        connection,
        audit.ISSUED,
        period=issued.period,
        institution=issued.institution,
        template_id=issued.template_id,
        at=issued.issued_at,
        version=issued.version,
        plan_version=issued.plan_version,
        language=issued.language,
        file=issued.file,
    )


def holds(connection: sqlite3.Connection, file: str, sha256: str) -> bool:
    """Whether an issued template is the file ``file`` with these bytes."""
    row = connection.execute(
        "SELECT 1 FROM issued_templates WHERE file = ? AND sha256 = ? LIMIT 1", (file, sha256)
    ).fetchone()
    return row is not None


def withdraw(
    connection: sqlite3.Connection, template_id: str, at: str, reason: str, **params: Any
) -> None:
    """Mark the template ``template_id`` withdrawn: facts (when, reason code, parameters), never
    a sentence. Call inside a transaction."""
    facts = {"at": at, "reason": reason, "params": params}
    changed = connection.execute(
        "UPDATE issued_templates SET withdrawn = ? WHERE template_id = ? AND withdrawn IS NULL",
        (json.dumps(facts, ensure_ascii=False, sort_keys=True), template_id),
    )
    found = by_id(connection, template_id) if changed.rowcount else None
    if found is not None:
        audit.append(
            connection,
            audit.WITHDRAWN,
            period=found.period,
            institution=found.institution,
            template_id=template_id,
            at=at,
            reason=reason,
            **params,
        )


def expected(connection: sqlite3.Connection, period: str) -> list[IssuedTemplate]:
    """The templates of ``period`` a return is expected from: current and not withdrawn."""
    return [t for t in for_period(connection, period) if t.expected]
