"""Amendments judged before adoption: what would lose accepted answers is refused or listed."""

from __future__ import annotations

from nsm_excel.plan.amendments import data_loss
from nsm_excel.plan.edits import Answered
from nsm_excel.plan.loader import check_sheets
from nsm_excel.plan.model import Plan
from tests.conftest import Rows, raw_sheets, small_plan
from tests.test_plan_loader import YEARS

ANSWERED = (
    Answered("Measures", "A.1.1", "sq", "Profili i migracionit"),
    Answered("Indicators", "I.A.1.1.1", "sq", "Profili i botuar"),
)


def _plan(rows: Rows) -> Plan:
    checked = check_sheets(raw_sheets(rows), YEARS, "plan.xlsx")
    assert checked.plan is not None, checked.report.codes()
    return checked.plan


def _found(rows: Rows, issued: tuple[str, ...] = ()) -> list[tuple[str, str, str]]:
    issues = data_loss(_plan(small_plan()), _plan(rows), ANSWERED, issued, "plan.xlsx")
    return [(i.sheet, i.value, i.code) for i in issues]


def test_an_unchanged_plan_loses_nothing() -> None:
    assert _found(small_plan(), ("MB", "AKPA", "AIDA")) == []


def test_a_dropped_answered_indicator_is_listed_not_refused() -> None:
    rows = small_plan()
    del rows["Indicators"][0]
    assert _found(rows) == [("Indicators", "I.A.1.1.1", "plan-answered-row-dropped")]


def test_an_answered_code_given_to_another_measure_is_refused() -> None:
    rows = small_plan()
    rows["Measures"][0]["title_sq"] = "Qendra e re e të dhënave"
    assert _found(rows) == []  # one title edited: the same measure, a warning elsewhere
    rows["Measures"][0]["title_en"] = "New data centre"
    assert _found(rows) == [("Measures", "A.1.1", "plan-code-reused")]


def test_a_removed_institution_needs_a_succession_row() -> None:
    rows = small_plan()
    del rows["Institutions"][3]  # BSH: no template was issued to it
    assert _found(rows, ("MB",)) == []
    assert _found(rows, ("BSH",)) == [("Institutions", "BSH", "plan-institution-removed")]
    rows["Institutions"].append({"code": "NEWB", "name_sq": "Banka", "name_en": "Bank"})
    rows["Succession"] = [{"old_code": "BSH", "new_code": "NEWB", "date": "2026-01-01"}]
    assert _found(rows, ("BSH",)) == []
