"""The plan loader: a good plan loads; every kind of problem is reported at its sheet and cell."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from nsm_excel.core import catalogue
from nsm_excel.core.sheets import column_letter
from nsm_excel.core.words import resolve
from nsm_excel.demo.sample_plan import column_order, plan_bytes
from nsm_excel.plan.loader import check_sheets, load_plan
from tests.conftest import Rows, raw_sheets, small_plan

YEARS = (2024, 2025, 2026)


def check(rows: Rows) -> Any:
    return check_sheets(raw_sheets(rows), YEARS, "plan.xlsx")


def cell(rows: Rows, sheet: str, key: str, index: int) -> str:
    """The A1 cell of ``key`` on the ``index``-th data row, as the test plan lays it out."""
    keys = column_order(sheet, rows[sheet])
    keys += sorted({k for r in rows[sheet] for k in r} - set(keys))
    return f"{column_letter(keys.index(key))}{index + 2}"


def test_a_good_plan_loads_with_no_issue() -> None:
    result = check(small_plan())
    assert result.report.issues == []
    plan = result.plan
    assert plan is not None
    assert [i.code for i in plan.institutions] == ["MB", "AKPA", "AIDA", "BSH"]
    measure = plan.measure("A.1.1")
    assert measure.supporting == ("AKPA", "AIDA")
    assert measure.costs == {2024: 1_000_000.0, 2025: 2_000_000.0, 2026: 0.0}
    assert (measure.start.code, measure.end.code) == ("2024", "2025-H2")  # type: ignore[union-attr]
    by_code = {i.code: i for i in plan.indicators}
    assert by_code["I.A.2.1.1"].responsible == "AKPA"  # the linked measure's lead
    assert by_code["IO.A.2.1"].responsible == "MB"
    assert by_code["I.A.1.1.1"].direction == ""  # yes/no indicators have none
    assert by_code["I.A.2.1.1"].direction == "increase"


def test_codes_are_case_insensitive_and_stored_upper_case() -> None:
    rows = small_plan()
    rows["Measures"][0]["lead"] = " mb "
    rows["Measures"][0]["supporting"] = "akpa,aida"
    plan = check(rows).plan
    assert plan is not None
    assert plan.measure("A.1.1").lead == "MB"
    assert plan.measure("A.1.1").supporting == ("AKPA", "AIDA")


def test_target_groups_are_read_as_codes_whichever_way_they_are_typed() -> None:
    rows = small_plan()
    rows["Measures"][0]["target_groups"] = (
        "Returnees, asylum seekers; TRAFFICKING-victims; returnees"
    )
    plan = check(rows).plan
    assert plan is not None
    assert plan.measure("A.1.1").target_groups == (
        "returnees",
        "asylum_seekers",
        "trafficking_victims",
    )
    assert plan.measure("A.2.1").target_groups == ()


def test_amounts_typed_as_text_are_read_when_unambiguous() -> None:
    rows = small_plan()
    rows["Measures"][0].update(cost_2024="1 000 000", cost_2025="2.000.000")
    rows["Measures"][0].update(funding_state="2,500,000", funding_donor="500000")
    plan = check(rows).plan
    assert plan is not None
    assert plan.measure("A.1.1").costs[2025] == 2_000_000.0


def test_blank_rows_are_skipped() -> None:
    rows = small_plan()
    rows["Measures"].insert(1, {})
    result = check(rows)
    assert result.report.issues == []
    assert result.plan is not None
    assert len(result.plan.measures) == 3


# (sheet, row index, key, new value, expected code); the cell is where the value sits
CELL_PROBLEMS = [
    ("Institutions", 1, "code", "A B", "plan-bad-code"),
    ("Institutions", 1, "code", "MB", "plan-duplicate-code"),
    ("Institutions", 0, "name_en", None, "plan-required"),
    ("Institutions", 0, "type", "ministery", "plan-bad-choice"),
    ("Institutions", 0, "contact_email", "info.example.gov.al", "plan-bad-email"),
    ("Institutions", 2, "language", "fr", "plan-bad-choice"),
    ("Objectives", 0, "level", "pillar", "plan-bad-choice"),
    ("Objectives", 1, "parent_code", "Z", "plan-bad-parent"),
    ("Objectives", 1, "parent_code", None, "plan-required"),
    ("Objectives", 1, "gcm_objectives", "1; 24", "plan-bad-gcm"),
    ("Objectives", 0, "parent_code", "A.1", "plan-goal-with-parent"),
    ("Measures", 0, "objective_code", "A", "plan-unknown-objective"),
    ("Measures", 0, "lead", "XX", "plan-unknown-institution"),
    ("Measures", 0, "supporting", "AKPA; MB", "plan-lead-in-supporting"),
    ("Measures", 0, "supporting", "AKPA; ZZZ", "plan-unknown-institution"),
    ("Measures", 0, "supporting", "AKPA; Z Z", "plan-bad-code-list"),
    ("Measures", 0, "start", "2024-H3", "plan-bad-period"),
    ("Measures", 0, "end", "2023-Q4", "plan-end-before-start"),
    ("Measures", 0, "start", "2022", "plan-outside-action-plan"),
    ("Measures", 0, "cost_2024", "1,000", "plan-ambiguous-number"),
    ("Measures", 0, "cost_2024", "1 250.000", "plan-mixed-separators"),
    ("Measures", 0, "funding_state", "1.250,000", "plan-mixed-separators"),
    ("Measures", 0, "cost_2024", 1e308, "plan-number-too-large"),
    ("Measures", 0, "cost_2024", "9" * 400, "plan-number-too-large"),
    ("Measures", 0, "cost_2024", "one million", "plan-bad-amount"),
    ("Measures", 0, "cost_2024", -5, "plan-negative-amount"),
    ("Measures", 0, "funding_state", 100, "plan-funding-mismatch"),
    ("Measures", 0, "gender_relevant", "maybe", "plan-bad-choice"),
    ("Measures", 0, "target_groups", "returnees; tourists", "plan-bad-choice-list"),
    ("Measures", 0, "code", "A.1", "plan-code-clash"),
    ("Indicators", 0, "linked_code", "A.9.9", "plan-unknown-linked-code"),
    ("Indicators", 0, "unit", "kg", "plan-bad-choice"),
    ("Indicators", 0, "baseline", 2, "plan-yes-no-value"),
    ("Indicators", 0, "direction", "increase", "plan-direction-on-yes-no"),
    ("Indicators", 2, "target_2026", 120, "plan-percent-range"),
    ("Indicators", 1, "baseline", "abc", "plan-bad-number"),
    ("Indicators", 1, "baseline", "1 250.000,5", "plan-mixed-separators"),
    ("Indicators", 1, "target_2026", 10**16, "plan-number-too-large"),
    ("Indicators", 1, "baseline_year", "20x3", "plan-bad-year"),
    ("Indicators", 1, "responsible", "NOPE", "plan-unknown-institution"),
    ("Indicators", 2, "responsible", None, "plan-responsible-required"),
]


@pytest.mark.parametrize(("sheet", "index", "key", "value", "code"), CELL_PROBLEMS)
def test_each_problem_is_reported_at_its_cell(
    sheet: str, index: int, key: str, value: Any, code: str
) -> None:
    rows = small_plan()
    rows[sheet][index][key] = value
    result = check(rows)
    found = (sheet, cell(rows, sheet, key, index), code)
    assert found in result.report.codes()
    severity = catalogue.entry(code).severity
    assert (result.plan is None) == (severity == "error")


def test_missing_sheet_and_missing_required_column() -> None:
    rows = small_plan()
    del rows["Objectives"]
    sheets = raw_sheets(rows)
    measures = sheets["Measures"]
    at = measures.header.index("lead")
    header = measures.header[:at] + measures.header[at + 1 :]
    data = tuple((n, v[:at] + v[at + 1 :]) for n, v in measures.rows)
    sheets["Measures"] = type(measures)("Measures", header, data)
    result = check_sheets(sheets, YEARS, "plan.xlsx")
    # references into a missing sheet are not reported once per row
    assert result.report.codes() == [
        ("Objectives", "", "plan-missing-sheet"),
        ("Measures", "", "plan-missing-column"),
    ]
    assert result.plan is None


def test_unknown_and_duplicate_columns() -> None:
    sheets = raw_sheets(small_plan())
    institutions = sheets["Institutions"]
    header = (*institutions.header, "notes", "code")
    wider = type(institutions)("Institutions", header, institutions.rows)
    result = check_sheets({**sheets, "Institutions": wider}, YEARS, "plan.xlsx")
    n = len(institutions.header)
    assert ("Institutions", f"{column_letter(n)}1", "plan-unknown-column") in result.report.codes()
    assert ("Institutions", f"{column_letter(n + 1)}1", "plan-duplicate-column") in (
        result.report.codes()
    )


def test_goal_without_objectives_is_a_warning() -> None:
    rows = small_plan()
    rows["Objectives"].append({"code": "B", "level": "goal", "title_sq": "B", "title_en": "B"})
    result = check(rows)
    assert result.report.codes() == [
        ("Objectives", cell(rows, "Objectives", "code", 3), "plan-goal-without-objectives")
    ]
    assert result.plan is not None


def test_a_plan_with_no_measures_is_an_error() -> None:
    rows = small_plan()
    rows["Measures"] = []
    rows["Indicators"] = [r for r in rows["Indicators"] if r["linked_code"] == "A.2"]
    assert ("Measures", "", "plan-no-measures") in check(rows).report.codes()


def test_cost_column_outside_the_action_plan_years_is_a_warning() -> None:
    rows = small_plan()
    rows["Measures"][0]["cost_2027"] = 0
    result = check(rows)
    assert [c for _, _, c in result.report.codes()] == ["plan-cost-year-outside"]


def test_every_problem_is_found_in_one_pass() -> None:
    rows = small_plan()
    rows["Institutions"][0]["type"] = "ministery"
    rows["Measures"][1]["lead"] = "XX"
    rows["Indicators"][0]["linked_code"] = "Q"
    codes = {c for _, _, c in check(rows).report.codes()}
    assert codes == {"plan-bad-choice", "plan-unknown-institution", "plan-unknown-linked-code"}


def test_messages_name_the_cell_and_say_how_to_fix() -> None:
    rows = small_plan()
    rows["Measures"][0]["cost_2024"] = "12,5,0"
    issue = check(rows).report.errors[0]
    where = cell(rows, "Measures", "cost_2024", 0)
    assert (issue.code, issue.sheet, issue.cell, issue.value) == (
        "plan-bad-amount",
        "Measures",
        where,
        "12,5,0",
    )
    for lang in ("en", "sq"):
        said = catalogue.render(issue.code, lang, {"value": "12,5,0"})
        assert issue.message(lang) == f"{issue.location(lang)}: {said}"
    assert issue.location("sq") == f"Fleta Measures, qeliza {where}"


def test_load_plan_reads_the_file(tmp_path: Path) -> None:
    path = tmp_path / "action_plan.xlsx"
    path.write_bytes(plan_bytes(small_plan()))
    result = load_plan(path, YEARS)
    assert result.report.issues == []
    assert result.plan is not None
    assert result.plan.measure("A.2.1").title_sq == "Sporteli i punësimit"


def test_an_unreadable_file_is_an_issue_not_a_traceback(tmp_path: Path) -> None:
    path = tmp_path / "action_plan.xlsx"
    path.write_text("this is not a workbook")
    result = load_plan(path, YEARS)
    assert result.report.codes() == [("", "", "plan-file-unreadable")]
    assert "not an .xlsx file" in str(resolve(result.report.issues[0].params["reason"], "en"))
    missing = load_plan(tmp_path / "nowhere.xlsx", YEARS)
    assert missing.report.codes() == [("", "", "plan-file-unreadable")]


def test_plan_version_changes_with_content_only() -> None:
    first = check(small_plan()).plan
    rows = small_plan()
    rows["Measures"][2]["title_en"] = "Investor guide, second edition"
    second = check(rows).plan
    assert first is not None and second is not None
    assert first.version == check(small_plan()).plan.version  # type: ignore[union-attr]
    assert first.version != second.version


def test_a_reported_cost_does_not_also_raise_a_funding_warning() -> None:
    rows = small_plan()
    rows["Measures"][0]["cost_2025"] = "2,000"  # ambiguous: reported once, not twice
    codes = [c for _, _, c in check(rows).report.codes()]
    assert codes == ["plan-ambiguous-number"]


def test_issues_come_in_reading_order() -> None:
    rows = small_plan()
    rows["Indicators"][0]["unit"] = "kg"
    rows["Measures"][2]["lead"] = "XX"
    rows["Measures"][0]["start"] = "soon"
    found = [(sheet, cell) for sheet, cell, _ in check(rows).report.codes()]
    assert found == [
        ("Measures", cell(rows, "Measures", "start", 0)),
        ("Measures", cell(rows, "Measures", "lead", 2)),
        ("Indicators", cell(rows, "Indicators", "unit", 0)),
    ]
