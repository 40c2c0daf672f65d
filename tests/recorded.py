"""Workspaces with returns already recorded, built once per test module and copied per test;
and the ``nsm`` command run in-process."""

from __future__ import annotations

import shutil
from collections.abc import Sequence
from pathlib import Path

from click.testing import CliRunner

from nsm_excel.cli.app import main
from nsm_excel.store.workspace import Workspace
from nsm_excel.template.generate import generate
from tests.conftest import make_workspace
from tests.returns import drop, filled, run

Sent = tuple[str, int, tuple[str, ...]]  # institution, filler seed, mistakes
ONE_ACCEPTED_ONE_REJECTED: tuple[Sent, ...] = (("MB", 1, ()), ("AIDA", 1, ("status-misspelled",)))


def nsm(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def recorded_in(folder: Path, *rounds: Sequence[Sent]) -> Path:
    """A workspace in ``folder`` with its templates issued and each round of returns validated."""
    space = make_workspace(folder / "ws")
    generate(space)
    for sent in rounds:
        for code, seed, mistakes in sent:
            drop(space, f"{code}_2026-H1.xlsx", filled(space, code, seed, mistakes))
        run(space)
    return space.root


def copy_of(recorded: Path, tmp_path: Path) -> Workspace:
    shutil.copytree(recorded, tmp_path / "ws")
    return Workspace.open(tmp_path / "ws")
