"""Days as the workspace sees them: a moment recorded in UTC, read in the workspace's time zone.

Receipt days and deadlines are judged in ``[calendar] time_zone`` (Europe/Tirane unless the
secretariat sets another): a file that arrives at 23:30 UTC on the deadline day arrived the next
day in Tirana. The zones come from the system or, on Windows, from the ``tzdata`` package.
"""

from __future__ import annotations

import datetime as dt
import functools
import zoneinfo

DEFAULT_ZONE = "Europe/Tirane"


@functools.cache
def zone(name: str) -> dt.tzinfo:
    """The time zone called ``name``; :class:`ValueError` naming it when there is none."""
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError) as exc:
        raise ValueError(f"'{name}' is not a time zone; write one such as {DEFAULT_ZONE}") from exc


def local_day(stamp: str, zone_name: str) -> dt.date:
    """The calendar day in ``zone_name`` of ``stamp`` (ISO text; a naive one is taken as UTC)."""
    moment = dt.datetime.fromisoformat(stamp)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(zone(zone_name)).date()


def local_time(stamp: str, zone_name: str) -> str:
    """``stamp`` as the clock in ``zone_name`` showed it, to the minute: ``31.07.2026 23:30``."""
    moment = dt.datetime.fromisoformat(stamp)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return f"{moment.astimezone(zone(zone_name)):%d.%m.%Y %H:%M}"


def today(zone_name: str, now: dt.datetime | None = None) -> dt.date:
    """The day it is now in ``zone_name``."""
    moment = now or dt.datetime.now(dt.UTC)
    return local_day(moment.isoformat(), zone_name)
