"""``make bench``: figures on speed, printed, never asserted.

Sections (:data:`SECTIONS`), each in its own folder of one temporary folder, so that a
workspace one section builds can be copied by the next; ``make bench SECTIONS="a b"`` runs
only those. Each figure is the median of several runs:

- ``cold-start``: ``nsm --help``, ``status``, ``codes`` and ``log`` as fresh processes
  (:mod:`nsm_excel.demo.cold_start`);
- ``cycle``: the templates of the sample plan, intake of 200 distinct valid returns with one
  reading process and with one per core against python-calamine reading the same files cell by
  cell, and their consolidation (:mod:`nsm_excel.demo.bench_cycle`);
- ``generate``: the templates of 60 institutions against xlsxwriter writing the same cells and
  formats (:mod:`nsm_excel.demo.bench_generate`);
- ``naive``: the whole cycle as processes against the script an analyst would write with pandas
  and pandera (:mod:`nsm_excel.demo.bench_naive`);
- ``scale``: intake into a workspace of 5,000 records against one of 200
  (:mod:`nsm_excel.demo.bench_scale`);
- ``consolidate``: one period, the whole history and the data package of the 5,000 records,
  each against its floor (:mod:`nsm_excel.demo.bench_consolidate`).
"""

from __future__ import annotations

import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path

from nsm_excel.demo import bench_consolidate, bench_cycle, bench_scale, cold_start
from nsm_excel.demo.bench_generate import generate_lines
from nsm_excel.demo.bench_naive import naive_lines
from nsm_excel.demo.run import run_demo


def cold_start_lines(folder: Path) -> Iterator[str]:
    """The cold start of the commands that answer at once, on a demo workspace."""
    demo = folder / "demo"
    run_demo(demo)
    yield from cold_start.lines(demo)


# Each section prints its own figures; ``python -m nsm_excel.demo.bench NAME ...`` runs some.
SECTIONS: dict[str, Callable[[Path], Iterable[str]]] = {
    "cold-start": cold_start_lines,
    "cycle": bench_cycle.cycle_lines,
    "generate": generate_lines,
    "naive": naive_lines,
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
