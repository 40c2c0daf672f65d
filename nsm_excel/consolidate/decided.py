"""The secretariat's decisions on a period's returns as the outputs show them, and the issues of
the counted returns, each marked with the decision that settled it.

:func:`of_period` makes one :class:`DecisionLine` per decision (:mod:`nsm_excel.store.decisions`)
on a record of the period: what was decided, on which return, who, when on the workspace's
clock, the reason as typed, and the cells it concerned (each overridden error's cell with the
value typed, stored empty; each settled cell of two copies with the value taken).
:func:`accepted_warnings` gives the issues of the counted returns: their warnings, and the errors
the secretariat overrode, each marked (:data:`MARKS`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from nsm_excel.core import clock
from nsm_excel.core.issue_codes import IssueCode as C
from nsm_excel.core.issues import OVERRIDDEN as OVERRIDDEN_PARAM
from nsm_excel.core.issues import shown
from nsm_excel.store import decisions
from nsm_excel.store.decisions import Decision
from nsm_excel.store.ledger import ACCEPTED, Received

OVERRIDDEN, WARNINGS, RETURNED, MERGED = "overridden", "warnings", "returned", "merged"
KINDS = (OVERRIDDEN, WARNINGS, RETURNED, MERGED)  # what a decision did, as the outputs name it
MARKS = ("overridden", "accepted", "settled_first", "settled_second")  # an issue's decision


@dataclass(frozen=True)
class AcceptedWarning:
    institution: str
    file: str
    sheet: str
    cell: str
    code: str
    message_en: str
    message_sq: str
    decision: str = ""  # one of MARKS: how the secretariat settled it ('' none)


@dataclass(frozen=True)
class DecisionCell:
    address: str  # Sheet!A1
    code: str  # the error overridden ('' for a cell of two copies)
    value: Any  # the value typed (overridden, stored empty) or the value taken
    take: str = ""  # first or second: the copy whose value was taken


@dataclass(frozen=True)
class DecisionLine:
    institution: str
    record: int  # the record decided on
    file: str
    kind: str  # one of KINDS
    at: str  # ISO, UTC
    when: str  # dd.mm.yyyy HH:MM on the workspace's clock
    by: str
    reason: str
    cells: tuple[DecisionCell, ...] = ()
    counts: bool = False  # the return it made count is counted now


def of_period(
    decided: Sequence[Decision], mine: Sequence[Received], zone: str = clock.DEFAULT_ZONE
) -> tuple[DecisionLine, ...]:
    """A line per decision on a record of ``mine`` (one period's records), oldest first."""
    by_id = {r.id: r for r in mine if r.id is not None}
    current = {r.id for r in mine if r.status == ACCEPTED and not r.superseded_by}
    found = []
    for d in sorted(decided, key=lambda d: (d.at, d.id)):
        record = by_id.get(d.record)
        if record is None:
            continue
        kind = _kind(d)
        made = d.params.get("new_record") if kind == OVERRIDDEN else d.record
        line = DecisionLine(
            institution=record.institution or "",
            record=d.record,
            file=record.original_name,
            kind=kind,
            at=d.at,
            when=clock.local_time(d.at, zone),
            by=d.by,
            reason=d.reason,
            cells=_cells(d),
            counts=kind != RETURNED and made in current,
        )
        found.append(line)
    return tuple(found)


def accepted_warnings(
    current: Sequence[Received], decided: Sequence[Decision] = ()
) -> tuple[AcceptedWarning, ...]:
    """The warnings and overridden errors of the current accepted returns, by institution."""
    return tuple(
        AcceptedWarning(
            institution=record.institution or "",
            file=record.original_name,
            sheet=issue.get("sheet", ""),
            cell=issue.get("cell", ""),
            code=issue["code"],
            message_en=shown(issue, "en"),
            message_sq=shown(issue, "sq"),
            decision=mark,
        )
        for record in sorted(current, key=lambda r: r.institution or "")
        for issue, mark in _marked(record, [d for d in decided if _about(d, record)])
    )


def _marked(record: Received, decided: list[Decision]) -> list[tuple[dict[str, Any], str]]:
    """Each warning and overridden error of ``record`` with the decision that settled it."""
    accepted = any(d.kind == decisions.ACCEPT for d in decided)
    taken: dict[str, str] = {}
    for d in decided:
        if d.kind == decisions.MERGE:
            taken |= {str(c.get("cell")): str(d.params.get("take")) for c in _facts(d)}
    found = []
    for issue in record.issues:
        params = issue.get("params") or {}
        if issue.get("severity") == "error" and params.get(OVERRIDDEN_PARAM):
            found.append((issue, "overridden"))
        elif issue.get("severity") != "warning":
            continue
        elif issue.get("code") == C.RETURN_COPIES_DIFFER.value:
            take = taken.get(f"{issue.get('sheet', '')}!{issue.get('cell', '')}", "")
            found.append((issue, f"settled_{take}" if take else ("accepted" if accepted else "")))
        else:
            found.append((issue, "accepted" if accepted else ""))
    return found


def _about(decision: Decision, record: Received) -> bool:
    """Whether ``decision`` was taken on ``record`` or made it (an acceptance despite errors)."""
    return record.id in (decision.record, decision.params.get("new_record"))


def _kind(decision: Decision) -> str:
    if decision.kind == decisions.ACCEPT:
        return OVERRIDDEN if decision.params.get("new_record") else WARNINGS
    return RETURNED if decision.kind == decisions.RETURN else MERGED


def _cells(decision: Decision) -> tuple[DecisionCell, ...]:
    if decision.kind == decisions.MERGE:
        take = str(decision.params.get("take") or "")
        cells = _facts(decision)
        return tuple(DecisionCell(str(c.get("cell")), "", c.get("value"), take) for c in cells)
    return tuple(
        DecisionCell(_address(c), str(c.get("code") or ""), c.get("value"))
        for c in _facts(decision)
    )


def _address(cell: dict[str, Any]) -> str:
    place = cell.get("cell") or cell.get("column") or ""
    return f"{cell.get('sheet') or ''}!{place}" if place else str(cell.get("sheet") or "")


def _facts(decision: Decision) -> list[dict[str, Any]]:
    cells = decision.params.get("cells")
    return [c for c in cells if isinstance(c, dict)] if isinstance(cells, list) else []
