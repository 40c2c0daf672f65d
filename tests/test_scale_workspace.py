"""The scale workspace of ``make bench``: a bigger plan, a long calendar, resends in the ledger."""

from __future__ import annotations

import datetime as dt
import io
from collections import Counter
from pathlib import Path

from openpyxl import load_workbook

from nsm_excel.demo import filler, scale_workspace
from nsm_excel.store import calendar, database, ledger


def _values(data: bytes) -> dict[str, list[tuple[object, ...]]]:
    book = load_workbook(io.BytesIO(data))
    return {ws.title: list(ws.iter_rows(values_only=True)) for ws in book.worksheets}


def test_the_plan_has_the_institutions_asked_each_supporting_measures() -> None:
    sheets = scale_workspace.scale_sheets(60)
    codes = [row["code"] for row in sheets["Institutions"]]
    assert len(codes) == len(set(codes)) == 60
    supporting = {s for m in sheets["Measures"] for s in str(m["supporting"]).split("; ")}
    assert {"B_BERAT", "B_SHKODER"} <= supporting


def test_a_workspace_holds_every_return_as_versions_period_after_period(tmp_path: Path) -> None:
    built = scale_workspace.build(tmp_path, returns=44, periods=2, institutions=19)
    assert (built.returns, built.accepted, built.institutions) == (44, 44, 19)
    with database.connect(built.space.database) as db:
        records = ledger.all_records(db)
        states = {c.period.code: c.state for c in calendar.all_periods(db)}
    assert len(records) == 44
    assert Counter(r.period for r in records) == {"2024-H1": 22, "2024-H2": 22}
    assert sum(r.superseded_by is not None for r in records) == 6  # 3 resends each period
    assert (states["2024-H1"], states["2024-H2"]) == (calendar.CLOSED, calendar.OPEN)
    assert not list(built.space.inbox.iterdir())


def test_versions_filled_from_one_read_are_each_what_fill_types(tmp_path: Path) -> None:
    built = scale_workspace.build(tmp_path, returns=19, periods=1, institutions=19)
    template = next((built.space.root / "templates").rglob("MB_*.xlsx")).read_bytes()
    fillings = [filler.Filling(seed, dt.date(2024, 7, 5)) for seed in (1, 2, 3)]
    fillings.append(filler.Filling(4, dt.date(2024, 7, 5), mistakes=("missing-reporter",)))
    versions = list(filler.fill_versions(template, fillings))
    assert len({v for v in versions}) == 4
    for filling, data in zip(fillings, versions, strict=True):
        assert _values(data) == _values(filler.fill(template, filling))
