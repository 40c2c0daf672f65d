"""``nsm export``: the data package of a range of periods, written into a new folder.

The figures are those of :func:`nsm_excel.outputs.history_read.history` (a closed period's from
its frozen facts). The package is made whole in a hidden folder beside its place, then renamed
into it: a reader never finds half a package. An earlier export is never written over: the
package goes to the next free name (``all (2)``) unless ``replace`` is asked, when the earlier
folder is moved aside first and removed once the new one is in place.
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from nsm_excel.consolidate.history import History
from nsm_excel.core import collector
from nsm_excel.core.periods import Period
from nsm_excel.outputs.history_read import history
from nsm_excel.outputs.package import period_tables, plan_tables
from nsm_excel.outputs.package.schema import Table
from nsm_excel.store import atomic, permissions
from nsm_excel.store.atomic import TEMPORARY
from nsm_excel.store.workspace import Workspace

DESCRIPTOR = "datapackage.json"
BUILDERS: tuple[Callable[[History], Table], ...] = (
    period_tables.periods,
    plan_tables.institutions,
    plan_tables.objectives,
    plan_tables.measures,
    plan_tables.measure_costs,
    plan_tables.indicators,
    plan_tables.indicator_targets,
    period_tables.measure_reports,
    period_tables.contributions,
    period_tables.indicator_values,
    period_tables.submissions,
    period_tables.budget_years,
)


@dataclass(frozen=True)
class Exported:
    folder: Path
    periods: tuple[str, ...]
    rows: dict[str, int]  # rows per resource
    has_returns: bool  # whether any period exported counts an accepted return
    replaced: bool

    def to_dict(self) -> dict[str, Any]:
        return {
            "folder": str(self.folder),
            "periods": list(self.periods),
            "resources": self.rows,
            "has_returns": self.has_returns,
            "replaced": self.replaced,
        }


def tables(found: History) -> tuple[Table, ...]:
    """Every table of the package, in the order the descriptor lists them."""
    return tuple(build(found) for build in BUILDERS)


def descriptor(name: str, found: tuple[Table, ...], periods: tuple[str, ...]) -> dict[str, Any]:
    return {
        "profile": "tabular-data-package",
        "name": name,
        "title": f"NSM monitoring data, {periods[0]} to {periods[-1]}",
        "keywords": list(periods),
        "resources": [t.descriptor() for t in found],
    }


def csv_bytes(table: Table) -> bytes:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(table.lines())
    return out.getvalue().encode("utf-8")


@collector.paused()
def export(
    workspace: Workspace,
    first: Period | None = None,
    last: Period | None = None,
    out: Path | None = None,
    replace: bool = False,
) -> Exported:
    """The periods from ``first`` to ``last`` (both ``None``: every period opened so far) as a
    data package in ``out`` (default ``outbox/export/<period or all>/``)."""
    found = history(workspace, first, last)
    periods = tuple(p.code for p in found.periods)
    single = first is not None and first == last
    target = out or workspace.outbox / "export" / (periods[0] if single else "all")
    made = tables(found)
    replaced = replace and target.exists()
    if not replace:
        target = atomic.free_name(target)
    name = "nsm-" + (periods[0].lower() if single else "all")
    files = {t.path: csv_bytes(t) for t in made}
    files[DESCRIPTOR] = (json.dumps(descriptor(name, made, periods), indent=2) + "\n").encode()
    _put(target, files, replaced)
    rows = {t.name: len(t.rows) for t in made}
    return Exported(target, periods, rows, found.has_returns, replaced)


def _put(target: Path, files: dict[str, bytes], replacing: bool) -> None:
    """``files`` in a new folder at ``target``; with ``replacing``, the folder there is moved
    aside first, put back if the new one cannot take its place, and removed once it has."""
    target.parent.mkdir(parents=True, exist_ok=True)
    made = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=TEMPORARY, dir=target.parent))
    permissions.as_umask_allows(made, folder=True)  # mkdtemp's 0700 would stay once in place
    old = target.with_name(made.name.removesuffix(TEMPORARY) + ".old" + TEMPORARY)
    try:
        for file, data in files.items():
            atomic.write_bytes(made / file, data, sync=False)
        atomic.flush_all()
        if replacing:
            os.replace(target, old)
        try:
            os.replace(made, target)
        except OSError:
            if replacing:
                os.replace(old, target)
            raise
    finally:
        shutil.rmtree(made, ignore_errors=True)
    shutil.rmtree(old, ignore_errors=True)
