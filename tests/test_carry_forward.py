"""Carry-forward: a later period's template shows the institution's earlier accepted answers,
locked beside the inputs; a measure completed earlier comes pre-filled as completed, open."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from openpyxl import load_workbook

from nsm_excel.core import labels
from nsm_excel.core.periods import period_or_raise as p
from nsm_excel.store import calendar, database, ledger, register
from nsm_excel.store.workspace import Workspace
from nsm_excel.template.carry import PREFILLED, Answer, carry
from nsm_excel.template.generate import generate
from tests import returns
from tests.conftest import make_workspace

COMPLETED = labels.STATUSES["completed"].shown("sq")


def _values(*measures: dict[str, Any], indicators: tuple[dict[str, Any], ...] = ()) -> Any:
    return {"Cover": {}, "Measures": list(measures), "Indicators": list(indicators)}


def _row(status: str, state: float, donor: float = 0, **more: Any) -> dict[str, Any]:
    base = {"measure_code": "A.1.1", "role": "lead", "status": status, "progress": f"{status}."}
    return base | {"spent_state": state, "spent_donor": donor} | more


def test_an_annual_template_after_h1_carries_h1_and_counts_spending_once() -> None:
    answers = [
        Answer(p("2025-H1"), _values(_row("on_track", 100))),
        Answer(p("2025"), _values(_row("on_track", 300, 50))),  # the whole of 2025
        Answer(p("2026-H1"), _values(_row("delayed", 40, 2))),
    ]
    found = carry(p("2026"), answers, "sq").measure("A.1.1", "lead")
    assert found["previous_period"] == "2026-H1"
    assert found["previous_status"] == labels.STATUSES["delayed"].shown("sq")
    assert found["previous_progress"] == "delayed."
    assert found["spent_year_to_date"] == 42  # 2026-H1 only
    assert found["spent_total_to_date"] == 392  # 2025 (the annual return, not H1 again) + 42
    assert PREFILLED not in found


def test_the_latest_of_a_year_is_its_annual_return_and_later_periods_do_not_count() -> None:
    answers = [
        Answer(p("2025-H2"), _values(_row("on_track", 10))),
        Answer(p("2025"), _values(_row("partial", 30))),
        Answer(p("2026-H2"), _values(_row("delayed", 99))),  # not earlier than 2026-H1
    ]
    found = carry(p("2026-H1"), answers, "en").measure("A.1.1", "lead")
    assert (found["previous_period"], found["spent_year_to_date"]) == ("2025", None)
    assert found["spent_total_to_date"] == 30


def test_a_completed_measure_is_pre_filled_as_completed() -> None:
    done = _row("completed", 5, evidence="Act no. 12", completion_date="2026-05-04")
    found = carry(p("2026-H2"), [Answer(p("2026-H1"), _values(done))], "sq").measure(
        "A.1.1", "lead"
    )
    assert found[PREFILLED] == {
        "status": COMPLETED,
        "progress": "completed.",
        "evidence": "Act no. 12",
        "completion_date": "2026-05-04",
    }


def test_no_earlier_answer_leaves_the_columns_empty() -> None:
    found = carry(p("2026-H1"), [], "en")
    assert set(found.measure("A.1.1", "lead").values()) == {None}
    assert found.indicator("I.1") == {"previous_period": None, "previous_actual": None}


def test_the_latest_indicator_value_is_carried() -> None:
    answers = [
        Answer(p("2025-H2"), _values(indicators=({"indicator_code": "I.1", "actual": 7},))),
        Answer(p("2026-H1"), _values(indicators=({"indicator_code": "I.1", "actual": None},))),
    ]
    found = carry(p("2026-H2"), answers, "en").indicator("I.1")
    assert found == {"previous_period": "2025-H2", "previous_actual": 7}


def _column(ws: Any, key: str) -> int:
    return [c.value for c in ws[3]].index(key) + 1


def _accept(space: Workspace, code: str, name: str, data: bytes, period: str) -> Any:
    returns.drop(space, name, data)
    from nsm_excel.intake.run import validate_inbox

    result = validate_inbox(space, clock=returns.clock)
    assert all(f.period == period for f in result.files if f.file == name)
    return next(f for f in result.files if f.file == name)


def test_a_carried_template_shows_h1_and_its_return_is_accepted(tmp_path: Path) -> None:
    space = make_workspace(tmp_path / "ws")
    generate(space)
    data, _ = returns.put(returns.filled(space, "MB"), "Measures", "A.1.1", "status", COMPLETED)
    data, _ = returns.put(data, "Measures", "A.1.1", "evidence", "Decision no. 5")
    data, _ = returns.put(data, "Measures", "A.1.1", "completion_date", "2025-11-04")
    first = _accept(space, "MB", "MB_h1.xlsx", data, "2026-H1")
    assert first.status == "accepted", first.issues
    with database.connect(space.database) as db:
        h1 = ledger.current_returns(db, "MB")[0].accepted_values
    assert h1 is not None
    h1_row = next(r for r in h1["Measures"] if r["measure_code"] == "A.1.1")

    with database.connect(space.database) as db:
        calendar.open_period(db, "2026")
    generate(space, period=p("2026"))
    path = space.template_path("MB", p("2026"))
    ws = load_workbook(io.BytesIO(path.read_bytes()))["Measures"]
    row = next(r for r in range(5, ws.max_row + 1) if ws.cell(r, 1).value == "A.1.1")
    assert ws.cell(row, _column(ws, "previous_period")).value == "2026-H1"
    assert ws.cell(row, _column(ws, "previous_status")).value == COMPLETED
    spent = (h1_row["spent_state"] or 0) + (h1_row["spent_donor"] or 0)
    assert ws.cell(row, _column(ws, "spent_year_to_date")).value == spent
    status = ws.cell(row, _column(ws, "status"))
    assert status.value == COMPLETED and not status.protection.locked
    assert ws.cell(row, _column(ws, "previous_status")).protection.locked
    with database.connect(space.database) as db:
        issued = register.latest(db, "MB", "2026")
    assert issued is not None
    assert issued.content["measures"][0]["previous_period"] == "2026-H1"

    keep = {
        k: ws.cell(row, _column(ws, k)).value for k in ("progress", "evidence", "completion_date")
    }
    assert keep["evidence"] == "Decision no. 5" and keep["completion_date"] is not None
    filled = returns.filler.fill(
        path.read_bytes(), returns.filler.Filling(2, returns.TODAY)
    )  # answers every open cell the way an institution would; the carried cells untouched

    def as_pre_filled(book: Any) -> None:  # the clerk leaves the completed measure as it came
        sheet = book["Measures"]
        for key, value in {"status": COMPLETED, **keep}.items():
            sheet.cell(row, _column(sheet, key)).value = value

    second = _accept(space, "MB", "MB_2026.xlsx", returns.edit(filled, as_pre_filled), "2026")
    assert second.status == "accepted", second.issues
    assert not [i for i in second.issues if i.code == "return-locked-changed"]
    with database.connect(space.database) as db:
        annual = next(r for r in ledger.current_returns(db, "MB") if r.period == "2026")
    assert annual.accepted_values is not None
    done = next(r for r in annual.accepted_values["Measures"] if r["measure_code"] == "A.1.1")
    assert (done["status"], done["evidence"]) == ("completed", "Decision no. 5")


def test_a_changed_carried_cell_is_reported(tmp_path: Path) -> None:
    space = make_workspace(tmp_path / "ws")
    generate(space)
    assert _accept(space, "MB", "MB_h1.xlsx", returns.filled(space, "MB"), "2026-H1").status == (
        "accepted"
    )
    with database.connect(space.database) as db:
        calendar.open_period(db, "2026")
    generate(space, period=p("2026"))
    data = returns.filler.fill(
        space.template_path("MB", p("2026")).read_bytes(),
        returns.filler.Filling(2, returns.TODAY),
    )
    data, cell = returns.put(data, "Measures", "A.1.1", "previous_period", "2025-H2")
    found = _accept(space, "MB", "MB_2026.xlsx", data, "2026")
    assert ("Measures", cell, "return-locked-changed") in [
        (i.sheet, i.cell, i.code) for i in found.issues
    ]
