"""The master's sheet of accepted rows on measures or indicators the plan no longer has.

Listed with the reason and their spending, never added to the plan's totals; the sheet is
there only when such rows are (:mod:`nsm_excel.outputs.master_tables`).
"""

from __future__ import annotations

from nsm_excel.consolidate.model import Orphan
from nsm_excel.core.vocab.kinds import ValueKind as K
from nsm_excel.core.words import Word
from nsm_excel.outputs.master_sheets import Column, Table, column, status_label

SHEET = Word("outputs.history.sheet")


def orphan_columns(lang: str) -> list[Column[Orphan]]:
    return [
        column("institution", K.TEXT, 12, lambda o: o.institution),
        column("file", K.TEXT, 24, lambda o: o.file),
        column("sheet", K.TEXT, 12, lambda o: o.sheet),
        column("code", K.TEXT, 12, lambda o: o.code),
        column("role", K.TEXT, 9, lambda o: o.role),
        column("reason", K.LONG_TEXT, 30, lambda o: o.reason_in(lang)),
        column("status", K.TEXT, 14, lambda o: status_label(o.status, lang) if o.role else ""),
        column("value", K.NUMBER, 12, lambda o: o.value),
        column("spent_state", K.AMOUNT, 16, lambda o: o.spent_state if o.role else None),
        column("spent_donor", K.AMOUNT, 16, lambda o: o.spent_donor if o.role else None),
    ]


def orphan_tables(rows: tuple[Orphan, ...], lang: str) -> dict[str, list[Table[Orphan]]]:
    """The sheet, under its name in ``lang``, when there are such rows; nothing otherwise."""
    if not rows:
        return {}
    return {SHEET.shown(lang): [Table("NotInPlan", orphan_columns(lang), rows)]}
