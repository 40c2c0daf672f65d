"""The sample plan's data files: read with the types the plan's columns give, and shipped."""

from __future__ import annotations

import tomllib
from fnmatch import fnmatch
from pathlib import Path

import pytest

from nsm_excel.demo.sample_data import readme_lines, rows, sample_sheets
from nsm_excel.plan.columns import SHEET_NAMES

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "nsm_excel"


def test_numeric_columns_hold_ints_and_floats_and_every_other_cell_stays_text() -> None:
    text = (
        "code,linked_code,baseline,baseline_year,target_2025,target_final,source\n"
        "I.A.1.1,A.1,9,2023,30.0,,2023\n"
        "I.A.1.2,A.1,29.5,,1e3,12,\n"
    )
    first, second = rows("Indicators", text)
    assert first == {
        "code": "I.A.1.1",
        "linked_code": "A.1",
        "baseline": 9,
        "baseline_year": 2023,
        "target_2025": 30.0,
        "target_final": "",
        "source": "2023",
    }
    assert [type(first[k]) for k in ("baseline", "target_2025", "source")] == [int, float, str]
    assert (second["baseline"], second["baseline_year"], second["target_2025"]) == (29.5, "", 1e3)
    assert type(second["target_2025"]) is float


def test_a_column_the_plan_does_not_know_is_refused() -> None:
    with pytest.raises(ValueError, match="colour"):
        rows("Measures", "code,colour\nA.1.1,red\n")


def test_the_sample_has_every_sheet_in_order_with_the_same_keys_on_every_row() -> None:
    sheets = sample_sheets()
    assert tuple(sheets) == SHEET_NAMES
    for name, table in sheets.items():
        assert table, name
        assert {tuple(row) for row in table} == {tuple(table[0])}, name
    costs = {type(row["cost_2024"]) for row in sheets["Measures"]}
    assert costs == {int}
    assert readme_lines()[0].startswith("ILLUSTRATIVE SAMPLE")


def test_every_data_file_of_the_demo_is_package_data() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    patterns = config["tool"]["setuptools"]["package-data"]["nsm_excel"]
    data = sorted(p for p in (PACKAGE / "demo" / "data").rglob("*") if p.is_file())
    assert data
    for path in data:
        inside = path.relative_to(PACKAGE).as_posix()
        assert any(fnmatch(inside, pattern) for pattern in patterns), inside
