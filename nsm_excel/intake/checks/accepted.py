"""The answers of an accepted return, typed as the ledger stores them (JSON-ready)."""

from __future__ import annotations

from typing import Any

from nsm_excel.intake import answers as rv
from nsm_excel.intake.checks.engine import INPUTS
from nsm_excel.intake.checks.rule import SHEETS
from nsm_excel.intake.inbox import Incoming
from nsm_excel.intake.structure.examined import Examined
from nsm_excel.template.columns import TemplateColumn, ValueKind


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
        return rv.unit_reader(unit)(raw).value
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


def typed_values(item: Incoming) -> dict[str, Any]:
    """:func:`accepted_values` of a file of a run, worked out once however often asked (the
    merge of copies, the changes of a resend and the record each need them)."""
    if item.typed is None:
        assert item.examined is not None
        item.typed = accepted_values(item.examined)
    return item.typed
