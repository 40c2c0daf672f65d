"""What intake and consolidation ask of the records per file or per period finds its rows through
an index: none of these queries reads a whole table, however long the history grows."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from nsm_excel.store import database, ledger, register

Asked = Callable[[sqlite3.Connection], Any]
QUERIES: dict[str, Asked] = {
    "a period's current returns": lambda db: ledger.current_accepted(db, "2026-H1"),
    "a period's records": lambda db: ledger.all_records(db, "2026-H1"),
    "an institution's current returns": lambda db: ledger.current_returns(db, "MB"),
    "the return a record replaced": lambda db: ledger.replaced_by(db, 7),
    "the records of a feedback workbook": lambda db: ledger.feedback_in_use(db, "outbox/f.xlsx"),
    "a feedback workbook moved": lambda db: ledger.retire_feedback(db, "outbox/a", "outbox/b"),
    "the files still in the inbox": ledger.pending_removals,
    "a content seen before": lambda db: ledger.last_judged(db, "ab" * 32),
    "a content first seen": lambda db: ledger.first_seen(db, [("ab" * 32, "MB.xlsx", "now")]),
    "a record by its number": lambda db: ledger.by_id(db, 7),
    "a period's templates": lambda db: register.for_period(db, "2026-H1"),
    "the template a file holds": lambda db: register.holds(db, "templates/x.xlsx", "ab" * 32),
    "a template by its id": lambda db: register.by_id(db, "T1"),
}


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[sqlite3.Connection]:
    path = Path(tmp_path_factory.mktemp("records")) / "nsm.sqlite"
    with database.connect(path, backup=False) as connection:
        yield connection


def plans_of(db: sqlite3.Connection, asked: Asked) -> list[str]:
    """How SQLite finds the rows of every statement ``asked`` runs."""
    statements: list[str] = []
    db.set_trace_callback(statements.append)
    try:
        asked(db)
    finally:
        db.set_trace_callback(None)
    wanted = [s for s in statements if s.lstrip().upper().startswith(("SELECT", "UPDATE"))]
    assert wanted, "the query ran no statement"
    return [row[3] for s in wanted for row in db.execute(f"EXPLAIN QUERY PLAN {s}").fetchall()]


@pytest.mark.parametrize("asked", QUERIES.values(), ids=QUERIES.keys())
def test_a_query_of_every_file_or_period_reads_no_whole_table(
    db: sqlite3.Connection, asked: Asked
) -> None:
    found = plans_of(db, asked)
    whole = [p for p in found if p.startswith("SCAN") and "received_in_inbox" not in p]
    assert whole == [], found


def test_the_files_still_in_the_inbox_are_read_from_an_index_of_those_alone(
    db: sqlite3.Connection,
) -> None:
    assert plans_of(db, ledger.pending_removals) == ["SCAN received USING INDEX received_in_inbox"]
