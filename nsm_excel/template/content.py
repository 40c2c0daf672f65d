"""What one institution's template holds for a period: the pure core of generation.

Rows are dicts keyed by the template's column keys (:mod:`nsm_excel.template_columns`), holding
the pre-filled values exactly as they are written to the locked cells; the register keeps the same
dicts, so a return is checked against what was issued.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from nsm_excel.core import labels
from nsm_excel.core.periods import Period
from nsm_excel.core.vocab.terms import Disaggregation
from nsm_excel.plan.model import Indicator, Institution, Measure, Plan
from nsm_excel.store.config import Config
from nsm_excel.template import carry
from nsm_excel.template.columns import INPUTS_ADDED

DISAGGREGATIONS = Disaggregation.words()


@dataclass(frozen=True)
class Identity:
    """Who a template is for and which issue it is; written into the file in several places."""

    template_id: str
    institution: str
    period: str
    version: int
    plan_version: str  # the plan's fingerprint
    plan_number: int = 0  # the adopted version's number and first day, when the records know them
    plan_effective: dt.date | None = None

    def as_dict(self) -> dict[str, str]:
        return {
            "template_id": self.template_id,
            "institution": self.institution,
            "period": self.period,
            "template_version": str(self.version),
            "plan_version": self.plan_version,
        }


@dataclass(frozen=True)
class TemplateContent:
    institution: Institution
    language: str
    period: Period
    deadline: dt.date
    measures: tuple[dict[str, Any], ...]
    indicators: tuple[dict[str, Any], ...]

    @property
    def empty(self) -> bool:
        return not self.measures and not self.indicators

    def prefilled(self) -> dict[str, Any]:
        """The locked content as JSON-ready data, for the register."""
        return {
            "institution": self.institution.code,
            "period": self.period.code,
            "language": self.language,
            "measures": [dict(r) for r in self.measures],
            "indicators": [dict(r) for r in self.indicators],
            "inputs_added": list(INPUTS_ADDED),  # a template issued before has none of them
        }


def build(
    plan: Plan,
    config: Config,
    institution: Institution,
    period: Period,
    deadline: dt.date,
    earlier: Iterable[carry.Answer] = (),
) -> TemplateContent:
    """The template content of ``institution``: lead rows, then support rows, then indicators
    (those asked for in ``period``), each with the answers carried from ``earlier`` returns.

    ``deadline`` is the period's own, from the calendar."""
    lang = institution.language or config.language
    carried = carry.carry(period, earlier, lang)
    lead = [m for m in plan.measures if m.lead == institution.code]
    support = [m for m in plan.measures if institution.code in m.supporting]
    rows = [_measure_row(m, "lead", lang, period) | carried.measure(m.code, "lead") for m in lead]
    rows += [
        _measure_row(m, "support", lang, period) | carried.measure(m.code, "support")
        for m in support
    ]
    indicators = [
        _indicator_row(i, lang, period) | carried.indicator(i.code)
        for i in plan.indicators
        if i.responsible == institution.code and i.asked_in(period)
    ]
    return TemplateContent(
        institution=institution,
        language=lang,
        period=period,
        deadline=deadline,
        measures=tuple(rows),
        indicators=tuple(indicators),
    )


def _number(value: float | None) -> float | int | None:
    if value is None:
        return None
    return int(value) if float(value).is_integer() else value


def _measure_row(measure: Measure, role: str, lang: str, period: Period) -> dict[str, Any]:
    return {
        "measure_code": measure.code,
        "role": role,
        "role_label": labels.ROLES[role].get(lang),
        "objective_code": measure.objective_code,
        "title": measure.title(lang),
        "output": measure.output,
        "target_groups": "; ".join(
            _word(labels.TARGET_GROUPS, g, lang) for g in measure.target_groups
        ),
        "lead": measure.lead,
        "supporting": "; ".join(measure.supporting),
        "start": measure.start.code if measure.start else "",
        "end": measure.end.code if measure.end else "",
        "planned_cost": _number(measure.costs.get(period.year, 0.0)),
    }


def _indicator_row(indicator: Indicator, lang: str, period: Period) -> dict[str, Any]:
    return {
        "indicator_code": indicator.code,
        "linked_code": indicator.linked_code,
        "name": indicator.name(lang),
        "unit": indicator.unit,
        "unit_label": _word(labels.UNITS, indicator.unit, lang),
        "baseline": _number(indicator.baseline),
        "target": _number(indicator.targets.get(period.year)),
        "disaggregation": indicator.disaggregation,
        "disaggregation_label": _word(DISAGGREGATIONS, indicator.disaggregation, lang),
    }


def _word(found: dict[str, Any], code: str, lang: str) -> str:
    """The label of ``code`` in ``lang``; the code itself when the vocabulary has no word."""
    word = found.get(code)
    return word.get(lang) if word is not None else code
