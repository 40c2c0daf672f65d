"""Pandera schemas for the values of returns, generated from the template's column definitions.

One definition, two uses: the :class:`nsm_excel.template_columns.TemplateColumn` that made a
template's unlocked cells, dropdowns and validation also gives here the cell checks of its kind;
the contract's conditional rules (required when..., women + men = actual, dates in span,
overspending) are row checks named ``code@column``. Many files are checked in one pandera pass:
a frame's index encodes (file number, Excel row) as one integer (:func:`row_id`), so every failure
names its file and cell.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd
import pandera.pandas as pa

from nsm_excel.core import lazy_schema, words
from nsm_excel.core.issues import Issue
from nsm_excel.core.lazy_schema import element_check
from nsm_excel.core.periods import parse_period
from nsm_excel.core.sheets import cell_position
from nsm_excel.core.values import is_email
from nsm_excel.intake import answers as rv
from nsm_excel.intake.structure import Examined
from nsm_excel.template.columns import (
    COVER_FIELDS,
    INDICATOR_COLUMNS,
    MEASURE_COLUMNS,
    TemplateColumn,
    ValueKind,
)

SHEETS = ("Cover", "Measures", "Indicators")
INPUTS: dict[str, tuple[TemplateColumn, ...]] = {
    "Cover": tuple(c for c in COVER_FIELDS if c.input),
    "Measures": tuple(c for c in MEASURE_COLUMNS if c.input),
    "Indicators": tuple(c for c in INDICATOR_COLUMNS if c.input),
}
OVERSPEND = 1.5
SHOWN_DIGITS = 24  # of a number too large, in its message
ROWS_PER_FILE = 10_000_000  # more than a worksheet's 1,048,576 rows


def row_id(file_number: int, excel_row: int) -> int:
    """The frame index of an Excel row of the ``file_number``-th file."""
    return file_number * ROWS_PER_FILE + excel_row


def _fine(reader: Callable[[Any], Any], *problems: str) -> Callable[[Any], bool]:
    return lambda value: reader(value).problem not in problems


def _not_formula(value: Any) -> bool:
    return not isinstance(value, rv.Formula)


def _not_infinite(value: Any) -> bool:
    return not (isinstance(value, float) and math.isinf(value))


def _any_cell(code: str, accepts: Callable[[Any], bool]) -> pa.Check:
    """A cell-by-cell check that sees empty and NaN cells too (``accepts`` must pass None)."""
    return pa.Check(accepts, element_wise=True, name=code, ignore_na=False)


# the code each problem of a number reader raises, by the kind of column
AMOUNT_PROBLEMS = {
    "invalid": "return-bad-amount",
    "ambiguous": "return-ambiguous-number",
    "mixed": "return-mixed-separators",
    "negative": "return-negative-amount",
    "too-large": "return-number-too-large",
}
WHOLE_PROBLEMS = {
    "invalid": "return-bad-whole",
    "ambiguous": "return-bad-whole",
    "mixed": "return-mixed-separators",
    "too-large": "return-number-too-large",
}
VALUE_PROBLEMS = {
    "invalid": "return-bad-number",
    "ambiguous": "return-ambiguous-number",
    "mixed": "return-mixed-separators",
    "too-large": "return-number-too-large",
}


def _problem_checks(reader: Callable[[Any], Any], codes: Mapping[str, str]) -> list[pa.Check]:
    by_code: dict[str, list[str]] = {}
    for problem, code in codes.items():
        by_code.setdefault(code, []).append(problem)
    return [element_check(code, _fine(reader, *problems)) for code, problems in by_code.items()]


def cell_checks(column: TemplateColumn) -> list[pa.Check]:
    """The checks a cell of ``column`` gets whatever its row: by the kind of value it holds."""
    checks = [
        element_check("return-formula", _not_formula),
        _any_cell("return-error-value", lambda v: not rv.error_value(v)),
        element_check("return-number-too-large", _not_infinite),
    ]
    kind = column.kind
    if kind in (ValueKind.TEXT, ValueKind.LONG_TEXT):
        checks += [
            element_check("return-text-too-long", lambda v: not rv.too_long(v)),
            element_check("return-control-characters", lambda v: not rv.has_control_characters(v)),
            element_check("return-formula-like-text", lambda v: not rv.formula_like(v)),
        ]
    elif kind is ValueKind.STATUS:
        checks.append(element_check("return-bad-status", _fine(rv.read_status, "invalid")))
    elif kind is ValueKind.AMOUNT:
        checks += _problem_checks(rv.read_spent, AMOUNT_PROBLEMS)
    elif kind is ValueKind.DATE:
        checks.append(element_check("return-bad-date", _fine(rv.read_date, "invalid")))
    elif kind is ValueKind.WHOLE:
        checks += _problem_checks(rv.read_whole_count, WHOLE_PROBLEMS)
    elif kind is ValueKind.EMAIL:
        checks.append(element_check("return-bad-email", _email_or_no_value))
    return checks


def _email_or_no_value(value: Any) -> bool:
    if isinstance(value, rv.Formula) or rv.error_value(value):
        return True  # reported as what it is
    return is_email(rv.text_of(value))


@dataclass(frozen=True)
class RowRule:
    """A contract rule over a row: ``holds`` is True where the row is fine."""

    code: str
    column: str
    holds: Callable[[pd.DataFrame], pd.Series]

    def check(self) -> pa.Check:
        return pa.Check(self.holds, name=f"{self.code}@{self.column}")


def _blank(series: pd.Series) -> pd.Series:
    return series.map(rv.blank).astype(bool)


def _lead(f: pd.DataFrame) -> pd.Series:
    return f["_role"] == "lead"


def _status(f: pd.DataFrame, *codes: str) -> pd.Series:
    return f["_status"].isin(codes)


def _delay_needed(f: pd.DataFrame) -> pd.Series:
    late_start = _status(f, "not_started") & (f["_start"] <= f["_period_last"])
    return _status(f, "delayed", "partial") | late_start


def _completion_in_span(f: pd.DataFrame) -> pd.Series:
    inside = (f["_done"] >= f["_start"]) & (f["_done"] <= f["_limit"])
    return f["_done"].isna() | inside


def _measure_rules() -> list[RowRule]:
    return [
        RowRule("return-required-status", "status", lambda f: ~(_lead(f) & _blank(f["status"]))),
        RowRule(
            "return-required-progress",
            "progress",
            lambda f: ~(~_status(f, "not_started") & _blank(f["progress"])),  # support rows too
        ),
        RowRule(
            "return-required-delay-reason",
            "delay_reason",
            lambda f: ~(_delay_needed(f) & _blank(f["delay_reason"])),
        ),
        RowRule(
            "return-required-evidence",
            "evidence",
            lambda f: ~(_status(f, "completed") & _blank(f["evidence"])),
        ),
        RowRule(
            "return-required-completion-date",
            "completion_date",
            lambda f: ~(_status(f, "completed") & _blank(f["completion_date"])),
        ),
        RowRule("return-date-out-of-range", "completion_date", _completion_in_span),
        RowRule(
            "return-overspent", "spent_state", lambda f: ~(f["_spent"] > OVERSPEND * f["_planned"])
        ),
    ]


def _unit(f: pd.DataFrame, *units: str) -> pd.Series:
    return f["_unit"].isin(units)


def _problem(f: pd.DataFrame, reader: Callable[[Any], Any], problem: str) -> pd.Series:
    return f["actual"].map(lambda v: reader(v).problem == problem).astype(bool)


def _sex_given(f: pd.DataFrame) -> pd.Series:
    return f["_sex"] & ~_blank(f["actual"])


def _sex_sum_holds(f: pd.DataFrame) -> pd.Series:
    known = f[["_women", "_men", "_actual"]].notna().all(axis=1)
    return ~(f["_sex"] & known & ((f["_women"] + f["_men"]) != f["_actual"]))


def _number_rule(problem: str, code: str, units: tuple[str, ...]) -> RowRule:
    return RowRule(
        code, "actual", lambda f: ~(_unit(f, *units) & _problem(f, rv.read_value, problem))
    )


def _indicator_rules() -> list[RowRule]:
    numeric = ("number", "amount", "percent")
    return [
        *(_number_rule(problem, code, numeric) for problem, code in VALUE_PROBLEMS.items()),
        RowRule(
            "return-percent-on-number",
            "actual",
            lambda f: (
                ~(_unit(f, "number", "amount") & f["actual"].map(rv.typed_percent).astype(bool))
            ),
        ),
        RowRule(
            "return-bad-yes-no",
            "actual",
            lambda f: ~(_unit(f, "yes_no") & _problem(f, rv.read_yes_no, "invalid")),
        ),
        RowRule(
            "return-percent-range",
            "actual",
            lambda f: ~(_unit(f, "percent") & ((f["_actual"] < 0) | (f["_actual"] > 100))),
        ),
        RowRule(
            "return-percent-fraction",
            "actual",
            lambda f: (
                ~(_unit(f, "percent") & f["actual"].map(rv.typed_percent_fraction).astype(bool))
            ),
        ),
        RowRule(
            "return-required-comment",
            "comment",
            lambda f: ~(_blank(f["actual"]) & _blank(f["comment"])),
        ),
        RowRule(
            "return-required-sex",
            "actual_women",
            lambda f: ~(_sex_given(f) & _blank(f["actual_women"])),
        ),
        RowRule(
            "return-required-sex",
            "actual_men",
            lambda f: ~(_sex_given(f) & _blank(f["actual_men"])),
        ),
        RowRule("return-sex-sum", "actual", _sex_sum_holds),
    ]


def _required(key: str) -> RowRule:
    return RowRule("return-required", key, lambda f: ~_blank(f[key]))


def _sent_in_span(f: pd.DataFrame) -> pd.Series:
    inside = (f["_sent"] >= f["_period_first"]) & (f["_sent"] <= f["_received"])
    return f["_sent"].isna() | inside


def _cover_rules() -> list[RowRule]:
    return [
        *(_required(c.key) for c in INPUTS["Cover"] if c.required),
        RowRule("return-submission-date-out-of-range", "submission_date", _sent_in_span),
    ]


RULES: dict[str, list[RowRule]] = {
    "Cover": _cover_rules(),
    "Measures": _measure_rules(),
    "Indicators": _indicator_rules(),
}


def schema(sheet: str) -> pa.DataFrameSchema:
    """The schema of one sheet's input values plus its row rules."""
    columns = {
        c.key: pa.Column(object, nullable=True, required=False, checks=cell_checks(c))
        for c in INPUTS[sheet]
    }
    return pa.DataFrameSchema(
        columns, checks=[rule.check() for rule in RULES[sheet]], strict=False, coerce=False
    )


SCHEMAS = {sheet: schema(sheet) for sheet in SHEETS}


@dataclass(frozen=True)
class Context:
    """What the rules need beyond the file: the period being collected and today's date (the
    day a file was received, for a file whose own day :func:`check` is not given)."""

    period_first: dt.date
    period_last: dt.date
    today: dt.date


# Albania's summer time: the latest calendar day in Tirana at any moment of the year, so that a
# file sent just after midnight there is never taken for one sent the day before
RECEIVED_ZONE = dt.timezone(dt.timedelta(hours=2))


def received_day(stamp: str) -> dt.date | None:
    """The calendar day of a received time (ISO text, as the ledger keeps it); None if unknown."""
    try:
        moment = dt.datetime.fromisoformat(stamp)
    except (TypeError, ValueError):
        return None
    return moment.astimezone(RECEIVED_ZONE).date() if moment.tzinfo else moment.date()


def _day(value: dt.date | None) -> Any:
    return pd.Timestamp(value) if value is not None else pd.NaT


def _submitted(examined: Examined) -> dt.date | None:
    cover = examined.tables.get("Cover") or []
    return rv.read_date(cover[0].values.get("submission_date")).value if cover else None


def _context_columns(
    sheet: str, issued: dict[str, Any], ctx: Context, sent: dt.date | None, received: dt.date
) -> dict[str, Any]:
    if sheet == "Measures":
        start, end = parse_period(issued.get("start")), parse_period(issued.get("end"))
        last = end.last if end else None
        limit = min(d for d in (last, sent, received) if d is not None)
        return {
            "_role": issued.get("role"),
            "_start": _day(start.first if start else None),
            "_end": _day(last),
            "_limit": _day(limit),
            "_period_last": _day(ctx.period_last),
            "_planned": float(issued.get("planned_cost") or 0),
        }
    if sheet == "Indicators":
        return {"_unit": issued.get("unit"), "_sex": issued.get("disaggregation") == "sex"}
    return {"_period_first": _day(ctx.period_first), "_received": _day(received)}


def _number(reader: Callable[[Any], Any]) -> Callable[[Any], float]:
    def read(value: Any) -> float:
        found = reader(value).value
        return float(found) if found is not None else float("nan")

    return read


def _derive(sheet: str, frame: pd.DataFrame) -> pd.DataFrame:
    """Parsed helper columns the row rules compare (NaN / NaT where a value is absent)."""
    if sheet == "Measures":
        frame["_status"] = frame["status"].map(lambda v: rv.read_status(v).value)
        spent = frame["spent_state"].map(_number(rv.read_spent)).fillna(0.0)
        frame["_spent"] = spent + frame["spent_donor"].map(_number(rv.read_spent)).fillna(0.0)
        done = frame["completion_date"].map(lambda v: _day(rv.read_date(v).value))
        frame["_done"] = pd.to_datetime(done)
        for key in ("_start", "_end", "_limit", "_period_last"):
            frame[key] = pd.to_datetime(frame[key])
    elif sheet == "Indicators":
        yes_no = frame["_unit"] == "yes_no"
        value = frame["actual"].map(_number(rv.read_value))
        answer = frame["actual"].map(_number(rv.read_yes_no))
        percent = frame["actual"].map(rv.typed_percent).astype(bool) & (frame["_unit"] != "percent")
        frame["_actual"] = value.where(~yes_no, answer).where(~percent)  # 45% on a number: none
        frame["_women"] = frame["actual_women"].map(_number(rv.read_whole_count))
        frame["_men"] = frame["actual_men"].map(_number(rv.read_whole_count))
        frame["_sex"] = frame["_sex"].astype(bool)
    else:
        sent = frame["submission_date"].map(lambda v: _day(rv.read_date(v).value))
        frame["_sent"] = pd.to_datetime(sent)
        for key in ("_period_first", "_received"):
            frame[key] = pd.to_datetime(frame[key])
    return frame


def frame(
    sheet: str, examined: Sequence[Examined], ctx: Context, received: Sequence[dt.date | None] = ()
) -> pd.DataFrame:
    """One frame for ``sheet`` across files, indexed by (file number, Excel row).

    The cells are kept as they are (object columns): an empty cell stays ``None``, so a NaN in
    the frame is a NaN the cell held. ``received`` is the day each file was received.
    """
    keys = [c.key for c in INPUTS[sheet]]
    records: list[dict[str, Any]] = []
    index: list[int] = []
    for number, item in enumerate(examined):
        if item.record is None:
            continue
        sent = _submitted(item)
        day = (received[number] if number < len(received) else None) or ctx.today
        for row in item.tables.get(sheet, []):
            record = {key: row.values.get(key) for key in keys}
            record.update(_context_columns(sheet, row.issued, ctx, sent, day))
            records.append(record)
            index.append(row_id(number, row.excel_row))
    columns = keys + _context_keys(sheet)
    table = pd.DataFrame.from_records(records, columns=columns, index=index)
    for key in keys:
        table[key] = pd.Series([r[key] for r in records], index=index, dtype=object)
    return _derive(sheet, table) if records else table


def _context_keys(sheet: str) -> list[str]:
    return {
        "Measures": ["_role", "_start", "_end", "_limit", "_period_last", "_planned"],
        "Indicators": ["_unit", "_sex"],
        "Cover": ["_period_first", "_received"],
    }[sheet]


def check(
    examined: Sequence[Examined], ctx: Context, received: Sequence[dt.date | None] = ()
) -> list[list[Issue]]:
    """The value issues of each examined file (same order), all sheets in one pass each.

    ``received`` is the day each file was received (same order; see :func:`received_day`): a
    submission date or completion date may not be later. Where it is not given, ``ctx.today``.
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
            row = rows[failure.row]
            derived = table.loc[failure.row]
            assert isinstance(derived, pd.Series)
            issue = _issue(code, sheet, column, row, derived, examined[number].file)
            found[number].append(issue)
    for issues in found:
        issues.sort(key=_reading_order)
    return found


def _reading_order(issue: Issue) -> tuple[int, int, int]:
    """Cover, Measures, Indicators; then top to bottom, left to right."""
    return (SHEETS.index(issue.sheet), *cell_position(issue.cell))


def _issue(code: str, sheet: str, column: str, row: Any, derived: pd.Series, file: str) -> Issue:
    raw = row.values.get(column)
    value = rv.text_of(raw) if not isinstance(raw, rv.Formula) else raw.text
    if code == "return-number-too-large" and len(value) > SHOWN_DIGITS:
        value = value[:SHOWN_DIGITS] + "…"  # 400 digits said in a message help no one
    return Issue(
        code,
        file,
        sheet,
        row.cells.get(column, ""),
        column,
        value,
        _params(code, column, raw, derived),
    )


def _params(code: str, column: str, raw: Any, derived: pd.Series) -> dict[str, Any]:
    params: dict[str, Any] = {}
    if any(c.key == column for c in INPUTS["Cover"]):
        params["label"] = words.ref(f"issue.field.{column}")  # shown in the message's language
    if code == "return-text-too-long":
        params["length"] = f"{len(str(raw)):,}"
    elif code == "return-formula-like-text":
        params["first"] = str(raw).lstrip()[:1]
    elif code == "return-bad-status":
        params["closest"] = rv.closest_status(raw, "sq")
    elif code == "return-required-delay-reason":
        status = derived.get("_status")
        params["status"] = _status_label(status)
    elif code == "return-date-out-of-range":
        params.update(first=_dmy(derived["_start"]), last=_dmy(derived["_limit"]))
    elif code == "return-submission-date-out-of-range":
        params.update(first=_dmy(derived["_period_first"]), last=_dmy(derived["_received"]))
    elif code == "return-overspent":
        params.update(value=_lek(derived["_spent"]), planned=_lek(derived["_planned"]))
    elif code == "return-sex-sum":
        women, men = derived["_women"], derived["_men"]
        params.update(women=_num(women), men=_num(men), sum=_num(women + men))
    elif code == "return-percent-fraction":
        params["percent"] = _num(derived["_actual"] * 100)
    return params


def _status_label(code: Any) -> dict[str, str] | str:
    from nsm_excel.core.labels import STATUSES

    return words.ref(STATUSES[code].key) if code in STATUSES else ""


def _dmy(day: Any) -> str:
    return "" if pd.isna(day) else pd.Timestamp(day).strftime("%d.%m.%Y")


def _lek(amount: float) -> str:
    return f"{amount:,.0f}".replace(",", " ")


def _num(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def _typed_cell(column: TemplateColumn, raw: Any, unit: str = "") -> Any:
    """The accepted value of one cell, as stored in the ledger (JSON-ready)."""
    kind = column.kind
    if rv.blank(raw):
        return None
    if kind is ValueKind.STATUS:
        return rv.read_status(raw).value
    if kind is ValueKind.AMOUNT:
        return rv.read_spent(raw).value
    if kind is ValueKind.DATE:
        day = rv.read_date(raw).value
        return day.isoformat() if day else None
    if kind is ValueKind.WHOLE:
        return rv.read_whole_count(raw).value
    if kind is ValueKind.ACTUAL:
        return rv.read_yes_no(raw).value if unit == "yes_no" else rv.read_value(raw).value
    return rv.text_of(raw)


def accepted_values(examined: Examined) -> dict[str, Any]:
    """Every answer of an accepted return, typed: cover fields, measure rows, indicator rows."""
    out: dict[str, Any] = {}
    for sheet in SHEETS:
        rows = []
        for row in examined.tables.get(sheet, []):
            unit = str(row.issued.get("unit", ""))
            typed = {c.key: _typed_cell(c, row.values.get(c.key), unit) for c in INPUTS[sheet]}
            keys = {
                k: row.issued[k]
                for k in ("measure_code", "role", "indicator_code")
                if k in row.issued
            }
            rows.append(keys | typed | {"_row": row.excel_row})
        out[sheet] = rows[0] if sheet == "Cover" and rows else rows
    return out
