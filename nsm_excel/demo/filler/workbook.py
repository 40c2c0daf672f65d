"""The template as the filler reads it through the contract, and the answers typed into it.

The filler knows only the contract (``docs/templates.md``): it finds each sheet's
key row by its key in the first 10 rows, columns by key, data rows from below the visible header
down to the first row whose first cell is empty, the dropdown labels in the hidden ``Lists``
sheet. Everything else in the workbook is left as openpyxl loads it (protection, validations,
hidden sheets, names, custom properties).
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from openpyxl import load_workbook
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from nsm_excel.core import labels, words
from nsm_excel.core.periods import parse_period
from nsm_excel.demo.filler import answers as answer
from nsm_excel.demo.filler.context import Context, Filling, Row
from nsm_excel.demo.filler.mistakes import Mistakes
from nsm_excel.template.layout import DATA_BELOW_KEYS, KEY_SEARCH_ROWS, LISTS_SHEET, SHEET_KEYS

STATUS_CODES = tuple(labels.STATUSES)  # in the order of the Lists sheet


@dataclass
class _Table:
    """A table sheet found through the contract: key -> column, and the data rows."""

    ws: Worksheet
    columns: dict[str, int]
    rows: list[int]  # Excel row numbers of the data rows
    values: list[Row]  # each data row, key -> value as the template holds it


def answers(template: bytes, filling: Filling) -> dict[str, Any]:
    """What :func:`fill` types, by sheet, in row order (``None`` for a cell left empty).

    ``{"Cover": {field: value}, "Measures": [{key: value}], "Indicators": [{key: value}]}``.
    """
    book = _open(template)
    return _answers(book, _tables(book), filling)


def fill(template: bytes, filling: Filling) -> bytes:
    """The template filled with :func:`answers`, as .xlsx bytes; nothing else is changed."""
    return next(fill_versions(template, [filling]))


def fill_versions(template: bytes, fillings: Iterable[Filling]) -> Iterator[bytes]:
    """:func:`fill` for each filling in turn, the template read once: each version is typed on
    the template's own cells (those an earlier version typed are put back first)."""
    book = _open(template)
    tables = _tables(book)
    typed_cells: dict[tuple[Worksheet, int, int], Any] = {}  # cell -> the template's value
    for filling in fillings:
        for (ws, at, column), value in typed_cells.items():
            ws.cell(at, column).value = value
        typed = _answers(book, tables, filling)
        covers = [typed["Cover"].get(r["field"]) for r in tables["Cover"].values]
        typed["Cover"] = [{"value": value} for value in covers]
        for name, table in tables.items():
            for at, row in zip(table.rows, typed[name], strict=True):
                for key, value in row.items():
                    if value is not None and key in table.columns:
                        column = table.columns[key]
                        cell = table.ws.cell(at, column)
                        typed_cells.setdefault((table.ws, at, column), cell.value)
                        cell.value = value
        buffer = io.BytesIO()
        book.save(buffer)
        yield buffer.getvalue()


def _open(template: bytes) -> Workbook:
    return load_workbook(io.BytesIO(template))


def _answers(book: Workbook, tables: dict[str, _Table], filling: Filling) -> dict[str, Any]:
    ctx = _context(book, tables["Cover"], filling)
    measures, indicators = tables["Measures"].values, tables["Indicators"].values
    result: dict[str, Any] = {
        "Cover": answer.cover(ctx),
        "Measures": [answer.measure(ctx, i, row) for i, row in enumerate(measures)],
        "Indicators": [answer.indicator(ctx, i, row) for i, row in enumerate(indicators)],
    }
    Mistakes(ctx, {k: t.values for k, t in tables.items()}, result).make()
    return result


def _sheet(book: Workbook, name: str) -> Worksheet:
    ws = book[name]
    if not isinstance(ws, Worksheet):
        raise ValueError(f"sheet {name} is not a worksheet")
    return ws


def _tables(book: Workbook) -> dict[str, _Table]:
    return {name: _read_table(_sheet(book, name), key) for name, key in SHEET_KEYS.items()}


def _read_table(ws: Worksheet, key: str) -> _Table:
    """The contract's table: key row found by ``key``, data rows below the visible header."""
    key_row = next(
        (r for r in range(1, KEY_SEARCH_ROWS + 1) if key in [c.value for c in ws[r]]), None
    )
    if key_row is None:
        raise ValueError(f"sheet {ws.title}: no key row holding '{key}' in the first rows")
    columns = {c.value: c.column for c in ws[key_row] if isinstance(c.value, str) and c.value}
    rows: list[int] = []
    values: list[Row] = []
    at = key_row + DATA_BELOW_KEYS
    while at <= ws.max_row and not _blank(ws.cell(at, 1).value):  # no cell made past the end
        rows.append(at)
        values.append({k: ws.cell(at, column).value for k, column in columns.items()})
        at += 1
    return _Table(ws, columns, rows, values)


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _context(book: Workbook, cover: _Table, filling: Filling) -> Context:
    lists = _sheet(book, LISTS_SHEET)
    statuses = {
        code: str(lists.cell(row, 1).value) for row, code in enumerate(STATUS_CODES, start=2)
    }
    yes_no = (str(lists.cell(2, 2).value), str(lists.cell(3, 2).value))
    fields = {row["field"]: row.get("value") for row in cover.values}
    period = parse_period(fields.get("period"))
    if period is None:
        raise ValueError(f"Cover: '{fields.get('period')}' is not a period")
    # the template id without its random last part: the same template answers the same way
    salt = re.sub(r"-[0-9a-f]{8}$", "", str(fields.get("template_id") or ""))
    return Context(filling, _language(statuses["completed"]), statuses, yes_no, period, salt)


def _language(completed: str) -> str:
    """The template's language: the one whose label for 'completed' the Lists sheet shows."""
    label = labels.STATUSES["completed"]
    found = [lang for lang in words.languages() if label.shown(lang) == completed.strip()]
    return found[0] if found else words.BESIDE
