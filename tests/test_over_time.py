"""The year's figure of an indicator by its aggregation, from its values by period."""

from __future__ import annotations

from nsm_excel.consolidate import figures
from nsm_excel.consolidate.over_time import year_figure
from nsm_excel.core.periods import period_or_raise as p


def test_sum_adds_the_half_years() -> None:
    found = year_figure("sum", {p("2025-H1"): 40, p("2025-H2"): 60}, 2025)
    assert (found.value, found.periods, found.mid_year) == (100.0, ("2025-H1", "2025-H2"), False)


def test_an_annual_return_is_the_years_value_on_its_own() -> None:
    values = {p("2025-H1"): 40, p("2025"): 90}
    for rule in ("sum", "latest", "cumulative"):
        found = year_figure(rule, values, 2025)
        assert (found.value, found.periods, found.mid_year) == (90, ("2025",), False)


def test_a_half_year_alone_is_mid_year_progress_with_no_light() -> None:
    found = year_figure("sum", {p("2025-H1"): 40}, 2025)
    assert (found.value, found.mid_year) == (40.0, True)
    progress = found.progress(0, 80)
    assert progress == 0.5
    assert found.light(progress) == figures.GREY
    whole = year_figure("sum", {p("2025-H1"): 40, p("2025-H2"): 40}, 2025)
    assert whole.light(whole.progress(0, 80)) == figures.GREEN


def test_latest_and_cumulative_take_the_latest_period() -> None:
    values = {p("2025-H2"): 30, p("2025-H1"): 20, p("2024-H2"): 99}
    for rule in ("latest", "cumulative"):
        found = year_figure(rule, values, 2025)
        assert (found.value, found.periods, found.mid_year) == (30, ("2025-H2",), False)
    assert year_figure("latest", {p("2025-H1"): 20}, 2025).mid_year


def test_a_percent_is_never_summed() -> None:
    # percent indicators are 'latest' (the plan refuses 'sum' for them): 45 % then 55 %, not 100 %
    found = year_figure("latest", {p("2025-H1"): 45.0, p("2025-H2"): 55.0}, 2025)
    assert found.value == 55.0


def test_sum_of_quarters_never_mixes_with_halves() -> None:
    values = {p(f"2025-Q{q}"): 10 for q in (1, 2, 3)} | {p("2025-H1"): 25}
    found = year_figure("sum", values, 2025)
    assert (found.value, found.periods, found.mid_year) == (
        30.0,
        ("2025-Q1", "2025-Q2", "2025-Q3"),
        True,
    )


def test_no_value_gives_no_figure() -> None:
    found = year_figure("sum", {p("2025-H1"): None, p("2024"): 5}, 2025)
    assert (found.value, found.periods) == (None, ())
