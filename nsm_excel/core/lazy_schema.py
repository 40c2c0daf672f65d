"""Run a pandera schema lazily over a sheet and turn every failure into a cell-level finding.

Frames are indexed by the Excel row number, so a failure's index and column name a cell.
Checks are named after the issue code they raise; pandera's built-in checks are mapped by
``builtin_codes`` (``not_nullable`` for an empty required cell, ``field_uniqueness`` for repeats).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd
import pandera.pandas as pa
from pandera.errors import SchemaErrors


@dataclass(frozen=True)
class Failure:
    """One failed check at one cell: the issue code, the Excel row, the column key, the value."""

    code: str
    row: int  # the frame's index value (an Excel row, or a number that encodes one)
    key: str
    value: Any


def element_check(code: str, accepts: Callable[[Any], bool]) -> pa.Check:
    """A cell-by-cell check named after the issue code it raises; empty cells are not checked."""
    return pa.Check(accepts, element_wise=True, name=code, ignore_na=True)


def run(
    schema: pa.DataFrameSchema, frame: pd.DataFrame, builtin_codes: Mapping[str, str]
) -> list[Failure]:
    """Every failure of ``schema`` on ``frame`` in one pass, ordered by row then column order."""
    try:
        schema.validate(frame, lazy=True)
    except SchemaErrors as errors:
        return _failures(errors.failure_cases, builtin_codes, list(frame.columns))
    return []


def _failures(
    cases: pd.DataFrame, builtin_codes: Mapping[str, str], order: list[str]
) -> list[Failure]:
    found: list[Failure] = []
    for case in cases.to_dict("records"):
        check = str(case["check"])
        code = builtin_codes.get(check, check)
        index = case["index"]
        if index is None or index != index:
            continue  # frame-level failures are handled before the schema runs
        value = case["failure_case"]
        value = None if value is None or value != value else value
        found.append(Failure(code, int(index), str(case["column"]), value))
    rank = {key: n for n, key in enumerate(order)}
    found.sort(key=lambda f: (f.row, rank.get(f.key, len(rank))))
    return found
