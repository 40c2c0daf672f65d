"""What changed between two plans, row by row: added, removed, changed, by sheet and code (pure).

Row numbers are no change (moving a row changes nothing); every other value is.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import asdict
from typing import Any

from nsm_excel.core.issue_codes import IssueCode as C
from nsm_excel.core.issues import Issue
from nsm_excel.plan.columns import INDICATORS, INSTITUTIONS, MEASURES, OBJECTIVES, SUCCESSION
from nsm_excel.plan.model import Plan, _plain


def rows(plan: Plan) -> dict[str, dict[str, tuple[int, dict[str, Any]]]]:
    """Sheet -> code -> (Excel row, the row's values without its row number)."""
    parts: dict[str, Any] = {
        INSTITUTIONS: plan.institutions,
        OBJECTIVES: plan.objectives,
        MEASURES: plan.measures,
        INDICATORS: plan.indicators,
    }
    out = {
        sheet: {r.code: (r.row, _plain(asdict(r))) for r in items} for sheet, items in parts.items()
    }
    out[SUCCESSION] = {
        f"{s.old_code} {s.date.isoformat()}": (s.row, _plain(asdict(s))) for s in plan.successions
    }
    return out


def differences(old: Plan, new: Plan, number: int, file: str) -> list[Issue]:
    """One issue per row added, removed or changed in ``new`` since version ``number``."""
    return list(_differences(rows(old), rows(new), number, file))


def _differences(
    old: dict[str, dict[str, tuple[int, dict[str, Any]]]],
    new: dict[str, dict[str, tuple[int, dict[str, Any]]]],
    number: int,
    file: str,
) -> Iterator[Issue]:
    for sheet, now in new.items():
        before = old.get(sheet, {})
        for code, (row, values) in now.items():
            params: dict[str, Any] = {"number": number, "row": row}
            if code not in before:
                yield Issue(C.PLAN_ROW_ADDED, file, sheet, value=code, params=params)
            elif before[code][1] != values:
                keys = [k for k in values if before[code][1].get(k) != values[k]]
                params["keys"] = ", ".join(keys)
                yield Issue(C.PLAN_ROW_CHANGED, file, sheet, value=code, params=params)
        for code, (row, _values) in before.items():
            if code not in now:
                params = {"number": number, "row": row}
                yield Issue(C.PLAN_ROW_REMOVED, file, sheet, value=code, params=params)
