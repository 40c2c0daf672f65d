"""The master workbook of a period (.xlsx bytes): the edge that writes the declared tables of
:func:`nsm_excel.outputs.master_tables.sheets` with xlsxwriter.

Sheets, in order: Overview (key figures, measures by status, and the tables behind its three
charts: status by policy goal, implementation rate by institution, planned against spent by policy
goal; the key figures beside the previous period's), Measures, Indicators, Passport (what the
plan says of each indicator and what it lacks), Goals and Objectives (the roll-ups, one table per
sheet), GCM, Institutions, Budget (by funding source, by objective and by institution side by
side, with a chart by source) and Issues (warnings in accepted returns); given a history, the
history sheets after them (:mod:`nsm_excel.outputs.master_trends_write`). The list sheets are
written by :mod:`nsm_excel.outputs.master_lists`, a table by :mod:`nsm_excel.outputs.xlsx_tables`.

Every figure comes from the model; this module only lays it out. The file is reproducible: the
same data, language and ``made`` give the same bytes.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from typing import Any

import xlsxwriter

from nsm_excel.consolidate.history import History
from nsm_excel.consolidate.model import STATUS_ORDER, Consolidated, Overview
from nsm_excel.consolidate.passport import PassportLine
from nsm_excel.core.vocab import colours, statuses
from nsm_excel.core.words import Word
from nsm_excel.outputs import master_tables
from nsm_excel.outputs.comparison import FIGURE_OF, Comparison, comparison
from nsm_excel.outputs.master_lists import (
    captioned,
    grey_unreported,
    stack_widths,
    write_list,
    write_stacked,
)
from nsm_excel.outputs.master_passport import mark_missing
from nsm_excel.outputs.master_sheets import BAND_FILLS, Table
from nsm_excel.outputs.master_tables import CAPTIONS, FIGURES
from nsm_excel.outputs.master_trends import CHART_SHEET
from nsm_excel.outputs.master_trends_write import write_trends
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
CHART_WIDTH = 720  # pixels
OVERVIEW_COLUMNS = (50, 34, 30, 16, 16, 15, 15, 15, 15, 9)  # A to J, left of the charts
# D and E also hold the previous period's key figures and the difference
OVERVIEW_WIDTH = sum(OVERVIEW_COLUMNS) + CHART_WIDTH / 7  # a width unit is about 7 pixels
MIN_SCALE = 0.55  # printed text is not made smaller than this to fit a page's width
PAPERS = ((9, 784.0), (8, 1133.0))  # A4 and A3 landscape: points between the margins
STACKED = ("Gender", "Target groups")  # sheets of captioned tables, one below the other
BETTER, WORSE = colours.BANDS[0].colour, colours.BANDS[-1].colour  # a change's colours


def render(
    data: Consolidated,
    lang: str,
    made: dt.datetime,
    before: Overview | None = None,
    passport: Sequence[PassportLine] = (),
    history: History | None = None,
) -> bytes:
    """The master workbook of ``data`` with headers and labels in ``lang`` ("sq" or "en"); its
    key figures beside ``before``'s, the previous period's (``None``: the first period), a
    Passport sheet of ``passport``'s indicators when it has lines, and with ``history`` (the
    periods up to ``data``'s) its history sheets after the period's."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, OPTIONS)
    _properties(book, data, lang, made)
    styles = Styles(book)
    widths: dict[str, float] = {}
    for sheet, tables in master_tables.sheets(data, lang, before, passport).items():
        widths[sheet] = max(sum(c.width for c in t.columns) for t in tables)
        if sheet == "Overview":
            ws, span = _overview(book, styles, data, tables, lang, made)
            _colour_changes(ws, styles, comparison(data.overview, before), tables[0], span)
        elif sheet == "Passport":
            _passport(book, styles, tables[0], lang)
        elif sheet == "Budget":
            _budget(book, styles, tables, lang)
        elif len(tables) > 1 or sheet in STACKED:
            write_stacked(book, styles, lang, sheet, tables)
        else:
            write_list(book, styles, lang, sheet, tables[0])
    if history is not None:
        widths |= write_trends(book, styles, lang, history)
    for ws in book.worksheets():
        _print_setup(ws, OVERVIEW_WIDTH if ws.name == "Overview" else widths[ws.name])
    book.close()
    return buffer.getvalue()


def _print_setup(ws: Any, width: float) -> None:
    """Every sheet prints landscape, its header row on each page of a list: as wide as one A4
    page, or one A3 page, while the text stays at least MIN_SCALE of its size; a wider list
    prints at that scale across pages, its first column on each."""
    ws.set_landscape()
    ws.set_margins(left=0.4, right=0.4, top=0.5, bottom=0.5)
    points = width * 7 * 0.75  # a width unit is about 7 pixels, a pixel 0.75 points
    paper = next((p for p, wide in PAPERS if points * MIN_SCALE <= wide), 8)
    ws.set_paper(paper)
    if points * MIN_SCALE <= dict(PAPERS)[paper]:
        ws.fit_to_pages(1, 0)
    else:
        ws.set_print_scale(round(MIN_SCALE * 100))
        ws.repeat_columns(0)
        ws.print_across()
    if ws.name not in ("Overview", "Budget", CHART_SHEET) and ws.name not in STACKED:
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
) -> tuple[Any, Span]:  # fmt: skip
    """Key figures and measures by status, then each chart's table with its chart beside it;
    the sheet and where the key figures landed."""
    ws = book.add_worksheet("Overview")
    ws.write_string(0, 0, HEADING.shown(lang, " / ", period=data.period.code), styles.title)
    stamp = f"{_utc(made):%d.%m.%Y %H:%M}"
    ws.write_string(1, 0, MADE.shown(lang, " / ", made=stamp), styles.note)
    ws.freeze_panes(2, 0)
    for col, width in enumerate(OVERVIEW_COLUMNS):
        ws.set_column(col, col, width)
    key_figures, status_counts, by_goal, by_lead, budget = tables
    span = captioned(ws, styles, lang, key_figures, 3)
    band_row = span.top + 1 + list(FIGURES).index("band")
    colour_labels(ws, styles, Span(band_row - 1, 1, band_row), 0, BAND_FILLS)
    counts = captioned(ws, styles, lang, status_counts, span.last + 2)
    charts = ChartStack(ws, 3, CHART_COLUMN)
    goals = captioned(ws, styles, lang, by_goal, counts.last + 3)
    charts.add(_status_chart(book, goals, lang), 340)
    rates = captioned(ws, styles, lang, by_lead, goals.last + 3)
    colour_rates(ws, rates, by_lead.index("rate"))
    grey_unreported(ws, styles, lang, rates, by_lead.index("rate"))
    colour_labels(ws, styles, rates, by_lead.index("band"), BAND_FILLS)
    charts.add(
        _rate_chart(book, rates, lang, by_lead.index("rate")), max(300, 60 + 22 * len(by_lead.rows))
    )
    money = captioned(ws, styles, lang, budget, rates.last + 3)
    chart = _planned_spent_chart(book, "Overview", money, CAPTIONS["budget"].get(lang), 2)
    charts.add(chart, 320)
    return ws, span


def _colour_changes(
    ws: Any, styles: Styles, compared: Comparison, table: Table[Any], span: Span
) -> None:
    """The difference of a key figure green when it is for the better, red when for the worse
    (the measures due neither); no colour without a trend."""
    column = span.left + table.index("difference")
    for name, key in FIGURE_OF.items():
        better = compared.improves(name)
        if better is not None:
            row = span.top + 1 + list(FIGURES).index(key)
            fill = styles.fills[BETTER if better else WORSE]
            ws.conditional_format(row, column, row, column, {"type": "no_blanks", "format": fill})


def _passport(book: Any, styles: Styles, table: Table[PassportLine], lang: str) -> None:
    """Each indicator's passport; the facts asked that the plan leaves empty highlighted."""
    ws = book.add_worksheet(table.name)
    span = write_table(ws, styles, lang, table)
    set_widths(ws, table.columns)
    ws.freeze_panes(1, 2)
    mark_missing(ws, styles, lang, table, span)


class ChartStack:
    """Charts one below the other from a cell, whatever the heights of the rows beside them."""

    def __init__(self, ws: Any, row: int, col: int, width: int = CHART_WIDTH) -> None:
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


def _rate_chart(book: Any, span: Span, lang: str, rate: int) -> Any:
    """Institutions leading at least one due measure: their implementation rate, as bars."""
    chart = book.add_chart({"type": "bar"})
    labels = {"value": True, "num_format": "0%"}
    chart.add_series(_series("Overview", span, rate) | {"fill": {"color": "#1F77B4"}} |
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
    """Planned, spent and execution by funding source with its chart beside; the financing gap
    apart (planned, unfunded: not a source, no execution); then by objective and by
    institution, one below the other."""
    ws = book.add_worksheet("Budget")
    ws.freeze_panes(1, 0)
    stack_widths(ws, tables)
    sources = captioned(ws, styles, lang, tables[0], 0)
    title = CAPTIONS["by_source"].get(lang)
    chart = _planned_spent_chart(book, "Budget", sources, title, 1)
    ChartStack(ws, 0, 7, width=460).add(chart, 260)
    top = sources.last + 2
    for table in tables[1:]:
        top = captioned(ws, styles, lang, table, top).last + 2
