"""Each indicator's trajectory to its final target, from its trend: the mid-term review's test.

A pure module. The trend is the least-squares straight line through the baseline (at its
baseline year) and the indicator's year figures so far (one per year: that of the latest period
of the year whose figure covers the whole year; a mid-year figure is not a year's figure). The
line is projected to the plan's final year and compared with ``target_final``, the direction
taken into account: on track when the projection reaches the target (at or above it for an
indicator that should increase, at or below it for one that should decrease). Fewer than two
points (or all in one year) is "too few values"; no final target, "no target".
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from nsm_excel.consolidate import figures
from nsm_excel.consolidate.history import History, Series, indicator_series
from nsm_excel.core.vocab.terms import Direction

ON_TRACK = "on_track"
OFF_TRACK = "off_track"
TOO_FEW = "too_few"
NO_TARGET = "no_target"
VERDICTS = (ON_TRACK, OFF_TRACK, TOO_FEW, NO_TARGET)


@dataclass(frozen=True)
class Trajectory:
    series: Series
    points: tuple[tuple[int, float], ...]  # (year, value): the baseline first, then year figures
    final_year: int
    slope: float | None  # per year; None with too few values
    intercept: float | None  # the line's value at year 0 (as least squares gives it)
    projected: float | None  # the line's value in the final year
    verdict: str  # one of VERDICTS

    @property
    def code(self) -> str:
        return self.series.code


def trajectories(history: History) -> tuple[Trajectory, ...]:
    """The trajectory of every indicator of the history's plan, to the plan's last year."""
    final_year = max(history.plan.years)
    return tuple(trajectory(series, final_year) for series in indicator_series(history))


def trajectory(series: Series, final_year: int) -> Trajectory:
    points = year_points(series)
    line = least_squares(points)
    projected = None if line is None else figures.finite(line[0] * final_year + line[1])
    return Trajectory(
        series=series,
        points=points,
        final_year=final_year,
        slope=None if line is None else line[0],
        intercept=None if line is None else line[1],
        projected=projected,
        verdict=verdict(projected, series.target_final, series.direction),
    )


def year_points(series: Series) -> tuple[tuple[int, float], ...]:
    """The baseline at its year (when both are known), then one full-year figure per year."""
    by_year: dict[int, float] = {}
    if series.baseline is not None and series.baseline_year is not None:
        by_year[series.baseline_year] = float(series.baseline)
    for point in series.points:  # in calendar order: a later period of a year replaces
        if point.year_value is None or point.mid_year:
            continue
        by_year[int(point.period[:4])] = float(point.year_value)
    return tuple(sorted(by_year.items()))


def least_squares(points: Sequence[tuple[int, float]]) -> tuple[float, float] | None:
    """(slope, intercept) of the straight line nearest the points, or None for fewer than two
    distinct years."""
    if len({x for x, _ in points}) < 2:
        return None
    n = len(points)
    mean_x = sum(x for x, _ in points) / n
    mean_y = sum(y for _, y in points) / n
    spread = sum((x - mean_x) ** 2 for x, _ in points)
    slope = sum((x - mean_x) * (y - mean_y) for x, y in points) / spread
    return slope, mean_y - slope * mean_x


def verdict(projected: float | None, target: float | None, direction: str) -> str:
    if target is None:
        return NO_TARGET
    if projected is None:
        return TOO_FEW
    if direction == Direction.DECREASE.value:
        return ON_TRACK if projected <= target + 1e-9 else OFF_TRACK
    return ON_TRACK if projected >= target - 1e-9 else OFF_TRACK
