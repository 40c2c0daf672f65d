"""The ledger keeps each issue as facts (code, severity, place, parameters) and renders it when
shown; the issues a workspace recorded before it kept facts are shown as they were stored."""

from __future__ import annotations

import contextlib
import json
import sqlite3
from pathlib import Path
from typing import Any

from nsm_excel.core import words
from nsm_excel.core.issue_codes import IssueCode
from nsm_excel.core.issues import Issue, shown
from nsm_excel.store import database, ledger

BEFORE = 7  # the schema steps of a ledger that kept each issue's rendered text in JSON
OLD_ISSUES = [
    {
        "code": "return-required",
        "severity": "error",
        "file": "MB_2026-H1.xlsx",
        "sheet": "Cover",
        "cell": "C11",
        "column": "reporter_name",
        "value": "",
        "message_en": "Sheet Cover, cell C11: 'Name' is required. Fill it in.",
        "message_sq": "Fleta Cover, qeliza C11: 'Emri' është e detyrueshme. Plotësojeni.",
    },
    {"code": "file-duplicate", "severity": "warning", "message_en": "Stored in English only."},
]


def _received(sha: str, issues: list[dict[str, Any]]) -> ledger.Received:
    return ledger.Received(
        sha256=sha,
        original_name="MB_2026-H1.xlsx",
        size=10,
        received_at="2026-07-20T09:00:00+00:00",
        processed_at="2026-07-20T09:00:01+00:00",
        status=ledger.REJECTED,
        archive_path=f"archive/{sha}.xlsx",
        errors=1,
        issues=issues,
    )


def _older_ledger(path: Path) -> None:
    """A workspace's records as the previous schema wrote them, with one rejected file."""
    with contextlib.closing(sqlite3.connect(path)) as db:
        for step in database.SCHEMA[:BEFORE]:
            db.execute(step)
        db.execute(
            "INSERT INTO received (sha256, original_name, size, received_at, processed_at, "
            "status, errors, warnings, issues, archive_path) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            ("old", "MB_2026-H1.xlsx", 10, "2026-07-01", "2026-07-01", "rejected", 1, 1,
             json.dumps(OLD_ISSUES), "archive/old.xlsx"),
        )  # fmt: skip
        db.execute(f"PRAGMA user_version = {BEFORE}")
        db.commit()


def test_an_older_ledger_is_migrated_and_its_issues_shown_as_stored(tmp_path: Path) -> None:
    path = tmp_path / "nsm.sqlite"
    _older_ledger(path)
    new = Issue(
        IssueCode.RETURN_REQUIRED_DELAY_REASON,
        "MB_2026-H1.xlsx",
        "Measures",
        "K5",
        "delay_reason",
        params={"status": words.ref("status.delayed")},
    )
    with database.connect(path) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == len(database.SCHEMA)
        ledger.record(db, _received("new", [new.to_dict()]))
        old_record, new_record = ledger.all_records(db)
        stored = db.execute("SELECT * FROM received_issues ORDER BY received_id, position")
        rows = [dict(r) for r in stored]
    first, second = old_record.issues
    assert [shown(first, lang) for lang in ("en", "sq")] == [
        OLD_ISSUES[0]["message_en"],
        OLD_ISSUES[0]["message_sq"],
    ]
    assert (first["code"], first["sheet"], first["cell"]) == ("return-required", "Cover", "C11")
    assert shown(second, "sq") == "Stored in English only."  # the text there was
    (item,) = new_record.issues
    assert [shown(item, lang) for lang in ("en", "sq")] == [new.message("en"), new.message("sq")]
    assert words.word("status.delayed", "sq") in shown(item, "sq")
    assert words.word("status.delayed", "en") in shown(item, "en")
    facts = rows[-1]
    assert (facts["code"], facts["column_key"], facts["message_en"]) == (
        "return-required-delay-reason",
        "delay_reason",
        None,
    )  # the new issue's facts, and no rendered text
    assert json.loads(facts["params"]) == {"status": {"word": "status.delayed"}}
    assert [r["params"] for r in rows[:2]] == [None, None]


def test_an_issue_comes_back_from_the_ledger_as_it_was(tmp_path: Path) -> None:
    issue = Issue(
        "workspace-inbox-not-regular",
        "inbox/x",
        params={"path": "inbox/x", "kind": words.ref("issue.kind.folder")},
    )
    with database.connect(tmp_path / "nsm.sqlite") as db:
        ledger.record(db, _received("a", [issue.to_dict(), issue.to_dict()]))
        (record,) = ledger.all_records(db)
    assert [Issue.from_dict(i) for i in record.issues] == [issue, issue]
    for lang in words.languages():
        assert words.word("issue.kind.folder", lang) in issue.message(lang)
