"""The whole cycle as a user runs it: nsm demo, nsm status, nsm consolidate."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from nsm_excel.cli.app import main
from nsm_excel.demo.run import LATE, MISTAKES, RESENDS, SILENT


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    root = tmp_path_factory.mktemp("cycle") / "demo"
    code, out = run("demo", str(root))
    assert code == 0, out
    return root, out


def test_the_demo_runs_the_whole_cycle_and_says_where_everything_is(demo: tuple[Path, str]) -> None:
    root, out = demo
    period = next(p.name for p in (root / "templates" / "xlsx").iterdir())
    master = root / "outbox" / period / f"NSM_master_{period}_sq.xlsx"
    summary = root / "outbox" / period / f"NSM_summary_{period}_sq.html"
    assert f"Master workbook: {master.resolve()}" in out
    assert f"Summary report:  {summary.resolve()}" in out
    assert master.exists() and summary.exists()
    feedback = [
        line.split(maxsplit=1)[1] for line in out.splitlines() if line.startswith("Feedback:")
    ]
    assert feedback and all(Path(p).exists() for p in feedback)
    assert all(f"{RESENDS}_" not in p for p in feedback)  # its corrected file was accepted
    assert not [p for p in (root / "inbox").iterdir()]  # every file taken in


def test_the_demo_has_late_rejected_silent_and_a_fixed_resubmission(demo: tuple[Path, str]) -> None:
    root, _ = demo
    code, out = run("status", "-w", str(root), "--json")
    assert code == 0
    (data,) = json.loads(out)["periods"]  # the demo's one open period
    assert (data["period"], data["state"]) == ("2026-H1", "open")
    states = {line["code"]: line["state"] for line in data["institutions"]}
    assert states[SILENT] == "overdue"  # nothing received, the deadline passed
    assert all(states[code] == "late" for code in LATE)
    assert states[RESENDS] == "on time"  # its corrected file came before the deadline
    rejected = [code for code in MISTAKES if code != RESENDS]
    assert all(states[code] == "rejected" for code in rejected)
    assert data["expected"] == len(states)
    assert data["accepted"] == sum(s in ("on time", "late") for s in states.values())


def test_status_prints_each_institution(demo: tuple[Path, str]) -> None:
    root, _ = demo
    code, out = run("status", "-w", str(root))
    assert code == 0
    assert f"  {SILENT:8} overdue" in out
    rejected = next(code for code in MISTAKES if code != RESENDS)
    assert f"  {rejected:8} rejected" in out
    code, out = run("status", "-w", str(root), "--lang", "sq")
    assert f"  {SILENT:8} pas afatit" in out and f"  {rejected:8} refuzuar" in out


def test_consolidate_again_and_in_english(demo: tuple[Path, str]) -> None:
    root, _ = demo
    code, out = run("consolidate", "-w", str(root), "--lang", "en", "--json")
    assert code == 0, out
    data = json.loads(out)
    assert data["expected"] == 18 and data["missing"] == 1
    book = load_workbook(root / data["master"], read_only=True)
    assert book.sheetnames[0] == "Overview"
    html = (root / data["summary"]).read_text(encoding="utf-8")
    assert "Implementation" in html


def test_a_period_with_no_returns_still_gets_both_outputs(demo: tuple[Path, str]) -> None:
    root, _ = demo
    code, out = run("consolidate", "-w", str(root), "--period", "2024-H1", "--json")
    assert code == 0, out
    data = json.loads(out)
    assert (data["expected"], data["accepted"]) == (0, 0)
    assert (root / data["master"]).exists() and (root / data["summary"]).exists()


def test_the_demo_refuses_a_folder_in_use(demo: tuple[Path, str]) -> None:
    root, _ = demo
    code, out = run("demo", str(root))
    assert code == 2 and "not empty" in out
