"""The Succession sheet: its checks, and successors and predecessors followed through chains."""

from __future__ import annotations

import datetime as dt

from nsm_excel.plan.loader import check_sheets
from nsm_excel.plan.model import Plan
from nsm_excel.plan.succession import predecessors, successors
from tests.conftest import Rows, raw_sheets, small_plan
from tests.test_plan_loader import YEARS


def _plan(rows: Rows) -> Plan:
    checked = check_sheets(raw_sheets(rows), YEARS, "plan.xlsx")
    assert checked.plan is not None, checked.report.codes()
    return checked.plan


def _codes(rows: Rows) -> list[tuple[str, str, str]]:
    return check_sheets(raw_sheets(rows), YEARS, "plan.xlsx").report.codes()


def _with(*succession: dict[str, str]) -> Rows:
    rows = small_plan()
    rows["Institutions"] += [
        {"code": code, "name_sq": code, "name_en": code} for code in ("NEW", "N1", "N2")
    ]
    rows["Succession"] = list(succession)
    return rows


def test_a_rename_a_merge_and_a_split_are_followed_through_chains() -> None:
    plan = _plan(
        _with(
            {"old_code": "OLD", "new_code": "NEW", "date": "2025-01-01"},  # a rename
            {"old_code": "GONE", "new_code": "NEW", "date": "01.03.2025"},  # merged into NEW
            {"old_code": "NEW", "new_code": "N1; N2", "date": "2026-01-01"},  # then a split
        )
    )
    assert [s.date for s in plan.successions][1] == dt.date(2025, 3, 1)
    assert successors(plan, "OLD", dt.date(2024, 12, 31)) == ("OLD",)
    assert successors(plan, "OLD", dt.date(2025, 6, 30)) == ("NEW",)
    assert successors(plan, "OLD", dt.date(2026, 6, 30)) == ("N1", "N2")
    assert successors(plan, "GONE", dt.date(2026, 6, 30)) == ("N1", "N2")
    assert predecessors(plan, "NEW") == ("OLD", "GONE")
    assert predecessors(plan, "N2") == ("OLD", "GONE", "NEW")
    assert predecessors(plan, "MB") == ()


def test_a_plan_without_the_sheet_keeps_its_fingerprint() -> None:
    assert _plan(small_plan()).successions == ()
    assert _plan(small_plan()).version == _plan(small_plan()).version


def test_a_new_code_not_in_institutions_and_a_bad_date_are_refused() -> None:
    codes = _codes(_with({"old_code": "OLD", "new_code": "NOWHERE", "date": "31.02.2026"}))
    assert ("Succession", "B2", "plan-unknown-institution") in codes
    assert ("Succession", "C2", "plan-bad-date") in codes


def test_a_cycle_is_refused() -> None:
    codes = _codes(
        _with(
            {"old_code": "N1", "new_code": "N2", "date": "2025-01-01"},
            {"old_code": "N2", "new_code": "N1", "date": "2026-01-01"},
        )
    )
    assert codes.count(("Succession", "A2", "plan-succession-cycle")) == 1
    assert ("Succession", "A3", "plan-succession-cycle") in codes


def test_one_old_code_succeeded_twice_on_one_day_is_refused() -> None:
    codes = _codes(
        _with(
            {"old_code": "OLD", "new_code": "N1", "date": "2026-01-01"},
            {"old_code": "OLD", "new_code": "N2", "date": "2026-01-01"},
        )
    )
    assert codes == [("Succession", "A3", "plan-succession-twice")]


def test_an_old_code_still_leading_supporting_or_responsible_after_its_date_is_refused() -> None:
    rows = _with({"old_code": "AKPA", "new_code": "NEW", "date": "2025-06-30"})
    rows["Indicators"][2]["responsible"] = "AKPA"
    codes = [c for c in _codes(rows) if c[2] == "plan-succeeded-still-named"]
    sheets = sorted({(sheet, code) for sheet, _cell, code in codes})
    assert sheets == [
        ("Indicators", "plan-succeeded-still-named"),
        ("Measures", "plan-succeeded-still-named"),
    ]
    assert len(codes) == 3  # leads A.2.1 to 2026, supports A.1.1 to 2025-H2, IO.A.2.1
