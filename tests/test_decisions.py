"""The secretariat's decisions on returns: accept despite errors, accept warnings, send back."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from nsm_excel.cli.app import main
from nsm_excel.core import clock
from nsm_excel.intake import decide
from nsm_excel.intake.decide import DecisionRefused
from nsm_excel.outputs.status import submission_status
from nsm_excel.store import audit, calendar, database, decisions, ledger
from nsm_excel.store.workspace import Workspace
from tests.returns import drop, filled, run


@pytest.fixture
def space(issued: Workspace) -> Workspace:
    return issued


def _records(space: Workspace) -> list[ledger.Received]:
    with database.connect(space.database) as db:
        return ledger.all_records(db)


def _rejected(space: Workspace, mistake: str, name: str = "MB.xlsx") -> ledger.Received:
    drop(space, name, filled(space, "MB", mistakes=(mistake,)))
    result = run(space)
    assert [f.status for f in result.files] == ["rejected"]
    return next(r for r in _records(space) if r.original_name == name)


def _cli(space: Workspace, *args: str) -> tuple[int, str]:
    found = CliRunner().invoke(main, [*args, "-w", str(space.root)])
    return found.exit_code, found.output


def _state(space: Workspace, code: str) -> str:
    lines = submission_status(space).periods[0].institutions
    return next(line.state for line in lines if line.code == code)


def test_a_rejected_return_is_accepted_with_its_bad_cells_empty(space: Workspace) -> None:
    old = _rejected(space, "ambiguous-amount")
    bad = [i for i in old.issues if i["severity"] == "error"]
    assert [i["code"] for i in bad] == ["return-ambiguous-number"]
    archived = (space.root / old.archive_path).read_bytes()
    assert _state(space, "MB") == "rejected"

    result = decide.accept(space, old.id or 0, "Confirmed by phone: 1250 lek.")

    assert result.cells == [
        {
            "sheet": "Measures",
            "cell": bad[0]["cell"],
            "column": "spent_state",
            "code": "return-ambiguous-number",
            "value": "1,250",
        }
    ]
    rows = {r.id: r for r in _records(space)}
    assert rows[old.id].status == "rejected"  # the old record kept as it was
    new = rows[result.counted]
    assert (new.status, new.errors, new.archive_path) == ("accepted", 0, old.archive_path)
    row = int(bad[0]["cell"].lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ"))
    values = new.accepted_values or {}
    measure = next(m for m in values["Measures"] if m["_row"] == row)
    assert measure["spent_state"] is None
    overridden = [i for i in new.issues if i["severity"] == "error"]
    assert overridden[0]["params"]["overridden"] == "Confirmed by phone: 1250 lek."
    assert (space.root / old.archive_path).read_bytes() == archived
    with database.connect(space.database) as db:
        kept = decisions.of_record(db, old.id or 0)
        counted = [r.id for r in ledger.current_accepted(db, "2026-H1")]
    assert [(d.kind, d.reason, d.params["new_record"]) for d in kept] == [
        ("accept", "Confirmed by phone: 1250 lek.", new.id)
    ]
    assert new.id in counted
    assert _state(space, "MB") in ("on time", "late")
    assert (space.root / result.feedback).is_file()
    assert list((space.root / result.feedback).parent.glob("earlier/*.xlsx"))  # the old one kept


def test_errors_outside_cell_values_cannot_be_overridden(space: Workspace) -> None:
    old = _rejected(space, "locked-cell-changed")
    code, said = _cli(space, "decide", "accept", str(old.id), "--reason", "fine")
    assert code == 2
    assert "return-locked-changed" in said and "cannot be overridden" in said
    assert len(_records(space)) == 1


def test_refusals_unknown_duplicate_superseded_twice(space: Workspace) -> None:
    old = _rejected(space, "ambiguous-amount")
    with pytest.raises(DecisionRefused) as unknown:
        decide.accept(space, 999, "why")
    assert unknown.value.key == "unknown"
    decide.accept(space, old.id or 0, "why")
    with pytest.raises(DecisionRefused) as twice:
        decide.accept(space, old.id or 0, "again")
    assert twice.value.key == "decided"
    drop(space, "again.xlsx", (space.root / old.archive_path).read_bytes())
    run(space)
    duplicate = _records(space)[-1]
    assert duplicate.status == "duplicate"
    with pytest.raises(DecisionRefused) as dup:
        decide.accept(space, duplicate.id or 0, "why")
    assert dup.value.key == "duplicate"


def test_a_later_return_makes_the_decision_too_late(space: Workspace) -> None:
    old = _rejected(space, "ambiguous-amount")
    drop(space, "MB fixed.xlsx", filled(space, "MB", seed=2))
    run(space)
    code, said = _cli(space, "decide", "accept", str(old.id), "--reason", "why")
    assert code == 2 and "no longer the institution's latest" in said


def test_a_closed_period_refuses_until_reopened(space: Workspace) -> None:
    old = _rejected(space, "ambiguous-amount")
    with database.connect(space.database) as db:
        calendar.close(db, "2026-H1", "end of the period")
    code, said = _cli(space, "decide", "accept", str(old.id), "--reason", "why")
    assert code == 2 and "reopen it first" in said
    with database.connect(space.database) as db:
        calendar.reopen(db, "2026-H1", "a late decision")
    assert decide.accept(space, old.id or 0, "why").counted > (old.id or 0)


def test_warnings_accepted_and_a_return_sent_back(space: Workspace) -> None:
    drop(space, "MB.xlsx", filled(space, "MB", mistakes=("decimal-comma",)))
    run(space)
    good = _records(space)[-1]
    assert good.status == "accepted"
    if good.warnings:
        warned = decide.accept(space, good.id or 0, "The figures are right.")
        assert warned.counted == good.id and warned.decision.params == {"warnings": good.warnings}
    else:
        with pytest.raises(DecisionRefused):
            decide.accept(space, good.id or 0, "nothing to accept")
    code, said = _cli(space, "decide", "return", str(good.id), "--comment", "Add the evidence.")
    assert code == 0 and "counts no more" in said
    with database.connect(space.database) as db:
        assert good.id not in [r.id for r in ledger.current_accepted(db, "2026-H1")]
        kinds = [(d.kind, d.reason) for d in decisions.of_record(db, good.id or 0)]
    assert kinds[-1] == ("return", "Add the evidence.")
    assert _state(space, "MB") == "returned"
    with pytest.raises(DecisionRefused) as again:
        decide.send_back(space, good.id or 0, "twice")
    assert again.value.key == "not-accepted"


def test_json_equals_the_library_result(space: Workspace) -> None:
    old = _rejected(space, "ambiguous-amount")
    code, said = _cli(space, "decide", "accept", str(old.id), "--reason", "why", "--json")
    assert code == 0
    shown = json.loads(said)
    with database.connect(space.database) as db:
        made = decisions.of_record(db, old.id or 0)[0]
    assert {k: shown[k] for k in made.to_dict()} == made.to_dict()
    assert shown["counted"] == made.params["new_record"]
    assert Path(space.root / shown["feedback"]).is_file()


def test_status_shows_each_decision_with_who_and_why(space: Workspace) -> None:
    old = _rejected(space, "ambiguous-amount")
    decide.accept(space, old.id or 0, "Confirmed by phone.")
    for lang, said in (("en", "accepted by the secretariat"), ("sq", "u pranua nga sekretariati")):
        code, shown = _cli(space, "status", "--lang", lang)
        assert code == 0
        line = next(t for t in shown.splitlines() if f"{old.id} " in t and said in t)
        assert "Confirmed by phone." in line and audit.os_user() in line
    code, shown = _cli(space, "status", "--json")
    assert code == 0
    made = json.loads(shown)["periods"][0]["decisions"]
    assert [(d["institution"], d["kind"], d["record"]) for d in made] == [("MB", "accept", old.id)]


def test_status_gives_the_record_number_a_decision_names(space: Workspace) -> None:
    record = _rejected(space, "ambiguous-amount")
    code, out = _cli(space, "status")
    assert code == 0, out
    [line] = [x for x in out.splitlines() if x.lstrip().startswith("MB ")]
    assert f"record {record.id} " in line
    _, data = _cli(space, "status", "--json")
    [mb] = [i for i in json.loads(data)["periods"][0]["institutions"] if i["code"] == "MB"]
    assert mb["record"] == record.id


def test_a_decision_says_when_on_the_workspace_clock_and_where_each_cell_is(
    space: Workspace,
) -> None:
    import re

    record = _rejected(space, "ambiguous-amount")
    code, out = _cli(space, "decide", "accept", str(record.id), "--reason", "Confirmed by phone.")
    assert code == 0, out
    first, cell = out.splitlines()[:2]
    assert (
        re.search(r" at \d\d\.\d\d\.\d{4} \d\d:\d\d;", first) and "T" not in first.split(" at ")[1]
    )
    assert re.fullmatch(r"    sheet Measures, cell [A-Z]+\d+ \('[^']*'\): counted empty", cell)


def test_the_command_tells_the_decision_and_a_refusal_on_the_workspace_clock(
    space: Workspace,
) -> None:
    old = _rejected(space, "ambiguous-amount")
    code, said = _cli(space, "decide", "accept", str(old.id), "--reason", "Confirmed by phone.")
    with database.connect(space.database) as db:
        made = decisions.of_record(db, old.id or 0)[0]
    shown = clock.local_time(made.at, space.config.calendar.time_zone)
    assert code == 0 and f"at {shown};" in said and made.at not in said
    code, said = _cli(space, "decide", "accept", str(old.id), "--reason", "again")
    assert code == 2 and f"({shown})" in said and made.at not in said


def test_the_log_tells_an_accepted_decision_as_a_verdict_not_a_second_arrival(
    space: Workspace,
) -> None:
    old = _rejected(space, "ambiguous-amount")
    result = decide.accept(space, old.id or 0, "Confirmed by phone.")
    with database.connect(space.database, backup=False) as db:
        told = [(e.action, e.record) for e in audit.events(db, institution="MB")]
    assert told.count(("received", old.id)) == 1
    assert ("received", result.counted) not in told
    assert told[-2:] == [("judged", result.counted), ("decided", old.id)]
