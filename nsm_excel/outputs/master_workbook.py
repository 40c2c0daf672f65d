"""The master workbook of a period (.xlsx bytes): the edge that renders :class:`Consolidated`.

Sheets, in order: Overview (key figures, measures by status, and the tables behind its three
charts: status by policy goal, implementation rate by institution, planned against spent by policy
goal), Measures, Indicators, Goals and Objectives (the roll-ups, one table per sheet), GCM,
Institutions, Budget (by funding source, by objective and by institution side by side, with a
chart by source) and Issues (warnings in accepted returns). Table sheets are written by
:mod:`nsm_excel.master_sheets`.

Every figure comes from the model; this module only lays it out. The file is reproducible: the
same data, language and ``made`` give the same bytes.
"""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import xlsxwriter

from nsm_excel.consolidate import figures
from nsm_excel.consolidate.consolidation import STATUS_ORDER, Consolidated, Overview, Rollup
from nsm_excel.core.labels import STATUSES, Text
from nsm_excel.core.vocab import statuses
from nsm_excel.core.vocab.kinds import ValueKind as K
from nsm_excel.outputs.master_sheets import (
    BAND,
    BAND_FILLS,
    CODE,
    DUE,
    EXECUTION,
    GAP,
    GOAL,
    IMPLEMENTED,
    INSTITUTION,
    NO_REPORT,
    OBJECTIVE,
    PLANNED,
    RATE,
    SOURCES,
    SPENT,
    TITLE,
    WRAP,
    Cell,
    Column,
    Span,
    Styles,
    colour_labels,
    colour_rates,
    set_widths,
    status_columns,
    write_indicators,
    write_institutions,
    write_issues,
    write_measures,
    write_rollups,
    write_table,
)

OPTIONS = {
    "in_memory": True,
    "strings_to_formulas": False,
    "strings_to_urls": False,
    "strings_to_numbers": False,
    "nan_inf_to_errors": True,  # a stray NaN shows as #NUM! instead of stopping the report
}
DOC_TITLE = Text("SKM: libri kryesor i monitorimit {period}", "NSM master workbook {period}")
HEADING = Text(
    "Plani i Veprimit i Strategjisë Kombëtare për Migracionin: periudha {period}",
    "National Strategy on Migration, Action Plan: period {period}",
)
MADE = Text("Përgatitur më {made} (UTC)", "Made on {made} (UTC)")
FIGURE, VALUE = Text("Treguesi", "Figure"), Text("Vlera", "Value")
FIGURES: dict[str, Text] = {
    "period": Text("Periudha", "Period"),
    "deadline": Text("Afati i raportimit", "Reporting deadline"),
    "expected": Text("Institucione që duhej të raportonin", "Institutions expected to report"),
    "accepted": Text("Raporte të pranuara", "Returns accepted"),
    "on_time": Text("Raporte në afat", "Returns on time"),
    "late": Text("Raporte me vonesë", "Late returns"),
    "rejected": Text("Vetëm raporte të refuzuara", "Only rejected returns"),
    "missing": Text("Raporte që mungojnë", "Missing returns"),
    "reporting_rate": Text("Shkalla e raportimit", "Reporting rate"),
    "on_time_rate": Text("Shkalla e raportimit në afat", "On-time rate"),
    "due": DUE,
    "implemented": IMPLEMENTED,
    "implementation_rate": RATE,
    "band": BAND,
    "planned": PLANNED,
    "spent": SPENT,
    "execution": EXECUTION,
}
CAPTIONS = {
    "figures": Text("Treguesit kryesorë", "Key figures"),
    "statuses": Text("Masat sipas statusit", "Measures by status"),
    "by_goal": Text("Statusi i masave sipas qëllimit", "Status of measures by policy goal"),
    "by_institution": Text(
        "Shkalla e zbatimit sipas institucionit drejtues", "Implementation rate by lead institution"
    ),
    "budget": Text("E planifikuar dhe e shpenzuar sipas qëllimit", "Planned and spent by goal"),
    "by_source": Text("E planifikuar dhe e shpenzuar sipas burimit", "Planned and spent by source"),
}
STATUS_COLOURS = {code: statuses.colour(code).fill for code in STATUS_ORDER}
CHART_COLUMN = 10  # charts sit from column K, right of the tables


def render(data: Consolidated, lang: str, made: dt.datetime) -> bytes:
    """The master workbook of ``data`` with headers and labels in ``lang`` ("sq" or "en")."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, OPTIONS)
    _properties(book, data, lang, made)
    styles = Styles(book)
    _overview(book, styles, data, lang, made)
    write_measures(book, styles, data, lang)
    write_indicators(book, styles, data, lang)
    write_rollups(book, styles, data, lang)
    write_institutions(book, styles, data, lang)
    _budget(book, styles, data, lang)
    write_issues(book, styles, data, lang)
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
    title = DOC_TITLE.get(lang).format(period=data.period.code)
    book.set_properties(
        {
            "title": title,
            "subject": HEADING.get(lang).format(period=data.period.code),
            "author": "nsm-excel",
            "company": "Technical Secretariat on Migration",
            "created": _utc(made),
        }
    )


def _key_figures(o: Overview) -> list[tuple[str, Cell]]:
    values = {
        "period": Cell(o.period, K.TEXT),
        "deadline": Cell(o.deadline, K.DATE),
        "expected": Cell(o.expected, K.COUNT),
        "accepted": Cell(o.accepted, K.COUNT),
        "on_time": Cell(o.on_time, K.COUNT),
        "late": Cell(o.late, K.COUNT),
        "rejected": Cell(o.rejected, K.COUNT),
        "missing": Cell(o.missing, K.COUNT),
        "reporting_rate": Cell(o.reporting_rate, K.PERCENT),
        "on_time_rate": Cell(o.on_time_rate, K.PERCENT),
        "due": Cell(o.due, K.COUNT),
        "implemented": Cell(o.implemented, K.COUNT),
        "implementation_rate": Cell(o.implementation_rate, K.PERCENT),
        "band": Cell(o.band, K.TEXT),
        "planned": Cell(o.planned, K.AMOUNT),
        "spent": Cell(o.spent, K.AMOUNT),
        "execution": Cell(o.execution, K.PERCENT),
    }
    return list(values.items())


def _overview(book: Any, styles: Styles, data: Consolidated, lang: str, made: dt.datetime) -> None:
    ws = book.add_worksheet("Overview")
    ws.write_string(0, 0, HEADING.shown(lang).format(period=data.period.code), styles.title)
    stamp = f"{_utc(made):%d.%m.%Y %H:%M}"
    ws.write_string(1, 0, MADE.shown(lang).format(made=stamp), styles.note)
    ws.freeze_panes(2, 0)
    ws.set_column(0, 0, 50)
    ws.set_column(1, 1, 34)
    ws.set_column(2, CHART_COLUMN - 2, 13)
    row = _key_figure_tables(ws, styles, data.overview, lang, top=3)
    charts = ChartStack(ws, 3, CHART_COLUMN)
    goals = _status_by_goal(book, charts, styles, data.goals, lang, row)
    leads = [r for r in data.by_institution if r.due > 0]
    rates = _rate_by_institution(book, charts, styles, leads, lang, goals.last + 3)
    _budget_by_goal(book, charts, styles, data.goals, lang, rates.last + 3)


class ChartStack:
    """Charts one below the other from a cell, whatever the heights of the rows beside them."""

    def __init__(self, ws: Any, row: int, col: int, width: int = 720) -> None:
        self.ws, self.row, self.col, self.width, self.y = ws, row, col, width, 0

    def add(self, chart: Any, height: int) -> None:
        chart.set_size({"width": self.width, "height": height})
        self.ws.insert_chart(self.row, self.col, chart, {"y_offset": self.y})
        self.y += height + 20


def _caption(ws: Any, styles: Styles, row: int, key: str, lang: str) -> None:
    ws.write_string(row, 0, CAPTIONS[key].shown(lang), styles.cells[K.TEXT])


def _key_figure_tables(ws: Any, styles: Styles, o: Overview, lang: str, top: int) -> int:
    """The key figures and the measures by status; returns the first free row below them."""
    figure_columns: list[Column[tuple[str, Cell]]] = [
        Column(FIGURE, K.TEXT, 36, lambda f: FIGURES[f[0]].shown(lang)),
        Column(VALUE, K.TEXT, 34, lambda f: f[1]),
    ]
    _caption(ws, styles, top, "figures", lang)
    span = write_table(ws, styles, lang, "KeyFigures", figure_columns, _key_figures(o), top + 1)
    band_row = span.top + 1 + list(FIGURES).index("band")
    colour_labels(ws, styles, Span(band_row - 1, 1, band_row), 0, BAND_FILLS)
    status_rows = [(s, o.statuses.get(s, 0)) for s in STATUS_ORDER]
    status_table: list[Column[tuple[str, int]]] = [
        Column(Text("Statusi", "Status"), K.TEXT, 36, lambda s: _status_name(s[0], lang)),
        Column(Text("Masa", "Measures"), K.COUNT, 34, lambda s: s[1]),
    ]
    _caption(ws, styles, span.last + 2, "statuses", lang)
    counts = write_table(ws, styles, lang, "StatusCounts", status_table, status_rows, span.last + 3)
    return counts.last + 3


def _status_name(status: str, lang: str) -> str:
    return STATUSES.get(status, NO_REPORT).shown(lang)


def _goal_columns(lang: str) -> list[Column[Rollup]]:
    sq = lang == "sq"
    return [
        Column(GOAL, K.TEXT, 36, lambda r: r.key),
        Column(TITLE, WRAP, 34, lambda r: r.title_sq if sq else r.title_en),
    ]


def _status_by_goal(
    book: Any, charts: ChartStack, styles: Styles, goals: tuple[Rollup, ...], lang: str, top: int
) -> Span:
    ws = charts.ws
    """Measures of each policy goal by status, and a stacked column chart of it."""
    _caption(ws, styles, top, "by_goal", lang)
    columns = _goal_columns(lang) + status_columns(lang)
    span = write_table(ws, styles, lang, "StatusByGoal", columns, goals, top + 1)
    chart = book.add_chart({"type": "column", "subtype": "stacked"})
    for offset, status in enumerate(STATUS_ORDER, start=2):
        first, col, last, _ = span.col(offset)
        chart.add_series(
            {
                "name": ["Overview", span.top, col],
                "categories": ["Overview", first, span.left, last, span.left],
                "values": ["Overview", first, col, last, col],
                "fill": {"color": STATUS_COLOURS[status]},
                "gap": 60,
            }
        )
    chart.set_title({"name": CAPTIONS["by_goal"].get(lang)})
    chart.set_y_axis({"major_gridlines": {"visible": True}})
    chart.set_legend({"position": "right"})
    charts.add(chart, 340)
    return span


def _rate_by_institution(
    book: Any, charts: ChartStack, styles: Styles, leads: list[Rollup], lang: str, top: int
) -> Span:
    """Institutions leading at least one due measure: their implementation rate, as a bar chart."""
    ws = charts.ws
    sq = lang == "sq"
    columns: list[Column[Rollup]] = [
        Column(CODE, K.TEXT, 36, lambda r: r.key),
        Column(INSTITUTION, WRAP, 34, lambda r: r.title_sq if sq else r.title_en),
        Column(DUE, K.COUNT, 13, lambda r: r.due),
        Column(IMPLEMENTED, K.COUNT, 13, lambda r: r.implemented),
        Column(RATE, K.PERCENT, 13, lambda r: r.implementation_rate),
        Column(BAND, K.TEXT, 13, lambda r: r.band),
    ]
    _caption(ws, styles, top, "by_institution", lang)
    span = write_table(ws, styles, lang, "RateByInstitution", columns, leads, top + 1)
    colour_rates(ws, span, 4)
    colour_labels(ws, styles, span, 5, BAND_FILLS)
    first, col, last, _ = span.col(4)
    chart = book.add_chart({"type": "bar"})
    chart.add_series(
        {
            "name": ["Overview", span.top, col],
            "categories": ["Overview", first, span.left, last, span.left],
            "values": ["Overview", first, col, last, col],
            "fill": {"color": "#1F77B4"},
            "data_labels": {"value": True, "num_format": "0%"},
        }
    )
    chart.set_title({"name": CAPTIONS["by_institution"].get(lang)})
    chart.set_x_axis({"min": 0, "max": 1, "num_format": "0%"})
    chart.set_y_axis({"reverse": True})
    chart.set_legend({"none": True})
    charts.add(chart, max(300, 60 + 22 * len(leads)))
    return span


def _money_columns(lang: str, key: Text, width: float) -> list[Column[Rollup]]:
    sq = lang == "sq"
    return [
        Column(key, K.TEXT, width, lambda r: r.key),
        Column(TITLE, WRAP, 34, lambda r: r.title_sq if sq else r.title_en),
        Column(PLANNED, K.AMOUNT, 16, lambda r: r.planned),
        Column(SPENT, K.AMOUNT, 16, lambda r: r.spent),
        Column(EXECUTION, K.PERCENT, 12, lambda r: r.execution),
        Column(GAP, K.AMOUNT, 16, lambda r: r.gap),
    ]


def _budget_by_goal(
    book: Any, charts: ChartStack, styles: Styles, goals: tuple[Rollup, ...], lang: str, top: int
) -> None:
    ws = charts.ws
    _caption(ws, styles, top, "budget", lang)
    span = write_table(ws, styles, lang, "BudgetByGoal", _money_columns(lang, GOAL, 36), goals,
                       top + 1)  # fmt: skip
    chart = _planned_spent_chart(book, "Overview", span, CAPTIONS["budget"].get(lang), 2)
    charts.add(chart, 320)


def _planned_spent_chart(book: Any, sheet: str, span: Span, title: str, planned: int) -> Any:
    """A clustered column chart of the table's planned column and the spent one after it."""
    chart = book.add_chart({"type": "column"})
    for offset, colour in ((planned, "#1F4E79"), (planned + 1, "#F4B183")):
        first, col, last, _ = span.col(offset)
        chart.add_series(
            {
                "name": [sheet, span.top, col],
                "categories": [sheet, first, span.left, last, span.left],
                "values": [sheet, first, col, last, col],
                "fill": {"color": colour},
            }
        )
    chart.set_title({"name": title})
    chart.set_y_axis({"num_format": "#,##0", "major_gridlines": {"visible": True}})
    chart.set_legend({"position": "bottom"})
    return chart


def _budget(book: Any, styles: Styles, data: Consolidated, lang: str) -> None:
    """Planned, spent and execution by funding source, by objective and by institution."""
    ws = book.add_worksheet("Budget")
    ws.freeze_panes(1, 0)
    source_columns: list[Column[tuple[str, float, float]]] = [
        Column(Text("Burimi i financimit", "Funding source"), K.TEXT, 20,
               lambda s: SOURCES[s[0]].shown(lang) if s[0] in SOURCES else s[0]),
        Column(PLANNED, K.AMOUNT, 16, lambda s: s[1]),
        Column(SPENT, K.AMOUNT, 16, lambda s: s[2]),
        Column(EXECUTION, K.PERCENT, 12, lambda s: figures.execution(s[2], s[1])),
    ]  # fmt: skip
    sources = write_table(ws, styles, lang, "BudgetBySource", source_columns, data.by_source)
    set_widths(ws, source_columns)
    objective = _money_columns(lang, OBJECTIVE, 10)
    write_table(ws, styles, lang, "BudgetByObjective", objective, data.objectives, left=5)
    set_widths(ws, objective, left=5)
    institution = _money_columns(lang, CODE, 10)
    institution[1] = Column(INSTITUTION, WRAP, 34, institution[1].get)
    write_table(ws, styles, lang, "BudgetByInstitution", institution, data.by_institution,
                left=12)  # fmt: skip
    set_widths(ws, institution, left=12)
    title = CAPTIONS["by_source"].get(lang)
    chart = _planned_spent_chart(book, "Budget", sources, title, 1)
    ChartStack(ws, sources.last + 2, 0, width=460).add(chart, 300)
