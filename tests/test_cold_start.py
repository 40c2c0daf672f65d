"""Commands that answer at once: what a fresh ``nsm`` process imports before and while it runs.

Each check runs in a new interpreter, since this test process has long imported everything.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from nsm_excel.store.workspace import Workspace

HEAVY = ("pandas", "pandera", "openpyxl", "xlsxwriter")

RUN = """
import json, sys
from nsm_excel.cli import main
try:
    main(sys.argv[2:], standalone_mode=False)
finally:
    heavy = sorted(m for m in {heavy!r} if m in sys.modules)
    with open(sys.argv[1], "w") as out:
        json.dump(heavy, out)
"""


def imported_by(args: list[str], tmp_path: Path, watched: tuple[str, ...] = HEAVY) -> list[str]:
    """The ``watched`` modules (the heavy libraries) a fresh process has imported once
    ``nsm ARGS`` has run."""
    found = tmp_path / "imported.json"
    code = RUN.format(heavy=watched)
    done = subprocess.run(
        [sys.executable, "-c", code, str(found), *args], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    loaded: list[str] = json.loads(found.read_text())
    return loaded


def test_importing_the_command_line_imports_no_spreadsheet_library() -> None:
    code = f"import nsm_excel.cli, sys; print(sorted(m for m in {HEAVY!r} if m in sys.modules))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


@pytest.mark.parametrize("args", [["--help"], ["codes"], ["status", "--help"]])
def test_help_and_the_catalogue_import_no_spreadsheet_library(
    args: list[str], tmp_path: Path
) -> None:
    assert imported_by(args, tmp_path) == []


def test_the_log_of_a_workspace_imports_no_spreadsheet_library(
    issued: Workspace, tmp_path: Path
) -> None:
    assert imported_by(["log", "-w", str(issued.root)], tmp_path) == []


def test_a_command_that_reads_workbooks_still_imports_them(
    issued: Workspace, tmp_path: Path
) -> None:
    """The check sees what a command imports: ``check-plan`` reads the plan with openpyxl."""
    loaded = imported_by(["check-plan", "-w", str(issued.root), "--json"], tmp_path)
    assert "openpyxl" in loaded


def test_the_status_of_a_workspace_imports_no_spreadsheet_library(
    issued: Workspace, tmp_path: Path
) -> None:
    """Once the adopted version's plan is kept (the first command that needs it keeps it)."""
    imported_by(["status", "-w", str(issued.root)], tmp_path)
    assert imported_by(["status", "-w", str(issued.root)], tmp_path) == []


# What the commands that answer at once do without: Babel (the words are read with gettext),
# the records (--help and codes open no workspace), the figures (the log reads only events).
RECORDS = ("babel", "nsm_excel.store.database", "nsm_excel.store.workspace")
FIGURES = ("babel", "nsm_excel.consolidate.model", "nsm_excel.outputs.status")


@pytest.mark.parametrize("args", [["--help"], ["codes"], ["codes", "--lang", "sq"]])
def test_help_and_the_catalogue_open_no_records(args: list[str], tmp_path: Path) -> None:
    assert imported_by(args, tmp_path, RECORDS) == []


def test_the_log_reads_no_figures(issued: Workspace, tmp_path: Path) -> None:
    assert imported_by(["log", "-w", str(issued.root)], tmp_path, FIGURES) == []
