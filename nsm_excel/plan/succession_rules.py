"""The Succession sheet's checks against the other sheets: every refusal at its sheet and cell.

- a new code must be in the Institutions sheet (an old code may have left it);
- no cycle (A by B, B by A), no code succeeded by itself;
- an old code may not still lead or support a measure that runs after its date, nor be named
  responsible for an indicator;
- one old code is not succeeded twice on the same day (its answers would count twice).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from nsm_excel.core.issue_codes import IssueCode as C
from nsm_excel.core.issues import Issue
from nsm_excel.plan.frames import SheetRows
from nsm_excel.plan.rules import Sheets


def check_succession(s: Sheets, sheet: SheetRows) -> Iterator[Issue]:
    rows = [r for r in sheet.rows if r.get("old_code") and r.get("new_code")]
    known = s.codes(s.institutions) if s.institutions.readable else None
    for row in rows:
        for code in row["new_code"]:
            if code == row["old_code"]:
                yield s.issue(C.PLAN_SUCCESSION_CYCLE, sheet, "new_code", row, value=code)
            elif known is not None and code not in known:
                yield s.issue(C.PLAN_UNKNOWN_INSTITUTION, sheet, "new_code", row, value=code)
    yield from _cycles(s, sheet, rows)
    yield from _twice(s, sheet, rows)
    yield from _still_active(s, sheet, rows)


def _cycles(s: Sheets, sheet: SheetRows, rows: list[dict[str, Any]]) -> Iterator[Issue]:
    after: dict[str, set[str]] = {}
    for row in rows:
        after.setdefault(row["old_code"], set()).update(c for c in row["new_code"])
    for row in rows:
        old = row["old_code"]
        reached: set[str] = set()
        todo = [c for c in row["new_code"] if c != old]
        while todo:
            code = todo.pop()
            if code not in reached:
                reached.add(code)
                todo.extend(after.get(code, ()))
        if old in reached:
            yield s.issue(C.PLAN_SUCCESSION_CYCLE, sheet, "old_code", row)


def _twice(s: Sheets, sheet: SheetRows, rows: list[dict[str, Any]]) -> Iterator[Issue]:
    first: dict[tuple[str, Any], int] = {}
    for row in rows:
        key = (row["old_code"], row.get("date"))
        if row.get("date") is None:
            continue
        if key in first:
            yield s.issue(C.PLAN_SUCCESSION_TWICE, sheet, "old_code", row, first=first[key])
        else:
            first[key] = row["_row"]


def _still_active(s: Sheets, sheet: SheetRows, rows: list[dict[str, Any]]) -> Iterator[Issue]:
    for row in rows:
        old, day = row["old_code"], row.get("date")
        if day is None:
            continue
        when = {"date": day.strftime("%d.%m.%Y"), "succession_row": row["_row"]}
        for measure in s.measures.rows:
            end = measure.get("end")
            if end is None or end.last <= day:
                continue
            if measure.get("lead") == old:
                yield s.issue(C.PLAN_SUCCEEDED_STILL_NAMED, s.measures, "lead", measure, **when)
            if old in (measure.get("supporting") or ()):
                yield s.issue(
                    C.PLAN_SUCCEEDED_STILL_NAMED,
                    s.measures,
                    "supporting",
                    measure,
                    value=old,
                    **when,
                )
        for indicator in s.indicators.rows:
            if indicator.get("responsible") == old:
                yield s.issue(
                    C.PLAN_SUCCEEDED_STILL_NAMED, s.indicators, "responsible", indicator, **when
                )
