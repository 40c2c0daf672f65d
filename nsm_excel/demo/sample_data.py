"""The illustrative sample Action Plan register, read from the data files shipped beside it.

ILLUSTRATIVE sample data for the National Strategy on Migration 2024-2030, realistic in shape but
not the official text of Albania's Action Plan 2024-2026: titles, costs, targets and contacts are
examples; people and e-mail addresses are invented (``example.gov.al``).

``data/plan/<sheet>.csv`` holds one sheet each (row 1 the column keys, as in the plan register;
lists joined with ``"; "``); ``data/plan/readme.txt`` the lines of its ReadMe sheet. The plan's
own column definitions say what a cell holds: in an amount, number or year column a whole number
is an ``int`` and one written with a decimal point a ``float``; every other cell, and every empty
one, stays the text it is.
"""

from __future__ import annotations

import csv
import io
from importlib import resources

from nsm_excel.plan.columns import SHEET_NAMES, Kind, column_for

__all__ = ["readme_lines", "sample_sheets"]

NUMERIC = frozenset({Kind.AMOUNT, Kind.NUMBER, Kind.YEAR})
_Row = dict[str, object]


def sample_sheets() -> dict[str, list[_Row]]:
    """The four sheets of the sample plan, sheet name to rows of column key to value."""
    return {sheet: rows(sheet, _read(f"{sheet.lower()}.csv")) for sheet in SHEET_NAMES}


def readme_lines() -> tuple[str, ...]:
    """The lines of the sample plan's ReadMe sheet."""
    return tuple(_read("readme.txt").splitlines())


def rows(sheet: str, text: str) -> list[_Row]:
    """The rows of one sheet's CSV ``text``, each cell typed by its column (see the module)."""
    table = csv.reader(io.StringIO(text, newline=""))
    keys = next(table)
    numeric = [_is_numeric(sheet, key) for key in keys]
    typed = [zip(keys, numeric, line, strict=True) for line in table]
    return [{key: _cell(num, cell) for key, num, cell in line} for line in typed]


def _cell(numeric: bool, cell: str) -> object:
    return _number(cell) if numeric and cell else cell


def _is_numeric(sheet: str, key: str) -> bool:
    column = column_for(sheet, key)
    if column is None:
        raise ValueError(f"{sheet}: no plan column {key!r}")
    return column.kind in NUMERIC


def _number(cell: str) -> int | float:
    return float(cell) if "." in cell or "e" in cell.lower() else int(cell)


def _read(name: str) -> str:
    return resources.files("nsm_excel.demo").joinpath("data", "plan", name).read_text("utf-8")
