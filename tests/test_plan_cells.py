"""Plan cells a template could not show as they stand, and plan files that are no .xlsx."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from nsm_excel.cli.app import main
from nsm_excel.core.catalogue import CATALOGUE
from nsm_excel.core.words import resolve
from nsm_excel.demo.sample_plan import plan_bytes
from nsm_excel.plan.loader import load_plan
from tests.conftest import make_workspace, small_plan
from tests.corpus_parts import biff_workbook, compound_file, encrypted_package, ods, parts
from tests.returns import repack
from tests.test_plan_loader import YEARS, cell, check


def test_nan_and_infinity_are_errors_at_their_cells_whatever_the_column() -> None:
    rows = small_plan()
    rows["Measures"][0]["cost_2024"] = float("nan")
    rows["Measures"][1]["title_en"] = float("inf")  # a required column
    rows["Indicators"][1]["baseline"] = float("-inf")
    result = check(rows)
    assert result.report.codes() == [
        ("Measures", cell(rows, "Measures", "cost_2024", 0), "plan-not-a-number"),
        ("Measures", cell(rows, "Measures", "title_en", 1), "plan-not-a-number"),
        ("Indicators", cell(rows, "Indicators", "baseline", 1), "plan-not-a-number"),
    ]  # reported once: not also as empty, as a bad amount or as a funding mismatch
    assert [i.value for i in result.report.issues] == ["NaN", "inf", "-inf"]
    assert result.plan is None


def _with_number(text: bytes) -> bytes:
    """The small plan with the first cost of the first measure stored as ``text``."""
    data = plan_bytes(small_plan())
    sheet = "xl/worksheets/sheet3.xml"  # Measures
    return repack(data, {sheet: parts(data)[sheet].replace(b"<v>1000000</v>", text, 1)})


@pytest.mark.parametrize("text", [b"NaN", b"nan", b"inf", b"-inf", b"1E999", b"Infinity", b"x1"])
def test_a_number_openpyxl_cannot_read_is_an_error_at_its_cell(tmp_path: Path, text: bytes) -> None:
    path = tmp_path / "action_plan.xlsx"
    path.write_bytes(_with_number(b"<v>" + text + b"</v>"))
    result = load_plan(path, YEARS)
    where = cell(small_plan(), "Measures", "cost_2024", 0)
    assert result.report.codes() == [("Measures", where, "plan-not-a-number")]


@pytest.mark.parametrize(
    ("name", "data", "words"),
    [
        ("action_plan.ods", ods(), "OpenDocument spreadsheet (.ods)"),
        ("action_plan.xlsx", ods(), "OpenDocument spreadsheet (.ods)"),
        ("action_plan.xls", compound_file({"Workbook": biff_workbook()}), "(.xls)"),
        ("action_plan.xlsx", encrypted_package(), "(.xls) or an encrypted one"),
        (
            "action_plan.csv",
            "kodi;emri\nMB;Ministria, Tiranë\n".encode(),
            "text (a CSV",
        ),
        ("action_plan.xlsx", b"", "the file is empty"),
        ("action_plan.xlsx", bytes(range(256)) * 4, "not a zip package"),
        ("action_plan.xlsx", b"PK\x03\x04" + bytes(100), "damaged zip package"),
    ],
)
def test_a_plan_that_is_no_xlsx_is_one_issue_naming_what_it_is(
    tmp_path: Path, name: str, data: bytes, words: str
) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    result = load_plan(path, YEARS)
    assert result.report.codes() == [("", "", "plan-file-unreadable")]
    params = result.report.issues[0].params
    reason = str(resolve(params["reason"], "en"))
    assert words in reason and "not an .xlsx file" in reason
    assert name in str(params["file"])


@pytest.mark.parametrize("part", ["word/document.xml", "xl/workbook.xml"])
def test_a_zip_that_is_no_workbook_is_unreadable_not_a_traceback(tmp_path: Path, part: str) -> None:
    path = tmp_path / "action_plan.xlsx"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(part, "<w:document/>")
    path.write_bytes(buffer.getvalue())
    result = load_plan(path, YEARS)
    assert result.report.codes() == [("", "", "plan-file-unreadable")]
    assert "Traceback" not in result.report.issues[0].message("en")


@pytest.mark.parametrize("command", ["check-plan", "generate"])
@pytest.mark.parametrize("data", [ods(), compound_file({"Workbook": biff_workbook()})])
def test_commands_on_a_plan_that_is_no_xlsx_exit_1_without_a_traceback(
    tmp_path: Path, command: str, data: bytes
) -> None:
    space = make_workspace(tmp_path / "ws")
    space.plan_path.write_bytes(data)
    result = CliRunner().invoke(main, [command, "-w", str(space.root)])
    assert result.exit_code == 1, result.output
    assert isinstance(result.exception, SystemExit)  # a clean exit, not an exception
    assert "plan-file-unreadable" in result.output and "Traceback" not in result.output


def test_text_over_the_cell_limit_is_an_error_naming_the_cell() -> None:
    rows = small_plan()
    rows["Measures"][0]["title_sq"] = "Puna vazhdon. " * 2858  # 40,011 characters, trimmed
    result = check(rows)
    where = cell(rows, "Measures", "title_sq", 0)
    assert result.report.codes() == [("Measures", where, "plan-text-too-long")]
    issue = result.report.issues[0]
    assert issue.params == {"key": "title_sq", "length": "40 011"} and len(issue.value) < 200
    assert result.plan is None


def test_control_characters_and_formula_like_text_are_warnings_at_their_cells() -> None:
    rows = small_plan()
    rows["Measures"][0]["title_sq"] = "Profili\x07 i migracionit"
    rows["Measures"][1]["title_en"] = "Employment_x001B_[31m counter"
    rows["Measures"][2]["title_en"] = "=cmd|' /C calc'!A0"
    rows["Objectives"][0]["title_en"] = "  -2+3"
    rows["Institutions"][0]["name_en"] = "@SUM(1)"
    rows["Indicators"][0]["source"] = "+HYPERLINK(1)"
    result = check(rows)
    assert result.report.valid and result.plan is not None
    assert sorted(result.report.codes()) == sorted(
        [
            ("Measures", cell(rows, "Measures", "title_sq", 0), "plan-control-characters"),
            ("Measures", cell(rows, "Measures", "title_en", 1), "plan-control-characters"),
            ("Measures", cell(rows, "Measures", "title_en", 2), "plan-formula-like-text"),
            ("Objectives", cell(rows, "Objectives", "title_en", 0), "plan-formula-like-text"),
            ("Institutions", cell(rows, "Institutions", "name_en", 0), "plan-formula-like-text"),
            ("Indicators", cell(rows, "Indicators", "source", 0), "plan-formula-like-text"),
        ]
    )
    shown = [i.message("en") for i in result.report.issues]
    assert any("Profili␇ i migracionit" in m for m in shown)  # made visible, not echoed raw
    assert all("\x07" not in m and "\x1b" not in m for m in shown)
    assert all(CATALOGUE[i.code].severity == "warning" for i in result.report.issues)


def test_a_value_already_reported_is_not_also_a_text_warning() -> None:
    rows = small_plan()
    rows["Measures"][0]["gender_relevant"] = "=yes"
    assert check(rows).report.codes() == [
        ("Measures", cell(rows, "Measures", "gender_relevant", 0), "plan-bad-choice")
    ]
