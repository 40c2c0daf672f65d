"""Returns typed in LibreOffice Calc: the validator reads them as it reads openpyxl's.

A person opens the template in Calc, types into the yellow cells and saves as .xlsx; Calc
rewrites the whole file (its own styles, shared strings, validations and names). The driver in
tests/clients/calc_driver.py does that through UNO. Each file is validated beside the same
answers written by openpyxl: a correct return is accepted with exactly the values typed, and
each mistake is found at the same cell with the same code.
"""

from __future__ import annotations

import datetime as dt
import io
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from nsm_excel.demo import filler
from nsm_excel.demo.sample_data import sample_sheets
from nsm_excel.intake.run import IntakeResult
from nsm_excel.store import ledger
from nsm_excel.store.database import connect
from nsm_excel.store.workspace import Workspace
from nsm_excel.template.generate import generate
from tests.clients import calc, require
from tests.clients.pages import pdf_pages
from tests.conftest import make_workspace
from tests.returns import TODAY, drop, edit, found, locate, run, status_of

INSTITUTION = "AKPA"
SHEETS = ("Cover", "Measures", "Indicators")


def _typed(value: Any) -> dict[str, Any]:
    """How a person enters ``value``: numbers and dates typed, text that looks like a number
    typed after an apostrophe."""
    if isinstance(value, dt.datetime | dt.date):
        return {"as": "typed", "value": value.strftime("%Y-%m-%d")}
    if isinstance(value, bool):
        return {"as": "typed", "value": "TRUE" if value else "FALSE"}
    if isinstance(value, int | float):
        return {"as": "typed", "value": repr(value)}
    text = str(value)
    try:
        float(text.replace(",", "."))
    except ValueError:
        return {"as": "typed", "value": text}
    return {"as": "text", "value": text}


def typed_answers(blank: bytes, answered: bytes) -> list[dict[str, Any]]:
    """The cells a person types to turn ``blank`` into ``answered``, in reading order."""
    before = load_workbook(io.BytesIO(blank))
    after = load_workbook(io.BytesIO(answered))
    edits = []
    for sheet in SHEETS:
        for row in after[sheet].iter_rows():
            for cell in row:
                if cell.value is not None and cell.value != before[sheet][cell.coordinate].value:
                    edits.append({"sheet": sheet, "cell": cell.coordinate} | _typed(cell.value))
    return edits


@dataclass(frozen=True)
class Mistake:
    """One wrong entry: typed in Calc as ``typed`` (an edit), written by openpyxl as ``value``."""

    name: str
    sheet: str
    pick: str  # which row: "lead-measure", "support-measure", "number-indicator", ...
    key: str
    typed: dict[str, Any]
    value: Any
    code: str  # the issue code expected at the cell; "" when the value is read as typed
    shown_as: str = ""  # the number format the entry gives the cell (openpyxl sets it too)


MISTAKES = (
    Mistake("misspelled-status", "Measures", "lead", "status",
            {"as": "typed", "value": "Ne zbatim"}, "Ne zbatim", "return-bad-status"),
    Mistake("formula", "Measures", "lead", "spent_state", {"as": "typed", "value": "=1000*2"},
            "=1000*2", "return-formula"),
    # typed after an apostrophe, Calc keeps the text: one group of three could be either mark
    Mistake("ambiguous-number-as-text", "Measures", "lead", "spent_state",
            {"as": "typed", "value": "'1.250"}, "1.250", "return-ambiguous-number"),
    # Calc in English takes 12,5 for text (no number has a comma there): read as 12.5
    Mistake("decimal-comma", "Indicators", "number", "actual", {"as": "typed", "value": "12,5"},
            "12,5", ""),
    # ... but 1,250 for the number 1250, a comma grouping thousands: nothing left to doubt
    Mistake("comma-grouping", "Measures", "lead", "spent_donor",
            {"as": "typed", "value": "1,250"}, 1250, ""),
    Mistake("number-stored-as-text", "Measures", "lead", "spent_donor",
            {"as": "typed", "value": "'1500"}, "1500", ""),
    # a date in the Albanian way is text to Calc in English; read day first
    Mistake("date-as-text", "Cover", "submission_date", "value",
            {"as": "typed", "value": "20.07.2026"}, "20.07.2026", ""),
    Mistake("percent-typed-with-sign", "Indicators", "percent", "actual",
            {"as": "typed", "value": "45%"}, 0.45, "", "0%"),
    Mistake("locked-cell-changed", "Measures", "lead", "title",
            {"as": "typed", "value": "A different measure"}, "A different measure",
            "return-locked-changed"),
)  # fmt: skip


def _row_code(book: Any, pick: str) -> str:
    """The code of the first row of the kind ``pick`` (Cover: the field itself)."""
    if pick == "submission_date":
        return pick
    sheet = book["Indicators" if pick in ("number", "percent") else "Measures"]
    keys = [c.value for c in sheet[3]]
    for row in sheet.iter_rows(min_row=5, values_only=True):
        values = dict(zip(keys, row, strict=False))
        if pick == "lead" and values.get("role") == "lead" and (values["planned_cost"] or 0) > 2000:
            return str(values["measure_code"])
        single = values.get("disaggregation") in (None, "none")
        if pick in ("number", "percent") and values.get("unit") == pick and single:
            return str(values["indicator_code"])
    raise LookupError(f"no {pick} row in the template")


def _write(book: Any, mistake: Mistake, cell: str) -> None:
    book[mistake.sheet][cell].value = mistake.value
    if mistake.shown_as:
        book[mistake.sheet][cell].number_format = mistake.shown_as


@pytest.fixture(scope="module")
def space(tmp_path_factory: pytest.TempPathFactory) -> Workspace:
    require("libreoffice")
    ws = make_workspace(tmp_path_factory.mktemp("lo") / "ws", sample_sheets())
    generate(ws)
    return ws


@pytest.fixture(scope="module")
def typed(space: Workspace, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """Every return of this module, typed in Calc and written by openpyxl, in one Calc run."""
    blank = space.template_path(INSTITUTION, space.current_period()).read_bytes()
    answered = filler.fill(blank, filler.Filling(7, TODAY))
    answers = typed_answers(blank, answered)
    book = load_workbook(io.BytesIO(answered))
    work = tmp_path_factory.mktemp("calc")
    source = work / "template.xlsx"
    source.write_bytes(blank)
    password = space.config.password
    jobs = [{"source": str(source), "target": str(work / "correct.xlsx"), "edits": answers}]
    written = {"correct": answered}
    for mistake in MISTAKES:
        code = _row_code(book, mistake.pick)
        cell = locate(book, mistake.sheet, code, mistake.key)
        wrong = {"sheet": mistake.sheet, "cell": cell} | mistake.typed
        unlock = []
        if mistake.code == "return-locked-changed":
            unlock = [{"sheet": mistake.sheet, "cell": "", "as": "unprotect", "value": password}]
        target = work / f"{mistake.name}.xlsx"
        jobs.append({"source": str(source), "target": str(target),
                     "edits": [*answers, *unlock, wrong]})  # fmt: skip
        written[mistake.name] = edit(answered, lambda b, m=mistake, c=cell: _write(b, m, c))
    results = calc(jobs, work)
    assert results == ["ok"] * len(jobs), results
    files = {"correct": (work / "correct.xlsx").read_bytes()}
    files |= {m.name: (work / f"{m.name}.xlsx").read_bytes() for m in MISTAKES}
    return {"calc": files, "openpyxl": written, "book": book}


def _validate(space: Workspace, name: str, data: bytes) -> tuple[IntakeResult, ledger.Received]:
    drop(space, name, data)
    result = run(space)
    with connect(space.database) as db:
        records = {r.id: r for r in ledger.all_records(db)}
    record = records[_record_id(result, name)]
    while record.duplicate_of:  # the same bytes sent before: the first copy holds the values
        record = records[record.duplicate_of]
    return result, record


def _record_id(result: IntakeResult, name: str) -> int:
    return next(f.record_id for f in result.files if f.file == name)


def test_calc_saves_a_file_of_its_own(typed: dict[str, Any]) -> None:
    """The files really come from Calc: its application name and its own workbook part."""
    with __import__("zipfile").ZipFile(io.BytesIO(typed["calc"]["correct"])) as package:
        app = package.read("docProps/app.xml").decode()
        workbook = package.read("xl/workbook.xml").decode()
    assert "LibreOffice" in app
    assert 'appName="Calc"' in workbook


def test_a_return_typed_in_calc_is_accepted_with_the_values_typed(
    space: Workspace, typed: dict[str, Any]
) -> None:
    by_calc, calc_record = _validate(space, "AKPA_calc.xlsx", typed["calc"]["correct"])
    by_openpyxl, reference = _validate(space, "AKPA_openpyxl.xlsx", typed["openpyxl"]["correct"])
    assert status_of(by_calc, "AKPA_calc.xlsx") == "accepted", found(by_calc, "AKPA_calc.xlsx")
    assert found(by_calc, "AKPA_calc.xlsx") == found(by_openpyxl, "AKPA_openpyxl.xlsx")
    assert calc_record.accepted_values == reference.accepted_values
    assert calc_record.accepted_values and calc_record.accepted_values["Measures"]


@pytest.mark.parametrize("mistake", MISTAKES, ids=lambda m: m.name)
def test_a_mistake_typed_in_calc_is_found_where_openpyxl_s_is(
    space: Workspace, typed: dict[str, Any], mistake: Mistake
) -> None:
    book = typed["book"]
    cell = locate(book, mistake.sheet, _row_code(book, mistake.pick), mistake.key)
    name = f"{mistake.name}.xlsx"
    saved = load_workbook(io.BytesIO(typed["calc"][mistake.name]))[mistake.sheet][cell].value
    assert isinstance(saved, str) == isinstance(mistake.value, str), saved  # text stays text
    by_calc, calc_record = _validate(space, f"calc-{name}", typed["calc"][mistake.name])
    by_openpyxl, reference = _validate(space, f"openpyxl-{name}", typed["openpyxl"][mistake.name])
    at_cell = [i for i in found(by_calc, f"calc-{name}") if i[:2] == (mistake.sheet, cell)]
    expected = [i for i in found(by_openpyxl, f"openpyxl-{name}") if i[:2] == (mistake.sheet, cell)]
    assert at_cell == expected
    if mistake.code:
        assert (mistake.sheet, cell, mistake.code) in at_cell
    else:
        assert calc_record.accepted_values == reference.accepted_values
        assert calc_record.accepted_values is not None
        assert status_of(by_calc, f"calc-{name}") == "accepted", found(by_calc, f"calc-{name}")


def test_a_percent_typed_with_its_sign_is_read_as_the_percent_shown(
    space: Workspace, typed: dict[str, Any]
) -> None:
    """45% typed in a percent cell is stored as 0.45 shown as 45 %: it is read as 45."""
    book = typed["book"]
    code = _row_code(book, "percent")
    _, record = _validate(space, "calc-percent.xlsx", typed["calc"]["percent-typed-with-sign"])
    assert record.accepted_values is not None
    row = next(r for r in record.accepted_values["Indicators"] if r["indicator_code"] == code)
    assert row["actual"] == 45


def test_feedback_on_a_calc_return_opens_in_calc(
    space: Workspace, typed: dict[str, Any], tmp_path: Path
) -> None:
    """The institution gets its own Calc file back with the problems marked; Calc opens it."""
    _, record = _validate(space, "feedback-calc.xlsx", typed["calc"]["misspelled-status"])
    assert record.status == "rejected" and record.feedback_path  # (the first copy's record)
    feedback = space.root / record.feedback_path
    assert calc([{"source": str(feedback), "pdf_dir": str(tmp_path)}], tmp_path / "w") == ["ok"]
    pdf = tmp_path / f"{feedback.stem}.pdf"
    pages = pdf_pages(pdf)
    assert pages and all(p.ink > 0.002 for p in pages)
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, check=True).stdout
    assert "Ne zbatim" in text.decode("utf-8")
