"""A damaged workspace (a file where a folder belongs, no plan, a broken nsm.toml) is a clear
message in every command: the path, what to do, exit code 2, never a traceback."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from nsm_excel.store.workspace import Workspace
from tests.recorded import copy_of, nsm, recorded_in
from tests.returns import drop, filled

COMMANDS = ("validate", "generate", "consolidate", "status", "check-plan", "backup")


@pytest.fixture(scope="module")
def recorded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return recorded_in(tmp_path_factory.mktemp("layout"), [("AIDA", 1, ("status-misspelled",))])


@pytest.fixture
def space(recorded: Path, tmp_path: Path) -> Workspace:
    return copy_of(recorded, tmp_path)


def _command(name: str, space: Workspace, tmp_path: Path) -> list[str]:
    extra = [str(tmp_path / "backup")] if name == "backup" else []
    return [name, *extra, "-w", str(space.root)]


def _replace_with_a_file(path: Path) -> None:
    if path.is_dir():
        shutil.rmtree(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("not a folder")


FOLDERS = ("archive", "outbox", "inbox", "templates", "backups", "outbox/2026-H1/feedback")


@pytest.mark.parametrize("folder", FOLDERS)
@pytest.mark.parametrize("command", COMMANDS)
def test_a_file_where_a_folder_belongs_is_named(
    space: Workspace, tmp_path: Path, folder: str, command: str
) -> None:
    drop(space, "MB_2026-H1.xlsx", filled(space, "MB"))
    _replace_with_a_file(space.root / folder)
    code, out = nsm(*_command(command, space, tmp_path))
    assert (code, "Traceback" in out) == (2, False), out
    assert f"Error: {space.root / folder} is a file, but nsm needs a folder there" in out
    assert "Rename or move the file" in out


@pytest.mark.parametrize(
    ("folder", "command"),
    [
        ("archive/2026-H1/MB", "validate"),
        ("outbox/2026-H1/feedback/earlier", "validate"),
        ("templates/xlsx/2026-H1/superseded", "generate"),
    ],
)
def test_a_file_deeper_in_the_layout_is_named_too(
    space: Workspace, tmp_path: Path, folder: str, command: str
) -> None:
    drop(space, "MB_2026-H1.xlsx", filled(space, "MB"))
    drop(space, "AIDA again.xlsx", filled(space, "AIDA", 2, ("missing-reporter",)))
    _replace_with_a_file(space.root / folder)
    args = _command(command, space, tmp_path) + (["--force"] if command == "generate" else [])
    code, out = nsm(*args)
    assert (code, "Traceback" in out) == (2, False), out
    assert f"{space.root / folder} is a file, but nsm needs a folder there" in out


@pytest.mark.parametrize("command", ["generate", "consolidate", "status", "check-plan"])
def test_a_missing_plan_is_named_with_what_to_do(
    space: Workspace, tmp_path: Path, command: str
) -> None:
    space.plan_path.unlink()
    code, out = nsm(*_command(command, space, tmp_path))
    assert (code, "Traceback" in out) == (2, False), out
    assert f"the plan {space.plan_path} is missing" in out and "[action_plan] file" in out


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize(
    ("breakage", "said"),
    [
        ("folder", "nsm.toml is a folder, but nsm needs a file there"),
        ("bytes", "nsm.toml: cannot be read"),
        ("toml", "nsm.toml: not valid TOML"),
        ("missing", "is not an nsm workspace (no nsm.toml)"),
    ],
)
def test_a_broken_configuration_is_named(
    space: Workspace, tmp_path: Path, command: str, breakage: str, said: str
) -> None:
    path = space.root / "nsm.toml"
    if breakage == "folder":
        path.unlink()
        path.mkdir()
    elif breakage == "bytes":
        path.write_bytes(b"\xff\xfe\x00garbage")
    elif breakage == "toml":
        path.write_text("[cycle\nperiod = ")
    else:
        path.unlink()
    code, out = nsm(*_command(command, space, tmp_path))
    assert (code, "Traceback" in out) == (2, False), out
    assert said in out


def test_a_lock_file_that_is_a_folder_is_named(space: Workspace) -> None:
    lock = space.root / ".nsm.lock"
    lock.unlink(missing_ok=True)
    lock.mkdir()
    code, out = nsm("validate", "-w", str(space.root))
    assert (code, "Traceback" in out) == (2, False), out
    assert f"{lock} is a folder, but nsm needs a file there" in out
