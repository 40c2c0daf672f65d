"""The shape the tool writes its JSON records in: a cover and rows of measures and indicators."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any


def cover_and_rows(value: Any, cover: str, tables: Sequence[str]) -> bool:
    """Whether ``value`` is a dict whose ``cover`` (when there) is a dict and whose ``tables``
    (when there) are lists of dicts."""
    return (
        isinstance(value, dict)
        and isinstance(value.get(cover, {}), dict)
        and all(isinstance(value.get(t, []), list) for t in tables)
        and all(isinstance(row, dict) for t in tables for row in value.get(t, []))
    )


def check(values: Any) -> None:
    """Accepted values have the shape the tool wrote: a Cover and rows of Measures and
    Indicators."""
    if values is not None and not cover_and_rows(values, "Cover", ("Measures", "Indicators")):
        raise ValueError("its accepted values are not a Cover and rows of Measures and Indicators")
