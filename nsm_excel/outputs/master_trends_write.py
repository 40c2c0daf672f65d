"""The master's history sheets written with xlsxwriter (declared in
:mod:`nsm_excel.outputs.master_trends`): status words in their status colours, the compliance
heat map, and the "Indicator chart" sheet, where the analyst picks an indicator's code from a
dropdown and a line chart shows its values per period against its targets and baseline.

The chart's data are formulas this module writes itself, reading the "Indicator series" table
by the chosen code (never text from the data), each with the value it has for the indicator
chosen when the file is made, so a viewer that does not calculate shows it too.
"""

from __future__ import annotations

from typing import Any

from xlsxwriter.utility import xl_rowcol_to_cell

from nsm_excel.consolidate.history import History, Series
from nsm_excel.core.labels import STATUSES
from nsm_excel.core.vocab import statuses
from nsm_excel.core.vocab.colours import NO_FIGURE, Colour
from nsm_excel.core.vocab.kinds import ValueKind as K
from nsm_excel.core.words import Word
from nsm_excel.outputs import master_trends as mt
from nsm_excel.outputs.master_sheets import NO_REPORT, STATE_FILLS, Cell, Table
from nsm_excel.outputs.xlsx_tables import (
    Span,
    Styles,
    colour_labels,
    row_height,
    set_widths,
    write_table,
)

PICK = Word("outputs.history.pick")
PERIOD = Word("outputs.figure.period")
LINES = (  # the chart's series: header word, colour, dashed
    (Word("outputs.column.value"), "#1F4E79", False),
    (Word("outputs.column.target"), "#2CA02C", True),
    (Word("outputs.column.baseline"), "#7F7F7F", True),
    (Word("outputs.column.target_final"), "#D62728", True),
)
TOP = 5  # the chart's table starts on this row, under the caption and the pick


def write_trends(book: Any, styles: Styles, lang: str, history: History) -> dict[str, float]:
    """The history sheets, after the period's own; the width of each, to print it."""
    tables = mt.trend_tables(history, lang)
    widths = {mt.CHART_SHEET: 0.0}
    for sheet, (table,) in tables.items():
        widths[sheet] = sum(c.width for c in table.columns)
        ws = book.add_worksheet(sheet)
        span = write_table(ws, styles, lang, table)
        set_widths(ws, table.columns)
        ws.freeze_panes(1, 1)
        first = next((n for n, c in enumerate(table.columns) if c.key == "period_0"), None)
        if sheet == mt.STATUS_SHEET and first is not None:
            _status_colours(ws, styles, lang, span, first, len(table.columns) - 1, book)
        elif sheet == mt.COMPLIANCE_SHEET:
            fills = dict(STATE_FILLS) | {mt.NOT_EXPECTED: NO_FIGURE}
            for offset in range(first or 0, len(table.columns)):
                colour_labels(ws, styles, span, offset, fills, lang)
        if sheet == mt.SERIES_SHEET:
            _chart_sheet(book, styles, lang, history, table, span)
    return widths


def _fill(book: Any, styles: Styles, colour: Colour) -> Any:
    if colour not in styles.fills:
        styles.fills[colour] = book.add_format({"bg_color": colour.fill, "font_color": colour.font})
    return styles.fills[colour]


def _status_colours(
    ws: Any, styles: Styles, lang: str, span: Span, first: int, last: int, book: Any
) -> None:
    """Each status word in its colour over the period columns; "no report" in its own."""
    words = {word.shown(lang): statuses.colour(code) for code, word in STATUSES.items()}
    words[NO_REPORT.shown(lang)] = statuses.NO_REPORT.colour
    for label, colour in words.items():
        quoted = '"' + label.replace('"', '""') + '"'
        rule = {"type": "cell", "criteria": "==", "value": quoted}
        rule["format"] = _fill(book, styles, colour)
        ws.conditional_format(span.top + 1, first, span.last, last, rule)


def _chart_sheet(
    book: Any, styles: Styles, lang: str, history: History, table: Table[Series], span: Span
) -> None:
    """The pick (a dropdown of the codes), a table of formulas by period, its line chart."""
    ws = book.add_worksheet(mt.CHART_SHEET)
    ws.set_column(0, 0, 34)
    ws.set_column(1, len(LINES), 16)
    ws.write_string(0, 0, mt.CHART_CAPTION.shown(lang), styles.title)
    rows = list(table.rows)
    chosen = next((s for s in rows if any(p.value is not None for p in s.points)), None)
    chosen = chosen or (rows[0] if rows else None)
    ws.write_string(2, 0, PICK.shown(lang), styles.header)
    source = f"'{mt.SERIES_SHEET}'!"
    codes = source + _range(span, 0)
    ws.write_string(2, 1, chosen.code if chosen else "", styles.cells[K.TEXT])
    if rows:
        ws.data_validation(2, 1, 2, 1, {"validate": "list", "source": "=" + codes})
    pick = "$B$3"
    names = source + _range(span, 1)
    ws.write_formula(
        3, 1, f'=IFERROR(INDEX({names},MATCH({pick},{codes},0)),"")', styles.cells[K.TEXT],
        table.columns[1].get(chosen) if chosen else "",
    )  # fmt: skip
    headers = [PERIOD.shown(lang)] + [word.shown(lang) for word, _, _ in LINES]
    periods = history.periods
    for r, period in enumerate(periods, start=TOP + 1):
        ws.write_string(r, 0, period.code, styles.cells[K.TEXT])
        for c, key in enumerate(_keys(period.year, r - TOP - 1), start=1):
            offset = table.index(key) if any(k.key == key for k in table.columns) else None
            if offset is None:
                continue
            read = f"INDEX({source}{_range(span, offset)},MATCH({pick},{codes},0))"
            formula = f'=IFERROR(IF({read}="",NA(),{read}),NA())'
            value = _cached(table.columns[offset].get(chosen)) if chosen else "#N/A"
            ws.write_formula(r, c, formula, styles.cells[K.NUMBER], value)
    last = TOP + max(1, len(periods))
    ws.set_row(TOP, row_height(headers, [34.0] + [16.0] * len(LINES), bold=True))
    ws.set_row(2, row_height([PICK.shown(lang)], [34.0], bold=True))
    columns = [{"header": h, "header_format": styles.header} for h in headers]
    ws.add_table(TOP, 0, last, len(LINES), {"name": "IndicatorChart", "columns": columns,
                                             "style": "Table Style Light 1"})  # fmt: skip
    ws.insert_chart(TOP, len(LINES) + 2, _line_chart(book, lang, last))


def _line_chart(book: Any, lang: str, last: int) -> Any:
    """The chart sheet's table as lines by period: the value with markers, the others dashed."""
    chart = book.add_chart({"type": "line"})
    for c, (_, colour, dashed) in enumerate(LINES, start=1):
        line: dict[str, Any] = {"color": colour, "width": 2.25}
        if dashed:
            line["dash_type"] = "dash"
        chart.add_series(
            {
                "name": [mt.CHART_SHEET, TOP, c],
                "categories": [mt.CHART_SHEET, TOP + 1, 0, last, 0],
                "values": [mt.CHART_SHEET, TOP + 1, c, last, c],
                "line": line,
                "marker": {"type": "circle" if c == 1 else "none"},
            }
        )
    chart.set_title({"name": mt.CHART_CAPTION.shown(lang), "name_font": {"size": 12}})
    chart.set_legend({"position": "bottom"})
    chart.set_y_axis({"major_gridlines": {"visible": True}})
    chart.show_na_as_empty_cell()
    chart.set_size({"width": 620, "height": 320})
    return chart


def _keys(year: int, moment: int) -> tuple[str, ...]:
    """The series table's columns a period's row of the chart reads, in LINES' order."""
    return (f"period_{moment}", f"target_{year}", "baseline", "target_final")


def _range(span: Span, offset: int) -> str:
    first, col, last, _ = span.col(offset)
    return f"{xl_rowcol_to_cell(first, col, True, True)}:{xl_rowcol_to_cell(last, col, True, True)}"


def _cached(value: object) -> object:
    """The value a chart formula shows for the indicator chosen when the file is made."""
    if isinstance(value, Cell):
        if value.kind in (K.TEXT, K.LONG_TEXT):
            return value.value
        number = value.value
        return number / value.kind.scale if isinstance(number, int | float) else "#N/A"
    return "#N/A" if value is None else value
