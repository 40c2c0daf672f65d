"""Load ``action_plan.xlsx`` into a validated :class:`nsm_excel.plan.Plan`, all problems at once.

:func:`check_sheets` is the pure core (raw sheets in, plan and report out); :func:`load_plan` is
the edge that reads the file.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from nsm_excel.core.issue_codes import IssueCode as C
from nsm_excel.core.issues import Issue, Report
from nsm_excel.core.sheets import RawSheet, UnreadableWorkbook, cell_position, read_workbook
from nsm_excel.core.vocab import units
from nsm_excel.core.vocab.terms import Frequency
from nsm_excel.plan.columns import (
    INDICATORS,
    INSTITUTIONS,
    MEASURES,
    OBJECTIVES,
    OPTIONAL_SHEETS,
    SHEET_NAMES,
    SUCCESSION,
)
from nsm_excel.plan.edits import Answered, check_edits
from nsm_excel.plan.frames import SheetRows, check_sheet
from nsm_excel.plan.model import Indicator, Institution, Measure, Objective, Plan, Succession
from nsm_excel.plan.rules import Sheets, check_all
from nsm_excel.plan.succession_rules import check_succession


@dataclass(frozen=True)
class PlanCheck:
    """The outcome of reading a plan: the plan when it has no errors, and every issue found."""

    file: str
    plan: Plan | None
    report: Report = field(default_factory=Report)

    def to_dict(self) -> dict[str, Any]:
        version = self.plan.version if self.plan else None
        head = {"file": self.file, "plan_version": version, "counts": _counts(self.plan)}
        return head | self.report.to_dict()


def _counts(plan: Plan | None) -> dict[str, int]:
    if plan is None:
        return {}
    return {
        "institutions": len(plan.institutions),
        "goals": sum(o.level == "goal" for o in plan.objectives),
        "objectives": sum(o.level == "objective" for o in plan.objectives),
        "measures": len(plan.measures),
        "indicators": len(plan.indicators),
    }


def load_plan(
    path: Path, years: Sequence[int] = (), answered: Sequence[Answered] = ()
) -> PlanCheck:
    """Read and check the plan at ``path``; ``years`` are the Action Plan years of the config,
    ``answered`` the rows accepted returns answered (see :mod:`nsm_excel.plan_edits`)."""
    try:
        sheets = read_workbook(path, SHEET_NAMES + OPTIONAL_SHEETS)
    except UnreadableWorkbook as exc:
        issue = Issue(
            C.PLAN_FILE_UNREADABLE, path.name, params={"file": path.name, "reason": exc.reason}
        )
        return PlanCheck(path.name, None, Report([issue]))
    return check_sheets(sheets, years, path.name, answered)


def check_sheets(
    sheets: Mapping[str, RawSheet],
    years: Sequence[int],
    file: str,
    answered: Sequence[Answered] = (),
) -> PlanCheck:
    """The pure core: check the four sheets, apply the cross-sheet rules, build the plan."""
    report = Report()
    typed: dict[str, SheetRows] = {}
    for name in SHEET_NAMES:
        if name not in sheets:
            report.add(Issue(C.PLAN_MISSING_SHEET, file, name, params={"sheet_name": name}))
            typed[name] = SheetRows(name)
            continue
        rows, issues = check_sheet(sheets[name], file, years)
        typed[name] = rows
        report.extend(issues)
    bundle = Sheets(
        typed[INSTITUTIONS], typed[OBJECTIVES], typed[MEASURES], typed[INDICATORS], file, years
    )
    report.extend(check_all(bundle))
    successions = SheetRows(SUCCESSION)
    if SUCCESSION in sheets:  # optional: a plan without it has no successions
        successions, issues = check_sheet(sheets[SUCCESSION], file, years)
        report.extend(issues)
        report.extend(check_succession(bundle, successions))
    for name in (MEASURES, INDICATORS):
        report.extend(check_edits(typed[name], answered, file))
    report.issues.sort(key=_reading_order)
    plan = _build(bundle, successions) if report.valid else None
    return PlanCheck(file, plan, report)


def _reading_order(issue: Issue) -> tuple[int, int, int]:
    """Sheet by sheet, then top to bottom and left to right, as a person reads the plan."""
    order = SHEET_NAMES + OPTIONAL_SHEETS
    sheet = order.index(issue.sheet) if issue.sheet in order else -1
    return (sheet, *cell_position(issue.cell))


def _build(s: Sheets, successions: SheetRows) -> Plan:
    years = tuple(sorted(set(s.years) | set(s.measures.years) | set(s.indicators.years)))
    measures = tuple(_measure(r, s.measures.years) for r in s.measures.rows)
    leads = {m.code: m.lead for m in measures}
    return Plan(
        institutions=tuple(_institution(r) for r in s.institutions.rows),
        objectives=tuple(_objective(r) for r in s.objectives.rows),
        measures=measures,
        indicators=tuple(_indicator(r, s.indicators.years, leads) for r in s.indicators.rows),
        years=years,
        successions=tuple(_succession(r) for r in successions.rows if r.get("new_code")),
    )


def _succession(r: dict[str, Any]) -> Succession:
    return Succession(
        old_code=r["old_code"],
        new_codes=tuple(r["new_code"]),
        date=r["date"],
        note=_text(r, "note"),
        row=r["_row"],
    )


def _text(row: dict[str, Any], key: str) -> str:
    value = row.get(key)
    return "" if value is None else str(value)


def _institution(r: dict[str, Any]) -> Institution:
    return Institution(
        code=r["code"],
        name_sq=r["name_sq"],
        name_en=r["name_en"],
        acronym_en=_text(r, "acronym_en"),
        type=_text(r, "type"),
        contact_name=_text(r, "contact_name"),
        contact_email=_text(r, "contact_email"),
        language=_text(r, "language"),
        row=r["_row"],
    )


def _objective(r: dict[str, Any]) -> Objective:
    return Objective(
        code=r["code"],
        level=r["level"],
        parent_code=_text(r, "parent_code") if r["level"] == "objective" else "",
        title_sq=r["title_sq"],
        title_en=r["title_en"],
        gcm_objectives=r.get("gcm_objectives") or (),
        sdg_targets=r.get("sdg_targets") or (),
        row=r["_row"],
    )


def _measure(r: dict[str, Any], years: list[int]) -> Measure:
    return Measure(
        code=r["code"],
        objective_code=r["objective_code"],
        title_sq=r["title_sq"],
        title_en=r["title_en"],
        lead=r["lead"],
        supporting=r.get("supporting") or (),
        start=r["start"],
        end=r["end"],
        costs={y: float(r.get(f"cost_{y}") or 0.0) for y in years},
        funding_state=r.get("funding_state"),
        funding_donor=r.get("funding_donor"),
        funding_gap=r.get("funding_gap"),
        donors=_text(r, "donors"),
        gcm_objectives=r.get("gcm_objectives") or (),
        gender_relevant=r.get("gender_relevant") == "yes",
        output=_text(r, "output"),
        row=r["_row"],
        target_groups=r.get("target_groups") or (),
    )


def _indicator(r: dict[str, Any], years: list[int], leads: dict[str, str]) -> Indicator:
    unit = r["unit"]
    return Indicator(
        code=r["code"],
        linked_code=r["linked_code"],
        name_sq=r["name_sq"],
        name_en=r["name_en"],
        unit=unit,
        direction=(r.get("direction") or "increase") if units.unit(unit).directional else "",
        baseline=r.get("baseline"),
        baseline_year=r.get("baseline_year"),
        targets={y: r[f"target_{y}"] for y in years if r.get(f"target_{y}") is not None},
        target_final=r.get("target_final"),
        responsible=r.get("responsible") or leads.get(r["linked_code"], ""),
        disaggregation=r.get("disaggregation") or "none",
        source=_text(r, "source"),
        row=r["_row"],
        aggregation=r.get("aggregation") or units.unit(unit).aggregation.value,
        frequency=r.get("frequency") or Frequency.HALF_YEAR.value,
    )
