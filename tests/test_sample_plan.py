"""The embedded sample plan: realistic in shape, valid, reproducible."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from nsm_excel.demo.sample_plan import main, sample_plan_bytes
from nsm_excel.plan.loader import load_plan


def test_the_sample_is_byte_for_byte_reproducible(tmp_path: Path) -> None:
    assert sample_plan_bytes() == sample_plan_bytes()
    out = tmp_path / "copy.xlsx"
    assert main([str(out)]) == 0
    assert out.read_bytes() == sample_plan_bytes()


def test_the_sample_is_a_clean_plan_of_the_promised_shape(tmp_path: Path) -> None:
    path = tmp_path / "action_plan.xlsx"
    path.write_bytes(sample_plan_bytes())
    result = load_plan(path, (2024, 2025, 2026))
    assert result.report.issues == []
    plan = result.plan
    assert plan is not None
    levels = Counter(o.level for o in plan.objectives)
    assert levels["goal"] >= 4 and levels["objective"] >= 12
    assert len(plan.measures) >= 80 and len(plan.indicators) >= 60
    assert len(plan.institutions) == 18
    units = Counter(i.unit for i in plan.indicators)
    assert units["yes_no"] and units["percent"]
    assert sum(i.disaggregation == "sex" for i in plan.indicators) >= 5
    measure_codes = {m.code for m in plan.measures}
    assert any(i.linked_code not in measure_codes for i in plan.indicators)
    assert sum(len(m.supporting) >= 2 for m in plan.measures) >= 20
    assert all(m.costs.keys() == {2024, 2025, 2026} for m in plan.measures)
    text = " ".join(m.title_sq for m in plan.measures)
    assert "ë" in text and "ç" in text
    assert any(m.gcm_objectives for m in plan.measures)
    assert {i.language for i in plan.institutions} >= {"en"}
