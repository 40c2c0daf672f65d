"""The contract's rules over a row of the Indicators sheet, and the facts they compare."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pandas as pd

from nsm_excel.core.issue_codes import IssueCode as C
from nsm_excel.core.vocab import units
from nsm_excel.intake import answers as rv
from nsm_excel.intake.checks.cells import shown_for
from nsm_excel.intake.checks.readings import blank, num, number
from nsm_excel.intake.checks.rule import Fact, Found, RowRule, register

SHEET = "Indicators"
# the code each problem of the number reader raises on an indicator's actual value
VALUE_PROBLEMS = units.NUMBER_PROBLEMS


def _actual(f: pd.DataFrame) -> pd.Series:
    """The actual value as a number, read as its unit reads it (a yes/no as 1/0); none for
    45% typed on a unit that is not a percent."""
    read = [
        number(rv.unit_reader(unit))(raw) for raw, unit in zip(f["actual"], f["_unit"], strict=True)
    ]
    value = pd.Series(read, index=f.index, dtype=float)
    percent = f["actual"].map(rv.typed_percent).astype(bool) & ~_unit(f, *_percent_units(True))
    return value.where(~percent)


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


def _value_rule(code: str) -> RowRule:
    """``code`` on an indicator's value where its unit's reader names a problem raising it."""

    def holds(f: pd.DataFrame) -> pd.Series:
        bad = pd.Series(False, index=f.index)
        for unit in units.UNITS.values():
            problems = {problem for problem, raised in unit.problems.items() if raised == code}
            rows = f["_unit"] == unit.code
            if problems and rows.any():
                found = f.loc[rows, "actual"].map(_names(rv.unit_reader(unit.code), problems))
                bad[rows] = found.astype(bool)
        return ~bad

    return RowRule(SHEET, code, "actual", holds, shown=shown_for(code))


def _names(reader: Callable[[Any], Any], problems: set[str]) -> Callable[[Any], bool]:
    return lambda value: reader(value).problem in problems


def _range_rule(code: str) -> RowRule:
    """``code`` on an indicator's value outside the range of a unit that raises it."""

    def holds(f: pd.DataFrame) -> pd.Series:
        bad = pd.Series(False, index=f.index)
        for unit in units.UNITS.values():
            if unit.return_issue == code:
                low = f["_actual"] < unit.low if unit.low is not None else False
                high = f["_actual"] > unit.high if unit.high is not None else False
                bad |= _unit(f, unit.code) & (low | high)
        return ~bad

    return RowRule(SHEET, code, "actual", holds)


def _percent_units(percent: bool) -> tuple[str, ...]:
    """Units read as numbers whose values are percents (or are not)."""
    return tuple(u for u in units.with_reader("read_value") if units.UNITS[u].percent == percent)


def _value_codes() -> list[str]:
    """Every code a unit's reader can raise: the vocabulary's problem tables, then any unit's."""
    tables = (units.NUMBER_PROBLEMS, units.WHOLE_PROBLEMS, units.YES_NO_PROBLEMS)
    found = [c for t in tables for c in t.values()] + [
        c for u in units.UNITS.values() for c in u.problems.values()
    ]
    return list(dict.fromkeys(found))


def _range_codes() -> list[str]:
    return list(dict.fromkeys(u.return_issue for u in units.UNITS.values() if u.return_issue))


def _required_sex(column: str) -> RowRule:
    holds = lambda f: ~(_sex_given(f) & blank(f[column]))  # noqa: E731
    return RowRule(SHEET, C.RETURN_REQUIRED_SEX, column, holds)


register(
    (_value_rule(code) for code in _value_codes()),
    RowRule(
        SHEET,
        C.RETURN_PERCENT_ON_NUMBER,
        "actual",
        lambda f: ~(_unit(f, *_percent_units(False)) & _marked(f, rv.typed_percent)),
    ),
    (_range_rule(code) for code in _range_codes()),
    RowRule(
        SHEET,
        C.RETURN_PERCENT_FRACTION,
        "actual",
        lambda f: ~(_unit(f, *_percent_units(True)) & _marked(f, rv.typed_percent_fraction)),
        _fraction,
    ),
    RowRule(
        SHEET,
        C.RETURN_REQUIRED_COMMENT,
        "comment",
        lambda f: ~(blank(f["actual"]) & blank(f["comment"])),
    ),
    _required_sex("actual_women"),
    _required_sex("actual_men"),
    RowRule(SHEET, C.RETURN_SEX_SUM, "actual", _sex_sum_holds, _sex_sum),
)
