"""Closing a period publishes its outputs from the frozen facts; made again, they are the same."""

from __future__ import annotations

import datetime as dt
import hashlib
import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner

from nsm_excel.cli import main
from nsm_excel.core.periods import period_or_raise
from nsm_excel.demo.sample_plan import plan_bytes
from nsm_excel.outputs import frozen, publishing, summary_report
from nsm_excel.outputs.reports import build_reports
from nsm_excel.plan import adoption
from nsm_excel.store import config, database, period_changes, published
from nsm_excel.store.backup import backup_workspace
from nsm_excel.store.config import CONFIG_NAME, CalendarRule
from nsm_excel.store.restore import restore_workspace
from nsm_excel.store.workspace import Workspace
from tests.conftest import small_plan
from tests.returns import drop, filled, run

P = "2026-H1"
NAMES = [
    "NSM_master_2026-H1_en.xlsx",
    "NSM_master_2026-H1_sq.xlsx",
    "NSM_summary_2026-H1_en.html",
    "NSM_summary_2026-H1_sq.html",
]


def _with_return(space: Workspace) -> Workspace:
    drop(space, "MB_2026-H1.xlsx", filled(space, "MB"))
    assert [f.status for f in run(space).files] == ["accepted"]
    return space


def _rows(space: Workspace) -> list[tuple[int, str, str, str]]:
    with database.connect(space.database, backup=False) as db:
        found = published.of_period(db, P)
    return [(r.closing, r.kind, r.language, r.file) for r in found]


def _files(space: Workspace) -> dict[str, bytes]:
    return {
        p.relative_to(space.root).as_posix(): p.read_bytes()
        for p in sorted(space.outbox.rglob("*"))
        if p.is_file()
    }


def test_closing_publishes_every_output_in_both_languages_and_records_it(
    issued: Workspace,
) -> None:
    space = _with_return(issued)
    closed = publishing.close_period(space, P)
    assert closed.period.state == "closed"
    assert [(p.period, p.closing, p.completed) for p in closed.publications] == [(P, 1, True)]
    folder = "outbox/2026-H1/published/1"
    assert _rows(space) == [
        (1, kind, lang, f"{folder}/NSM_{kind}_2026-H1_{lang}.{ext}")
        for kind, ext in (("master", "xlsx"), ("summary", "html"))
        for lang in ("en", "sq")
    ]
    with database.connect(space.database, backup=False) as db:
        for row in published.of_period(db, P):
            data = (space.root / row.file).read_bytes()
            assert hashlib.sha256(data).hexdigest() == row.sha256
            assert row.published_at == closed.period.frozen["closed_at"]  # type: ignore[index]
    html = (space.root / folder / "NSM_summary_2026-H1_sq.html").read_text("utf-8")
    assert "Ministria e Brendshme" in html or "MB" in html
    facts = closed.period.frozen or {}
    assert facts["issued"] and facts["received"] and facts["settings"]["time_zone"]
    listing = period_changes.listing(space)
    assert listing.published == {P: folder}


def _change_everything(space: Workspace) -> Workspace:
    """nsm.toml's names and deadline rule, the plan file, and a new plan version adopted."""
    changed = replace(
        space.config,
        strategy_name_en="Another strategy",
        strategy_name_sq="Një strategji tjetër",
        secretariat_name="Someone else",
        calendar=CalendarRule(space.config.calendar.periods, 5, "UTC"),
    )
    (space.root / CONFIG_NAME).write_text(config.render(changed), "utf-8")
    rows = small_plan()
    rows["Institutions"][0]["name_en"] = "Ministry of the Interior, renamed"
    space.plan_path.write_bytes(plan_bytes(rows))
    again = Workspace.open(space.root)
    adopted = adoption.adopt(again, dt.date(2026, 1, 1), "mid-term review")
    assert adopted.outcome == adoption.ADOPTED and adopted.years == (2026,)
    return again


def test_a_closed_period_comes_out_byte_identical_whatever_changed_since(
    issued: Workspace,
) -> None:
    space = _with_return(issued)
    late = filled(space, "AKPA")
    publishing.close_period(space, P)
    before = _files(space)
    drop(space, "AKPA_2026-H1.xlsx", late)  # too late: the period is closed
    assert [f.status for f in run(space).files] == ["rejected"]
    before |= _files(space)  # its feedback
    again = _change_everything(space)
    result = build_reports(again, period_or_raise(P))
    assert result.frozen is not None and result.frozen.identical
    assert result.frozen.regenerated == [] and result.frozen.restored == []
    assert result.master == "outbox/2026-H1/published/1/NSM_master_2026-H1_sq.xlsx"
    assert _files(again) == before  # nothing written


def test_a_changed_layout_gets_a_regenerated_copy_beside_the_published_file(
    issued: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    space = _with_return(issued)
    publishing.close_period(space, P)
    before = _files(space)
    real = summary_report.render
    monkeypatch.setattr(summary_report, "render", lambda *a: real(*a) + "<!-- new layout -->")
    result = build_reports(space, period_or_raise(P))
    assert result.frozen is not None and not result.frozen.identical
    day = space.today().isoformat()
    assert result.frozen.differs == [f"outbox/2026-H1/published/1/{n}" for n in NAMES[2:]]
    assert result.frozen.regenerated == [f"outbox/2026-H1/regenerated/{day}/{n}" for n in NAMES[2:]]
    after = _files(space)
    assert {k: v for k, v in after.items() if k in before} == before  # published untouched
    copy = after[result.frozen.regenerated[0]]
    assert copy.endswith(b"<!-- new layout -->")


def test_reopening_and_closing_again_keeps_both_closings(issued: Workspace) -> None:
    space = _with_return(issued)
    publishing.close_period(space, P)
    first = _files(space)
    period_changes.change(space, "reopen", P, "a late return")
    publishing.close_period(space, P)
    assert sorted({r[0] for r in _rows(space)}) == [1, 2]
    after = _files(space)
    assert {k: v for k, v in after.items() if k in first} == first
    assert [k for k in after if "/published/2/" in k] == [
        f"outbox/2026-H1/published/2/{n}" for n in NAMES
    ]
    assert period_changes.listing(space).published == {P: "outbox/2026-H1/published/2"}


def _stopped_before_records(space: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    def stop(db: sqlite3.Connection, files: object) -> None:
        raise KeyboardInterrupt  # the run killed between its files and its records

    with monkeypatch.context() as patch:
        patch.setattr(published, "record", stop)
        with pytest.raises(KeyboardInterrupt):
            publishing.close_period(space, P)
    assert _rows(space) == []
    assert len([k for k in _files(space) if "/published/1/" in k]) == 4


def test_a_close_stopped_between_files_and_records_is_finished_by_the_next_close(
    issued: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    space = _with_return(issued)
    _stopped_before_records(space, monkeypatch)
    files = _files(space)
    closed = publishing.close_period(space, P)  # closed already: the publication is finished
    assert closed.period.state == "closed"
    assert [(p.period, p.closing, p.completed) for p in closed.publications] == [(P, 1, True)]
    assert len(_rows(space)) == 4 and _files(space) == files


def test_a_close_stopped_before_its_files_is_finished_by_consolidating(
    issued: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    space = _with_return(issued)

    def stop(*args: object) -> None:
        raise KeyboardInterrupt  # killed after the closing, before any file

    with monkeypatch.context() as patch:
        patch.setattr(frozen, "render", stop)
        with pytest.raises(KeyboardInterrupt):
            publishing.close_period(space, P)
    assert _rows(space) == [] and not (space.outbox / P / "published").exists()
    result = build_reports(space, period_or_raise(P))
    assert result.frozen is not None and result.frozen.completed and result.frozen.identical
    assert len(_rows(space)) == 4


def test_a_restored_workspace_consolidates_a_closed_period_byte_identically(
    issued: Workspace, tmp_path: Path
) -> None:
    space = _with_return(issued)
    publishing.close_period(space, P)
    _change_everything(space)  # a later version adopted: two copies under plans/
    before = _files(space)
    backup_workspace(Workspace.open(space.root), tmp_path / "backup")
    elsewhere = tmp_path / "elsewhere"
    restore_workspace(elsewhere, tmp_path / "backup")
    assert sorted(p.name for p in (elsewhere / "plans").iterdir()) == [
        "action_plan_v1.xlsx",
        "action_plan_v2.xlsx",
    ]
    restored = Workspace.open(elsewhere)
    result = build_reports(restored, period_or_raise(P))
    assert result.frozen is not None and result.frozen.identical
    assert _files(restored) == before


def test_the_commands_say_where_the_outputs_were_published_and_that_they_are_the_same(
    issued: Workspace,
) -> None:
    space = _with_return(issued)
    where = ["-w", str(space.root)]
    closed = CliRunner().invoke(main, ["period", "close", P, *where])
    assert closed.exit_code == 0, closed.output
    assert "published in outbox/2026-H1/published/1" in closed.output
    listed = CliRunner().invoke(main, ["period", "list", *where])
    assert "closed    deadline 31.07.2026  1 returns counted  published in" in listed.output
    again = CliRunner().invoke(main, ["consolidate", "--period", P, *where])
    assert again.exit_code == 0, again.output
    assert "identical to the published files; nothing written" in again.output
