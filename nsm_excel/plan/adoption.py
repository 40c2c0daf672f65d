"""Adopting the plan: check the file, compare it with the version adopted last, record it.

``nsm plan adopt`` calls :func:`adopt`; ``nsm generate`` and ``nsm check-plan`` call
:func:`governing` and :func:`unadopted`. The decisions are pure (:mod:`nsm_excel.plan.diff`,
:mod:`nsm_excel.plan.amendments`); this module reads and writes the files and the records.
A workspace made before plans were adopted gets version 1 from its plan file on first need,
effective 1 January of the first plan year.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass, field
from typing import Any

from nsm_excel.core.errors import PlanUnusableError
from nsm_excel.core.issue_codes import IssueCode as C
from nsm_excel.core.issues import Issue, Report
from nsm_excel.plan import amendments, diff, stored_plan
from nsm_excel.plan import history as plan_history
from nsm_excel.plan.loader import PlanCheck
from nsm_excel.plan.model import Plan
from nsm_excel.store import database, plan_versions, register
from nsm_excel.store.lock import workspace_lock
from nsm_excel.store.plan_versions import PlanVersion
from nsm_excel.store.workspace import Workspace

ADOPTED, UNCHANGED, REFUSED = "adopted", "unchanged", "refused"


@dataclass
class AdoptResult:
    outcome: str  # adopted, unchanged or refused
    check: PlanCheck
    version: PlanVersion | None = None
    changes: list[Issue] = field(default_factory=list)  # rows added, removed, changed
    years: tuple[int, ...] = ()  # the plan years the version governs

    def to_dict(self) -> dict[str, Any]:
        return {
            "outcome": self.outcome,
            "version": self.version.to_dict() if self.version else None,
            "years": list(self.years),
            "changes": [i.to_dict() for i in self.changes],
            "plan": self.check.to_dict(),
        }


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def adopt(
    workspace: Workspace,
    effective: dt.date | None = None,
    note: str = "",
    today: dt.date | None = None,
) -> AdoptResult:
    """Adopt the workspace's plan file as a new version (refused when it has errors or would
    lose data; nothing recorded when it is the version adopted last, unless ``effective`` names
    another day: then that same plan is a new version from that day)."""
    checked = plan_history.load(workspace)
    if checked.plan is None:
        return AdoptResult(REFUSED, checked)
    with workspace_lock(workspace.root, "plan adopt"), database.connect(workspace.database) as db:
        last = plan_versions.latest(db)
        if last is None:
            day = effective or dt.date(min(checked.plan.years), 1, 1)
            first = _record(workspace, db, checked.plan, day, note, 1)
            return AdoptResult(ADOPTED, checked, first, [], governed(db, checked.plan, first))
        if last.fingerprint == checked.plan.version:
            years = governed(db, checked.plan, last)
            if effective is None or not _gains_years(db, checked.plan, effective, years):
                return AdoptResult(UNCHANGED, checked, last, [], years)
            # the same plan from another day: a version of its own, the earlier one kept as it is
            again = _record(workspace, db, checked.plan, effective, note, last.number + 1)
            return AdoptResult(ADOPTED, checked, again, [], governed(db, checked.plan, again))
        old = load_version(workspace, last)
        changes = diff.differences(old, checked.plan, last.number, checked.file)
        issued = {t.institution for t in register.all_issued(db)}
        found = amendments.data_loss(
            old, checked.plan, plan_history.answered(db), issued, checked.file
        )
        report = Report([*checked.report.issues, *found])
        judged = PlanCheck(checked.file, checked.plan if report.valid else None, report)
        if not report.valid:
            return AdoptResult(REFUSED, judged, None, changes)
        day = effective or today or workspace.today()
        added = _record(workspace, db, checked.plan, day, note, last.number + 1)
        return AdoptResult(ADOPTED, judged, added, changes, governed(db, checked.plan, added))


def _record(
    workspace: Workspace, db: sqlite3.Connection, plan: Plan, day: dt.date, note: str, number: int
) -> PlanVersion:
    data = workspace.plan_path.read_bytes()
    file, sha = plan_versions.store_copy(workspace.root, number, data)
    version = PlanVersion(number, plan.version, day, _now(), file, sha, note)
    with database.transaction(db):
        plan_versions.record(db, version)
    stored_plan.keep(workspace, version, plan)  # the copy is these bytes: its reading is known
    return version


def governed(db: sqlite3.Connection, plan: Plan, version: PlanVersion) -> tuple[int, ...]:
    """The plan years ``version`` is in force for."""
    return tuple(y for y in plan.years if _number(plan_versions.in_force(db, y)) == version.number)


def _gains_years(db: sqlite3.Connection, plan: Plan, day: dt.date, years: tuple[int, ...]) -> bool:
    """Whether a new version effective ``day`` would govern a plan year outside ``years``: it
    does where ``day`` is on or before the year's 1 January and not before the version now in
    force there (the newest version wins a tie)."""
    for year in set(plan.years) - set(years):
        first_day = dt.date(year, 1, 1)
        now = plan_versions.in_force(db, year)
        fallback = now is not None and now.effective > first_day
        if day <= first_day and (now is None or fallback or day >= now.effective):
            return True
    return False


def _number(version: PlanVersion | None) -> int:
    return version.number if version else 0


def load_version(workspace: Workspace, version: PlanVersion) -> Plan:
    """The plan of ``version``, from its stored copy (never the live file)."""
    return stored_plan.version_plan(workspace, version)


def ensure_first(workspace: Workspace, db: sqlite3.Connection, plan: Plan) -> None:
    """Record ``plan`` (the live file's) as version 1 when no version was adopted yet."""
    if plan_versions.latest(db) is None:
        _record(workspace, db, plan, dt.date(min(plan.years), 1, 1), "", 1)


def unadopted(workspace: Workspace, db: sqlite3.Connection, checked: PlanCheck) -> list[Issue]:
    """Why the live plan is not the version adopted last: the refusal and every changed row
    (nothing when it is, or when no version was adopted yet)."""
    last = plan_versions.latest(db)
    if checked.plan is None or last is None or last.fingerprint == checked.plan.version:
        return []
    changes = diff.differences(
        load_version(workspace, last), checked.plan, last.number, checked.file
    )
    params = {"number": last.number, "file": checked.file}
    return [Issue(C.PLAN_NOT_ADOPTED, checked.file, params=params), *changes]


def governing(
    workspace: Workspace, db: sqlite3.Connection, checked: PlanCheck, year: int
) -> PlanCheck:
    """The plan in force in ``year``, from its stored copy; a check without a plan, naming what
    changed, when the live plan was edited but not adopted."""
    if checked.plan is None:
        return checked
    ensure_first(workspace, db, checked.plan)
    refusal = unadopted(workspace, db, checked)
    if refusal:
        return PlanCheck(checked.file, None, Report([*checked.report.issues, *refusal]))
    return PlanCheck(checked.file, in_force(workspace, db, checked, year), checked.report)


def in_force(workspace: Workspace, db: sqlite3.Connection, checked: PlanCheck, year: int) -> Plan:
    """The plan the figures of ``year`` are computed against: the version in force on 1 January
    (its stored copy), whatever the live file holds since; the live plan while none is adopted."""
    if plan_versions.latest(db) is None:
        if checked.plan is None:
            errors = len(checked.report.errors)
            raise PlanUnusableError(
                f"{workspace.plan_path.name} has {errors} errors; run `nsm check-plan` and fix them"
            )
        ensure_first(workspace, db, checked.plan)
    version = plan_versions.in_force(db, year)
    assert version is not None  # one was adopted
    if checked.plan is not None and version.fingerprint == checked.plan.version:
        return checked.plan
    return load_version(workspace, version)


def pending(workspace: Workspace, checked: PlanCheck) -> list[Issue]:
    """The rows changed since the version adopted last, for a command that writes nothing
    (``nsm check-plan``: warnings; adopting them is the next step)."""
    if checked.plan is None or not workspace.database.is_file():
        return []
    with database.connect(workspace.database, backup=False) as db:
        return unadopted(workspace, db, checked)[1:]


def versions(workspace: Workspace) -> list[PlanVersion]:
    if not workspace.database.is_file():
        return []
    with database.connect(workspace.database, backup=False) as db:
        return plan_versions.adopted(db)
