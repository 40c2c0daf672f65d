"""The adopted plan read back from its kept JSON: the very plan the workbook gives."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import replace
from pathlib import Path

from nsm_excel.outputs.period_figures import figures_for
from nsm_excel.plan import stored_plan
from nsm_excel.plan.loader import load_plan
from nsm_excel.plan.model import Plan, Succession
from nsm_excel.store import database, plan_versions
from nsm_excel.store.workspace import Workspace


def adopted_copy(space: Workspace) -> Path:
    with database.connect(space.database, backup=False) as db:
        version = plan_versions.latest(db)
    assert version is not None
    return plan_versions.copy_path(space.root, version)


def test_the_plain_plan_reads_back_equal_with_its_fingerprint(space: Workspace) -> None:
    plan = load_plan(space.plan_path, space.config.years).plan
    assert plan is not None
    moved = Succession("A", ("B", "C"), dt.date(2026, 3, 1), "split", 4)
    for one in (plan, replace(plan, successions=(moved,))):
        again = stored_plan.from_plain(json.loads(json.dumps(stored_plan.to_plain(one))))
        assert again == one
        assert repr(again) == repr(one)  # tuples stay tuples, year keys stay numbers
        assert again.version == one.version


def test_figures_keep_the_plan_and_read_it_back(issued: Workspace) -> None:
    first = figures_for(issued, issued.current_period())
    kept = stored_plan.kept_path(issued.root, adopted_copy(issued))
    assert kept.is_file()
    assert figures_for(issued, issued.current_period()) == first


def test_a_kept_plan_read_from_other_bytes_is_not_used(issued: Workspace) -> None:
    copy = adopted_copy(issued)
    kept_at = stored_plan.kept_path(issued.root, copy)
    years = issued.config.years
    plan = stored_plan.read(copy, kept_at, years, lambda: load_plan(copy, years).plan)
    assert plan is not None
    kept = json.loads(kept_at.read_text(encoding="utf-8"))
    kept["key"]["sha256"] = "0" * 64
    kept_at.write_text(json.dumps(kept), encoding="utf-8")
    other = replace(plan, years=(1999,))
    assert stored_plan.read(copy, kept_at, years, lambda: other) == other  # read again and kept
    assert stored_plan.read(copy, kept_at, years, lambda: None) == other
    assert stored_plan.read(copy, kept_at, (*years, 2040), lambda: plan) == plan  # other years


def test_a_damaged_kept_plan_is_read_again(issued: Workspace) -> None:
    copy = adopted_copy(issued)
    kept_at = stored_plan.kept_path(issued.root, copy)
    kept_at.parent.mkdir(exist_ok=True)
    kept_at.write_text("{not json", encoding="utf-8")
    fresh: list[Plan] = []

    def load() -> Plan | None:
        plan = load_plan(copy, issued.config.years).plan
        assert plan is not None
        fresh.append(plan)
        return plan

    assert stored_plan.read(copy, kept_at, issued.config.years, load) == fresh[0]


def test_adopting_a_version_keeps_the_reading_of_its_copy(issued: Workspace) -> None:
    copy = adopted_copy(issued)
    kept_at = stored_plan.kept_path(issued.root, copy)
    assert kept_at.is_file()  # kept when adopted: the first command reads no workbook
    years = issued.config.years
    assert stored_plan.read(copy, kept_at, years, lambda: None) == load_plan(copy, years).plan
