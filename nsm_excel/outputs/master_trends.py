"""The master's history sheets, declared apart from any spreadsheet library: the periods up to
the master's own, side by side (:mod:`nsm_excel.consolidate.history`).

- "Status by period": each measure of the plan, its lead's status in each period;
- "Indicator series": each indicator's value in each period beside its baseline, its yearly
  targets and its final target;
- "Budget by year": planned, spent and execution by plan year and funding source, the
  financing gap spread over the years by their costs;
- "Compliance": each institution's reporting state in each period, "-" where it was not
  expected.

:mod:`nsm_excel.outputs.master_trends_write` writes them, with the chart of one indicator.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from nsm_excel.consolidate.history import (
    BudgetYear,
    ComplianceRow,
    History,
    Series,
    StatusRow,
    budget_years,
    compliance,
    indicator_series,
    status_table,
)
from nsm_excel.core.vocab.kinds import ValueKind as K
from nsm_excel.core.words import Word, in_language
from nsm_excel.outputs.master_sheets import (
    SOURCES,
    STATES,
    Cell,
    Column,
    Table,
    by_unit,
    column,
    status_label,
)

T = TypeVar("T")
STATUS_SHEET, SERIES_SHEET = "Status by period", "Indicator series"
CHART_SHEET, BUDGET_SHEET, COMPLIANCE_SHEET = "Indicator chart", "Budget by year", "Compliance"
NOT_EXPECTED = "-"  # an institution's cell in a period it was not expected to report
TARGET = Word("outputs.column.target_in")
CHART_CAPTION = Word("outputs.caption.indicator_chart")


class Named(Word):
    """A header that reads the same in every language: a period's code, a year's target."""

    __slots__ = ("name",)

    def __init__(self, name: str) -> None:
        super().__init__("")
        self.name = name

    def get(self, lang: str, /, **values: object) -> str:
        return self.name

    def shown(self, lang: str, sep: str = " / ", /, **values: object) -> str:
        return self.name


def trend_tables(history: History, lang: str) -> dict[str, list[Table[Any]]]:
    """The history sheets, each one table, in the workbook's order."""
    return {
        STATUS_SHEET: [status_by_period(history, lang)],
        SERIES_SHEET: [series_table(history, lang)],
        BUDGET_SHEET: [budget_by_year(history, lang)],
        COMPLIANCE_SHEET: [compliance_table(history, lang)],
    }


def trend_sheets() -> tuple[str, ...]:
    """The names of the history sheets, in the workbook's order."""
    return (STATUS_SHEET, SERIES_SHEET, CHART_SHEET, BUDGET_SHEET, COMPLIANCE_SHEET)


def period_columns(history: History) -> list[tuple[int, str]]:
    return [(n, p.code) for n, p in enumerate(history.periods)]


def status_by_period(history: History, lang: str) -> Table[StatusRow]:
    """A status word per period; "no report" where the lead sent none."""
    columns: list[Column[StatusRow]] = [
        column("code", K.TEXT, 10, lambda r: r.code),
        column("title", K.LONG_TEXT, 40, lambda r: in_language(r, "title", lang)),
        column("goal", K.TEXT, 8, lambda r: r.goal),
        column("objective", K.TEXT, 10, lambda r: r.objective),
    ]
    for n, code in period_columns(history):
        columns.append(
            Column(f"period_{n}", Named(code), K.LONG_TEXT, 16,
                   _at(n, lambda r, m: status_label(r.statuses[m], lang)))
        )  # fmt: skip
    return Table("StatusByPeriod", columns, status_table(history))


def series_table(history: History, lang: str) -> Table[Series]:
    """Each indicator's value per period, its baseline, yearly targets and final target."""
    columns: list[Column[Series]] = [
        column("code", K.TEXT, 10, lambda s: s.code),
        column("indicator", K.LONG_TEXT, 40, lambda s: in_language(s, "name", lang)),
        column("baseline", K.NUMBER, 15, lambda s: by_unit(s.baseline, s.unit, lang)),
    ]
    for n, code in period_columns(history):
        columns.append(
            Column(f"period_{n}", Named(code), K.NUMBER, 14,
                   _at(n, lambda s, m: by_unit(s.points[m].value, s.unit, lang)))
        )  # fmt: skip
    for year in history.plan.years:
        columns.append(
            Column(f"target_{year}", Named(TARGET.shown(lang, year=year)), K.NUMBER, 14,
                   _at(year, lambda s, y: by_unit(s.targets.get(y), s.unit, lang)))
        )  # fmt: skip
    columns.append(
        column("target_final", K.NUMBER, 14, lambda s: by_unit(s.target_final, s.unit, lang))
    )
    return Table("IndicatorSeries", columns, indicator_series(history))


def budget_by_year(history: History, lang: str) -> Table[BudgetYear]:
    """Per plan year, the state and donor money planned and spent, then the financing gap."""
    columns: list[Column[BudgetYear]] = [
        column("year", K.TEXT, 8, lambda b: str(b.year)),
        column("funding_source", K.LONG_TEXT, 30, lambda b: SOURCES[b.source].shown(lang)),
        column("planned", K.AMOUNT, 16, lambda b: b.planned),
        column("spent", K.AMOUNT, 16, lambda b: b.spent),
        column("execution", K.PERCENT, 12, lambda b: b.execution),
        column("periods", K.TEXT, 18, lambda b: ", ".join(b.periods)),
    ]
    return Table("BudgetByYear", columns, budget_years(history))


def compliance_table(history: History, lang: str) -> Table[ComplianceRow]:
    """A state word per period (on time, late, rejected, missing); "-" when not expected."""
    columns: list[Column[ComplianceRow]] = [
        column("code", K.TEXT, 10, lambda r: r.institution),
        column("institution", K.LONG_TEXT, 34, lambda r: in_language(r, "name", lang)),
    ]
    for n, code in period_columns(history):
        columns.append(
            Column(f"period_{n}", Named(code), K.LONG_TEXT, 14,
                   _at(n, lambda r, m: _state(r.states[m], lang)))
        )  # fmt: skip
    return Table("Compliance", columns, compliance(history))


def _at(n: int, get: Callable[[T, int], object]) -> Callable[[T], object]:
    """A column's reader for the ``n``-th period (or year ``n``)."""
    return lambda row: get(row, n)


def _state(state: str, lang: str) -> object:
    if not state:
        return Cell(NOT_EXPECTED, K.TEXT)
    return STATES[state].shown(lang) if state in STATES else state
