"""Checks of any plan cell, whatever its column: what a template could not show as it stands.

- a number no spreadsheet can show (``NaN``, infinity, as a script writes them): an error;
- text over 32,767 characters, the most a cell holds (a reader cuts it, so the institution's
  return could never match its template): an error;
- text with control characters (shown in templates as ``␇``-like symbols), or text that a
  spreadsheet would take for a formula or a DDE call (``=``, ``+``, ``-``, ``@`` first): a warning.
  Templates write such text safely (see :mod:`nsm_excel.cell_text`); the warning asks for a look.

Pure functions of a sheet's values, used by :func:`nsm_excel.plan_frames.check_sheet`.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping
from typing import Any, NamedTuple

import pandas as pd
from openpyxl.utils import column_index_from_string

from nsm_excel.core import cell_text
from nsm_excel.core.issue_codes import IssueCode as C
from nsm_excel.core.issues import Issue
from nsm_excel.core.sheets import RawSheet

PREVIEW = 60  # characters of a long text echoed in its message

Cell = tuple[int, str]  # (Excel row, column key)


def not_finite(value: Any) -> bool:
    return isinstance(value, float) and not math.isfinite(value)


def shown_number(value: float) -> str:
    if math.isnan(value):
        return "NaN"
    return "-inf" if value < 0 else "inf"


def number_issues(
    raw: RawSheet, letters: Mapping[str, str], file: str
) -> tuple[list[Issue], set[Cell]]:
    """Cells of ``raw`` in the columns ``letters`` (key -> letter) holding NaN or infinity; the
    issues and where they are."""
    issues: list[Issue] = []
    where: set[Cell] = set()
    for key, letter in letters.items():
        index = column_index_from_string(letter) - 1
        for row, cells in raw.rows:
            value = cells[index] if index < len(cells) else None
            if isinstance(value, float) and not_finite(value):
                place = Place(file, raw.name, f"{letter}{row}", key)
                issues.append(place.issue(C.PLAN_NOT_A_NUMBER, shown_number(value)))
                where.add((row, key))
    return issues, where


class Place(NamedTuple):
    """Where a plan cell is: file, sheet, A1 cell and its column key."""

    file: str
    sheet: str
    cell: str
    key: str

    def issue(self, code: str, value: str, **params: str) -> Issue:
        return Issue(code, *self, value, {"key": self.key, **params})


def text_issues(
    frame: pd.DataFrame, sheet: str, letters: Mapping[str, str], file: str, skip: set[Cell]
) -> list[Issue]:
    """Text too long for a cell, with control characters, or taken for a formula; the cells in
    ``skip`` (already reported) are left out."""
    issues: list[Issue] = []
    for key in frame.columns:
        for row, value in frame[key].items():
            if isinstance(value, str) and (row, key) not in skip:
                place = Place(file, sheet, f"{letters[str(key)]}{row}", str(key))
                issues.extend(_text(value, place))
    return issues


def _text(text: str, place: Place) -> Iterator[Issue]:
    if cell_text.too_long(text):
        preview = cell_text.shown(text[:PREVIEW]) + cell_text.ELLIPSIS
        length = f"{len(text):,}".replace(",", " ")
        yield place.issue(C.PLAN_TEXT_TOO_LONG, preview, length=length)
        return
    shown = cell_text.shown(text)
    if cell_text.has_control(text):
        yield place.issue(C.PLAN_CONTROL_CHARACTERS, shown)
    if cell_text.formula_like(text):
        start = text.lstrip(cell_text.LEADING_SPACES)[:1]
        yield place.issue(C.PLAN_FORMULA_LIKE_TEXT, shown, start=start)
