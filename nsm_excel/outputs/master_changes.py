"""The master's Changes sheet: what each counted resend changed against the return it replaced.

One line per change (:mod:`nsm_excel.consolidate.resends`): the institution, the record and file
of the counted return, when it was received, the sheet and cell, the row's code and the
column's label, the value before and now (as the feedback shows them), and whether a cell
changed or a row was added or is gone.
"""

from __future__ import annotations

from nsm_excel.consolidate.resends import ChangeLine
from nsm_excel.core.vocab.kinds import ValueKind as K
from nsm_excel.core.words import Word
from nsm_excel.outputs.master_sheets import Column, Table, column
from nsm_excel.template.changes import shown_value, where


def changes_table(lines: tuple[ChangeLine, ...], lang: str) -> Table[ChangeLine]:
    """The Changes sheet's table in ``lang``."""
    return Table("Changes", _columns(lang), lines)


def _columns(lang: str) -> list[Column[ChangeLine]]:
    def kind(line: ChangeLine) -> str:
        return Word(f"feedback.changes.kind.{line.change.kind}").get(lang)

    def value(before: bool) -> object:
        def get(line: ChangeLine) -> str:
            if line.change.kind != "changed":
                return ""
            return shown_value(line.change.before if before else line.change.after, lang)

        return get

    return [
        column("institution", K.TEXT, 12, lambda c: c.institution),
        column("record", K.COUNT, 8, lambda c: c.record),
        column("file", K.TEXT, 26, lambda c: c.file),
        column("received_at", K.TEXT, 20, lambda c: c.received_at),
        column("replaced_record", K.COUNT, 10, lambda c: c.replaced),
        column("sheet", K.TEXT, 12, lambda c: c.change.sheet),
        column("cell", K.TEXT, 8, lambda c: c.change.cell),
        column("changed_what", K.TEXT, 32, lambda c: where(c.change, lang)),
        column("code", K.TEXT, 12, lambda c: c.change.code),
        column("before", K.LONG_TEXT, 40, value(True)),  # type: ignore[arg-type]
        column("now", K.LONG_TEXT, 40, value(False)),  # type: ignore[arg-type]
        column("change", K.TEXT, 14, kind),
    ]
