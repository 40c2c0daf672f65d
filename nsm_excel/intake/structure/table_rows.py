"""The rows of a returned table sheet matched to the register, and their locked cells compared.

Columns are found by the key row, never by position; rows by their keys (measure code and
role, or indicator code): a row added, removed or reordered is reported, and so are changed
locked cells, formulas in them, hidden rows and merged cells over answers.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

from nsm_excel.core.issue_codes import IssueCode as C
from nsm_excel.core.sheets import column_letter
from nsm_excel.core.values import LARGEST
from nsm_excel.intake.answers import Formula
from nsm_excel.intake.reading.reader import SheetGrid, cell_ref
from nsm_excel.intake.structure.examined import Examined, Row, RowCells, note, same, shown
from nsm_excel.template.layout import DATA_BELOW_KEYS, KEY_SEARCH_ROWS, SHEET_KEYS

ROW_KEYS = {"Measures": ("measure_code", "role"), "Indicators": ("indicator_code",)}


def key_row(grid: SheetGrid, key: str) -> int | None:
    for row in range(1, min(KEY_SEARCH_ROWS, grid.last_row) + 1):
        line = grid.cells[row - 1]
        if key in line:
            return row
    return None


def key_map(grid: SheetGrid, at: int, expected: list[str], out: Examined) -> dict[str, int]:
    found = [grid.value(at, c) for c in range(1, max(len(grid.cells[at - 1]), 1) + 1)]
    while found and found[-1] is None:
        found.pop()
    if found != expected:
        missing = [k for k in expected if k not in found]
        extra = [str(k) for k in found if k is not None and k not in expected]
        parts = [
            f"missing {', '.join(missing)}" if missing else "",
            f"added {', '.join(extra)}" if extra else "",
            "moved" if not missing and not extra else "",
        ]
        note(
            out,
            C.RETURN_COLUMNS_CHANGED,
            grid.name,
            cell_ref(at, 1),
            value="; ".join(p for p in parts if p),
        )
    return {str(k): n for n, k in enumerate(found, start=1) if k is not None}


def table(
    grid: SheetGrid, issued: list[dict[str, Any]], columns: Sequence[Any], out: Examined
) -> list[Row]:
    key = SHEET_KEYS[grid.name]
    at = key_row(grid, key)
    if at is None:
        note(out, C.RETURN_KEY_ROW_MISSING, grid.name)
        return []
    where = key_map(grid, at, [c.key for c in columns], out)
    row_keys = ROW_KEYS[grid.name]
    found: list[tuple[int, tuple[str, ...]]] = []
    for row in range(at + DATA_BELOW_KEYS, grid.last_row + 1):
        if all(grid.value(row, c) is None for c in where.values()):
            continue  # blank rows carry nothing
        found.append((row, tuple(shown(grid.value(row, where.get(k, 0))) for k in row_keys)))
    expected = [tuple(shown(r[k]) for k in row_keys) for r in issued]
    matched = _match_rows(grid, found, expected, out)
    slots = [(c, where[c.key], column_letter(where[c.key] - 1)) for c in columns if c.key in where]
    letters = {c.key: letter for c, _, letter in slots}
    rows = [_row(grid, row, issued[index], slots, letters, out) for row, index in matched]
    row_marks(grid, [r for r, _ in matched], columns, where, out)
    return rows


def _match_rows(
    grid: SheetGrid,
    found: list[tuple[int, tuple[str, ...]]],
    expected: list[tuple[str, ...]],
    out: Examined,
) -> list[tuple[int, int]]:
    """Pairs (Excel row, index in the register) for rows present in both; the rest reported."""
    position = {k: n for n, k in enumerate(expected)}
    seen: set[tuple[str, ...]] = set()
    matched: list[tuple[int, int]] = []
    for row, key in found:
        if key in position and key not in seen:
            seen.add(key)
            matched.append((row, position[key]))
        else:
            note(
                out,
                C.RETURN_ROW_ADDED,
                grid.name,
                cell_ref(row, 1),
                value=key[0] or "(no code)",
                row=row,
            )
    for key in expected:
        if key not in seen:
            note(out, C.RETURN_ROW_REMOVED, grid.name, value=" ".join(key))
    order = [index for _, index in matched]
    for (row, index), wanted in zip(matched, sorted(order), strict=True):
        if index != wanted:
            note(
                out,
                C.RETURN_ROWS_REORDERED,
                grid.name,
                cell_ref(row, 1),
                value=expected[index][0],
                expected=expected[wanted][0],
                row=row,
            )
            break
    return matched


def shown_percent(value: Any) -> Any:
    """A number shown as a percent, as the person sees it: 0.45 -> '45%'. Anything else as is,
    and so are NaN and numbers beyond :data:`LARGEST`: they are reported as what they are."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return value
    if (isinstance(value, float) and math.isnan(value)) or abs(value) > LARGEST:
        return value
    shown = f"{value * 100:.9f}".rstrip("0").rstrip(".")
    return f"{shown}%"


def _row(
    grid: SheetGrid,
    row: int,
    issued: dict[str, Any],
    slots: Sequence[tuple[Any, int, str]],
    letters: Mapping[str, str],
    out: Examined,
) -> Row:
    """The answers of one matched row; formulas and changes in its locked cells reported."""
    line = grid.cells[row - 1] if row <= len(grid.cells) else []
    formulas, percents = grid.formulas, grid.percent_cells
    values: dict[str, Any] = {}
    for column, number, letter in slots:
        raw = line[number - 1] if number <= len(line) else None
        a1 = f"{letter}{row}" if formulas or percents else ""  # most returns have neither
        formula = formulas.get(a1) if formulas else None
        if column.is_input_on(issued):
            if formula:
                raw = Formula(formula)
            elif a1 in percents:
                raw = shown_percent(raw)  # 45% typed: read as typed, which only a percent fits
            values[column.key] = raw
        elif formula:
            note(
                out, C.RETURN_FORMULA, grid.name, f"{letter}{row}", column=column.key, value=formula
            )
        elif not same(raw, issued.get(column.key)):
            expected = shown(issued.get(column.key))
            note(
                out,
                C.RETURN_LOCKED_CHANGED,
                grid.name,
                f"{letter}{row}",
                column=column.key,
                value=shown(raw),
                expected=expected,
            )
    return Row(row, issued, values, RowCells(letters, row))


def row_marks(
    grid: SheetGrid, rows: list[int], columns: Sequence[Any], where: dict[str, int], out: Examined
) -> None:
    """Hidden data rows (a warning) and merged cells over answer cells (an error)."""
    hidden = sorted(r for r in rows if r in grid.hidden_rows)
    if hidden:
        note(out, C.RETURN_HIDDEN_ROWS, grid.name, value=", ".join(map(str, hidden)))
    if not rows:
        return
    inputs = {where[c.key] for c in columns if c.input and c.key in where}
    first, last = min(rows), max(rows)
    for r0, c0, r1, c1 in grid.merged:
        if r1 >= first and r0 <= last and any(c0 <= c <= c1 for c in inputs):
            span = f"{cell_ref(r0, c0)}:{cell_ref(r1, c1)}"
            note(out, C.RETURN_MERGED_CELLS, grid.name, cell_ref(r0, c0), value=span)
