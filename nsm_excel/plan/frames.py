"""From raw sheets to checked row records: header analysis, the pandera pass, value coercion.

The output, :class:`SheetRows`, holds each data row as a dict of typed values (``None`` where the
cell is empty or was reported), with a locator that turns (key, row) into an A1 cell.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from nsm_excel.core import lazy_schema, values
from nsm_excel.core.issue_codes import IssueCode as C
from nsm_excel.core.issues import Issue
from nsm_excel.core.periods import parse_period
from nsm_excel.core.sheets import RawSheet, column_letter
from nsm_excel.plan import cells as plan_cells
from nsm_excel.plan.columns import COLUMNS, Kind, PlanColumn, column_for, yearly_column
from nsm_excel.plan.schema import BUILTIN_CODES, sheet_schema

CODE_KINDS = (Kind.CODE, Kind.INSTITUTION_CODE)


@dataclass
class SheetRows:
    """The typed rows of one plan sheet and where each key sits."""

    name: str
    letters: dict[str, str] = field(default_factory=dict)
    rows: list[dict[str, Any]] = field(default_factory=list)  # each has "_row": Excel row
    years: list[int] = field(default_factory=list)  # from cost_YYYY / target_YYYY columns

    @property
    def readable(self) -> bool:
        """The sheet exists and has its code column, so references into it can be checked."""
        return "code" in self.letters

    def cell(self, key: str, row: int) -> str:
        letter = self.letters.get(key)
        return f"{letter}{row}" if letter else ""


def check_sheet(
    raw: RawSheet, file: str, plan_years: Sequence[int]
) -> tuple[SheetRows, list[Issue]]:
    """Header, schema and coercion of one sheet; every problem as an issue."""
    out = SheetRows(raw.name)
    issues = _read_header(raw, out, file, plan_years)
    columns = [c for key in out.letters if (c := column_for(raw.name, key)) is not None]
    frame = _frame(raw, out, columns)
    odd, numbers = plan_cells.number_issues(raw, out.letters, file)
    issues += odd
    frame = frame.mask(frame.map(plan_cells.not_finite), None)  # reported: now empty cells
    failures = lazy_schema.run(sheet_schema(columns), frame, BUILTIN_CODES)
    by_key = {c.key: c for c in columns}
    bad = set(numbers)
    for failure in failures:
        if (failure.row, failure.key) not in numbers:
            bad.add((failure.row, failure.key))
            issues.append(_failure_issue(failure, by_key[failure.key], out, file))
    issues += plan_cells.text_issues(frame, raw.name, out.letters, file, bad)
    out.rows = [_coerce(row, frame.loc[row], by_key, bad) for row in frame.index]
    return out, issues


def _read_header(
    raw: RawSheet, out: SheetRows, file: str, plan_years: Sequence[int]
) -> list[Issue]:
    issues: list[Issue] = []
    for index, cell in enumerate(raw.header):
        key = values.clean_text(cell).lower()
        if not key:
            continue
        where = f"{column_letter(index)}1"
        if key in out.letters:
            issues.append(Issue(C.PLAN_DUPLICATE_COLUMN, file, raw.name, where, key, key))
            continue
        column = column_for(raw.name, key)
        if column is None:
            issues.append(Issue(C.PLAN_UNKNOWN_COLUMN, file, raw.name, where, key, key))
            continue
        out.letters[key] = column_letter(index)
        if yearly_column(raw.name, key) is not None:
            year = int(key[-4:])
            out.years.append(year)
            if plan_years and year not in plan_years:
                params = {"years": _years_text(plan_years)}
                issues.append(
                    Issue(C.PLAN_COST_YEAR_OUTSIDE, file, raw.name, where, key, key, params)
                )
    for column in COLUMNS[raw.name]:
        if column.required and column.key not in out.letters:
            params = {"key": column.key}
            issues.append(Issue(C.PLAN_MISSING_COLUMN, file, raw.name, "", column.key, "", params))
    return issues


def _years_text(years: Sequence[int]) -> str:
    return f"{min(years)}-{max(years)}" if years else ""


def _frame(raw: RawSheet, out: SheetRows, columns: list[PlanColumn]) -> pd.DataFrame:
    positions = {key: ord_ for ord_, key in enumerate(out.letters)}
    index_of = {key: _letter_index(letter) for key, letter in out.letters.items()}
    data: dict[int, list[Any]] = {}
    for number, cells in raw.rows:
        picked = [_cell(cells, index_of[key]) for key in positions]
        if all(value is None for value in picked):
            continue  # blank rows are skipped
        data[number] = picked
    frame = pd.DataFrame.from_dict(data, orient="index", columns=list(positions), dtype=object)
    for column in columns:
        if column.kind in CODE_KINDS and column.key in frame:
            frame[column.key] = frame[column.key].map(_upper_code)
    return frame


def _letter_index(letter: str) -> int:
    from openpyxl.utils import column_index_from_string

    return int(column_index_from_string(letter)) - 1


def _cell(cells: tuple[Any, ...], index: int) -> Any:
    value = cells[index] if index < len(cells) else None
    if isinstance(value, str):
        value = value.strip()
        return value or None
    return value


def _upper_code(value: Any) -> Any:
    return values.read_code(value) if value is not None else None


def _failure_issue(
    failure: lazy_schema.Failure, column: PlanColumn, out: SheetRows, file: str
) -> Issue:
    params: dict[str, Any] = {"key": column.key}
    if column.choices:
        params["choices"] = ", ".join(column.choices)
    value = "" if failure.value is None else values.clean_text(failure.value)
    cell = out.cell(failure.key, failure.row)
    return Issue(failure.code, file, out.name, cell, failure.key, value, params)


def _coerce(
    row: int, series: pd.Series, by_key: dict[str, PlanColumn], bad: set[tuple[int, str]]
) -> dict[str, Any]:
    record: dict[str, Any] = {"_row": row, "_bad": {key for n, key in bad if n == row}}
    for key, raw in series.items():
        if (row, str(key)) in bad or raw is None or (isinstance(raw, float) and pd.isna(raw)):
            record[str(key)] = None
        else:
            record[str(key)] = _typed(by_key[str(key)], raw)
    return record


def _typed(column: PlanColumn, raw: Any) -> Any:
    kind = column.kind
    if kind in CODE_KINDS:
        return values.read_code(raw)
    if kind is Kind.CHOICE:
        return values.clean_text(raw).lower()
    if kind is Kind.INSTITUTION_LIST:
        return tuple(dict.fromkeys(values.read_code(i) for i in values.split_list(raw)))
    if kind is Kind.GCM_LIST:
        return tuple(int(values.read_whole(i).value or 0) for i in values.split_list(raw))
    if kind is Kind.CHOICE_LIST:
        return tuple(dict.fromkeys(values.read_choice(i) for i in values.split_list(raw)))
    if kind is Kind.TEXT_LIST:
        return tuple(values.split_list(raw))
    if kind is Kind.AMOUNT:
        return values.read_amount(raw).value
    if kind is Kind.NUMBER:
        return values.read_number(raw).value
    if kind is Kind.YEAR:
        return values.read_whole(raw).value
    if kind is Kind.PERIOD:
        return parse_period(raw)
    if kind is Kind.DATE:
        return values.read_day(raw)
    return values.clean_text(raw)
