"""``make bench SECTIONS=scale``: does intake slow down as the history grows?

Builds two workspaces (:mod:`nsm_excel.demo.scale_workspace`): one holding 5,000 records over 14
periods, one holding 200. Then takes the same kind of batch of new returns (200 files, new
versions of the open period's templates, sent in rounds of one version per template) into
each, in a fresh process on a fresh copy of the workspace, three times, and prints the median
milliseconds per file, the ratio of the two (the target: at most 1.2) and the peak memory of
each process (its own high-water mark, :mod:`nsm_excel.demo.peak_memory`). A cost or a peak
that grows with the archive is a defect. Then the housekeeping of one run on the large
workspace: the search for temporary files that killed runs left, as a scan of the archive and
the outbox against the journal of writes in progress that replaced it
(:mod:`nsm_excel.store.write_journal`).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from nsm_excel.demo import filler, peak_memory, scale_workspace
from nsm_excel.intake.run import validate_inbox
from nsm_excel.store import workspace, write_journal

BATCH = 200
RUNS = 3
SIZES = {"5,000 records": 5000, "200 records": 200}


def lines(folder: Path, sizes: dict[str, int] = SIZES, batch: int = BATCH) -> Iterator[str]:
    """The figures, a line each; see the module."""
    figures: dict[str, tuple[float, int]] = {}
    roots: list[Path] = []
    for label, returns in sizes.items():
        started = time.perf_counter()
        place = folder / str(returns)
        built = scale_workspace.build(place, returns)
        roots.append(built.space.root)
        yield (
            f"workspace of {label}: {built.returns} returns ({built.accepted} accepted), "
            f"{len(built.periods)} periods, {built.institutions} institutions, built in "
            f"{time.perf_counter() - started:.0f} s"
        )
        answered = _answered(built, place)
        rounds = _batch(built, place / "batch", batch)
        runs = [_timed(answered, rounds, place / f"run-{n}") for n in range(RUNS)]
        per_file = statistics.median(1000 * seconds / batch for seconds, _ in runs)
        peak = int(statistics.median(kb for _, kb in runs))
        figures[label] = (per_file, peak)
        yield (
            f"  intake of {batch} new returns: {per_file:.1f} ms per file (median of {RUNS}), "
            f"peak memory {peak / 1024:.0f} MB"
        )
    (big, big_peak), (small, small_peak) = figures.values()
    yield f"ratio per file, large / small: {big / small:.2f} (target: at most 1.2)"
    yield f"ratio of peak memory, large / small: {big_peak / small_peak:.2f}"
    yield housekeeping(roots[0])


def housekeeping(root: Path) -> str:
    """The line of one run's housekeeping on ``root``: the scan it did, the journal it reads."""
    scans, reads = [], []
    for _ in range(RUNS):
        started = time.perf_counter()
        for name in ("archive", "outbox"):
            write_journal.remove_leftovers(root / name)
        scans.append(time.perf_counter() - started)
        started = time.perf_counter()
        write_journal.recover(root)
        reads.append(time.perf_counter() - started)
    files = sum(1 for name in ("archive", "outbox") for p in (root / name).rglob("*"))
    scan, read = (1000 * statistics.median(found) for found in (scans, reads))
    return (
        f"housekeeping of one run ({files} entries under archive/ and outbox/): "
        f"scan {scan:.1f} ms, journal {read:.2f} ms (median of {RUNS}), "
        f"{scan / max(read, 1e-6):.0f}x"
    )


def _answered(built: scale_workspace.ScaleWorkspace, place: Path) -> Path:
    """A copy of the built workspace where every template of the open period has an accepted
    return, so that every file of the batch is a resend in both workspaces alike (a resend's
    feedback lists its changes): the workspaces then differ by their history only."""
    root = Path(shutil.copytree(built.space.root, place / "answered"))
    templates = len(list(built.space.templates_dir(built.open_period).glob("*.xlsx")))
    first = _batch(built, place / "first", templates, seed=800_000, days_before=2)
    take_in(root, first, days_before=2)
    return root


def _batch(
    built: scale_workspace.ScaleWorkspace,
    folder: Path,
    count: int,
    seed: int = 900_000,
    days_before: int = 1,
) -> list[Path]:
    """``count`` new returns of the open period, a folder per round (one version a template),
    dated ``days_before`` the deadline as :func:`take_in` sends them."""
    period = built.open_period
    templates = sorted(built.space.templates_dir(period).glob("*.xlsx"))
    day = built.space.config.calendar.deadline(period) - dt.timedelta(days=days_before)
    shares = scale_workspace.shares(count, len(templates))
    rounds = [folder / f"round-{n + 1}" for n in range(max(shares))]
    for at in rounds:
        at.mkdir(parents=True)
    for i, (path, share) in enumerate(zip(templates, shares, strict=True)):
        fillings = [filler.Filling(seed + i * 10 + v, day) for v in range(share)]
        for v, data in enumerate(filler.fill_versions(path.read_bytes(), fillings)):
            (rounds[v] / f"{path.stem}_new{v + 1}.xlsx").write_bytes(data)
    return rounds


def _timed(root: Path, rounds: list[Path], copy: Path) -> tuple[float, int]:
    """Seconds and peak memory (KB) of the rounds' intake in a fresh process on a copy."""
    shutil.copytree(root, copy)
    command = [sys.executable, "-m", __name__, str(copy), *map(str, rounds)]
    done = subprocess.run(command, check=True, capture_output=True, text=True)
    shutil.rmtree(copy)
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    return float(figures["seconds"]), int(figures["peak_kb"])


def take_in(root: Path, rounds: list[Path], days_before: int = 1) -> dict[str, float]:
    """Every round's files through intake, a run each, sent ``days_before`` the deadline (after
    every version the build sent); the seconds spent and this process's peak."""
    space = workspace.Workspace.open(root)
    day = space.calendar_period().deadline - dt.timedelta(days=days_before)
    seconds = 0.0
    for n, folder in enumerate(rounds):
        sent = dt.datetime.combine(day, dt.time(9 + n), tzinfo=dt.UTC)
        for path in folder.iterdir():
            target = space.inbox / path.name
            shutil.copyfile(path, target)
            os.utime(target, (sent.timestamp(), sent.timestamp()))
        started = time.perf_counter()
        validate_inbox(space, clock=lambda at=sent: at)  # type: ignore[misc]
        seconds += time.perf_counter() - started
    return {"seconds": seconds, "peak_kb": peak_memory.peak_kb()}


if __name__ == "__main__":
    print(json.dumps(take_in(Path(sys.argv[1]), [Path(p) for p in sys.argv[2:]])))
