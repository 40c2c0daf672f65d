"""Two copies of one template: when a return is a second copy, and how it is merged.

When two departments of one institution each fill part of the same template and both send it,
the second return completes the first instead of replacing it. The rule (docs/intake.md):

- a return is a **second copy** when it answers the same issued template (template id) as the
  institution's current accepted return of the period, another person reports it (the Cover's
  reporter name or e-mail differs), and it leaves empty at least half the figures that return
  gave (amounts spent on measures, indicators' values). A corrected resend repeats the figures it
  keeps (a text emptied, such as a delay reason no longer needed, is a correction); anything
  else is a resend and supersedes, as before.
- the **merge** keeps the first return's values and fills the cells it left empty from the
  second. Where both hold different values the first's value stays until the secretariat decides
  (``nsm decide merge``); each such cell is a ``return-copies-differ`` warning at the second
  copy's cell, with both values as parameters.
- on the Cover, the answer ``remarks`` merges like any cell; the reporter's fields (name, e-mail,
  phone, submission date) are who sent a copy, not answers: the first's stay and the Cover gains
  ``reporters``, each copy's reporter in the order received.

Pure: accepted values and examined returns in, merged values and issues out. :func:`merge_copies`
is the hook the run calls once every check is done, before the feedback is written.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from nsm_excel.core.issue_codes import IssueCode as C
from nsm_excel.core.issues import Issue, Report
from nsm_excel.intake.checks import typed_values
from nsm_excel.intake.inbox import Incoming
from nsm_excel.store import ledger

TABLES = ("Measures", "Indicators")
REPORTER = ("reporter_name", "reporter_email", "reporter_phone", "submission_date")
COVER_ANSWERS = ("remarks",)
FIGURES = ("spent_state", "spent_donor", "actual", "actual_women", "actual_men")
_KEYS = {"Measures": ("measure_code", "role"), "Indicators": ("indicator_code",)}


@dataclass(frozen=True)
class First:
    """The return a second copy is merged into: the current accepted one."""

    template_id: str
    values: dict[str, Any]
    name: str
    received_at: str


@dataclass(frozen=True)
class Conflict:
    """A cell both copies answered differently: where, and both values."""

    sheet: str
    row: str  # the measure or indicator code ('' on the Cover)
    role: str  # a measure row's role ('' elsewhere)
    key: str
    cell: str  # the A1 cell of the second copy
    first: Any
    second: Any

    def params(self) -> dict[str, Any]:
        return {
            "row": self.row,
            "role": self.role,
            "first": self.first,
            "second": self.second,
        }


def empty(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def row_key(sheet: str, row: dict[str, Any]) -> tuple[str, ...]:
    return tuple(str(row.get(k) or "") for k in _KEYS[sheet])


def answer_keys(row: dict[str, Any], sheet: str) -> Iterator[str]:
    return (k for k in row if not k.startswith("_") and k not in _KEYS[sheet])


def is_second_copy(first: dict[str, Any], second: dict[str, Any]) -> bool:
    """Whether another reporter sent ``second`` and it leaves empty at least half the figures
    ``first`` gave."""
    cover = second.get("Cover") or {}
    if _person(cover) in {_person(r) for r in _reporters(first.get("Cover") or {})}:
        return False
    given = emptied = 0
    for sheet in TABLES:
        theirs = {row_key(sheet, r): r for r in second.get(sheet, [])}
        for row in first.get(sheet, []):
            other = theirs.get(row_key(sheet, row), {})
            for k in (k for k in FIGURES if not empty(row.get(k))):
                given += 1
                emptied += empty(other.get(k))
    return given > 0 and 2 * emptied >= given


Cells = dict[tuple[str, tuple[str, ...]], dict[str, str]]  # (sheet, row key) -> key -> A1


def merge(
    first: dict[str, Any], second: dict[str, Any], cells: Cells
) -> tuple[dict[str, Any], list[Conflict]]:
    """``first`` with its empty cells filled from ``second``, and the cells both answered apart."""
    conflicts: list[Conflict] = []
    merged: dict[str, Any] = {"Cover": {}}
    for sheet in TABLES:
        theirs = {row_key(sheet, r): r for r in second.get(sheet, [])}
        rows = []
        for row in first.get(sheet, []):
            key = row_key(sheet, row)
            other = theirs.get(key, {})
            where = cells.get((sheet, key), {})
            out = dict(row)
            for k in answer_keys(row, sheet):
                mine, new = row[k], other.get(k)
                if empty(mine) and not empty(new):
                    out[k] = new
                elif not empty(mine) and not empty(new) and mine != new:
                    role = key[1] if len(key) > 1 else ""
                    found = Conflict(sheet, key[0], role, k, where.get(k, ""), mine, new)
                    conflicts.append(found)
            rows.append(out)
        merged[sheet] = rows
    cover = _cover(first.get("Cover") or {}, second.get("Cover") or {}, cells, conflicts)
    return merged | {"Cover": cover}, conflicts


def _cover(
    first: dict[str, Any], second: dict[str, Any], cells: Cells, conflicts: list[Conflict]
) -> dict[str, Any]:
    out = dict(first)
    for k in COVER_ANSWERS:
        mine, new = first.get(k), second.get(k)
        if empty(mine) and not empty(new):
            out[k] = new
        elif not empty(mine) and not empty(new) and mine != new:
            cell = cells.get(("Cover", ()), {}).get(k, "")
            conflicts.append(Conflict("Cover", "", "", k, cell, mine, new))
    out["reporters"] = [*_reporters(first), *_reporters(second)]
    return out


def _person(reporter: dict[str, Any]) -> tuple[str, str]:
    return tuple(  # type: ignore[return-value]
        " ".join(str(reporter.get(k) or "").split()).casefold()
        for k in ("reporter_name", "reporter_email")
    )


def _reporters(cover: dict[str, Any]) -> list[dict[str, Any]]:
    """The reporters a Cover names: those of a merged return, or its own."""
    if isinstance(cover.get("reporters"), list):
        return list(cover["reporters"])
    return [{k: cover.get(k) for k in REPORTER}]


def issues(name: str, first: First, conflicts: Iterable[Conflict]) -> list[Issue]:
    """The second copy's issues: that it was merged, and one warning per cell the two copies
    answered apart."""
    facts = {"original": first.name, "received_at": first.received_at}
    return [
        Issue(C.RETURN_COPY_MERGED, name, params=facts),
        *(
            Issue(C.RETURN_COPIES_DIFFER, name, c.sheet, c.cell, c.key, params=facts | c.params())
            for c in conflicts
        ),
    ]


def merge_copies(incoming: list[Incoming], current: Iterable[ledger.Received]) -> None:
    """Mark each accepted return that is a second copy: its merged values and its issues.

    ``current`` are the accepted returns of the records; ``incoming`` is in the order received,
    so a copy accepted earlier in the same run is a first copy too.
    """
    best = {
        (r.institution or "", r.period or ""): First(
            r.template_id or "", r.accepted_values or {}, r.original_name, r.received_at
        )
        for r in current
    }
    for item in incoming:
        examined = item.examined
        record = examined.record if examined else None
        if examined is None or record is None or item.twin is not None or item.duplicate_of:
            continue
        if Report(item.issues).errors:
            continue
        where = (record.institution, record.period)
        values = typed_values(item)
        first = best.get(where)
        if (
            first is not None
            and first.template_id == record.template_id
            and first.received_at <= item.received_at
            and is_second_copy(first.values, values)
        ):
            cells = {
                (sheet, row_key(sheet, v) if sheet != "Cover" else ()): dict(r.cells)
                for sheet in ("Cover", *TABLES)
                for r, v in zip(examined.tables.get(sheet, []), _rows(values, sheet), strict=False)
            }
            values, conflicts = merge(first.values, values, cells)
            item.issues.extend(issues(item.name, first, conflicts))
            item.merged = values
        best[where] = First(record.template_id, values, item.name, item.received_at)


def _rows(values: dict[str, Any], sheet: str) -> list[dict[str, Any]]:
    found = values.get(sheet)
    if isinstance(found, dict):
        return [found]
    return list(found or [])
