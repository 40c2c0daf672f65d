"""The returns an indicator's year figure reads: the current accepted ones of each period of the
year that ends by the period consolidated (:mod:`nsm_excel.consolidate.over_time` makes the
figure from their values)."""

from __future__ import annotations

from collections.abc import Sequence

from nsm_excel.core.periods import Period, parse_period
from nsm_excel.store.ledger import ACCEPTED, Received

YearRecords = dict[Period, list[Received]]  # period -> the current accepted returns


def year_records(
    period: Period, current: list[Received], earlier: Sequence[Received]
) -> YearRecords:
    """The current accepted returns of each period of ``period``'s year that ends by its end:
    this period's from ``current``, the others' from ``earlier``."""
    found: YearRecords = {}
    for record in earlier:
        other = parse_period(record.period)
        if (
            other is None
            or other.code == period.code
            or other.year != period.year
            or other.last > period.last
            or record.status != ACCEPTED
            or record.superseded_by
        ):
            continue
        found.setdefault(other, []).append(record)
    if current:
        found[period] = list(current)
    return found
