"""``make bench``: figures on speed, printed, never asserted.

Sections (:data:`SECTIONS`, each in a fresh folder; name some to run only those). First the
cold start of ``nsm --help``, ``nsm status``, ``nsm codes`` and ``nsm log`` on the demo
workspace (:mod:`nsm_excel.demo.cold_start`). Then the cycle: it builds a workspace from the sample
plan, generates the templates, fills 200 distinct valid returns, then prints: seconds to
generate, seconds for ``nsm validate`` to take all 200 through intake (checks, archive,
ledger), seconds for python-calamine to read the same files cell by cell, the ratio of the
two, and seconds to consolidate the accepted returns into the master workbook and the summary
report.
"""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path

from python_calamine import CalamineWorkbook

from nsm_excel.core.periods import period_or_raise
from nsm_excel.demo import cold_start, filler
from nsm_excel.demo.bench_generate import generate_lines
from nsm_excel.demo.bench_naive import naive_lines
from nsm_excel.demo.run import run_demo
from nsm_excel.demo.sample_plan import sample_workspace
from nsm_excel.intake.reading import reader_process
from nsm_excel.intake.reading import safety as package_safety
from nsm_excel.intake.run import validate_inbox
from nsm_excel.outputs.reports import build_reports
from nsm_excel.template.generate import generate

RETURNS = 200
PERIOD = "2026-H1"
SUBMITTED = dt.date(2026, 7, 20)


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


def cycle_lines(folder: Path, count: int = RETURNS) -> Iterator[str]:
    """Generate, intake of ``count`` returns against calamine's read, and consolidation."""
    root = folder / "ws"
    space = sample_workspace(root, SUBMITTED, period_or_raise(PERIOD), dt.date(2026, 7, 31))
    started = time.perf_counter()
    issued = generate(space)
    generate_seconds = time.perf_counter() - started
    templates = [root / line.file for line in issued.lines if line.file]
    yield f"templates generated:        {len(templates)} in {generate_seconds:.2f} s"
    keep = folder / "returns"
    keep.mkdir()
    for n in range(count):
        template = templates[n % len(templates)]
        data = filler.fill(template.read_bytes(), filler.Filling(seed=n, today=SUBMITTED))
        name = f"{template.stem}_{n:03d}.xlsx"
        (keep / name).write_bytes(data)
        (space.inbox / name).write_bytes(data)
    clock = lambda: dt.datetime(2026, 7, 21, 9, 0, tzinfo=dt.UTC)  # noqa: E731
    started = time.perf_counter()
    result = validate_inbox(space, clock=clock)
    validate_seconds = time.perf_counter() - started
    accepted = result.count("accepted")
    yield (
        f"returns validated:          {count} ({accepted} accepted) in {validate_seconds:.2f} s"
        f" ({1000 * validate_seconds / count:.1f} ms per file)"
    )
    started = time.perf_counter()
    cells = read_cell_by_cell(sorted(keep.iterdir()))
    read_seconds = time.perf_counter() - started
    yield (
        f"calamine cell-by-cell read: {count} files, {cells} cells in {read_seconds:.2f} s"
        f" ({1000 * read_seconds / count:.1f} ms per file)"
    )
    started = time.perf_counter()
    judge_in_process(sorted(keep.iterdir()))
    judge_seconds = time.perf_counter() - started
    yield (
        f"byte checks + streaming read: {count} files in {judge_seconds:.2f} s"
        f" ({1000 * judge_seconds / count:.1f} ms per file, in one process)"
    )
    yield f"ratio validate / read:      {validate_seconds / read_seconds:.1f} (target: at most 3)"
    started = time.perf_counter()
    current = build_reports(space).figures.overview.accepted
    report_seconds = time.perf_counter() - started
    yield (
        f"consolidation:              master workbook and report ({current} current returns"
        f" of {accepted} accepted) in {report_seconds:.2f} s"
    )
    if accepted != count:
        print("warning: not every bench return was accepted:", file=sys.stderr)
        for item in result.files:
            if item.status != "accepted":
                print(f"  {item.file}: {[i.code for i in item.issues][:5]}", file=sys.stderr)


# Each section prints its own figures; ``python -m nsm_excel.demo.bench NAME ...`` runs some.
SECTIONS: dict[str, Callable[[Path], Iterable[str]]] = {
    "cold-start": cold_start_lines,
    "cycle": cycle_lines,
    "generate": generate_lines,
    "naive": naive_lines,
}


def main(names: Sequence[str] = ()) -> int:
    unknown = [n for n in names if n not in SECTIONS]
    if unknown:
        print(f"unknown section {unknown[0]!r}; sections: {', '.join(SECTIONS)}", file=sys.stderr)
        return 2
    for name in names or list(SECTIONS):
        with tempfile.TemporaryDirectory(prefix=f"nsm-bench-{name}-") as folder:
            print(f"[{name}]", flush=True)
            for line in SECTIONS[name](Path(folder)):
                print(line, flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
