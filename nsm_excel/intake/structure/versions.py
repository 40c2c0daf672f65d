"""Which rows of an older template version still hold: the issued content of two versions
compared, row by row. A pure core: two versions' issued content in, decisions out.

A row is known by its keys (measure code and role, or indicator code). A row whose locked
content is the same in the latest version is answered by a return on the older version; a row
the latest version changed or dropped is asked again in it, and so is a row it added. What is no
change to the person filling in the template is ignored: the order of the rows, the language
the register notes, a label beside its code, a column the older version did not have, and an
empty cell against another empty cell or 5 against 5.0. The Cover is
not compared: its identity fields differ from version to version by design.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from nsm_excel.intake.structure.table_rows import ROW_KEYS
from nsm_excel.template.columns import LABEL_OF, LABELLED

Key = tuple[str, ...]
CONTENT = {"Measures": "measures", "Indicators": "indicators"}  # sheet -> key of the content


@dataclass(frozen=True)
class Changed:
    """A row the latest version changed: which locked columns, and what they now hold."""

    key: Key
    now: Mapping[str, Any]  # column key -> the latest version's value, in column order


@dataclass(frozen=True)
class SheetDecisions:
    """What becomes of one sheet's rows of an older version."""

    unchanged: frozenset[Key]
    changed: Mapping[Key, Changed]
    dropped: frozenset[Key]
    added: tuple[Key, ...]  # in the latest version's order


def row_key(sheet: str, row: Mapping[str, Any]) -> Key:
    return tuple(_text(row.get(k)) for k in ROW_KEYS[sheet])


def compare(
    sheet: str, old: Sequence[Mapping[str, Any]], new: Sequence[Mapping[str, Any]]
) -> SheetDecisions:
    """The rows of ``old`` (an older version's issued rows of ``sheet``) against ``new``."""
    latest = {row_key(sheet, r): r for r in new}
    unchanged: set[Key] = set()
    changed: dict[Key, Changed] = {}
    dropped: set[Key] = set()
    for row in old:
        key = row_key(sheet, row)
        now = latest.get(key)
        if now is None:
            dropped.add(key)
            continue
        columns = [c for c in dict.fromkeys([*now, *row]) if _changed(c, row, now)]
        if columns:
            changed[key] = Changed(key, {c: now.get(c) for c in columns})
        else:
            unchanged.add(key)
    before = {row_key(sheet, r) for r in old}
    added = tuple(k for k in latest if k not in before)
    return SheetDecisions(frozenset(unchanged), changed, frozenset(dropped), added)


def decisions(old: Mapping[str, Any], new: Mapping[str, Any]) -> dict[str, SheetDecisions]:
    """Each table sheet's decisions, from two versions' issued content (the register's)."""
    return {
        sheet: compare(sheet, old.get(part) or [], new.get(part) or [])
        for sheet, part in CONTENT.items()
    }


def any_unchanged(found: Mapping[str, SheetDecisions]) -> bool:
    return any(d.unchanged for d in found.values())


def _changed(column: str, old: Mapping[str, Any], new: Mapping[str, Any]) -> bool:
    """Whether ``column`` reads differently in the latest version. A label follows its code
    (compared in its own column); a column the older version did not have is no change to
    what its reader answered."""
    if column in LABEL_OF or (column in LABELLED and column not in old):
        return False
    return not _same(old.get(column), new.get(column))


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, int | float) and isinstance(b, int | float) and not isinstance(a, bool):
        return float(a) == float(b)
    return _text(a) == _text(b)
