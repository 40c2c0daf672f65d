"""The master workbook: read back with openpyxl and as raw XML from the demo's consolidated data."""

from __future__ import annotations

import datetime as dt
import io
import re
import warnings
import zipfile
from dataclasses import replace
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from defusedxml import ElementTree
from openpyxl.utils import range_boundaries
from openpyxl.worksheet.worksheet import Worksheet

from nsm_excel.consolidate import figures
from nsm_excel.consolidate.model import AcceptedWarning, Consolidated
from nsm_excel.core.labels import STATUSES
from nsm_excel.demo.run import run_demo
from nsm_excel.outputs import master_workbook
from nsm_excel.outputs.master_sheets import LIGHTS, NO_REPORT, SOURCES, STATES
from nsm_excel.outputs.master_trends import trend_sheets
from nsm_excel.outputs.reports import figures_for
from nsm_excel.store.workspace import Workspace

MADE = dt.datetime(2026, 8, 20, 9, 30, tzinfo=dt.UTC)
SHEETS = [
    "Overview",
    "Measures",
    "Indicators",
    "Goals",
    "Objectives",
    "GCM",
    "SDG",
    "Institutions",
    "Budget",
    "Gender",
    "Target groups",
    "Issues",
    "Changes",
]
REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
DOC_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> Consolidated:
    tmp = tmp_path_factory.mktemp("master")
    run_demo(tmp / "demo", reports=False)
    space = Workspace.open(tmp / "demo")
    return figures_for(space, space.current_period())


def render(data: Consolidated, lang: str, made: dt.datetime = MADE) -> bytes:
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # xlsxwriter reports bad tables and names as warnings
        return master_workbook.render(data, lang, made)


@pytest.fixture(scope="module")
def files(data: Consolidated) -> dict[str, bytes]:
    return {lang: render(data, lang) for lang in ("sq", "en")}


def load(content: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(content))


@pytest.fixture(scope="module")
def books(files: dict[str, bytes]) -> dict[str, openpyxl.Workbook]:
    return {lang: load(content) for lang, content in files.items()}


def headers(ws: Worksheet, row: int = 1) -> dict[str, int]:
    return {str(c.value): c.column for c in ws[row] if c.value is not None}


def column(ws: Worksheet, header: str) -> list[Any]:
    col = headers(ws)[header]
    return [ws.cell(row, col).value for row in range(2, ws.max_row + 1)]


def beside(ws: Worksheet, label: str) -> Any:
    """The cell right of the first cell in column A that reads ``label``."""
    for row in range(1, ws.max_row + 1):
        if ws.cell(row, 1).value == label:
            return ws.cell(row, 2)
    raise AssertionError(f"no label {label!r} in column A of {ws.title}")


def table_rows(ws: Worksheet) -> int:
    (ref,) = ws.tables.values()
    _, first, _, last = range_boundaries(ref.ref)
    assert first is not None and last is not None
    return last - first


def fraction(percent: float | None) -> float:
    """A percent of the model as the fraction the workbook stores."""
    assert percent is not None
    return percent / 100


def sheet_xml(content: bytes, name: str) -> str:
    """The XML part of sheet ``name``, found through the workbook's relationships."""
    with zipfile.ZipFile(io.BytesIO(content)) as z:
        book = ElementTree.fromstring(z.read("xl/workbook.xml"))
        rels = ElementTree.fromstring(z.read("xl/_rels/workbook.xml.rels"))
        rid = next(
            s.get(f"{DOC_REL}id") for s in book.iter(f"{MAIN}sheet") if s.get("name") == name
        )
        target = next(
            r.get("Target") for r in rels.iter(f"{REL}Relationship") if r.get("Id") == rid
        )
        return z.read(f"xl/{target}").decode()


def test_sheets_in_order(books: dict[str, openpyxl.Workbook]) -> None:
    for book in books.values():
        assert book.sheetnames == SHEETS


@pytest.mark.parametrize("lang", ["sq", "en"])
def test_overview_figures_equal_the_model(
    data: Consolidated, books: dict[str, openpyxl.Workbook], lang: str
) -> None:
    ws, o = books[lang]["Overview"], data.overview
    label = master_workbook.FIGURES

    def value(key: str) -> Any:
        return beside(ws, label[key].shown(lang)).value

    assert value("period") == o.period
    assert value("deadline").date() == o.deadline
    counts = ["expected", "accepted", "on_time", "late", "rejected", "missing", "due"]
    for key in [*counts, "implemented"]:
        assert value(key) == getattr(o, key), key
    for key in ["reporting_rate", "on_time_rate", "implementation_rate"]:
        assert value(key) == pytest.approx(fraction(getattr(o, key))), key
    assert value("execution") == pytest.approx(fraction(o.execution))
    assert value("band") == o.band
    assert value("planned") == pytest.approx(o.planned)
    assert value("spent") == pytest.approx(o.spent)
    for status, count in o.statuses.items():
        name = STATUSES[status].shown(lang) if status else NO_REPORT.shown(lang)
        assert beside(ws, name).value == count, status


def _chart_refs(chart: str) -> list[str]:
    return re.findall(r"<c:val><c:numRef><c:f>([^<]+)</c:f>", chart)


def test_overview_has_three_charts_drawn_from_its_cells(
    data: Consolidated, files: dict[str, bytes], books: dict[str, openpyxl.Workbook]
) -> None:
    with zipfile.ZipFile(io.BytesIO(files["en"])) as z:
        names = [n for n in z.namelist() if re.fullmatch(r"xl/charts/chart\d+\.xml", n)]
        charts = [z.read(n).decode() for n in names]
    on_overview = [c for c in charts if all(r.startswith("Overview!") for r in _chart_refs(c))]
    assert len(on_overview) >= 3
    kinds = " ".join(on_overview)
    assert '<c:grouping val="stacked"/>' in kinds
    assert '<c:barDir val="bar"/>' in kinds
    assert '<c:grouping val="clustered"/>' in kinds
    ws = books["en"]["Overview"]
    stacked = next(c for c in on_overview if '<c:grouping val="stacked"/>' in c)
    assert len(_chart_refs(stacked)) == len(data.overview.statuses)
    for chart in on_overview:
        for ref in _chart_refs(chart):
            cells = ws[ref.split("!")[1].replace("$", "")]
            values = [c.value for row in cells for c in row]
            # an institution with no report has no bar: its cell says so in words
            numbers = [v for v in values if v != NO_REPORT.shown("en")]
            assert numbers and all(isinstance(v, int | float) for v in numbers), ref
    completed = ws[_chart_refs(stacked)[0].split("!")[1].replace("$", "")]
    assert [row[0].value for row in completed] == [g.statuses["completed"] for g in data.goals]
    bar = next(c for c in on_overview if '<c:barDir val="bar"/>' in c)
    (rates,) = _chart_refs(bar)
    leading = [r for r in data.by_institution if r.due]
    assert len(ws[rates.split("!")[1].replace("$", "")]) == len(leading)


def test_every_sheet_has_a_table_over_all_its_rows_and_a_frozen_header(
    data: Consolidated, books: dict[str, openpyxl.Workbook]
) -> None:
    book = books["sq"]
    for ws in book.worksheets:
        assert ws.tables, ws.title
        assert ws.freeze_panes, ws.title
        for table in ws.tables.values():
            assert table.autoFilter is not None and table.tableStyleInfo is not None
    assert table_rows(book["Measures"]) == len(data.measures)
    assert table_rows(book["Indicators"]) == len(data.indicators)
    assert table_rows(book["Goals"]) == len(data.goals)
    assert table_rows(book["Objectives"]) == len(data.objectives)
    assert table_rows(book["GCM"]) == len(data.gcm)
    assert table_rows(book["Institutions"]) == len(data.institutions)
    assert table_rows(book["Issues"]) == max(1, len(data.warnings))
    assert book["Measures"].freeze_panes == "B2"
    codes = column(book["Measures"], "Kodi / Code")
    assert codes == [m.code for m in data.measures]


def test_amounts_percents_and_dates_have_number_formats(
    data: Consolidated, books: dict[str, openpyxl.Workbook]
) -> None:
    book = books["en"]
    ws = book["Measures"]
    planned = headers(ws)["Planned cost of the year (lek)"]
    assert {ws.cell(r, planned).number_format for r in range(2, ws.max_row + 1)} == {"#,##0_)"}
    done = next(i for i, m in enumerate(data.measures, start=2) if m.completion_date)
    cell = ws.cell(done, headers(ws)["Completion date"])
    assert cell.number_format == "dd.mm.yyyy"
    assert isinstance(cell.value, dt.datetime)
    assert cell.value.date().isoformat() == data.measures[done - 2].completion_date
    rate = beside(book["Overview"], "Reporting rate")
    assert rate.number_format == "0.0%_)"
    goals = book["Goals"]
    rates = headers(goals)["Implementation rate"]
    assert goals.cell(2, rates).number_format == "0.0%_)"
    assert goals.cell(2, rates).value == pytest.approx(fraction(data.goals[0].implementation_rate))
    assert goals.cell(2, headers(goals)["Spent (lek)"]).number_format == "#,##0_)"
    assert any(cf.rules[0].type == "colorScale" for cf in goals.conditional_formatting)


def _hostile(data: Consolidated) -> Consolidated:
    measures = list(data.measures)
    measures[0] = replace(measures[0], progress='=HYPERLINK("http://evil","x")')
    measures[1] = replace(measures[1], progress="http://example.org", evidence="+1-2")
    warning = AcceptedWarning("MB", "MB.xlsx", "Measures", "C5", "x", "=1+1", "=2+2")
    return replace(data, measures=tuple(measures), warnings=(warning,))


def test_text_from_returns_stays_text(data: Consolidated) -> None:
    content = render(_hostile(data), "en")
    book = load(content)
    ws = book["Measures"]
    progress = headers(ws)["Progress"]
    first, second = ws.cell(2, progress), ws.cell(3, progress)
    assert (first.data_type, first.value) == ("s", '=HYPERLINK("http://evil","x")')
    assert (second.data_type, second.value) == ("s", "http://example.org")
    assert first.hyperlink is None and second.hyperlink is None
    assert ws.cell(3, headers(ws)["Evidence"]).value == "+1-2"
    measures_xml = sheet_xml(content, "Measures")
    assert "<f>" not in measures_xml and "<f " not in measures_xml
    assert "<hyperlink" not in measures_xml
    issues = book["Issues"]
    assert issues.cell(2, headers(issues)["Message"]).value == "=1+1"
    assert issues.cell(2, headers(issues)["Message"]).data_type == "s"
    assert table_rows(issues) == 1
    assert "<f>" not in sheet_xml(content, "Issues")


def test_missing_reports_are_marked(
    data: Consolidated, books: dict[str, openpyxl.Workbook]
) -> None:
    missing = [m for m in data.measures if not m.reported]
    assert missing, "the demo has a silent institution"
    for lang, book in books.items():
        ws = book["Measures"]
        statuses = column(ws, "Statusi / Status" if lang == "sq" else "Status")
        label = NO_REPORT.shown(lang)
        assert [s == label for s in statuses] == [not m.reported for m in data.measures]
        formulas = [f for cf in ws.conditional_formatting for r in cf.rules for f in r.formula]
        assert any(label in f for f in formulas)


def test_indicators_show_capped_and_raw_progress_with_a_traffic_light(data: Consolidated) -> None:
    indicators = list(data.indicators)
    indicators[0] = replace(indicators[0], progress=1.5, light=figures.GREEN, women=3, men=4)
    book = load(render(replace(data, indicators=tuple(indicators)), "en"))
    ws = book["Indicators"]
    h = headers(ws)
    shown, raw = ws.cell(2, h["Progress (0-100 %)"]), ws.cell(2, h["Progress, raw (uncapped)"])
    assert (shown.value, raw.value) == (1.0, 1.5)
    assert shown.number_format == raw.number_format == "0.0%_)"
    assert (ws.cell(2, h["Women"]).value, ws.cell(2, h["Men"]).value) == (3, 4)
    lights = column(ws, "Traffic light")
    assert lights == [LIGHTS[i.light].get("en") for i in indicators]
    rules = [r for cf in ws.conditional_formatting for r in cf.rules]
    assert {'"green"', '"amber"', '"red"', '"grey"'} <= {f for r in rules for f in r.formula}


def test_languages_give_different_headers(books: dict[str, openpyxl.Workbook]) -> None:
    sq, en = (list(headers(books[lang]["Measures"])) for lang in ("sq", "en"))
    assert len(sq) == len(en) and sq != en
    assert "Statusi / Status" in sq and "Status" in en
    assert "Code" in en and "Kodi / Code" in sq


def test_institutions_gcm_and_budget_come_from_the_model(
    data: Consolidated, books: dict[str, openpyxl.Workbook]
) -> None:
    book = books["en"]
    ws = book["Institutions"]
    assert column(ws, "Code") == [i.code for i in data.institutions]
    assert column(ws, "Return status") == [STATES[i.state].get("en") for i in data.institutions]
    problems = [("\n".join(i.problems) or None) for i in data.institutions]
    assert column(ws, "Problems") == problems
    gcm = book["GCM"]
    assert column(gcm, "GCM objective") == [int(r.key) for r in data.gcm]
    assert column(gcm, "Measures due") == [r.due for r in data.gcm]
    budget = book["Budget"]
    for source, planned, spent in data.by_source:
        cell = beside(budget, SOURCES[source].get("en"))
        assert cell.value == pytest.approx(planned)
        # the gap is planned with no source: apart, with no spending and no execution
        after = [budget.cell(cell.row, n).value for n in (3, 4)]
        assert after == ([None, None] if source == "gap" else [pytest.approx(spent), after[1]])
    gap_table = budget.tables["BudgetGap"]
    assert gap_table.ref.startswith("A") and gap_table.ref.split(":")[1].startswith("B")
    assert set(budget.tables) == {
        "BudgetBySource", "BudgetGap", "BudgetByObjective", "BudgetByInstitution"
    }  # fmt: skip


def test_supporting_contributions_are_summarised(
    data: Consolidated, books: dict[str, openpyxl.Workbook]
) -> None:
    ws = books["en"]["Measures"]
    lines = column(ws, "Supporting contributions")
    for line, measure in zip(lines, data.measures, strict=True):
        if not measure.contributions:
            assert line is None
            continue
        assert line.count("\n") == len(measure.contributions) - 1
        assert line.startswith(measure.contributions[0].institution)


def test_the_same_made_gives_the_same_bytes(data: Consolidated, files: dict[str, bytes]) -> None:
    assert render(data, "sq") == files["sq"]
    later = render(data, "sq", MADE + dt.timedelta(hours=1))
    assert later != files["sq"]
    with zipfile.ZipFile(io.BytesIO(files["sq"])) as z:
        core = z.read("docProps/core.xml").decode()
    assert "2026-08-20T09:30:00Z" in core
    assert re.search(rf"<dc:title>[^<]*{data.period.code}</dc:title>", core)


def test_the_demo_writes_a_master_workbook(tmp_path: Path) -> None:
    result = run_demo(tmp_path / "demo")
    assert result.reports is not None
    book = openpyxl.load_workbook(tmp_path / "demo" / result.reports.master)
    assert book.sheetnames == [*SHEETS[:3], "Passport", *SHEETS[3:], *trend_sheets()]


def test_header_heights_count_lines_wrapped_at_spaces() -> None:
    """A client moves whole words to the next line: 'a bcd e' needs three lines of four."""
    from nsm_excel.outputs.xlsx_tables import LINE, row_height

    assert row_height(["a bcd e"], [4 / 1.2]) == 3 * LINE
    assert row_height(["a bcd e"], [4], bold=True) == 3 * LINE
    assert row_height(["abcdefgh"], [4], bold=True) == 2 * LINE
    assert row_height(["short"], [20]) is None
    assert row_height(["a\nb"], [20]) == 2 * LINE  # short, yet two lines
    assert row_height(["short", "a bcd e"], [20, 4 / 1.2]) == 3 * LINE  # the longest counts


def test_a_value_that_brings_its_own_kind_is_written_and_wrapped_by_it() -> None:
    """A column of numbers where one row holds words (a Cell of long text): the words are
    written as text and the row is as tall as they need; the numbers keep their format."""
    import xlsxwriter

    from nsm_excel.core.vocab.kinds import ValueKind as K
    from nsm_excel.core.words import Word
    from nsm_excel.outputs.master_sheets import Cell, Column, Table
    from nsm_excel.outputs.xlsx_tables import LINE, Styles, write_table

    words = "no report was sent for this measure in the period"
    rows = [0.5, Cell(words, K.LONG_TEXT), None]
    table = Table(
        "T", [Column("rate", Word("outputs.column.code"), K.PERCENT, 8, lambda r: r)], rows
    )
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True})
    ws = book.add_worksheet("S")
    write_table(ws, Styles(book), "en", table)
    book.close()
    sheet = openpyxl.load_workbook(io.BytesIO(out.getvalue()))["S"]
    assert sheet["A2"].value == 0.005 and "%" in sheet["A2"].number_format
    assert sheet["A3"].value == words and sheet["A3"].alignment.wrap_text
    assert sheet.row_dimensions[3].height == 6 * LINE
    assert sheet["A4"].value is None and sheet.row_dimensions[2].height is None
