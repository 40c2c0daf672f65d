"""Records that name files outside the workspace, or hold values of the wrong shape, are never
followed and never crash a command."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from nsm_excel.store.stored_paths import within
from nsm_excel.store.workspace import Workspace
from tests.returns import drop, filled, run


@pytest.mark.parametrize(
    "stored",
    ["/etc/passwd", "../victim.txt", "archive/../../victim.txt", "C:\\x", "\\\\srv\\x", ""],
)
def test_a_stored_path_outside_the_workspace_is_no_file_of_it(tmp_path: Path, stored: str) -> None:
    assert within(tmp_path, stored) is None


def test_a_link_inside_the_workspace_that_leads_out_is_no_file_of_it(tmp_path: Path) -> None:
    (tmp_path / "archive").mkdir()
    (tmp_path / "archive" / "out").symlink_to("/etc")
    assert within(tmp_path, "archive/out/passwd") is None
    assert within(tmp_path, "archive/2026-H1/MB/x.xlsx") == tmp_path / "archive/2026-H1/MB/x.xlsx"


def test_a_journal_naming_a_file_outside_never_removes_it(
    issued: Workspace, tmp_path: Path
) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me")
    with sqlite3.connect(issued.database) as db:
        db.execute(
            "INSERT INTO feedback_journal (action, path) VALUES ('write', ?)",
            (f"../{victim.name}",),
        )
        db.execute(
            "INSERT INTO feedback_journal (action, path) VALUES ('write', ?)", (str(victim),)
        )
    drop(issued, "MB_2026-H1.xlsx", filled(issued, "MB"))
    assert [f.status for f in run(issued).files] == ["accepted"]
    assert victim.read_text() == "keep me"


@pytest.mark.parametrize(
    "column, value",
    [
        ("accepted_values", '{"Measures": 5}'),
        ("accepted_values", "[1, 2]"),
        ("params", "[1]"),
        ("params", "not json"),
    ],
)
def test_records_of_the_wrong_shape_are_damage_not_a_traceback(
    issued: Workspace, column: str, value: str
) -> None:
    drop(issued, "MB_2026-H1.xlsx", filled(issued, "MB"))
    run(issued)
    with sqlite3.connect(issued.database) as db:
        if column == "params":  # an issue of the file whose parameters are not a mapping
            db.execute(
                "INSERT INTO received_issues VALUES (1, 99, 'file-duplicate', 'warning', "
                "'', '', '', '', '', ?, NULL, NULL)",
                (value,),
            )
        else:
            db.execute(f"UPDATE received SET {column} = ?", (value,))
    for command in ("status", "consolidate"):
        done = subprocess.run(
            [sys.executable, "-c", "from nsm_excel.cli import main; main()", command],
            cwd=issued.root,
            capture_output=True,
            text=True,
            check=False,
        )
        assert done.returncode == 2 and "Traceback" not in done.stderr, done.stderr
        assert "damaged" in done.stderr
