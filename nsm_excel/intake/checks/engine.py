"""Run the registered checks: one pandera pass per sheet over every file, failures as issues.

The schema of a sheet is made from the register (:mod:`.rule`): each input column gets the
cell checks of its kind, the sheet the row rules, named ``code@column``. A frame's index
encodes (file number, Excel row) as one integer (:func:`row_id`), so every failure names its
file and cell; the facts each row's rules compare are columns beside its cells.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

import pandas as pd
import pandera.pandas as pa

from nsm_excel.core import catalogue, lazy_schema, words
from nsm_excel.core.issues import REMARK as REMARK_PARAM
from nsm_excel.core.issues import Issue, Severity
from nsm_excel.core.sheets import cell_position
from nsm_excel.intake import answers as rv
from nsm_excel.intake.checks import cells, cover, indicators, measures  # noqa: F401 (register)
from nsm_excel.intake.checks.rule import (
    REGISTER,
    SHEETS,
    CellCheck,
    Context,
    Found,
    RowContext,
    RowRule,
)
from nsm_excel.intake.structure.examined import Examined
from nsm_excel.template.columns import (
    INDICATOR_COLUMNS,
    MEASURE_COLUMNS,
    REMARK,
    TemplateColumn,
)
from nsm_excel.template.cover_fields import COVER_FIELDS

INPUTS: dict[str, tuple[TemplateColumn, ...]] = {
    "Cover": tuple(c for c in COVER_FIELDS if c.input),
    "Measures": tuple(c for c in MEASURE_COLUMNS if c.input),
    "Indicators": tuple(c for c in INDICATOR_COLUMNS if c.input),
}
ROWS_PER_FILE = 10_000_000  # more than a worksheet's 1,048,576 rows


def row_id(file_number: int, excel_row: int) -> int:
    """The frame index of an Excel row of the ``file_number``-th file."""
    return file_number * ROWS_PER_FILE + excel_row


def cell_checks(column: TemplateColumn) -> list[CellCheck]:
    """The checks a cell of ``column`` gets whatever its row: by the kind of value it holds."""
    return [check for check in REGISTER.cells if check.applies_to(column.kind)]


def _pandera(check: CellCheck) -> pa.Check:
    if check.empty_too:
        return pa.Check(check.accepts, element_wise=True, name=check.code, ignore_na=False)
    return lazy_schema.element_check(check.code, check.accepts)


def schema(sheet: str) -> pa.DataFrameSchema:
    """The schema of one sheet's input values plus its row rules."""
    columns = {
        c.key: pa.Column(
            object, nullable=True, required=False, checks=[_pandera(k) for k in cell_checks(c)]
        )
        for c in INPUTS[sheet]
    }
    rules = [pa.Check(rule.holds, name=rule.name) for rule in REGISTER.rules(sheet)]
    return pa.DataFrameSchema(columns, checks=rules, strict=False, coerce=False)


SCHEMAS = {sheet: schema(sheet) for sheet in SHEETS}


def _declared(sheet: str) -> dict[tuple[str, str], CellCheck | RowRule]:
    """The declaration behind each (code, column) a failure names; the first where two share."""
    found: dict[tuple[str, str], CellCheck | RowRule] = {}
    for column in INPUTS[sheet]:
        for check in cell_checks(column):
            found.setdefault((check.code, column.key), check)
    for rule in REGISTER.rules(sheet):
        found.setdefault((rule.code, rule.column), rule)
    return found


DECLARED = {sheet: _declared(sheet) for sheet in SHEETS}


def _submitted(examined: Examined) -> dt.date | None:
    cover_rows = examined.tables.get("Cover") or []
    return rv.read_date(cover_rows[0].values.get("submission_date")).value if cover_rows else None


def frame(
    sheet: str, examined: Sequence[Examined], ctx: Context, received: Sequence[dt.date | None] = ()
) -> pd.DataFrame:
    """One frame for ``sheet`` across files, indexed by (file number, Excel row).

    The cells are kept as they are (object columns): an empty cell stays ``None``, so a NaN in
    the frame is a NaN the cell held. ``received`` is the day each file was received.
    """
    keys = [c.key for c in INPUTS[sheet]]
    facts = REGISTER.facts_of(sheet)
    given = [fact for fact in facts if fact.given is not None]
    records: list[dict[str, Any]] = []
    index: list[int] = []
    for number, item in enumerate(examined):
        if item.record is None:
            continue
        sent = _submitted(item)
        day = (received[number] if number < len(received) else None) or ctx.today
        for row in item.tables.get(sheet, []):
            record = {key: row.values.get(key) for key in keys}
            context = RowContext(row.issued, ctx, sent, day)
            record.update((fact.name, fact.given(context)) for fact in given if fact.given)
            records.append(record)
            index.append(row_id(number, row.excel_row))
    table = pd.DataFrame.from_records(
        records, columns=keys + [fact.name for fact in given], index=index
    )
    for key in keys:
        table[key] = pd.Series([r[key] for r in records], index=index, dtype=object)
    if not records:
        return table
    for fact in given:
        if fact.then is not None:
            table[fact.name] = fact.then(table[fact.name])
    for fact in facts:
        if fact.derived is not None:
            table[fact.name] = fact.derived(table)
    return table


def check(
    examined: Sequence[Examined], ctx: Context, received: Sequence[dt.date | None] = ()
) -> list[list[Issue]]:
    """The value issues of each examined file (same order), all sheets in one pass each.

    ``received`` is the day each file was received (same order; see
    :func:`~nsm_excel.intake.checks.days.received_day`): a submission date or completion date
    may not be later. Where it is not given, ``ctx.today``.
    """
    found: list[list[Issue]] = [[] for _ in examined]
    for sheet in SHEETS:
        table = frame(sheet, examined, ctx, received)
        if table.empty:
            continue
        rows = {
            row_id(n, row.excel_row): row
            for n, item in enumerate(examined)
            for row in item.tables.get(sheet, [])
        }
        seen: set[tuple[str, str, Any]] = set()
        for failure in lazy_schema.run(SCHEMAS[sheet], table, {}):
            code, _, target = failure.code.partition("@")
            column = target or failure.key
            if (code, column, failure.row) in seen or column.startswith("_"):
                continue
            seen.add((code, column, failure.row))
            number = failure.row // ROWS_PER_FILE
            facts = table.loc[failure.row]
            assert isinstance(facts, pd.Series)
            declared = DECLARED[sheet][(code, column)]
            issue = _issue(declared, sheet, column, rows[failure.row], facts, examined[number].file)
            found[number].append(issue)
    for issues in found:
        issues.sort(key=_reading_order)
    return found


def _reading_order(issue: Issue) -> tuple[int, int, int]:
    """Cover, Measures, Indicators; then top to bottom, left to right."""
    return (SHEETS.index(issue.sheet), *cell_position(issue.cell))


def _issue(
    declared: CellCheck | RowRule,
    sheet: str,
    column: str,
    row: Any,
    facts: pd.Series,
    file: str,
) -> Issue:
    raw = row.values.get(column)
    value = rv.text_of(raw) if not isinstance(raw, rv.Formula) else raw.text
    params = _field_label(column) | declared.params(Found(raw, facts))
    cell = row.cells.get(column, "")
    if catalogue.entry(declared.code).severity is Severity.WARNING:
        params |= _remark(row)
    return Issue(declared.code, file, sheet, cell, column, declared.shown(value), params)


def _remark(row: Any) -> dict[str, Any]:
    """The institution's remark on the row of a warning, as typed: the warning carries it."""
    raw = row.values.get(REMARK)
    text = rv.text_of(raw).strip() if raw is not None and not isinstance(raw, rv.Formula) else ""
    return {REMARK_PARAM: text} if text else {}


def _field_label(column: str) -> dict[str, Any]:
    """An issue on a Cover field names the field as its label says."""
    label = next((c.label for c in INPUTS["Cover"] if c.key == column), None)
    return {"label": words.ref(label.key)} if label else {}  # shown in the message's language
