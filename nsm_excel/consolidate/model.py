"""The consolidated model of a period: the lines and roll-ups both outputs render.

Plain frozen records; :mod:`nsm_excel.consolidate.consolidation` builds them, the outputs only
lay them out. Texts from the plan come in Albanian and English (``title_sq``, ``title_en``);
:func:`nsm_excel.core.words.in_language` picks a language's, English when the plan has none.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from nsm_excel.consolidate import figures
from nsm_excel.consolidate.decided import AcceptedWarning as AcceptedWarning  # re-exported
from nsm_excel.consolidate.decided import DecisionLine
from nsm_excel.consolidate.resends import ChangeLine
from nsm_excel.core import words
from nsm_excel.core.periods import Period
from nsm_excel.core.vocab import statuses

ON_TIME, LATE, REJECTED_ONLY, MISSING = "on time", "late", "rejected", "missing"
STATUS_ORDER = statuses.ORDER  # 'no report' ('') last


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
    taken_over: tuple[str, ...] = ()  # codes it succeeded whose files count for it
    remarks: str = ""  # the Cover's remarks of the return counted

    def to_dict(self) -> dict[str, Any]:
        """Its fields but the remarks; ``taken_over`` only when it took over a code."""
        data = dict(self.__dict__)
        del data["remarks"]
        if not self.taken_over:
            del data["taken_over"]
        return data

    def problems_in(self, lang: str) -> tuple[str, ...]:
        """The problems in ``lang`` where the records hold them so, else in English."""
        return getattr(self, f"problems_{lang}", ()) or self.problems


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
    reported_by: str = ""  # who reported the lead row counted, when not the lead now
    gender_relevant: bool = False
    target_groups: tuple[str, ...] = ()  # codes of ``TargetGroup``
    sdg: tuple[str, ...] = ()  # its objective's SDG targets, as the plan writes them

    def source_in(self, lang: str) -> str:
        """The file counted, and who reported it when not the lead now."""
        if not self.reported_by:
            return self.source_file
        said = words.text("outputs.history.reported_by", lang, institution=self.reported_by)
        return f"{self.source_file} ({said})"

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
    progress: float | None  # of the year's figure to the year's target
    light: str  # grey for mid-year progress
    source_file: str
    aggregation: str = "latest"
    year_value: float | None = None  # the year's figure by the aggregation rule
    year_periods: tuple[str, ...] = ()  # the periods it counts
    mid_year: bool = False  # the periods counted do not cover the year: no traffic light
    target_final: float | None = None
    progress_final: float | None = None  # of the year's figure to the final target
    asked: bool = True  # the period's templates ask for it (a yearly one: only a whole year's)
    reported_by: str = ""  # who reported the value counted, when not the responsible now

    @property
    def women_share(self) -> float | None:
        """Women's share of the value, 0-100, where it is broken down by sex and not all zero."""
        return figures.share(self.women, self.men)

    def source_in(self, lang: str) -> str:
        """The file counted, and who reported it when not the responsible now."""
        if not self.reported_by:
            return self.source_file
        key = "outputs.history.reported_by_indicator"
        said = words.text(key, lang, institution=self.reported_by)
        return f"{self.source_file} ({said})"


@dataclass(frozen=True)
class Orphan:
    """An accepted row on a measure or indicator the plan no longer has: listed, never summed."""

    institution: str
    file: str
    sheet: str  # Measures or Indicators
    code: str
    role: str  # lead or support; '' for an indicator
    dropped_in: int | None  # the plan version that dropped it, when known
    status: str | None
    value: float | None  # an indicator's value
    spent_state: float
    spent_donor: float

    def reason_in(self, lang: str) -> str:
        if self.dropped_in is None:
            return words.text("outputs.history.not_in_plan", lang)
        return words.text("outputs.history.dropped_in", lang, version=self.dropped_in)


class _Implementation:
    """Implementation rate, its band and budget execution, from a group's counts and money."""

    due: int
    implemented: int
    planned: float
    spent: float
    reported_due: int  # measures due whose lead row was reported

    @property
    def implementation_rate(self) -> float | None:
        """Of all measures due, reported or not (SIGMA): ``None`` when none is due."""
        return figures.rate(self.implemented, self.due)

    @property
    def no_report(self) -> bool:
        """Measures are due and none of them was reported: a rate of 0 % says nothing here."""
        return self.due > 0 and self.reported_due == 0

    @property
    def band(self) -> str:
        return figures.band(self.implementation_rate)

    @property
    def execution(self) -> float | None:
        return figures.execution(self.spent, self.planned)


@dataclass(frozen=True)
class Rollup(_Implementation):
    """Measures grouped by a policy goal, an objective, a GCM objective or SDG target, a target
    group or an institution."""

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
    reported_due: int = 0
    gcm: tuple[int, ...] = ()  # a goal's or an objective's GCM objectives, from the plan
    sdg: tuple[str, ...] = ()  # a goal's or an objective's SDG targets, from the plan


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
    reported_due: int = 0

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
            "measures_due_reported": self.reported_due,
            "implementation_rate": self.implementation_rate,
            "implementation_band": self.band,
            "planned": self.planned,
            "spent": self.spent,
            "budget_execution": self.execution,
        }


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
    orphans: tuple[Orphan, ...] = ()  # reports on measures or indicators no longer in the plan
    sdg: tuple[Rollup, ...] = ()  # by SDG target the measures' objectives name
    target_groups: tuple[Rollup, ...] = ()  # by target group: a measure counts in each it names
    gender: tuple[Rollup, ...] = ()  # the gender-relevant measures by policy goal
    gender_total: Rollup | None = None  # all gender-relevant measures
    changes: tuple[ChangeLine, ...] = ()  # what counted resends changed (consolidate.resends)
    decisions: tuple[DecisionLine, ...] = ()  # the secretariat's (consolidate.decided)
