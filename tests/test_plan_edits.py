"""Plan edits after returns were accepted: answers stay with the measure they were given for."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from nsm_excel.cli.app import main
from nsm_excel.core import words
from nsm_excel.demo.sample_plan import plan_bytes
from nsm_excel.outputs.reports import build_reports
from nsm_excel.plan import history as plan_history
from nsm_excel.plan.edits import Answered, fingerprint
from nsm_excel.plan.loader import check_sheets
from nsm_excel.store.workspace import Workspace
from nsm_excel.template.generate import generate
from tests.conftest import Rows, make_workspace, raw_sheets, small_plan
from tests.returns import drop, filled, run
from tests.test_plan_loader import YEARS, cell

ANSWERED = (
    Answered("Measures", "A.1.1", "sq", "Profili i migracionit"),
    Answered("Measures", "A.2.1", "sq", "Sporteli i punësimit"),
    Answered("Measures", "A.2.1", "en", "Employment counter"),
    Answered("Indicators", "I.A.2.1.1", "sq", "Të kthyer të punësuar"),
)


def check(rows: Rows, answered: tuple[Answered, ...] = ANSWERED) -> list[tuple[str, str, str]]:
    return check_sheets(raw_sheets(rows), YEARS, "plan.xlsx", answered).report.codes()


def swapped(rows: Rows, sheet: str, first: int, second: int) -> Rows:
    """``rows`` with the codes of two rows of ``sheet`` swapped (titles stay in place)."""
    a, b = rows[sheet][first], rows[sheet][second]
    a["code"], b["code"] = b["code"], a["code"]
    return rows


def test_titles_compare_casefolded_with_whitespace_and_line_breaks_collapsed() -> None:
    assert fingerprint("  Profili I\r\nMigracionit ") == fingerprint("profili i migracionit")
    assert fingerprint("Profili_x0007_") == fingerprint("Profili\x07") != fingerprint("Profili")


def test_an_unchanged_plan_or_a_title_typed_differently_has_no_issue() -> None:
    rows = small_plan()
    assert check(rows) == []
    rows["Measures"][0]["title_sq"] = "PROFILI  i\nmigracionit"
    assert check(rows) == []


def test_two_measure_codes_swapped_is_an_error_at_each_answered_code() -> None:
    rows = swapped(small_plan(), "Measures", 0, 1)
    # A.2.1 is now on the first row (Profili...), A.1.1 on the second (Sporteli...)
    assert sorted(check(rows)) == [
        ("Measures", cell(rows, "Measures", "code", 0), "plan-accepted-code-moved"),
        ("Measures", cell(rows, "Measures", "code", 1), "plan-accepted-code-moved"),
    ]
    result = check_sheets(raw_sheets(rows), YEARS, "plan.xlsx", ANSWERED)
    assert result.plan is None
    issue = next(i for i in result.report.issues if i.value == "A.1.1")
    assert issue.params == {
        "key": "code",
        "answered": "Profili i migracionit",
        "other": "A.2.1",
        "kind": words.ref("issue.kind.measure"),
    }


def test_an_indicator_moved_to_another_code_is_an_error() -> None:
    rows = small_plan()
    rows["Indicators"][1]["name_sq"] = "Profili i botuar (2)"
    rows["Indicators"][0]["name_sq"] = "Të kthyer të punësuar"
    assert check(rows) == [
        ("Indicators", cell(rows, "Indicators", "code", 1), "plan-accepted-code-moved")
    ]


def test_another_edit_of_an_answered_title_is_a_warning_at_the_title() -> None:
    rows = small_plan()
    rows["Measures"][0]["title_sq"] = "Profili i migracionit 2025"
    rows["Measures"][1]["title_en"] = "One-stop employment counter"
    rows["Measures"][2]["title_sq"] = "Never answered: no issue"
    assert check(rows) == [
        ("Measures", cell(rows, "Measures", "title_sq", 0), "plan-accepted-title-changed"),
        ("Measures", cell(rows, "Measures", "title_en", 1), "plan-accepted-title-changed"),
    ]
    result = check_sheets(raw_sheets(rows), YEARS, "plan.xlsx", ANSWERED)
    assert result.plan is not None  # warnings only


def test_a_removed_code_is_left_to_other_checks() -> None:
    rows = small_plan()
    del rows["Indicators"][1]
    assert check(rows) == []


@pytest.fixture
def answered(tmp_path: Path) -> Workspace:
    """A workspace whose MB and AKPA returns for 2026-H1 are accepted."""
    space = make_workspace(tmp_path / "ws")
    generate(space)
    for code in ("MB", "AKPA"):
        drop(space, f"{code}_2026-H1.xlsx", filled(space, code, seed=2))
    assert [f.status for f in run(space).files] == ["accepted", "accepted"]
    return space


def test_the_records_give_what_accepted_returns_answered(answered: Workspace) -> None:
    found = plan_history.read(answered.database)
    assert Answered("Measures", "A.1.1", "sq", "Profili i migracionit") in found
    assert Answered("Indicators", "I.A.2.1.1", "sq", "Të kthyer të punësuar") in found
    assert not any(a.code == "A.2.2" for a in found)  # AIDA has not answered
    assert plan_history.read(answered.root / "no-records.sqlite") == ()


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def test_check_plan_generate_and_adopt_refuse_codes_swapped_after_acceptance(
    answered: Workspace,
) -> None:
    answered.plan_path.write_bytes(plan_bytes(swapped(small_plan(), "Measures", 0, 1)))
    code, out = _run("check-plan", "-w", str(answered.root))
    assert code == 1 and out.count("plan-accepted-code-moved") == 2, out
    code, out = _run("generate", "-w", str(answered.root), "--force")
    assert code == 1 and "no template was generated" in out, out
    code, out = _run("consolidate", "-w", str(answered.root))  # from version 1, as adopted
    assert code == 0 and "2 of 3 returns accepted" in out, out
    code, out = _run("plan", "adopt", "-w", str(answered.root))
    assert code == 1 and "plan-accepted-code-moved" in out, out
    other = answered.root / "other.xlsx"
    other.write_bytes(plan_bytes(swapped(small_plan(), "Measures", 0, 1)))
    code, out = _run("check-plan", "-w", str(answered.root), "--plan", str(other))
    assert code == 1 and "plan-accepted-code-moved" in out


def test_a_title_edited_after_acceptance_is_a_warning_and_generate_goes_on(
    answered: Workspace,
) -> None:
    rows = small_plan()
    rows["Measures"][0]["title_sq"] = "Profili i migracionit, botimi i dytë"
    answered.plan_path.write_bytes(plan_bytes(rows))
    code, out = _run("check-plan", "-w", str(answered.root))
    assert code == 0 and "plan-accepted-title-changed" in out, out
    code, out = _run("plan", "adopt", "-w", str(answered.root), "--effective", "2026-01-01")
    assert code == 0 and "Adopted version 2" in out and "plan-accepted-title-changed" in out
    code, out = _run("generate", "-w", str(answered.root), "--force", "-i", "MB")
    assert code == 0 and "1 templates written" in out, out
    assert build_reports(answered).master
