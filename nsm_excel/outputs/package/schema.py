"""A table of the data package as data: its fields with their Table Schema types, its primary
key and foreign keys, its rows; and the one way a value is written into a CSV cell.

The package is for programs (pandas, R, frictionless): values are written as Table Schema reads
them (``true``/``false``, ISO dates, numbers with a dot, an empty cell for no value). Text is
written as it came, but for one rule: text a spreadsheet would take for a formula when the file
is opened in it (``=``, ``+``, ``-``, ``@`` first: :func:`nsm_excel.core.cell_text.formula_like`)
is written with a leading apostrophe, as the master workbook keeps such text from being a formula.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from nsm_excel.core.cell_text import formula_like

NEUTRAL = "'"  # put before text a spreadsheet would take for a formula


@dataclass(frozen=True)
class Field:
    name: str
    type: str = "string"  # string, integer, number, boolean, date, datetime, year
    required: bool = False

    def descriptor(self) -> dict[str, Any]:
        found: dict[str, Any] = {"name": self.name, "type": self.type}
        if self.required:
            found["constraints"] = {"required": True}
        return found


@dataclass(frozen=True)
class Reference:
    """Fields of this table that name a row of ``resource`` by its ``keys``."""

    fields: tuple[str, ...]
    resource: str
    keys: tuple[str, ...]

    def descriptor(self) -> dict[str, Any]:
        return {
            "fields": list(self.fields),
            "reference": {"resource": self.resource, "fields": list(self.keys)},
        }


@dataclass(frozen=True)
class Table:
    name: str  # the resource's name and its file's stem
    fields: tuple[Field, ...]
    key: tuple[str, ...]
    rows: tuple[Mapping[str, Any], ...]
    references: tuple[Reference, ...] = field(default_factory=tuple)

    @property
    def path(self) -> str:
        return f"{self.name}.csv"

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields)

    def descriptor(self) -> dict[str, Any]:
        schema: dict[str, Any] = {
            "fields": [f.descriptor() for f in self.fields],
            "primaryKey": list(self.key),
            "missingValues": [""],
        }
        if self.references:
            schema["foreignKeys"] = [r.descriptor() for r in self.references]
        return {
            "name": self.name,
            "path": self.path,
            "profile": "tabular-data-resource",
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "schema": schema,
        }

    def lines(self) -> list[list[str]]:
        """The header and every row as the CSV cells."""
        kinds = {f.name: f.type for f in self.fields}
        return [list(self.names)] + [
            [cell(row.get(name), kinds[name]) for name in self.names] for row in self.rows
        ]


def fields(spec: str) -> tuple[Field, ...]:
    """``"code:string! title_sq planned:number"``: names with their type (string when none);
    ``!`` marks a field every row has."""
    found = []
    for item in spec.split():
        required = item.endswith("!")
        name, _, kind = item.rstrip("!").partition(":")
        found.append(Field(name, kind or "string", required))
    return tuple(found)


def cell(value: Any, kind: str = "string") -> str:
    """``value`` as a CSV cell of a field of type ``kind``; ``None`` is the empty cell."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            return ""
        if kind == "integer" or value.is_integer():
            return str(int(value))
        return repr(value)
    text = joined(value) if isinstance(value, tuple | list) else str(value)
    return NEUTRAL + text if kind == "string" and formula_like(text) else text


def joined(values: Sequence[object]) -> str:
    """Several codes in one cell, separated by a space (codes hold none)."""
    return " ".join(str(v) for v in values)
