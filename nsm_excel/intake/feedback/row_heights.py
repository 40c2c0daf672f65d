"""Rows of the returned sheets grown to show what the institution typed.

A template's rows carry a fixed height (spreadsheets do not grow a row on open, and LibreOffice
does not grow one that carries a height), fitted to the plan's own texts. The institution's
answers are longer: in the feedback copy each row holding a wrapped text is made as high as its
longest text needs, never lower than it was, so every printed page shows the answers in full.
"""

from __future__ import annotations

from typing import Any

from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from nsm_excel.template.layout import LINE_HEIGHT, fit_height

DEFAULT_WIDTH = 8.43  # a column without a width of its own, in Excel's units
MAX_HEIGHT = 409.0  # the highest row a spreadsheet keeps


def grow_rows(ws: Worksheet) -> None:
    """Give every row of ``ws`` whose wrapped texts need more room the height they need."""
    widths: dict[int, float] = {}
    texts: dict[int, list[tuple[Any, float]]] = {}
    merged = {(r.min_row, r.min_col) for r in ws.merged_cells.ranges if r.max_col > r.min_col}
    for cell in list(getattr(ws, "_cells", {}).values()):
        if not isinstance(cell.value, str) or not cell.alignment.wrap_text:
            continue
        if (cell.row, cell.column) in merged:  # spread over several columns: room unknown
            continue
        if cell.column not in widths:
            widths[cell.column] = _width(ws, cell.column)
        texts.setdefault(cell.row, []).append((cell.value, widths[cell.column]))
    for row, pairs in texts.items():
        dimension = ws.row_dimensions[row]
        if dimension.hidden:
            continue
        needed = min(MAX_HEIGHT, fit_height(pairs))
        if needed > (dimension.height or LINE_HEIGHT + 3):
            dimension.height = needed


def _width(ws: Worksheet, column: int) -> float:
    found = ws.column_dimensions.get(get_column_letter(column))
    return float(found.width) if found is not None and found.width else DEFAULT_WIDTH
