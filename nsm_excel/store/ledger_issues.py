"""The issues of the ledger's records, kept as facts in ``received_issues``, one row each.

Each issue is its code, severity, place and parameters (JSON), in the order found; issues
recorded before the ledger kept facts hold the text they were stored with (``message_en``,
``message_sq``), or sit as JSON in the record itself in records not yet upgraded.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from typing import Any

_ISSUE_COLUMNS = "code, severity, file, sheet, cell, column_key, value, params"
_FORMER_TEXT = ("message_en", "message_sq")  # of issues recorded before the ledger kept facts


def issues_of_all(
    connection: sqlite3.Connection, record_ids: Iterable[int]
) -> dict[int, list[dict[str, Any]]]:
    """The issues of each of ``record_ids`` in the order found, as :meth:`Issue.to_dict` gave
    them: one query per 900 records rather than one per record."""
    wanted = sorted(set(record_ids))
    found: dict[int, list[sqlite3.Row]] = {i: [] for i in wanted}
    for start in range(0, len(wanted), _BATCH):
        part = wanted[start : start + _BATCH]
        rows = connection.execute(
            f"SELECT received_id, {_ISSUE_COLUMNS}, {', '.join(_FORMER_TEXT)} "
            f"FROM received_issues WHERE received_id IN ({', '.join('?' * len(part))}) "
            "ORDER BY received_id, position",
            part,
        ).fetchall()
        for r in rows:
            found[r["received_id"]].append(r)
    return {i: _issues(rows) for i, rows in found.items()}


_BATCH = 900  # ids per query: under SQLite's oldest limit of 999 parameters


def _issues(rows: list[sqlite3.Row]) -> list[dict[str, Any]]:
    found = []
    for r in rows:
        item = dict(r)
        item.pop("received_id", None)
        item["column"] = item.pop("column_key")
        params, former = item.pop("params"), {k: item.pop(k) for k in _FORMER_TEXT}
        if params is None:
            item |= {k: text or "" for k, text in former.items()}
        else:
            item["params"] = json.loads(params)
            if not isinstance(item["params"], dict):
                raise ValueError("the parameters of its issues are not a mapping")
        found.append(item)
    return found


def former_issues(stored: str) -> list[dict[str, Any]]:
    """The issues of a record kept as JSON text, before the ledger kept facts: as stored."""
    issues = json.loads(stored)
    if not isinstance(issues, list) or not all(
        isinstance(i, dict) and isinstance(i.get("code"), str) for i in issues
    ):
        raise ValueError("its issues are not a list of issues with codes")
    return issues


def record_issues(
    connection: sqlite3.Connection, record_id: int, issues: list[dict[str, Any]]
) -> None:
    keys = ("code", "severity", "file", "sheet", "cell", "column", "value")
    connection.executemany(
        f"INSERT INTO received_issues (received_id, position, {_ISSUE_COLUMNS}) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                record_id,
                position,
                *(str(issue.get(k) or "") for k in keys),
                json.dumps(issue.get("params", {}), ensure_ascii=False, default=str),
            )
            for position, issue in enumerate(issues)
        ],
    )
