"""The indicator passport: for each indicator, what the plan says of it and what it lacks.

SIGMA asks of every outcome indicator its source, formula, availability, responsible body,
baseline and target. The plan holds them as ``source``, ``aggregation`` (how the values add up
over time), ``frequency``, ``responsible``, ``baseline`` (with ``baseline_year``), the yearly
``target_YYYY`` and ``target_final``. A pure module: the plan in, one line per indicator out.
"""

from __future__ import annotations

from dataclasses import dataclass

from nsm_excel.plan.model import Indicator, Plan

# the facts a passport asks for, in the order they are listed as missing
ASKED = ("source", "baseline", "baseline_year", "targets", "target_final", "responsible")


@dataclass(frozen=True)
class PassportLine:
    code: str
    linked_code: str
    name_sq: str  # the definition, as the plan words it
    name_en: str
    unit: str
    direction: str
    aggregation: str
    frequency: str
    disaggregation: str
    source: str
    responsible: str
    baseline: float | None
    baseline_year: int | None
    targets: dict[int, float]
    target_final: float | None
    missing: tuple[str, ...]  # keys of :data:`ASKED` the plan leaves empty

    @property
    def complete(self) -> bool:
        return not self.missing


def passport(plan: Plan) -> tuple[PassportLine, ...]:
    return tuple(_line(indicator) for indicator in plan.indicators)


def _line(indicator: Indicator) -> PassportLine:
    present = {
        "source": bool(indicator.source),
        "baseline": indicator.baseline is not None,
        "baseline_year": indicator.baseline_year is not None,
        "targets": bool(indicator.targets),
        "target_final": indicator.target_final is not None,
        "responsible": bool(indicator.responsible),
    }
    return PassportLine(
        code=indicator.code,
        linked_code=indicator.linked_code,
        name_sq=indicator.name_sq,
        name_en=indicator.name_en,
        unit=indicator.unit,
        direction=indicator.direction,
        aggregation=indicator.aggregation,
        frequency=indicator.frequency,
        disaggregation=indicator.disaggregation,
        source=indicator.source,
        responsible=indicator.responsible,
        baseline=indicator.baseline,
        baseline_year=indicator.baseline_year,
        targets=dict(indicator.targets),
        target_final=indicator.target_final,
        missing=tuple(key for key in ASKED if not present[key]),
    )
