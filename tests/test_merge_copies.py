"""Two copies of one template: a second copy fills the first's empty cells, its differences are
listed with both values, and `nsm decide merge` settles them."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from click.testing import CliRunner
from openpyxl.workbook.workbook import Workbook

from nsm_excel.cli.app import main
from nsm_excel.core.periods import period_or_raise
from nsm_excel.outputs.reports import figures_for
from nsm_excel.store import database, decisions, ledger, merges
from nsm_excel.store.workspace import Workspace
from tests.returns import drop, edit, filled, found, put, run, status_of

NOTE = "Plotëson drejtoria e statistikave."  # the statistics department fills the indicators


@pytest.fixture
def space(issued: Workspace) -> Workspace:
    return issued


def setting(sheet: str, cells: dict[str, Any]) -> Callable[[Workbook], None]:
    def change(book: Workbook) -> None:
        for cell, value in cells.items():
            book[sheet][cell].value = value

    return change


def measures_copy(space: Workspace) -> bytes:
    """MB's template with the measures answered and the indicators left to another department."""
    return edit(
        filled(space, "MB"), setting("Indicators", {"L5": None, "L6": None, "O5": NOTE, "O6": NOTE})
    )


def indicators_copy(space: Workspace) -> bytes:
    """The other department's copy, by another reporter: the indicators answered, three of the
    four spent amounts and one next step left empty (V5, W5, W6, U6), and one spent amount that
    differs (V6: 65000 where the first says 59000)."""
    emptied = {"V5": None, "W5": None, "W6": None, "U6": None, "V6": 65000}
    book = edit(filled(space, "MB"), setting("Measures", emptied))
    book, _ = put(book, "Cover", "reporter_name", "value", "Arben Hoxha")
    return put(book, "Cover", "reporter_email", "value", "arben.hoxha@example.gov.al")[0]


def records(space: Workspace) -> list[ledger.Received]:
    with database.connect(space.database) as db:
        return ledger.all_records(db)


def row(values: dict[str, Any], sheet: str, code: str) -> dict[str, Any]:
    key = "measure_code" if sheet == "Measures" else "indicator_code"
    return next(r for r in values[sheet] if r[key] == code)


def merged(space: Workspace) -> ledger.Received:
    drop(space, "MB_2026-H1.xlsx", measures_copy(space))
    run(space)
    drop(space, "MB_2026-H1 statistikat.xlsx", indicators_copy(space))
    result = run(space)
    assert status_of(result, "MB_2026-H1 statistikat.xlsx") == "accepted"
    return records(space)[-1]


def test_a_second_copy_fills_the_empty_cells_and_lists_the_differences(space: Workspace) -> None:
    drop(space, "MB_2026-H1.xlsx", measures_copy(space))
    run(space)
    drop(space, "MB_2026-H1 statistikat.xlsx", indicators_copy(space))
    result = run(space)
    name = "MB_2026-H1 statistikat.xlsx"
    assert found(result, name) == [
        ("", "", "return-copy-merged"),
        ("Measures", "V6", "return-copies-differ"),
        ("Indicators", "O5", "return-copies-differ"),
        ("Indicators", "O6", "return-copies-differ"),
    ]
    differ = next(
        i for i in next(f for f in result.files if f.file == name).issues if i.cell == "V6"
    )
    assert (differ.params["first"], differ.params["second"]) == (59000.0, 65000.0)
    assert differ.params["original"] == "MB_2026-H1.xlsx"
    assert "65000" in differ.message("en") and "59000" in differ.message("en")
    first, second = records(space)
    assert first.superseded_by == second.id  # the merge is the current return; both archived
    assert (space.root / first.archive_path).exists() and (
        space.root / second.archive_path
    ).exists()
    values = second.accepted_values or {}
    assert row(values, "Indicators", "IO.A.2.1")["actual"] == 34.3  # filled from the second
    assert row(values, "Indicators", "IO.A.2.1")["comment"] == NOTE  # the first's stays
    assert row(values, "Measures", "A.2.1")["spent_state"] == 59000.0  # until decided
    assert row(values, "Measures", "A.2.1")["next_steps"]  # the second left it empty: kept
    assert len(values["Cover"]["reporters"]) == 2  # each copy's reporter
    assert second.feedback_path  # the second copy's feedback names the differences


def test_a_full_resend_still_supersedes_without_a_merge(space: Workspace) -> None:
    drop(space, "MB_2026-H1.xlsx", measures_copy(space))
    run(space)
    full = edit(filled(space, "MB"), setting("Measures", {"V6": 65000}))
    drop(space, "MB_2026-H1 v2.xlsx", full)
    result = run(space)
    assert found(result, "MB_2026-H1 v2.xlsx") == []
    first, second = records(space)
    assert first.superseded_by == second.id
    values = second.accepted_values or {}
    assert row(values, "Measures", "A.2.1")["spent_state"] == 65000.0
    assert "reporters" not in values["Cover"]


def test_a_partial_resend_by_the_same_reporter_supersedes(space: Workspace) -> None:
    drop(space, "MB_2026-H1.xlsx", filled(space, "MB"))
    run(space)
    drop(space, "MB_2026-H1 v2.xlsx", measures_copy(space))  # same reporter, indicators emptied
    assert found(run(space), "MB_2026-H1 v2.xlsx") == []
    values = records(space)[-1].accepted_values or {}
    assert row(values, "Indicators", "IO.A.2.1")["actual"] is None  # replaced, not merged


def invoke(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def spent(space: Workspace, code: str) -> float:
    figures = figures_for(space, period_or_raise("2026-H1"))
    return next(m.spent_state for m in figures.measures if m.code == code)


def test_decide_merge_take_second_changes_what_is_counted(space: Workspace) -> None:
    record = merged(space)
    assert spent(space, "A.2.1") == 59000.0
    code, out = invoke(
        "decide",
        "merge",
        str(record.id),
        "--take",
        "second",
        "--cell",
        "measures!v6",
        "--reason",
        "The finance department confirmed 65000.",
        "-w",
        str(space.root),
        "--json",
    )
    assert code == 0, out
    data = json.loads(out)
    assert [(c["cell"], c["first"], c["second"], c["taken"]) for c in data["cells"]] == [
        ("Measures!V6", 59000.0, 65000.0, "second")
    ]
    assert data["still_open"] == 2
    assert spent(space, "A.2.1") == 65000.0
    with database.connect(space.database) as db:
        (decision,) = decisions.of_record(db, record.id or 0)
        assert decision.kind == decisions.MERGE
        assert decision.params["cells"][0]["value"] == 65000.0
        assert [c.taken for c in merges.conflicts(db, records(space)[-1])] == ["second", "", ""]
    code, out = invoke(
        "decide",
        "merge",
        str(record.id),
        "--take",
        "first",
        "--reason",
        "Ours.",
        "-w",
        str(space.root),
    )
    assert code == 0, out
    assert "Indicators!O5" in out and "0 still open" in out
    assert spent(space, "A.2.1") == 65000.0  # a settled cell is decided again only when named


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (("999", "--take", "first"), "no record 999"),
        (("{first}", "--take", "first"), "is no longer counted"),
        (("{merged}", "--take", "first", "--cell", "Measures!A1"), "is not in conflict"),
    ],
)
def test_decide_merge_refuses_clearly(space: Workspace, args: tuple[str, ...], said: str) -> None:
    record = merged(space)
    ids = {"first": str(records(space)[0].id), "merged": str(record.id)}
    typed = [a.format(**ids) for a in args]
    code, out = invoke("decide", "merge", *typed, "--reason", "x", "-w", str(space.root))
    assert code == 2 and said in out and "Traceback" not in out


def test_decide_merge_refuses_a_record_without_conflicts_and_a_closed_period(
    space: Workspace,
) -> None:
    drop(space, "MB_2026-H1.xlsx", filled(space, "MB"))
    run(space)
    (only,) = records(space)
    code, out = invoke(
        "decide", "merge", str(only.id), "--take", "first", "--reason", "x", "-w", str(space.root)
    )
    assert code == 2 and "no cells two copies answered apart" in out
    record = merged(space)
    code, out = invoke("period", "close", "2026-H1", "-w", str(space.root))
    assert code == 0, out
    code, out = invoke(
        "decide", "merge", str(record.id), "--take", "first", "--reason", "x", "-w", str(space.root)
    )
    assert code == 2 and "is closed" in out


def test_status_names_the_cells_still_to_settle_until_they_are(space: Workspace) -> None:
    record = merged(space)
    _, out = invoke("status", "-w", str(space.root), "--json")
    [period] = json.loads(out)["periods"]
    assert period["unsettled"] == [{"institution": "MB", "record": record.id, "cells": 3}]
    _, out = invoke("status", "-w", str(space.root), "--lang", "sq")
    assert f"nsm decide merge {record.id}" in out and "3 qeliza" in out
    args = ("decide", "merge", str(record.id), "--take", "first", "--reason", "Ours.")
    assert invoke(*args, "-w", str(space.root))[0] == 0
    _, out = invoke("status", "-w", str(space.root), "--json")
    assert "unsettled" not in json.loads(out)["periods"][0]
