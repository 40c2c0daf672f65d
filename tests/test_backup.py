"""nsm backup DIR and nsm restore DIR: a round trip to another folder and back, the manifest,
and every refusal that keeps a file from being overwritten silently."""

from __future__ import annotations

import contextlib
import hashlib
import json
import sqlite3
from pathlib import Path

import pytest

from nsm_excel.store.doctor import examine
from nsm_excel.store.workspace import Workspace
from nsm_excel.template.generate import generate
from tests.conftest import make_workspace
from tests.recorded import ONE_ACCEPTED_ONE_REJECTED, copy_of, nsm, recorded_in
from tests.returns import drop, filled, run


@pytest.fixture(scope="module")
def recorded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return recorded_in(tmp_path_factory.mktemp("backup"), ONE_ACCEPTED_ONE_REJECTED)


@pytest.fixture
def space(recorded: Path, tmp_path: Path) -> Workspace:
    return copy_of(recorded, tmp_path)


def _kept(root: Path) -> dict[str, bytes]:
    """The files a backup keeps: all but the inbox, the automatic copies, the lock."""
    kept = ("archive", "templates", "outbox", "plans", "nsm.toml", "action_plan.xlsx")
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and p.relative_to(root).parts[0] in kept
    }


def _rows(path: Path) -> dict[str, list[tuple[object, ...]]]:
    with contextlib.closing(sqlite3.connect(path)) as db:
        return {
            table: db.execute(f"SELECT * FROM {table} ORDER BY rowid").fetchall()
            for table in ("received", "issued_templates", "sightings")
        }


def test_backup_then_restore_into_a_new_folder_gives_the_workspace_back(
    space: Workspace, tmp_path: Path
) -> None:
    target = tmp_path / "usb" / "nsm-backup"
    code, out = nsm("backup", str(target), "-w", str(space.root))
    assert code == 0, out
    assert out.startswith(f"Backup in {target}: ")
    manifest = json.loads((target / "manifest.json").read_text(encoding="utf-8"))
    kept = _kept(space.root)
    assert set(manifest["files"]) == set(kept) | {"nsm.sqlite"}
    for name, entry in manifest["files"].items():
        data = (target / name).read_bytes()
        assert (entry["sha256"], entry["size"]) == (hashlib.sha256(data).hexdigest(), len(data))
    new = tmp_path / "new-machine" / "ws"
    code, out = nsm("restore", str(target), "-w", str(new))
    assert code == 0, out
    assert _kept(new) == kept and _rows(new / "nsm.sqlite") == _rows(space.database)
    assert examine(new).healthy
    restored = Workspace.open(new)
    assert restored.config == space.config
    code, out = nsm("restore", str(target), "-w", str(new))
    assert code == 0 and "0 files" in out  # all there already: nothing to do


def test_backup_refuses_a_folder_that_holds_something_else(
    space: Workspace, tmp_path: Path
) -> None:
    target = tmp_path / "photos"
    target.mkdir()
    (target / "holiday.jpg").write_bytes(b"jpeg")
    code, out = nsm("backup", str(target), "-w", str(space.root))
    assert code == 2 and "is not empty and holds no nsm backup; nothing was written" in out
    assert [p.name for p in target.iterdir()] == ["holiday.jpg"]
    code, out = nsm("backup", str(space.root / "outbox" / "copy"), "-w", str(space.root))
    assert code == 2 and "inside the workspace" in out


def test_an_earlier_backup_is_brought_up_to_date_only_when_asked(
    space: Workspace, tmp_path: Path
) -> None:
    target = tmp_path / "backup"
    assert nsm("backup", str(target), "-w", str(space.root))[0] == 0
    before = (target / "manifest.json").read_bytes()
    drop(space, "AKPA_2026-H1.xlsx", filled(space, "AKPA"))
    run(space)
    feedback = space.outbox / "2026-H1" / "feedback" / "AIDA_2026-H1_feedback.xlsx"
    moved = space.root / "feedback-elsewhere.xlsx"
    feedback.rename(moved)
    code, out = nsm("backup", str(target), "-w", str(space.root))
    assert code == 2 and "already holds a backup of this workspace" in out and "--replace" in out
    assert (target / "manifest.json").read_bytes() == before
    code, out = nsm("backup", str(target), "-w", str(space.root), "--replace", "--json")
    assert code == 0, out
    result = json.loads(out)
    assert result["copied"] == 2  # the records and AKPA's archive copy; the rest unchanged
    assert result["removed"] == ["outbox/2026-H1/feedback/AIDA_2026-H1_feedback.xlsx"]
    assert result["replaced"] == json.loads(before)["created_at"]
    assert not (target / "outbox/2026-H1/feedback/AIDA_2026-H1_feedback.xlsx").exists()
    moved.rename(feedback)


def test_a_backup_of_other_records_is_never_replaced(space: Workspace, tmp_path: Path) -> None:
    other = make_workspace(tmp_path / "other")
    generate(other)
    target = tmp_path / "backup"
    assert nsm("backup", str(target), "-w", str(other.root))[0] == 0
    before = sorted(p.relative_to(target) for p in target.rglob("*"))
    code, out = nsm("backup", str(target), "-w", str(space.root), "--replace")
    assert code == 2 and "holds a backup of other records" in out
    assert sorted(p.relative_to(target) for p in target.rglob("*")) == before


def test_an_archive_copy_that_changed_stops_the_backup(space: Workspace, tmp_path: Path) -> None:
    copy = next((space.root / "archive" / "2026-H1" / "MB").iterdir())
    copy.write_bytes(copy.read_bytes()[:-1])
    code, out = nsm("backup", str(tmp_path / "backup"), "-w", str(space.root))
    assert code == 2 and f"{copy} is not the file its record names" in out
    assert "nsm doctor" in out and not (tmp_path / "backup").exists()


def test_a_damaged_archive_never_spoils_an_earlier_backup(space: Workspace, tmp_path: Path) -> None:
    target = tmp_path / "backup"
    assert nsm("backup", str(target), "-w", str(space.root))[0] == 0
    before = {p: p.read_bytes() for p in sorted(target.rglob("*")) if p.is_file()}
    copy = next((space.root / "archive" / "2026-H1" / "MB").iterdir())
    copy.write_bytes(b"a disk error")
    code, out = nsm("backup", str(target), "-w", str(space.root), "--replace")
    assert code == 2 and "is not the file its record names" in out
    assert {p: p.read_bytes() for p in sorted(target.rglob("*")) if p.is_file()} == before


@pytest.mark.parametrize("hurt", ["changed", "missing", "outside"])
def test_a_damaged_backup_is_refused_and_nothing_restored(
    space: Workspace, tmp_path: Path, hurt: str
) -> None:
    target = tmp_path / "backup"
    assert nsm("backup", str(target), "-w", str(space.root))[0] == 0
    plan = target / "action_plan.xlsx"
    if hurt == "changed":
        plan.write_bytes(plan.read_bytes() + b"x")
    elif hurt == "missing":
        plan.unlink()
    else:
        manifest = json.loads((target / "manifest.json").read_text())
        manifest["files"]["../../escape.txt"] = manifest["files"].pop("action_plan.xlsx")
        (target / "manifest.json").write_text(json.dumps(manifest))
    new = tmp_path / "new"
    code, out = nsm("restore", str(target), "-w", str(new))
    assert code == 2 and "Traceback" not in out
    assert "Nothing was restored" in out or "outside the backup" in out
    assert not new.exists()


def test_restore_keeps_newer_records_unless_forced_and_keeps_what_it_replaces(
    space: Workspace, tmp_path: Path
) -> None:
    target = tmp_path / "backup"
    assert nsm("backup", str(target), "-w", str(space.root))[0] == 0
    drop(space, "AKPA_2026-H1.xlsx", filled(space, "AKPA"))
    run(space)
    newer = space.database.read_bytes()
    config = space.root / "nsm.toml"
    config.write_text(config.read_text().replace("secret-pass", "changed-pass"))
    code, out = nsm("restore", str(target), "-w", str(space.root))
    assert code == 2
    assert "hold 1 received file and 0 issued templates that" in out and "--force" in out
    assert space.database.read_bytes() == newer
    code, out = nsm("restore", str(target), "-w", str(space.root), "--force", "--json")
    assert code == 0, out
    result = json.loads(out)
    assert result["restored"] == ["nsm.toml", "nsm.sqlite"]
    aside = space.root / result["kept_aside"]
    assert (aside / "nsm.sqlite").read_bytes() == newer
    assert "changed-pass" in (aside / "nsm.toml").read_text()
    assert _rows(space.database) == _rows(target / "nsm.sqlite")
    assert [Path(p).parent.name for p in result["unrecorded"]] == ["AKPA"]


def test_a_records_file_alone_needs_a_workspace(space: Workspace, tmp_path: Path) -> None:
    copy = next((space.root / "backups").glob("nsm-*.sqlite"))
    code, out = nsm("restore", str(copy), "-w", str(tmp_path / "empty"))
    assert code == 2 and "a records file alone cannot make one" in out
    code, out = nsm("restore", str(space.inbox), "-w", str(space.root))
    assert code == 2 and "is not a complete nsm backup" in out


def test_a_copy_that_is_not_records_is_refused(space: Workspace, tmp_path: Path) -> None:
    fake = tmp_path / "nsm-fake.sqlite"
    fake.write_bytes(b"SQLite format 3\x00" + bytes(200))
    before = space.database.read_bytes()
    code, out = nsm("restore", str(fake), "-w", str(space.root))
    assert code == 2 and "Nothing was restored; choose another copy" in out
    assert space.database.read_bytes() == before
