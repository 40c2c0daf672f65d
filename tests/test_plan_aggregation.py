"""An indicator's aggregation and frequency: defaults by unit, a share is never summed."""

from __future__ import annotations

import pytest

from nsm_excel.core.periods import period_or_raise
from nsm_excel.plan.loader import check_sheets
from tests.conftest import raw_sheets, small_plan

YEARS = (2024, 2025, 2026)


def test_defaults_follow_the_unit() -> None:
    plan = check_sheets(raw_sheets(small_plan()), YEARS, "plan.xlsx").plan
    assert plan is not None
    found = {i.unit: (i.aggregation, i.frequency) for i in plan.indicators}
    assert found["yes_no"] == ("latest", "half-year")
    assert found["number"] == ("sum", "half-year")
    assert found["percent"] == ("latest", "half-year")


def test_given_values_are_kept() -> None:
    rows = small_plan()
    rows["Indicators"][1].update(aggregation="cumulative", frequency="year")
    plan = check_sheets(raw_sheets(rows), YEARS, "plan.xlsx").plan
    assert plan is not None
    indicator = plan.indicators[1]
    assert (indicator.aggregation, indicator.frequency) == ("cumulative", "year")
    assert indicator.asked_in(period_or_raise("2025"))
    assert not indicator.asked_in(period_or_raise("2025-H2"))
    assert not indicator.asked_in(period_or_raise("2025-H1"))
    assert plan.indicators[0].asked_in(period_or_raise("2025-H1"))


@pytest.mark.parametrize("index", [0, 2])  # yes/no, percent
def test_a_share_or_a_yes_no_cannot_be_summed(index: int) -> None:
    rows = small_plan()
    rows["Indicators"][index]["aggregation"] = "sum"
    result = check_sheets(raw_sheets(rows), YEARS, "plan.xlsx")
    assert result.plan is None
    [issue] = [i for i in result.report.issues if i.code == "plan-sum-not-addable"]
    assert (issue.sheet, issue.column, issue.value) == ("Indicators", "aggregation", "sum")
    assert issue.cell.endswith(str(index + 2))


def test_a_number_can_be_summed_and_an_unknown_rule_is_refused() -> None:
    rows = small_plan()
    rows["Indicators"][1]["aggregation"] = "sum"
    assert check_sheets(raw_sheets(rows), YEARS, "plan.xlsx").plan is not None
    rows["Indicators"][1]["aggregation"] = "average"
    codes = {i.code for i in check_sheets(raw_sheets(rows), YEARS, "plan.xlsx").report.issues}
    assert "plan-bad-choice" in codes
