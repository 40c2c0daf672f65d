"""The workspace's plan checked against its records: what accepted returns answered.

The edge of :mod:`nsm_excel.plan_edits`: reads, from the ledger and the register, the code and
title of every row of the templates that accepted returns answered, and checks the plan with
them. ``nsm check-plan`` and ``nsm generate`` both load the plan this way, so both refuse a plan
that would move accepted answers to another measure.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from nsm_excel.plan.columns import INDICATORS, MEASURES
from nsm_excel.plan.edits import Answered
from nsm_excel.plan.loader import PlanCheck, load_plan
from nsm_excel.store import database, ledger, register
from nsm_excel.store.workspace import Workspace

ROWS = {
    MEASURES: ("measures", "measure_code", "title"),
    INDICATORS: ("indicators", "indicator_code", "name"),
}


def load(workspace: Workspace, path: Path | None = None) -> PlanCheck:
    """The plan at ``path`` (default: the workspace's), checked with the workspace's records."""
    plan = path or workspace.require_plan()
    return load_plan(plan, workspace.config.years, read(workspace.database))


def read(path: Path) -> tuple[Answered, ...]:
    """What accepted returns answered, from the records at ``path`` (none when there are none)."""
    if not path.is_file():
        return ()
    with database.connect(path, backup=False) as db:
        return answered(db)


def answered(db: sqlite3.Connection) -> tuple[Answered, ...]:
    found: list[Answered] = []
    for template_id in ledger.answered_templates(db):
        issued = register.by_id(db, template_id)
        if issued is None:
            continue
        lang = str(issued.content.get("language") or issued.language)
        for sheet, (part, code_key, title_key) in ROWS.items():
            for row in issued.content.get(part) or []:
                code, title = row.get(code_key), row.get(title_key)
                if code and isinstance(title, str):
                    found.append(Answered(sheet, str(code), lang, title))
    return tuple(found)
