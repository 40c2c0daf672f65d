"""The look of a template's cells: colours, fills and borders, the banner above each table and
its header rows, and writing a text into a cell through the one sanitiser."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from copy import copy
from typing import Any

from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.worksheet.worksheet import Worksheet

from nsm_excel.core import cell_text, labels
from nsm_excel.store.config import Config
from nsm_excel.template.columns import TemplateColumn
from nsm_excel.template.content import TemplateContent
from nsm_excel.template.layout import HEADER_ROW, KEY_ROW, fit_height

NAVY = "1F3864"
INPUT_FILL = PatternFill("solid", fgColor="FFF2CC")
LOCKED_FILL = PatternFill("solid", fgColor="F2F2F2")
CLOSED_FILL = PatternFill("solid", fgColor="D9D9D9")
HEADER_FILL = PatternFill("solid", fgColor=NAVY)
THIN = Side(style="thin", color="A6A6A6")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
WRAP = Alignment(wrap_text=True, vertical="top")
UNLOCKED = Protection(locked=False)
KEY_FONT = Font(color="808080", size=8)
HEADER_FONT = Font(bold=True, color="FFFFFF")
HEADER_ALIGNMENT = Alignment(wrap_text=True, vertical="center", horizontal="center")


class Looks:
    """The looks of one sheet's cells, each made once and then copied.

    openpyxl hashes every font, fill, border and alignment a cell is given to find its entry in
    the workbook's lists; a look is made on the first cell that has it (``make``, setting its
    parts in their usual order, so the workbook's lists come out the same) and its indices
    copied to every later cell with the same ``key``.
    """

    def __init__(self) -> None:
        self._made: dict[Hashable, Any] = {}

    def give(self, cell: Any, key: Hashable, make: Callable[..., None], *facts: Any) -> None:
        """Give ``cell`` the look ``key``, made by ``make(cell, *facts)`` the first time."""
        key = (key, cell.quotePrefix)  # the sanitiser may have marked the cell's text already
        made = self._made.get(key)
        if made is None:
            make(cell, *facts)
            self._made[key] = copy(cell._style)
        else:
            cell._style = copy(made)


def text(ws: Worksheet, row: int, column: int, value: Any) -> Any:
    """The cell at (``row``, ``column``) holding ``value``, text written safely."""
    cell = ws.cell(row=row, column=column)
    cell_text.put(cell, value)
    return cell


def shown(value: Any) -> Any:
    """A value as the cell shows it (texts after the sanitiser), to fit the row's height to."""
    return cell_text.shown(value) if isinstance(value, str) else value


def style(cell: Any, column: TemplateColumn, open_here: bool) -> None:
    """Border, wrapping and number format of ``column``; yellow and unlocked where it is open."""
    cell.border = BORDER
    cell.alignment = WRAP
    if column.number_format:
        cell.number_format = column.number_format
    if open_here:
        cell.fill = INPUT_FILL
        cell.protection = UNLOCKED
    else:
        cell.fill = LOCKED_FILL


def banner(ws: Worksheet, content: TemplateContent, config: Config, last_column: int) -> None:
    """Rows 1-2: the strategy and period, then the institution and the deadline."""
    lang = content.language
    strategy = config.strategy_name(lang)
    title = labels.BANNER.shown(lang, " · ", period=content.period.code)
    text(ws, 1, 1, f"{strategy} · {title}").font = Font(bold=True, size=14, color=NAVY)
    institution = f"{content.institution.code} · {content.institution.name(lang)}"
    deadline = content.deadline.strftime("%d.%m.%Y")
    subtitle = labels.SUBTITLE.get(lang, institution=institution, deadline=deadline)
    text(ws, 2, 1, subtitle).font = Font(italic=True, color="404040")
    for row in (1, 2):
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=last_column)
        ws.cell(row=row, column=1).alignment = Alignment(wrap_text=True, vertical="center")
    ws.row_dimensions[1].height = 36
    ws.row_dimensions[2].height = 30


def header(
    ws: Worksheet, keys: Sequence[str], texts: Sequence[str], widths: Sequence[float]
) -> None:
    """The hidden key row and, below it, the visible header of a table sheet."""
    looks = Looks()
    for index, (key, label) in enumerate(zip(keys, texts, strict=True), start=1):
        looks.give(text(ws, KEY_ROW, index, key), KEY_ROW, _key_look)
        looks.give(text(ws, HEADER_ROW, index, label), HEADER_ROW, _header_look)
    ws.row_dimensions[KEY_ROW].hidden = True
    ws.row_dimensions[HEADER_ROW].height = fit_height(
        list(zip(texts, [w * 0.85 for w in widths], strict=True))
    )


def _key_look(cell: Any) -> None:
    cell.font = KEY_FONT


def _header_look(cell: Any) -> None:
    cell.font = HEADER_FONT
    cell.fill = HEADER_FILL
    cell.alignment = HEADER_ALIGNMENT
    cell.border = BORDER
