"""The Action Plan in memory: institutions, objectives, measures and indicators, validated.

Built by :mod:`nsm_excel.plan_loader` from ``action_plan.xlsx``. Every record remembers the Excel
row it came from, so later stages can point at the plan's own cells.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from functools import cached_property
from typing import Any

from nsm_excel.core.periods import Period
from nsm_excel.core.vocab.terms import Frequency
from nsm_excel.core.words import in_language

STATUS_ROLES = ("lead", "support")


@dataclass(frozen=True)
class Institution:
    code: str
    name_sq: str
    name_en: str
    acronym_en: str = ""
    type: str = ""
    contact_name: str = ""
    contact_email: str = ""
    language: str = ""  # '' means the workspace default
    row: int = 0

    def name(self, lang: str) -> str:
        return str(in_language(self, "name", lang))


@dataclass(frozen=True)
class Objective:
    code: str
    level: str  # "goal" or "objective"
    parent_code: str
    title_sq: str
    title_en: str
    gcm_objectives: tuple[int, ...] = ()
    sdg_targets: tuple[str, ...] = ()
    row: int = 0

    def title(self, lang: str) -> str:
        return str(in_language(self, "title", lang))


@dataclass(frozen=True)
class Measure:
    code: str
    objective_code: str
    title_sq: str
    title_en: str
    lead: str
    supporting: tuple[str, ...]
    start: Period | None
    end: Period | None
    costs: Mapping[int, float] = field(default_factory=dict)
    funding_state: float | None = None
    funding_donor: float | None = None
    funding_gap: float | None = None
    donors: str = ""
    gcm_objectives: tuple[int, ...] = ()
    gender_relevant: bool = False
    output: str = ""
    row: int = 0
    target_groups: tuple[str, ...] = ()  # codes of ``TargetGroup``

    def title(self, lang: str) -> str:
        return str(in_language(self, "title", lang))

    @property
    def total_cost(self) -> float:
        return float(sum(self.costs.values()))


@dataclass(frozen=True)
class Indicator:
    code: str
    linked_code: str
    name_sq: str
    name_en: str
    unit: str  # number, percent, amount, yes_no
    direction: str  # increase, decrease, or '' for yes_no
    baseline: float | None
    baseline_year: int | None
    targets: Mapping[int, float]
    target_final: float | None
    responsible: str  # as resolved: the given institution or the linked measure's lead
    disaggregation: str  # none or sex
    source: str = ""
    row: int = 0
    aggregation: str = "latest"  # latest, sum or cumulative (``core.vocab.terms.Aggregation``)
    frequency: str = "half-year"  # half-year or year (``core.vocab.terms.Frequency``)

    def name(self, lang: str) -> str:
        return str(in_language(self, "name", lang))

    def asked_in(self, period: Period) -> bool:
        """Whether a template of ``period`` asks for its value: a yearly indicator only in a
        template of the whole year."""
        whole_year = (period.first.month, period.last.month) == (1, 12)
        return self.frequency != Frequency.YEAR or whole_year


@dataclass(frozen=True)
class Succession:
    """A row of the Succession sheet: from ``date`` on, ``new_codes`` report for ``old_code``
    (one new code: a rename or a merge into it; several: a split)."""

    old_code: str
    new_codes: tuple[str, ...]
    date: dt.date
    note: str = ""
    row: int = 0


@dataclass(frozen=True)
class Plan:
    """A plan that passed validation (warnings allowed). Records keep the sheet's row order."""

    institutions: tuple[Institution, ...]
    objectives: tuple[Objective, ...]
    measures: tuple[Measure, ...]
    indicators: tuple[Indicator, ...]
    years: tuple[int, ...]
    successions: tuple[Succession, ...] = ()

    def institution(self, code: str) -> Institution:
        return next(i for i in self.institutions if i.code == code)

    def objective(self, code: str) -> Objective:
        return next(o for o in self.objectives if o.code == code)

    def measure(self, code: str) -> Measure:
        return next(m for m in self.measures if m.code == code)

    @cached_property  # a plan never changes: its fingerprint is worked out once
    def version(self) -> str:
        """A short fingerprint of the plan's content: changes whenever any value changes."""
        content = _plain(asdict(self))
        if not content["successions"]:  # a plan without the sheet keeps its fingerprint
            del content["successions"]
        payload = json.dumps(content, sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:12]


def _plain(value: Any) -> Any:
    """Make ``asdict`` output JSON-friendly, without the row numbers (moving rows is no change)."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items() if k != "row"}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value
