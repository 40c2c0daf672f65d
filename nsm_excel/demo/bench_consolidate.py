"""``make bench SECTIONS=consolidate``: consolidation on the scale workspace against its floor.

On the workspace of :func:`nsm_excel.demo.scale_workspace.build` (5,000 returns, 14 periods, 60
institutions), the median of :data:`RUNS` runs of (a) consolidating the last period (``nsm
consolidate``: its master workbook and summary report in one language), (b) the whole history
(every period opened, as ``nsm export`` and the master's history sheets read it) and (c) the data
package of every period (``nsm export``). The floor of each: reading the ledger's records it
needs, plus a bare write of the same cells (the produced workbook read back outside the
timing with python-calamine, written again with xlsxwriter, no formats; the package's files
with csv). The last period's master also holds the history sheets of every period before it:
its floor is given twice, with that period's records alone (the target's) and with the records
of every period, which a master made without kept figures reads. Peak memory is that of a
fresh process doing the work once (its maxrss).
"""

from __future__ import annotations

import csv
import io
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import xlsxwriter
from python_calamine import CalamineWorkbook

from nsm_excel.core.periods import Period, period_or_raise
from nsm_excel.demo.scale_workspace import build
from nsm_excel.store import database, figure_records, ledger
from nsm_excel.store.workspace import Workspace

RUNS = 5  # each figure the median of this many runs (the machines are noisy)


def median_seconds(work: Callable[[], object], runs: int = RUNS) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def cells_of(path: Path) -> dict[str, list[list[Any]]]:
    """Every sheet's cells as python-calamine reads them."""
    book = CalamineWorkbook.from_path(str(path))
    return {name: book.get_sheet_by_name(name).to_python() for name in book.sheet_names}


def bare_write(sheets: dict[str, list[list[Any]]]) -> bytes:
    """The same cells written by xlsxwriter with no formats (constant_memory off)."""
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True})
    for name, rows in sheets.items():
        sheet = book.add_worksheet(name)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if value != "":
                    sheet.write(r, c, value)
    book.close()
    return out.getvalue()


def bare_csv(tables: list[list[list[str]]]) -> int:
    size = 0
    for rows in tables:
        out = io.StringIO()
        csv.writer(out, lineterminator="\n").writerows(rows)
        size += len(out.getvalue().encode("utf-8"))
    return size


def read_period(space: Workspace, period: Period) -> int:
    with database.connect(space.database, backup=False) as db:
        return len(figure_records.for_figures(db, period.code, period.year))


def read_all(space: Workspace) -> int:
    with database.connect(space.database, backup=False) as db:
        return len(ledger.all_records(db))


def peak_mb(root: Path, what: str, period: str) -> float:
    """The peak resident memory of a fresh process doing ``what`` once, in MB."""
    code = (
        "import sys; from pathlib import Path\n"
        "from nsm_excel.demo.bench_consolidate import once\n"
        "from nsm_excel.demo.peak_memory import peak_kb\n"
        "once(Path(sys.argv[1]), sys.argv[2], sys.argv[3])\n"
        "print(peak_kb())"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(root), what, period],
        capture_output=True,
        text=True,
        check=True,
    )
    return int(done.stdout.split()[-1]) / 1024


def once(root: Path, what: str, period: str) -> None:
    """One run of ``what`` (period, history or package) on the workspace at ``root``."""
    from nsm_excel.outputs.history_read import history
    from nsm_excel.outputs.package.writer import export
    from nsm_excel.outputs.reports import build_reports

    space = Workspace.open(root)
    if what == "period":
        build_reports(space, period_or_raise(period), "en")
    elif what == "history":
        history(space)
    else:
        export(space, replace=True)


def lines(folder: Path) -> Iterator[str]:
    started = time.perf_counter()
    made = build(folder)
    space = made.space
    yield (
        f"scale workspace:    {made.returns} returns ({made.accepted} accepted), "
        f"{len(made.periods)} periods, built in {time.perf_counter() - started:.0f} s"
    )
    yield from _figures(space, made.periods[-1])


def _figures(space: Workspace, last: Period) -> Iterator[str]:
    from nsm_excel.outputs.history_read import history
    from nsm_excel.outputs.package.writer import export, tables
    from nsm_excel.outputs.reports import build_reports

    root = space.root
    found = build_reports(space, last, "en")
    master = cells_of(root / found.master)
    seconds = median_seconds(lambda: build_reports(space, last, "en"))
    written = median_seconds(lambda: bare_write(master))
    floor = median_seconds(lambda: read_period(space, last)) + written
    yield _line("one period", seconds, floor, peak_mb(root, "period", last.code))
    every = median_seconds(lambda: read_all(space)) + written
    yield (
        f"{'':<19} floor with the records of every period its history sheets show:"
        f" {every:5.2f} s, ratio {seconds / every:4.1f}"
    )
    seconds = median_seconds(lambda: history(space))
    floor = median_seconds(lambda: read_all(space))
    yield _line("whole history", seconds, floor, peak_mb(root, "history", last.code))
    texts = [t.lines() for t in tables(history(space))]
    seconds = median_seconds(lambda: export(space, replace=True))
    floor = median_seconds(lambda: read_all(space)) + median_seconds(lambda: bare_csv(texts))
    yield _line("data package", seconds, floor, peak_mb(root, "package", last.code))


def _line(name: str, seconds: float, floor: float, peak: float) -> str:
    return (
        f"{name + ':':<19} {seconds:6.2f} s, floor {floor:5.2f} s (records read + bare write),"
        f" ratio {seconds / floor:4.1f} (target: at most 2), peak {peak:.0f} MB"
    )
