"""What the analyst reads in the master workbook: figures in their unit's number format, "no
report" in words where nothing was reported, and the Gender, Target groups and SDG sheets, read
back with openpyxl."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import replace
from typing import Any

import openpyxl
import pytest
from openpyxl.worksheet.worksheet import Worksheet

from nsm_excel.consolidate import rollups
from nsm_excel.consolidate.model import Consolidated
from nsm_excel.demo.run import run_demo
from nsm_excel.outputs import master_workbook
from nsm_excel.outputs.master_sheets import NO_REPORT
from nsm_excel.outputs.reports import figures_for
from nsm_excel.store.workspace import Workspace

MADE = dt.datetime(2026, 8, 20, 9, 30, tzinfo=dt.UTC)
NONE_EN = NO_REPORT.shown("en")


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> Consolidated:
    tmp = tmp_path_factory.mktemp("views")
    run_demo(tmp / "demo", reports=False)
    space = Workspace.open(tmp / "demo")
    return figures_for(space, space.current_period())


def book_of(data: Consolidated, lang: str = "en") -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(master_workbook.render(data, lang, MADE)))


def headers(ws: Worksheet, row: int = 1) -> dict[str, int]:
    return {str(c.value): c.column for c in ws[row] if c.value is not None}


def row_of(ws: Worksheet, col: int, value: object) -> int:
    return next(r for r in range(1, ws.max_row + 1) if ws.cell(r, col).value == value)


def test_indicator_figures_take_their_units_number_format(data: Consolidated) -> None:
    first = data.indicators[0]
    lines = (
        replace(first, code="I.AMOUNT", unit="amount", baseline=92_000_000_000.0, target=None),
        replace(first, code="I.PERCENT", unit="percent", baseline=45.5, target=None),
        replace(first, code="I.NUMBER", unit="number", baseline=12.5, target=1200.0),
        replace(first, code="I.YES", unit="yes_no", baseline=1.0, target=None),
        replace(first, code="I.SEX", unit="number", women=30.0, men=70.0, disaggregation="sex"),
    )
    ws = book_of(replace(data, indicators=lines))["Indicators"]
    h = headers(ws)
    base, target, share = h["Baseline"], h["Target of the year"], h["Women's share"]
    amount, percent, number, yes = (ws.cell(r, base) for r in range(2, 6))
    assert (amount.value, amount.number_format) == (92_000_000_000, "#,##0_)")
    assert (percent.value, percent.number_format) == (pytest.approx(0.455), "0.0%_)")
    assert (number.value, number.number_format) == (12.5, "#,##0.0##_)")
    assert ws.cell(4, target).number_format == "#,##0_)"  # a whole number: no decimals
    assert yes.value == "Yes"
    assert ws.cell(6, share).value == pytest.approx(0.3)
    assert ws.cell(6, share).number_format == "0.0%_)"
    assert ws.cell(2, h["Unit"]).value == "amount in lek"


def _silent(data: Consolidated) -> Consolidated:
    """The first goal due and unreported; the first leading institution rejected; nothing due
    reported in all."""
    goals = (replace(data.goals[0], due=3, implemented=0, reported_due=0), *data.goals[1:])
    lead = next(r for r in data.by_institution if r.due > 0 and r.reported_due > 0)
    institutions = tuple(
        replace(i, state="rejected") if i.code == lead.key else i for i in data.institutions
    )
    overview = replace(data.overview, reported_due=0)
    return replace(data, goals=goals, institutions=institutions, overview=overview)


@pytest.mark.parametrize("lang", ["en", "sq"])
def test_what_was_not_reported_reads_no_report_never_zero(data: Consolidated, lang: str) -> None:
    silent = _silent(data)
    book = book_of(silent, lang)
    none = NO_REPORT.shown(lang)
    goals = book["Goals"]
    h = {k.split(" / ")[-1]: v for k, v in headers(goals).items()}
    assert goals.cell(2, h["Implementation rate"]).value == none
    assert goals.cell(2, h["Implementation band"]).value is None
    rate = silent.goals[1].implementation_rate
    assert rate is not None
    assert goals.cell(3, h["Implementation rate"]).value == pytest.approx(rate / 100)
    grey = [
        cf for cf in goals.conditional_formatting for rule in cf.rules
        if rule.formula and rule.formula[0] == '"' + none + '"'
    ]  # fmt: skip
    assert grey, "the 'no report' rate cells are coloured apart"
    overview = book["Overview"]
    lead = next(r for r in data.by_institution if r.due > 0 and r.reported_due > 0)
    row = row_of(overview, 1, lead.key)
    assert none in [overview.cell(row, c).value for c in range(2, 9)]
    label = master_workbook.FIGURES["implementation_rate"].shown(lang)
    assert overview.cell(row_of(overview, 1, label), 2).value == none


def test_each_rate_says_what_it_rests_on(data: Consolidated) -> None:
    ws = book_of(data)["Overview"]
    o = data.overview
    row = row_of(ws, 1, master_workbook.FIGURES["implementation_rate"].shown("en"))
    assert ws.cell(row, 3).value == (
        f"of {o.due} measures due, {o.reported_due} reported; "
        f"{o.accepted} of {o.expected} institutions reported"
    )
    row = row_of(ws, 1, master_workbook.FIGURES["reporting_rate"].shown("en"))
    assert ws.cell(row, 3).value == (
        f"of {o.expected} institutions expected; {o.accepted} accepted"
    )


def _small(data: Consolidated) -> Consolidated:
    """Three measures: two serve returnees, two refugees; two are gender-relevant."""
    m = data.measures
    one = replace(m[0], due=True, implemented=True, reported=True, planned=100.0,
                  spent_state=40.0, spent_donor=0.0, target_groups=("returnees", "refugees"),
                  gender_relevant=True)  # fmt: skip
    two = replace(m[1], due=True, implemented=False, reported=True, planned=50.0,
                  spent_state=5.0, spent_donor=5.0, target_groups=("returnees",),
                  gender_relevant=True)  # fmt: skip
    three = replace(m[2], due=True, implemented=False, reported=False, planned=30.0,
                    spent_state=0.0, spent_donor=0.0, target_groups=("refugees",),
                    gender_relevant=False)  # fmt: skip
    lines = (one, two, three)
    return replace(data, measures=lines, target_groups=rollups.by_target_group(lines),
                   gender=(), gender_total=rollups.gender_total(lines))  # fmt: skip


def test_target_groups_sheet_counts_a_measure_in_each_group_it_serves(data: Consolidated) -> None:
    ws = book_of(_small(data))["Target groups"]
    assert "each target group it serves" in str(ws.cell(2, 1).value)
    h = headers(ws, 3)
    keys = ("Title", "Measures", "Measures due", "Measures implemented", "Due and reported",
            "Implementation rate", "Planned cost of the year (lek)", "Spent (lek)")  # fmt: skip
    got = [[ws.cell(r, h[k]).value for k in keys] for r in (4, 5)]
    assert got == [
        ["Returnees", 2, 2, 1, 2, 0.5, 150, 50],
        ["Refugees", 2, 2, 1, 1, 0.5, 130, 40],
    ]


def test_gender_sheet_totals_the_gender_relevant_measures(data: Consolidated) -> None:
    ws = book_of(_small(data))["Gender"]
    total = row_of(ws, 2, "All gender-relevant measures")
    h = headers(ws, total - 1)
    keys = ("Measures", "Measures due", "Measures implemented", "Implementation rate",
            "Planned cost of the year (lek)", "Spent (lek)")  # fmt: skip
    assert [ws.cell(total, h[k]).value for k in keys] == [2, 2, 1, 0.5, 150, 50]
    sexes = [i for i in data.indicators if i.disaggregation == "sex"]
    full = book_of(data)["Gender"]
    h = headers(full, 2)
    shares = [full.cell(r, h["Women's share"]).value for r in range(3, 3 + len(sexes))]
    assert shares == [
        None if i.women_share is None else pytest.approx(i.women_share / 100) for i in sexes
    ]


def test_sdg_sheet_and_goal_links(data: Consolidated) -> None:
    book = book_of(data)
    sdg = book["SDG"]
    h = headers(sdg)
    assert [sdg.cell(r, h["SDG target"]).value for r in range(2, 2 + len(data.sdg))] == [
        r.key for r in data.sdg
    ]
    goals = book["Goals"]
    g = headers(goals)
    first: Any = data.goals[0]
    assert goals.cell(2, g["SDG targets"]).value == ("; ".join(first.sdg) or None)
    assert goals.cell(2, g["GCM objectives"]).value == (
        "; ".join(str(n) for n in first.gcm) or None
    )
    measures = book["Measures"]
    m = headers(measures)
    assert measures.cell(2, m["SDG targets"]).value == ("; ".join(data.measures[0].sdg) or None)


def test_the_sdg_sheet_names_each_target_once(data: Consolidated) -> None:
    """The title beside "10.7" is its goal, "Reduced inequalities", not "10.7 Reduced ..."."""
    sdg = book_of(data)["SDG"]
    h = headers(sdg)
    rows = {sdg.cell(r, h["SDG target"]).value: r for r in range(2, 2 + len(data.sdg))}
    assert sdg.cell(rows["10.7"], h["Title"]).value == "Reduced inequalities"
