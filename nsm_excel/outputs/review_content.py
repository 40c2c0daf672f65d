"""What the mid-term review shows, picked from a :class:`History`: the rows of its tables.

Pure: a history in, plain records out. The figures come from
:mod:`nsm_excel.consolidate.history` and :mod:`nsm_excel.consolidate.trajectory`; this module
only groups them as the review's sections read (goals with their objectives, challenges per
objective, the coming years of the budget).
"""

from __future__ import annotations

from dataclasses import dataclass

from nsm_excel.consolidate import history as h
from nsm_excel.consolidate.history import History
from nsm_excel.consolidate.model import Rollup
from nsm_excel.consolidate.passport import PassportLine, passport
from nsm_excel.consolidate.trajectory import VERDICTS, Trajectory, trajectories


@dataclass(frozen=True)
class RateRow:
    """A policy goal or an objective, and its roll-up in each period (None: no measure)."""

    code: str
    title_sq: str
    title_en: str
    level: str  # goal or objective
    rollups: tuple[Rollup | None, ...]


@dataclass(frozen=True)
class Challenge:
    """A delay reason a lead gave for a measure, and the periods it was given in."""

    measure: str
    title_sq: str
    title_en: str
    text: str
    periods: tuple[str, ...]


@dataclass(frozen=True)
class ObjectiveChallenges:
    code: str
    title_sq: str
    title_en: str
    challenges: tuple[Challenge, ...]


@dataclass(frozen=True)
class Remark:
    """What an institution wrote in its Cover's remarks, and the periods it wrote it in."""

    institution: str
    name_sq: str
    name_en: str
    text: str
    periods: tuple[str, ...]


@dataclass(frozen=True)
class Review:
    history: History
    rates: tuple[RateRow, ...]
    statuses: tuple[h.StatusRow, ...]
    trajectories: tuple[Trajectory, ...]
    verdicts: dict[str, int]  # how many indicators have each verdict
    budget: tuple[h.BudgetYear, ...]
    compliance: tuple[h.ComplianceRow, ...]
    challenges: tuple[ObjectiveChallenges, ...]
    passport: tuple[PassportLine, ...]
    remarks: tuple[Remark, ...] = ()

    @property
    def first(self) -> str:
        return self.history.moments[0].period.code

    @property
    def last(self) -> str:
        return self.history.moments[-1].period.code

    @property
    def accepted(self) -> int:
        return sum(m.figures.overview.accepted for m in self.history.moments)


def review(history: History) -> Review:
    found = trajectories(history)
    return Review(
        history=history,
        rates=rate_rows(history),
        statuses=h.status_table(history),
        trajectories=found,
        verdicts={v: sum(1 for t in found if t.verdict == v) for v in VERDICTS},
        budget=h.budget_years(history),
        compliance=h.compliance(history),
        challenges=challenges(history),
        passport=passport(history.plan),
        remarks=remarks(history),
    )


def rate_rows(history: History) -> tuple[RateRow, ...]:
    """Each goal of the plan, followed by its objectives, with their roll-up per period."""
    goals = [{r.key: r for r in m.figures.goals} for m in history.moments]
    objectives = [{r.key: r for r in m.figures.objectives} for m in history.moments]
    rows = []
    for goal in (o for o in history.plan.objectives if o.level == "goal"):
        members = [o for o in history.plan.objectives if o.parent_code == goal.code]
        for one, found in ((goal, goals), *((o, objectives) for o in members)):
            rows.append(
                RateRow(
                    code=one.code,
                    title_sq=one.title_sq,
                    title_en=one.title_en,
                    level=one.level,
                    rollups=tuple(known.get(one.code) for known in found),
                )
            )
    return tuple(rows)


def challenges(history: History) -> tuple[ObjectiveChallenges, ...]:
    """The delay reasons of each measure, period by period, gathered per objective (a reason
    given again in a later period is listed once, with every period it was given in)."""
    said: dict[str, dict[tuple[str, str], list[str]]] = {}
    for moment in history.moments:
        for line in moment.figures.measures:
            text = " ".join(line.delay_reason.split())
            if line.reported and text:
                given = said.setdefault(line.objective, {}).setdefault((line.code, text), [])
                given.append(moment.period.code)
    found = []
    for objective in (o for o in history.plan.objectives if o.code in said):
        listed = tuple(
            Challenge(code, *_title(history, code), text, tuple(periods))
            for (code, text), periods in said[objective.code].items()
        )
        found.append(
            ObjectiveChallenges(objective.code, objective.title_sq, objective.title_en, listed)
        )
    return tuple(found)


def _title(history: History, code: str) -> tuple[str, str]:
    for measure in history.plan.measures:
        if measure.code == code:
            return measure.title_sq, measure.title_en
    for moment in reversed(history.moments):  # a measure the plan in force no longer has
        for line in moment.figures.measures:
            if line.code == code:
                return line.title_sq, line.title_en
    return code, code


def remarks(history: History) -> tuple[Remark, ...]:
    """The remarks of each institution's counted returns, in the order institutions first
    appear (a remark repeated in a later period is listed once, with every period)."""
    said: dict[tuple[str, str], list[str]] = {}
    names: dict[str, tuple[str, str]] = {}
    for moment in history.moments:
        for line in moment.figures.institutions:
            if line.remarks:
                said.setdefault((line.code, line.remarks), []).append(moment.period.code)
                names[line.code] = (line.name_sq, line.name_en)
    return tuple(
        Remark(code, *names[code], text, tuple(periods)) for (code, text), periods in said.items()
    )
