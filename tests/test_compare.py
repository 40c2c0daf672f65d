"""Figures that compare with the previous period, and the indicator passport, as the master's
Overview and Passport sheets and the summary report show them."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import replace

import openpyxl
from openpyxl.worksheet.worksheet import Worksheet

from nsm_excel.consolidate.consolidation import consolidate
from nsm_excel.consolidate.model import Consolidated, Overview
from nsm_excel.consolidate.passport import passport
from nsm_excel.core.periods import period_or_raise
from nsm_excel.outputs import master_workbook, summary_report
from nsm_excel.outputs.comparison import Trend, comparison
from nsm_excel.outputs.master_passport import passport_table
from nsm_excel.outputs.master_tables import FIGURES
from nsm_excel.plan.model import Plan
from nsm_excel.store.workspace import default_config
from tests.conftest import small_plan
from tests.test_plan_loader import check

MADE = dt.datetime(2026, 8, 20, 9, 30, tzinfo=dt.UTC)


def _plan() -> Plan:
    """The small plan, its second indicator without source, baseline and baseline year."""
    rows = small_plan()
    first = rows["Indicators"][0]
    first.update(source="INSTAT", baseline=0, baseline_year=2023, target_final=1, target_2026=1)
    rows["Indicators"][1].update(source=None, baseline=None, baseline_year=None)
    plan = check(rows).plan
    assert plan is not None
    return plan


def _figures(plan: Plan) -> Consolidated:
    period = period_or_raise("2026-H1")
    return consolidate(plan, period, dt.date(2026, 7, 31), [], [])


def key_figures(ws: Worksheet) -> dict[str, tuple[object, object, object]]:
    """Each key figure's (value, previous, difference), found by its English label."""
    found = {}
    labels = {word.shown("en"): key for key, word in FIGURES.items()}
    for row in ws.iter_rows(min_row=1, max_row=40, max_col=5, values_only=True):
        if row[0] in labels:
            found[labels[str(row[0])]] = (row[1], row[3], row[4])
    return found


def _overview(now: dict[str, int], before: dict[str, int] | None, base: Overview) -> tuple:
    o = replace(base, **now)
    return o, (replace(base, period="2025", **before) if before is not None else None)


def test_differences_are_points_with_an_arrow_and_never_invented() -> None:
    base = _figures(_plan()).overview
    now, before = _overview(
        {"due": 5, "implemented": 4, "reported_due": 5, "expected": 4, "accepted": 4},
        {"due": 3, "implemented": 3, "reported_due": 3, "expected": 4, "accepted": 3},
        base,
    )
    compared = comparison(now, before)
    assert compared.previous == "2025"
    assert compared.trend("implementation_rate") == Trend.DOWN  # 80 % from 100 %
    assert compared.difference_text("implementation_rate", "en") == "▼ −20.0"
    assert compared.difference_text("reporting_rate", "sq") == "▲ +25,0"  # 100 % from 75 %
    assert compared.difference_text("measures_due", "en") == "▲ +2"
    assert compared.improves("implementation_rate") is False
    assert compared.improves("measures_due") is None  # more due is neither better nor worse
    # nothing expected before: no reporting rate, so no arrow
    quiet = comparison(now, replace(before, expected=0, accepted=0))
    assert quiet.trend("reporting_rate") == Trend.UNDEFINED
    assert quiet.difference_text("reporting_rate", "en") == ""
    assert comparison(now, now).difference_text("implementation_rate", "en") == "= 0.0"
    assert comparison(now, None).trend("implementation_rate") == Trend.FIRST


def test_the_overview_and_report_say_first_period_or_the_difference() -> None:
    data = _figures(_plan())
    book = openpyxl.load_workbook(io.BytesIO(master_workbook.render(data, "en", MADE)))
    first = key_figures(book["Overview"])
    assert first["period"][1:] == ("first period", None)
    assert first["implementation_rate"][1:] == ("first period", "first period")
    assert first["deadline"][1:] == (None, None)
    config = default_config(dt.date(2026, 7, 1))
    html = summary_report.render(data, "en", config, MADE)
    assert "first period: nothing to compare with" in html
    assert "▲" not in html and "▼" not in html

    before = replace(data.overview, period="2025-H2", expected=4, accepted=2)
    now = replace(data.overview, expected=4, accepted=3)
    data = replace(data, overview=now)
    book = openpyxl.load_workbook(io.BytesIO(master_workbook.render(data, "en", MADE, before)))
    shown = key_figures(book["Overview"])
    assert shown["period"][1] == "2025-H2"
    assert shown["reporting_rate"][1:] == (0.5, "▲ +25.0")  # 75 % from 50 % (a fraction in Excel)
    assert shown["accepted"][1:] == (2, "▲ +1")
    html = summary_report.render(data, "en", config, MADE, before)
    assert "▲ 25.0 points since 2025-H2 (50.0 %)" in html
    assert "3 of 4 institutions: returns accepted" in html


def test_the_passport_sheet_names_what_each_indicator_lacks() -> None:
    plan = _plan()
    lines = passport(plan)
    table = passport_table(lines, "en")
    missing = dict(
        zip([i.code for i in plan.indicators], [r[-1] for r in table.lines()], strict=True)
    )
    second = plan.indicators[1].code
    assert missing[second] == "source of data; baseline; baseline year; final target"
    assert missing[plan.indicators[0].code] == "complete"
    data = _figures(plan)
    content = master_workbook.render(data, "sq", MADE, None, lines)
    ws = openpyxl.load_workbook(io.BytesIO(content))["Passport"]
    head = [str(c.value) for c in ws[1]]

    def col(english: str) -> int:
        return next(n for n, h in enumerate(head, start=1) if h.endswith(f" / {english}"))

    row = 2 + [i.code for i in plan.indicators].index(second)
    assert ws.cell(row, col("Missing from the passport")).value == (
        "burimi i të dhënave / source of data; vlera bazë / baseline; viti bazë / baseline year; "
        "objektivi përfundimtar / final target"
    )
    source = col("Source of data")
    assert ws.cell(row, source).value is None  # the gap stays empty, highlighted
    assert ws.cell(2 if row != 2 else 3, source).value == "INSTAT"
    letter = openpyxl.utils.get_column_letter(source)
    rules = {str(r.sqref): [x.type for x in r.rules] for r in ws.conditional_formatting}
    assert rules[f"{letter}2:{letter}{1 + len(lines)}"] == ["containsBlanks"]
