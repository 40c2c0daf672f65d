"""The data package `nsm export` writes: valid for frictionless, its totals the master's figures,
read back by pandas, its foreign keys holding, on the six periods of the strategy's story."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest

from nsm_excel.core.errors import NsmError
from nsm_excel.core.periods import period_or_raise
from nsm_excel.outputs.package import writer
from nsm_excel.outputs.package.schema import cell
from nsm_excel.outputs.reports import figures_for
from nsm_excel.template.generate import generate
from tests import test_strategy_over_time as over_time

SIX = ["2024-H1", "2024", "2025-H1", "2025", "2026-H1", "2026"]


@pytest.fixture(scope="module")
def told(six_periods: over_time.Story) -> over_time.Story:
    """The six periods, one amendment and late returns, as the story tells them."""
    return six_periods


@pytest.fixture(scope="module")
def package(told: over_time.Story) -> writer.Exported:
    return writer.export(told.space)


def _rows(folder: Path, name: str) -> list[dict[str, str]]:
    with (folder / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_the_package_is_valid_for_frictionless(package: writer.Exported) -> None:
    from frictionless import Package

    report = Package(str(package.folder / "datapackage.json")).validate()
    assert report.flatten(["rowNumber", "fieldName", "type", "note"]) == []
    assert report.valid
    assert package.periods == tuple(SIX)
    tool = Path(sys.executable).with_name("frictionless")
    done = subprocess.run(
        [str(tool), "validate", "datapackage.json"],
        cwd=package.folder,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout[-2000:]


def test_its_totals_are_the_masters_figures(
    told: over_time.Story, package: writer.Exported
) -> None:
    periods = {r["period"]: r for r in _rows(package.folder, "periods")}
    reports = _rows(package.folder, "measure_reports")
    submissions = _rows(package.folder, "submissions")
    assert list(periods) == SIX
    for code in SIX:
        o = figures_for(told.space, period_or_raise(code)).overview
        mine = [r for r in reports if r["period"] == code]
        assert float(periods[code]["spent"]) == pytest.approx(o.spent)
        assert sum(float(r["spent"]) for r in mine) == pytest.approx(o.spent)
        assert sum(float(r["planned"]) for r in mine) == pytest.approx(o.planned)
        assert sum(r["due"] == "true" for r in mine) == o.due
        assert sum(r["implemented"] == "true" for r in mine) == o.implemented
        states = [r["state"] for r in submissions if r["period"] == code]
        assert (len(states), states.count("on time"), states.count("late")) == (
            o.expected,
            o.on_time,
            o.late,
        )
        assert int(periods[code]["accepted"]) == o.accepted
    statuses = {(r["period"], r["measure"]): r for r in reports}
    a14 = statuses["2025", "A.1.4"]
    assert (a14["status"], a14["status_label_en"], a14["status_label_sq"]) == (
        "delayed",
        "Delayed",
        "Me vonesë",
    )
    assert statuses["2025-H1", "A.1.4"]["reported"] == "false" or statuses["2025-H1", "A.1.4"]
    budget = {(r["year"], r["source"]): r for r in _rows(package.folder, "budget_years")}
    assert float(budget["2024", "state"]["spent"]) == 1_550_000
    assert budget["2024", "gap"]["spent"] == ""


def test_pandas_reads_it_as_the_readme_shows(package: writer.Exported) -> None:
    import pandas as pd

    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    lines = readme.split("```python\n# the data package in pandas\n", 1)[1].split("```", 1)[0]
    names: dict[str, object] = {"folder": str(package.folder)}
    exec(lines.replace('"outbox/export/all"', "folder"), names)  # the README's three lines
    tables = names["tables"]
    assert isinstance(tables, dict)
    assert isinstance(tables["measure_reports"], pd.DataFrame)
    values = tables["indicator_values"]
    assert list(values[values.indicator == "I.2"].value) == [20, 45, 25, 55, 30, 72]


def test_foreign_keys_hold(package: writer.Exported) -> None:
    described = json.loads((package.folder / "datapackage.json").read_text(encoding="utf-8"))
    checked = 0
    for resource in described["resources"]:
        rows = _rows(package.folder, resource["name"])
        for key in resource["schema"].get("foreignKeys", []):
            target = key["reference"]["resource"] or resource["name"]
            known = {
                tuple(r[f] for f in key["reference"]["fields"])
                for r in _rows(package.folder, target)
            }
            for row in rows:
                value = tuple(row[f] for f in key["fields"])
                if all(value):
                    assert value in known, (resource["name"], value)
                    checked += 1
    assert checked > 100
    institutions = {r["code"]: r["in_plan"] for r in _rows(package.folder, "institutions")}
    assert institutions["AKPA"] == "false" and institutions["AKPAS"] == "true"


def _package_files(folder: Path) -> dict[str, bytes]:
    return {f.name: f.read_bytes() for f in sorted(folder.iterdir())}


def test_with_no_accepted_return_the_package_is_whole_and_says_so(tmp_path: Path) -> None:
    from click.testing import CliRunner
    from frictionless import Package

    from nsm_excel.cli.app import main
    from tests.conftest import make_workspace

    space = make_workspace(tmp_path / "ws")
    generate(space)  # templates issued, none returned
    done = CliRunner().invoke(main, ["export", "-w", str(space.root), "--period", "2026-H1"])
    assert done.exit_code == 0, done.output
    assert "report rows hold no values" in done.output
    folder = space.outbox / "export" / "2026-H1"
    assert Package(str(folder / "datapackage.json")).validate().valid
    reports = _rows(folder, "measure_reports")
    assert reports and {(r["reported"], r["status"], r["spent"]) for r in reports} == {
        ("false", "", "0")
    }
    assert _rows(folder, "contributions") == []
    assert {r["state"] for r in _rows(folder, "submissions")} == {"missing"}
    # an earlier export is never written over silently
    again = CliRunner().invoke(main, ["export", "-w", str(space.root), "--period", "2026-H1"])
    assert again.exit_code == 0 and (space.outbox / "export" / "2026-H1 (2)").is_dir()
    (folder / "measures.csv").write_text("changed by hand", encoding="utf-8")
    replaced = writer.export(space, period_or_raise("2026-H1"), period_or_raise("2026-H1"),
                             replace=True)  # fmt: skip
    assert replaced.folder == folder and replaced.replaced
    assert _package_files(folder) == _package_files(space.outbox / "export" / "2026-H1 (2)")
    left = sorted(p.name for p in (space.outbox / "export").iterdir())
    assert left == ["2026-H1", "2026-H1 (2)"]  # the earlier folder and no hidden leftover


def test_a_period_not_in_the_calendar_is_a_clear_error(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from nsm_excel.cli.app import main
    from tests.conftest import make_workspace

    space = make_workspace(tmp_path / "ws")
    done = CliRunner().invoke(main, ["export", "-w", str(space.root), "--period", "2031"])
    assert done.exit_code == 2 and "not in the calendar" in done.output
    assert "Traceback" not in done.output
    assert not (space.outbox / "export").exists()
    with pytest.raises(NsmError, match="was ever opened"):
        writer.export(space, period_or_raise("2026"), period_or_raise("2026"))  # planned
    both = CliRunner().invoke(
        main, ["export", "-w", str(space.root), "--period", "2026-H1", "--all"]
    )
    assert both.exit_code == 2


@pytest.mark.parametrize(
    ("value", "kind", "written"),
    [
        ('=HYPERLINK("http://x")', "string", '\'=HYPERLINK("http://x")'),
        ("  @SUM(A1)", "string", "'  @SUM(A1)"),
        ("-5 done", "string", "'-5 done"),
        (-5.0, "number", "-5"),
        (0.125, "number", "0.125"),
        (True, "boolean", "true"),
        (None, "number", ""),
        (("A.1", "A.2"), "string", "A.1 A.2"),
        ("Masa u krye", "string", "Masa u krye"),
    ],
)
def test_a_cell_is_written_as_table_schema_reads_it(value: object, kind: str, written: str) -> None:
    assert cell(value, kind) == written


def test_the_docs_name_every_table_and_column(package: writer.Exported) -> None:
    docs = (Path(__file__).parents[1] / "docs" / "data-package.md").read_text(encoding="utf-8")
    rows = {line.split("|")[1].strip(" `"): line for line in docs.splitlines() if "| `" in line}
    described = json.loads((package.folder / "datapackage.json").read_text(encoding="utf-8"))
    for resource in described["resources"]:
        line = rows[resource["name"]]
        for column in resource["schema"]["fields"]:
            assert f"`{column['name']}`" in line, (resource["name"], column["name"])
