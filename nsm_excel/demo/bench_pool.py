"""``make bench SECTIONS=pool``: intake with one reading process against one per core.

The same returns as the cycle section (:data:`nsm_excel.demo.bench.RETURNS` distinct valid
returns of the sample plan) are validated by ``validate_inbox`` with ``jobs=1`` and with
``jobs`` = the cores, each :data:`RUNS` times in turns on a fresh copy of the same workspace;
it prints each run, the median wall time and milliseconds per file of each, and their ratio.
"""

from __future__ import annotations

import datetime as dt
import shutil
import statistics
import time
from collections.abc import Iterator
from pathlib import Path

from nsm_excel.core.periods import period_or_raise
from nsm_excel.demo import filler
from nsm_excel.demo.sample_plan import sample_workspace
from nsm_excel.intake.reading.reader_pool import default_jobs
from nsm_excel.intake.run import validate_inbox
from nsm_excel.store.workspace import Workspace
from nsm_excel.template.generate import generate

RUNS = 3


def _clock() -> dt.datetime:
    return dt.datetime(2026, 7, 21, 9, 0, tzinfo=dt.UTC)


def filled_workspace(root: Path, count: int) -> Workspace:
    """The sample workspace with its templates issued and ``count`` filled returns in its inbox,
    as the cycle section makes them."""
    from nsm_excel.demo.bench import PERIOD, SUBMITTED  # bench.py lists this module's section

    space = sample_workspace(root, SUBMITTED, period_or_raise(PERIOD), dt.date(2026, 7, 31))
    templates = [root / line.file for line in generate(space).lines if line.file]
    for n in range(count):
        template = templates[n % len(templates)]
        data = filler.fill(template.read_bytes(), filler.Filling(seed=n, today=SUBMITTED))
        (space.inbox / f"{template.stem}_{n:03d}.xlsx").write_bytes(data)
    return space


def _validated(original: Workspace, root: Path, jobs: int) -> tuple[float, int]:
    """Seconds to validate a fresh copy of ``original``'s inbox with ``jobs``; accepted."""
    space = Workspace.open(Path(shutil.copytree(original.root, root)))
    started = time.perf_counter()
    result = validate_inbox(space, clock=_clock, jobs=jobs)
    seconds = time.perf_counter() - started
    shutil.rmtree(root)
    return seconds, result.count("accepted")


def pool_lines(folder: Path, count: int | None = None, runs: int = RUNS) -> Iterator[str]:
    """Validation of ``count`` returns (default: the cycle section's) with one reader and with
    one per core, the median of ``runs`` each."""
    from nsm_excel.demo.bench import RETURNS

    count = count or RETURNS
    original = filled_workspace(folder / "ws", count)
    cores = default_jobs()
    counts = sorted({1, cores})
    seconds: dict[int, list[float]] = {jobs: [] for jobs in counts}
    for run in range(runs):
        for jobs in counts:  # in turns, so that a busy moment weighs on both alike
            taken, accepted = _validated(original, folder / f"run-{run}-{jobs}", jobs)
            seconds[jobs].append(taken)
            yield f"run {run + 1}, jobs={jobs}: {taken:.2f} s ({accepted} of {count} accepted)"
    median = {jobs: statistics.median(values) for jobs, values in seconds.items()}
    for jobs in counts:
        yield (
            f"jobs={jobs:<2} median of {runs}: {median[jobs]:.2f} s"
            f" ({1000 * median[jobs] / count:.1f} ms per file)"
        )
    yield f"ratio jobs=1 / jobs={cores}:   {median[1] / median[cores]:.2f} ({cores} cores)"
