"""What changed between two returns of one template: their accepted answers, cell by cell.

A pure comparison of two ledger ``accepted_values`` (the earlier return and the one that
replaced it). Cover fields are matched by field, the rows of Measures and Indicators by their
code (a measure's row also by the institution's role in it). Each change names the sheet, the
cell as the newer return shows it (A1), the column's key, the row's code and the value before
and after; a row only one of the two returns holds is one change saying it was added or is gone.
Intake shows the changes in a resend's feedback, the outputs in the master's Changes sheet, and
``nsm show`` beside the record.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from nsm_excel.core import words
from nsm_excel.template.columns import INDICATOR_COLUMNS, MEASURE_COLUMNS
from nsm_excel.template.cover_fields import COVER_FIELDS
from nsm_excel.template.layout import FIRST_ROW

CHANGED, ADDED, GONE = "changed", "added", "gone"
ROW = "_row"
_COVER_VALUE_COLUMN = "C"  # Cover: field, label, value
_TABLES = {"Measures": MEASURE_COLUMNS, "Indicators": INDICATOR_COLUMNS}
_ROW_KEYS = {"Measures": ("measure_code", "role"), "Indicators": ("indicator_code",)}


@dataclass(frozen=True)
class Change:
    """One difference: ``kind`` is changed (a cell), added or gone (a whole row)."""

    sheet: str
    cell: str
    key: str
    code: str
    before: Any
    after: Any
    kind: str = CHANGED

    def to_dict(self) -> dict[str, Any]:
        return {
            "sheet": self.sheet,
            "cell": self.cell,
            "key": self.key,
            "code": self.code,
            "before": self.before,
            "after": self.after,
            "kind": self.kind,
        }


def column_letter(index: int) -> str:
    """The Excel letter of a 0-based column index: 0 -> A, 27 -> AB."""
    letters, n = "", index + 1
    while n:
        n, rest = divmod(n - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def between(before: Mapping[str, Any] | None, after: Mapping[str, Any] | None) -> list[Change]:
    """Every change from the answers ``before`` to the answers ``after``, sheet by sheet."""
    old, new = before or {}, after or {}
    found = _cover(old.get("Cover") or {}, new.get("Cover") or {})
    for sheet in _TABLES:
        found += _table(sheet, _rows(old.get(sheet)), _rows(new.get(sheet)))
    return found


def _rows(value: Any) -> list[Mapping[str, Any]]:
    if not isinstance(value, Sequence) or isinstance(value, str):
        return []
    return [r for r in value if isinstance(r, Mapping)]


def _cover(old: Mapping[str, Any], new: Mapping[str, Any]) -> list[Change]:
    found = []
    for offset, field in enumerate(COVER_FIELDS):
        if field.input and old.get(field.key) != new.get(field.key):
            cell = f"{_COVER_VALUE_COLUMN}{FIRST_ROW + offset}"
            found.append(
                Change("Cover", cell, field.key, field.key, old.get(field.key), new.get(field.key))
            )
    return found


def _identity(sheet: str, row: Mapping[str, Any]) -> tuple[str, ...]:
    return tuple(str(row.get(k) or "") for k in _ROW_KEYS[sheet])


def _table(sheet: str, old: list[Mapping[str, Any]], new: list[Mapping[str, Any]]) -> list[Change]:
    columns = _TABLES[sheet]
    letters = {c.key: column_letter(i) for i, c in enumerate(columns)}
    inputs = [c.key for c in columns if c.input]
    earlier = {_identity(sheet, r): r for r in old}
    later = {_identity(sheet, r): r for r in new}
    found: list[Change] = []
    for ident, row in later.items():
        code, excel_row = ident[0], row.get(ROW, "")
        was = earlier.get(ident)
        if was is None:
            found.append(Change(sheet, f"A{excel_row}", "", code, None, None, ADDED))
            continue
        found += [
            Change(sheet, f"{letters[k]}{excel_row}", k, code, was.get(k), row.get(k))
            for k in inputs
            if was.get(k) != row.get(k)
        ]
    found += [
        Change(sheet, f"A{row.get(ROW, '')}", "", ident[0], None, None, GONE)
        for ident, row in earlier.items()
        if ident not in later
    ]
    return found


def described(change: Change, lang: str) -> str:
    """The change as one line in ``lang``: ``Measures!H5 (M1.1, progress): 'a' -> 'b'``."""
    where = {"sheet": change.sheet, "cell": change.cell, "code": change.code, "key": change.key}
    if change.kind != CHANGED:
        return words.text(f"changes.{change.kind}", lang, **where)
    before, after = shown_value(change.before, lang), shown_value(change.after, lang)
    return words.text("changes.changed", lang, **where, before=before, after=after)


_LABELS = {
    "Cover": {c.key: c.label for c in COVER_FIELDS},
    **{sheet: {c.key: c.label for c in columns} for sheet, columns in _TABLES.items()},
}


def where(change: Change, lang: str) -> str:
    """The row's code and the column's label in ``lang`` ('M1.1 · Progress'); a Cover field's
    label alone, a row added or gone its code."""
    label = _LABELS.get(change.sheet, {}).get(change.key)
    column = label.get(lang) if label is not None else change.key
    if change.sheet == "Cover":
        return column
    return f"{change.code} · {column}" if column else change.code


def shown_value(value: Any, lang: str) -> str:
    """A value as the change shows it: quoted text, a number as is, '(empty)' for none."""
    if value is None or value == "":
        return words.text("changes.empty", lang)
    return repr(value) if isinstance(value, str) else str(value)
