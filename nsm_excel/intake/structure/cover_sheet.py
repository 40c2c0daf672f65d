"""The Cover of a returned workbook: its answers, and its locked rows compared with the register."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from nsm_excel.core.issue_codes import IssueCode as C
from nsm_excel.intake.answers import Formula
from nsm_excel.intake.reading.reader import SheetGrid, cell_ref
from nsm_excel.intake.structure.examined import Examined, Row, note, same, shown
from nsm_excel.intake.structure.table_rows import key_map, key_row, row_marks
from nsm_excel.template.cover_fields import COVER_FIELDS, COVER_KEYS
from nsm_excel.template.layout import DATA_BELOW_KEYS, SHEET_KEYS


def cover(grid: SheetGrid, issued: dict[str, Any], out: Examined) -> list[Row]:
    """The Cover's answers; its locked rows compared with what was issued."""
    at = key_row(grid, SHEET_KEYS["Cover"])
    if at is None:
        note(out, C.RETURN_KEY_ROW_MISSING, grid.name)
        return []
    where = key_map(grid, at, list(COVER_KEYS), out)
    value_column = where.get("value", 3)
    rows = _cover_rows(grid, at, out)
    values: dict[str, Any] = {}
    cells: dict[str, str] = {}
    for field_ in COVER_FIELDS:
        row = rows.get(field_.key)
        if row is None:
            note(out, C.RETURN_ROW_REMOVED, grid.name, value=field_.key)
            continue
        ref = cell_ref(row, value_column)
        cells[field_.key] = ref
        found = grid.value(row, value_column)
        formula = grid.formulas.get(ref)
        if field_.input:
            values[field_.key] = Formula(formula) if formula else found
        elif field_.key in issued and not same(found, issued[field_.key]):
            note(
                out,
                C.RETURN_LOCKED_CHANGED,
                grid.name,
                ref,
                column=field_.key,
                value=shown(found),
                expected=shown(issued[field_.key]),
            )
    row_marks(grid, list(rows.values()), COVER_COLUMNS, {"value": value_column}, out)
    return [Row(at + DATA_BELOW_KEYS, {}, values, cells)]


def _cover_rows(grid: SheetGrid, at: int, out: Examined) -> dict[str, int]:
    """Field key -> its row; a repeated or unknown field is a row added."""
    known = {f.key for f in COVER_FIELDS}
    rows: dict[str, int] = {}
    for row in range(at + DATA_BELOW_KEYS, grid.last_row + 1):
        key = grid.value(row, 1)
        if key is None:
            continue
        if str(key) in rows or str(key) not in known:
            note(out, C.RETURN_ROW_ADDED, grid.name, cell_ref(row, 1), value=str(key), row=row)
            continue
        rows[str(key)] = row
    return rows


@dataclass(frozen=True)
class _CoverColumn:
    key: str
    input: bool


COVER_COLUMNS = (_CoverColumn("value", True),)
