"""`nsm log`: the audit log of a cycle, in order, filtered, as JSON; it only ever grows."""

from __future__ import annotations

import contextlib
import json
import sqlite3
from typing import Any

from click.testing import CliRunner

from nsm_excel.cli.app import main
from nsm_excel.outputs import event_log
from nsm_excel.store import register
from nsm_excel.store.workspace import Workspace
from tests.returns import drop, filled, put, run


def nsm(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def rows(space: Workspace) -> list[tuple[Any, ...]]:
    with contextlib.closing(sqlite3.connect(space.database)) as db:
        return db.execute("SELECT * FROM audit_log ORDER BY id").fetchall()


def codes(space: Workspace) -> list[str]:
    with contextlib.closing(sqlite3.connect(space.database)) as db:
        return [r[0] for r in db.execute("SELECT DISTINCT institution FROM issued_templates")]


def cycle(space: Workspace) -> str:
    """Two returns of one institution, the second a resend, and the deadline moved."""
    code = sorted(codes(space))[0]
    first = filled(space, code)
    drop(space, f"{code}_first.xlsx", first)
    run(space)
    again, _ = put(first, "Measures", _measure(space, code), "progress", "Done by June.")
    drop(space, f"{code}_again.xlsx", again)
    run(space)
    exit_code, out = nsm(
        "period", "set-deadline", "-w", str(space.root), "2026-H1", "2026-08-15", "--reason", "MoF"
    )
    assert exit_code == 0, out
    return code


def _measure(space: Workspace, code: str) -> str:
    with contextlib.closing(sqlite3.connect(space.database)) as db:
        db.row_factory = sqlite3.Row
        found = register.latest(db, code, "2026-H1")
    assert found is not None
    return str(found.content["measures"][0]["measure_code"])


def test_the_log_tells_the_cycle_in_order_filtered_and_as_json(issued: Workspace) -> None:
    code = cycle(issued)
    exit_code, out = nsm("log", "-w", str(issued.root), "--json")
    assert exit_code == 0, out
    data = json.loads(out)
    assert data == event_log.read(issued).to_dict()
    actions = [e["action"] for e in data["events"]]
    assert actions[0].startswith("period-") and actions[-1] == "period-set-deadline"
    assert "period-opened" in actions
    assert actions.index("plan-adopted") < actions.index("issued") < actions.index("received")
    assert actions.count("issued") == len(codes(issued))
    ours = [(e["action"], e["params"].get("status")) for e in data["events"] if e["record"]]
    assert ours == [("received", None), ("judged", "accepted")] * 2
    assert data["events"][-1]["params"] == {
        "from": "2026-07-31",
        "to": "2026-08-15",
        "reason": "MoF",
    }
    _, one = nsm("log", "-w", str(issued.root), "--institution", code, "--json")
    assert {e["institution"] for e in json.loads(one)["events"]} == {code}
    assert [e["action"] for e in json.loads(one)["events"]] == [
        "issued",
        *["received", "judged"] * 2,
    ]
    _, period = nsm("log", "-w", str(issued.root), "--period", "2026", "--json")
    assert {e["action"] for e in json.loads(period)["events"]} == {"period-added"}
    _, text = nsm("log", "-w", str(issued.root), "-i", code)
    lines = text.splitlines()
    assert lines[0].split() == ["Time", "Who", "Period", "Institution", "What"]
    assert f"file {code}_again.xlsx received (it arrived on 20.07.2026 11:00;" in lines[-2]
    assert lines[-1].endswith("judged: accepted (errors: 0, warnings: 0)")
    _, sq = nsm("log", "-w", str(issued.root), "--period", "2026-H1", "--lang", "sq")
    assert sq.splitlines()[-1].endswith(
        "afati u zhvendos nga 31.07.2026 në 15.08.2026; arsyeja: MoF"
    )


def test_no_command_rewrites_or_deletes_an_event(issued: Workspace) -> None:
    seen = rows(issued)
    code = sorted(codes(issued))[0]
    steps = [
        lambda: drop(issued, f"{code}.xlsx", filled(issued, code)),
        lambda: run(issued),
        lambda: nsm("generate", "-w", str(issued.root), "--force"),
        lambda: nsm("consolidate", "-w", str(issued.root)),
        lambda: nsm("period", "close", "-w", str(issued.root), "2026-H1"),
        lambda: nsm("period", "reopen", "-w", str(issued.root), "2026-H1", "--reason", "late file"),
        lambda: nsm("status", "-w", str(issued.root)),
    ]
    for step in steps:
        step()
        now = rows(issued)
        assert now[: len(seen)] == seen  # ids and rows as they were
        seen = now
    actions = [r[3] for r in seen]
    assert {"period-close", "period-reopen", "received", "judged"} <= set(actions)


def test_an_event_of_an_unknown_action_is_shown_by_its_name() -> None:
    event = event_log.audit.Event(1, "not a time", "", "period-forgotten")
    assert event_log.sentence(event, "en") == "period-forgotten"
    assert event_log.local(event.at, "Europe/Tirane") == "not a time"
