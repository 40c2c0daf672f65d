"""Consolidation: the plan and the latest accepted returns merged into one set of figures.

A pure core: :func:`consolidate` takes the plan, the templates issued for a period and the
ledger's records, and returns a :class:`~nsm_excel.consolidate.model.Consolidated` that the master
workbook and the summary report render as it is. Lines are made here, roll-ups in :mod:`.rollups`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

from nsm_excel.consolidate import attribution, decided, figures, over_time, resends, rollups
from nsm_excel.consolidate.attribution import Attribution, Found
from nsm_excel.consolidate.model import (
    LATE,
    MISSING,
    ON_TIME,
    REJECTED_ONLY,
    Consolidated,
    Contribution,
    IndicatorLine,
    InstitutionLine,
    MeasureLine,
    Overview,
)
from nsm_excel.consolidate.rows import accepted_rows, amount
from nsm_excel.consolidate.year_records import YearRecords, year_records
from nsm_excel.core import clock
from nsm_excel.core.issues import shown
from nsm_excel.core.periods import Period
from nsm_excel.plan.model import Indicator, Measure, Plan
from nsm_excel.store.decisions import Decision
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
    dropped_in: Mapping[tuple[str, str], int] | None = None,
    decisions: Sequence[Decision] = (),
    changes: bool = True,
) -> Consolidated:
    """The period's figures from the latest accepted return of each institution.

    Expected: the period's templates still expected, each under the code that answers for it
    on the period's last day (:mod:`nsm_excel.consolidate.attribution`); a return counts for
    the code that answers for its institution now, its rows for the measure where they live now.
    ``earlier``: records of other periods (any kind, any year); the current accepted returns of
    the periods of the same year that end by this one's end count in the indicators' year
    figures (:mod:`nsm_excel.consolidate.over_time`). On time or late: the day a return was
    received, in the workspace's time ``zone``. ``dropped_in``: the plan version that dropped
    each (sheet, code) no longer in ``plan``, for the rows still reported on it. ``decisions``:
    the secretariat's (:mod:`~.decided`). ``changes``: list what counted resends changed."""
    who, mine, current, institutions, measures = _lines(
        plan, period, deadline, issued, records, zone
    )
    year = year_records(period, current, earlier)
    indicators = tuple(_indicator(i, period, current, year, who) for i in plan.indicators)
    return Consolidated(
        period=period,
        overview=rollups.overview(period, deadline, institutions, measures),
        institutions=institutions,
        measures=measures,
        indicators=indicators,
        goals=rollups.by_goal(plan, measures),
        objectives=rollups.by_objective(plan, measures),
        gcm=rollups.by_gcm(measures),
        by_institution=rollups.by_institution(plan, measures, _spent_by(current, who)),
        by_source=rollups.by_source(plan, period, measures),
        warnings=decided.accepted_warnings(current, decisions),
        orphans=attribution.orphans(plan, current, dropped_in or {}),
        sdg=rollups.by_sdg(measures),
        target_groups=rollups.by_target_group(measures),
        gender=rollups.gender_by_goal(plan, measures),
        gender_total=rollups.gender_total(measures),
        changes=resends.of_period(mine) if changes else (),
        decisions=decided.of_period(decisions, mine, zone),
    )


def overview_and_lines(
    plan: Plan,
    period: Period,
    deadline: dt.date,
    issued: Sequence[IssuedTemplate],
    records: Sequence[Received],
    zone: str = clock.DEFAULT_ZONE,
) -> tuple[Overview, tuple[InstitutionLine, ...]]:
    """The overview and the institutions' lines of :func:`consolidate` alone (what ``nsm
    status`` shows), from the period's ``records``: no indicators, roll-ups or changes."""
    found = _lines(plan, period, deadline, issued, records, zone)
    return rollups.overview(period, deadline, found[3], found[4]), found[3]


def _lines(
    plan: Plan,
    period: Period,
    deadline: dt.date,
    issued: Sequence[IssuedTemplate],
    records: Sequence[Received],
    zone: str,
) -> tuple[
    Attribution,
    list[Received],
    list[Received],
    tuple[InstitutionLine, ...],
    tuple[MeasureLine, ...],
]:
    """Who answers for what, the period's records, its current returns, and its lines."""
    who = Attribution(plan, period.last)
    mine = [r for r in records if r.period == period.code]
    current = [r for r in mine if r.status == ACCEPTED and not r.superseded_by]
    institutions = tuple(
        _institution(plan, code, who, mine, deadline, zone)
        for code in who.expected(issued, period.code)
    )
    measures = tuple(_measure(plan, m, period, current, who) for m in plan.measures)
    return who, mine, current, institutions, measures


def _institution(
    plan: Plan,
    code: str,
    who: Attribution,
    mine: list[Received],
    deadline: dt.date,
    zone: str,
) -> InstitutionLine:
    files = sorted(who.files_of(code, mine), key=lambda r: r.received_at)
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
    counted = [r for r in accepted if not r.superseded_by]
    own = [r for r in counted if r.institution == code] or counted
    return InstitutionLine(
        code=code,
        name_sq=info.name_sq if info else code,
        name_en=info.name_en if info else code,
        contact=contact,
        state=state,
        files=len(files),
        rejected=len(rejected),
        last_received=files[-1].received_at if files else "",
        accepted_file=own[-1].original_name if own else "",
        problems=problems,
        problems_sq=problems_sq,
        taken_over=who.predecessors_in(code, files),
        remarks=_remarks(own[-1]) if own else "",
    )


def _remarks(record: Received) -> str:
    cover = (record.accepted_values or {}).get("Cover") or {}
    said = cover.get("remarks")
    return " ".join(said.split()) if isinstance(said, str) else ""


def _measure(
    plan: Plan, measure: Measure, period: Period, current: list[Received], who: Attribution
) -> MeasureLine:
    objective = next((o for o in plan.objectives if o.code == measure.objective_code), None)
    found = who.rows_on("Measures", measure.code, current)
    lead = who.best([f for f in found if f.row.get("role") == "lead"], measure.lead)
    order = {code: n for n, code in enumerate(measure.supporting)}
    others = sorted(
        (f for f in found if f is not lead),
        key=lambda f: (order.get(f.institution, len(order)), f.institution),
    )
    contributions = tuple(_contribution(f) for f in others)
    end_last = measure.end.last if measure.end else period.last
    due = figures.is_due(end_last, period.last)
    row = lead.row if lead else {}
    status = row.get("status") if lead else None
    reported_by = lead.institution if lead and lead.institution != measure.lead else ""
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
        reported=lead is not None,
        status=status,
        progress=row.get("progress") or "",
        delay_reason=row.get("delay_reason") or "",
        next_steps=row.get("next_steps") or "",
        evidence=row.get("evidence") or "",
        completion_date=row.get("completion_date") or "",
        spent_state=(row.get("spent_state") or 0.0) + sum(c.spent_state for c in contributions),
        spent_donor=(row.get("spent_donor") or 0.0) + sum(c.spent_donor for c in contributions),
        source_file=lead.record.original_name if lead else "",
        received_at=lead.record.received_at if lead else "",
        contributions=contributions,
        implemented=due and figures.is_implemented(status, end_last, period.first),
        reported_by=reported_by,
        gender_relevant=measure.gender_relevant,
        target_groups=measure.target_groups,
        sdg=objective.sdg_targets if objective else (),
    )


def _contribution(found: Found) -> Contribution:
    """A support row, or a lead row the current lead's own report outranks: its spending."""
    row = found.row
    return Contribution(
        institution=found.institution,
        status=row.get("status"),
        progress=row.get("progress") or "",
        spent_state=row.get("spent_state") or 0.0,
        spent_donor=row.get("spent_donor") or 0.0,
    )


def _spent_by(current: list[Received], who: Attribution) -> dict[str, float]:
    """What each code spent, every row counted once for the code that answers for it now."""
    spent: dict[str, float] = {}
    for record in current:
        for row in accepted_rows(record, "Measures"):
            code = who.owner(record.institution or "", str(row.get("measure_code") or ""))
            money = (row.get("spent_state") or 0.0) + (row.get("spent_donor") or 0.0)
            spent[code] = spent.get(code, 0.0) + money
    return spent


def _indicator(
    indicator: Indicator,
    period: Period,
    current: list[Received],
    year: YearRecords,
    who: Attribution,
) -> IndicatorLine:
    counted = who.best(who.rows_on("Indicators", indicator.code, current), indicator.responsible)
    row = counted.row if counted else {}
    target = figures.figure(indicator.targets.get(period.year))
    baseline = figures.figure(indicator.baseline)
    actual = row.get("actual")
    values = {}
    for other, records in year.items():
        found = who.best(who.rows_on("Indicators", indicator.code, records), indicator.responsible)
        values[other] = found.row.get("actual") if found else None
    in_year = over_time.year_figure(indicator.aggregation, values, period.year)
    progress = in_year.progress(baseline, target)
    target_final = figures.figure(indicator.target_final)
    reported_by = counted.institution if counted else ""
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
        source_file=counted.record.original_name if counted else "",
        aggregation=indicator.aggregation,
        year_value=in_year.value,
        year_periods=in_year.periods,
        mid_year=in_year.mid_year,
        target_final=target_final,
        progress_final=in_year.progress(baseline, target_final),
        asked=indicator.asked_in(period),
        reported_by="" if reported_by == indicator.responsible else reported_by,
    )
