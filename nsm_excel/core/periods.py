"""Reporting periods: ``YYYY``, ``YYYY-H1``/``H2``, ``YYYY-Q1``..``Q4``, with first and last day."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

_PATTERN = re.compile(r"^\s*(\d{4})\s*(?:[-/ ]\s*([HQhq])\s*([1-4]))?\s*$")


@dataclass(frozen=True, order=True)
class Period:
    """A span of months within one year. Ordered by first day, then by last day."""

    first: dt.date
    last: dt.date
    code: str

    @property
    def year(self) -> int:
        return self.first.year

    def contains(self, day: dt.date) -> bool:
        return self.first <= day <= self.last

    def __str__(self) -> str:
        return self.code


def parse_period(value: object) -> Period | None:
    """Read a period from a cell value; ``None`` when it is not one of the allowed forms."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        if float(value) != int(value):
            return None
        value = str(int(value))
    if not isinstance(value, str):
        return None
    return _period_of(value)


@lru_cache(maxsize=4096)
def _period_of(value: str) -> Period | None:
    """The period a text names (a plan's measures name the same few thousands of times)."""
    match = _PATTERN.match(value)
    if not match:
        return None
    year = int(match.group(1))
    if not 1900 <= year <= 2100:
        return None
    kind = (match.group(2) or "").upper()
    number = int(match.group(3) or 0)
    if not kind:
        return Period(dt.date(year, 1, 1), dt.date(year, 12, 31), f"{year}")
    months_per = 6 if kind == "H" else 3
    if number > 12 // months_per:
        return None
    first_month = (number - 1) * months_per + 1
    last_month = first_month + months_per - 1
    last_day = calendar.monthrange(year, last_month)[1]
    return Period(
        dt.date(year, first_month, 1), dt.date(year, last_month, last_day), f"{year}-{kind}{number}"
    )


def period_or_raise(value: str) -> Period:
    """Like :func:`parse_period`, for values a person gives on the command line or in the config."""
    period = parse_period(value)
    if period is None:
        raise ValueError(f"'{value}' is not a period: write 2025, 2025-H1 or 2025-Q3")
    return period


def last_finished_half_year(today: dt.date) -> Period:
    """The half-year that ended most recently before ``today`` (the usual period to report on)."""
    if today.month >= 7:
        return period_or_raise(f"{today.year}-H1")
    return period_or_raise(f"{today.year - 1}-H2")


def months(period: Period) -> int:
    """How many months ``period`` spans: 12, 6 or 3."""
    return period.last.month - period.first.month + 1


def partition(periods: Iterable[Period], year: int) -> list[Period]:
    """Periods of ``year`` among ``periods`` that never overlap, to add up: the whole year when
    it is there (an annual report covers the year); else the half-years or the quarters, those
    with more periods (half-years when equal). In order."""
    mine = sorted({p for p in periods if p.year == year})
    whole = [p for p in mine if months(p) == 12]
    if whole:
        return whole[:1]
    halves = [p for p in mine if months(p) == 6]
    quarters = [p for p in mine if months(p) == 3]
    return halves if len(halves) * 2 >= len(quarters) else quarters
