"""The figures the secretariat reports, defined once.

Pure functions over plain numbers; :mod:`nsm_excel.consolidate.consolidation` applies them to
the plan and the accepted returns. The same definitions are written out in ``docs/figures.md``.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

from nsm_excel.core.values import LARGEST
from nsm_excel.core.vocab import colours

# the bands and lights of the vocabulary (``nsm_excel.core.vocab.colours``), best first
BANDS = tuple((band.low, band.label) for band in colours.BANDS)
GREEN, AMBER, RED, GREY = colours.GREEN, colours.AMBER, colours.RED, colours.GREY
ON_TRACK_FROM, AMBER_FROM = 0.9, 0.5  # indicator progress thresholds of the traffic light


def figure(value: Any) -> float | None:
    """A number as the figures count it: finite and within :data:`LARGEST` either way, as intake
    accepts; anything else (NaN, infinity, 1e308 kept by an older run, text) is no figure."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    if isinstance(value, int) and abs(value) > LARGEST:
        return None
    number = float(value)
    return number if math.isfinite(number) and abs(number) <= LARGEST else None


def ratio(part: float, whole: float | None) -> float | None:
    """``part / whole``; ``None`` when there is nothing to divide by or the quotient overflows
    (a tiny whole), so that a ratio is finite or absent, never infinity or NaN."""
    if not whole:
        return None
    quotient = part / whole
    return quotient if math.isfinite(quotient) else None


def rate(part: float, whole: float | None) -> float | None:
    """``part / whole`` as a percent; ``None`` when there is nothing to divide by."""
    fraction = ratio(part, whole)
    return None if fraction is None else finite(100.0 * fraction)


def share(part: float | None, other: float | None) -> float | None:
    """``part``'s share of ``part + other``, 0-100; ``None`` when either is missing or
    both are 0."""
    if part is None or other is None:
        return None
    return rate(part, part + other)


def finite(value: float) -> float | None:
    return value if math.isfinite(value) else None


def band(percent: float | None) -> str:
    """The implementation band: > 90 %, 70-90 %, 50-70 %, 30-50 %, < 30 % ('' when undefined).

    A rate of exactly 90 is in 70-90 %; exactly 70 in 70-90 %; the lower bound belongs to a band.
    """
    if percent is None:
        return ""
    if percent > 90.0:
        return BANDS[0][1]
    return next(label for low, label in BANDS[1:] if percent >= low)


def is_due(end_last: dt.date, period_last: dt.date) -> bool:
    """A measure is due in a period when its end falls in or before the period."""
    return end_last <= period_last


def is_implemented(status: str | None, end_last: dt.date, period_first: dt.date) -> bool:
    """Counts for the implementation rate: completed, or on track where still running.

    "Still running" is a measure due in this period whose end falls inside the period: it may
    still finish on schedule before the period closes.
    """
    if status == "completed":
        return True
    return status == "on_track" and end_last >= period_first


def indicator_progress(
    actual: float | None, baseline: float | None, target: float | None
) -> float | None:
    """(actual - baseline) / (target - baseline): 1.0 means the target is reached.

    The same formula serves decrease indicators (target below baseline, the signs turn with
    it). ``None`` when a value is missing or the target equals the baseline. Never capped.
    """
    if actual is None or baseline is None or target is None or target == baseline:
        return None
    return ratio(actual - baseline, target - baseline)


def capped(progress: float | None) -> float | None:
    """Progress for display, between 0 and 1 (storage keeps the true value)."""
    return None if progress is None else min(max(progress, 0.0), 1.0)


def traffic_light(progress: float | None) -> str:
    """green >= 90 % of the way to the target, amber >= 50 %, red below, grey undefined."""
    if progress is None:
        return GREY
    if progress >= ON_TRACK_FROM:
        return GREEN
    return AMBER if progress >= AMBER_FROM else RED


def execution(spent: float, planned: float) -> float | None:
    """Budget execution: spent (state + donor) / planned cost, as a percent."""
    return rate(spent, planned)
