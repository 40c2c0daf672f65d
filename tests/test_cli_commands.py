"""The command line is a group of short adapters, one module per kind of command."""

from __future__ import annotations

import inspect

import click

from nsm_excel.cli import main
from nsm_excel.cli.app import COMMANDS

SHORT = 30  # lines an adapter may take from its `def`, docstring and printing included


def _commands() -> dict[str, click.Command]:
    assert isinstance(main, click.Group)
    return dict(main.commands)


def test_every_command_is_registered_and_explains_itself() -> None:
    commands = _commands()
    expected = {"init", "check-plan", "codes", "generate", "validate", "consolidate"}
    expected |= {"status", "period", "demo", "doctor", "backup", "restore", "plan"}
    expected |= {"review", "export", "decide"}
    expected |= {"watch"}
    expected |= {"log", "show"}
    expected |= {"send", "remind"}
    assert set(commands) == expected
    assert all((command.help or "").strip() for command in commands.values())


def test_each_command_lives_in_a_command_module_and_stays_short() -> None:
    homes = {module.__name__ for module in COMMANDS}
    for name, command in _commands().items():
        callback = command.callback
        assert callback is not None
        assert callback.__module__ in homes, name
        source = inspect.getsource(callback).splitlines()
        lines = len(source) - next(i for i, line in enumerate(source) if line.startswith("def "))
        assert lines <= SHORT, f"{name} takes {lines} lines"
