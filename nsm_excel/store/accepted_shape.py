"""The shape of a record's accepted values: a Cover and rows of Measures and Indicators."""

from __future__ import annotations

from typing import Any


def check(values: Any) -> None:
    """Accepted values have the shape the tool wrote: a Cover and rows of Measures and
    Indicators."""
    if values is None:
        return
    tables = ("Measures", "Indicators")
    if not (
        isinstance(values, dict)
        and isinstance(values.get("Cover", {}), dict)
        and all(isinstance(values.get(t, []), list) for t in tables)
        and all(isinstance(row, dict) for t in tables for row in values.get(t, []))
    ):
        raise ValueError("its accepted values are not a Cover and rows of Measures and Indicators")
