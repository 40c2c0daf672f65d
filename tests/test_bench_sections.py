"""The generate and naive sections of ``make bench``: what they time is what they claim."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pandas as pd
from openpyxl import load_workbook

from nsm_excel.demo import bench_generate, bench_naive, xlsx_floor
from nsm_excel.plan import history
from nsm_excel.store.workspace import Workspace


def test_the_wide_plan_has_every_institution_asked_each_with_its_sources_rows(
    tmp_path: Path,
) -> None:
    space = bench_generate.wide_workspace(tmp_path / "ws", 40)
    plan = history.load(space).plan
    assert plan is not None  # the plan check passed
    assert len(plan.institutions) == 40
    led: dict[str, int] = {}
    for measure in plan.measures:
        led[measure.lead] = led.get(measure.lead, 0) + 1
    assert led["MB2"] == led["MB"] > 0
    assert led["BASHKIA2"] == led.get("BASHKIA", 0)


def test_the_floor_writes_again_what_a_template_holds(issued: Workspace) -> None:
    template = next(issued.templates_dir(issued.calendar_period().period).glob("*.xlsx"))
    written = load_workbook(io.BytesIO(xlsx_floor.write(xlsx_floor.read(template))))
    original = load_workbook(template)
    assert written.sheetnames == original.sheetnames
    for sheet in original.worksheets:
        again = written[sheet.title]
        cells = {(c.coordinate, c.value, c.number_format, c.protection.locked) for c in _all(sheet)}
        assert cells <= {
            (c.coordinate, c.value, c.number_format, c.protection.locked) for c in _all(again)
        }
        assert {str(r) for r in sheet.merged_cells.ranges} == {
            str(r) for r in again.merged_cells.ranges
        }
        assert sorted(str(v.sqref) for v in sheet.data_validations.dataValidation) == sorted(
            str(v.sqref) for v in again.data_validations.dataValidation
        )
        assert again.sheet_state == sheet.sheet_state
        assert again.protection.sheet == sheet.protection.sheet
        assert again.freeze_panes == sheet.freeze_panes


def _all(sheet: Any) -> list[Any]:
    return [cell for row in sheet.iter_rows() for cell in row if cell.value is not None]


def test_the_naive_script_reads_every_row_of_valid_returns_without_failures(
    tmp_path: Path,
) -> None:
    _, paths = bench_naive.filled_workspace(tmp_path, 3)
    out = tmp_path / "naive.xlsx"
    assert bench_naive.naive_script(paths, out) == 0
    measures = pd.read_excel(out, sheet_name="Measures", engine="openpyxl")
    assert set(measures["file"]) == {p.name for p in paths}
    first = pd.read_excel(paths[0], sheet_name="Measures", header=2, engine="openpyxl").iloc[1:]
    assert (measures["file"] == paths[0].name).sum() == len(first)
