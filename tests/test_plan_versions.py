"""Plan versions: adoption, the version in force by year, unadopted edits, withdrawal."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from click.testing import CliRunner

from nsm_excel.cli.app import main
from nsm_excel.core.periods import period_or_raise
from nsm_excel.demo.sample_plan import plan_bytes
from nsm_excel.plan import adoption
from nsm_excel.store import calendar, database, plan_versions, register
from nsm_excel.store.workspace import Workspace
from nsm_excel.template.generate import generate
from tests.conftest import Rows, make_workspace, small_plan


def _cli(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def _edit(space: Workspace, rows: Rows) -> None:
    space.plan_path.write_bytes(plan_bytes(rows))


def test_adopt_records_version_one_then_is_a_no_op_and_lists(tmp_path: Path) -> None:
    space = make_workspace(tmp_path / "ws")
    code, out = _cli("plan", "adopt", "-w", str(space.root))
    assert code == 0 and "Adopted version 1, effective 01.01.2024" in out, out
    assert "governs the periods of: 2024, 2025, 2026" in out
    stored = space.root / "plans" / "action_plan_v1.xlsx"
    assert stored.read_bytes() == space.plan_path.read_bytes()
    code, out = _cli("plan", "adopt", "-w", str(space.root))
    assert code == 0 and "nothing to adopt" in out, out
    code, out = _cli("plan", "list", "-w", str(space.root))
    assert code == 0 and "v1" in out and "01.01.2024" in out and "v2" not in out


def test_generate_refuses_an_edit_not_adopted_and_names_the_rows(tmp_path: Path) -> None:
    space = make_workspace(tmp_path / "ws")
    generate(space)  # version 1 recorded on first need
    rows = small_plan()
    rows["Measures"][2]["title_en"] = "Investor guide, second edition"
    del rows["Indicators"][0]
    _edit(space, rows)
    result = generate(space, force=True)
    assert result.plan.plan is None
    assert result.plan.report.codes() == [
        ("", "", "plan-not-adopted"),
        ("Measures", "", "plan-row-changed"),
        ("Indicators", "", "plan-row-removed"),
    ]
    changed = result.plan.report.issues[1]
    assert changed.value == "A.2.2" and changed.params["keys"] == "title_en"
    assert "nsm plan adopt" in result.plan.report.issues[0].message("en")
    assert "nsm plan adopt" in result.plan.report.issues[0].message("sq")
    code, out = _cli("check-plan", "-w", str(space.root))
    assert code == 0 and "plan-row-changed" in out and "plan-row-removed" in out, out


def test_an_amendment_effective_2026_governs_2026_and_2025_stays_on_version_one(
    tmp_path: Path,
) -> None:
    space = make_workspace(tmp_path / "ws")
    adoption.adopt(space)
    rows = small_plan()
    rows["Measures"][0]["end"] = "2026"  # A.1.1 now runs in 2026 too: MB leads it then
    rows["Measures"][0]["title_sq"] = "Profili i migracionit, i përditësuar"
    _edit(space, rows)
    result = adoption.adopt(space, dt.date(2026, 1, 1), "mid-term review")
    assert result.outcome == adoption.ADOPTED and result.years == (2026,)
    with database.connect(space.database, backup=False) as db:
        assert [v.number for v in plan_versions.adopted(db)] == [1, 2]
        assert plan_versions.in_force(db, 2025).number == 1  # type: ignore[union-attr]
        assert plan_versions.in_force(db, 2026).number == 2  # type: ignore[union-attr]
    with database.connect(space.database) as db:
        calendar.open_period(db, "2025")
    later = generate(space, period_or_raise("2026-H1"))
    earlier = generate(space, period_or_raise("2025"))
    with database.connect(space.database, backup=False) as db:
        mb_2026 = register.latest(db, "MB", "2026-H1")
        mb_2025 = register.latest(db, "MB", "2025")
    assert mb_2026 is not None and mb_2025 is not None
    titles_2026 = [m["title"] for m in mb_2026.content["measures"]]
    titles_2025 = [m["title"] for m in mb_2025.content["measures"]]
    assert "Profili i migracionit" in titles_2025
    assert "Profili i migracionit, i përditësuar" in titles_2026
    assert mb_2026.plan_version != mb_2025.plan_version
    assert {line.outcome for line in later.lines + earlier.lines} == {"issued", "no rows"}


def test_the_plan_changed_note_looks_at_the_institutions_own_rows(tmp_path: Path) -> None:
    space = make_workspace(tmp_path / "ws")
    generate(space)
    rows = small_plan()
    rows["Measures"][1]["title_sq"] = "Sporteli i ri i punësimit"  # AKPA leads, MB supports
    _edit(space, rows)
    adoption.adopt(space, dt.date(2026, 1, 1))
    lines = {line.institution: line.note for line in generate(space).lines}
    assert "rows changed" in lines["AKPA"] and "rows changed" in lines["MB"]
    assert "rows changed" not in lines["AIDA"]
    assert lines["AIDA"] == "already issued; --force issues a new version"


def test_adoption_refuses_a_removed_institution_without_succession(tmp_path: Path) -> None:
    space = make_workspace(tmp_path / "ws")
    generate(space)
    rows = small_plan()
    del rows["Institutions"][2]  # AIDA, which received a template
    rows["Measures"][0]["supporting"] = "AKPA"
    rows["Measures"][2]["lead"] = "BSH"
    _edit(space, rows)
    result = adoption.adopt(space, dt.date(2026, 1, 1))
    assert result.outcome == adoption.REFUSED
    assert ("Institutions", "", "plan-institution-removed") in result.check.report.codes()
    assert "Succession" in result.check.report.errors[0].message("en")


@pytest.mark.parametrize("kept", [False, True], ids=["left-institutions", "still-listed"])
def test_a_succession_withdraws_the_old_template_and_names_the_successor(
    tmp_path: Path, kept: bool
) -> None:
    space = make_workspace(tmp_path / "ws")
    generate(space)
    rows = small_plan()
    if not kept:  # AIDA became BSH's, and left the Institutions sheet (or stays listed, rowless)
        del rows["Institutions"][2]
    rows["Measures"][0]["supporting"] = "AKPA"
    rows["Measures"][2]["lead"] = "BSH"
    rows["Succession"] = [{"old_code": "AIDA", "new_code": "BSH", "date": "2026-01-01"}]
    _edit(space, rows)
    assert adoption.adopt(space, dt.date(2026, 1, 1)).outcome == adoption.ADOPTED
    lines = {line.institution: line for line in generate(space).lines}
    assert lines["AIDA"].outcome == "withdrawn" and "BSH" in lines["AIDA"].note
    assert lines["BSH"].outcome == "issued"
    with database.connect(space.database, backup=False) as db:
        aida = register.latest(db, "AIDA", "2026-H1")
        assert aida is not None and not aida.expected
        assert aida.withdrawal["reason"] == "succeeded"
        assert aida.withdrawal["params"]["successors"] == ["BSH"]
        assert "AIDA" not in {t.institution for t in register.expected(db, "2026-H1")}
