"""The roll-ups the gender, target-group and SDG sections render, and "no report" beside 0 %."""

from __future__ import annotations

from typing import Any

import pytest

from nsm_excel.consolidate import rollups
from nsm_excel.consolidate.model import IndicatorLine, MeasureLine
from tests.conftest import small_plan
from tests.test_plan_loader import check


def line(code: str, **values: Any) -> MeasureLine:
    base: dict[str, Any] = dict(
        code=code, goal="A", objective="A.1", title_sq=code, title_en=code, lead="MB",
        supporting=(), start="2024", end="2025", planned=0.0, funding_state=0.0,
        funding_donor=0.0, funding_gap=0.0, gcm=(), due=True, reported=True, status=None,
        progress="", delay_reason="", next_steps="", evidence="", completion_date="",
        spent_state=0.0, spent_donor=0.0, source_file="", received_at="", contributions=(),
        implemented=False,
    )  # fmt: skip
    return MeasureLine(**{**base, **values})


def test_a_rollup_whose_due_measures_were_not_reported_is_no_report_not_zero() -> None:
    silent = rollups.by_goal(
        _plan(), [line("A.1.1", reported=False), line("A.1.2", reported=False)]
    )[0]
    assert silent.implementation_rate == 0.0 and silent.no_report
    answered = rollups.by_goal(_plan(), [line("A.1.1"), line("A.1.2", reported=False)])[0]
    assert answered.implementation_rate == 0.0 and not answered.no_report
    assert (answered.due, answered.reported_due) == (2, 1)
    nothing_due = rollups.by_goal(_plan(), [line("A.1.1", due=False, reported=False)])[0]
    assert nothing_due.implementation_rate is None and not nothing_due.no_report


def test_target_groups_count_a_measure_in_every_group_it_serves() -> None:
    measures = [
        line("A.1.1", target_groups=("returnees", "refugees"), planned=100.0, spent_state=40.0),
        line("A.1.2", target_groups=("refugees",), planned=50.0, implemented=True),
        line("A.1.3"),
    ]
    groups = {g.key: g for g in rollups.by_target_group(measures)}
    assert list(groups) == ["returnees", "refugees"]  # the vocabulary's order, named ones only
    assert (groups["refugees"].measures, groups["refugees"].planned) == (2, 150.0)
    assert groups["refugees"].implementation_rate == 50.0
    assert (groups["returnees"].spent, groups["returnees"].title_sq) == (
        40.0,
        "Emigrantë të kthyer",
    )


def test_sdg_targets_roll_up_in_numeric_order_titled_by_their_goal() -> None:
    measures = [line("A.1.1", sdg=("10.7", "8.8")), line("A.1.2", sdg=("10.7",))]
    found = rollups.by_sdg(measures)
    assert [(r.key, r.measures) for r in found] == [("8.8", 1), ("10.7", 2)]
    assert found[1].title_en == "10.7 Reduced inequalities"
    assert found[1].title_sq == "10.7 Pabarazi të reduktuara"
    mixed = rollups.by_sdg([line("A.1.1", sdg=("17.16", "17.3", "10.c", "10.7"))])
    assert [r.key for r in mixed] == ["10.7", "10.c", "17.3", "17.16"]


def test_gender_relevant_measures_by_goal_and_in_all() -> None:
    measures = [
        line("A.1.1", gender_relevant=True, implemented=True),
        line("A.1.2", gender_relevant=True),
        line("A.1.3", implemented=True),
    ]
    by_goal = rollups.gender_by_goal(_plan(), measures)
    assert [(g.key, g.measures, g.implemented) for g in by_goal] == [("A", 2, 1)]
    total = rollups.gender_total(measures)
    assert (total.measures, total.implementation_rate) == (2, 50.0)


def test_goal_rollups_carry_the_plans_gcm_objectives_and_sdg_targets() -> None:
    rows = small_plan()
    rows["Objectives"][0].update(gcm_objectives="1; 23", sdg_targets="10.7; 17.18")
    plan = check(rows).plan
    assert plan is not None
    goal = rollups.by_goal(plan, [line("A.1.1")])[0]
    assert (goal.gcm, goal.sdg) == ((1, 23), ("10.7", "17.18"))


@pytest.mark.parametrize(
    ("women", "men", "share"), [(100, 150, 40.0), (0, 0, None), (None, 5, None), (3, 0, 100.0)]
)
def test_womens_share_of_a_sex_disaggregated_value(
    women: float | None, men: float | None, share: float | None
) -> None:
    found = IndicatorLine(
        code="I", linked_code="A.1.1", name_sq="", name_en="", unit="number",
        direction="increase", responsible="MB", baseline=None, target=None, actual=None,
        women=women, men=men, disaggregation="sex", comment="", progress=None, light="grey",
        source_file="",
    )  # fmt: skip
    assert found.women_share == share


def _plan() -> Any:
    plan = check(small_plan()).plan
    assert plan is not None
    return plan
