"""An indicator's figure for a year from its values of the periods reported: the time rules.

A pure module: values by period in, the year's figure out. The rule is the indicator's
``aggregation`` (:class:`nsm_excel.core.vocab.terms.Aggregation`):

- ``latest`` and ``cumulative``: the value of the latest period of the year that has one (a
  level, a share, a running total as it stands);
- ``sum``: the sum of the periods that partition the year: H1 and H2, or the four quarters;
  the partition with the most periods reported is taken, halves before quarters when equal, so
  a value is never counted twice (a quarter inside a half-year).

An annual return (period ``YYYY``) covers the whole year: its value is the year's figure on its
own, whatever the rule (never H1 plus the annual value). A figure from periods that do not
cover the year (for ``sum``: not every part of it) is mid-year progress
(:attr:`YearFigure.mid_year`): shown as such, with no traffic light against a full-year target.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from nsm_excel.consolidate import figures
from nsm_excel.core.periods import Period, months, partition
from nsm_excel.core.vocab.terms import Aggregation

Values = Mapping[Period, float | None]  # an indicator's accepted value of each period


@dataclass(frozen=True)
class YearFigure:
    """The year's figure of one indicator and the periods it counts."""

    value: float | None
    periods: tuple[str, ...] = ()  # the codes of the periods counted, in order
    mid_year: bool = False  # the periods counted end before the year does

    def progress(self, baseline: float | None, target: float | None) -> float | None:
        """Progress from ``baseline`` to ``target`` (1.0: reached), as the figures define it."""
        return figures.indicator_progress(self.value, baseline, target)

    def light(self, progress: float | None) -> str:
        """The traffic light of ``progress``; grey for mid-year progress (no full-year light)."""
        return figures.GREY if self.mid_year else figures.traffic_light(progress)


NONE = YearFigure(None)


def year_figure(aggregation: str, values: Values, year: int) -> YearFigure:
    """The figure of ``year`` by the rule ``aggregation`` from ``values`` (other years ignored,
    periods without a value ignored)."""
    known = {p: v for p, v in values.items() if p.year == year and v is not None}
    whole = [p for p in known if months(p) == 12]
    if whole:
        period = max(whole)
        return YearFigure(known[period], (period.code,))
    if not known:
        return NONE
    if aggregation == Aggregation.SUM:
        return _sum(known, year)
    latest = max(known, key=lambda p: (p.last, p.first))
    return YearFigure(known[latest], (latest.code,), mid_year=latest.last.month != 12)


def _sum(known: Mapping[Period, float], year: int) -> YearFigure:
    parts = partition(known, year)
    total = float(sum(known[p] for p in parts))
    partial = len(parts) * months(parts[0]) < 12  # a period of the year not reported yet
    return YearFigure(total, tuple(p.code for p in parts), mid_year=partial)
