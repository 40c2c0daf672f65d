"""What changed on a resend: cell by cell, in `nsm show` and as facts."""

from __future__ import annotations

import contextlib
import json
import sqlite3
from typing import Any

import pytest
from click.testing import CliRunner

from nsm_excel.cli.app import main
from nsm_excel.intake.checks import accepted
from nsm_excel.store.workspace import Workspace
from nsm_excel.template import changes
from tests.returns import drop, filled, put, run
from tests.test_event_log import _measure, codes


def test_changes_name_the_cell_before_and_after_and_rows_added_or_gone() -> None:
    before = {
        "Cover": {"reporter_name": "Ana", "_row": 5},
        "Measures": [
            {
                "measure_code": "M1",
                "role": "lead",
                "status": "ongoing",
                "progress": None,
                "_row": 5,
            },
            {"measure_code": "M2", "role": "lead", "status": "ongoing", "_row": 6},
        ],
        "Indicators": [],
    }
    after = {
        "Cover": {"reporter_name": "Ana Hoxha", "_row": 5},
        "Measures": [
            {
                "measure_code": "M1",
                "role": "lead",
                "status": "ongoing",
                "progress": "Done",
                "_row": 5,
            },
            {"measure_code": "M3", "role": "lead", "status": "ongoing", "_row": 6},
        ],
        "Indicators": [{"indicator_code": "I1", "actual": 4, "_row": 5}],
    }
    found = [
        (c.sheet, c.cell, c.code, c.before, c.after, c.kind) for c in changes.between(before, after)
    ]
    cover_row = 5 + [f.key for f in changes.COVER_FIELDS].index("reporter_name")
    progress = changes.column_letter([c.key for c in changes.MEASURE_COLUMNS].index("progress"))
    assert found == [
        ("Cover", f"C{cover_row}", "reporter_name", "Ana", "Ana Hoxha", "changed"),
        ("Measures", f"{progress}5", "M1", None, "Done", "changed"),
        ("Measures", "A6", "M3", None, None, "added"),
        ("Measures", "A6", "M2", None, None, "gone"),
        ("Indicators", "A5", "I1", None, None, "added"),
    ]
    assert changes.between(after, after) == []
    assert changes.between(None, {"Measures": "not rows"}) == []
    assert changes.column_letter(27) == "AB"
    line = changes.described(changes.between(before, after)[1], "en")
    assert line == f"Measures!{progress}5 (M1, progress): (empty) -> 'Done'"


def resent(space: Workspace) -> tuple[str, str, int]:
    """An accepted return, then its resend with one cell changed; the cell and the resend's id."""
    code = sorted(codes(space))[0]
    first = filled(space, code)
    drop(space, f"{code}_first.xlsx", first)
    run(space)
    again, cell = put(first, "Measures", _measure(space, code), "progress", "Done by June.")
    drop(space, f"{code}_again.xlsx", again)
    result = run(space)
    return code, cell, int(result.files[0].record_id or 0)


def test_nsm_show_tells_a_resend_and_what_it_changed(issued: Workspace) -> None:
    _code, cell, record = resent(issued)
    with contextlib.closing(sqlite3.connect(issued.database)) as db:
        (earlier,) = db.execute("SELECT id FROM received WHERE superseded_by = ?", (record,))
    out = CliRunner().invoke(main, ["show", "-w", str(issued.root), str(record), "--json"]).output
    data = json.loads(out)
    assert (data["record"], data["replaced"], data["status"]) == (record, earlier[0], "accepted")
    assert [(c["sheet"], c["cell"], c["after"]) for c in data["changes"]] == [
        ("Measures", cell, "Done by June.")
    ]
    assert [e["action"] for e in data["events"]] == ["received", "judged"]
    text = CliRunner().invoke(main, ["show", "-w", str(issued.root), str(record)]).output
    assert f"Changes against record {earlier[0]}, the return it replaced:" in text
    assert f"Measures!{cell} (" in text and "-> 'Done by June.'" in text
    missing = CliRunner().invoke(main, ["show", "-w", str(issued.root), "999"])
    assert missing.exit_code == 2 and "no record 999" in missing.output


def test_nsm_show_in_albanian_says_the_verdict_in_albanian_and_where_numbers_are(
    issued: Workspace,
) -> None:
    _code, _cell, record = resent(issued)
    text = CliRunner().invoke(main, ["show", "-w", str(issued.root), str(record), "--lang", "sq"])
    assert "(pranuar)" in text.output and "(accepted)" not in text.output
    missing = CliRunner().invoke(main, ["show", "-w", str(issued.root), "999", "--lang", "sq"])
    assert missing.exit_code == 2 and "nsm log --json" in missing.output


def test_a_files_answers_are_typed_once_in_a_run(
    issued: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    typed: list[object] = []
    real = accepted.accepted_values

    def counted(examined: Any) -> Any:
        typed.append(examined)
        return real(examined)

    monkeypatch.setattr(accepted, "accepted_values", counted)
    _code, _cell, record = resent(issued)  # two runs: a first copy, then its resend
    assert record
    assert len(typed) == 2  # the merge of copies, the changes and the record share one typing
    with contextlib.closing(sqlite3.connect(issued.database)) as db:
        stored = [json.loads(v) for (v,) in db.execute("SELECT accepted_values FROM received")]
    assert [v["Measures"] for v in stored] != [[], []] and len(stored) == 2
