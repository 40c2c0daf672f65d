"""The remark on a warning: the institution justifies a warning on its row; the warning carries it
as a fact, shown with it wherever it is shown."""

from __future__ import annotations

import io
import json

import pytest
from openpyxl import load_workbook

from nsm_excel.core.issues import Issue
from nsm_excel.intake.structure.check import COLUMNS, issued_columns
from nsm_excel.store import database, ledger, register
from nsm_excel.store.workspace import Workspace
from tests.returns import drop, filled, put, run, status_of, template

REASON = "Paid the contract of two years at once."


@pytest.fixture
def space(issued: Workspace) -> Workspace:
    return issued


def _overspent(space: Workspace, remark: str | None) -> bytes:
    data, _ = put(filled(space, "AKPA", seed=3), "Measures", "A.1.1", "spent_state", 99_000_000)
    if remark is not None:
        data, _ = put(data, "Measures", "A.1.1", "remark", remark)
    return data


def test_the_template_has_the_remark_column_on_both_tables_and_says_how_to_use_it(
    space: Workspace,
) -> None:
    book = load_workbook(io.BytesIO(template(space, "AKPA")))
    for sheet in ("Measures", "Indicators"):
        rows = [[c.value for c in row] for row in book[sheet].iter_rows(max_row=10)]
        assert any("remark" in row for row in rows), sheet
    instructions = " ".join(
        str(c.value) for row in book["Instructions"].iter_rows() for c in row if c.value
    )
    assert "Shënim për paralajmërimin" in instructions and "Remark on a warning" in instructions
    with database.connect(space.database) as db:
        issued = register.latest(db, "AKPA", "2026-H1")
    assert issued is not None and issued.content["inputs_added"] == ["remark"]


def test_a_warning_on_a_row_with_a_remark_carries_it(space: Workspace) -> None:
    drop(space, "AKPA_2026-H1.xlsx", _overspent(space, REASON))
    result = run(space)
    assert status_of(result, "AKPA_2026-H1.xlsx") == "accepted"
    item = next(f for f in result.files if f.file == "AKPA_2026-H1.xlsx")
    warning = next(i for i in item.issues if i.code == "return-overspent")
    assert warning.params["remark"] == REASON
    assert warning.message("en").endswith(f"Remark of the institution: {REASON}")
    assert warning.message("sq").endswith(f"Shënimi i institucionit: {REASON}")
    with database.connect(space.database) as db:
        kept = ledger.current_accepted(db, "2026-H1")[0]
    stored = next(i for i in kept.issues if i["code"] == "return-overspent")
    assert stored["params"]["remark"] == REASON  # a fact, kept as typed
    assert Issue.from_dict(json.loads(json.dumps(stored))).message("en").endswith(REASON)


def test_a_warning_without_a_remark_says_nothing_more(space: Workspace) -> None:
    drop(space, "AKPA_2026-H1.xlsx", _overspent(space, None))
    item = next(f for f in run(space).files if f.file == "AKPA_2026-H1.xlsx")
    warning = next(i for i in item.issues if i.code == "return-overspent")
    assert "remark" not in warning.params and "Remark" not in warning.message("en")


def test_a_template_issued_before_the_remark_column_is_judged_without_it() -> None:
    row = {"measure_code": "A.1.1", "role": "lead", "role_label": "drejtues"}
    row |= {"previous_period": None, "output": "", "target_groups": ""}
    now = issued_columns({"measures": [row], "indicators": [], "inputs_added": ["remark"]})
    assert now == COLUMNS
    before = issued_columns({"measures": [row], "indicators": []})
    for sheet in ("Measures", "Indicators"):
        assert [c.key for c in COLUMNS[sheet] if c not in before[sheet]] == ["remark"]
