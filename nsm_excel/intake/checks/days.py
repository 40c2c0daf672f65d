"""The calendar day a file was received, as the rules compare it."""

from __future__ import annotations

import datetime as dt

# Albania's summer time: the latest calendar day in Tirana at any moment of the year, so that a
# file sent just after midnight there is never taken for one sent the day before
RECEIVED_ZONE = dt.timezone(dt.timedelta(hours=2))


def received_day(stamp: str) -> dt.date | None:
    """The calendar day of a received time (ISO text, as the ledger keeps it); None if unknown."""
    try:
        moment = dt.datetime.fromisoformat(stamp)
    except (TypeError, ValueError):
        return None
    return moment.astimezone(RECEIVED_ZONE).date() if moment.tzinfo else moment.date()
