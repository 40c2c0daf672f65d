"""The master's Changes sheet: what each counted resend changed, also in a closed period."""

from __future__ import annotations

from openpyxl import load_workbook

from nsm_excel.core.periods import period_or_raise
from nsm_excel.outputs import publishing
from nsm_excel.outputs.history_read import history
from nsm_excel.outputs.period_figures import figures_for
from nsm_excel.outputs.reports import build_reports
from nsm_excel.store.workspace import Workspace
from tests.test_changes import resent

P = "2026-H1"


def _changes(path: object) -> list[tuple[object, ...]]:
    book = load_workbook(path)  # type: ignore[arg-type]
    return [tuple(r) for r in book["Changes"].iter_rows(values_only=True)]


def test_the_changes_sheet_lists_each_cell_a_counted_resend_changed(issued: Workspace) -> None:
    code, cell, record = resent(issued)
    result = build_reports(issued, period_or_raise(P))
    rows = _changes(issued.root / result.master)
    found = [r for r in rows if r[0] == code and r[6] == cell]
    assert len(found) == 1
    assert found[0][1] == record and found[0][5] == "Measures"
    assert found[0][10] == "'Done by June.'" and found[0][9] != found[0][10]
    assert len(rows) == 2  # the header and the one change


def test_a_closed_periods_changes_come_from_what_it_counted(issued: Workspace) -> None:
    code, cell, _record = resent(issued)
    publishing.close_period(issued, P)
    published = issued.outbox / P / "published" / "1" / f"NSM_master_{P}_sq.xlsx"
    assert [r[6] for r in _changes(published) if r[0] == code] == [cell]
    result = build_reports(issued, period_or_raise(P))
    assert result.frozen is not None and result.frozen.identical


def test_a_history_leaves_out_what_resends_changed_and_the_period_keeps_it(
    issued: Workspace,
) -> None:
    resent(issued)
    publishing.close_period(issued, P)
    (moment,) = history(issued).moments
    assert moment.figures.changes == ()  # no output of a history shows them: not worked out
    assert len(figures_for(issued, period_or_raise(P)).changes) == 1
