"""Consolidation gives each indicator its year's figure from the periods of the year reported."""

from __future__ import annotations

import datetime as dt
from typing import Any

from nsm_excel.consolidate import figures
from nsm_excel.consolidate.consolidation import consolidate
from nsm_excel.consolidate.model import IndicatorLine
from nsm_excel.core.periods import period_or_raise
from nsm_excel.plan.loader import check_sheets
from nsm_excel.plan.model import Plan
from nsm_excel.store.ledger import ACCEPTED, Received
from tests.conftest import raw_sheets, small_plan

COUNT, SHARE = "I.A.2.1.1", "IO.A.2.1"  # a number (sum) and a percent (latest)


def _plan() -> Plan:
    rows = small_plan()
    rows["Indicators"][1].update(target_2026=300, target_final=1000)  # baseline 100
    plan = check_sheets(raw_sheets(rows), (2024, 2025, 2026), "plan.xlsx").plan
    assert plan is not None
    return plan


def _return(plan: Plan, code: str, period: str, actual: float, n: int = 1) -> Received:
    institution = next(i.responsible for i in plan.indicators if i.code == code)
    values: dict[str, Any] = {"Cover": {}, "Measures": [], "Indicators": [
        {"indicator_code": code, "actual": actual}
    ]}  # fmt: skip
    return Received(
        sha256=f"{code}{period}{n}", original_name=f"{period}.xlsx", size=1,
        received_at=f"2026-0{n}-01T10:00:00+00:00", processed_at="2026-01-01T10:00:00+00:00",
        status=ACCEPTED, archive_path="", institution=institution, period=period,
        accepted_values=values, id=n,
    )  # fmt: skip


def _line(plan: Plan, period: str, code: str, *records: Received) -> IndicatorLine:
    p = period_or_raise(period)
    mine = [r for r in records if r.period == period]
    others = [r for r in records if r.period != period]
    data = consolidate(plan, p, dt.date(2027, 1, 31), [], mine, others)
    return next(i for i in data.indicators if i.code == code)


def test_h2_adds_to_h1_for_a_sum_and_gets_a_light() -> None:
    plan = _plan()
    line = _line(
        plan,
        "2026-H2",
        COUNT,
        _return(plan, COUNT, "2026-H1", 60),
        _return(plan, COUNT, "2026-H2", 140, 2),
    )
    assert (line.actual, line.year_value, line.year_periods) == (140, 200.0, ("2026-H1", "2026-H2"))
    assert not line.mid_year
    assert line.progress == 0.5  # (200 - 100) / (300 - 100)
    assert line.light == figures.AMBER
    assert line.progress_final == 100 / 900
    assert line.target_final == 1000


def test_an_annual_return_after_h1_is_the_years_value_on_its_own() -> None:
    plan = _plan()
    line = _line(
        plan,
        "2026",
        COUNT,
        _return(plan, COUNT, "2026-H1", 60),
        _return(plan, COUNT, "2026", 280, 2),
    )
    assert (line.year_value, line.year_periods, line.mid_year) == (280, ("2026",), False)
    assert line.progress == 0.9 and line.light == figures.GREEN


def test_h1_alone_is_mid_year_progress_with_no_light() -> None:
    plan = _plan()
    line = _line(plan, "2026-H1", COUNT, _return(plan, COUNT, "2026-H1", 200))
    assert (line.year_value, line.mid_year, line.progress) == (200, True, 0.5)
    assert line.light == figures.GREY


def test_a_percent_is_never_summed_over_the_year() -> None:
    plan = _plan()
    line = _line(
        plan,
        "2026-H2",
        SHARE,
        _return(plan, SHARE, "2026-H1", 30),
        _return(plan, SHARE, "2026-H2", 40, 2),
    )
    assert (line.year_value, line.year_periods) == (40, ("2026-H2",))


def test_a_later_period_and_another_year_do_not_count() -> None:
    plan = _plan()
    line = _line(
        plan, "2026-H1", COUNT, _return(plan, COUNT, "2026-H1", 60),
        _return(plan, COUNT, "2026-H2", 140, 2), _return(plan, COUNT, "2025-H2", 99, 3),
    )  # fmt: skip
    assert (line.year_value, line.year_periods) == (60, ("2026-H1",))
