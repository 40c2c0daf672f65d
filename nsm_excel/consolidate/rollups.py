"""Roll-ups: the measure lines counted by policy goal, objective, GCM objective, SDG target,
target group, institution and funding source, the gender-relevant measures by goal, and the
period's overview."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

from nsm_excel.consolidate.model import (
    LATE,
    MISSING,
    ON_TIME,
    REJECTED_ONLY,
    STATUS_ORDER,
    InstitutionLine,
    MeasureLine,
    Overview,
    Rollup,
)
from nsm_excel.core.labels import GCM_OBJECTIVES, SDG_GOALS
from nsm_excel.core.periods import Period
from nsm_excel.core.vocab.terms import TargetGroup
from nsm_excel.plan.model import Plan


def _statuses(measures: Sequence[MeasureLine]) -> dict[str, int]:
    counts = dict.fromkeys(STATUS_ORDER, 0)
    for m in measures:
        counts[m.status or ""] += 1
    return counts


def _rollup(
    key: str,
    title_sq: str,
    title_en: str,
    measures: Sequence[MeasureLine],
    gcm: tuple[int, ...] = (),
    sdg: tuple[str, ...] = (),
) -> Rollup:
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
        reported_due=sum(m.due and m.reported for m in measures),
        gcm=gcm,
        sdg=sdg,
    )


def overview(
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
        reported_due=sum(m.due and m.reported for m in measures),
    )


def by_goal(plan: Plan, measures: Sequence[MeasureLine]) -> tuple[Rollup, ...]:
    goals = [o for o in plan.objectives if o.level == "goal"]
    return tuple(
        _rollup(
            g.code,
            g.title_sq,
            g.title_en,
            [m for m in measures if m.goal == g.code],
            g.gcm_objectives,
            g.sdg_targets,
        )
        for g in goals
    )


def by_objective(plan: Plan, measures: Sequence[MeasureLine]) -> tuple[Rollup, ...]:
    objectives = [o for o in plan.objectives if o.level == "objective"]
    return tuple(
        _rollup(
            o.code,
            o.title_sq,
            o.title_en,
            [m for m in measures if m.objective == o.code],
            o.gcm_objectives,
            o.sdg_targets,
        )
        for o in objectives
    )


def by_gcm(measures: Sequence[MeasureLine]) -> tuple[Rollup, ...]:
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


def by_sdg(measures: Sequence[MeasureLine]) -> tuple[Rollup, ...]:
    """By SDG target (``10.7``), in the targets' numeric order; titled by the target's goal."""
    targets = sorted({t for m in measures for t in m.sdg}, key=_sdg_order)
    lines = []
    for target in targets:
        head = target.partition(".")[0]
        goal = SDG_GOALS.get(int(head)) if head.isdigit() else None
        sq = f"{target} {goal.get('sq')}" if goal else target
        en = f"{target} {goal.get('en')}" if goal else target
        lines.append(_rollup(target, sq, en, [m for m in measures if target in m.sdg]))
    return tuple(lines)


def _sdg_order(target: str) -> tuple[tuple[int, str], ...]:
    """``8.8`` before ``10.7``, ``17.3`` before ``17.16``; letters (``10.c``) after numbers."""
    return tuple((int(part), "") if part.isdigit() else (10**6, part) for part in target.split("."))


def by_target_group(measures: Sequence[MeasureLine]) -> tuple[Rollup, ...]:
    """By target group, in the vocabulary's order, each group the measures name: a measure
    serving two groups counts, with its money, in both."""
    return tuple(
        _rollup(
            group.value,
            group.word.get("sq"),
            group.word.get("en"),
            [m for m in measures if group.value in m.target_groups],
        )
        for group in TargetGroup
        if any(group.value in m.target_groups for m in measures)
    )


def gender_by_goal(plan: Plan, measures: Sequence[MeasureLine]) -> tuple[Rollup, ...]:
    """The gender-relevant measures of each policy goal (a goal with none counts 0)."""
    return by_goal(plan, [m for m in measures if m.gender_relevant])


def gender_total(measures: Sequence[MeasureLine]) -> Rollup:
    relevant = [m for m in measures if m.gender_relevant]
    return _rollup("gender", "", "", relevant)


def by_institution(
    plan: Plan, measures: Sequence[MeasureLine], spent_by: Mapping[str, float]
) -> tuple[Rollup, ...]:
    """Measures each institution leads; spending as each institution reported it (all rows,
    ``spent_by``: each counted for the code that answers for it now)."""
    lines = []
    for institution in plan.institutions:
        led = [m for m in measures if m.lead == institution.code]
        base = _rollup(institution.code, institution.name_sq, institution.name_en, led)
        spent = spent_by.get(institution.code, 0.0)
        lines.append(
            Rollup(**{**base.__dict__, "spent": spent})  # its own spending, lead and support
        )
    return tuple(lines)


def by_source(
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
