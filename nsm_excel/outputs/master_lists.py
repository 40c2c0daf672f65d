"""The master's list sheets written with xlsxwriter: Measures, Indicators, the roll-ups (Goals,
Objectives, GCM), Institutions and Issues, one declared table each from A1 (header row frozen,
autofilter, banded style), coloured by their rates, bands, lights and states."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from xlsxwriter.utility import xl_col_to_name

from nsm_excel.core.vocab import statuses
from nsm_excel.core.vocab.colours import NO_FIGURE
from nsm_excel.core.vocab.kinds import ValueKind as K
from nsm_excel.outputs.master_sheets import (
    BAND_FILLS,
    LIGHT_FILLS,
    NO_REPORT,
    STATE_FILLS,
    Table,
)
from nsm_excel.outputs.xlsx_tables import (
    Span,
    Styles,
    colour_labels,
    colour_rates,
    set_widths,
    write_table,
)

ROLLUPS = ("Goals", "Objectives", "GCM", "SDG")


def write_list(book: Any, styles: Styles, lang: str, sheet: str, table: Table[Any]) -> None:
    """A sheet holding one table; its colours are those of the sheet's kind of list."""
    ws = book.add_worksheet(sheet)
    span = write_table(ws, styles, lang, table)
    set_widths(ws, table.columns)
    ws.freeze_panes(1, 0 if sheet == "Issues" else 1)
    if sheet == "Measures":
        _mark_unreported(ws, styles, lang, table, span.last)
    elif sheet == "Indicators":
        colour_labels(ws, styles, span, table.index("light"), LIGHT_FILLS, lang)
    elif sheet in ROLLUPS:
        colour_rates(ws, span, table.index("rate"))
        grey_unreported(ws, styles, lang, span, table.index("rate"))
        colour_labels(ws, styles, span, table.index("band"), BAND_FILLS)
    elif sheet == "Institutions":
        colour_labels(ws, styles, span, table.index("return_status"), STATE_FILLS, lang)


def _mark_unreported(ws: Any, styles: Styles, lang: str, table: Table[Any], last: int) -> None:
    """Every measure of the plan with its lead's report; rows without a report are marked."""
    letter = xl_col_to_name(table.index("status"))
    missing = NO_REPORT.shown(lang).replace('"', '""')
    rule = {"type": "formula", "criteria": f'=${letter}2="{missing}"'}
    rule["format"] = styles.fills[statuses.NO_REPORT.colour]
    ws.conditional_format(1, 0, last, len(table.columns) - 1, rule)


def grey_unreported(ws: Any, styles: Styles, lang: str, span: Span, offset: int) -> None:
    """Grey the rate cells that say "no report" in words."""
    colour_labels(ws, styles, span, offset, {NO_REPORT.shown(lang): NO_FIGURE})


def captioned(ws: Any, styles: Styles, lang: str, table: Table[Any], top: int) -> Span:
    """The table's caption at row ``top``, its note below when it has one, then the table."""
    assert table.caption is not None
    ws.write_string(top, 0, table.caption.shown(lang), styles.cells[K.TEXT])
    if table.note is not None:
        top += 1
        ws.write_string(top, 0, table.note.shown(lang), styles.note)
    return write_table(ws, styles, lang, table, top + 1)


def stack_widths(ws: Any, tables: Sequence[Table[Any]]) -> None:
    """Each column as wide as the widest of the tables' columns there."""
    widths: dict[int, float] = {}
    for table in tables:
        for n, c in enumerate(table.columns):
            widths[n] = max(widths.get(n, 0.0), c.width)
    for n, width in widths.items():
        ws.set_column(n, n, width)


def write_stacked(
    book: Any, styles: Styles, lang: str, sheet: str, tables: Sequence[Table[Any]]
) -> Any:
    """A sheet of captioned tables one below the other; "no report" rates grey."""
    ws = book.add_worksheet(sheet)
    ws.freeze_panes(1, 0)
    stack_widths(ws, tables)
    top = 0
    for table in tables:
        span = captioned(ws, styles, lang, table, top)
        if any(c.key == "rate" for c in table.columns):
            colour_rates(ws, span, table.index("rate"))
            grey_unreported(ws, styles, lang, span, table.index("rate"))
        top = span.last + 2
    return ws
