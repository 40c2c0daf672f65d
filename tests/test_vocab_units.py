"""A new indicator unit is one row of the unit vocabulary and its words: nothing else.

The unit ``days`` (a whole number, 0 or more) is added in a fixture, and followed through a
template (its cell's validation and number format), intake (a typed value read and kept, a wrong
one reported) and the master workbook (the unit shown by its word).
"""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
import pytest

from nsm_excel.core import words
from nsm_excel.core.vocab import units
from nsm_excel.core.vocab.kinds import ValueKind
from nsm_excel.outputs.reports import build_reports
from nsm_excel.store import database, ledger
from nsm_excel.store.workspace import Workspace
from nsm_excel.template.generate import generate
from tests import returns
from tests.conftest import make_workspace, small_plan

DAYS = units.Unit("days", ValueKind.WHOLE, units.WHOLE_PROBLEMS, "0", low=0, whole=True)
CODE = "I.A.2.1.1"  # reported by AKPA, the lead of A.2.1


@pytest.fixture
def days(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Workspace:
    monkeypatch.setitem(units.UNITS, "days", DAYS)
    for lang, word in (("sq", "ditë"), ("en", "days")):
        monkeypatch.setitem(words.catalogue(lang), "unit.days", word)
    plan = small_plan()
    indicator = next(i for i in plan["Indicators"] if i["code"] == CODE)
    indicator.update(unit="days", baseline=30, target_2026=12, direction="decrease")
    indicator.pop("disaggregation")
    space = make_workspace(tmp_path / "ws", plan)
    generate(space)
    return space


def _cell(space: Workspace) -> tuple[openpyxl.worksheet.worksheet.Worksheet, str]:
    data = returns.template(space, "AKPA")
    book = openpyxl.load_workbook(io.BytesIO(data))
    return book["Indicators"], returns.locate(book, "Indicators", CODE, "actual")


def test_the_template_checks_a_days_value_as_a_whole_number(days: Workspace) -> None:
    ws, at = _cell(days)
    rules = [dv for dv in ws.data_validations.dataValidation if at in dv.sqref]
    assert [(r.type, r.operator, r.formula1) for r in rules] == [
        ("whole", "greaterThanOrEqual", "0")
    ]
    assert rules[0].error == words.Word("template.whole-error").shown("sq", "\n")
    assert ws[at].number_format == "0"


def test_intake_reads_a_days_value_and_reports_a_wrong_one(days: Workspace) -> None:
    good, _ = returns.put(returns.filled(days, "AKPA"), "Indicators", CODE, "actual", "14")
    returns.drop(days, "good.xlsx", good)
    result = returns.run(days)
    assert returns.status_of(result, "good.xlsx") != "rejected"
    with database.connect(days.database) as db:
        record = ledger.all_records(db, days.current_period().code)[-1]
    assert record.accepted_values is not None
    row = next(r for r in record.accepted_values["Indicators"] if r["indicator_code"] == CODE)
    assert row["actual"] == 14

    bad, at = returns.put(returns.filled(days, "AKPA"), "Indicators", CODE, "actual", "2.5")
    returns.drop(days, "bad.xlsx", bad)
    assert ("Indicators", at, "return-bad-whole") in returns.found(returns.run(days), "bad.xlsx")


def test_the_master_workbook_shows_the_unit_by_its_word(days: Workspace) -> None:
    good, _ = returns.put(returns.filled(days, "AKPA"), "Indicators", CODE, "actual", 14)
    returns.drop(days, "good.xlsx", good)
    returns.run(days)
    made = build_reports(days, lang="sq")
    book = openpyxl.load_workbook(days.root / made.master, read_only=True)
    rows = list(book["Indicators"].iter_rows(values_only=True))
    header = [str(h).split(" / ")[-1] for h in rows[0]]
    line = next(r for r in rows if r[0] == CODE)
    assert line[header.index("Unit")] == "ditë / days"  # its word, not its code
    assert line[header.index("Actual")] == 14
    assert next(i for i in made.figures.indicators if i.code == CODE).unit == "days"
