"""The master's Issues sheet with the secretariat's decisions on the period's returns.

Without a decision the sheet is the list of the counted returns' warnings. With one, it holds two
captioned tables: the decisions (:mod:`nsm_excel.consolidate.decided`: institution, file,
record, when on the workspace's clock, what was decided, the reason or comment as typed, who, and
the cells it concerned with the value typed or taken), then the issues, each with the decision
that settled it: an error overridden, a warning accepted, a cell of two copies settled.
"""

from __future__ import annotations

from typing import Any

from nsm_excel.consolidate.decided import AcceptedWarning, DecisionCell, DecisionLine
from nsm_excel.consolidate.model import Consolidated
from nsm_excel.core.vocab.kinds import ValueKind as K
from nsm_excel.core.words import Word
from nsm_excel.outputs.master_sheets import Column, Table, column, issue_columns
from nsm_excel.template.changes import shown_value

DECISIONS = Word("outputs.caption.decisions")
ISSUES = Word("outputs.caption.issues")


def issue_tables(data: Consolidated, lang: str) -> list[Table[Any]]:
    """The Issues sheet's tables in ``lang``: the issues alone when nothing was decided."""
    marked = any(w.decision for w in data.warnings)
    if not data.decisions and not marked:
        return [Table("Issues", issue_columns(lang), data.warnings)]
    issues = [*issue_columns(lang), column("decision", K.TEXT, 24, lambda w: mark(w, lang))]
    return [
        Table("Decisions", decision_columns(lang), data.decisions, DECISIONS),
        Table("Issues", issues, data.warnings, ISSUES),
    ]


def mark(warning: AcceptedWarning, lang: str) -> str:
    """How the secretariat settled the issue, in words ('' when it did not)."""
    return Word(f"outputs.decision.mark.{warning.decision}").get(lang) if warning.decision else ""


def kind(line: DecisionLine, lang: str) -> str:
    """What the decision did, in words."""
    return Word(f"outputs.decision.kind.{line.kind}").get(lang)


def cell_text(cell: DecisionCell, lang: str) -> str:
    """A cell a decision concerned: the error overridden and the value typed, or the value
    taken and from which copy."""
    whole = isinstance(cell.value, float) and cell.value.is_integer()
    value = shown_value(int(cell.value) if whole else cell.value, lang)  # 65000, not 65000.0
    if cell.take:
        copy = Word(f"outputs.decision.copy.{cell.take}").get(lang)
        return Word("outputs.decision.cell.taken").get(lang, cell=cell.address, copy=copy,
                                                       value=value)  # fmt: skip
    return Word("outputs.decision.cell.overridden").get(
        lang, cell=cell.address, code=cell.code, value=value
    )


def decision_columns(lang: str) -> list[Column[DecisionLine]]:
    """Aligned with the issues' columns below them, so one width serves both."""

    def cells(line: DecisionLine) -> str:
        return "\n".join(cell_text(c, lang) for c in line.cells)

    return [
        column("institution", K.TEXT, 12, lambda d: d.institution),
        column("file", K.TEXT, 26, lambda d: d.file),
        column("record", K.COUNT, 12, lambda d: d.record),
        column("decided_at", K.TEXT, 16, lambda d: d.when),
        column("decision", K.TEXT, 28, lambda d: kind(d, lang)),
        column("decided_reason", K.LONG_TEXT, 60, lambda d: d.reason),
        column("decided_by", K.TEXT, 24, lambda d: d.by),
        column("decided_cells", K.LONG_TEXT, 48, cells),
    ]
