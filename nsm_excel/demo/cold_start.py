"""The cold start of the commands that should answer at once, for ``make bench``.

Each command runs as a fresh process, as a clerk types it, on the demo workspace; the figure
is the median wall time of several runs. Printed, never asserted.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

RUNS = 7


def commands(root: Path) -> dict[str, list[str]]:
    """The commands timed, by how they are typed, with their arguments."""
    workspace = ["-w", str(root)]
    return {
        "nsm --help": ["--help"],
        "nsm status": ["status", *workspace],
        "nsm codes": ["codes"],
        "nsm log": ["log", *workspace],
    }


def wall_seconds(args: list[str], runs: int = RUNS) -> float:
    """The median wall time of ``nsm ARGS`` as a fresh process (``python -m nsm_excel``), with
    the package's bytecode kept as an installed copy keeps it (a first run writes it)."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    command = [sys.executable, "-m", "nsm_excel", *args]
    subprocess.run(command, capture_output=True, env=env)
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(command, capture_output=True, env=env)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def lines(root: Path, runs: int = RUNS) -> list[str]:
    """One line per command: its median cold-start wall time on the workspace at ``root``."""
    found = [(name, wall_seconds(args, runs)) for name, args in commands(root).items()]
    return [
        f"cold start {name + ':':14} {seconds:.2f} s (median of {runs})" for name, seconds in found
    ]
