"""The master workbook of a period (.xlsx bytes): the edge that writes the declared tables of
:func:`nsm_excel.outputs.master_tables.sheets` with xlsxwriter.

Sheets, in order: Overview (key figures, measures by status, and the tables behind its three
charts: status by policy goal, implementation rate by institution, planned against spent by policy
goal), Measures, Indicators, Goals and Objectives (the roll-ups, one table per sheet), GCM,
Institutions, Budget (by funding source, by objective and by institution side by side, with a
chart by source) and Issues (warnings in accepted returns). The list sheets are written by
:mod:`nsm_excel.outputs.master_lists`, a table by :mod:`nsm_excel.outputs.xlsx_tables`.

Every figure comes from the model; this module only lays it out. The file is reproducible: the
same data, language and ``made`` give the same bytes.
"""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import xlsxwriter

from nsm_excel.consolidate.model import STATUS_ORDER, Consolidated
from nsm_excel.core.vocab import statuses
from nsm_excel.core.vocab.kinds import ValueKind as K
from nsm_excel.core.words import Word
from nsm_excel.outputs import master_tables
from nsm_excel.outputs.master_lists import write_list
from nsm_excel.outputs.master_sheets import BAND_FILLS, Table
from nsm_excel.outputs.master_tables import CAPTIONS, FIGURES
from nsm_excel.outputs.xlsx_tables import (
    Span,
    Styles,
    colour_labels,
    colour_rates,
    set_widths,
    write_table,
)

__all__ = ["FIGURES", "render"]

OPTIONS = {
    "in_memory": True,
    "strings_to_formulas": False,
    "strings_to_urls": False,
    "strings_to_numbers": False,
    "nan_inf_to_errors": True,  # a stray NaN shows as #NUM! instead of stopping the report
}
DOC_TITLE = Word("outputs.master.doc-title")
HEADING = Word("outputs.master.heading")
MADE = Word("outputs.master.made")
STATUS_COLOURS = {code: statuses.colour(code).fill for code in STATUS_ORDER}
CHART_COLUMN = 10  # charts sit from column K, right of the tables


def render(data: Consolidated, lang: str, made: dt.datetime) -> bytes:
    """The master workbook of ``data`` with headers and labels in ``lang`` ("sq" or "en")."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, OPTIONS)
    _properties(book, data, lang, made)
    styles = Styles(book)
    for sheet, tables in master_tables.sheets(data, lang).items():
        if sheet == "Overview":
            _overview(book, styles, data, tables, lang, made)
        elif sheet == "Budget":
            _budget(book, styles, tables, lang)
        else:
            write_list(book, styles, lang, sheet, tables[0])
    for ws in book.worksheets():
        _print_setup(ws)
    book.close()
    return buffer.getvalue()


def _print_setup(ws: Any) -> None:
    """Every sheet prints landscape, as wide as one page, its header row on each page: A4, or
    A3 for the wide lists of measures and indicators."""
    ws.set_landscape()
    ws.set_paper(8 if ws.name in ("Measures", "Indicators") else 9)  # A3, A4
    ws.set_margins(left=0.4, right=0.4, top=0.5, bottom=0.5)
    ws.fit_to_pages(1, 0)
    if ws.name not in ("Overview", "Budget"):
        ws.repeat_rows(0)
    ws.set_footer("&L&A&R&P / &N")


def _utc(made: dt.datetime) -> dt.datetime:
    return made.astimezone(dt.UTC) if made.tzinfo else made.replace(tzinfo=dt.UTC)


def _properties(book: Any, data: Consolidated, lang: str, made: dt.datetime) -> None:
    title = DOC_TITLE.get(lang, period=data.period.code)
    book.set_properties(
        {
            "title": title,
            "subject": HEADING.get(lang, period=data.period.code),
            "author": "nsm-excel",
            "company": "Technical Secretariat on Migration",
            "created": _utc(made),
        }
    )


def _overview(
    book: Any, styles: Styles, data: Consolidated, tables: list[Table[Any]], lang: str,
    made: dt.datetime,
) -> None:  # fmt: skip
    """Key figures and measures by status, then each chart's table with its chart beside it."""
    ws = book.add_worksheet("Overview")
    ws.write_string(0, 0, HEADING.shown(lang, " / ", period=data.period.code), styles.title)
    stamp = f"{_utc(made):%d.%m.%Y %H:%M}"
    ws.write_string(1, 0, MADE.shown(lang, " / ", made=stamp), styles.note)
    ws.freeze_panes(2, 0)
    ws.set_column(0, 0, 50)
    ws.set_column(1, 1, 34)
    ws.set_column(2, CHART_COLUMN - 2, 13)
    key_figures, status_counts, by_goal, by_lead, budget = tables
    span = _captioned(ws, styles, lang, key_figures, 3)
    band_row = span.top + 1 + list(FIGURES).index("band")
    colour_labels(ws, styles, Span(band_row - 1, 1, band_row), 0, BAND_FILLS)
    counts = _captioned(ws, styles, lang, status_counts, span.last + 2)
    charts = ChartStack(ws, 3, CHART_COLUMN)
    goals = _captioned(ws, styles, lang, by_goal, counts.last + 3)
    charts.add(_status_chart(book, goals, lang), 340)
    rates = _captioned(ws, styles, lang, by_lead, goals.last + 3)
    colour_rates(ws, rates, 4)
    colour_labels(ws, styles, rates, 5, BAND_FILLS)
    charts.add(_rate_chart(book, rates, lang), max(300, 60 + 22 * len(by_lead.rows)))
    money = _captioned(ws, styles, lang, budget, rates.last + 3)
    chart = _planned_spent_chart(book, "Overview", money, CAPTIONS["budget"].get(lang), 2)
    charts.add(chart, 320)


def _captioned(ws: Any, styles: Styles, lang: str, table: Table[Any], top: int) -> Span:
    """The table's caption at row ``top`` and the table below it."""
    assert table.caption is not None
    ws.write_string(top, 0, table.caption.shown(lang), styles.cells[K.TEXT])
    return write_table(ws, styles, lang, table, top + 1)


class ChartStack:
    """Charts one below the other from a cell, whatever the heights of the rows beside them."""

    def __init__(self, ws: Any, row: int, col: int, width: int = 720) -> None:
        self.ws, self.row, self.col, self.width, self.y = ws, row, col, width, 0

    def add(self, chart: Any, height: int) -> None:
        chart.set_size({"width": self.width, "height": height})
        self.ws.insert_chart(self.row, self.col, chart, {"y_offset": self.y})
        self.y += height + 20


def _series(sheet: str, span: Span, offset: int) -> dict[str, Any]:
    """A chart series of the table's column ``offset`` by the table's first column."""
    first, col, last, _ = span.col(offset)
    return {
        "name": [sheet, span.top, col],
        "categories": [sheet, first, span.left, last, span.left],
        "values": [sheet, first, col, last, col],
    }


def _status_chart(book: Any, span: Span, lang: str) -> Any:
    """Measures of each policy goal by status, as a stacked column chart."""
    chart = book.add_chart({"type": "column", "subtype": "stacked"})
    for offset, status in enumerate(STATUS_ORDER, start=2):
        series = _series("Overview", span, offset)
        chart.add_series(series | {"fill": {"color": STATUS_COLOURS[status]}, "gap": 60})
    chart.set_title({"name": CAPTIONS["by_goal"].get(lang)})
    chart.set_y_axis({"major_gridlines": {"visible": True}})
    chart.set_legend({"position": "right"})
    return chart


def _rate_chart(book: Any, span: Span, lang: str) -> Any:
    """Institutions leading at least one due measure: their implementation rate, as bars."""
    chart = book.add_chart({"type": "bar"})
    labels = {"value": True, "num_format": "0%"}
    chart.add_series(_series("Overview", span, 4) | {"fill": {"color": "#1F77B4"}} |
                     {"data_labels": labels})  # fmt: skip
    chart.set_title({"name": CAPTIONS["by_institution"].get(lang)})
    chart.set_x_axis({"min": 0, "max": 1, "num_format": "0%"})
    chart.set_y_axis({"reverse": True})
    chart.set_legend({"none": True})
    return chart


def _planned_spent_chart(book: Any, sheet: str, span: Span, title: str, planned: int) -> Any:
    """A clustered column chart of the table's planned column and the spent one after it."""
    chart = book.add_chart({"type": "column"})
    for offset, colour in ((planned, "#1F4E79"), (planned + 1, "#F4B183")):
        chart.add_series(_series(sheet, span, offset) | {"fill": {"color": colour}})
    chart.set_title({"name": title})
    chart.set_y_axis({"num_format": "#,##0", "major_gridlines": {"visible": True}})
    chart.set_legend({"position": "bottom"})
    return chart


def _budget(book: Any, styles: Styles, tables: list[Table[Any]], lang: str) -> None:
    """Planned, spent and execution by funding source, by objective and by institution, side
    by side, with a chart by source below."""
    ws = book.add_worksheet("Budget")
    ws.freeze_panes(1, 0)
    by_source, by_objective, by_institution = tables
    sources = write_table(ws, styles, lang, by_source)
    set_widths(ws, by_source.columns)
    write_table(ws, styles, lang, by_objective, left=5)
    set_widths(ws, by_objective.columns, left=5)
    write_table(ws, styles, lang, by_institution, left=12)
    set_widths(ws, by_institution.columns, left=12)
    title = CAPTIONS["by_source"].get(lang)
    chart = _planned_spent_chart(book, "Budget", sources, title, 1)
    ChartStack(ws, sources.last + 2, 0, width=460).add(chart, 300)
