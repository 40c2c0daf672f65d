"""The nsm command end to end in a temporary workspace, as a user runs it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click
import pytest
from click.testing import CliRunner

from nsm_excel.cli.app import main
from nsm_excel.demo.sample_plan import plan_bytes
from nsm_excel.plan import loader as plan_loader
from tests.conftest import small_plan


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def test_init_check_generate_on_the_sample(tmp_path: Path) -> None:
    ws = tmp_path / "ws"
    code, out = run("init", str(ws), "--period", "2026-H1", "--deadline", "2026-12-31")
    assert code == 0, out
    assert "created nsm.toml" in out and "created action_plan.xlsx" in out
    for folder in ("templates/xlsx", "inbox", "outbox"):
        assert (ws / folder).is_dir()
    config = (ws / "nsm.toml").read_text(encoding="utf-8")
    assert 'periods = ["H1", "year"]' in config and "[cycle]" not in config
    assert "Period 2026-H1 open, deadline 2026-12-31" in out
    code, out = run("check-plan", "-w", str(ws))
    assert code == 0, out
    assert "95 indicators, 0 errors, 0 warnings: the plan is usable" in out
    code, out = run("generate", "-w", str(ws))
    assert code == 0, out
    assert "18 templates written" in out
    assert f"Templates: {(ws / 'templates/xlsx/2026-H1').resolve()}" in out
    assert len(list((ws / "templates/xlsx/2026-H1").glob("*.xlsx"))) == 18
    code, out = run("generate", "-w", str(ws))
    assert code == 0 and "0 templates written, 18 kept" in out


def test_init_refuses_an_existing_workspace(tmp_path: Path) -> None:
    assert run("init", str(tmp_path))[0] == 0
    before = (tmp_path / "nsm.toml").read_bytes()
    code, out = run("init", str(tmp_path))
    assert code == 2 and "already a workspace" in out
    assert (tmp_path / "nsm.toml").read_bytes() == before


def test_init_keeps_a_plan_already_there(tmp_path: Path) -> None:
    (tmp_path / "action_plan.xlsx").write_bytes(plan_bytes(small_plan()))
    code, out = run("init", str(tmp_path))
    assert code == 0 and "kept    action_plan.xlsx" in out
    assert (tmp_path / "action_plan.xlsx").read_bytes() == plan_bytes(small_plan())


@pytest.mark.parametrize("command", ["check-plan", "generate"])
def test_commands_outside_a_workspace_fail_clearly(tmp_path: Path, command: str) -> None:
    code, out = run(command, "-w", str(tmp_path))
    assert code == 2
    assert "is not an nsm workspace (no nsm.toml)" in out and "nsm init" in out
    assert "Traceback" not in out


def test_check_plan_exits_1_and_names_cells(tmp_path: Path) -> None:
    run("init", str(tmp_path))
    rows = small_plan()
    rows["Measures"][0]["lead"] = "NOPE"
    (tmp_path / "action_plan.xlsx").write_bytes(plan_bytes(rows))
    code, out = run("check-plan", "-w", str(tmp_path))
    assert code == 1
    assert "plan-unknown-institution" in out and "Sheet Measures, cell " in out
    code, out = run("check-plan", "-w", str(tmp_path), "--lang", "sq")
    assert "Fleta Measures, qeliza " in out
    code, out = run("generate", "-w", str(tmp_path))
    assert code == 1 and "no template was generated" in out


def test_check_plan_json_equals_the_library_result(tmp_path: Path) -> None:
    run("init", str(tmp_path))
    code, out = run("check-plan", "-w", str(tmp_path), "--json")
    assert code == 0
    expected = plan_loader.load_plan(tmp_path / "action_plan.xlsx", (2024, 2025, 2026)).to_dict()
    assert json.loads(out) == json.loads(json.dumps(expected, default=str))


def test_generate_json_and_institution_filter(tmp_path: Path) -> None:
    run("init", str(tmp_path))
    code, out = run("generate", "-w", str(tmp_path), "-i", "MB", "-i", "dkm", "--json")
    assert code == 0
    data = json.loads(out)
    assert [line["institution"] for line in data["lines"]] == ["MB", "DKM"]
    assert data["folder"] == "templates/xlsx/" + data["period"]
    code, out = run("generate", "-w", str(tmp_path), "-i", "XYZ")
    assert code == 2 and "XYZ" in out


def test_a_bad_period_is_a_usage_error(tmp_path: Path) -> None:
    run("init", str(tmp_path))
    code, out = run("generate", "-w", str(tmp_path), "--period", "2025-H3")
    assert code == 2 and "not a period" in out


def test_a_broken_configuration_names_the_key(tmp_path: Path) -> None:
    run("init", str(tmp_path))
    config = tmp_path / "nsm.toml"
    config.write_text(config.read_text().replace("deadline_days = 30", "deadline_days = -3"))
    code, out = run("check-plan", "-w", str(tmp_path))
    assert code == 2 and "[calendar] deadline_days" in out


def _commands(group: click.Group) -> list[click.Command]:
    return list(group.commands.values())


def test_every_command_has_help_and_is_in_the_readme() -> None:
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    for command in _commands(main):
        assert command.help, command.name
        assert f"nsm {command.name}" in readme, command.name


def _validated_workspace(tmp_path: Path, mistakes: tuple[str, ...] = ()) -> Path:
    from nsm_excel.demo import filler
    from nsm_excel.template.generate import generate
    from tests.conftest import make_workspace
    from tests.returns import TODAY

    space = make_workspace(tmp_path / "ws")
    generate(space)
    template = space.template_path("MB", space.current_period()).read_bytes()
    data = filler.fill(template, filler.Filling(1, TODAY, mistakes=mistakes))
    (space.inbox / "MB_2026-H1.xlsx").write_bytes(data)
    return space.root


def test_validate_exits_0_when_all_accepted(tmp_path: Path) -> None:
    root = _validated_workspace(tmp_path)
    code, out = run("validate", "-w", str(root))
    assert code == 0, out
    assert "MB_2026-H1.xlsx" in out and "accepted" in out
    assert "1 accepted, 0 rejected" in out
    code, out = run("validate", "-w", str(root))
    assert code == 0 and "is empty: nothing to validate" in out


def test_validate_exits_1_on_a_rejection_and_names_the_feedback(tmp_path: Path) -> None:
    root = _validated_workspace(tmp_path, ("status-misspelled",))
    code, out = run("validate", "-w", str(root), "--details", "--lang", "sq")
    assert code == 1
    assert "refuzuar" in out and "return-bad-status" in out and "Fleta Measures" in out
    assert "vërejtjet: outbox/2026-H1/feedback/MB_2026-H1_feedback.xlsx" in out
    assert "rejected" not in out and "feedback:" not in out


def test_validate_json_equals_the_library_result(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import nsm_excel.intake.run as cli  # the command imports it when it runs

    root = _validated_workspace(tmp_path, ("missing-reporter",))
    seen: list[Any] = []
    real = cli.validate_inbox

    def spy(*args: Any, **kwargs: Any) -> Any:
        seen.append(real(*args, **kwargs))
        return seen[-1]

    monkeypatch.setattr(cli, "validate_inbox", spy)
    code, out = run("validate", "-w", str(root), "--json")
    assert code == 1
    assert json.loads(out) == json.loads(json.dumps(seen[0].to_dict()))
    assert json.loads(out)["files"][0]["issues"][0]["code"] == "return-required"
