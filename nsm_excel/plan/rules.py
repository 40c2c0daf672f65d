"""Rules that span sheets: references exist, levels and parents are right, spans and money add up.

Each rule reads typed rows (:class:`nsm_excel.plan_frames.SheetRows`) and returns issues; a value
already reported by the schema is ``None`` here and is not reported twice.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from nsm_excel.core.issue_codes import IssueCode as C
from nsm_excel.core.issues import Issue
from nsm_excel.core.periods import Period
from nsm_excel.core.vocab import units
from nsm_excel.core.vocab.terms import Aggregation
from nsm_excel.plan.columns import MEASURES
from nsm_excel.plan.frames import SheetRows

FUNDING_TOLERANCE = 1.0  # lek


@dataclass(frozen=True)
class Sheets:
    institutions: SheetRows
    objectives: SheetRows
    measures: SheetRows
    indicators: SheetRows
    file: str
    years: Sequence[int]

    def issue(
        self, code: str, sheet: SheetRows, key: str, row: dict[str, Any], **params: Any
    ) -> Issue:
        value = params.pop("value", row.get(key))
        text = "" if value is None else str(value)
        cell = sheet.cell(key, row["_row"])
        return Issue(code, self.file, sheet.name, cell, key, text, {"key": key, **params})

    def codes(self, sheet: SheetRows, **where: str) -> set[str]:
        return {
            r["code"]
            for r in sheet.rows
            if r.get("code") and all(r.get(k) == v for k, v in where.items())
        }


def check_all(sheets: Sheets) -> list[Issue]:
    issues: list[Issue] = []
    for rule in (_objectives, _measures, _indicators):
        issues.extend(rule(sheets))
    if not sheets.measures.rows:
        issues.append(Issue(C.PLAN_NO_MEASURES, sheets.file, MEASURES))
    return issues


def _objectives(s: Sheets) -> Iterator[Issue]:
    goals = s.codes(s.objectives, level="goal")
    parents_used: set[str] = set()
    for row in s.objectives.rows:
        parent = row.get("parent_code")
        if row.get("level") == "goal" and parent:
            yield s.issue(C.PLAN_GOAL_WITH_PARENT, s.objectives, "parent_code", row)
        elif row.get("level") == "objective":
            if not parent:
                yield s.issue(C.PLAN_REQUIRED, s.objectives, "parent_code", row)
            elif parent not in goals:
                yield s.issue(C.PLAN_BAD_PARENT, s.objectives, "parent_code", row)
            else:
                parents_used.add(parent)
    for row in s.objectives.rows:
        if row.get("level") == "goal" and row.get("code") and row["code"] not in parents_used:
            yield s.issue(C.PLAN_GOAL_WITHOUT_OBJECTIVES, s.objectives, "code", row)


def _measures(s: Sheets) -> Iterator[Issue]:
    institutions = s.codes(s.institutions)
    objectives = s.codes(s.objectives, level="objective")
    all_objectives = s.codes(s.objectives)
    for row in s.measures.rows:
        if row.get("code") in all_objectives:
            yield s.issue(C.PLAN_CODE_CLASH, s.measures, "code", row)
        objective = row.get("objective_code")
        if objective and s.objectives.readable and objective not in objectives:
            yield s.issue(C.PLAN_UNKNOWN_OBJECTIVE, s.measures, "objective_code", row)
        lead = row.get("lead")
        known = institutions if s.institutions.readable else None
        if lead and known is not None and lead not in known:
            yield s.issue(C.PLAN_UNKNOWN_INSTITUTION, s.measures, "lead", row)
        for code in row.get("supporting") or ():
            if code == lead:
                yield s.issue(C.PLAN_LEAD_IN_SUPPORTING, s.measures, "supporting", row, value=code)
            elif known is not None and code not in known:
                yield s.issue(C.PLAN_UNKNOWN_INSTITUTION, s.measures, "supporting", row, value=code)
        yield from _span(s, row)
        yield from _funding(s, row)


def _span(s: Sheets, row: dict[str, Any]) -> Iterator[Issue]:
    start: Period | None = row.get("start")
    end: Period | None = row.get("end")
    if start and end and end.last < start.last:
        yield s.issue(C.PLAN_END_BEFORE_START, s.measures, "end", row, value=end.code, start=start)
    for key, period in (("start", start), ("end", end)):
        if period and s.years and not min(s.years) <= period.year <= max(s.years):
            years = f"{min(s.years)}-{max(s.years)}"
            yield s.issue(
                C.PLAN_OUTSIDE_ACTION_PLAN, s.measures, key, row, value=period, years=years
            )


def _funding(s: Sheets, row: dict[str, Any]) -> Iterator[Issue]:
    parts = [row.get(k) for k in ("funding_state", "funding_donor", "funding_gap")]
    if all(p is None for p in parts) or any(
        k.startswith(("cost_", "funding_")) for k in row["_bad"]
    ):
        return  # nothing to compare, or a value already reported
    costs = [v for k, v in row.items() if k.startswith("cost_") and v is not None]
    total = float(sum(costs))
    split = float(sum(p or 0.0 for p in parts))
    if abs(split - total) > FUNDING_TOLERANCE:
        state, donor, gap = (_lek(p or 0.0) for p in parts)
        yield s.issue(
            C.PLAN_FUNDING_MISMATCH,
            s.measures,
            "funding_state",
            row,
            value="",
            state=state,
            donor=donor,
            gap=gap,
            split=_lek(split),
            total=_lek(total),
        )


def _lek(amount: float) -> str:
    return f"{amount:,.0f}".replace(",", " ")


def _indicators(s: Sheets) -> Iterator[Issue]:
    institutions = s.codes(s.institutions)
    measures = s.codes(s.measures)
    objectives = s.codes(s.objectives)
    for row in s.indicators.rows:
        linked = row.get("linked_code")
        both_read = s.measures.readable and s.objectives.readable
        if linked and both_read and linked not in measures and linked not in objectives:
            yield s.issue(C.PLAN_UNKNOWN_LINKED_CODE, s.indicators, "linked_code", row)
        responsible = row.get("responsible")
        if responsible and s.institutions.readable and responsible not in institutions:
            yield s.issue(C.PLAN_UNKNOWN_INSTITUTION, s.indicators, "responsible", row)
        if linked in objectives and linked not in measures and not responsible:
            yield s.issue(
                C.PLAN_RESPONSIBLE_REQUIRED,
                s.indicators,
                "responsible",
                row,
                value="",
                linked=linked,
            )
        yield from _indicator_values(s, row)


def _indicator_values(s: Sheets, row: dict[str, Any]) -> Iterator[Issue]:
    unit = units.unit(row.get("unit"))
    keys = ["baseline", "target_final"] + [k for k in row if k.startswith("target_2")]
    for key in keys:
        value = row.get(key)
        if value is not None and unit.plan_issue and not unit.holds(value):
            yield s.issue(unit.plan_issue, s.indicators, key, row, value=_num(value))
    if not unit.directional and row.get("direction"):
        yield s.issue(C.PLAN_DIRECTION_ON_YES_NO, s.indicators, "direction", row)
    if row.get("aggregation") == Aggregation.SUM and not unit.summable:
        yield s.issue(C.PLAN_SUM_NOT_ADDABLE, s.indicators, "aggregation", row, unit=unit.code)


def _num(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)
