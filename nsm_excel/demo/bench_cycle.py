"""``make bench SECTIONS=cycle``: the cycle of the sample plan, and the returns other sections use.

The templates of the sample plan are generated; 200 distinct valid returns are filled from them
(:func:`bench_returns`). Then: python-calamine reading those files cell by cell (the floor of
a reader), the byte checks and streaming read alone, intake of all 200 (checks, feedback,
archive, ledger) with one reading process and with one per core, its wall time and the CPU time
of all its processes (what it costs as one process), each against calamine's read, and the
consolidation of the accepted returns. Each figure is the median of :data:`RUNS` runs, each
on a fresh copy of one workspace.
"""

from __future__ import annotations

import datetime as dt
import shutil
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from python_calamine import CalamineWorkbook

from nsm_excel.core.periods import period_or_raise
from nsm_excel.demo import filler
from nsm_excel.demo.sample_plan import sample_workspace
from nsm_excel.intake.reading import reader_process
from nsm_excel.intake.reading import safety as package_safety
from nsm_excel.intake.reading.reader_pool import default_jobs
from nsm_excel.intake.results import IntakeResult
from nsm_excel.intake.run import validate_inbox
from nsm_excel.outputs.reports import ReportResult, build_reports
from nsm_excel.store.workspace import Workspace
from nsm_excel.template.generate import generate

RETURNS = 200
PERIOD = "2026-H1"
SUBMITTED = dt.date(2026, 7, 20)
RUNS = 3  # each figure is the median of this many runs


def read_cell_by_cell(paths: list[Path]) -> int:
    """Every cell of every sheet, as python-calamine reads them; the number of cells."""
    cells = 0
    for path in paths:
        book = CalamineWorkbook.from_path(str(path))
        for name in book.sheet_names:
            for row in book.get_sheet_by_name(name).to_python():
                for _ in row:
                    cells += 1
    return cells


def judge_in_process(paths: list[Path]) -> None:
    """The byte checks and the streaming read of each file, as the reading process does them."""
    limits = package_safety.Limits()
    for path in paths:
        reader_process.judge(path.read_bytes(), path.name, limits)


def median_seconds(run: Callable[[int], object], runs: int = RUNS) -> float:
    """The median wall time of ``run(n)`` for n in 0..runs-1."""
    times = []
    for n in range(runs):
        started = time.perf_counter()
        run(n)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def bench_returns(folder: Path, count: int = RETURNS) -> tuple[Workspace, list[Path]]:
    """A workspace with its templates issued and ``count`` distinct valid returns filled from
    them, kept in ``folder/returns`` (the inbox is left empty)."""
    space = sample_workspace(
        folder / "ws", SUBMITTED, period_or_raise(PERIOD), dt.date(2026, 7, 31)
    )
    issued = generate(space)
    templates = [space.root / line.file for line in issued.lines if line.file]
    keep = folder / "returns"
    keep.mkdir()
    for n in range(count):
        template = templates[n % len(templates)]
        data = filler.fill(template.read_bytes(), filler.Filling(seed=n, today=SUBMITTED))
        (keep / f"{template.stem}_{n:03d}.xlsx").write_bytes(data)
    return space, sorted(keep.iterdir())


def with_inbox(space: Workspace, returns: list[Path], root: Path) -> Workspace:
    """A copy of ``space`` at ``root`` with ``returns`` in its inbox."""
    shutil.copytree(space.root, root)
    copy = Workspace.open(root)
    for path in returns:
        shutil.copyfile(path, copy.inbox / path.name)
    return copy


def cpu_seconds() -> float:
    """CPU seconds of this process and of its ended children (the reading processes), where
    the system tells (not on Windows): what intake costs in one process, whatever the cores."""
    if sys.platform == "win32":
        return 0.0
    import resource

    own, children = (
        resource.getrusage(resource.RUSAGE_SELF),
        resource.getrusage(resource.RUSAGE_CHILDREN),
    )
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def cycle_lines(folder: Path, count: int = RETURNS) -> Iterator[str]:
    """Generate, intake of ``count`` returns against calamine's read, and consolidation; each
    figure the median of :data:`RUNS` runs."""
    spaces = [
        sample_workspace(
            folder / f"gen{n}", SUBMITTED, period_or_raise(PERIOD), dt.date(2026, 7, 31)
        )
        for n in range(RUNS)
    ]
    issued = []
    made = median_seconds(lambda n: issued.append(generate(spaces[n])))
    templates = sum(1 for line in issued[-1].lines if line.file)
    space, returns = bench_returns(folder, count)
    yield f"templates generated:        {templates} in {made:.2f} s (median of {RUNS})"
    cells = read_cell_by_cell(returns)
    read = median_seconds(lambda n: read_cell_by_cell(returns))
    yield (
        f"calamine cell-by-cell read: {count} files, {cells} cells in {read:.2f} s"
        f" ({1000 * read / count:.1f} ms per file)"
    )
    judged = median_seconds(lambda n: judge_in_process(returns))
    yield (
        f"byte checks + streaming read: {count} files in {judged:.2f} s"
        f" ({1000 * judged / count:.1f} ms per file, in one process)"
    )
    results: list[IntakeResult] = []
    for jobs in sorted({1, default_jobs()}):
        yield from _intake_lines(space, returns, folder, jobs, read, results)
    space_runs = [with_inbox(space, returns, folder / f"report{n}") for n in range(RUNS)]
    for copy in space_runs:
        validate_inbox(copy, clock=_clock)
    reports: list[ReportResult] = []
    reported = median_seconds(lambda n: reports.append(build_reports(space_runs[n])))
    current = reports[-1].figures.overview.accepted
    yield (
        f"consolidation:              master workbook and report ({current} current returns)"
        f" in {reported:.2f} s"
    )
    if any(r.count("accepted") != count for r in results):
        print("warning: not every bench return was accepted:", file=sys.stderr)
        for item in results[-1].files:
            if item.status != "accepted":
                print(f"  {item.file}: {[i.code for i in item.issues][:5]}", file=sys.stderr)


def _intake_lines(
    space: Workspace,
    returns: list[Path],
    folder: Path,
    jobs: int,
    read: float,
    results: list[IntakeResult],
) -> Iterator[str]:
    """Intake of ``returns`` with ``jobs`` reading processes: its wall time and CPU time."""
    runs = [with_inbox(space, returns, folder / f"run{jobs}-{n}") for n in range(RUNS)]
    cpu: list[float] = []

    def validate(n: int) -> None:
        before = cpu_seconds()
        results.append(validate_inbox(runs[n], clock=_clock, jobs=jobs))
        cpu.append(cpu_seconds() - before)

    wall = median_seconds(validate)
    count = len(returns)
    yield (
        f"returns validated, jobs={jobs}:  {count} ({results[-1].count('accepted')} accepted)"
        f" in {wall:.2f} s wall ({1000 * wall / count:.1f} ms per file),"
        f" {statistics.median(cpu):.2f} s CPU in all processes"
    )
    yield f"  ratio wall / calamine read: {wall / read:.1f} (target: at most 3)"
    if jobs == 1 and cpu[0]:
        yield (
            f"  ratio CPU / calamine read:  {statistics.median(cpu) / read:.1f}"
            " (the cost of intake as one process)"
        )


def _clock() -> dt.datetime:
    return dt.datetime(2026, 7, 21, 9, 0, tzinfo=dt.UTC)
