"""``make bench``: figures on speed, printed, never asserted.

Sections (:data:`SECTIONS`), each in its own folder of one temporary folder, so that a
workspace one section builds can be copied by the next; ``make bench SECTIONS="a b"`` runs
only those. Each figure is the median of several runs:

- ``cold-start``: ``nsm --help``, ``status``, ``codes`` and ``log`` as fresh processes
  (:mod:`nsm_excel.demo.cold_start`);
- ``cycle``: the templates of the sample plan, intake of 200 distinct valid returns against
  python-calamine reading the same files cell by cell, and their consolidation;
- ``scale``: intake into a workspace of 5,000 records against one of 200
  (:mod:`nsm_excel.demo.bench_scale`);
- ``consolidate``: one period, the whole history and the data package of the 5,000 records,
  each against its floor (:mod:`nsm_excel.demo.bench_consolidate`).
"""

from __future__ import annotations

import datetime as dt
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path

from python_calamine import CalamineWorkbook

from nsm_excel.core.periods import period_or_raise
from nsm_excel.demo import bench_consolidate, bench_scale, cold_start, filler
from nsm_excel.demo.run import run_demo
from nsm_excel.demo.sample_plan import sample_workspace
from nsm_excel.intake.reading import reader_process
from nsm_excel.intake.reading import safety as package_safety
from nsm_excel.intake.run import validate_inbox
from nsm_excel.outputs.reports import build_reports
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


def cold_start_lines(folder: Path) -> Iterator[str]:
    """The cold start of the commands that answer at once, on a demo workspace."""
    demo = folder / "demo"
    run_demo(demo)
    yield from cold_start.lines(demo)


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
    runs = [with_inbox(space, returns, folder / f"run{n}") for n in range(RUNS)]
    results = []
    clock = lambda: dt.datetime(2026, 7, 21, 9, 0, tzinfo=dt.UTC)  # noqa: E731
    validated = median_seconds(lambda n: results.append(validate_inbox(runs[n], clock=clock)))
    accepted = results[-1].count("accepted")
    yield (
        f"returns validated:          {count} ({accepted} accepted) in {validated:.2f} s"
        f" ({1000 * validated / count:.1f} ms per file)"
    )
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
    yield f"ratio validate / read:      {validated / read:.1f} (target: at most 3)"
    reports = []
    reported = median_seconds(lambda n: reports.append(build_reports(runs[n])))
    current = reports[-1].figures.overview.accepted
    yield (
        f"consolidation:              master workbook and report ({current} current returns"
        f" of {accepted} accepted) in {reported:.2f} s"
    )
    if accepted != count:
        print("warning: not every bench return was accepted:", file=sys.stderr)
        for item in results[-1].files:
            if item.status != "accepted":
                print(f"  {item.file}: {[i.code for i in item.issues][:5]}", file=sys.stderr)


# Each section prints its own figures; ``python -m nsm_excel.demo.bench NAME ...`` runs some.
SECTIONS: dict[str, Callable[[Path], Iterable[str]]] = {
    "cold-start": cold_start_lines,
    "cycle": cycle_lines,
    "scale": bench_scale.lines,
    "consolidate": bench_consolidate.lines,
}


def main(names: Sequence[str] = ()) -> int:
    unknown = [n for n in names if n not in SECTIONS]
    if unknown:
        print(f"unknown section {unknown[0]!r}; sections: {', '.join(SECTIONS)}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="nsm-bench-") as top:  # sections may share builds
        for name in names or list(SECTIONS):
            print(f"[{name}]", flush=True)
            (Path(top) / name).mkdir()
            for line in SECTIONS[name](Path(top) / name):
                print(line, flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
