"""The floor of writing a workbook: what a template holds, read once, then written with xlsxwriter.

:func:`read` takes a written workbook apart with openpyxl into plain facts: each sheet's cells
with their styles (number format, font, fill, borders, alignment, protection), column widths,
row heights, merged ranges, data validations, frozen panes, printing, protection and whether it
is hidden, and the workbook's defined names and properties. :func:`write` writes those facts
with xlsxwriter, one ``Format`` per distinct style: the least an xlsx writer does for the same
cells, which ``make bench`` compares generation with. xlsxwriter cannot lock a workbook's
structure nor store a SHA-512 protection hash; the sheets are protected without a password.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import xlsxwriter
from openpyxl import load_workbook
from openpyxl.utils import column_index_from_string, range_boundaries

Style = tuple[tuple[str, Any], ...]  # an xlsxwriter format's properties, hashable
SIDES = ("left", "right", "top", "bottom")
BORDER_STYLES = {"thin": 1, "medium": 2, "dashed": 3, "dotted": 4, "thick": 5, "double": 6}
VALIGN = {"center": "vcenter", "top": "top", "bottom": "bottom"}
CRITERIA = {"greaterThanOrEqual": ">=", "lessThanOrEqual": "<=", "between": "between"}
KINDS = {"textLength": "length", "whole": "whole", "decimal": "decimal", "date": "date"}


@dataclass
class SheetFacts:
    name: str
    cells: list[tuple[int, int, Any, Style]] = field(default_factory=list)
    columns: list[tuple[int, int, float | None, bool]] = field(default_factory=list)
    rows: list[tuple[int, float | None, bool]] = field(default_factory=list)
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)
    validations: list[dict[str, Any]] = field(default_factory=list)
    freeze: tuple[int, int] | None = None
    hidden: bool = False
    landscape: bool = False
    fit: tuple[int, int] | None = None
    title_rows: tuple[int, int] | None = None
    title_cols: tuple[int, int] | None = None
    protection: dict[str, bool] = field(default_factory=dict)


@dataclass
class BookFacts:
    sheets: list[SheetFacts]
    names: list[tuple[str, str]]
    properties: dict[str, str]
    custom: list[tuple[str, str]]

    @property
    def styles(self) -> int:
        return len({style for sheet in self.sheets for *_, style in sheet.cells})


def _colour(value: Any) -> str | None:
    rgb = getattr(value, "rgb", None)
    return f"#{rgb[-6:]}" if isinstance(rgb, str) and len(rgb) >= 6 else None


def _style(cell: Any) -> Style:
    """The cell's look as xlsxwriter format properties."""
    props: dict[str, Any] = {}
    if cell.number_format != "General":
        props["num_format"] = cell.number_format
    font = cell.font
    props |= {"bold": bool(font.b), "italic": bool(font.i)}
    if font.sz:
        props["font_size"] = font.sz
    if _colour(font.color):
        props["font_color"] = _colour(font.color)
    if cell.fill.fill_type == "solid":
        props |= {"pattern": 1, "bg_color": _colour(cell.fill.fgColor)}
    for side in SIDES:
        edge = getattr(cell.border, side)
        if edge is not None and edge.style:
            props[side] = BORDER_STYLES.get(edge.style, 1)
            if _colour(edge.color):
                props[f"{side}_color"] = _colour(edge.color)
    align = cell.alignment
    if align.wrap_text:
        props["text_wrap"] = True
    if align.vertical:
        props["valign"] = VALIGN.get(align.vertical, align.vertical)
    if align.horizontal:
        props["align"] = align.horizontal
    if align.indent:
        props["indent"] = int(align.indent)
    if not cell.protection.locked:
        props["locked"] = False
    if cell.quotePrefix:
        props["quote_prefix"] = True
    return tuple(sorted(props.items()))


def _validation(rule: Any) -> dict[str, Any]:
    ranges = [_bounds(str(r)) for r in rule.sqref.ranges]
    row, col, last_row, last_col = ranges[0]
    options: dict[str, Any] = {
        "show_input": bool(rule.showInputMessage),
        "show_error": bool(rule.showErrorMessage),
        "ignore_blank": bool(rule.allow_blank),
        "input_title": rule.promptTitle,
        "input_message": rule.prompt,
        "error_title": rule.errorTitle,
        "error_message": rule.error,
        "other_cells": [list(cells) for cells in ranges[1:]],
    }
    if rule.type == "list":
        options |= {"validate": "list", "source": f"={rule.formula1}"}
    else:
        options |= {"validate": KINDS[rule.type], "criteria": CRITERIA[rule.operator or "between"]}
        options["value"] = rule.formula1
        if rule.formula2 is not None:
            options["maximum"] = rule.formula2
    return {"cells": (row, col, last_row, last_col), "options": options}


def _bounds(cells: str) -> tuple[int, int, int, int]:
    """First row, first column, last row, last column of ``cells``, counted from 0."""
    col, row, last_col, last_row = (n or 1 for n in range_boundaries(cells))
    return row - 1, col - 1, last_row - 1, last_col - 1


def _rows_span(text: str | None) -> tuple[int, int] | None:
    if not text:
        return None
    first, last = str(text).replace("$", "").split(":")
    return int(first) - 1, int(last) - 1


def _sheet(ws: Any) -> SheetFacts:
    facts = SheetFacts(ws.title, hidden=ws.sheet_state != "visible")
    for line in ws.iter_rows():
        for cell in line:
            if cell.value is not None or cell.has_style:
                facts.cells.append((cell.row - 1, cell.column - 1, cell.value, _style(cell)))
    for dim in ws.column_dimensions.values():
        if dim.width or dim.hidden:
            facts.columns.append((dim.min - 1, dim.max - 1, dim.width or None, bool(dim.hidden)))
    for number, dim in ws.row_dimensions.items():
        if dim.height or dim.hidden:
            facts.rows.append((number - 1, dim.height, bool(dim.hidden)))
    for merged in ws.merged_cells.ranges:
        col, row, last_col, last_row = merged.bounds
        facts.merged.append((row - 1, col - 1, last_row - 1, last_col - 1))
    facts.validations = [_validation(rule) for rule in ws.data_validations.dataValidation]
    if ws.freeze_panes:
        letters = "".join(ch for ch in ws.freeze_panes if ch.isalpha())
        digits = "".join(ch for ch in ws.freeze_panes if ch.isdigit())
        facts.freeze = (int(digits) - 1, column_index_from_string(letters) - 1)
    setup = ws.page_setup
    facts.landscape = setup.orientation == "landscape"
    if ws.sheet_properties.pageSetUpPr is not None and ws.sheet_properties.pageSetUpPr.fitToPage:
        facts.fit = (int(setup.fitToWidth or 1), int(setup.fitToHeight or 0))
    facts.title_rows = _rows_span(ws.print_title_rows)
    if ws.print_title_cols:
        first, last = str(ws.print_title_cols).replace("$", "").split(":")
        facts.title_cols = (column_index_from_string(first) - 1, column_index_from_string(last) - 1)
    if ws.protection.sheet:
        guard = ws.protection
        facts.protection = {
            "format_columns": not guard.formatColumns,
            "format_rows": not guard.formatRows,
            "select_locked_cells": not guard.selectLockedCells,
            "select_unlocked_cells": not guard.selectUnlockedCells,
        }
    return facts


def read(path: Path) -> BookFacts:
    """Everything of the workbook at ``path`` that :func:`write` writes again."""
    book = load_workbook(path)
    names = [(name, defined.attr_text) for name, defined in book.defined_names.items()]
    props = book.custom_doc_props.props  # type: ignore[attr-defined]
    custom = [(prop.name, str(prop.value)) for prop in props]
    properties = {"title": book.properties.title or "", "author": book.properties.creator or ""}
    return BookFacts([_sheet(ws) for ws in book.worksheets], names, properties, custom)


def write(facts: BookFacts) -> bytes:
    """The workbook of ``facts`` written with xlsxwriter, one format per distinct style."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    formats: dict[Style, Any] = {}
    for sheet in facts.sheets:
        _write_sheet(book, sheet, formats)
    for name, formula in facts.names:
        book.define_name(name, f"={formula}")
    book.set_properties(facts.properties)
    for name, value in facts.custom:
        book.set_custom_property(name, value)
    book.close()
    return buffer.getvalue()


def _write_sheet(book: Any, sheet: SheetFacts, formats: dict[Style, Any]) -> None:
    ws = book.add_worksheet(sheet.name)
    for row, col, last_row, last_col in sheet.merged:  # first: the cells written next stay
        ws.merge_range(row, col, last_row, last_col, "")
    for row, col, value, style in sheet.cells:
        look = formats.get(style)
        if look is None:
            look = formats[style] = book.add_format(dict(style))
        if value is None:
            ws.write_blank(row, col, None, look)
        elif isinstance(value, str):
            ws.write_string(row, col, value, look)
        else:
            ws.write(row, col, value, look)
    for first, last, width, hidden in sheet.columns:
        ws.set_column(first, last, width, None, {"hidden": hidden})
    for row, height, hidden in sheet.rows:
        ws.set_row(row, height, None, {"hidden": hidden})
    for rule in sheet.validations:
        ws.data_validation(*rule["cells"], dict(rule["options"]))
    if sheet.freeze:
        ws.freeze_panes(*sheet.freeze)
    if sheet.landscape:
        ws.set_landscape()
    ws.set_paper(9)
    if sheet.fit:
        ws.fit_to_pages(*sheet.fit)
    if sheet.title_rows:
        ws.repeat_rows(*sheet.title_rows)
    if sheet.title_cols:
        ws.repeat_columns(*sheet.title_cols)
    if sheet.protection:
        ws.protect("", sheet.protection)
    if sheet.hidden:
        ws.hide()
