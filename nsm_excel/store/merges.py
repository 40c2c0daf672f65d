"""The cells two copies of one template answered apart, and the secretariat's decision on them.

A second copy merged into the first (:mod:`nsm_excel.intake.copies`) carries one
``return-copies-differ`` issue per such cell, with both values. :func:`decide` settles all or
named cells of that record, taking the first copy's value or the second's: in one transaction it
keeps a ``merge`` decision (:mod:`nsm_excel.store.decisions`, with its audit event) whose facts
are the cells and the values taken, and it updates the record's accepted values to match.

The record is updated rather than followed by a new one: a ledger record is a file received,
and no file arrived. History is kept all the same: the record's issues hold both values of every
cell and the decisions, kept for good, hold what was taken, in order; the values counted are the
merge as recorded with the decisions applied oldest first. A cell is open until a decision settles
it; a settled cell is decided again only when named with ``--cell``.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from nsm_excel.core.errors import NsmError
from nsm_excel.core.issue_codes import IssueCode as C
from nsm_excel.store import calendar, database, decisions, ledger
from nsm_excel.store.merge_takes import TAKES
from nsm_excel.store.workspace import Workspace

_KEYS = {"Measures": ("measure_code", "role"), "Indicators": ("indicator_code",)}


class MergeRefused(NsmError):
    """A merge decision the record, its cells or its period do not allow."""


@dataclass(frozen=True)
class Conflict:
    """A cell both copies answered apart: where, both values, and what was taken, if decided."""

    sheet: str
    cell: str
    key: str
    row: str
    role: str
    first: Any
    second: Any
    taken: str = ""  # first or second, once decided

    @property
    def address(self) -> str:
        return f"{self.sheet}!{self.cell}"

    def to_dict(self) -> dict[str, Any]:
        return {
            "cell": self.address,
            "key": self.key,
            "row": self.row,
            "role": self.role,
            "first": self.first,
            "second": self.second,
            "taken": self.taken,
        }


@dataclass(frozen=True)
class MergeResult:
    record: int
    take: str
    cells: tuple[Conflict, ...]
    decision: decisions.Decision
    still_open: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "record": self.record,
            "take": self.take,
            "cells": [c.to_dict() for c in self.cells],
            "decision": self.decision.to_dict(),
            "still_open": self.still_open,
        }


def conflicts(db: sqlite3.Connection, record: ledger.Received) -> list[Conflict]:
    """The cells of ``record`` its two copies answered apart, each with the latest decision."""
    taken: dict[str, str] = {}
    for decision in decisions.of_record(db, record.id or 0):
        if decision.kind == decisions.MERGE:
            taken |= {c["cell"]: decision.params["take"] for c in decision.params.get("cells", [])}
    found = []
    for issue in record.issues:
        if issue.get("code") != C.RETURN_COPIES_DIFFER.value:
            continue
        params = issue.get("params") or {}
        sheet, cell = str(issue.get("sheet") or ""), str(issue.get("cell") or "")
        found.append(
            Conflict(
                sheet,
                cell,
                str(issue.get("column") or ""),
                str(params.get("row") or ""),
                str(params.get("role") or ""),
                params.get("first"),
                params.get("second"),
                taken.get(f"{sheet}!{cell}", ""),
            )
        )
    return found


def decide(
    workspace: Workspace, record_id: int, take: str, cells: Sequence[str], reason: str
) -> MergeResult:
    """Settle ``cells`` (every open one when none is named) of merged record ``record_id`` with
    the ``take`` copy's value; :class:`MergeRefused` saying why when it cannot be done."""
    if take not in TAKES:
        raise MergeRefused(f"--take is first or second, not {take!r}.")
    if not reason.strip():
        raise MergeRefused("say why, with --reason TEXT (kept in the records).")
    from nsm_excel.store.lock import workspace_lock  # only settling locks: nsm status reads

    with workspace_lock(workspace.root, "decide"), database.connect(workspace.database) as db:
        calendar.ensure(db, workspace.config, workspace.today())
        record = _record(db, record_id)
        found = conflicts(db, record)
        chosen = _chosen(record_id, found, cells)
        period = calendar.require(db, record.period or "")
        if period.state != calendar.OPEN:
            raise MergeRefused(
                f"period {record.period} is {period.state}: its returns no longer change; reopen "
                f"it first with `nsm period reopen {record.period} --reason TEXT`."
            )
        values = _applied(record.accepted_values or {}, chosen, take)
        facts = [c.to_dict() | {"value": getattr(c, take)} for c in chosen]
        for fact in facts:
            del fact["taken"]
        with database.transaction(db):
            db.execute(
                "UPDATE received SET accepted_values = ? WHERE id = ?",
                (json.dumps(values, ensure_ascii=False, default=str), record_id),
            )
            decision = decisions.record(
                db,
                record_id,
                decisions.MERGE,
                reason.strip(),
                period=record.period,
                institution=record.institution,
                take=take,
                cells=facts,
            )
        done = {c.address for c in chosen}
        still = sum(1 for c in found if not c.taken and c.address not in done)
    settled = tuple(Conflict(**{**c.__dict__, "taken": take}) for c in chosen)
    return MergeResult(record_id, take, settled, decision, still)


def _record(db: sqlite3.Connection, record_id: int) -> ledger.Received:
    record = next((r for r in ledger.all_records(db) if r.id == record_id), None)
    if record is None:
        raise MergeRefused(f"no record {record_id} in the ledger; `nsm status` lists the returns.")
    if record.superseded_by is not None:
        raise MergeRefused(
            f"record {record_id} ({record.original_name}) is no longer counted: record "
            f"{record.superseded_by} replaced it."
        )
    return record


def _chosen(record_id: int, found: list[Conflict], cells: Sequence[str]) -> list[Conflict]:
    if not found:
        raise MergeRefused(f"record {record_id} has no cells two copies answered apart.")
    if not cells:
        open_cells = [c for c in found if not c.taken]
        if not open_cells:
            raise MergeRefused(
                f"every cell of record {record_id} is settled; name one with --cell to decide "
                "it again."
            )
        return open_cells
    by_address = {_normal(c.address): c for c in found}
    chosen = []
    for typed in cells:
        conflict = by_address.get(_normal(typed))
        if conflict is None:
            listed = ", ".join(c.address for c in found)
            raise MergeRefused(
                f"cell {typed} of record {record_id} is not in conflict; the cells are: {listed}."
            )
        if conflict not in chosen:
            chosen.append(conflict)
    return chosen


def _normal(address: str) -> str:
    sheet, _, cell = address.strip().rpartition("!")
    return f"{sheet.strip(chr(39)).casefold()}!{cell.upper()}"


def _applied(values: dict[str, Any], chosen: list[Conflict], take: str) -> dict[str, Any]:
    out: dict[str, Any] = json.loads(json.dumps(values, default=str))  # a copy
    for conflict in chosen:
        value = getattr(conflict, take)
        if conflict.sheet == "Cover":
            out.setdefault("Cover", {})[conflict.key] = value
            continue
        keys = _KEYS.get(conflict.sheet, ())
        wanted = (conflict.row, conflict.role)[: len(keys)]
        for row in out.get(conflict.sheet, []):
            if tuple(str(row.get(k) or "") for k in keys) == wanted:
                row[conflict.key] = value
    return out
