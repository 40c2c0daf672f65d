"""The strategy over its periods: each period's figures side by side, for trends.

A pure module. A :class:`History` holds the consolidated figures of several periods of the
calendar, in order (a closed period's from its frozen facts), and the plan whose rows the
history shows (the version in force for the last period). From it come the tables the master's
history sheets, the data package and the mid-term review render, computed once here:

- :func:`status_table`: each measure's status in each period ('' where it had no report);
- :func:`indicator_series`: each indicator's value and year figure in each period, against its
  baseline, yearly targets and final target;
- :func:`compliance`: each institution's reporting state in each period;
- :func:`budget_years`: planned, spent, execution and financing gap by plan year and source;
- :func:`compare`: a period's key figures against the previous period's.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from nsm_excel.consolidate import figures
from nsm_excel.consolidate.model import Consolidated, IndicatorLine, Overview
from nsm_excel.core.periods import Period, partition
from nsm_excel.core.vocab.terms import Funding
from nsm_excel.plan.model import Plan

NOT_EXPECTED = ""  # an institution's state in a period it was not expected to report


@dataclass(frozen=True)
class Moment:
    """One period of the history: where it stands in the calendar, and its figures (without
    what resends changed, which no output of a history shows, unless they were known already)."""

    period: Period
    state: str  # planned, open, closed or approved
    figures: Consolidated


@dataclass(frozen=True)
class History:
    moments: tuple[Moment, ...]  # in calendar order, first day first
    plan: Plan  # the version in force for the last period: the rows shown

    @property
    def periods(self) -> tuple[Period, ...]:
        return tuple(m.period for m in self.moments)

    @property
    def has_returns(self) -> bool:
        """Whether any period counts an accepted return."""
        return any(m.figures.overview.accepted for m in self.moments)

    def previous(self, period: Period) -> Moment | None:
        """The moment just before ``period``'s in the calendar (the report the committee saw
        last), or ``None`` for the first."""
        earlier = [m for m in self.moments if m.period < period]
        return earlier[-1] if earlier else None


@dataclass(frozen=True)
class StatusRow:
    code: str
    title_sq: str
    title_en: str
    goal: str
    objective: str
    statuses: tuple[str, ...]  # per moment: the lead's status code, '' when not reported
    due: tuple[bool, ...]  # per moment: whether it was due by the period's end


@dataclass(frozen=True)
class Point:
    period: str
    value: float | None  # the accepted value of the period
    year_value: float | None  # the year's figure up to that period, by the aggregation rule
    mid_year: bool


@dataclass(frozen=True)
class Series:
    code: str
    name_sq: str
    name_en: str
    unit: str
    direction: str
    aggregation: str
    responsible: str
    baseline: float | None
    baseline_year: int | None
    targets: dict[int, float]  # yearly targets of the plan
    target_final: float | None
    points: tuple[Point, ...]  # per moment


@dataclass(frozen=True)
class ComplianceRow:
    institution: str
    name_sq: str
    name_en: str
    states: tuple[str, ...]  # per moment: on time, late, rejected, missing, '' not expected


@dataclass(frozen=True)
class BudgetYear:
    """One plan year and one funding source. For the gap, ``planned`` is the plan's financing
    gap spread over the years in proportion to the yearly costs, and nothing is spent."""

    year: int
    source: str  # state, donor or gap
    planned: float
    spent: float | None  # None: no period of the year is in the history (or the gap)
    periods: tuple[str, ...] = ()  # the periods whose spending counts

    @property
    def execution(self) -> float | None:
        return None if self.spent is None else figures.execution(self.spent, self.planned)


@dataclass(frozen=True)
class Change:
    """A key figure now and in the previous period; ``difference`` in its own unit (points for
    a rate), ``None`` when either side is undefined."""

    name: str
    now: float | None
    before: float | None

    @property
    def difference(self) -> float | None:
        if self.now is None or self.before is None:
            return None
        return figures.finite(self.now - self.before)


def status_table(history: History) -> tuple[StatusRow, ...]:
    by_moment = [{m.code: m for m in moment.figures.measures} for moment in history.moments]
    rows = []
    for measure in history.plan.measures:
        lines = [found.get(measure.code) for found in by_moment]
        objective = history.plan.objective(measure.objective_code)
        rows.append(
            StatusRow(
                code=measure.code,
                title_sq=measure.title_sq,
                title_en=measure.title_en,
                goal=objective.parent_code if objective else "",
                objective=measure.objective_code,
                statuses=tuple((line.status or "") if line else "" for line in lines),
                due=tuple(bool(line and line.due) for line in lines),
            )
        )
    return tuple(rows)


def indicator_series(history: History) -> tuple[Series, ...]:
    by_moment = [{i.code: i for i in moment.figures.indicators} for moment in history.moments]
    found = []
    for indicator in history.plan.indicators:
        lines = [
            (moment, known.get(indicator.code))
            for moment, known in zip(history.moments, by_moment, strict=True)
        ]
        found.append(
            Series(
                code=indicator.code,
                name_sq=indicator.name_sq,
                name_en=indicator.name_en,
                unit=indicator.unit,
                direction=indicator.direction,
                aggregation=indicator.aggregation,
                responsible=indicator.responsible,
                baseline=indicator.baseline,
                baseline_year=indicator.baseline_year,
                targets=dict(indicator.targets),
                target_final=indicator.target_final,
                points=tuple(_point(moment.period, line) for moment, line in lines),
            )
        )
    return tuple(found)


def _point(period: Period, line: IndicatorLine | None) -> Point:
    if line is None:
        return Point(period.code, None, None, False)
    return Point(period.code, line.actual, line.year_value, line.mid_year)


def compliance(history: History) -> tuple[ComplianceRow, ...]:
    """Every institution expected in some period, in the plan's order, then any other."""
    by_moment = [{i.code: i for i in moment.figures.institutions} for moment in history.moments]
    codes = list(dict.fromkeys(code for known in by_moment for code in known))
    names = {i.code: (i.name_sq, i.name_en) for i in history.plan.institutions}
    for known in by_moment:
        for line in known.values():
            names.setdefault(line.code, (line.name_sq, line.name_en))
    order = {i.code: n for n, i in enumerate(history.plan.institutions)}
    codes.sort(key=lambda code: (order.get(code, len(order)), code))
    return tuple(
        ComplianceRow(
            institution=code,
            name_sq=names[code][0],
            name_en=names[code][1],
            states=tuple(
                known[code].state if code in known else NOT_EXPECTED for known in by_moment
            ),
        )
        for code in codes
    )


def budget_years(history: History, years: Sequence[int] = ()) -> tuple[BudgetYear, ...]:
    """Per plan year, the state and donor shares of the yearly costs with what was spent from
    them (the periods of the year that add up: an annual return on its own, else the halves or
    the quarters), and the financing gap spread over the years by their costs. ``years``: the
    plan's own by default."""
    years = tuple(years) or history.plan.years
    planned = _planned_by_year(history.plan, years)
    lines = []
    for year in years:
        spent, counted = _spent_in(history, year)
        for source in (Funding.STATE, Funding.DONOR):
            lines.append(
                BudgetYear(year, source.value, planned[year][source], spent.get(source), counted)
            )
        lines.append(BudgetYear(year, Funding.GAP.value, planned[year][Funding.GAP], None))
    return tuple(lines)


def _planned_by_year(plan: Plan, years: Sequence[int]) -> dict[int, dict[Funding, float]]:
    found = {year: dict.fromkeys(Funding, 0.0) for year in years}
    for measure in plan.measures:
        total = measure.total_cost
        shares = {
            Funding.STATE: measure.funding_state or 0.0,
            Funding.DONOR: measure.funding_donor or 0.0,
            Funding.GAP: measure.funding_gap or 0.0,
        }
        split = sum(shares.values())
        for year in years:
            cost = float(measure.costs.get(year) or 0.0)
            if not cost or not total:
                continue
            if split <= 0:  # no split in the plan: state-funded, as the period figures count it
                found[year][Funding.STATE] += cost
                continue
            for source, share in shares.items():
                found[year][source] += cost * share / split
    return found


def _spent_in(history: History, year: int) -> tuple[dict[Funding, float], tuple[str, ...]]:
    """What the periods of ``year`` in the history spent by source, and which periods count."""
    mine = {m.period: m for m in history.moments if m.period.year == year}
    if not mine:
        return {}, ()
    counted = partition(mine, year)
    spent = {Funding.STATE: 0.0, Funding.DONOR: 0.0}
    for period in counted:
        for measure in mine[period].figures.measures:
            spent[Funding.STATE] += measure.spent_state
            spent[Funding.DONOR] += measure.spent_donor
    return spent, tuple(p.code for p in counted)


def compare(now: Overview, before: Overview | None) -> tuple[Change, ...]:
    """The key figures of ``now`` beside ``before``'s (``None``: the first period)."""
    pairs = (
        ("reporting_rate", now.reporting_rate, before.reporting_rate if before else None),
        (
            "implementation_rate",
            now.implementation_rate,
            before.implementation_rate if before else None,
        ),
        ("budget_execution", now.execution, before.execution if before else None),
        ("accepted", float(now.accepted), float(before.accepted) if before else None),
        ("measures_due", float(now.due), float(before.due) if before else None),
    )
    return tuple(Change(name, value, earlier) for name, value, earlier in pairs)
