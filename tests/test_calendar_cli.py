"""The calendar as the secretariat meets it on the command line: what status, period and plan
commands say, in the language asked for, and what they tell the user to do next."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from click.testing import CliRunner

from nsm_excel.cli.app import main
from nsm_excel.demo.sample_plan import plan_bytes
from nsm_excel.intake.run import validate_inbox
from nsm_excel.plan import adoption
from nsm_excel.store.workspace import Workspace
from tests.conftest import make_workspace, small_plan
from tests.returns import drop, filled


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def test_status_in_albanian_has_no_english_words(issued: Workspace) -> None:
    code, out = run("status", "-w", str(issued.root), "--lang", "sq")
    assert code == 0, out
    assert "2026-H1 (e hapur), afati 31.07.2026: 0 nga 3 të pranuar" in out
    assert "skedarë 0  i fundit –" in out
    for english in ("open", "deadline", "accepted", "files", "last"):
        assert english not in out.replace("nsm_excel", ""), english


def test_an_open_period_without_templates_says_to_generate(space: Workspace) -> None:
    code, out = run("status", "-w", str(space.root))
    assert code == 0, out
    assert "0 of 0" not in out
    assert "no template issued yet" in out and "nsm generate --period 2026-H1" in out
    code, out = run("status", "-w", str(space.root), "--lang", "sq")
    assert "nsm generate --period 2026-H1" in out and "asnjë formular" in out


def test_status_shows_the_receipt_time_in_the_workspace_zone(issued: Workspace) -> None:
    sent = dt.datetime(2026, 7, 31, 23, 30, tzinfo=dt.UTC)  # 1 August, 01:30 in Tirana
    drop(issued, "MB_2026-H1.xlsx", filled(issued, "MB"))
    validate_inbox(issued, clock=lambda: sent)
    code, out = run("status", "-w", str(issued.root))
    assert code == 0, out
    assert "last 01.08.2026 01:30" in out and "late" in out


def test_opening_a_period_whose_deadline_is_past_says_so_and_how_to_move_it(
    space: Workspace,
) -> None:
    code, out = run("period", "open", "2024-H1", "-w", str(space.root))
    assert code == 0, out
    assert "deadline 30.07.2024 is already past" in out
    assert "nsm period set-deadline 2024-H1 DATE" in out
    code, out = run("period", "set-deadline", "2024-H1", "2099-12-31", "-w", str(space.root))
    assert code == 0 and "already past" not in out, out


def test_closing_before_the_deadline_names_who_has_not_reported(issued: Workspace) -> None:
    ws = str(issued.root)
    assert run("period", "set-deadline", "2026-H1", "2099-12-31", "-w", ws)[0] == 0
    drop(issued, "MB_2026-H1.xlsx", filled(issued, "MB"))
    validate_inbox(issued)
    code, out = run("period", "close", "2026-H1", "-w", ws)
    assert code == 0, out
    assert "closed before its deadline 31.12.2099" in out
    assert "from 2 institution(s): AIDA, AKPA." in out
    assert "nsm period reopen 2026-H1 --reason TEXT" in out


def test_an_amendment_adopted_on_the_wrong_day_can_be_adopted_again_from_1_january(
    tmp_path: Path,
) -> None:
    space = make_workspace(tmp_path / "ws")
    adoption.adopt(space)
    rows = small_plan()
    rows["Measures"][0]["title_sq"] = "Profili i migracionit, i përditësuar"
    space.plan_path.write_bytes(plan_bytes(rows))
    ws = str(space.root)
    code, out = run("plan", "adopt", "-w", ws, "--effective", "2026-03-01")
    assert code == 0 and "governs the periods of: none of the plan years." in out, out
    assert "run nsm plan adopt --effective 2026-01-01" in out
    code, out = run("plan", "adopt", "-w", ws, "--effective", "2026-01-01")
    assert code == 0 and "Adopted version 3, effective 01.01.2026" in out, out
    assert "governs the periods of: 2026." in out
    stored = space.root / "plans" / "action_plan_v3.xlsx"
    assert stored.read_bytes() == space.plan_path.read_bytes()
    assert (space.root / "plans" / "action_plan_v2.xlsx").is_file()  # nothing adopted is undone
    for day in ("2026-01-01", "2019-01-01", "2026-06-01"):  # no plan year would change
        code, out = run("plan", "adopt", "-w", ws, "--effective", day)
        assert code == 0 and "nothing to adopt" in out, out
    assert "would not change the version that governs any plan year" in out
    assert not (space.root / "plans" / "action_plan_v4.xlsx").exists()


def test_consolidating_a_period_without_templates_says_how_to_report_on_it(
    space: Workspace,
) -> None:
    ws = str(space.root)
    code, out = run("consolidate", "-w", ws, "--period", "2024")
    assert code == 0, out
    assert "0 of 0 returns accepted" in out
    assert "Note: period 2024 is planned and no template was issued for it" in out
    assert "open it with nsm period open 2024, then issue its templates with" in out
    assert "nsm generate --period 2024" in out
    code, out = run("consolidate", "-w", ws)
    assert code == 0 and "Note: period 2026-H1 is open and no template" in out, out
    assert "nsm period open" not in out
    code, out = run("status", "-w", ws, "--period", "2024")
    assert "Open it with nsm period open 2024, then" in out, out


def test_consolidating_a_period_with_templates_has_no_such_note(issued: Workspace) -> None:
    code, out = run("consolidate", "-w", str(issued.root))
    assert code == 0 and "0 of 3 returns accepted" in out and "Note:" not in out, out


def test_init_refuses_a_period_outside_the_plan_years_and_creates_nothing(
    tmp_path: Path,
) -> None:
    code, out = run("init", str(tmp_path / "ws"), "--period", "2027")
    assert code == 2, out
    assert "period 2027 is outside the Action Plan years (2024, 2025, 2026)" in out
    assert not (tmp_path / "ws").exists()


def test_init_with_a_deadline_already_past_says_so(tmp_path: Path) -> None:
    ws = str(tmp_path / "ws")
    code, out = run("init", ws, "--period", "2024-H1", "--deadline", "2024-07-30")
    assert code == 0, out
    assert "deadline 30.07.2024 is already past" in out


def test_closing_a_period_no_template_was_issued_for_says_how_to_report_on_it(
    space: Workspace,
) -> None:
    code, out = run("period", "close", "2026-H1", "-w", str(space.root))
    assert code == 0, out
    assert "Note: no template was issued for 2026-H1" in out
    assert "nsm period reopen 2026-H1 --reason TEXT, then nsm generate --period 2026-H1" in out
    assert "closed before its deadline" not in out
