"""Consolidation: the plan and the latest accepted returns merged into one set of figures.

A pure core: :func:`consolidate` takes the plan, the templates issued for a period and the
ledger's records, and returns a :class:`Consolidated` that both outputs (the master workbook
and the summary report) render without computing anything of their own.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from nsm_excel.consolidate import figures
from nsm_excel.core.issues import shown
from nsm_excel.core.periods import Period
from nsm_excel.plan.model import Measure, Plan
from nsm_excel.store.ledger import ACCEPTED, REJECTED, Received
from nsm_excel.store.register import IssuedTemplate

ON_TIME, LATE, REJECTED_ONLY, MISSING = "on time", "late", "rejected", "missing"
STATUS_ORDER = ("completed", "partial", "on_track", "delayed", "not_started", "cancelled", "")


@dataclass(frozen=True)
class InstitutionLine:
    code: str
    name_sq: str
    name_en: str
    contact: str
    state: str  # on time, late, rejected, missing
    files: int  # files identified as this institution's, any result
    rejected: int
    last_received: str
    accepted_file: str
    problems: tuple[str, ...]  # the error messages of the last rejected file, when not accepted
    problems_sq: tuple[str, ...] = ()  # the same in Albanian

    def problems_in(self, lang: str) -> tuple[str, ...]:
        return self.problems_sq if lang == "sq" and self.problems_sq else self.problems


@dataclass(frozen=True)
class Contribution:
    institution: str
    status: str | None
    progress: str
    spent_state: float
    spent_donor: float


@dataclass(frozen=True)
class MeasureLine:
    code: str
    goal: str
    objective: str
    title_sq: str
    title_en: str
    lead: str
    supporting: tuple[str, ...]
    start: str
    end: str
    planned: float
    funding_state: float
    funding_donor: float
    funding_gap: float
    gcm: tuple[int, ...]
    due: bool
    reported: bool
    status: str | None
    progress: str
    delay_reason: str
    next_steps: str
    evidence: str
    completion_date: str
    spent_state: float  # the lead's and every supporting institution's
    spent_donor: float
    source_file: str
    received_at: str
    contributions: tuple[Contribution, ...]
    implemented: bool

    @property
    def spent(self) -> float:
        return self.spent_state + self.spent_donor


@dataclass(frozen=True)
class IndicatorLine:
    code: str
    linked_code: str
    name_sq: str
    name_en: str
    unit: str
    direction: str
    responsible: str
    baseline: float | None
    target: float | None
    actual: float | None
    women: float | None
    men: float | None
    disaggregation: str
    comment: str
    progress: float | None
    light: str
    source_file: str


class _Implementation:
    """Implementation rate, its band and budget execution, from a group's counts and money."""

    due: int
    implemented: int
    planned: float
    spent: float

    @property
    def implementation_rate(self) -> float | None:
        return figures.rate(self.implemented, self.due)

    @property
    def band(self) -> str:
        return figures.band(self.implementation_rate)

    @property
    def execution(self) -> float | None:
        return figures.execution(self.spent, self.planned)


@dataclass(frozen=True)
class Rollup(_Implementation):
    """Measures grouped by a policy goal, an objective, a GCM objective or an institution."""

    key: str
    title_sq: str
    title_en: str
    measures: int
    due: int
    implemented: int
    reported: int
    planned: float
    spent: float
    gap: float
    statuses: dict[str, int]


@dataclass(frozen=True)
class Overview(_Implementation):
    period: str
    deadline: dt.date
    expected: int
    accepted: int
    on_time: int
    late: int
    rejected: int
    missing: int
    due: int
    implemented: int
    planned: float
    spent: float
    statuses: dict[str, int]
    gap: float = 0.0  # the plan's financing gap of all measures (all years)

    @property
    def reporting_rate(self) -> float | None:
        return figures.rate(self.accepted, self.expected)

    @property
    def on_time_rate(self) -> float | None:
        return figures.rate(self.on_time, self.expected)

    def to_dict(self) -> dict[str, Any]:
        return {
            "period": self.period,
            "deadline": self.deadline.isoformat(),
            "expected": self.expected,
            "accepted": self.accepted,
            "on_time": self.on_time,
            "late": self.late,
            "rejected": self.rejected,
            "missing": self.missing,
            "reporting_rate": self.reporting_rate,
            "on_time_rate": self.on_time_rate,
            "measures_due": self.due,
            "measures_implemented": self.implemented,
            "implementation_rate": self.implementation_rate,
            "implementation_band": self.band,
            "planned": self.planned,
            "spent": self.spent,
            "budget_execution": self.execution,
        }


@dataclass(frozen=True)
class AcceptedWarning:
    institution: str
    file: str
    sheet: str
    cell: str
    code: str
    message_en: str
    message_sq: str


@dataclass(frozen=True)
class Consolidated:
    period: Period
    overview: Overview
    institutions: tuple[InstitutionLine, ...]
    measures: tuple[MeasureLine, ...]
    indicators: tuple[IndicatorLine, ...]
    goals: tuple[Rollup, ...]
    objectives: tuple[Rollup, ...]
    gcm: tuple[Rollup, ...]
    by_institution: tuple[Rollup, ...]
    by_source: tuple[tuple[str, float, float], ...]  # (source, planned this year, spent)
    warnings: tuple[AcceptedWarning, ...] = field(default_factory=tuple)


def consolidate(
    plan: Plan,
    period: Period,
    deadline: dt.date,
    issued: Sequence[IssuedTemplate],
    records: Sequence[Received],
) -> Consolidated:
    """The period's figures from the latest accepted return of each institution."""
    mine = [r for r in records if r.period == period.code]
    current = {r.institution or "": r for r in mine if r.status == ACCEPTED and not r.superseded_by}
    expected = sorted({t.institution for t in issued if t.period == period.code})
    institutions = tuple(_institution(plan, code, mine, current, deadline) for code in expected)
    measures = tuple(_measure(plan, m, period, current) for m in plan.measures)
    indicators = tuple(_indicator(i, period, current) for i in plan.indicators)
    return Consolidated(
        period=period,
        overview=_overview(period, deadline, institutions, measures),
        institutions=institutions,
        measures=measures,
        indicators=indicators,
        goals=_by_goal(plan, measures),
        objectives=_by_objective(plan, measures),
        gcm=_by_gcm(measures),
        by_institution=_by_institution(plan, measures, current),
        by_source=_by_source(plan, period, measures),
        warnings=_warnings(current),
    )


def _institution(
    plan: Plan, code: str, mine: list[Received], current: dict[str, Received], deadline: dt.date
) -> InstitutionLine:
    files = sorted((r for r in mine if r.institution == code), key=lambda r: r.received_at)
    accepted = [r for r in files if r.status == ACCEPTED]
    rejected = [r for r in files if r.status == REJECTED]
    if accepted:
        state = ON_TIME if _day(accepted[0].received_at) <= deadline else LATE
    else:
        state = REJECTED_ONLY if rejected else MISSING
    problems: tuple[str, ...] = ()
    problems_sq: tuple[str, ...] = ()
    if not accepted and rejected:
        errors = [i for i in rejected[-1].issues if i["severity"] == "error"]
        problems = tuple(shown(i, "en") for i in errors)
        problems_sq = tuple(shown(i, "sq") for i in errors)
    known = {i.code: i for i in plan.institutions}
    info = known.get(code)
    contact = ", ".join(p for p in (info.contact_name, info.contact_email) if p) if info else ""
    return InstitutionLine(
        code=code,
        name_sq=info.name_sq if info else code,
        name_en=info.name_en if info else code,
        contact=contact,
        state=state,
        files=len(files),
        rejected=len(rejected),
        last_received=files[-1].received_at if files else "",
        accepted_file=current[code].original_name if code in current else "",
        problems=problems,
        problems_sq=problems_sq,
    )


def _day(stamp: str) -> dt.date:
    """The calendar day of a received time (UTC)."""
    return dt.datetime.fromisoformat(stamp).astimezone(dt.UTC).date()


# the figures of a return's rows: each is checked where it enters (see :func:`_rows`)
FIGURES = {
    "Measures": ("spent_state", "spent_donor"),
    "Indicators": ("actual", "actual_women", "actual_men"),
}


def _rows(record: Received | None, sheet: str) -> list[dict[str, Any]]:
    """The accepted rows of ``sheet``, each figure finite and within bounds or else None: the
    ledger may hold what an older run accepted (infinity, 1e308), and no sum may overflow."""
    values = record.accepted_values if record else None
    keys = FIGURES.get(sheet, ())
    return [
        {**row, **{key: figures.figure(row[key]) for key in keys if key in row}}
        for row in (values or {}).get(sheet) or []
        if isinstance(row, dict)
    ]


def _amount(value: Any) -> float:
    """A plan amount as the figures count it (the plan loader bounds them; so does this)."""
    return figures.figure(value) or 0.0


def _measure(
    plan: Plan, measure: Measure, period: Period, current: dict[str, Received]
) -> MeasureLine:
    objective = next((o for o in plan.objectives if o.code == measure.objective_code), None)
    lead_record = current.get(measure.lead)
    lead_row = next(
        (
            r
            for r in _rows(lead_record, "Measures")
            if r.get("measure_code") == measure.code and r.get("role") == "lead"
        ),
        None,
    )
    contributions = tuple(_contributions(measure, current))
    end_last = measure.end.last if measure.end else period.last
    due = figures.is_due(end_last, period.last)
    status = lead_row.get("status") if lead_row else None
    row = lead_row or {}
    return MeasureLine(
        code=measure.code,
        goal=objective.parent_code if objective else "",
        objective=measure.objective_code,
        title_sq=measure.title_sq,
        title_en=measure.title_en,
        lead=measure.lead,
        supporting=measure.supporting,
        start=measure.start.code if measure.start else "",
        end=measure.end.code if measure.end else "",
        planned=_amount(measure.costs.get(period.year)),
        funding_state=_amount(measure.funding_state),
        funding_donor=_amount(measure.funding_donor),
        funding_gap=_amount(measure.funding_gap),
        gcm=measure.gcm_objectives or (objective.gcm_objectives if objective else ()),
        due=due,
        reported=lead_row is not None,
        status=status,
        progress=row.get("progress") or "",
        delay_reason=row.get("delay_reason") or "",
        next_steps=row.get("next_steps") or "",
        evidence=row.get("evidence") or "",
        completion_date=row.get("completion_date") or "",
        spent_state=(row.get("spent_state") or 0.0) + sum(c.spent_state for c in contributions),
        spent_donor=(row.get("spent_donor") or 0.0) + sum(c.spent_donor for c in contributions),
        source_file=lead_record.original_name if lead_row and lead_record else "",
        received_at=lead_record.received_at if lead_row and lead_record else "",
        contributions=contributions,
        implemented=due and figures.is_implemented(status, end_last, period.first),
    )


def _contributions(measure: Measure, current: dict[str, Received]) -> list[Contribution]:
    found = []
    for code in measure.supporting:
        for row in _rows(current.get(code), "Measures"):
            if row.get("measure_code") == measure.code and row.get("role") == "support":
                found.append(
                    Contribution(
                        institution=code,
                        status=row.get("status"),
                        progress=row.get("progress") or "",
                        spent_state=row.get("spent_state") or 0.0,
                        spent_donor=row.get("spent_donor") or 0.0,
                    )
                )
    return found


def _indicator(indicator: Any, period: Period, current: dict[str, Received]) -> IndicatorLine:
    record = current.get(indicator.responsible)
    row = next(
        (r for r in _rows(record, "Indicators") if r.get("indicator_code") == indicator.code), {}
    )
    target = figures.figure(indicator.targets.get(period.year))
    baseline = figures.figure(indicator.baseline)
    actual = row.get("actual")
    progress = figures.indicator_progress(actual, baseline, target)
    return IndicatorLine(
        code=indicator.code,
        linked_code=indicator.linked_code,
        name_sq=indicator.name_sq,
        name_en=indicator.name_en,
        unit=indicator.unit,
        direction=indicator.direction,
        responsible=indicator.responsible,
        baseline=baseline,
        target=target,
        actual=actual,
        women=row.get("actual_women"),
        men=row.get("actual_men"),
        disaggregation=indicator.disaggregation,
        comment=row.get("comment") or "",
        progress=progress,
        light=figures.traffic_light(progress),
        source_file=record.original_name if row and record else "",
    )


def _statuses(measures: Sequence[MeasureLine]) -> dict[str, int]:
    counts = dict.fromkeys(STATUS_ORDER, 0)
    for m in measures:
        counts[m.status or ""] += 1
    return counts


def _rollup(key: str, title_sq: str, title_en: str, measures: Sequence[MeasureLine]) -> Rollup:
    return Rollup(
        key=key,
        title_sq=title_sq,
        title_en=title_en,
        measures=len(measures),
        due=sum(m.due for m in measures),
        implemented=sum(m.implemented for m in measures),
        reported=sum(m.reported for m in measures),
        planned=sum(m.planned for m in measures),
        spent=sum(m.spent for m in measures),
        gap=sum(m.funding_gap for m in measures),
        statuses=_statuses(measures),
    )


def _overview(
    period: Period,
    deadline: dt.date,
    institutions: Sequence[InstitutionLine],
    measures: Sequence[MeasureLine],
) -> Overview:
    states = [i.state for i in institutions]
    return Overview(
        period=period.code,
        deadline=deadline,
        expected=len(institutions),
        accepted=states.count(ON_TIME) + states.count(LATE),
        on_time=states.count(ON_TIME),
        late=states.count(LATE),
        rejected=states.count(REJECTED_ONLY),
        missing=states.count(MISSING),
        due=sum(m.due for m in measures),
        implemented=sum(m.implemented for m in measures),
        planned=sum(m.planned for m in measures),
        spent=sum(m.spent for m in measures),
        statuses=_statuses(measures),
        gap=sum(m.funding_gap for m in measures),
    )


def _by_goal(plan: Plan, measures: Sequence[MeasureLine]) -> tuple[Rollup, ...]:
    goals = [o for o in plan.objectives if o.level == "goal"]
    return tuple(
        _rollup(g.code, g.title_sq, g.title_en, [m for m in measures if m.goal == g.code])
        for g in goals
    )


def _by_objective(plan: Plan, measures: Sequence[MeasureLine]) -> tuple[Rollup, ...]:
    objectives = [o for o in plan.objectives if o.level == "objective"]
    return tuple(
        _rollup(o.code, o.title_sq, o.title_en, [m for m in measures if m.objective == o.code])
        for o in objectives
    )


def _by_gcm(measures: Sequence[MeasureLine]) -> tuple[Rollup, ...]:
    from nsm_excel.core.labels import GCM_OBJECTIVES

    numbers = sorted({n for m in measures for n in m.gcm})
    return tuple(
        _rollup(
            str(n),
            GCM_OBJECTIVES[n].get("sq"),
            GCM_OBJECTIVES[n].get("en"),
            [m for m in measures if n in m.gcm],
        )
        for n in numbers
        if n in GCM_OBJECTIVES
    )


def _by_institution(
    plan: Plan, measures: Sequence[MeasureLine], current: dict[str, Received]
) -> tuple[Rollup, ...]:
    """Measures each institution leads; spending as each institution reported it (all rows)."""
    lines = []
    for institution in plan.institutions:
        led = [m for m in measures if m.lead == institution.code]
        base = _rollup(institution.code, institution.name_sq, institution.name_en, led)
        rows = _rows(current.get(institution.code), "Measures")
        spent = sum((r.get("spent_state") or 0.0) + (r.get("spent_donor") or 0.0) for r in rows)
        lines.append(
            Rollup(**{**base.__dict__, "spent": spent})  # its own spending, lead and support
        )
    return tuple(lines)


def _by_source(
    plan: Plan, period: Period, measures: Sequence[MeasureLine]
) -> tuple[tuple[str, float, float], ...]:
    """Planned cost of the year split by the plan's funding shares, beside what was spent."""
    planned = {"state": 0.0, "donor": 0.0, "gap": 0.0}
    for line in measures:
        total = line.funding_state + line.funding_donor + line.funding_gap
        if total <= 0:
            planned["state"] += line.planned
            continue
        planned["state"] += line.planned * (line.funding_state / total)
        planned["donor"] += line.planned * (line.funding_donor / total)
        planned["gap"] += line.planned * (line.funding_gap / total)
    spent = {
        "state": sum(m.spent_state for m in measures),
        "donor": sum(m.spent_donor for m in measures),
        "gap": 0.0,
    }
    return tuple((source, planned[source], spent[source]) for source in planned)


def _warnings(current: dict[str, Received]) -> tuple[AcceptedWarning, ...]:
    return tuple(
        AcceptedWarning(
            institution=code,
            file=record.original_name,
            sheet=issue.get("sheet", ""),
            cell=issue.get("cell", ""),
            code=issue["code"],
            message_en=shown(issue, "en"),
            message_sq=shown(issue, "sq"),
        )
        for code, record in sorted(current.items())
        for issue in record.issues
        if issue.get("severity") == "warning"
    )
