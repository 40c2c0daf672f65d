"""The plan's tables of the package: institutions, objectives, measures with their yearly costs,
indicators with their passport facts and yearly targets. A pure module.

The rows are those of the plan version in force for the last period exported (``in_plan``
true), then every code a period's figures name that this version no longer has (a renamed
institution, a dropped measure), with what the figures know of it: so every foreign key of the
period tables finds its row.
"""

from __future__ import annotations

from typing import Any

from nsm_excel.consolidate.history import History
from nsm_excel.consolidate.model import MeasureLine
from nsm_excel.consolidate.passport import passport
from nsm_excel.core.vocab import units
from nsm_excel.core.words import Word
from nsm_excel.outputs.package.labels import labelled, spec
from nsm_excel.outputs.package.schema import Reference, Table, fields

INSTITUTIONS = fields("code! name_sq name_en acronym_en type in_plan:boolean!")
OBJECTIVES = fields(
    "code! level parent_code title_sq title_en gcm_objectives sdg_targets in_plan:boolean!"
)
MEASURES = fields(
    "code! objective goal title_sq title_en lead supporting start end total_cost:number "
    "funding_state:number funding_donor:number funding_gap:number donors gcm_objectives "
    "target_groups gender_relevant:boolean output in_plan:boolean!"
)
COSTS = fields("measure! year:year! cost:number!")
INDICATORS = fields(
    f"code! linked_code name_sq name_en {spec('unit')} direction aggregation frequency "
    "disaggregation source responsible baseline:number baseline_year:year "
    "target_final:number missing complete:boolean in_plan:boolean!"
)
TARGETS = fields("indicator! year:year! target:number!")


def institutions(history: History) -> Table:
    rows: dict[str, dict[str, Any]] = {
        i.code: {
            "code": i.code,
            "name_sq": i.name_sq,
            "name_en": i.name_en,
            "acronym_en": i.acronym_en,
            "type": i.type,
            "in_plan": True,
        }
        for i in history.plan.institutions
    }
    for moment in history.moments:
        for line in moment.figures.institutions:
            rows.setdefault(line.code, _gone(line.code, name_sq=line.name_sq, name_en=line.name_en))
        for measure in moment.figures.measures:
            named = (
                measure.lead,
                *measure.supporting,
                *(c.institution for c in measure.contributions),
            )
            for code in named:
                rows.setdefault(code, _gone(code))
        for indicator in moment.figures.indicators:
            if indicator.responsible:
                rows.setdefault(indicator.responsible, _gone(indicator.responsible))
    return Table("institutions", INSTITUTIONS, ("code",), tuple(rows.values()))


def objectives(history: History) -> Table:
    rows: dict[str, dict[str, Any]] = {
        o.code: {
            "code": o.code,
            "level": o.level,
            "parent_code": o.parent_code or None,
            "title_sq": o.title_sq,
            "title_en": o.title_en,
            "gcm_objectives": o.gcm_objectives,
            "sdg_targets": o.sdg_targets,
            "in_plan": True,
        }
        for o in history.plan.objectives
    }
    for moment in history.moments:
        for line in moment.figures.measures:
            for code in (line.goal, line.objective):
                if code:
                    rows.setdefault(code, _gone(code))
    for row in list(rows.values()):
        if row.get("parent_code"):
            rows.setdefault(row["parent_code"], _gone(row["parent_code"]))
    refs = (Reference(("parent_code",), "", ("code",)),)  # "": this same table
    return Table("objectives", OBJECTIVES, ("code",), tuple(rows.values()), refs)


def measures(history: History) -> Table:
    rows: dict[str, dict[str, Any]] = {}
    for m in history.plan.measures:
        objective = history.plan.objective(m.objective_code)
        rows[m.code] = {
            "code": m.code,
            "objective": m.objective_code,
            "goal": (objective.parent_code if objective else "") or None,
            "title_sq": m.title_sq,
            "title_en": m.title_en,
            "lead": m.lead,
            "supporting": m.supporting,
            "start": m.start.code if m.start else None,
            "end": m.end.code if m.end else None,
            "total_cost": m.total_cost,
            "funding_state": m.funding_state,
            "funding_donor": m.funding_donor,
            "funding_gap": m.funding_gap,
            "donors": m.donors,
            "gcm_objectives": m.gcm_objectives,
            "target_groups": m.target_groups,
            "gender_relevant": m.gender_relevant,
            "output": m.output,
            "in_plan": True,
        }
    for moment in history.moments:
        for line in moment.figures.measures:
            rows.setdefault(line.code, _gone_measure(line))
    refs = (
        Reference(("objective",), "objectives", ("code",)),
        Reference(("goal",), "objectives", ("code",)),
        Reference(("lead",), "institutions", ("code",)),
    )
    return Table("measures", MEASURES, ("code",), tuple(rows.values()), refs)


def measure_costs(history: History) -> Table:
    rows = tuple(
        {"measure": m.code, "year": year, "cost": float(cost)}
        for m in history.plan.measures
        for year, cost in sorted(m.costs.items())
        if cost is not None
    )
    refs = (Reference(("measure",), "measures", ("code",)),)
    return Table("measure_costs", COSTS, ("measure", "year"), rows, refs)


def indicators(history: History) -> Table:
    rows: dict[str, dict[str, Any]] = {}
    for p in passport(history.plan):
        rows[p.code] = {
            "code": p.code,
            "linked_code": p.linked_code,
            "name_sq": p.name_sq,
            "name_en": p.name_en,
            **labelled("unit", p.unit, _unit_word(p.unit)),
            "direction": p.direction or None,
            "aggregation": p.aggregation,
            "frequency": p.frequency,
            "disaggregation": p.disaggregation,
            "source": p.source,
            "responsible": p.responsible or None,
            "baseline": p.baseline,
            "baseline_year": p.baseline_year,
            "target_final": p.target_final,
            "missing": p.missing,
            "complete": p.complete,
            "in_plan": True,
        }
    for moment in history.moments:
        for line in moment.figures.indicators:
            rows.setdefault(line.code, _gone_indicator(line.code, line.name_sq, line.name_en))
    refs = (Reference(("responsible",), "institutions", ("code",)),)
    return Table("indicators", INDICATORS, ("code",), tuple(rows.values()), refs)


def indicator_targets(history: History) -> Table:
    rows = tuple(
        {"indicator": i.code, "year": year, "target": target}
        for i in history.plan.indicators
        for year, target in sorted(i.targets.items())
    )
    refs = (Reference(("indicator",), "indicators", ("code",)),)
    return Table("indicator_targets", TARGETS, ("indicator", "year"), rows, refs)


def _unit_word(code: str) -> Word | None:
    unit = units.UNITS.get(code)
    return unit.word if unit else None


def _gone(code: str, **known: object) -> dict[str, Any]:
    return {"code": code, **known, "in_plan": False}


def _gone_measure(line: MeasureLine) -> dict[str, Any]:
    return _gone(
        line.code,
        objective=line.objective or None,
        goal=line.goal or None,
        title_sq=line.title_sq,
        title_en=line.title_en,
        lead=line.lead or None,
    )


def _gone_indicator(code: str, name_sq: str, name_en: str) -> dict[str, Any]:
    return _gone(code, name_sq=name_sq, name_en=name_en)
