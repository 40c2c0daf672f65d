"""nsm doctor: a healthy workspace reports nothing; each kind of damage is reported with its
code and path; nothing in the workspace changes; exit 0, 1 or 2."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from nsm_excel.core import catalogue
from nsm_excel.store import ledger
from nsm_excel.store.database import connect
from nsm_excel.store.doctor import examine
from nsm_excel.store.lock import workspace_lock
from nsm_excel.store.workspace import Workspace
from tests.recorded import ONE_ACCEPTED_ONE_REJECTED, copy_of, nsm, recorded_in


@pytest.fixture(scope="module")
def recorded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Templates issued, MB accepted, AIDA rejected twice (its first feedback in earlier/)."""
    return recorded_in(
        tmp_path_factory.mktemp("doctor"),
        ONE_ACCEPTED_ONE_REJECTED,
        [("AIDA", 2, ("missing-reporter",))],
    )


@pytest.fixture
def space(recorded: Path, tmp_path: Path) -> Workspace:
    return copy_of(recorded, tmp_path)


def _records(space: Workspace) -> list[ledger.Received]:
    with connect(space.database, backup=False) as db:
        return ledger.all_records(db)


def _everything(root: Path) -> dict[str, tuple[int, int, bytes]]:
    return {
        p.relative_to(root).as_posix(): (p.stat().st_mtime_ns, p.stat().st_mode, p.read_bytes())
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def test_a_healthy_workspace_reports_nothing_and_changes_nothing(space: Workspace) -> None:
    before = _everything(space.root)
    code, out = nsm("doctor", "-w", str(space.root))
    assert code == 0, out
    assert out == (
        f"{space.root.resolve()}: 3 records, 3 archive files, 2 feedback workbooks, "
        "3 current templates checked; healthy.\n"
    )
    assert _everything(space.root) == before  # not even a log beside the records
    code, out = nsm("doctor", "-w", str(space.root), "--json")
    assert code == 0
    assert json.loads(out) == examine(space.root).to_dict()
    assert json.loads(out)["healthy"] is True and json.loads(out)["issues"] == []


def _archived(space: Workspace, name: str) -> Path:
    return space.root / next(r.archive_path for r in _records(space) if r.original_name == name)


def _feedback(space: Workspace) -> Path:
    return space.outbox / "2026-H1" / "feedback"


Damage = Callable[[Workspace], str]  # damages the workspace; the path the issue names


def _archive_missing(space: Workspace) -> str:
    path = _archived(space, "MB_2026-H1.xlsx")
    path.unlink()
    return path.relative_to(space.root).as_posix()


def _archive_changed(space: Workspace) -> str:
    path = _archived(space, "MB_2026-H1.xlsx")
    path.write_bytes(path.read_bytes() + b"x")
    return path.relative_to(space.root).as_posix()


def _archive_unrecorded(space: Workspace) -> str:
    path = space.root / "archive" / "2026-H1" / "MB" / "stray.xlsx"
    path.write_bytes(b"PK")
    return "archive/2026-H1/MB/stray.xlsx"


def _feedback_missing(space: Workspace) -> str:
    (_feedback(space) / "AIDA_2026-H1_feedback.xlsx").unlink()
    return "outbox/2026-H1/feedback/AIDA_2026-H1_feedback.xlsx"


def _orphan_in_earlier(space: Workspace) -> str:
    (_feedback(space) / "earlier" / "AIDA_2026-H1_feedback_x (2).xlsx").write_bytes(b"PK")
    return "outbox/2026-H1/feedback/earlier/AIDA_2026-H1_feedback_x (2).xlsx"


def _template_missing(space: Workspace) -> str:
    space.template_path("AKPA", space.current_period()).unlink()
    return "templates/xlsx/2026-H1/AKPA_2026-H1.xlsx"


def _template_changed(space: Workspace) -> str:
    path = space.template_path("AKPA", space.current_period())
    path.write_bytes(b"edited")
    return "templates/xlsx/2026-H1/AKPA_2026-H1.xlsx"


def _leftover(space: Workspace) -> str:
    (space.outbox / "2026-H1" / ".NSM_master_2026-H1.xlsx.ab12cd34.part").write_bytes(b"half")
    return "outbox/2026-H1/.NSM_master_2026-H1.xlsx.ab12cd34.part"


def _folder_is_file(space: Workspace) -> str:
    shutil.rmtree(space.root / "backups")
    (space.root / "backups").write_text("x")
    return "backups"


def _symlink_in_inbox(space: Workspace) -> str:
    (space.inbox / "link.xlsx").symlink_to("/etc/passwd")
    return "inbox/link.xlsx"


def _folder_in_inbox(space: Workspace) -> str:
    (space.inbox / "returns").mkdir()
    return "inbox/returns"


def _plan_missing(space: Workspace) -> str:
    space.plan_path.unlink()
    return "action_plan.xlsx"


def _config_unreadable(space: Workspace) -> str:
    (space.root / "nsm.toml").write_text("[cycle\n")
    return "nsm.toml"


def _interrupted(space: Workspace) -> str:
    with contextlib.closing(sqlite3.connect(space.database)) as db:
        db.execute("INSERT INTO pending_writes VALUES ('templates/x.xlsx', 'abc')")
        db.commit()
    return ""


def _garbage(space: Workspace) -> str:
    space.database.write_bytes(os.urandom(8192))
    return "nsm.sqlite"


def _zeroed_page(space: Workspace) -> str:
    data = bytearray(space.database.read_bytes())
    data[4096 * 3 : 4096 * 4] = bytes(4096)
    space.database.write_bytes(bytes(data))
    return "nsm.sqlite"


def _dropped_table(space: Workspace) -> str:
    with contextlib.closing(sqlite3.connect(space.database)) as db:
        db.execute("DROP TABLE sightings")
        db.commit()
    return "nsm.sqlite"


def _records_missing(space: Workspace) -> str:
    space.database.unlink()
    return "nsm.sqlite"


def _records_emptied(space: Workspace) -> str:
    space.database.write_bytes(b"")
    return "nsm.sqlite"


DAMAGE: dict[str, tuple[Damage, str]] = {
    "archive missing": (_archive_missing, "workspace-archive-missing"),
    "archive changed": (_archive_changed, "workspace-archive-changed"),
    "archive unrecorded": (_archive_unrecorded, "workspace-archive-unrecorded"),
    "feedback missing": (_feedback_missing, "workspace-feedback-missing"),
    "orphan in earlier": (_orphan_in_earlier, "workspace-feedback-unrecorded"),
    "template missing": (_template_missing, "workspace-template-missing"),
    "template changed": (_template_changed, "workspace-template-changed"),
    "leftover temp": (_leftover, "workspace-leftover-temp"),
    "folder is a file": (_folder_is_file, "workspace-folder-is-file"),
    "symlink in inbox": (_symlink_in_inbox, "workspace-inbox-not-regular"),
    "folder in inbox": (_folder_in_inbox, "workspace-inbox-not-regular"),
    "plan missing": (_plan_missing, "workspace-plan-missing"),
    "config unreadable": (_config_unreadable, "workspace-config-unreadable"),
    "interrupted run": (_interrupted, "workspace-interrupted-run"),
    "records garbage": (_garbage, "workspace-records-damaged"),
    "records zeroed page": (_zeroed_page, "workspace-records-damaged"),
    "records dropped table": (_dropped_table, "workspace-records-damaged"),
    "records missing": (_records_missing, "workspace-records-missing"),
    "records emptied": (_records_emptied, "workspace-records-missing"),
}


@pytest.mark.parametrize("kind", sorted(DAMAGE))
def test_each_damage_is_reported_and_nothing_changes(space: Workspace, kind: str) -> None:
    hurt, code = DAMAGE[kind]
    path = hurt(space)
    before = _everything(space.root)
    result = examine(space.root)
    assert [(i.code, i.file) for i in result.report] == [(code, path)]
    issue = result.report.issues[0]
    assert catalogue.entry(code).severity == issue.severity.value
    assert issue.params.get("path", "") == path  # the message names it
    exit_code, out = nsm("doctor", "-w", str(space.root))
    assert (exit_code, "Traceback" in out) == (1, False), out
    assert code in out and out.rstrip().endswith("problems found: 1.")
    assert _everything(space.root) == before


def test_several_problems_are_all_reported_in_json(space: Workspace) -> None:
    _archive_changed(space)
    _leftover(space)
    _symlink_in_inbox(space)
    code, out = nsm("doctor", "-w", str(space.root), "--json")
    assert code == 1
    data = json.loads(out)
    assert data["healthy"] is False and data["errors"] == 1 and data["warnings"] == 2
    assert sorted(i["code"] for i in data["issues"]) == [
        "workspace-archive-changed",
        "workspace-inbox-not-regular",
        "workspace-leftover-temp",
    ]


def test_doctor_cannot_run_outside_a_workspace_or_during_a_run(
    space: Workspace, tmp_path: Path
) -> None:
    code, out = nsm("doctor", "-w", str(tmp_path / "nowhere"))
    assert code == 2 and "is not an nsm workspace" in out
    with workspace_lock(space.root, "validate"):
        code, out = nsm("doctor", "-w", str(space.root))
    assert code == 2 and "another nsm run is working in" in out
