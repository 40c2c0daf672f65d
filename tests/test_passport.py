"""The indicator passport lists what the plan says of each indicator and what it lacks."""

from __future__ import annotations

from nsm_excel.consolidate.passport import passport
from tests.conftest import small_plan
from tests.test_plan_loader import check


def test_the_passport_names_what_each_indicator_lacks() -> None:
    rows = small_plan()
    first = rows["Indicators"][0]
    first.update(source="INSTAT, Labour Force Survey", baseline=0, baseline_year=2023)
    first.update(target_final=1, target_2026=1)
    rows["Indicators"][1].update(source=None, baseline=None, baseline_year=None)
    plan = check(rows).plan
    assert plan is not None
    lines = {line.code: line for line in passport(plan)}
    code0, code1 = rows["Indicators"][0]["code"], rows["Indicators"][1]["code"]
    assert "source" not in lines[code0].missing and "baseline" not in lines[code0].missing
    assert {"source", "baseline", "baseline_year"} <= set(lines[code1].missing)
    assert lines[code0].source == "INSTAT, Labour Force Survey"
    assert all(line.responsible for line in lines.values())
