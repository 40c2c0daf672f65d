"""The ledger's records a period's figures read, and no more.

A period's figures need its own records and the current accepted returns of its year's other
periods; a closed period's, the records its closing kept. Reading only those keeps the time
and the memory of consolidating a period independent of how large the archive has grown.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from typing import Any

from nsm_excel.store import ledger
from nsm_excel.store.ledger import Received


def for_figures(connection: sqlite3.Connection, period: str, year: int) -> list[Received]:
    """What a period's figures read: every record of ``period``, and the current accepted
    returns of the other periods of ``year`` (their indicators' year figures), in id order;
    never the rest of the archive."""
    rows = connection.execute(
        "SELECT * FROM received WHERE period = ? OR (status = ? AND superseded_by IS NULL "
        "AND substr(period, 1, 4) = ?) ORDER BY id",
        (period, ledger.ACCEPTED, f"{year:04d}"),
    ).fetchall()
    return ledger.from_rows(connection, rows)


def by_ids(connection: sqlite3.Connection, ids: Iterable[int]) -> list[Received]:
    """The records of ``ids`` that exist, in id order."""
    return ledger.from_rows(connection, rows_by_ids(connection, "*", ids))


def rows_by_ids(connection: sqlite3.Connection, columns: str, ids: Iterable[int]) -> list[Any]:
    """The ``columns`` (SQL, the package's own) of the records of ``ids`` that exist, in id
    order, without decoding them."""
    wanted = sorted(set(ids))
    rows: list[Any] = []
    for start in range(0, len(wanted), 900):  # under SQLite's oldest limit of 999 parameters
        part = wanted[start : start + 900]
        marks = ", ".join("?" * len(part))
        query = f"SELECT {columns} FROM received WHERE id IN ({marks}) ORDER BY id"
        rows += connection.execute(query, part).fetchall()
    return rows
