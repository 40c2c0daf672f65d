"""``make bench SECTIONS=naive``: the whole cycle as commands against the script an analyst writes.

The same 200 returns as the cycle section (the sample plan's templates filled with seeds 0 to
199). The analyst's script reads the Measures and Indicators tables of each with
``pandas.read_excel`` (openpyxl, the template's key row as header), checks them with a small
pandera schema, puts them together with ``pandas.concat`` and writes one workbook. Against it,
``nsm validate`` then ``nsm consolidate`` run as processes (``python -m nsm_excel``) on a copy of
the same workspace and inbox: every check, the archive, the records, the feedback, the master
workbook and the report. Each is timed three times; the medians and their ratio are printed.
"""

from __future__ import annotations

import json
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pandera.pandas as pa

from nsm_excel.demo import bench_cycle
from nsm_excel.demo.bench_cycle import PERIOD, RETURNS
from nsm_excel.template.layout import KEY_ROW

RUNS = 3
SHEETS = ["Measures", "Indicators"]
_AMOUNT = pa.Column(float, pa.Check.ge(0), nullable=True, coerce=True, required=False)
SCHEMAS = {
    "Measures": pa.DataFrameSchema(
        {
            "measure_code": pa.Column(str, nullable=False),
            "status": pa.Column(str, nullable=True),
            "spent_state": _AMOUNT,
            "spent_donor": _AMOUNT,
        }
    ),
    "Indicators": pa.DataFrameSchema(
        {
            "indicator_code": pa.Column(str, nullable=False),
            "unit": pa.Column(str, pa.Check.isin(["number", "percent", "amount", "yes_no"])),
            "baseline": pa.Column(float, nullable=True, coerce=True),
            "target": pa.Column(float, nullable=True, coerce=True),
        }
    ),
}


def filled_workspace(folder: Path, count: int = RETURNS) -> tuple[Path, list[Path]]:
    """The cycle section's workspace with its ``count`` returns in the inbox of a copy: the
    copy's folder, and the returns."""
    space, returns = bench_cycle.bench_returns(folder, count)
    return bench_cycle.with_inbox(space, returns, folder / "cycle").root, returns


def naive_script(paths: list[Path], out: Path) -> int:
    """What an analyst would write: read, check, concatenate, write; the failures found."""
    tables: dict[str, list[pd.DataFrame]] = {sheet: [] for sheet in SHEETS}
    failures = 0
    for path in paths:
        frames = pd.read_excel(path, sheet_name=SHEETS, engine="openpyxl", header=KEY_ROW - 1)
        for sheet, frame in frames.items():
            frame = frame.iloc[1:].assign(file=path.name)  # the row below the keys: labels
            try:
                SCHEMAS[str(sheet)].validate(frame, lazy=True)
            except pa.errors.SchemaErrors as errors:
                failures += len(errors.failure_cases)
            tables[str(sheet)].append(frame)
    with pd.ExcelWriter(out, engine="xlsxwriter") as writer:
        for sheet, frames_of_sheet in tables.items():
            pd.concat(frames_of_sheet, ignore_index=True).to_excel(writer, sheet_name=sheet)
    return failures


def nsm_cycle(root: Path) -> tuple[int, float, float]:
    """``nsm validate`` then ``nsm consolidate`` as processes on ``root``: the returns accepted
    and the seconds of each command."""
    command = [sys.executable, "-m", "nsm_excel"]
    started = time.perf_counter()
    validated = subprocess.run(
        [*command, "validate", "-w", str(root), "--json"], capture_output=True, text=True
    )
    if validated.returncode not in (0, 1):
        raise RuntimeError(f"nsm validate failed: {validated.stderr.strip()}")
    between = time.perf_counter()
    consolidated = subprocess.run(
        [*command, "consolidate", "-w", str(root), "--period", PERIOD],
        capture_output=True,
        text=True,
    )
    if consolidated.returncode != 0:
        raise RuntimeError(f"nsm consolidate failed: {consolidated.stderr.strip()}")
    accepted = int(json.loads(validated.stdout)["accepted"])
    return accepted, between - started, time.perf_counter() - between


def naive_lines(folder: Path) -> Iterator[str]:
    """Median seconds of the analyst's script and of nsm's cycle on the same returns."""
    root, paths = filled_workspace(folder)
    script = []
    for run in range(RUNS):
        started = time.perf_counter()
        failures = naive_script(paths, folder / f"naive_{run}.xlsx")
        script.append(time.perf_counter() - started)
    naive = statistics.median(script)
    yield (
        f"naive pandas script:  {len(paths)} returns read, checked ({failures} failures),"
        f" concatenated, written in {naive:.2f} s"
    )
    runs = []
    for run in range(RUNS):
        copy = folder / f"ws_{run}"
        shutil.copytree(root, copy)
        runs.append(nsm_cycle(copy))
    accepted = runs[-1][0]
    nsm = statistics.median(v + c for _, v, c in runs)
    validate = statistics.median(v for _, v, _ in runs)
    consolidate = statistics.median(c for *_, c in runs)
    yield (
        f"nsm validate + consolidate (processes): {len(paths)} returns ({accepted} accepted)"
        f" in {nsm:.2f} s (validate {validate:.2f} s, consolidate {consolidate:.2f} s)"
    )
    yield f"ratio naive / nsm:    {naive / nsm:.2f} (target: nsm 10 times faster)"
