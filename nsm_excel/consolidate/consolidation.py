"""Consolidation: the plan and the latest accepted returns merged into one set of figures.

A pure core: :func:`consolidate` takes the plan, the templates issued for a period and the
ledger's records, and returns a :class:`~nsm_excel.consolidate.model.Consolidated` that both
outputs (the master workbook and the summary report) render without computing anything of
their own. The lines are made here, the roll-ups in :mod:`nsm_excel.consolidate.rollups`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from nsm_excel.consolidate import figures, over_time, rollups
from nsm_excel.consolidate.model import (
    LATE,
    MISSING,
    ON_TIME,
    REJECTED_ONLY,
    AcceptedWarning,
    Consolidated,
    Contribution,
    IndicatorLine,
    InstitutionLine,
    MeasureLine,
)
from nsm_excel.consolidate.rows import accepted_rows, amount
from nsm_excel.core import clock
from nsm_excel.core.issues import shown
from nsm_excel.core.periods import Period, parse_period
from nsm_excel.plan.model import Indicator, Measure, Plan
from nsm_excel.store.ledger import ACCEPTED, REJECTED, Received
from nsm_excel.store.register import IssuedTemplate


def consolidate(
    plan: Plan,
    period: Period,
    deadline: dt.date,
    issued: Sequence[IssuedTemplate],
    records: Sequence[Received],
    earlier: Sequence[Received] = (),
    zone: str = clock.DEFAULT_ZONE,
) -> Consolidated:
    """The period's figures from the latest accepted return of each institution.

    ``earlier``: records of other periods (any kind, any year); the current accepted returns of
    the periods of the same year that end by this one's end count in the indicators' year
    figures (:mod:`nsm_excel.consolidate.over_time`). On time or late: the day a return was
    received, in the workspace's time ``zone``."""
    mine = [r for r in records if r.period == period.code]
    current = {r.institution or "": r for r in mine if r.status == ACCEPTED and not r.superseded_by}
    expected = sorted({t.institution for t in issued if t.period == period.code})
    institutions = tuple(
        _institution(plan, code, mine, current, deadline, zone) for code in expected
    )
    measures = tuple(_measure(plan, m, period, current) for m in plan.measures)
    year = year_records(period, current, earlier)
    indicators = tuple(_indicator(i, period, current, year) for i in plan.indicators)
    return Consolidated(
        period=period,
        overview=rollups.overview(period, deadline, institutions, measures),
        institutions=institutions,
        measures=measures,
        indicators=indicators,
        goals=rollups.by_goal(plan, measures),
        objectives=rollups.by_objective(plan, measures),
        gcm=rollups.by_gcm(measures),
        by_institution=rollups.by_institution(plan, measures, current),
        by_source=rollups.by_source(plan, period, measures),
        warnings=_warnings(current),
    )


def _institution(
    plan: Plan,
    code: str,
    mine: list[Received],
    current: dict[str, Received],
    deadline: dt.date,
    zone: str,
) -> InstitutionLine:
    files = sorted((r for r in mine if r.institution == code), key=lambda r: r.received_at)
    accepted = [r for r in files if r.status == ACCEPTED]
    rejected = [r for r in files if r.status == REJECTED]
    if accepted:
        state = ON_TIME if clock.local_day(accepted[0].received_at, zone) <= deadline else LATE
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


def _measure(
    plan: Plan, measure: Measure, period: Period, current: dict[str, Received]
) -> MeasureLine:
    objective = next((o for o in plan.objectives if o.code == measure.objective_code), None)
    lead_record = current.get(measure.lead)
    lead_row = next(
        (
            r
            for r in accepted_rows(lead_record, "Measures")
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
        planned=amount(measure.costs.get(period.year)),
        funding_state=amount(measure.funding_state),
        funding_donor=amount(measure.funding_donor),
        funding_gap=amount(measure.funding_gap),
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
        for row in accepted_rows(current.get(code), "Measures"):
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


def _indicator(
    indicator: Indicator, period: Period, current: dict[str, Received], year: YearRecords
) -> IndicatorLine:
    record = current.get(indicator.responsible)
    row = _indicator_row(record, indicator.code)
    target = figures.figure(indicator.targets.get(period.year))
    baseline = figures.figure(indicator.baseline)
    actual = row.get("actual")
    values = {
        p: _indicator_row(r, indicator.code).get("actual")
        for p, r in year.get(indicator.responsible, {}).items()
    }
    in_year = over_time.year_figure(indicator.aggregation, values, period.year)
    progress = in_year.progress(baseline, target)
    target_final = figures.figure(indicator.target_final)
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
        light=in_year.light(progress),
        source_file=record.original_name if row and record else "",
        aggregation=indicator.aggregation,
        year_value=in_year.value,
        year_periods=in_year.periods,
        mid_year=in_year.mid_year,
        target_final=target_final,
        progress_final=in_year.progress(baseline, target_final),
        asked=indicator.asked_in(period),
    )


def _indicator_row(record: Received | None, code: str) -> dict[str, Any]:
    rows = accepted_rows(record, "Indicators")
    return next((r for r in rows if r.get("indicator_code") == code), {})


YearRecords = dict[str, dict[Period, Received]]  # institution -> period -> its current return


def year_records(
    period: Period, current: dict[str, Received], earlier: Sequence[Received]
) -> YearRecords:
    """The current accepted return of each institution for each period of ``period``'s year
    that ends by its end: this period's from ``current``, the others' from ``earlier``."""
    found: YearRecords = {}
    for record in earlier:
        other = parse_period(record.period)
        if (
            other is None
            or other.code == period.code
            or other.year != period.year
            or other.last > period.last
            or record.status != ACCEPTED
            or record.superseded_by
        ):
            continue
        found.setdefault(record.institution or "", {})[other] = record
    for code, record in current.items():
        found.setdefault(code, {})[period] = record
    return found


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
