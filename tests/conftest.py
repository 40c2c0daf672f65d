"""Shared test material: a small plan typed as Python literals, and workspaces built from it."""

from __future__ import annotations

import copy
import datetime as dt
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from nsm_excel.core.periods import period_or_raise
from nsm_excel.core.sheets import RawSheet
from nsm_excel.demo.sample_plan import column_order, plan_bytes
from nsm_excel.plan.columns import OPTIONAL_SHEETS, SHEET_NAMES
from nsm_excel.store import workspace

Rows = dict[str, list[dict[str, Any]]]

SMALL_PLAN: Rows = {
    "Institutions": [
        {
            "code": "MB",
            "name_sq": "Ministria e Brendshme",
            "name_en": "Ministry of Interior",
            "type": "ministry",
            "contact_email": "info@example.gov.al",
        },
        {
            "code": "AKPA",
            "name_sq": "Agjencia Kombëtare e Punësimit dhe Aftësive",
            "name_en": "National Agency for Employment and Skills",
            "type": "agency",
        },
        {
            "code": "AIDA",
            "name_sq": "Agjencia Shqiptare e Zhvillimit të Investimeve",
            "name_en": "Albanian Investment Development Agency",
            "language": "en",
        },
        {"code": "BSH", "name_sq": "Banka e Shqipërisë", "name_en": "Bank of Albania"},
    ],
    "Objectives": [
        {
            "code": "A",
            "level": "goal",
            "title_sq": "Qeverisja e migracionit",
            "title_en": "Migration governance",
            "gcm_objectives": "1; 23",
        },
        {
            "code": "A.1",
            "level": "objective",
            "parent_code": "A",
            "title_sq": "Të dhëna më të mira",
            "title_en": "Better data",
            "gcm_objectives": "1",
        },
        {
            "code": "A.2",
            "level": "objective",
            "parent_code": "A",
            "title_sq": "Riintegrimi i të kthyerve",
            "title_en": "Reintegration of returnees",
        },
    ],
    "Measures": [
        {
            "code": "A.1.1",
            "objective_code": "A.1",
            "title_sq": "Profili i migracionit",
            "title_en": "Migration profile",
            "lead": "MB",
            "supporting": "AKPA; AIDA",
            "start": "2024",
            "end": "2025-H2",
            "cost_2024": 1000000,
            "cost_2025": 2000000,
            "cost_2026": 0,
            "funding_state": 2500000,
            "funding_donor": 500000,
            "funding_gap": 0,
        },
        {
            "code": "A.2.1",
            "objective_code": "A.2",
            "title_sq": "Sporteli i punësimit",
            "title_en": "Employment counter",
            "lead": "AKPA",
            "supporting": "MB",
            "start": "2025-Q1",
            "end": "2026",
            "cost_2025": 750000,
            "cost_2026": 750000,
        },
        {
            "code": "A.2.2",
            "objective_code": "A.2",
            "title_sq": "Udhëzues për investitorët",
            "title_en": "Investor guide",
            "lead": "AIDA",
            "start": "2025-H1",
            "end": "2025-H2",
            "cost_2025": 300000,
        },
    ],
    "Indicators": [
        {
            "code": "I.A.1.1.1",
            "linked_code": "A.1.1",
            "name_sq": "Profili i botuar",
            "name_en": "Profile published",
            "unit": "yes_no",
            "baseline": 0,
            "target_2025": 1,
        },
        {
            "code": "I.A.2.1.1",
            "linked_code": "A.2.1",
            "name_sq": "Të kthyer të punësuar",
            "name_en": "Returnees employed",
            "unit": "number",
            "baseline": 100,
            "target_2026": 400,
            "disaggregation": "sex",
        },
        {
            "code": "IO.A.2.1",
            "linked_code": "A.2",
            "name_sq": "Përqindja e të kthyerve",
            "name_en": "Share of returnees assisted",
            "unit": "percent",
            "baseline": 20,
            "target_2026": 45,
            "responsible": "MB",
        },
    ],
}


def small_plan() -> Rows:
    """A fresh deep copy of the small plan, for a test to break as it likes."""
    return copy.deepcopy(SMALL_PLAN)


def raw_sheets(rows: Rows) -> dict[str, RawSheet]:
    """The plan as the reader would hand it over: row 1 keys, data from row 2."""
    sheets: dict[str, RawSheet] = {}
    for name in SHEET_NAMES + OPTIONAL_SHEETS:
        if name not in rows:
            continue
        keys = column_order(name, rows[name])
        keys += sorted({k for r in rows[name] for k in r} - set(keys))
        sheets[name] = RawSheet.from_lists(
            name, keys, *[[r.get(k) for k in keys] for r in rows[name]]
        )
    return sheets


TODAY = dt.date(2026, 7, 10)


def make_workspace(root: Path, rows: Rows | None = None, **changes: Any) -> workspace.Workspace:
    """A workspace at ``root`` holding ``rows`` as its plan (the small plan by default)."""
    opening = (period_or_raise("2026-H1"), dt.date(2026, 7, 31))
    settings = replace(workspace.default_config(TODAY), password="secret-pass", **changes)
    data = plan_bytes(rows if rows is not None else small_plan())
    return workspace.init(root, settings, data, TODAY, opening).workspace


@pytest.fixture
def space(tmp_path: Path) -> workspace.Workspace:
    return make_workspace(tmp_path / "ws")


@pytest.fixture
def issued(tmp_path: Path) -> workspace.Workspace:
    """A workspace of the small plan whose templates for 2026-H1 are generated."""
    from nsm_excel.template.generate import generate

    ws = make_workspace(tmp_path / "ws")
    generate(ws)
    return ws


@pytest.fixture(scope="session")
def six_periods(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """The strategy-over-time story (``tests/test_strategy_over_time.py``) told once for the
    whole run: six periods, one amendment, late returns, each step checked by hand as it goes."""
    from tests import test_strategy_over_time as over_time

    story = over_time.Story(tmp_path_factory.mktemp("six-periods") / "ws")
    over_time.tell(story)
    return story
