"""The contract's rules over a row of the Indicators sheet, and the facts they compare."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pandas as pd

from nsm_excel.intake import answers as rv
from nsm_excel.intake.checks.cells import TOO_LARGE, shown_for
from nsm_excel.intake.checks.readings import blank, num, number
from nsm_excel.intake.checks.rule import Fact, Found, RowRule, register

SHEET = "Indicators"
NUMERIC = ("number", "amount", "percent")
# the code each problem of the number reader raises on an indicator's actual value
VALUE_PROBLEMS = {
    "invalid": "return-bad-number",
    "ambiguous": "return-ambiguous-number",
    "mixed": "return-mixed-separators",
    "too-large": TOO_LARGE,
}


def _actual(f: pd.DataFrame) -> pd.Series:
    """The actual value as a number: a yes/no as 1/0, none for 45% typed on a number."""
    yes_no = f["_unit"] == "yes_no"
    value = f["actual"].map(number(rv.read_value))
    answer = f["actual"].map(number(rv.read_yes_no))
    percent = f["actual"].map(rv.typed_percent).astype(bool) & (f["_unit"] != "percent")
    return value.where(~yes_no, answer).where(~percent)


register(
    Fact(SHEET, "_unit", given=lambda row: row.issued.get("unit")),
    Fact(
        SHEET,
        "_sex",
        given=lambda row: row.issued.get("disaggregation") == "sex",
        then=lambda s: s.astype(bool),
    ),
    Fact(SHEET, "_actual", derived=_actual),
    Fact(SHEET, "_women", derived=lambda f: f["actual_women"].map(number(rv.read_whole_count))),
    Fact(SHEET, "_men", derived=lambda f: f["actual_men"].map(number(rv.read_whole_count))),
)


def _unit(f: pd.DataFrame, *units: str) -> pd.Series:
    return f["_unit"].isin(units)


def _problem(f: pd.DataFrame, reader: Callable[[Any], Any], problem: str) -> pd.Series:
    return f["actual"].map(lambda v: reader(v).problem == problem).astype(bool)


def _marked(f: pd.DataFrame, test: Callable[[Any], bool]) -> pd.Series:
    return f["actual"].map(test).astype(bool)


def _sex_given(f: pd.DataFrame) -> pd.Series:
    return f["_sex"] & ~blank(f["actual"])


def _sex_sum_holds(f: pd.DataFrame) -> pd.Series:
    known = f[["_women", "_men", "_actual"]].notna().all(axis=1)
    return ~(f["_sex"] & known & ((f["_women"] + f["_men"]) != f["_actual"]))


def _sex_sum(found: Found) -> dict[str, Any]:
    women, men = found.facts["_women"], found.facts["_men"]
    return {"women": num(women), "men": num(men), "sum": num(women + men)}


def _fraction(found: Found) -> dict[str, Any]:
    return {"percent": num(found.facts["_actual"] * 100)}


def _number_rule(problem: str, code: str) -> RowRule:
    holds = lambda f: ~(_unit(f, *NUMERIC) & _problem(f, rv.read_value, problem))  # noqa: E731
    return RowRule(SHEET, code, "actual", holds, shown=shown_for(code))


def _required_sex(column: str) -> RowRule:
    holds = lambda f: ~(_sex_given(f) & blank(f[column]))  # noqa: E731
    return RowRule(SHEET, "return-required-sex", column, holds)


register(
    (_number_rule(problem, code) for problem, code in VALUE_PROBLEMS.items()),
    RowRule(
        SHEET,
        "return-percent-on-number",
        "actual",
        lambda f: ~(_unit(f, "number", "amount") & _marked(f, rv.typed_percent)),
    ),
    RowRule(
        SHEET,
        "return-bad-yes-no",
        "actual",
        lambda f: ~(_unit(f, "yes_no") & _problem(f, rv.read_yes_no, "invalid")),
    ),
    RowRule(
        SHEET,
        "return-percent-range",
        "actual",
        lambda f: ~(_unit(f, "percent") & ((f["_actual"] < 0) | (f["_actual"] > 100))),
    ),
    RowRule(
        SHEET,
        "return-percent-fraction",
        "actual",
        lambda f: ~(_unit(f, "percent") & _marked(f, rv.typed_percent_fraction)),
        _fraction,
    ),
    RowRule(
        SHEET,
        "return-required-comment",
        "comment",
        lambda f: ~(blank(f["actual"]) & blank(f["comment"])),
    ),
    _required_sex("actual_women"),
    _required_sex("actual_men"),
    RowRule(SHEET, "return-sex-sum", "actual", _sex_sum_holds, _sex_sum),
)
