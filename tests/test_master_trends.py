"""The master's history sheets on the six periods of the strategy over time: every cell equals
the history's figures, the chart follows the indicator picked, the compliance heat map is
there, a period's master shows only the periods up to its own, and LibreOffice prints the
sheets whole."""

from __future__ import annotations

import io
import re
import subprocess
import zipfile
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from nsm_excel.consolidate import history as h
from nsm_excel.core.labels import STATUSES
from nsm_excel.core.periods import period_or_raise
from nsm_excel.outputs import master_trends as mt
from nsm_excel.outputs.history_read import history
from nsm_excel.outputs.master_sheets import NO_REPORT, STATES
from nsm_excel.outputs.reports import build_reports
from tests.clients import calc, require
from tests.test_strategy_over_time import Story

PERIODS = ["2024-H1", "2024", "2025-H1", "2025", "2026-H1", "2026"]


@pytest.fixture(scope="module")
def told(six_periods: Story) -> Story:
    """The six periods driven through, as the strategy-over-time test drives them."""
    return six_periods


@pytest.fixture(scope="module")
def master(told: Story) -> bytes:
    """The master of 2026 (open), in Albanian with English beside."""
    made = build_reports(told.space, period_or_raise("2026"), "sq")
    return (told.space.root / made.master).read_bytes()


def _rows(data: bytes, sheet: str) -> list[list[Any]]:
    book = load_workbook(io.BytesIO(data))
    return [list(r) for r in book[sheet].iter_rows(values_only=True)]


def _sheet(data: bytes, sheet: str) -> Any:
    return load_workbook(io.BytesIO(data))[sheet]


def test_status_by_period_equals_the_history(told: Story, master: bytes) -> None:
    rows = _rows(master, mt.STATUS_SHEET)
    assert rows[0][4:] == PERIODS
    found = {r.code: r.statuses for r in h.status_table(history(told.space))}
    shown = {r[0]: tuple(r[4:]) for r in rows[1:]}
    assert set(shown) == set(found)
    for code, codes in found.items():
        expected = tuple(STATUSES[c].shown("sq") if c else NO_REPORT.shown("sq") for c in codes)
        assert shown[code] == expected, code
    assert shown["A.1.4"][1] == "Pa raport / No report"
    rules = _sheet(master, mt.STATUS_SHEET).conditional_formatting
    colours = {r.dxf.fill.bgColor.rgb for cf in rules for r in cf.rules if r.dxf and r.dxf.fill}
    assert "FFF4CAE4" in colours  # "no report" in its own colour, apart from the statuses
    assert len(colours) >= 4


def test_compliance_is_a_heat_map_of_the_states(told: Story, master: bytes) -> None:
    rows = _rows(master, mt.COMPLIANCE_SHEET)
    shown = {r[0]: tuple(r[2:]) for r in rows[1:]}
    for row in h.compliance(history(told.space)):
        expected = tuple(STATES[s].shown("sq") if s else "-" for s in row.states)
        assert shown[row.institution] == expected, row.institution
    assert shown["AKPAS"][:4] == ("-",) * 4  # renamed in 2026: not expected before
    rules = [r for cf in _sheet(master, mt.COMPLIANCE_SHEET).conditional_formatting
             for r in cf.rules]  # fmt: skip
    formulas = {f for r in rules for f in r.formula}
    for state in ("on time", "late", "rejected", "missing"):
        assert f'"{STATES[state].shown("sq")}"' in formulas, state
    assert '"-"' in formulas


def test_budget_by_year_equals_the_history_and_the_period_sheet(told: Story, master: bytes) -> None:
    rows = _rows(master, mt.BUDGET_SHEET)
    lines = h.budget_years(history(told.space))
    assert [(r[0], r[2], r[3]) for r in rows[1:]] == [
        (str(b.year), pytest.approx(b.planned), b.spent) for b in lines
    ]
    state_2024 = next(r for r in rows[1:] if r[0] == "2024" and r[1].startswith("Buxheti"))
    assert (state_2024[2], state_2024[3], state_2024[5]) == (1_700_000, 1_550_000, "2024")
    # the year of the master: what its own Budget sheet plans and spends from the state budget
    budget = _rows(master, "Budget")
    state_now = next(r for r in budget if r[0] and str(r[0]).startswith("Buxheti"))
    year = next(r for r in rows[1:] if r[0] == "2026" and r[1] == state_now[0])
    assert (year[2], year[3]) == (pytest.approx(state_now[1]), pytest.approx(state_now[2]))


def test_indicator_series_and_its_chart(told: Story, master: bytes) -> None:
    rows = _rows(master, mt.SERIES_SHEET)
    header = rows[0]
    assert header[3:9] == PERIODS
    i2 = next(r for r in rows[1:] if r[0] == "I.2")
    assert i2[3:9] == [20, 45, 25, 55, 30, 72]
    targets = {h: v for h, v in zip(header, i2, strict=True) if str(h).startswith("Synimi")}
    assert (targets["Synimi 2024 / Target 2024"], targets["Synimi 2026 / Target 2026"]) == (50, 70)
    chart = _sheet(master, mt.CHART_SHEET)
    first = next(r[0] for r in rows[1:] if any(v is not None for v in r[3:9]))
    assert chart["B3"].value == first  # the first indicator with values is shown
    (check,) = chart.data_validations.dataValidation
    assert check.type == "list" and "'Indicator series'!$A$2:$A$" in str(check.formula1)
    assert [chart.cell(r, 1).value for r in range(7, 13)] == PERIODS
    assert "MATCH($B$3,'Indicator series'!$A$2:" in chart["B7"].value
    with zipfile.ZipFile(io.BytesIO(master)) as z:
        charts = [n for n in z.namelist() if n.startswith("xl/charts/chart")]
        xml = "".join(z.read(n).decode() for n in charts)
    assert "<c:lineChart>" in xml
    assert "'Indicator chart'!$B$7:$B$12" in xml and "'Indicator chart'!$A$7:$A$12" in xml


def test_a_period_shows_only_the_periods_up_to_its_own(told: Story) -> None:
    published = told.published
    files = published[("2024-H1", 1)]  # the first closing: the one period of the history
    single = next(data for name, data in files.items() if name.endswith("_sq.xlsx"))
    assert _rows(single, mt.STATUS_SHEET)[0][4:] == ["2024-H1"]
    assert len(_rows(single, mt.CHART_SHEET)) >= 7
    (files,) = [f for (code, _), f in published.items() if code == "2025"]
    year = next(data for name, data in files.items() if name.endswith("_en.xlsx"))
    assert _rows(year, mt.COMPLIANCE_SHEET)[0][2:] == PERIODS[:4]


def test_libreoffice_prints_the_history_sheets_whole(master: bytes, tmp_path: Path) -> None:
    require("libreoffice", "pdftotext")
    source = tmp_path / "master.xlsx"
    source.write_bytes(master)
    assert calc([{"source": str(source), "pdf_dir": str(tmp_path)}], tmp_path / "work") == ["ok"]
    done = subprocess.run(["pdftotext", str(tmp_path / "master.pdf"), "-"], capture_output=True,
                          check=True)  # fmt: skip
    text = " ".join(done.stdout.decode("utf-8").split())
    for whole in (
        "Treguesi (zgjidhni kodin) / Indicator (choose its code)",
        "Periudhat e llogaritura / Periods counted",
        "Hendeku financiar",
        "Pa raport / No report",
        "Synimi 2026 /",
        "Target 2026",
    ):
        assert whole in text, whole
    assert not re.search(r"#(REF|NAME|VALUE)", text)
