"""A workspace on a network share: every command that opens the records stops with what to do,
`nsm doctor` reports it, and ``[workspace] network_ok = true`` lets the secretariat go on."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from nsm_excel.core.errors import ConfigError, WorkspaceError
from nsm_excel.store import config, filesystem
from nsm_excel.store.workspace import Workspace
from tests.conftest import make_workspace
from tests.recorded import nsm


@pytest.fixture
def shared(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Workspace:
    """A workspace in a folder the mount table says is an SMB share."""
    space = make_workspace(tmp_path / "ws")
    table = (
        "27 1 254:0 / / rw,relatime - ext4 /dev/sda1 rw\n"
        f"42 27 0:45 / {tmp_path.resolve()} rw,relatime - cifs //server/nsm rw,vers=3.1.1\n"
    )
    monkeypatch.setattr(filesystem.sys, "platform", "linux")
    monkeypatch.setattr(filesystem, "_linux_table", lambda: table)
    return space


def _accept_the_risk(space: Workspace) -> None:
    path = space.root / config.CONFIG_NAME
    text = path.read_text(encoding="utf-8")
    assert "network_ok = false" in text
    path.write_text(text.replace("network_ok = false", "network_ok = true"), encoding="utf-8")


@pytest.mark.parametrize(
    "command",
    [["check-plan"], ["generate"], ["validate"], ["consolidate"], ["status"], ["backup", "B"]],
)
def test_every_command_that_opens_the_records_stops_and_says_what_to_do(
    shared: Workspace, command: list[str]
) -> None:
    args = [str(shared.root.parent / a) if a == "B" else a for a in command]
    records = (shared.root / "nsm.sqlite").read_bytes()  # as init made them
    copies = sorted((shared.root / "backups").iterdir())
    code, out = nsm(*args, "-w", str(shared.root))
    assert code == 2, out
    where = shared.root.parent.resolve()
    assert out.startswith(f"Error: The workspace is on a network file system (cifs: {where})")
    assert "Keep the workspace on a local disk and share only its outbox/ folder" in out
    assert "set network_ok = true under [workspace] in nsm.toml" in out
    assert "Traceback" not in out
    assert (shared.root / "nsm.sqlite").read_bytes() == records  # no records were opened
    assert sorted((shared.root / "backups").iterdir()) == copies


def test_network_ok_lets_the_commands_run(shared: Workspace) -> None:
    _accept_the_risk(shared)
    code, out = nsm("generate", "-w", str(shared.root))
    assert code == 0, out
    assert Workspace.open(shared.root).config.network_ok


def test_the_library_stops_the_same_way(shared: Workspace) -> None:
    with pytest.raises(WorkspaceError, match=r"network file system \(cifs: /"):
        Workspace.open(shared.root)


def test_doctor_reports_it_in_both_languages(shared: Workspace) -> None:
    code, out = nsm("doctor", "-w", str(shared.root))
    assert code == 1, out
    assert "ERROR   workspace-on-network" in out and "local disk" in out
    code, out = nsm("doctor", "-w", str(shared.root), "--lang", "sq")
    assert code == 1 and "disk lokal" in out and "network_ok = true" in out
    code, out = nsm("doctor", "-w", str(shared.root), "--json")
    issue = json.loads(out)["issues"][0]
    assert (issue["code"], issue["severity"]) == ("workspace-on-network", "error")
    assert issue["message_sq"].startswith("Hapësira e punës është në një sistem skedarësh në rrjet")


def test_doctor_accepts_it_with_network_ok(shared: Workspace) -> None:
    _accept_the_risk(shared)
    code, out = nsm("doctor", "-w", str(shared.root))
    assert code == 0, out
    assert "workspace-on-network" not in out


def test_a_system_that_cannot_say_stops_nothing(
    shared: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_proc() -> str:
        raise OSError("no /proc")

    monkeypatch.setattr(filesystem, "_linux_table", no_proc)
    code, out = nsm("generate", "-w", str(shared.root))
    assert code == 0, out


def test_network_ok_is_written_by_init_and_read_back(tmp_path: Path) -> None:
    settings = make_workspace(tmp_path / "ws").config
    path = tmp_path / "nsm.toml"
    path.write_text(config.render(replace(settings, network_ok=True)), encoding="utf-8")
    assert config.load(path) == replace(settings, network_ok=True)
    older = config.render(settings).split("[workspace]")[0]  # written before the setting
    path.write_text(older, encoding="utf-8")
    assert config.load(path).network_ok is False


@pytest.mark.parametrize(
    ("table", "expected"),
    [
        ('[workspace]\nnetwork_ok = "yes"\n', "[workspace] network_ok must be true or false"),
        ("workspace = 3\n", "[workspace] must be a table"),
    ],
)
def test_a_wrong_network_ok_names_the_key(tmp_path: Path, table: str, expected: str) -> None:
    settings = make_workspace(tmp_path / "ws").config
    path = tmp_path / "nsm.toml"
    path.write_text(table + config.render(settings).split("[workspace]")[0], encoding="utf-8")
    with pytest.raises(ConfigError, match=expected.replace("[", r"\[")):
        config.load(path)
