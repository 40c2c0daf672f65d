"""An adopted plan version read back without a spreadsheet library.

The stored copy of a version (``plans/action_plan_v<N>.xlsx``) never changes, so the plan read
from it once is kept as JSON in ``.nsm-cache/`` (``action_plan_v<N>.xlsx.plan.json``), named by
the SHA-256 of the copy's bytes, the plan years and the package version it was read with. It
is a reading, made again whenever it is missing: backups leave it out. A command
that only computes figures (``nsm status``) reads that instead of the workbook: no openpyxl,
pandas or pandera. A kept plan that does not match, or cannot be read, is ignored and the copy
read again; one that cannot be written is skipped (the next command reads the copy again).
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import hashlib
import json
import sqlite3
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from nsm_excel import __version__
from nsm_excel.core.errors import WorkspaceError
from nsm_excel.core.periods import Period, period_or_raise
from nsm_excel.plan.model import Indicator, Institution, Measure, Objective, Plan, Succession
from nsm_excel.store import atomic, plan_versions, write_journal
from nsm_excel.store.plan_versions import PlanVersion
from nsm_excel.store.workspace import Workspace

FORMAT = 1  # of the kept plan; a change of its layout raises it


def version_plan(workspace: Workspace, version: PlanVersion) -> Plan:
    """The plan of ``version``, from its stored copy (never the live file)."""
    path = plan_versions.copy_path(workspace.root, version)
    years = workspace.config.years
    with write_journal.journalled(workspace.root):  # the kept reading is written there
        plan = read(path, kept_path(workspace.root, path), years, lambda: _load(path, years))
    if plan is None:
        raise WorkspaceError(
            f"the stored copy of plan version {version.number} ({version.file}) cannot be read "
            "as a plan; restore the workspace's plans/ folder from a backup."
        )
    return plan


def _load(path: Path, years: Sequence[int]) -> Plan | None:
    from nsm_excel.plan.loader import load_plan  # the workbook: openpyxl, pandas, pandera

    return load_plan(path, years).plan


def copy_in_force(workspace: Workspace, db: sqlite3.Connection, year: int) -> Plan | None:
    """The plan in force in ``year`` without reading the live file, when that file is byte for
    byte the stored copy of the version in force (then reading it gives that copy's plan);
    None when it is not, or no version was adopted yet."""
    version = plan_versions.in_force(db, year)
    if version is None or not workspace.plan_path.is_file():
        return None
    if hashlib.sha256(workspace.plan_path.read_bytes()).hexdigest() != version.sha256:
        return None
    return version_plan(workspace, version)


CACHE = ".nsm-cache"  # in the workspace: readings made again when missing, never backed up


def kept_path(root: Path, copy: Path) -> Path:
    """Where the reading of the stored ``copy`` is kept in the workspace at ``root``."""
    return root / CACHE / (copy.name + ".plan.json")


def read(
    copy: Path, kept_at: Path, years: Sequence[int], load: Callable[[], Plan | None]
) -> Plan | None:
    """The plan of the stored ``copy``: the one kept at ``kept_at`` when it was read from these
    very bytes with these ``years`` by this version, else ``load()`` (which reads the
    workbook), then kept."""
    key = _key(copy.read_bytes(), years)
    try:
        kept = json.loads(kept_at.read_text(encoding="utf-8"))
        if kept.get("key") == key:
            return from_plain(kept["plan"])
    except (OSError, ValueError, KeyError, TypeError):
        pass  # none kept yet, or not one this version wrote: read the copy
    plan = load()
    if plan is not None:
        text = json.dumps({"key": key, "plan": to_plain(plan)}, ensure_ascii=False)
        with contextlib.suppress(OSError):  # a read-only workspace: nothing kept, nothing lost
            atomic.write_text(kept_at, text)
    return plan


def keep(workspace: Workspace, version: PlanVersion, plan: Plan) -> None:
    """Keep ``plan`` as the reading of ``version``'s stored copy, made from the same bytes
    (adoption has just read them), so that the first command after it need not read the copy."""
    path = plan_versions.copy_path(workspace.root, version)
    key = _key(path.read_bytes(), workspace.config.years)
    text = json.dumps({"key": key, "plan": to_plain(plan)}, ensure_ascii=False)
    with (
        write_journal.journalled(workspace.root),
        contextlib.suppress(OSError),  # a read-only workspace: the copy is read when needed
    ):
        atomic.write_text(kept_path(workspace.root, path), text)


def _key(data: bytes, years: Sequence[int]) -> dict[str, Any]:
    sha = hashlib.sha256(data).hexdigest()
    return {"format": FORMAT, "nsm": __version__, "sha256": sha, "years": list(years)}


def to_plain(plan: Plan) -> dict[str, Any]:
    """The plan as JSON values (periods by code, days ISO, year keys as text)."""
    return {
        "institutions": [dataclasses.asdict(i) for i in plan.institutions],
        "objectives": [dataclasses.asdict(o) for o in plan.objectives],
        "measures": [_measure(m) for m in plan.measures],
        "indicators": [dataclasses.asdict(i) for i in plan.indicators],
        "years": list(plan.years),
        "successions": [
            dataclasses.asdict(s) | {"date": s.date.isoformat()} for s in plan.successions
        ],
    }


def _measure(m: Measure) -> dict[str, Any]:
    codes = {"start": _code(m.start), "end": _code(m.end)}
    return dataclasses.asdict(m) | codes | {"costs": dict(m.costs)}


def _code(period: Period | None) -> str | None:
    return period.code if period else None


def from_plain(data: dict[str, Any]) -> Plan:
    """The plan :func:`to_plain` made, equal to the one it was made from."""
    return Plan(
        institutions=tuple(Institution(**i) for i in data["institutions"]),
        objectives=tuple(
            Objective(**o | _tuples(o, "gcm_objectives", "sdg_targets")) for o in data["objectives"]
        ),
        measures=tuple(_measure_from(m) for m in data["measures"]),
        indicators=tuple(
            Indicator(**i | {"targets": _years(i["targets"])}) for i in data["indicators"]
        ),
        years=tuple(data["years"]),
        successions=tuple(
            Succession(**s | _tuples(s, "new_codes") | {"date": dt.date.fromisoformat(s["date"])})
            for s in data["successions"]
        ),
    )


def _measure_from(m: dict[str, Any]) -> Measure:
    periods = {k: period_or_raise(m[k]) if m[k] else None for k in ("start", "end")}
    lists = _tuples(m, "supporting", "gcm_objectives", "target_groups")
    return Measure(**m | periods | lists | {"costs": _years(m["costs"])})


def _tuples(row: dict[str, Any], *names: str) -> dict[str, tuple[Any, ...]]:
    return {name: tuple(row[name]) for name in names}


def _years(values: dict[str, Any]) -> dict[int, Any]:
    return {int(year): value for year, value in values.items()}
