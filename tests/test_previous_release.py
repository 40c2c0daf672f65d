"""A workspace made by the release before the calendar, opened and carried on with this one.

The fixture (tests/fixtures/release-before-calendar/, see its README.md) was made with that
release: the small plan, ``[cycle] period = "2026-H1"``, templates issued, MB's return accepted,
AKPA's return filled on its template but not yet sent. Here a clerk carries on with the current
code, through the commands as typed.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import sqlite3
from pathlib import Path

from click.testing import CliRunner

from nsm_excel.cli.app import main
from nsm_excel.intake.structure.check import COLUMNS, issued_columns
from nsm_excel.store import calendar, database, plan_versions

FIXTURE = Path(__file__).parent / "fixtures" / "release-before-calendar"
OLD_SCHEMA = 10  # the schema steps the fixture's records had, before the calendar's
AKPA_TEMPLATE = "AKPA-2026-H1-v1-afcd623f"  # the template the old release issued to AKPA


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def schema_of(path: Path) -> int:
    with sqlite3.connect(path) as db:
        return int(db.execute("PRAGMA user_version").fetchone()[0])


def copied(tmp_path: Path) -> tuple[Path, Path]:
    """The fixture's workspace and its unsent return, copied; git keeps no empty folders."""
    shutil.copytree(FIXTURE, tmp_path / "old")
    ws = tmp_path / "old" / "workspace"
    for folder in ("inbox", "outbox"):
        (ws / folder).mkdir(exist_ok=True)
    return ws, tmp_path / "old" / "unsent" / "AKPA_2026-H1.xlsx"


def send(ws: Path, made: Path, saved: dt.datetime) -> None:
    """The return dropped into the inbox as the clerk saved it, on ``saved``."""
    target = ws / "inbox" / made.name
    shutil.copyfile(made, target)
    stamp = saved.timestamp()
    os.utime(target, (stamp, stamp))


def test_the_fixture_is_a_workspace_of_the_previous_release(tmp_path: Path) -> None:
    ws, _ = copied(tmp_path)  # opened in a copy: SQLite may leave files beside the records
    assert schema_of(ws / "nsm.sqlite") == OLD_SCHEMA < len(database.SCHEMA)
    assert "[cycle]\n# The period being reported on" in (ws / "nsm.toml").read_text("utf-8")
    assert not (ws / "plans").exists() and not (ws / "backups").exists()


def test_a_template_issued_before_carry_forward_is_expected_without_its_columns() -> None:
    measure = {"measure_code": "A.1.1", "role": "lead", "planned_cost": 0}
    now = measure | {"previous_period": None, "previous_status": None, "role_label": "drejtues"}
    assert issued_columns({"measures": [now], "indicators": [], "inputs_added": ["remark"]}) == (
        COLUMNS
    )
    before = issued_columns({"measures": [measure], "indicators": []})
    assert [c.key for c in before["Indicators"] if c.key.startswith("previous")] == []
    assert [c.key for c in COLUMNS["Measures"] if c not in before["Measures"]] == [
        "role_label",
        "output",
        "target_groups",
        "previous_period",
        "previous_status",
        "previous_progress",
        "spent_year_to_date",
        "spent_total_to_date",
        "remark",
    ]


def test_a_workspace_of_the_previous_release_carries_on(tmp_path: Path) -> None:
    ws, unsent = copied(tmp_path)
    config = (ws / "nsm.toml").read_bytes()
    received = {p.relative_to(ws): p.read_bytes() for p in (ws / "archive").rglob("*.xlsx")}

    code, out = run("status", "-w", str(ws))
    assert code == 0, out
    assert "2026-H1 (open), deadline 31.07.2026: 1 of 3 accepted" in out
    # received 10:15 UTC, shown on the workspace's clock (Tirana, summer time)
    assert "MB       on time   files 1  last 20.07.2026 12:15  record 1     MB_2026-H1.xlsx" in out
    assert "AKPA     overdue" in out  # the deadline has passed on the clock of the test run
    copies = sorted((ws / "backups").glob("*.sqlite"))
    assert copies and schema_of(copies[0]) == OLD_SCHEMA  # taken before the schema steps
    assert schema_of(ws / "nsm.sqlite") == len(database.SCHEMA)
    with database.reading(ws / "nsm.sqlite") as db:
        period = calendar.get(db, "2026-H1")
        assert period is not None
        assert (period.state, period.deadline) == (calendar.OPEN, dt.date(2026, 7, 31))
        assert [(e.action, e.params) for e in calendar.events(db, "2026-H1")] == [
            ("migrated", {"state": "open", "deadline": "2026-07-31", "from": "cycle"})
        ]
        others = [c for c in calendar.all_periods(db) if c.period.code != "2026-H1"]
        assert others and {c.state for c in others} == {calendar.PLANNED}
        versions = plan_versions.adopted(db)
    assert [(v.number, v.effective, v.file) for v in versions] == [
        (1, dt.date(2024, 1, 1), "plans/action_plan_v1.xlsx")
    ]
    assert (ws / "plans/action_plan_v1.xlsx").read_bytes() == (ws / "action_plan.xlsx").read_bytes()

    code, out = run("plan", "list", "-w", str(ws))
    assert code == 0, out
    assert "v1   effective 01.01.2024  plans/action_plan_v1.xlsx" in out

    code, out = run("generate", "-w", str(ws))  # the rows did not change: nothing to reissue
    assert code == 0, out
    assert "0 templates written, 3 kept" in out
    assert "AKPA     kept      v1     2 measures   1 indicators  already issued; --force" in out

    send(ws, unsent, dt.datetime(2026, 7, 24, 10, 15, tzinfo=dt.UTC))
    code, out = run("validate", "-w", str(ws), "--json")
    assert code == 0, out
    (judged,) = json.loads(out)["files"]
    assert (judged["institution"], judged["status"], judged["template_id"]) == (
        "AKPA",
        "accepted",
        AKPA_TEMPLATE,
    )
    assert (judged["errors"], judged["warnings"], judged["feedback"]) == (0, 0, "")

    code, out = run("consolidate", "-w", str(ws), "--json")
    assert code == 0, out
    figures = json.loads(out)
    assert (figures["expected"], figures["accepted"], figures["on_time"]) == (3, 2, 2)
    # A.2.1 in 2026: MB's support row spent 59,000; AKPA's lead row 192,000 state + 47,000 donor
    assert (figures["planned"], figures["spent"]) == (750000, 59000 + 192000 + 47000)

    code, out = run("period", "close", "2026-H1", "-w", str(ws))
    assert code == 0, out
    assert "2 returns counted  published in outbox/2026-H1/published/1" in out
    published = sorted(p.name for p in (ws / "outbox/2026-H1/published/1").iterdir())
    assert published == [
        f"NSM_{kind}_2026-H1_{lang}.{ext}"
        for kind, ext in (("master", "xlsx"), ("summary", "html"))
        for lang in ("en", "sq")
    ]

    code, out = run("doctor", "-w", str(ws))
    assert code == 0, out
    assert "healthy" in out
    assert (ws / "nsm.toml").read_bytes() == config
    assert all((ws / path).read_bytes() == data for path, data in received.items())
