"""The calendar day a file was received, as the rules compare it: in the workspace's time zone."""

from __future__ import annotations

import datetime as dt

from nsm_excel.core import clock


def received_day(stamp: str, zone: str = clock.DEFAULT_ZONE) -> dt.date | None:
    """The day in ``zone`` of a received time (ISO text, as the ledger keeps it); None if unknown.

    A stamp without a zone is taken as the day it names."""
    try:
        moment = dt.datetime.fromisoformat(stamp)
    except (TypeError, ValueError):
        return None
    return clock.local_day(stamp, zone) if moment.tzinfo else moment.date()
