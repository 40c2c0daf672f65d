"""Consolidation never crashes and every figure it gives is finite, whatever accepted values
(the bounds, zero, the tiniest numbers, huge counts) and whatever an older run stored (infinity,
NaN, 1e308): the figures, the master workbook and the summary report, in both languages."""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nsm_excel.consolidate import figures
from nsm_excel.consolidate.consolidation import consolidate
from nsm_excel.consolidate.model import Consolidated
from nsm_excel.consolidate.rows import FIGURES
from nsm_excel.core.periods import Period
from nsm_excel.core.values import LARGEST
from nsm_excel.demo.run import run_demo
from nsm_excel.outputs import master_workbook, summary_report
from nsm_excel.plan.loader import load_plan
from nsm_excel.plan.model import Plan
from nsm_excel.store import database, ledger, register
from nsm_excel.store.config import Config
from nsm_excel.store.ledger import Received
from nsm_excel.store.register import IssuedTemplate
from nsm_excel.store.workspace import Workspace

MADE = dt.datetime(2026, 8, 20, 9, 30, tzinfo=dt.UTC)
TINY = 5e-324  # the smallest float above zero


@dataclasses.dataclass(frozen=True)
class Cycle:
    plan: Plan
    period: Period
    deadline: dt.date
    issued: list[IssuedTemplate]
    records: list[Received]
    config: Config


@pytest.fixture(scope="module")
def cycle(tmp_path_factory: pytest.TempPathFactory) -> Cycle:
    root: Path = tmp_path_factory.mktemp("bounds") / "demo"
    run_demo(root, reports=False)
    space = Workspace.open(root)
    period = space.current_period()
    plan = load_plan(space.plan_path, space.config.years).plan
    assert plan is not None
    with database.connect(space.database) as db:
        issued = [t for t in register.for_period(db, period.code) if t.current]
        records = ledger.all_records(db, period.code)
    assert any(r.accepted_values for r in records)
    deadline = space.calendar_period(period.code).deadline
    return Cycle(plan, period, deadline, issued, records, space.config)


edges = st.sampled_from([0, 0.0, TINY, 1e-300, 0.5, 1, LARGEST - 1, LARGEST, float(LARGEST)])
amounts = st.one_of(edges, st.floats(0, LARGEST), st.integers(0, LARGEST))
numbers = st.one_of(edges, st.floats(-LARGEST, LARGEST), st.integers(-LARGEST, LARGEST))
counts = st.one_of(st.sampled_from([0, 1, LARGEST]), st.integers(0, LARGEST))
# what a run before the bounds could have stored, and what no figure may become
legacy = st.sampled_from([math.inf, -math.inf, math.nan, 1e308, -1e308, 10**400, "1e5", True])


def _accepted(key: str) -> st.SearchStrategy[Any]:
    typed = counts if key.startswith("actual_") else amounts if key.startswith("spent") else numbers
    return st.one_of(st.none(), typed)


@st.composite
def extremes(draw: st.DrawFn, cycle: Cycle) -> tuple[Plan, list[Received]]:
    """The plan and the ledger with a few extreme figures, repeated over every row (a few
    values shrink fast; every row carrying one of them reaches every sum and ratio)."""
    old = draw(st.booleans())
    keys = [k for keys in FIGURES.values() for k in keys]
    figures_by_key = {
        k: draw(st.lists(legacy if old else _accepted(k), min_size=1, max_size=3)) for k in keys
    }
    records = [_with_figures(r, figures_by_key) if r.accepted_values else r for r in cycle.records]
    plan_figures = {
        "cost": draw(st.lists(amounts, min_size=1, max_size=3)),
        "funding": draw(
            st.lists(st.sampled_from([0.0, TINY, 1.0, float(LARGEST)]), min_size=3, max_size=3)
        ),
        "number": draw(st.lists(numbers, min_size=2, max_size=4)),
    }
    return _plan_with(cycle.plan, cycle.period.year, plan_figures), records


def _pick(choices: list[Any], n: int) -> Any:
    return choices[n % len(choices)]


def _with_figures(record: Received, drawn: dict[str, list[Any]]) -> Received:
    values = dict(record.accepted_values or {})
    for sheet, keys in FIGURES.items():
        values[sheet] = [
            {**row, **{k: _pick(drawn[k], n) for k in keys}}
            for n, row in enumerate(values.get(sheet) or [])
        ]
    return dataclasses.replace(record, accepted_values=values)


def _plan_with(plan: Plan, year: int, drawn: dict[str, list[Any]]) -> Plan:
    state, donor, gap = drawn["funding"]
    measures = tuple(
        dataclasses.replace(
            m,
            costs={**m.costs, year: _pick(drawn["cost"], n)},
            funding_state=state,
            funding_donor=donor,
            funding_gap=gap,
        )
        for n, m in enumerate(plan.measures)
    )
    indicators = tuple(
        dataclasses.replace(
            i,
            baseline=_pick(drawn["number"], n),
            targets={**i.targets, year: _pick(drawn["number"], n + 1)},
        )
        for n, i in enumerate(plan.indicators)
    )
    return dataclasses.replace(plan, measures=measures, indicators=indicators)


def _floats(value: Any, seen: str = "") -> list[tuple[str, float]]:
    """Every float in ``value`` (dataclasses, tuples, dicts), with where it was found."""
    if isinstance(value, float):
        return [(seen, value)]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        found = []
        for name in [f.name for f in dataclasses.fields(value)] + _properties(value):
            found += _floats(getattr(value, name), f"{seen}.{name}")
        return found
    if isinstance(value, tuple | list):
        return [pair for n, item in enumerate(value) for pair in _floats(item, f"{seen}[{n}]")]
    if isinstance(value, dict):
        return [pair for k, item in value.items() for pair in _floats(item, f"{seen}[{k}]")]
    return []


def _properties(value: Any) -> list[str]:
    return [n for n, v in vars(type(value)).items() if isinstance(v, property)] + [
        n
        for base in type(value).__mro__[1:]
        for n, v in vars(base).items()
        if isinstance(v, property)
    ]


def _consolidated(cycle: Cycle, plan: Plan, records: list[Received]) -> Consolidated:
    return consolidate(plan, cycle.period, cycle.deadline, cycle.issued, records)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_extreme_figures_are_consolidated_and_written_without_a_crash(
    cycle: Cycle, data: st.DataObject
) -> None:
    plan, records = data.draw(extremes(cycle))
    result = _consolidated(cycle, plan, records)
    infinite = [(where, v) for where, v in _floats(result) if not math.isfinite(v)]
    assert infinite == []
    assert all(abs(i.actual) <= LARGEST for i in result.indicators if i.actual is not None)
    for lang in ("sq", "en"):
        assert master_workbook.render(result, lang, MADE).startswith(b"PK")
        assert "<html" in summary_report.render(result, lang, cycle.config, MADE)


def test_what_an_older_run_stored_beyond_the_bounds_counts_as_no_figure(cycle: Cycle) -> None:
    stored = next(r for r in cycle.records if r.accepted_values and r.superseded_by is None)
    values = dict(stored.accepted_values or {})
    values["Measures"] = [
        {**row, "spent_state": math.inf, "spent_donor": 1e308} for row in values["Measures"]
    ]
    values["Indicators"] = [{**row, "actual": math.nan} for row in values["Indicators"]]
    records = [
        dataclasses.replace(stored, accepted_values=values) if r is stored else r
        for r in cycle.records
    ]
    result = _consolidated(cycle, cycle.plan, records)
    mine = [m for m in result.measures if m.source_file == stored.original_name]
    assert mine and all(math.isfinite(m.spent) for m in mine)
    own = [i for i in result.indicators if i.source_file == stored.original_name]
    assert own and all(i.actual is None for i in own)
    assert math.isfinite(result.overview.spent)


def test_ratios_with_nothing_or_almost_nothing_to_divide_by_are_none() -> None:
    assert figures.rate(5, 0) is None and figures.rate(5, None) is None
    assert figures.rate(LARGEST, TINY) is None  # would overflow to infinity
    assert figures.execution(LARGEST, TINY) is None
    assert figures.indicator_progress(LARGEST, 0.0, TINY) is None
    assert figures.indicator_progress(LARGEST, -LARGEST, LARGEST) == 1.0
    assert figures.rate(1, 4) == 25.0
    assert [figures.figure(v) for v in (math.inf, math.nan, 1e308, 10**400, True, "5", 7)] == [
        None,
        None,
        None,
        None,
        None,
        None,
        7.0,
    ]
